//! What both front ends show: the text renderers (evaluate, cost, migrate), tables, the
//! atomic file writer and the error type. The command line and the TUI are two thin
//! front ends over these; neither imports the other.

pub mod cost;
pub mod envelope;
pub mod error;
pub mod evaluate;
pub mod migrate;
pub mod paint;
pub mod table;
pub mod write;

pub use error::Failure;
pub use write::write_file;

use crate::advisor::Advice;

/// The components no placement can run (hard rules exclude every candidate).
fn unplaced(a: &Advice) -> Vec<&str> {
    a.decisions
        .iter()
        .filter(|d| d.placement.is_none())
        .map(|d| d.component.as_str())
        .collect()
}

/// `system total: $X a month`, saying which components it leaves out.
pub fn total_line(a: &Advice) -> String {
    let missing = unplaced(a);
    let stores: Vec<&str> = a
        .costs
        .stores
        .iter()
        .filter(|s| s.not_priced.is_some())
        .map(|s| s.name.as_str())
        .collect();
    let stores = if stores.is_empty() {
        String::new()
    } else {
        format!(
            "; stores not priced: {} (the output says why)",
            names(&stores)
        )
    };
    if missing.is_empty() {
        return format!(
            "system total: {} a month{stores}",
            crate::cost::usd(a.monthly)
        );
    }
    format!(
        "system total: {} a month for {} of {} component{}; no placement can run {}{stores}",
        crate::cost::usd(a.monthly),
        a.decisions.len() - missing.len(),
        a.decisions.len(),
        if a.decisions.len() == 1 { "" } else { "s" },
        names(&missing)
    )
}

fn names(ns: &[&str]) -> String {
    let mut s = ns
        .iter()
        .take(10)
        .map(|n| format!("`{}`", crate::input::shown(n)))
        .collect::<Vec<_>>()
        .join(", ");
    if ns.len() > 10 {
        s.push_str(&format!(" and {} more", ns.len() - 10));
    }
    s
}

/// Advice with a component nothing can run is incomplete: the output above says why,
/// and the command fails (exit 1) so a script does not take the partial total for the
/// system's.
pub fn require_placements(a: &Advice) -> Result<(), Failure> {
    let missing = unplaced(a);
    if missing.is_empty() {
        return Ok(());
    }
    Err(Failure::Run(format!(
        "no placement can run {}: hard rules exclude every candidate (the output says which); the total leaves {} out",
        names(&missing),
        if missing.len() == 1 { "it" } else { "them" }
    )))
}
