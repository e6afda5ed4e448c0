//! The Costs tab's chart: each placement's monthly cost as the current component's
//! traffic varies, on log scales, with the exact break-evens from the sweep. Computed
//! once per draft and component (a sweep runs the advisor a few dozen times).

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::app::App;
use crate::cost::sweep::{self, Range, Vary};
use crate::cost::{qty, usd};
use crate::placement::Placement;

#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    /// Per placement: (log10 requests, log10 dollars) points.
    pub series: Vec<(Placement, Vec<(f64, f64)>)>,
    pub x: (f64, f64),
    pub y_max: f64,
    pub x_labels: Vec<String>,
    pub y_labels: Vec<String>,
    /// " · break-even: lambda → fargate at 9,653,581", or empty.
    pub break_evens: String,
}

const FROM: i64 = 10_000;
const TO: i64 = 10_000_000_000;
const STEPS: usize = 13;

/// The chart for the app's current component, from the cache when the draft is unchanged.
pub fn series(app: &App) -> Option<ChartData> {
    let a = app.analysis.as_ref().ok()?;
    let key = format!("{}#{}", super::fields::to_yaml(&app.doc), app.comp);
    if let Some((k, data)) = app.chart_cache.borrow().as_ref()
        && *k == key
    {
        return data.clone();
    }
    let data = compute(app, &a.workload);
    *app.chart_cache.borrow_mut() = Some((key, data.clone()));
    data
}

fn log10(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0).max(1e-3).log10()
}

fn compute(app: &App, w: &crate::workload::Workload) -> Option<ChartData> {
    if app.comp >= w.components.len() {
        return None;
    }
    let range = Range {
        vary: Vary::RequestsPerMonth,
        from: Decimal::from(FROM),
        to: Decimal::from(TO),
        steps: STEPS,
    };
    let s = sweep::sweep(w, app.comp, range, &app.rules, &app.pricing).ok()?;
    let mut placements: Vec<Placement> = Vec::new();
    for p in &s.points {
        for c in &p.costs {
            if !placements.contains(&c.placement) {
                placements.push(c.placement);
            }
        }
    }
    let mut y_max: f64 = 0.0;
    let series: Vec<(Placement, Vec<(f64, f64)>)> = placements
        .into_iter()
        .map(|pl| {
            let pts: Vec<(f64, f64)> = s
                .points
                .iter()
                .filter_map(|p| {
                    let c = p.costs.iter().find(|c| c.placement == pl)?;
                    // Cents and above on the log scale; $0.01 sits on the axis.
                    let y = log10(c.monthly.max(Decimal::new(1, 2))) + 2.0;
                    y_max = y_max.max(y);
                    Some((log10(p.value), y))
                })
                .collect();
            (pl, pts)
        })
        .collect();
    if series.is_empty() {
        return None;
    }
    let y_top = y_max.ceil().max(1.0);
    let y_labels = (0..=y_top as i32)
        .step_by(((y_top as i32) / 4).max(1) as usize)
        .map(|e| usd(Decimal::new(1, 2) * Decimal::from(10i64.pow(e as u32))))
        .collect();
    let x_labels = ["10k", "1M", "100M", "10B"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let break_evens = s
        .break_evens
        .iter()
        .map(|b| format!("{} → {} at {}", b.from, b.to, qty(b.value)))
        .collect::<Vec<_>>();
    Some(ChartData {
        series,
        x: ((FROM as f64).log10(), (TO as f64).log10()),
        y_max: y_top,
        x_labels,
        y_labels,
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
