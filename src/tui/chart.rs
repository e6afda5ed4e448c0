//! The Costs tab's chart: each placement's monthly cost as the current component's
//! volume varies around today's, on log scales, with the exact break-evens from the
//! sweep and a mark at today's volume. Computed when the draft or the component
//! changes, never while drawing.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::analysis::sweep::{self, Range, Vary};
use crate::cost::Pricing;
use crate::cost::qty;
use crate::placement::Placement;
use crate::rules::RuleBase;
use crate::workload::Workload;

#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    /// Per placement: (log10 volume, log10 dollars) points.
    pub series: Vec<(Placement, Vec<(f64, f64)>)>,
    /// The volume axis, log10.
    pub x: (f64, f64),
    /// The cost axis, log10 of dollars.
    pub y: (f64, f64),
    pub x_ticks: Vec<(f64, String)>,
    pub y_ticks: Vec<(f64, String)>,
    /// Today's volume, log10.
    pub today: f64,
    /// What the volume counts (`requests a month`, `runs a month`).
    pub unit: &'static str,
    /// " · break-even: lambda → fargate at 9,653,581", or what stays cheapest.
    pub break_evens: String,
}

/// Grid points of the sweep behind the chart.
const STEPS: usize = 13;
/// How far either side of today the chart reaches (× and ÷).
const SPAN: i64 = 1000;

fn log10(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0).max(1e-6).log10()
}

/// A decade as people write it: 10, 1k, 100k, 10M, 1B.
fn decade(e: i32) -> String {
    let v = 10f64.powi(e);
    let (div, suffix) = if e >= 9 {
        (1e9, "B")
    } else if e >= 6 {
        (1e6, "M")
    } else if e >= 3 {
        (1e3, "k")
    } else {
        (1.0, "")
    };
    format!("{}{suffix}", (v / div).round() as i64)
}

/// A decade of dollars as a label: $0.01, $1, $100, $10k, $1M.
fn dollars(e: i32) -> String {
    if e < 0 {
        format!("${}", 10f64.powi(e))
    } else {
        format!("${}", decade(e))
    }
}

/// Tick marks at whole decades between `lo` and `hi` (log10), at most `max` of them,
/// evenly spaced in decades; labelled by `label`.
fn decade_ticks(lo: f64, hi: f64, max: usize, label: impl Fn(i32) -> String) -> Vec<(f64, String)> {
    let first = lo.ceil() as i32;
    let last = hi.floor() as i32;
    if last < first {
        return vec![(lo, label(lo.round() as i32))];
    }
    let n = (last - first + 1) as usize;
    let step = n.div_ceil(max.max(1)).max(1) as i32;
    (first..=last)
        .filter(|e| (e - first) % step == 0)
        .map(|e| (e as f64, label(e)))
        .collect()
}

/// The column of `v` on an axis `width` cells wide spanning `lo..hi`: the first cell
/// is `lo`, the last `hi`, linear in between (the values are logarithms already).
pub fn column(v: f64, lo: f64, hi: f64, width: u16) -> u16 {
    if width <= 1 || hi <= lo {
        return 0;
    }
    let t = ((v - lo) / (hi - lo)).clamp(0.0, 1.0);
    (t * f64::from(width - 1)).round() as u16
}

/// Computes the chart for component `index`, or `None` when there is nothing to plot.
pub fn compute(
    w: &Workload,
    index: usize,
    rules: &RuleBase,
    pricing: &Pricing,
) -> Option<ChartData> {
    let c = w.components.get(index)?;
    let today = c.requests_per_month.max(Decimal::ONE);
    let from = (today / Decimal::from(SPAN)).max(Decimal::ONE).round();
    let to = (today * Decimal::from(SPAN))
        .max(from * Decimal::from(10))
        .round();
    let range = Range {
        vary: Vary::RequestsPerMonth,
        from,
        to,
        steps: STEPS,
    };
    let s = sweep::sweep(w, index, range, rules, pricing).ok()?;
    let mut placements: Vec<Placement> = Vec::new();
    for p in &s.points {
        for c in &p.costs {
            if !placements.contains(&c.placement) {
                placements.push(c.placement);
            }
        }
    }
    let cents = Decimal::new(1, 2);
    let mut y_lo = f64::MAX;
    let mut y_hi = f64::MIN;
    let series: Vec<(Placement, Vec<(f64, f64)>)> = placements
        .into_iter()
        .map(|pl| {
            let pts: Vec<(f64, f64)> = s
                .points
                .iter()
                .filter_map(|p| {
                    let c = p.costs.iter().find(|c| c.placement == pl)?;
                    // Cents and above on the log scale; $0.01 sits on the axis.
                    let y = log10(c.monthly.max(cents));
                    y_lo = y_lo.min(y);
                    y_hi = y_hi.max(y);
                    Some((log10(p.value), y))
                })
                .collect();
            (pl, pts)
        })
        .collect();
    if series.is_empty() {
        return None;
    }
    let y = (y_lo.floor(), y_hi.ceil().max(y_lo.floor() + 1.0));
    let x = (log10(from), log10(to));
    let break_evens: Vec<String> = s
        .break_evens
        .iter()
        .map(|b| format!("{} → {} at {}", b.from, b.to, qty(b.value)))
        .collect();
    Some(ChartData {
        x_ticks: decade_ticks(x.0, x.1, 6, decade),
        y_ticks: decade_ticks(y.0, y.1, 5, dollars),
        series,
        x,
        y,
        today: log10(today),
        unit: if c.schedule.is_some() {
            "runs a month"
        } else {
            "requests a month"
        },
        break_evens: if break_evens.is_empty() {
            match s.points.first().and_then(|p| p.cheapest) {
                Some(p) => format!(" · {p} cheapest throughout"),
                None => String::new(),
            }
        } else {
            format!(" · break-even: {}", break_evens.join(", "))
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_sit_at_their_decades_on_the_log_scale() {
        // 10k … 10B over 61 columns: each decade 10 columns apart, ends on the ends.
        let ticks = decade_ticks(4.0, 10.0, 7, decade);
        let labels: Vec<&str> = ticks.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels, ["10k", "100k", "1M", "10M", "100M", "1B", "10B"]);
        let cols: Vec<u16> = ticks
            .iter()
            .map(|(v, _)| column(*v, 4.0, 10.0, 61))
            .collect();
        assert_eq!(cols, [0, 10, 20, 30, 40, 50, 60]);
        // Fewer labels than decades: every other one, still evenly spaced.
        let few = decade_ticks(4.0, 10.0, 4, decade);
        let cols: Vec<u16> = few
            .iter()
            .map(|(v, _)| column(*v, 4.0, 10.0, 109))
            .collect();
        assert_eq!(cols, [0, 36, 72, 108]);
        // A range that starts between decades puts the first tick at its decade, not the edge.
        let mid = decade_ticks(3.5, 6.2, 6, decade);
        assert_eq!(mid[0], (4.0, "10k".to_string()));
        assert_eq!(column(4.0, 3.5, 6.2, 28), 5);
    }

    #[test]
    fn a_timetable_charts_its_runs_around_today() {
        let (w, _) =
            crate::workload::load_str("w.yaml", include_str!("../../workloads/cron-report.yaml"))
                .unwrap();
        let c = compute(&w, 0, &RuleBase::embedded(), &Pricing::embedded()).unwrap();
        assert_eq!(c.unit, "runs a month");
        // 31 runs a month: from 1 to 31,000, not to ten billion requests.
        assert_eq!((c.x.0, (10f64.powf(c.x.1)).round()), (0.0, 31000.0));
        assert!((c.today - 31f64.log10()).abs() < 1e-9);
    }
}
