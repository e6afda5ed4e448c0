//! The evaluation as people read it and as data: each component's placement, the
//! alternatives, the rules that decided it, the bill.

use std::io::Write;

use serde::Serialize;

use super::Failure;
use crate::advisor::{Advice, RowKind};
use crate::cost::{money2, qty, usd};
use crate::placement::Placement;
use crate::rules::engine::Decision;

/// The evaluation as data (DESIGN.md "JSON output").
#[derive(Serialize)]
pub struct View<'a> {
    pub workload: &'a str,
    pub components: Vec<ComponentView<'a>>,
    #[serde(serialize_with = "money2")]
    pub monthly_usd: rust_decimal::Decimal,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shared_fees_counted_once: Vec<String>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub adjustments: &'a [crate::cost::Line],
    /// The data stores, each priced once.
    pub stores: &'a [crate::cost::stores::StoreCost],
    /// The system's bill as rows that add up to monthly_usd.
    pub bill: Vec<BillRowView>,
}

#[derive(Serialize)]
pub struct BillRowView {
    pub what: String,
    pub kind: &'static str,
    #[serde(serialize_with = "money2")]
    pub monthly_usd: rust_decimal::Decimal,
}

#[derive(Serialize)]
pub struct ComponentView<'a> {
    pub name: &'a str,
    pub placement: Option<Placement>,
    #[serde(serialize_with = "crate::cost::money2_opt")]
    pub monthly_usd: Option<rust_decimal::Decimal>,
    pub why: &'a str,
    pub alternatives: Vec<AltView<'a>>,
    pub fired_rules: Vec<FiredView<'a>>,
    pub risks: Vec<RiskView<'a>>,
    pub supports: Vec<&'static str>,
    pub notes: Vec<&'a str>,
}

#[derive(Serialize)]
pub struct AltView<'a> {
    pub placement: Placement,
    #[serde(serialize_with = "crate::cost::money2_opt")]
    pub monthly_usd: Option<rust_decimal::Decimal>,
    pub score: Option<String>,
    pub excluded_by: &'a [String],
    /// Why the placement cannot be priced; `null` when it is.
    pub not_priced: Option<&'a str>,
}

#[derive(Serialize)]
pub struct FiredView<'a> {
    pub id: &'a str,
    pub effect: &'a str,
    pub because: String,
    pub source: &'a str,
}

#[derive(Serialize)]
pub struct RiskView<'a> {
    pub rule: &'a str,
    pub risk: &'a str,
    pub mitigation: &'a str,
}

pub fn view(a: &Advice) -> View<'_> {
    View {
        workload: &a.workload,
        components: a.decisions.iter().map(|d| component_view(a, d)).collect(),
        monthly_usd: a.monthly,
        shared_fees_counted_once: a.shared_fees_deduplicated.clone(),
        adjustments: &a.adjustments,
        stores: &a.costs.stores,
        bill: a
            .bill()
            .into_iter()
            .map(|r| BillRowView {
                what: r.what,
                kind: match r.kind {
                    RowKind::Component => "component",
                    RowKind::Store => "store",
                    RowKind::Adjustment => "adjustment",
                },
                monthly_usd: r.monthly,
            })
            .collect(),
    }
}

pub fn component_view<'a>(_a: &'a Advice, d: &'a Decision) -> ComponentView<'a> {
    ComponentView {
        name: &d.component,
        placement: d.placement,
        monthly_usd: d.chosen().and_then(|c| c.monthly),
        why: &d.why,
        alternatives: d
            .alternatives
            .iter()
            .map(|x| AltView {
                placement: x.placement,
                monthly_usd: x.monthly,
                score: x.score.map(|s| s.normalize().to_string()),
                excluded_by: &x.excluded_by,
                not_priced: x.not_priced.as_deref(),
            })
            .collect(),
        fired_rules: d
            .fired
            .iter()
            .map(|f| FiredView {
                id: &f.id,
                effect: &f.effect,
                because: f.because.join("; "),
                source: &f.source,
            })
            .collect(),
        risks: d
            .risks
            .iter()
            .map(|r| RiskView {
                rule: &r.rule,
                risk: &r.risk.risk,
                mitigation: &r.risk.mitigation,
            })
            .collect(),
        supports: d.supports.iter().map(|(s, _)| s.as_str()).collect(),
        notes: d.notes.iter().map(|(_, n)| n.as_str()).collect(),
    }
}

pub fn text(a: &Advice, out: &mut dyn Write) -> Result<(), Failure> {
    let s = &a.assumptions;
    writeln!(out, "{} — recommended placements", a.workload)?;
    writeln!(out, "{}", s.line())?;
    writeln!(out)?;
    summary(a, out)?;
    for d in &a.decisions {
        writeln!(out)?;
        match d.chosen() {
            Some(c) => writeln!(
                out,
                "{} → {}  {}",
                d.component,
                c.placement,
                c.monthly.map(usd).unwrap_or_default()
            )?,
            None => writeln!(out, "{} → NO PLACEMENT", d.component)?,
        }
        writeln!(out, "  why: {}", d.why)?;
        writeln!(out, "  alternatives:")?;
        for x in &d.alternatives {
            let money = x.monthly.map(usd).unwrap_or_else(|| "—".into());
            // Scores aligned in a column; an excluded or unpriced option in words.
            let status = match &x.score {
                Some(sc) => format!(
                    "score {:>6}  (rules {:+}, cost {})",
                    qty(sc.round_dp(2)),
                    x.rule_points.normalize(),
                    qty(x.cost_points.unwrap_or_default())
                ),
                None => x.standing(),
            };
            writeln!(
                out,
                "    {:<24} {:>12}  {status}",
                x.placement.as_str(),
                money
            )?;
        }
        writeln!(out, "  rules fired:")?;
        for f in &d.fired {
            writeln!(
                out,
                "    {} — {}{}",
                f.id,
                f.effect,
                if f.after_choice {
                    " (after the choice)"
                } else {
                    ""
                }
            )?;
            writeln!(out, "      because {}", f.because.join("; "))?;
            writeln!(out, "      source: {}", f.source)?;
        }
        if !d.supports.is_empty() {
            writeln!(
                out,
                "  supporting pieces: {}",
                d.supports
                    .iter()
                    .map(|(s, _)| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )?;
        }
        for r in &d.risks {
            writeln!(out, "  risk ({}): {}", r.rule, r.risk.risk)?;
            writeln!(out, "    mitigation: {}", r.risk.mitigation)?;
        }
        for (id, n) in &d.notes {
            writeln!(out, "  note ({id}): {n}")?;
        }
    }
    writeln!(out)?;
    bill(a, out)?;
    for l in &a.adjustments {
        writeln!(out, "adjustment: {} = {}", l.item, l.formula)?;
    }
    writeln!(out, "{}", super::total_line(a))?;
    Ok(())
}

/// One line per component first — placement, cost, runner-up, margin — then the total.
pub fn summary(a: &Advice, out: &mut dyn Write) -> Result<(), Failure> {
    let mut rows = vec![vec![
        "component".to_string(),
        "placement".into(),
        "monthly".into(),
        "runner-up".into(),
        "".into(),
        "margin".into(),
    ]];
    for d in &a.decisions {
        let chosen = d.chosen();
        let runner = d.runner_up();
        let money = |m: Option<rust_decimal::Decimal>| m.map(usd).unwrap_or_else(|| "—".into());
        rows.push(vec![
            d.component.clone(),
            d.placement
                .map(|p| p.to_string())
                .unwrap_or_else(|| "NO PLACEMENT".into()),
            money(chosen.and_then(|c| c.monthly)),
            runner.map(|r| r.placement.to_string()).unwrap_or_default(),
            runner.map(|r| money(r.monthly)).unwrap_or_default(),
            match (d.margin(), chosen.and_then(|c| c.score)) {
                (Some(m), _) => format!("{} points", qty(m.round_dp(2))),
                (None, Some(_)) => "only candidate".into(),
                (None, None) => "—".into(),
            },
        ]);
    }
    out.write_all(
        super::table::columns(&rows, &[false, false, true, false, true, true], "").as_bytes(),
    )?;
    writeln!(out, "{} (the bill is at the end)", super::total_line(a))?;
    Ok(())
}

/// The system's bill: rows that add up to the total.
pub fn bill(a: &Advice, out: &mut dyn Write) -> Result<(), Failure> {
    writeln!(out, "the bill")?;
    let mut rows: Vec<Vec<String>> = a
        .bill()
        .into_iter()
        .map(|r| {
            let what = match r.kind {
                RowKind::Component => r.what,
                RowKind::Store => format!("{} (data store)", r.what),
                RowKind::Adjustment => "pooled free tier and volume tiers".into(),
            };
            vec![what, usd(r.monthly)]
        })
        .collect();
    rows.push(vec!["total".into(), usd(a.monthly)]);
    out.write_all(super::table::columns(&rows, &[false, true], "  ").as_bytes())?;
    if !a.shared_fees_deduplicated.is_empty() {
        writeln!(
            out,
            "  (shared fees counted once, at their first user: {})",
            a.shared_fees_deduplicated.join(", ")
        )?;
    }
    Ok(())
}
