//! The markdown decision report, in full or as an architecture decision record (MADR).
//! Pure: the same advice gives the same bytes; any user text is escaped.

pub mod escape;

use std::fmt::Write;

use rust_decimal::Decimal;
use rust_decimal::dec;

use crate::advisor::{Advice, RowKind, advise, system_total};
use crate::cost::sweep::{self, Vary};
use crate::cost::{Pricing, qty, usd};
use crate::migration::{self, Plan};
use crate::placement::Placement;
use crate::rules::RuleBase;
use crate::topology;
use crate::workload::{Component, Workload};
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
        Style::Full => full(i, advice, &plan)?,
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

fn full(i: &Inputs, a: &Advice, plan: &Plan) -> Result<String, crate::cost::CostError> {
    let w = i.workload;
    let mut s = String::new();
    let _ = writeln!(s, "# Placement decision: {}\n", inline(&w.name));
    if let Some(d) = &w.description {
        let _ = writeln!(s, "{}\n", inline(d));
    }
    if let Some(date) = i.date {
        let _ = writeln!(s, "Date: {}\n", inline(date));
    }

    s.push_str("## Summary\n\n");
    let _ = writeln!(s, "{}\n", summary(w, a));
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
            s.push_str(
                "| Item | Quantity | Unit price | Amount | Formula |\n|---|---:|---:|---:|---|\n",
            );
            for l in &o.lines {
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
            let _ = writeln!(s, "| **Total** |  |  | **{}** |  |\n", usd(o.monthly));
            for m in &o.mitigations {
                let _ = writeln!(s, "- includes: {}", inline(m));
            }
            for x in &o.warnings {
                let _ = writeln!(s, "- **overloaded:** {}", inline(x));
            }
            derivations(&mut s, &o.derivations);
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
                s.push_str("| Item | Quantity | Unit price | Amount | Formula |\n|---|---:|---:|---:|---|\n");
                for l in &st.lines {
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
                s.push('\n');
            }
            derivations(&mut s, &st.derivations);
            s.push('\n');
        }
    }

    s.push_str("## Sensitivity\n\n");
    sensitivity(&mut s, i, a)?;

    s.push_str("## Topology\n\n```mermaid\n");
    s.push_str(&topology::export::mermaid(&topology::build(w, a)));
    s.push_str("```\n\n");
    s.push_str(&migration(&w.name, plan).replacen(
        "## Migration plan for",
        "## Migration plan:",
        1,
    ));
    s.push('\n');

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
    Ok(s)
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

/// The whole system on one family of placements, where each component can run there.
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

/// The traits whose break-evens the report solves, and the range around today's value.
const BREAK_EVEN_TRAITS: [(Vary, Decimal, Decimal); 3] = [
    (Vary::RequestsPerMonth, dec!(0.001), dec!(1000)),
    (Vary::DurationMs, dec!(0.01), dec!(100)),
    (Vary::ActiveHoursPerDay, dec!(0.01), dec!(100)),
];

/// Where the cheapest placement of each component changes as one trait moves, solved
/// exactly. Traffic is always listed; duration and active hours where they matter (a
/// break-even in range).
/// The most components whose break-evens and flips a report solves: each takes a few
/// hundred pricings, so a system of thousands is reported on its costliest parts.
pub const SENSITIVITY_COMPONENTS: usize = 100;

/// The components the sensitivity analysis covers, in file order: all of them, or the
/// [`SENSITIVITY_COMPONENTS`] costliest on their chosen placements.
fn sensitive(w: &Workload, a: &Advice) -> Vec<usize> {
    if w.components.len() <= SENSITIVITY_COMPONENTS {
        return (0..w.components.len()).collect();
    }
    let cost = |i: usize| {
        let d = &a.decisions[i];
        d.placement
            .and_then(|p| a.costs.components[i].option(p))
            .map(|o| o.monthly)
            .unwrap_or_default()
    };
    let mut by_cost: Vec<usize> = (0..w.components.len()).collect();
    by_cost.sort_by(|x, y| cost(*y).cmp(&cost(*x)).then(x.cmp(y)));
    by_cost.truncate(SENSITIVITY_COMPONENTS);
    by_cost.sort_unstable();
    by_cost
}

fn break_evens(s: &mut String, i: &Inputs, which: &[usize]) -> Result<(), crate::cost::CostError> {
    let w = i.workload;
    s.push_str("Break-even points: where the cheapest placement changes as one trait moves from 1/1,000 to 1,000× today's traffic, 1/100 to 100× today's duration and 1/100× to 24 active hours a day (solved to one request, 0.001 ms, 0.001 h; not read off a grid):\n\n");
    s.push_str("| Component | Trait | Today | Break-even | Cheaper before | Cheaper after | Cost there |\n|---|---|---:|---:|---|---|---|\n");
    for &idx in which {
        let c = &w.components[idx];
        for (vary, down, up) in BREAK_EVEN_TRAITS {
            let today = sweep::current(w, idx, vary);
            let res = vary.resolution();
            let from = ((today * down) / res).floor().max(Decimal::ONE) * res;
            // Within what a workload file accepts (today's value is, so the product fits).
            let to = (today * up).min(vary.ceiling(w));
            if today <= Decimal::ZERO || from >= to {
                continue;
            }
            let range = sweep::Range {
                vary,
                from,
                to,
                steps: 12,
            };
            let sw = match sweep::sweep(w, idx, range, i.rules, i.pricing) {
                Ok(sw) => sw,
                Err(sweep::SweepError::Cost(e)) => return Err(e),
                Err(sweep::SweepError::Input(_)) => continue,
            };
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
    }
    s.push('\n');
    Ok(())
}

fn sensitivity(s: &mut String, i: &Inputs, a: &Advice) -> Result<(), crate::cost::CostError> {
    let w = i.workload;
    let which = sensitive(w, a);
    if which.len() < w.components.len() {
        let _ = writeln!(
            s,
            "Break-evens and flips are solved for the {} costliest components of {} (on their recommended placements); the others change the total less.\n",
            which.len(),
            qty(Decimal::from(w.components.len()))
        );
    }
    break_evens(s, i, &which)?;
    s.push_str("The smallest change in one trait that changes a component's recommended placement (searched up to 1,024× and 1/1,024 of today's value, then solved exactly):\n\n");
    s.push_str("| Component | Trait | Today | Changes at | From → to |\n|---|---|---:|---:|---|\n");
    for &idx in &which {
        let c = &w.components[idx];
        for vary in [Vary::RequestsPerMonth, Vary::DurationMs, Vary::MemoryMb] {
            match sweep::flip(w, idx, vary, i.rules, i.pricing)? {
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
                        qty(sweep::current(w, idx, vary))
                    );
                }
            }
        }
    }
    s.push('\n');
    // Monthly cost of the recommended system, all-serverless and all-container, as every
    // component's traffic is scaled together.
    let factors = [
        dec!(0.01),
        dec!(0.1),
        dec!(0.5),
        dec!(1),
        dec!(2),
        dec!(10),
        dec!(100),
    ];
    let mut rec = Vec::new();
    for f in factors {
        let mut scaled = w.clone();
        for (idx, c) in w.components.iter().enumerate() {
            let value = (c.requests_per_month * f).round();
            scaled.components[idx] =
                sweep::component_with_value(w, idx, Vary::RequestsPerMonth, value).map_err(
                    |source| crate::cost::CostError::Overflow {
                        component: c.name.clone(),
                        source,
                    },
                )?;
        }
        let adv = advise(&scaled, i.rules, i.pricing)?;
        rec.push(adv.monthly);
    }
    let _ = a;
    s.push_str("Monthly cost of the recommended system (placements re-chosen at each volume) as all traffic scales:\n\n```mermaid\nxychart-beta\n");
    s.push_str("    title \"Monthly cost (USD) against traffic\"\n");
    let labels: Vec<String> = factors
        .iter()
        .map(|f| format!("\"×{}\"", f.normalize()))
        .collect();
    let _ = writeln!(s, "    x-axis [{}]", labels.join(", "));
    let max = rec.iter().copied().max().unwrap_or_default();
    let _ = writeln!(
        s,
        "    y-axis \"USD a month\" 0 --> {}",
        (max * dec!(1.1)).ceil().max(Decimal::ONE)
    );
    let _ = writeln!(
        s,
        "    line [{}]",
        rec.iter()
            .map(|v| v.round_dp(2).normalize().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    s.push_str("```\n\n");
    s.push_str("| Traffic | Recommended system |\n|---|---:|\n");
    for (f, v) in factors.iter().zip(&rec) {
        let _ = writeln!(s, "| ×{} | {} |", f.normalize(), usd(*v));
    }
    s.push('\n');
    Ok(())
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
        "{}{} components must each be placed on serverless functions, serverless containers, Kubernetes or VMs, the edge, or GPUs, within {} at {} hours a month.\n",
        w.description
            .as_deref()
            .map(|d| format!("{}. ", inline(d).trim_end_matches('.')))
            .unwrap_or_default(),
        w.components.len(),
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
