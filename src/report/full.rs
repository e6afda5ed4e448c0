//! The full report: one function per section, in the order the sections appear, then
//! the helpers they share. The sensitivity section renders what
//! [`crate::analysis::sensitivity`] computes.

use std::fmt::Write;

use rust_decimal::Decimal;
use rust_decimal::dec;

use super::escape::{inline, table_cell};
use super::{Inputs, placement_name};
use crate::advisor::{Advice, RowKind, system_total};
use crate::analysis::sensitivity::{self as analysis, TraitFlip, TraitSweep};
use crate::cost::vary::Vary;
use crate::cost::{CostError, qty, usd};
use crate::migration::Plan;
use crate::placement::Placement;
use crate::workload::{Component, Workload};

/// The full report.
pub(super) fn render(i: &Inputs, a: &Advice, plan: &Plan) -> Result<String, CostError> {
    let w = i.workload;
    let mut s = String::new();
    title(&mut s, i);
    summary(&mut s, w, a);
    the_workload(&mut s, w);
    decisions(&mut s, a);
    costs(&mut s, w, a);
    elsewhere(&mut s, a);
    sensitivity(&mut s, i, a)?;
    topology(&mut s, w, a);
    migration_plan(&mut s, w, plan);
    risks_and_mitigations(&mut s, a);
    notes_for_the_review(&mut s, a);
    rule_trace(&mut s, a);
    assumptions(&mut s, i);
    Ok(s)
}

/// The title, the description and the date.
fn title(s: &mut String, i: &Inputs) {
    let w = i.workload;
    let _ = writeln!(s, "# Placement decision: {}\n", inline(&w.name));
    if let Some(d) = &w.description {
        let _ = writeln!(s, "{}\n", inline(d));
    }
    if let Some(date) = i.date {
        let _ = writeln!(s, "Date: {}\n", inline(date));
    }
}

/// "Summary": the recommendation in a paragraph and the system's bill.
fn summary(s: &mut String, w: &Workload, a: &Advice) {
    s.push_str("## Summary\n\n");
    let _ = writeln!(s, "{}\n", super::summary(w, a));
    // The system's bill: rows that add up to the total (a shared fee at its first user).
    s.push_str("| Component | Kind | Placement | Monthly cost |\n|---|---|---|---:|\n");
    for (c, d) in w.components.iter().zip(&a.decisions) {
        if d.placement.is_none() {
            let _ = writeln!(s, "| {} | {} | none | — |", table_cell(&c.name), c.kind);
        }
    }
    let kinds: std::collections::HashMap<&str, crate::workload::Kind> = w
        .components
        .iter()
        .rev()
        .map(|c| (c.name.as_str(), c.kind))
        .collect();
    let engines: std::collections::HashMap<&str, &str> = a
        .costs
        .stores
        .iter()
        .rev()
        .map(|x| (x.name.as_str(), x.engine.title()))
        .collect();
    for r in a.bill() {
        match r.kind {
            RowKind::Component => {
                let kind = kinds
                    .get(r.what.as_str())
                    .map(|k| k.to_string())
                    .unwrap_or_default();
                let _ = writeln!(
                    s,
                    "| {} | {kind} | {} | {} |",
                    table_cell(&r.what),
                    placement_name(a.placement(&r.what)),
                    usd(r.monthly)
                );
            }
            RowKind::Store => {
                let engine = engines.get(r.what.as_str()).copied().unwrap_or_default();
                let _ = writeln!(
                    s,
                    "| {} | data store | {engine} | {} |",
                    table_cell(&r.what),
                    usd(r.monthly)
                );
            }
            RowKind::Adjustment => {
                let _ = writeln!(s, "| {} |  |  | {} |", table_cell(&r.what), usd(r.monthly));
            }
        }
    }
    let _ = writeln!(s, "| **Total** |  |  | **{}** |\n", usd(a.monthly));
}

/// "The workload": the settings, and every trait of every component with its source.
fn the_workload(s: &mut String, w: &Workload) {
    s.push_str("## The workload\n\n");
    let _ = writeln!(
        s,
        "Region {}, {} hours a month, free tier {}.{}\n",
        inline(&w.region),
        qty(w.assumptions.hours_per_month),
        if w.assumptions.free_tier {
            "applied"
        } else {
            "not applied"
        },
        match &w.current {
            Some(c) => format!(
                " Today it runs on {}{}.",
                c.platform,
                c.monthly_cost_usd
                    .map(|m| format!(" for {} a month", usd(m)))
                    .unwrap_or_default()
            ),
            None => " It is a new system.".into(),
        }
    );
    for c in &w.components {
        let _ = writeln!(s, "### {}\n", inline(&c.name));
        s.push_str("| Trait | Value | Source |\n|---|---|---|\n");
        for (name, value) in traits(c) {
            let origin = c.origin(name);
            let _ = writeln!(s, "| {name} | {} | {origin} |", table_cell(&value));
        }
        s.push('\n');
    }
}

/// "Decisions": each component's placements compared, and the rules that fired.
fn decisions(s: &mut String, a: &Advice) {
    s.push_str("## Decisions\n\n");
    for d in &a.decisions {
        let _ = writeln!(
            s,
            "### {} → {}\n",
            inline(&d.component),
            placement_name(d.placement)
        );
        let _ = writeln!(s, "{}\n", inline(&d.why));
        s.push_str("| Placement | Monthly cost | Score | Status |\n|---|---:|---:|---|\n");
        for x in &d.alternatives {
            let status = if !x.excluded_by.is_empty() {
                format!("excluded by {}", x.excluded_by.join(", "))
            } else if let Some(r) = &x.not_priced {
                format!("not offered: {}", table_cell(r))
            } else if Some(x.placement) == d.placement {
                "**chosen**".to_string()
            } else {
                "candidate".to_string()
            };
            let _ = writeln!(
                s,
                "| {} | {} | {} | {status} |",
                x.placement,
                x.monthly.map(usd).unwrap_or_else(|| "—".into()),
                x.score
                    .map(|v| qty(v.round_dp(2)))
                    .unwrap_or_else(|| "—".into())
            );
        }
        s.push_str("\nRules that fired:\n\n");
        for f in &d.fired {
            let _ = writeln!(
                s,
                "- **{}** ({}{}): because {}. {} *Source: {}.*",
                f.id,
                inline(&f.effect),
                if f.after_choice {
                    ", after the choice"
                } else {
                    ""
                },
                inline(&f.because.join("; ")),
                inline(&f.rationale),
                inline(&f.source)
            );
        }
        s.push('\n');
    }
}

/// "Costs": the system on each family of placements, then every option's bill, line by
/// line, and the data stores'.
fn costs(s: &mut String, w: &Workload, a: &Advice) {
    s.push_str("## Costs\n\n");
    let (serverless, containers) = alternatives(w, a);
    s.push_str("| System | Monthly cost |\n|---|---:|\n");
    let _ = writeln!(s, "| Recommended (hybrid) | {} |", usd(a.monthly));
    let _ = writeln!(
        s,
        "| All serverless (Lambda, Step Functions for workflows, serverless GPU) | {} |",
        serverless
    );
    let _ = writeln!(
        s,
        "| All containers (Fargate, GPU instances for GPU work) | {} |\n",
        containers
    );
    for (c, cc) in w.components.iter().zip(&a.costs.components) {
        let _ = writeln!(s, "### {}\n", inline(&c.name));
        for o in cc.options.iter().filter_map(crate::cost::Priced::option) {
            let _ = writeln!(
                s,
                "<details><summary>{} — {}</summary>\n",
                o.placement,
                usd(o.monthly)
            );
            line_rows(s, &o.lines);
            let _ = writeln!(s, "| **Total** |  |  | **{}** |  |\n", usd(o.monthly));
            for m in &o.mitigations {
                let _ = writeln!(s, "- includes: {}", inline(m));
            }
            for x in &o.warnings {
                let _ = writeln!(s, "- **overloaded:** {}", inline(x));
            }
            derivations(s, &o.derivations);
            s.push_str("\n</details>\n\n");
        }
    }
    if !a.costs.stores.is_empty() {
        s.push_str(
            "### Data stores\n\nEach is priced once, whatever runs the components that use it.\n\n",
        );
        for st in &a.costs.stores {
            let _ = writeln!(
                s,
                "#### {} ({}) — {}\n",
                inline(&st.name),
                st.engine.title(),
                match &st.not_priced {
                    Some(r) => format!("not priced: {}", inline(r)),
                    None => usd(st.monthly),
                }
            );
            let _ = writeln!(s, "Used by {}.\n", inline(&st.used_by.join(", ")));
            if !st.lines.is_empty() {
                line_rows(s, &st.lines);
                s.push('\n');
            }
            derivations(s, &st.derivations);
            s.push('\n');
        }
    }
}

/// "Same system elsewhere": with several clouds, what the system costs on each alone,
/// each component's placement there, and what each leaves out of its total.
fn elsewhere(s: &mut String, a: &Advice) {
    if a.elsewhere.is_empty() {
        return;
    }
    s.push_str("## Same system elsewhere\n\n");
    s.push_str(
        "Each cloud alone (with Cloudflare Workers at the edge), priced and decided as above.\n\n",
    );
    let _ = write!(s, "| Component | This mix |");
    for e in &a.elsewhere {
        let _ = write!(s, " {} alone |", e.provider.title());
    }
    s.push_str("\n|---|---|");
    for _ in &a.elsewhere {
        s.push_str("---|");
    }
    s.push('\n');
    for d in &a.decisions {
        let name = |p: Option<Placement>| p.map(|p| p.as_str()).unwrap_or("none");
        let _ = write!(
            s,
            "| {} | {} |",
            table_cell(&d.component),
            name(d.placement)
        );
        for e in &a.elsewhere {
            let p = e
                .placements
                .iter()
                .find(|x| x.component == d.component)
                .and_then(|x| x.placement);
            let _ = write!(s, " {} |", name(p));
        }
        s.push('\n');
    }
    let _ = write!(s, "| **Monthly** | **{}** |", usd(a.monthly));
    for e in &a.elsewhere {
        let _ = write!(s, " **{}** |", usd(e.monthly));
    }
    s.push_str("\n\n");
    for e in &a.elsewhere {
        let mut left: Vec<String> = e
            .unplaced
            .iter()
            .map(|c| format!("{} (no placement runs it)", inline(c)))
            .collect();
        left.extend(
            e.stores_not_priced
                .iter()
                .map(|c| format!("{} (store not priced)", inline(c))),
        );
        if !left.is_empty() {
            let _ = writeln!(
                s,
                "- {} alone leaves out of its total: {}.",
                e.provider.title(),
                left.join(", ")
            );
        }
    }
    s.push('\n');
}

/// "Sensitivity": the break-evens, the flips and the bill as all traffic scales, computed
/// by [`crate::analysis::sensitivity`].
fn sensitivity(s: &mut String, i: &Inputs, a: &Advice) -> Result<(), CostError> {
    let w = i.workload;
    s.push_str("## Sensitivity\n\n");
    let an = analysis::analyse(w, a, i.rules, i.pricing)?;
    if an.components.len() < w.components.len() {
        let _ = writeln!(
            s,
            "Break-evens and flips are solved for the {} costliest components of {} (on their recommended placements); the others change the total less.\n",
            an.components.len(),
            qty(Decimal::from(w.components.len()))
        );
    }
    break_evens(s, w, &an.break_evens);
    flips(s, w, &an.flips);
    scaling(s, &an.scaling);
    Ok(())
}

/// Where the cheapest placement of each component changes as one trait moves, solved
/// exactly. Traffic is always listed; duration and active hours where they matter (a
/// break-even in range).
fn break_evens(s: &mut String, w: &Workload, sweeps: &[TraitSweep]) {
    s.push_str("Break-even points: where the cheapest placement changes as one trait moves from 1/1,000 to 1,000× today's traffic, 1/100 to 100× today's duration and 1/100× to 24 active hours a day (solved to one request, 0.001 ms, 0.001 h; not read off a grid):\n\n");
    s.push_str("| Component | Trait | Today | Break-even | Cheaper before | Cheaper after | Cost there |\n|---|---|---:|---:|---|---|---|\n");
    for t in sweeps {
        let c = &w.components[t.component];
        let (vary, today, sw) = (t.vary, t.today, &t.sweep);
        if sw.break_evens.is_empty() {
            if vary == Vary::RequestsPerMonth {
                let cheapest = sw.points.first().and_then(|p| p.cheapest);
                let _ = writeln!(
                    s,
                    "| {} | {vary} | {} | none in range | {} throughout | | |",
                    table_cell(&c.name),
                    qty(today),
                    placement_name(cheapest)
                );
            }
            continue;
        }
        for b in &sw.break_evens {
            // A figure priced on pinned capacity that cannot carry the load says so.
            let strained = |p: Placement| {
                if sw
                    .overloaded_from
                    .iter()
                    .any(|(q, v)| *q == p && *v <= b.value)
                {
                    format!(" ({p} overloaded)")
                } else {
                    String::new()
                }
            };
            let there = match b.from_cost {
                Some(from_cost) => format!(
                    "{} {} vs {} {}{}",
                    b.from,
                    usd(from_cost),
                    b.to,
                    usd(b.to_cost),
                    strained(b.to)
                ),
                None => format!(
                    "{} excluded by {}; {} {}",
                    b.from,
                    b.from_excluded_by.join(", "),
                    b.to,
                    usd(b.to_cost)
                ),
            };
            let _ = writeln!(
                s,
                "| {} | {vary} | {} | {} | {} | {} | {} |",
                table_cell(&c.name),
                qty(today),
                qty(b.value),
                b.from,
                b.to,
                table_cell(&there)
            );
        }
    }
    s.push('\n');
}

/// The smallest change in one trait that changes each component's recommendation.
fn flips(s: &mut String, w: &Workload, flips: &[TraitFlip]) {
    s.push_str("The smallest change in one trait that changes a component's recommended placement (searched up to 1,024× and 1/1,024 of today's value, then solved exactly):\n\n");
    s.push_str("| Component | Trait | Today | Changes at | From → to |\n|---|---|---:|---:|---|\n");
    for t in flips {
        let c = &w.components[t.component];
        let vary = t.vary;
        match &t.flip {
            Some(f) => {
                let _ = writeln!(
                    s,
                    "| {} | {vary} | {} | {} ({}) | {} → {} |",
                    table_cell(&c.name),
                    qty(f.from_value),
                    qty(f.value),
                    ratio(f.value, f.from_value),
                    placement_name(f.from),
                    placement_name(f.to)
                );
            }
            None => {
                let _ = writeln!(
                    s,
                    "| {} | {vary} | {} | no change within 1,024× | — |",
                    table_cell(&c.name),
                    qty(t.today)
                );
            }
        }
    }
    s.push('\n');
}

/// Monthly cost of the recommended system as every component's traffic is scaled
/// together: a chart and a table.
fn scaling(s: &mut String, scaling: &[(Decimal, Decimal)]) {
    s.push_str("Monthly cost of the recommended system (placements re-chosen at each volume) as all traffic scales:\n\n```mermaid\nxychart-beta\n");
    s.push_str("    title \"Monthly cost (USD) against traffic\"\n");
    let labels: Vec<String> = scaling
        .iter()
        .map(|(f, _)| format!("\"×{}\"", f.normalize()))
        .collect();
    let _ = writeln!(s, "    x-axis [{}]", labels.join(", "));
    let max = scaling.iter().map(|(_, v)| *v).max().unwrap_or_default();
    let _ = writeln!(
        s,
        "    y-axis \"USD a month\" 0 --> {}",
        (max * dec!(1.1)).ceil().max(Decimal::ONE)
    );
    let _ = writeln!(
        s,
        "    line [{}]",
        scaling
            .iter()
            .map(|(_, v)| v.round_dp(2).normalize().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    s.push_str("```\n\n");
    s.push_str("| Traffic | Recommended system |\n|---|---:|\n");
    for (f, v) in scaling {
        let _ = writeln!(s, "| ×{} | {} |", f.normalize(), usd(*v));
    }
    s.push('\n');
}

/// "Topology": the graph as a Mermaid diagram.
fn topology(s: &mut String, w: &Workload, a: &Advice) {
    s.push_str("## Topology\n\n```mermaid\n");
    s.push_str(&crate::topology::export::mermaid(&crate::topology::build(
        w, a,
    )));
    s.push_str("```\n\n");
}

/// "Migration plan": the phases from today's deployment.
fn migration_plan(s: &mut String, w: &Workload, plan: &Plan) {
    s.push_str(&super::migration(&w.name, plan).replacen(
        "## Migration plan for",
        "## Migration plan:",
        1,
    ));
    s.push('\n');
}

/// "Risks and mitigations": every risk a rule raised.
fn risks_and_mitigations(s: &mut String, a: &Advice) {
    s.push_str("## Risks and mitigations\n\n");
    let mut any = false;
    for d in &a.decisions {
        for r in &d.risks {
            any = true;
            let _ = writeln!(
                s,
                "- **{}** ({}): {} *Mitigation:* {}",
                inline(&d.component),
                r.rule,
                inline(&r.risk.risk),
                inline(&r.risk.mitigation)
            );
        }
    }
    if !any {
        s.push_str("No rule raised a risk.\n");
    }
}

/// "Notes for the review": every note a rule left.
fn notes_for_the_review(s: &mut String, a: &Advice) {
    s.push_str("\n## Notes for the review\n\n");
    let mut notes = 0;
    for d in &a.decisions {
        for (id, n) in &d.notes {
            notes += 1;
            let _ = writeln!(s, "- **{}** ({id}): {}", inline(&d.component), inline(n));
        }
    }
    if notes == 0 {
        s.push_str("No notes.\n");
    }
}

/// "Rule trace", folded: every rule that fired, per component.
fn rule_trace(s: &mut String, a: &Advice) {
    s.push_str("\n<details><summary>Rule trace</summary>\n\n");
    for d in &a.decisions {
        let _ = writeln!(s, "- {}", inline(&d.component));
        for f in &d.fired {
            let _ = writeln!(
                s,
                "  - {}: {} — {}",
                f.id,
                inline(&f.effect),
                inline(&f.because.join("; "))
            );
        }
    }
    s.push_str("\n</details>\n\n");
}

/// "Assumptions": region, month, free tier, catalog and rule base.
fn assumptions(s: &mut String, i: &Inputs) {
    let w = i.workload;
    s.push_str("## Assumptions\n\n");
    let _ = writeln!(s, "- Region: {}", inline(&w.region));
    let _ = writeln!(
        s,
        "- Month length: {} hours (every hourly price uses it)",
        qty(w.assumptions.hours_per_month)
    );
    let _ = writeln!(
        s,
        "- Free tier: {}",
        if w.assumptions.free_tier {
            "applied, once per account"
        } else {
            "not applied"
        }
    );
    let _ = writeln!(
        s,
        "- Pricing catalog as of {} ({} prices, each with its source: `archway schema pricing`, `rules/pricing.yaml`)",
        inline(&i.pricing.as_of),
        inline(&i.pricing.currency)
    );
    let _ = writeln!(
        s,
        "- Rule base: {} rules (`archway rules list`)",
        i.rules.rules.len()
    );
    s.push_str("- Money is computed exactly; each line is rounded to cents and every total is the sum of its lines.\n");
}

/// Every trait of a component as (name, value) for the workload table.
fn traits(c: &Component) -> Vec<(&'static str, String)> {
    let mut v = vec![
        ("kind", c.kind.to_string()),
        ("requests_per_month", qty(c.requests_per_month)),
        ("shape", c.shape.to_string()),
        ("peak_rps", qty(c.peak_rps)),
        ("duration_ms", qty(c.duration_ms)),
        ("cpu_ms", qty(c.cpu_ms)),
        ("max_duration_s", qty(c.max_duration_s)),
        ("memory_mb", qty(c.memory_mb)),
        ("arch", c.arch.to_string()),
        ("ephemeral_storage_mb", qty(c.ephemeral_storage_mb)),
        ("runtime", c.runtime.to_string()),
        ("package_mb", qty(c.package_mb)),
        ("gpu", c.gpu.to_string()),
        ("state", c.state.to_string()),
        ("connections", c.connections.to_string()),
        (
            "latency_p99_ms",
            c.latency_p99_ms.map(qty).unwrap_or_else(|| "none".into()),
        ),
        ("payload_kb", qty(c.payload_kb)),
        ("gateway", c.gateway.to_string()),
        ("access", c.access.to_string()),
        ("data_store", c.data.store.to_string()),
    ];
    if !c.depends_on.is_empty() {
        v.push(("depends_on", c.depends_on.join(", ")));
    }
    if let Some(s) = &c.schedule {
        v.push((
            "schedule",
            format!(
                "{} runs a month × {} s",
                qty(s.runs_per_month.round_dp(4)),
                qty(s.run_seconds)
            ),
        ));
    }
    if let Some(p) = &c.provisioned {
        v.push((
            "provisioned_concurrency",
            format!(
                "{} instances × {} h",
                qty(p.instances),
                qty(p.hours_per_month)
            ),
        ));
    }
    if c.dedicated_hardware {
        v.push(("dedicated_hardware", "true".into()));
    }
    v
}

/// How each quantity was obtained, marked given, derived or default.
fn derivations(s: &mut String, ds: &[crate::cost::Derivation]) {
    for d in ds {
        let _ = writeln!(
            s,
            "- {} ({}): {} — {}",
            inline(&d.quantity),
            d.origin,
            inline(&d.text),
            inline(&d.how)
        );
    }
}

/// The whole system on one family of placements, where each component can run there:
/// (all serverless, all containers).
fn alternatives(w: &Workload, a: &Advice) -> (String, String) {
    use crate::workload::{Gpu, Kind};
    let pick = |serverless: bool| -> String {
        let mut options = Vec::new();
        let mut missing = Vec::new();
        for (c, (d, cc)) in w
            .components
            .iter()
            .zip(a.decisions.iter().zip(&a.costs.components))
        {
            let wanted = match (serverless, c.gpu != Gpu::None, c.kind == Kind::Workflow) {
                (true, true, _) => Placement::ServerlessGpu,
                (true, false, true) => Placement::StepFunctionsStandard,
                (true, false, false) => Placement::Lambda,
                (false, true, _) => Placement::GpuInstance,
                (false, false, _) => Placement::Fargate,
            };
            match (d.alternative(wanted), cc.option(wanted)) {
                (Some(alt), Some(o)) if alt.excluded_by.is_empty() => options.push(o),
                _ => missing.push(c.name.clone()),
            }
        }
        // The stores are the same whatever runs the components.
        let stores: Decimal = a.costs.stores.iter().map(|s| s.monthly).sum();
        let total = system_total(options.into_iter()).0 + stores;
        if missing.is_empty() {
            usd(total)
        } else {
            format!(
                "{} without {} (cannot run there)",
                usd(total),
                table_cell(&missing.join(", "))
            )
        }
    };
    (pick(true), pick(false))
}

fn ratio(v: Decimal, v0: Decimal) -> String {
    if v0.is_zero() {
        return "—".into();
    }
    let r = v / v0;
    if r >= Decimal::ONE {
        format!("×{}", qty(r.round_dp(2)))
    } else {
        format!("÷{}", qty((v0 / v).round_dp(2)))
    }
}

/// A bill's lines as a markdown table: the header, then a row per line.
fn line_rows(s: &mut String, lines: &[crate::cost::Line]) {
    s.push_str("| Item | Quantity | Unit price | Amount | Formula |\n|---|---:|---:|---:|---|\n");
    for l in lines {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} |",
            table_cell(&l.item),
            table_cell(&format!(
                "{} {}",
                qty(l.quantity),
                crate::cost::plural(&l.unit, l.quantity)
            )),
            table_cell(&crate::cost::unit_price(l.unit_price)),
            usd(l.amount),
            table_cell(&l.formula)
        );
    }
}
