//! The markdown decision report, in full or as an architecture decision record (MADR).
//! Pure: the same advice gives the same bytes; any user text is escaped.

pub mod escape;
mod full;

use std::fmt::Write;

use crate::advisor::{Advice, advise};
use crate::cost::{Pricing, qty, usd};
use crate::migration::{self, Plan};
use crate::placement::Placement;
use crate::rules::RuleBase;
use crate::workload::Workload;
use escape::{inline, table_cell};

word_enum!(
    /// Which document to write.
    Style { Full = "full", Adr = "adr" }
);

/// Everything a report is computed from.
pub struct Inputs<'a> {
    pub workload: &'a Workload,
    pub rules: &'a RuleBase,
    pub pricing: &'a Pricing,
    /// A date to print (YYYY-MM-DD); none keeps the report byte-for-byte reproducible.
    pub date: Option<&'a str>,
}

/// The report, or why it could not be computed.
pub fn render(i: &Inputs, style: Style) -> Result<String, crate::cost::CostError> {
    let advice = advise(i.workload, i.rules, i.pricing)?;
    render_advice(i, &advice, style)
}

/// The report on advice already computed for `i` (the full report still prices the
/// what-ifs of its sensitivity section).
pub fn render_advice(
    i: &Inputs,
    advice: &Advice,
    style: Style,
) -> Result<String, crate::cost::CostError> {
    let plan = migration::plan(i.workload, advice);
    Ok(match style {
        Style::Full => full::render(i, advice, &plan)?,
        Style::Adr => adr(i, advice),
    })
}

fn placement_name(p: Option<Placement>) -> &'static str {
    p.map(Placement::as_str).unwrap_or("no placement")
}

/// The recommendation in a paragraph.
fn summary(w: &Workload, a: &Advice) -> String {
    let mut by: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
    for d in &a.decisions {
        by.entry(placement_name(d.placement))
            .or_default()
            .push(escape::code(&d.component));
    }
    let parts: Vec<String> = by
        .iter()
        .map(|(p, cs)| format!("{} on **{p}**", cs.join(", ")))
        .collect();
    let unplaced = a.decisions.iter().filter(|d| d.placement.is_none()).count();
    let mut s = format!(
        "archway recommends running {} for {} a month in {}.",
        parts.join("; "),
        usd(a.monthly),
        inline(&w.region)
    );
    if unplaced > 0 {
        s.push_str(&format!(" {unplaced} component(s) have no placement: hard rules exclude everything they could run on (see below)."));
    }
    s
}

/// The same decision as an architecture decision record (MADR sections).
fn adr(i: &Inputs, a: &Advice) -> String {
    let w = i.workload;
    let mut s = format!("# Where to run the components of {}\n\n", inline(&w.name));
    s.push_str("* Status: proposed\n");
    if let Some(d) = i.date {
        let _ = writeln!(s, "* Date: {}", inline(d));
    }
    s.push_str("\n## Context and Problem Statement\n\n");
    let _ = writeln!(
        s,
        "{}{} on serverless functions, serverless containers, Kubernetes or VMs, the edge, or GPUs, within {} at {} hours a month.\n",
        w.description
            .as_deref()
            .map(|d| format!("{}. ", inline(d).trim_end_matches('.')))
            .unwrap_or_default(),
        match w.components.len() {
            1 => "One component must be placed".to_string(),
            n => format!("{n} components must each be placed"),
        },
        inline(&w.region),
        qty(w.assumptions.hours_per_month)
    );
    s.push_str("## Decision Drivers\n\n");
    // Each rule that weighed in, once, as a sentence: what it says, why, for which
    // components, and what it did to the choice.
    let mut drivers: Vec<(&str, &str, &str, Vec<&str>, &str)> = Vec::new();
    for d in &a.decisions {
        for f in d.fired.iter().filter(|f| !f.after_choice) {
            match drivers.iter_mut().find(|x| x.0 == f.id) {
                Some(x) => {
                    if !x.3.contains(&d.component.as_str()) {
                        x.3.push(&d.component);
                    }
                }
                None => {
                    drivers.push((&f.id, &f.title, &f.rationale, vec![&d.component], &f.effect))
                }
            }
        }
    }
    drivers.sort_by_key(|x| x.1);
    for (_, title, rationale, comps, effect) in &drivers {
        let title = title.trim_end_matches('.');
        let _ = writeln!(
            s,
            "* {title} ({}): {} It {effect}.",
            inline(&comps.join(", ")),
            inline(rationale.trim()),
            title = inline(title),
            effect = inline(effect),
        );
    }
    s.push_str("* Monthly cost, computed line by line from the pricing catalog\n\n");
    s.push_str("## Considered Options\n\n");
    for d in &a.decisions {
        let opts: Vec<String> = d
            .alternatives
            .iter()
            .filter(|x| x.monthly.is_some())
            .map(|x| {
                format!(
                    "{} ({})",
                    x.placement,
                    x.monthly.map(usd).unwrap_or_default()
                )
            })
            .collect();
        let _ = writeln!(s, "* {}: {}", inline(&d.component), opts.join(", "));
    }
    s.push_str("\n## Decision Outcome\n\n");
    let _ = writeln!(s, "{}\n", summary(w, a));
    for d in &a.decisions {
        let _ = writeln!(
            s,
            "* **{}** → {}: {}",
            inline(&d.component),
            placement_name(d.placement),
            inline(&d.why)
        );
    }
    s.push_str("\n### Consequences\n\n");
    for d in &a.decisions {
        for r in &d.risks {
            let _ = writeln!(
                s,
                "* Bad, because {} — {}: {} Mitigation: {}",
                inline(&d.component),
                r.rule,
                inline(&r.risk.risk),
                inline(&r.risk.mitigation)
            );
        }
        for (id, n) in &d.notes {
            let _ = writeln!(
                s,
                "* Neutral, {} ({id}): {}",
                inline(&d.component),
                inline(n)
            );
        }
    }
    let _ = writeln!(
        s,
        "* Good, because the system costs {} a month as placed.",
        usd(a.monthly)
    );
    s
}

/// Markdown for the plan; user text is escaped for tables.
pub fn migration(name: &str, p: &Plan) -> String {
    let mut s = format!(
        "## Migration plan for {}\n\n{}, to {} a month. {}\n\n",
        inline(name),
        p.origin(),
        usd(p.target_monthly),
        p.attribution
    );
    s.push_str("| Phase | Moves | Cost during | Cost after |\n|---|---|---:|---:|\n");
    for ph in &p.phases {
        let moves = if ph.moves.is_empty() {
            "—".to_string()
        } else {
            ph.moves
                .iter()
                .map(|m| {
                    format!(
                        "{} → {}",
                        m.component,
                        m.placement.map(Placement::as_str).unwrap_or("none")
                    )
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        s.push_str(&format!(
            "| {}. {} | {} | {} | {} |\n",
            ph.number,
            table_cell(&ph.title),
            table_cell(&moves),
            usd(ph.cost_during),
            usd(ph.cost_after)
        ));
    }
    for ph in &p.phases {
        s.push_str(&format!(
            "\n### Phase {}: {}\n\n",
            ph.number,
            inline(&ph.title)
        ));
        for m in &ph.moves {
            s.push_str(&format!(
                "- Move {} to **{}** ({} a month).\n",
                escape::code(&m.component),
                m.placement.map(Placement::as_str).unwrap_or("no placement"),
                usd(m.monthly)
            ));
            for h in &m.hints {
                s.push_str(&format!("  - {}\n", inline(h)));
            }
        }
        for pr in &ph.prerequisites {
            s.push_str(&format!("- Needs: {}\n", inline(pr)));
        }
        s.push_str(&format!(
            "- Risk: {}\n- Rollback: {}\n- Done when: {}\n",
            inline(&ph.risk),
            inline(&ph.rollback),
            inline(&ph.metric)
        ));
    }
    s
}
