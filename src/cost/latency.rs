//! Cold starts: how long one takes, how often a placement that scales from zero meets
//! one, and whether they reach the latency target's percentile.
//!
//! A p99 target tolerates the slowest 1% of requests. Cold starts break it only when
//! they are slower than the target *and* hit more than 1% of requests, so a busy function
//! with a slow runtime can meet a p99 that a quiet one cannot.

use rust_decimal::dec;
use rust_decimal::prelude::*;

use super::Qty;
use super::capacity::{Segment, day, levels};
use crate::cost::money::RoundEven;
use crate::workload::{Component, Runtime, Shape};

/// The share of requests a p99 target leaves to the slowest.
pub const P99_TAIL: Decimal = dec!(0.01);
/// Seconds an idle Lambda execution environment is kept before it is reclaimed. AWS does
/// not document it; environments are commonly seen reclaimed after 5 to 15 minutes, and
/// the shorter end is taken.
pub const LAMBDA_IDLE_S: Decimal = dec!(300);
/// Seed 002 'What Affects Cold Start Duration': +100 ms per 10 MB of package.
pub const COLD_START_MS_PER_MB: Decimal = dec!(10);

/// Estimated Lambda cold-start p99 (ms) before package size: seed 000's measured p99
/// where it has the runtime ('Cold Start Performance Comparison'), else seed 002's upper
/// p99 ('Cold Start Duration by Runtime').
pub fn cold_start_base_ms(r: Runtime) -> Decimal {
    match r {
        Runtime::Node => dec!(218),
        Runtime::Python => dec!(267),
        Runtime::Go => dec!(156),
        Runtime::Rust => dec!(150),
        Runtime::Java => dec!(4120),
        Runtime::Dotnet => dec!(489),
        // A container image is pulled on a cold start; the package term below dominates.
        Runtime::Container => dec!(1000),
    }
}

/// Estimated cold-start p99 on Lambda for the component's runtime and package.
pub fn cold_start_p99_ms(c: &Component) -> Decimal {
    (cold_start_base_ms(c.runtime) + c.package_mb * COLD_START_MS_PER_MB).round_even(0)
}

/// Java's cold-start p99 with SnapStart (seed 000: 4,120 ms falls to 423 ms), before package size.
pub const SNAPSTART_JAVA_MS: Decimal = dec!(423);

/// `e^(−x)` for x ≥ 0, exact enough for shares of requests; 0 beyond where it underflows.
pub fn exp_neg(x: Decimal) -> Decimal {
    if x <= Decimal::ZERO {
        return Decimal::ONE;
    }
    if x > dec!(60) {
        return Decimal::ZERO;
    }
    x.checked_exp()
        .and_then(|e| Decimal::ONE.checked_div(e))
        .unwrap_or(Decimal::ZERO)
}

/// Cold starts a month on a platform that keeps an idle instance `idle_s` seconds.
#[derive(Debug, Clone, PartialEq)]
pub struct ColdStarts {
    pub per_month: Decimal,
    /// Cold starts as a share of the month's requests (0 to 1).
    pub share: Decimal,
    pub how: String,
}

/// What a component's cold starts depend on, gathered from the component (cheap); the
/// arithmetic ([`ColdStartInputs::starts`]) is done when the figure is wanted.
#[derive(Debug, Clone, PartialEq)]
pub struct ColdStartInputs {
    requests: Decimal,
    hours: Decimal,
    duration_s: Decimal,
    /// Runs a month on a timetable (they arrive one interval apart, not at random).
    runs: Option<Decimal>,
    /// What the day's levels follow from ([`capacity::levels`]), when requests arrive at
    /// random: the levels are worked out with the rest of the arithmetic.
    peak_rps: Decimal,
    shape: Shape,
}

impl ColdStartInputs {
    /// The inputs, and the day in words when `words` is set.
    pub fn of(c: &Component, hours: Decimal, words: bool) -> (ColdStartInputs, String) {
        let runs = c
            .schedule
            .as_ref()
            .map(|s| s.runs_per_month)
            .filter(|r| *r > Decimal::ZERO);
        let day_how = if words && runs.is_none() && !c.requests_per_month.is_zero() {
            day(c, hours, words).1
        } else {
            String::new()
        };
        (
            ColdStartInputs {
                requests: c.requests_per_month,
                hours,
                duration_s: c.duration_ms / dec!(1000),
                runs,
                peak_rps: c.peak_rps,
                shape: c.shape,
            },
            day_how,
        )
    }

    /// Cold starts on a platform that keeps an idle instance `idle_s` seconds; `day_how`
    /// is the day in words ([`ColdStartInputs::of`]), used only when `words` is set.
    pub fn starts(&self, idle_s: Decimal, words: bool, day_how: &str) -> ColdStarts {
        let n = self.requests;
        if n.is_zero() {
            return ColdStarts {
                per_month: Decimal::ZERO,
                share: Decimal::ZERO,
                how: "no requests".into(),
            };
        }
        let hours = self.hours;
        let days = hours / dec!(24);
        let d = self.duration_s;
        if let Some(runs) = self.runs {
            let interval = hours * dec!(3600) / runs;
            let cold = if interval > idle_s { n } else { Decimal::ONE };
            return ColdStarts {
                per_month: cold,
                share: (cold / n).min(Decimal::ONE),
                how: if !words {
                    String::new()
                } else {
                    format!(
                        "one run every {} s: {}",
                        Qty(interval.round_even(0)),
                        if interval > idle_s {
                            format!(
                                "longer than the {} s an idle instance is kept, so every run starts cold",
                                Qty(idle_s)
                            )
                        } else {
                            "the instance stays warm between runs".into()
                        }
                    )
                },
            };
        }
        let segments = &levels(n, self.peak_rps, self.shape, hours);
        let gap: Decimal = segments
            .iter()
            .map(|s: &Segment| {
                let requests = s.rps * s.hours_per_day * dec!(3600);
                requests * exp_neg(s.rps * idle_s)
            })
            .sum::<Decimal>()
            * days;
        let rises = if segments.len() == 2 {
            let peak = (segments[0].rps * d).ceil();
            let quiet = (segments[1].rps * d).ceil();
            (peak - quiet).max(Decimal::ZERO) * days
        } else {
            Decimal::ZERO
        };
        let per_month = (gap + rises).min(n);
        let share = (per_month / n).min(Decimal::ONE);
        ColdStarts {
            per_month,
            share,
            how: if !words {
                String::new()
            } else {
                format!(
                    "{} after idle gaps over {} s (requests arriving at random through {day_how}) + {} as the day rises to its peak concurrency = {} of {} requests ({}%)",
                    Qty(gap.round_even(1)),
                    Qty(idle_s),
                    Qty(rises.round_even(1)),
                    Qty(per_month.round_even(1)),
                    Qty(n),
                    Qty((share * dec!(100)).round_even(3))
                )
            },
        }
    }
}

/// Cold starts when requests arrive at random within each part of the day: a request
/// finds no warm instance when nothing arrived in the last `idle_s` seconds, and every
/// rise from the quiet level to the peak starts the extra instances cold, once a day.
pub fn cold_starts(c: &Component, hours: Decimal, idle_s: Decimal, words: bool) -> ColdStarts {
    let (inputs, day_how) = ColdStartInputs::of(c, hours, words);
    inputs.starts(idle_s, words, &day_how)
}
