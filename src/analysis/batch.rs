//! A portfolio advised workload by workload: each document's assessment (a row per
//! component: its placement, bill, runner-up, margin and saving against today) and the
//! running summary over all of them (placements today and recommended, the bill today and
//! recommended, the largest savings, what is closest to flipping, what failed). Reading
//! the files and printing belong to `archway batch`; this is the arithmetic between.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::advisor::advise_with;
use crate::cost::Detail;
use crate::cost::Pricing;
use crate::rules::RuleBase;
use crate::workload::load_str;

/// Entries kept for each list of the summary.
pub const TOP: usize = 10;

/// A row per component (the CSV and JSON-lines contract); a failed file is a row with
/// `file` and `error`.
#[derive(Debug, Serialize)]
pub struct Row {
    pub file: String,
    pub workload: String,
    pub component: String,
    pub placement: String,
    pub monthly_usd: String,
    pub runner_up: String,
    pub margin_usd: String,
    pub current_platform: String,
    pub saving_usd: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl Row {
    /// The row of a file that could not be advised.
    pub fn failure(file: &str, error: &str) -> Row {
        Row {
            file: file.to_string(),
            workload: String::new(),
            component: String::new(),
            placement: String::new(),
            monthly_usd: String::new(),
            runner_up: String::new(),
            margin_usd: String::new(),
            current_platform: String::new(),
            saving_usd: String::new(),
            error: Some(error.to_string()),
        }
    }
}

/// One document advised: its rows, or why it could not be.
pub struct Outcome {
    pub file: String,
    pub workload: String,
    pub rows: Vec<Row>,
    pub today: Option<Decimal>,
    pub recommended: Decimal,
    pub platform: Option<String>,
    /// (margin in points, component) for each component with a runner-up.
    pub margins: Vec<(Decimal, String)>,
    pub error: Option<String>,
}

fn failed(file: &str, e: String) -> Outcome {
    Outcome {
        file: file.to_string(),
        workload: String::new(),
        rows: Vec::new(),
        today: None,
        recommended: Decimal::ZERO,
        platform: None,
        margins: Vec::new(),
        error: Some(e),
    }
}

/// Where a workload document sits: the name its rows carry (the file, or `file#n` for the
/// n-th document of several), the file it is in, and how many of that file's lines come
/// before it, so that an error's line is counted in the file, as an editor shows it.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    pub label: &'a str,
    pub file: &'a str,
    pub lines_before: usize,
}

/// Advises the workload document `text` found at `place` (or records why it could not be
/// read).
/// `adjust` applies what overrides every workload (the command line's `--no-free-tier`,
/// `--provider`).
pub fn assess(
    place: Place,
    text: Result<&str, &str>,
    rules: &RuleBase,
    pricing: &Pricing,
    adjust: &(dyn Fn(&mut crate::workload::Workload) + Sync),
) -> Outcome {
    let file = place.label;
    let text = match text {
        Ok(t) => t,
        Err(e) => return failed(file, e.to_string()),
    };
    let (mut w, _) = match load_str(place.file, text) {
        Ok(x) => x,
        Err(mut e) => {
            for d in &mut e.0 {
                if let Some(line) = &mut d.line {
                    *line += place.lines_before;
                }
            }
            return failed(file, e.to_string());
        }
    };
    adjust(&mut w);
    if pricing.region(&w.region).is_none() {
        return failed(file, pricing.unknown_region(&w.region));
    }
    let a = match advise_with(&w, rules, pricing, Detail::Numbers) {
        Ok(a) => a,
        Err(e) => return failed(file, e.to_string()),
    };
    let today = w.current.as_ref().and_then(|c| c.monthly_cost_usd);
    let platform = w.current.as_ref().map(|c| c.platform.to_string());
    let shares = crate::migration::bill_shares(&w);
    let mut rows = Vec::new();
    let mut margins = Vec::new();
    for (dec, share) in a.decisions.iter().zip(shares) {
        let chosen = dec.chosen();
        let monthly = chosen.and_then(|c| c.monthly);
        let runner = dec.runner_up();
        if let Some(m) = dec.margin() {
            margins.push((m, format!("{} / {}", w.name, dec.component)));
        }
        let money = |x: Option<Decimal>| {
            x.map(|v| format!("{:.2}", crate::cost::cents(v)))
                .unwrap_or_default()
        };
        rows.push(Row {
            file: file.to_string(),
            workload: w.name.clone(),
            component: dec.component.clone(),
            placement: dec.placement.map(|p| p.to_string()).unwrap_or_default(),
            monthly_usd: money(monthly),
            runner_up: runner.map(|r| r.placement.to_string()).unwrap_or_default(),
            margin_usd: money(
                runner
                    .and_then(|r| r.monthly)
                    .zip(monthly)
                    .map(|(r, m)| r - m),
            ),
            current_platform: platform.clone().unwrap_or_default(),
            saving_usd: money(today.zip(monthly).map(|(t, m)| t * share - m)),
            error: None,
        });
    }
    Outcome {
        file: file.to_string(),
        workload: w.name.clone(),
        rows,
        today,
        recommended: a.monthly,
        platform,
        margins,
        error: None,
    }
}

/// The running summary of a batch: outcomes are added as they come, and only the
/// [`TOP`] entries of each list are kept.
#[derive(Default)]
pub struct Summary {
    pub documents: usize,
    pub components: usize,
    /// (file, error) for the first `2 × TOP` failures.
    pub failures: Vec<(String, String)>,
    pub failed: usize,
    pub today_by_platform: BTreeMap<String, usize>,
    pub recommended: BTreeMap<String, usize>,
    pub today_total: Decimal,
    pub recommended_for_today: Decimal,
    pub recommended_total: Decimal,
    /// (saving, workload, today, recommended), largest first.
    pub savings: Vec<(Decimal, String, Decimal, Decimal)>,
    /// (margin in points, component), smallest first.
    pub closest: Vec<(Decimal, String)>,
}

impl Summary {
    pub fn add(&mut self, o: Outcome) {
        self.documents += 1;
        if let Some(e) = o.error {
            self.failed += 1;
            if self.failures.len() < TOP * 2 {
                self.failures.push((o.file, e));
            }
            return;
        }
        self.components += o.rows.len();
        let today = o.platform.unwrap_or_else(|| "greenfield".into());
        *self.today_by_platform.entry(today).or_default() += o.rows.len();
        for r in &o.rows {
            *self.recommended.entry(r.placement.clone()).or_default() += 1;
        }
        self.recommended_total += o.recommended;
        if let Some(t) = o.today {
            self.today_total += t;
            self.recommended_for_today += o.recommended;
            if t > o.recommended {
                self.savings
                    .push((t - o.recommended, o.workload, t, o.recommended));
            }
            self.savings.sort_by_key(|s| std::cmp::Reverse(s.0));
            self.savings.truncate(TOP);
        }
        self.closest.extend(o.margins);
        self.closest.sort_by_key(|c| c.0);
        self.closest.truncate(TOP);
    }
}
