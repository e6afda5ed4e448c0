//! Exact, overflow-checked arithmetic and the formatting of money and quantities.

use rust_decimal::{Decimal, dec};

/// A computation that would not fit in an exact decimal, or a monthly figure past
/// [`MAX_MONTHLY`]: the input is absurd.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Overflow {
    pub what: String,
    /// The bound the figure passed; `None` for the range of an exact decimal.
    pub bound: Option<Decimal>,
}

impl std::fmt::Display for Overflow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.bound {
            None => write!(
                f,
                "{} is too large to compute exactly (over 7.9e28)",
                self.what
            ),
            Some(b) => write!(
                f,
                "{} is over {} a month, more than any real bill",
                self.what,
                usd(b)
            ),
        }
    }
}

impl Overflow {
    pub fn new(what: &str) -> Overflow {
        Overflow {
            what: what.to_string(),
            bound: None,
        }
    }
}

/// The largest monthly cost of one option or store: far beyond any real bill, yet small
/// enough that every sum a report makes (a workload holds at most 10,000 components with
/// ten options each, and 10,000 stores) stays below 1.2e27, inside the exact range.
pub const MAX_MONTHLY: Decimal = dec!(10_000_000_000_000_000_000_000);

/// `d`, or an error naming `what` when it is over [`MAX_MONTHLY`].
pub fn monthly(what: &str, d: Decimal) -> Result<Decimal, Overflow> {
    if d.abs() > MAX_MONTHLY {
        return Err(Overflow {
            what: what.to_string(),
            bound: Some(MAX_MONTHLY),
        });
    }
    Ok(d)
}

/// The product of `xs`, or an error naming `what` on overflow.
pub fn prod(what: &str, xs: &[Decimal]) -> Result<Decimal, Overflow> {
    let Some((first, rest)) = xs.split_first() else {
        return Ok(Decimal::ONE);
    };
    rest.iter().try_fold(*first, |acc, x| {
        acc.checked_mul(*x).ok_or_else(|| Overflow::new(what))
    })
}

/// The sum of `xs`, or an error naming `what` on overflow.
pub fn sum(what: &str, xs: impl IntoIterator<Item = Decimal>) -> Result<Decimal, Overflow> {
    xs.into_iter().try_fold(Decimal::ZERO, |acc, x| {
        acc.checked_add(x).ok_or_else(|| Overflow::new(what))
    })
}

/// `a − b`, or an error naming `what` on overflow.
pub fn diff(what: &str, a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    a.checked_sub(b).ok_or_else(|| Overflow::new(what))
}

/// `a / b`, or an error naming `what` on overflow or when `b` is zero.
pub fn div(what: &str, a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    a.checked_div(b).ok_or_else(|| Overflow::new(what))
}

/// Rounds to cents, half away from zero (DESIGN.md "Money").
pub fn cents(d: Decimal) -> Decimal {
    round(d, 2, Midpoint::AwayFromZero)
}

/// `round_dp` (half to even) by [`round`]: the same figures, without the digit loop.
pub trait RoundEven {
    fn round_even(&self, dp: u32) -> Decimal;
}

impl RoundEven for Decimal {
    fn round_even(&self, dp: u32) -> Decimal {
        round(*self, dp, Midpoint::NearestEven)
    }
}

/// How [`round`] settles a value exactly halfway.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Midpoint {
    /// Away from zero, as money is rounded.
    AwayFromZero,
    /// To the even neighbour, as `Decimal::round_dp` does.
    NearestEven,
}

/// `d` rounded to `dp` decimal places: the same value, scale and sign as
/// `round_dp_with_strategy` with the matching strategy, by one 128-bit division instead
/// of a digit loop (every bill line is rounded to cents).
pub fn round(d: Decimal, dp: u32, midpoint: Midpoint) -> Decimal {
    let scale = d.scale();
    if scale <= dp {
        return d;
    }
    let negative = d.is_sign_negative();
    if d.is_zero() {
        let mut z = Decimal::from_parts(0, 0, 0, false, dp);
        z.set_sign_negative(negative);
        return z;
    }
    let m = d.mantissa().unsigned_abs();
    let p = 10u128.pow(scale - dp);
    let q = m / p;
    let r = m - q * p;
    let half = p / 2;
    let up = r > half || (r == half && (midpoint == Midpoint::AwayFromZero || q & 1 == 1));
    let q = q + u128::from(up);
    Decimal::from_parts(q as u32, (q >> 32) as u32, (q >> 64) as u32, negative, dp)
}

/// A quantity as a person reads it: thousands separators, four decimals at most (four
/// significant digits below 1), half away from zero, no trailing zeros: `2,592,000,000`,
/// `0.125`, `2.5347`, `0.000236`. Exact figures stay in the JSON; unit prices have their
/// own [`unit_price`].
pub fn qty(d: Decimal) -> String {
    Qty(d).to_string()
}

/// [`qty`] as a `Display`: written straight into the text being formatted, with no string
/// of its own (`format!("{} GB", Qty(x))`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Qty(pub Decimal);

impl std::fmt::Display for Qty {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let dp = (3 - magnitude(self.0)).clamp(4, 28) as u32;
        write_exact(round(self.0, dp, Midpoint::AwayFromZero), f)
    }
}

/// The power of ten of the leading digit: 2 for 231.5, -4 for 0.000236; 0 for zero.
pub fn magnitude(d: Decimal) -> i64 {
    let n = d.abs().normalize();
    match n.mantissa().unsigned_abs().checked_ilog10() {
        Some(l) => i64::from(l) - i64::from(n.scale()),
        None => 0,
    }
}

/// Every digit, with thousands separators and no trailing zeros.
fn exact(d: Decimal) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_exact(d, &mut out);
    out
}

/// [`exact`] written to `out` straight from the mantissa's digits, laid out on the stack
/// and written at once: quantities are formatted by the thousand in a bill.
fn write_exact(d: Decimal, out: &mut impl std::fmt::Write) -> std::fmt::Result {
    let d = d.normalize();
    // A 96-bit mantissa has at most 29 digits.
    let mut buf = [0u8; 40];
    let m = d.mantissa().unsigned_abs();
    // Most quantities fit 64 bits, whose division is far cheaper than 128-bit division.
    let start = match u64::try_from(m) {
        Ok(small) => fill_digits(small, &mut buf),
        Err(_) => fill_digits(m, &mut buf),
    };
    let digits = &buf[start..];
    let scale = d.scale() as usize;
    // Digits before the point (none: "0") and after it (zeros first when it is all fraction).
    let int_len = digits.len().saturating_sub(scale);
    let (int, frac) = digits.split_at(int_len);
    // Sign, 29 digits, 9 separators, the point and up to 28 leading zeros: under 96 bytes.
    let mut text = [0u8; 96];
    let mut n = 0;
    let mut put = |b: u8| {
        text[n] = b;
        n += 1;
    };
    if d.is_sign_negative() && !d.is_zero() {
        put(b'-');
    }
    if int.is_empty() {
        put(b'0');
    }
    for (i, ch) in int.iter().enumerate() {
        if i > 0 && (int_len - i).is_multiple_of(3) {
            put(b',');
        }
        put(*ch);
    }
    if scale > 0 {
        put(b'.');
        for _ in frac.len()..scale {
            put(b'0');
        }
        for ch in frac {
            put(*ch);
        }
    }
    // Only ASCII digits, signs and separators were written.
    out.write_str(std::str::from_utf8(&text[..n]).map_err(|_| std::fmt::Error)?)
}

/// Writes `m`'s decimal digits at the end of `buf`; returns where they start.
fn fill_digits<T>(mut m: T, buf: &mut [u8; 40]) -> usize
where
    T: Copy
        + PartialEq
        + From<u8>
        + TryInto<u8>
        + std::ops::Rem<Output = T>
        + std::ops::Div<Output = T>,
{
    let (zero, ten) = (T::from(0), T::from(10));
    let mut start = buf.len();
    loop {
        start -= 1;
        buf[start] = b'0' + (m % ten).try_into().unwrap_or(0);
        m = m / ten;
        if m == zero {
            return start;
        }
    }
}

/// Money in dollars and cents with separators: `$4,838.41`.
pub fn usd(d: Decimal) -> String {
    let c = cents(d);
    let s = qty(c.trunc());
    let frac = (c.fract().abs() * Decimal::ONE_HUNDRED).round();
    let sign = if c.is_sign_negative() && c.trunc().is_zero() && !c.is_zero() {
        "-"
    } else {
        ""
    };
    format!("{sign}${s}.{frac:02}")
}

/// A difference in dollars with its sign: `+$12.00`, `−$3.40`, `$0.00`.
pub fn signed_usd(d: Decimal) -> String {
    let s = usd(d.abs());
    if s == "$0.00" {
        s
    } else if d.is_sign_negative() {
        format!("−{s}")
    } else {
        format!("+{s}")
    }
}

/// A unit price as written in bills: `$0.20 per 1M` for tiny prices with a round
/// per-million figure, else every digit (`$0.0000166667`).
pub fn unit_price(d: Decimal) -> String {
    if d < Decimal::new(1, 4)
        && !d.is_zero()
        && let Some(per_m) = d.checked_mul(Decimal::from(1_000_000))
        && per_m.normalize().scale() <= 2
    {
        return format!("${} per 1M", money_digits(per_m));
    }
    format!("${}", money_digits(d))
}

/// At least two decimals, more when the value has them: `0.20`, `0.0000166667`, `3.06`.
pub fn money_digits(d: Decimal) -> String {
    let n = d.normalize();
    if n.scale() < 2 {
        let mut r = n;
        r.rescale(2);
        qty_keep_scale(r)
    } else {
        exact(n)
    }
}

fn qty_keep_scale(d: Decimal) -> String {
    let s = qty(d.trunc());
    let frac = d.to_string();
    match frac.split_once('.') {
        Some((_, f)) => format!("{s}.{f}"),
        None => s,
    }
}

/// The JSON Schema of money as the JSON output writes it: dollars as a string with
/// exactly two decimals ("12.30"), so no reader rounds it through a float.
pub struct MoneyJson;

impl schemars::JsonSchema for MoneyJson {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Money".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "US dollars as a string with exactly two decimals.",
            "type": "string",
            "pattern": "^-?[0-9]+\\.[0-9]{2}$"
        })
    }
}

/// The JSON Schema of an exact decimal written as a string ("0.0000166667"): quantities
/// and unit prices keep every digit.
pub struct ExactJson;

impl schemars::JsonSchema for ExactJson {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ExactDecimal".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An exact decimal as a string, every digit kept.",
            "type": "string",
            "pattern": "^-?[0-9]+(\\.[0-9]+)?$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::RoundingStrategy;

    proptest::proptest! {
        /// [`round`] is `round_dp_with_strategy`: the same value, scale and sign, at every
        /// scale, for both midpoints.
        #[test]
        fn round_is_the_decimals_own(
            lo: u32, mid: u32, hi: u32, negative: bool, scale in 0u32..=28, dp in 0u32..=28,
            short in 0u32..4,
        ) {
            // Short mantissas too, so exact halves and zeros are met.
            let (lo, mid, hi) = match short {
                0 => (lo % 1000, 0, 0),
                1 => (lo, 0, 0),
                2 => (lo, mid, 0),
                _ => (lo, mid, hi),
            };
            let d = Decimal::from_parts(lo, mid, hi, negative, scale);
            for (m, s) in [
                (Midpoint::AwayFromZero, RoundingStrategy::MidpointAwayFromZero),
                (Midpoint::NearestEven, RoundingStrategy::MidpointNearestEven),
            ] {
                let ours = round(d, dp, m);
                let theirs = d.round_dp_with_strategy(dp, s);
                proptest::prop_assert_eq!(ours, theirs);
                proptest::prop_assert_eq!(ours.scale(), theirs.scale());
                proptest::prop_assert_eq!(ours.is_sign_negative(), theirs.is_sign_negative());
            }
        }
    }

    #[test]
    fn round_at_exact_halves() {
        for (d, dp, away, even) in [
            (dec!(2.345), 2, dec!(2.35), dec!(2.34)),
            (dec!(2.355), 2, dec!(2.36), dec!(2.36)),
            (dec!(-2.345), 2, dec!(-2.35), dec!(-2.34)),
            (dec!(0.5), 0, dec!(1), dec!(0)),
            (dec!(-0.004), 2, dec!(0.00), dec!(0.00)),
        ] {
            assert_eq!(round(d, dp, Midpoint::AwayFromZero), away);
            assert_eq!(round(d, dp, Midpoint::NearestEven), even);
        }
    }

    /// The formatting [`exact`] replaced, through the decimal's own display: the oracle.
    fn exact_by_display(d: Decimal) -> String {
        let d = d.normalize();
        let s = d.abs().to_string();
        let (int, frac) = match s.split_once('.') {
            Some((i, f)) => (i.to_string(), Some(f.to_string())),
            None => (s, None),
        };
        let mut grouped = String::new();
        for (i, ch) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        let sign = if d.is_sign_negative() && !d.is_zero() {
            "-"
        } else {
            ""
        };
        match frac {
            Some(f) => format!("{sign}{grouped}.{f}"),
            None => format!("{sign}{grouped}"),
        }
    }

    #[test]
    fn exact_writes_what_the_decimals_display_wrote() {
        let mut values = vec![
            Decimal::ZERO,
            Decimal::ONE,
            -Decimal::ONE,
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(1, 28),
            Decimal::new(-1, 28),
            Decimal::new(0, 5),
            Decimal::new(-0, 3),
            Decimal::new(1_000_000, 3),
            Decimal::new(123_456_789, 4),
        ];
        // Every scale, with mantissas of every length and trailing zeros.
        let mut m: i128 = 7;
        for _ in 0..28 {
            for scale in 0..=28 {
                for x in [m, -m, m * 10, m + 1] {
                    if let Ok(d) = Decimal::try_from_i128_with_scale(x, scale) {
                        values.push(d);
                    }
                }
            }
            m = m * 10 + 3;
        }
        for d in values {
            assert_eq!(exact(d), exact_by_display(d), "{d:?}");
        }
    }
    use rust_decimal::dec;

    #[test]
    fn formats_like_a_bill() {
        assert_eq!(qty(dec!(2592000000)), "2,592,000,000");
        assert_eq!(qty(dec!(0.1250)), "0.125");
        assert_eq!(qty(dec!(2.5347222222222222222222222222)), "2.5347");
        assert_eq!(qty(dec!(0.000236111)), "0.0002361");
        assert_eq!(qty(dec!(0.63368055555555555)), "0.6337");
        assert_eq!(qty(dec!(-1234.56789)), "-1,234.5679");
        assert_eq!(qty(Decimal::ZERO), "0");
        assert_eq!(signed_usd(dec!(12)), "+$12.00");
        assert_eq!(signed_usd(dec!(-3.4)), "−$3.40");
        assert_eq!(signed_usd(dec!(-1234.567)), "−$1,234.57");
        assert_eq!(signed_usd(Decimal::ZERO), "$0.00");
        assert_eq!(signed_usd(dec!(-0.001)), "$0.00");
        assert_eq!(magnitude(dec!(231.5)), 2);
        assert_eq!(magnitude(dec!(-0.000236)), -4);
        assert_eq!(magnitude(dec!(1)), 0);
        assert_eq!(usd(dec!(4838.408)), "$4,838.41");
        assert_eq!(usd(dec!(0.0018)), "$0.00");
        assert_eq!(unit_price(dec!(0.0000002)), "$0.20 per 1M");
        assert_eq!(unit_price(dec!(0.0000166667)), "$0.0000166667");
        assert_eq!(unit_price(dec!(0.04048)), "$0.04048");
        assert_eq!(unit_price(dec!(3.06)), "$3.06");
        assert_eq!(unit_price(dec!(5)), "$5.00");
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(cents(dec!(0.005)), dec!(0.01));
        assert_eq!(cents(dec!(324.485)), dec!(324.49));
    }

    #[test]
    fn overflow_is_an_error() {
        let big = Decimal::MAX;
        assert!(prod("x", &[big, dec!(2)]).is_err());
        assert!(sum("x", [big, big]).is_err());
        assert!(diff("x", Decimal::MIN, big).is_err());
        assert!(div("x", big, dec!(0.5)).is_err());
        assert!(div("x", Decimal::ONE, Decimal::ZERO).is_err());
        assert_eq!(
            monthly("the total", MAX_MONTHLY + Decimal::ONE)
                .unwrap_err()
                .to_string(),
            "the total is over $10,000,000,000,000,000,000,000.00 a month, more than any real bill"
        );
        assert_eq!(monthly("the total", MAX_MONTHLY), Ok(MAX_MONTHLY));
    }

    #[test]
    fn formatting_a_price_at_the_edge_of_the_range_does_not_overflow() {
        // A price × 1,000,000 (for "per 1M") would pass the range of a decimal.
        assert_eq!(
            unit_price(dec!(0.00000000000000000001)),
            "$0.00000000000000000001"
        );
        let huge = Decimal::MAX;
        assert!(unit_price(huge).starts_with("$79,228,162,514,264,337,593,543,950,335"));
        assert!(usd(huge).starts_with("$79,228"));
        assert!(!qty(huge).is_empty());
    }
}
