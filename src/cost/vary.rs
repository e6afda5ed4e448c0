//! Moving one trait of one component: the traits a what-if can vary, today's value of
//! each, the workload with a trait set to another value (the traits derived from it
//! following), the grid a sweep walks, and where two placements' bills cross. Cost-model
//! arithmetic only: no rule is evaluated here (the analyses built on `advise()`, such as
//! sweeps and break-evens of the recommendation, live in the analysis layer above).

use crate::workload::key;
use rust_decimal::Decimal;
use rust_decimal::dec;

use crate::cost::money::RoundEven;
use crate::cost::{self, CostError, Overflow, Pricing, money};
use crate::placement::Placement;
use crate::workload::{Component, Workload};

word_enum!(
    /// A trait a sweep can vary.
    Vary {
        RequestsPerMonth = "requests_per_month", DurationMs = "duration_ms",
        MemoryMb = "memory_mb", PeakRps = "peak_rps",
        ActiveHoursPerDay = "active_hours_per_day",
    }
);

impl Vary {
    /// The smallest step the trait takes: break-evens are exact to it.
    pub fn resolution(self) -> Decimal {
        match self {
            Vary::RequestsPerMonth | Vary::MemoryMb => Decimal::ONE,
            Vary::DurationMs | Vary::PeakRps | Vary::ActiveHoursPerDay => dec!(0.001),
        }
    }

    /// The largest value the trait can take: what a workload file accepts (24 hours a day;
    /// a request as long as the month). Sweeps stay within it, so every point is a
    /// workload archway could have read.
    pub fn ceiling(self, w: &Workload) -> Decimal {
        match self {
            Vary::RequestsPerMonth => dec!(1_000_000_000_000_000),
            Vary::MemoryMb => dec!(1_048_576),
            Vary::DurationMs => w.assumptions.hours_per_month * dec!(3_600_000),
            Vary::PeakRps => dec!(1_000_000_000),
            Vary::ActiveHoursPerDay => dec!(24),
        }
    }
}

/// The workload with one component's trait set to `value`, derived traits following it.
pub fn with_value(
    w: &Workload,
    index: usize,
    vary: Vary,
    value: Decimal,
) -> Result<Workload, Overflow> {
    let mut v = w.clone();
    v.components[index] = component_with_value(w, index, vary, value)?;
    Ok(v)
}

/// Component `index` of `w` with its trait set to `value`, derived traits following it.
pub fn component_with_value(
    w: &Workload,
    index: usize,
    vary: Vary,
    value: Decimal,
) -> Result<Component, Overflow> {
    let mut c = w.components[index].clone();
    set_value(&mut c, w.assumptions.hours_per_month, vary, value)?;
    Ok(c)
}

/// Sets `c`'s trait to `value` and the traits derived from it, in a month of `hours`.
fn set_value(
    c: &mut Component,
    hours: Decimal,
    vary: Vary,
    value: Decimal,
) -> Result<(), Overflow> {
    let before = current_of(c, hours, vary);
    // `a × b ÷ d`, dividing first when the product would not fit.
    let scale = |what: &str, a: Decimal, b: Decimal, d: Decimal| -> Result<Decimal, Overflow> {
        match a.checked_mul(b) {
            Some(ab) => money::div(what, ab, d),
            None => money::prod(what, &[money::div(what, a, d)?, b]),
        }
    };
    match vary {
        Vary::RequestsPerMonth => {
            c.requests_per_month = value;
            // Scheduled work: its runs follow its invocations, on every placement (in
            // proportion, so today's value keeps today's 4.35 runs, not their ceiling).
            if let Some(s) = &mut c.schedule {
                s.runs_per_month = if before.is_zero() {
                    value
                } else {
                    scale("the runs a month", s.runs_per_month, value, before)?
                };
            }
            c.peak_rps = if c.is_default_at(key!("peak_rps")) || before.is_zero() {
                (value / (hours * dec!(3600)) * c.shape.peak_factor()).round_even(6)
            } else {
                // A given peak keeps its ratio to the average.
                scale("the peak", c.peak_rps, value, before)?.round_even(6)
            };
            follow_peak(c)?;
        }
        Vary::DurationMs => {
            c.duration_ms = value;
            let seconds = value / dec!(1000);
            // A scheduled run is as long as its duration, on every placement.
            if let Some(s) = &mut c.schedule {
                s.run_seconds = seconds;
            }
            if c.is_default_at(key!("cpu_ms")) || c.cpu_ms > value {
                c.cpu_ms = value;
            }
            if c.is_default_at(key!("max_duration_s")) {
                // As validation derives it: a run's own length, or 4× a request's average.
                c.max_duration_s = match c.schedule {
                    Some(_) => seconds,
                    None => seconds * dec!(4),
                };
            }
            c.max_duration_s = c.max_duration_s.max(seconds);
        }
        Vary::MemoryMb => c.memory_mb = value,
        Vary::PeakRps => c.peak_rps = value,
        Vary::ActiveHoursPerDay => match &c.schedule {
            // Scheduled work: each run lasts long enough to fill the hours.
            Some(s) if s.runs_per_month > Decimal::ZERO => {
                let what = "a run's length";
                let day_ms = money::prod(what, &[value, dec!(3_600_000), hours])?;
                let run_ms = money::div(what, day_ms / dec!(24), s.runs_per_month)?;
                return set_value(c, hours, Vary::DurationMs, run_ms.round_even(3));
            }
            Some(_) => {}
            // A service: up only those hours, with the month's requests arriving within
            // them, so its peak rises as the hours shrink.
            None => {
                c.container.active_seconds_per_day = Some(value * dec!(3600));
                if before > Decimal::ZERO {
                    c.peak_rps = scale("the peak", c.peak_rps, before, value)?.round_even(6);
                    follow_peak(c)?;
                }
            }
        },
    }
    Ok(())
}

/// Connections held at once follow the peak, unless given.
fn follow_peak(c: &mut Component) -> Result<(), Overflow> {
    if c.is_default_at(key!("concurrent_connections")) {
        c.concurrent_connections =
            (money::prod("connections", &[c.peak_rps, c.duration_ms])? / dec!(1000)).ceil();
    }
    Ok(())
}

/// `v` rounded to three significant figures: grid values a person can read (231,000, not
/// 231,013); the break-evens are solved apart from the grid.
fn three_figures(v: Decimal) -> Decimal {
    if v <= Decimal::ZERO {
        return v;
    }
    let shift = cost::magnitude(v) - 2;
    if shift > 0 {
        let p = Decimal::from_i128_with_scale(10i128.pow(shift as u32), 0);
        (v / p).round() * p
    } else {
        v.round_even((-shift).min(28) as u32)
    }
}

/// Grid values from `from` to `to`: geometric when the range spans two orders of
/// magnitude or more, linear otherwise; whole numbers for whole-number traits.
pub fn grid(from: Decimal, to: Decimal, steps: usize, vary: Vary) -> Vec<Decimal> {
    let steps = steps.max(2);
    let res = vary.resolution();
    let snap = |v: Decimal| (v / res).round() * res;
    let geometric = from > Decimal::ZERO && to / from >= dec!(100);
    let mut out: Vec<Decimal> = (0..steps)
        .map(|i| {
            let t = Decimal::from(i) / Decimal::from(steps - 1);
            if geometric {
                // from × (to/from)^t, exactly enough for a grid: the break-evens are solved apart.
                let ratio = (to / from).to_string().parse::<f64>().unwrap_or(1.0);
                let tf = t.to_string().parse::<f64>().unwrap_or(0.0);
                let factor = Decimal::from_f64_retain(ratio.powf(tf)).unwrap_or(Decimal::ONE);
                snap(three_figures(from * factor))
            } else {
                snap(from + (to - from) * t)
            }
        })
        .collect();
    out[0] = from;
    out[steps - 1] = to;
    out.dedup();
    out
}

/// The range a sweep covers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    pub vary: Vary,
    pub from: Decimal,
    pub to: Decimal,
    pub steps: usize,
}

/// The first value in `(lo, hi]`, to `res`, at which `past` holds, given that it does
/// not hold at `lo` and does at `hi`.
pub fn bisect(
    mut lo: Decimal,
    mut hi: Decimal,
    res: Decimal,
    mut past: impl FnMut(Decimal) -> Result<bool, CostError>,
) -> Result<Decimal, CostError> {
    while hi - lo > res {
        let mid = ((lo + hi) / dec!(2) / res).floor() * res;
        if mid <= lo {
            break;
        }
        if past(mid)? { hi = mid } else { lo = mid }
    }
    Ok(hi)
}

/// Where `a` stops being cheaper than `b` (or starts) as the trait grows over the range:
/// the first value at which the cheaper of the two changes, exact to the trait's
/// resolution; `None` when one stays cheaper throughout. Both are priced whether or not
/// a rule excludes them: this is the arithmetic an estimate is checked against.
pub fn crossing(
    w: &Workload,
    index: usize,
    range: Range,
    (a, b): (Placement, Placement),
    pricing: &Pricing,
) -> Result<Option<Decimal>, CostError> {
    let Range {
        vary,
        from,
        to,
        steps,
    } = range;
    let cheaper = |v: Decimal| -> Result<Option<bool>, CostError> {
        let w = with_value(w, index, vary, v).map_err(|source| CostError::Overflow {
            component: w.components[index].name.clone(),
            source,
        })?;
        let cc = cost::price_with(
            &w,
            &w.components[index],
            cost::region(&w, pricing)?,
            cost::Detail::Numbers,
        )?;
        Ok(match (cc.option(a), cc.option(b)) {
            (Some(x), Some(y)) => Some(x.monthly < y.monthly),
            _ => None,
        })
    };
    let grid = grid(from, to, steps, vary);
    let mut last: Option<(Decimal, bool)> = None;
    for v in grid {
        let Some(now) = cheaper(v)? else { continue };
        if let Some((lo, before)) = last
            && before != now
        {
            let at = bisect(lo, v, vary.resolution(), |mid| {
                Ok(cheaper(mid)?.is_some_and(|c| c != before))
            })?;
            return Ok(Some(at));
        }
        last = Some((v, now));
    }
    Ok(None)
}

/// Today's value of the trait for component `index`.
pub fn current(w: &Workload, index: usize, vary: Vary) -> Decimal {
    current_of(&w.components[index], w.assumptions.hours_per_month, vary)
}

/// The trait's value for `c` in a month of `hours`.
fn current_of(c: &Component, hours: Decimal, vary: Vary) -> Decimal {
    match vary {
        Vary::RequestsPerMonth => c.requests_per_month,
        Vary::DurationMs => c.duration_ms,
        Vary::MemoryMb => c.memory_mb,
        Vary::PeakRps => c.peak_rps,
        Vary::ActiveHoursPerDay => match &c.schedule {
            Some(s) => {
                // Hours a day of runs; a timetable past the whole day reads as the whole day.
                let days = hours / dec!(24);
                s.runs_per_month
                    .checked_mul(s.run_seconds)
                    .map(|t| (t / dec!(3600) / days).round_even(3))
                    .unwrap_or(dec!(24))
            }
            None => c
                .container
                .active_seconds_per_day
                .map(|s| (s / dec!(3600)).round_even(3))
                .unwrap_or(dec!(24)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workload::load_str;

    fn example(file: &str) -> Workload {
        let text =
            std::fs::read_to_string(format!("{}/workloads/{file}", env!("CARGO_MANIFEST_DIR")))
                .unwrap();
        load_str(file, &text).unwrap().0
    }

    #[test]
    fn grids_are_geometric_over_wide_ranges_and_keep_their_ends() {
        let g = grid(dec!(100), dec!(1000000), 5, Vary::RequestsPerMonth);
        assert_eq!(
            g,
            [
                dec!(100),
                dec!(1000),
                dec!(10000),
                dec!(100000),
                dec!(1000000)
            ]
        );
        let l = grid(dec!(100), dec!(200), 3, Vary::DurationMs);
        assert_eq!(l, [dec!(100), dec!(150), dec!(200)]);
    }

    #[test]
    fn derived_peak_follows_the_volume() {
        let (w, _) = load_str("w.yaml", "name: x\ncomponents:\n  - { name: a, kind: http-api, traffic: { requests_per_month: 2628000, shape: steady } }\n").unwrap();
        let v = with_value(&w, 0, Vary::RequestsPerMonth, dec!(5256000)).unwrap();
        // 2 req/s on average × 1.5 for a steady shape.
        assert_eq!(v.components[0].peak_rps, dec!(3));
    }

    #[test]
    fn a_scheduled_jobs_runs_follow_its_invocations_and_its_duration() {
        let w = example("ml-platform.yaml");
        let today = w.components[0].requests_per_month; // ceil(4.35 runs) = 5
        let same = with_value(&w, 0, Vary::RequestsPerMonth, today).unwrap();
        assert_eq!(
            same.components[0].schedule.as_ref().unwrap().runs_per_month,
            dec!(4.35)
        );
        let double = with_value(&w, 0, Vary::RequestsPerMonth, today * dec!(2)).unwrap();
        assert_eq!(
            double.components[0]
                .schedule
                .as_ref()
                .unwrap()
                .runs_per_month,
            dec!(8.7)
        );
        let longer = with_value(&w, 0, Vary::DurationMs, dec!(7_200_000)).unwrap();
        assert_eq!(
            longer.components[0].schedule.as_ref().unwrap().run_seconds,
            dec!(7200)
        );
        // The longest run is the run itself when the file does not say, also when it
        // shrinks: a 10-minute run of a 6-hour job fits Lambda's 15 minutes.
        assert_eq!(longer.components[0].max_duration_s, dec!(7200));
        let shorter = with_value(&w, 0, Vary::DurationMs, dec!(600_000)).unwrap();
        assert_eq!(shorter.components[0].max_duration_s, dec!(600));
    }

    #[test]
    fn grid_values_read_as_three_figures() {
        assert_eq!(three_figures(dec!(231013)), dec!(231000));
        assert_eq!(three_figures(dec!(4959.344)), dec!(4960));
        assert_eq!(three_figures(dec!(0.123456)), dec!(0.123));
        assert_eq!(three_figures(dec!(12.5)), dec!(12.5));
        assert_eq!(three_figures(dec!(0.00249871)), dec!(0.0025));
        let g = grid(dec!(100000), dec!(1000000000), 12, Vary::RequestsPerMonth);
        assert_eq!(g[1], dec!(231000));
    }
}
