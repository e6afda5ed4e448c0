//! What every target does with a loaded input: run it through the whole pipeline.

use archway::advisor::advise;
use archway::cost::Pricing;
use archway::report::{self, Inputs, Style};
use archway::rules::RuleBase;
use archway::workload::Workload;
use archway::{migration, topology};

/// A small workload every placement can price: the pipeline target for loaded rules and
/// catalogs.
#[allow(dead_code)] // the advise target brings its own workloads
pub const WORKLOAD: &str = include_str!("../pipeline.yaml");

/// Advice and every rendering of it; a cost error is a fine answer, a panic is not.
pub fn pipeline(w: &Workload, rules: &RuleBase, pricing: &Pricing, full_report: bool) {
    let Ok(a) = advise(w, rules, pricing) else {
        return;
    };
    let t = topology::build(w, &a);
    let _ = topology::text(&t, 100);
    let _ = topology::export::mermaid(&t);
    let _ = topology::export::dot(&t);
    let plan = migration::plan(w, &a);
    let _ = report::migration(&w.name, &plan);
    let _ = archway::analysis::compare::compare((w, &a), (w, &a));
    let i = Inputs {
        workload: w,
        rules,
        pricing,
        date: Some("2026-01-31"),
    };
    let _ = report::render(&i, Style::Adr);
    if full_report {
        let _ = report::render(&i, Style::Full);
    }
}
