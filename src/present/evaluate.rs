//! The evaluation as people read it and as data: each component's placement, the
//! alternatives, the rules that decided it, the bill.

use std::io::Write;

use serde::Serialize;

use super::Failure;
use super::paint::{Paint, Tone};
use crate::advisor::{Advice, RowKind};
use crate::cost::{money2, qty, usd};
use crate::placement::Placement;
use crate::rules::engine::Decision;

/// The evaluation as data (DESIGN.md "JSON output").
#[derive(Serialize, schemars::JsonSchema)]
pub struct View<'a> {
    pub components: Vec<ComponentView<'a>>,
    #[schemars(with = "crate::cost::MoneyJson")]
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
    /// When the workload names several clouds: the same system on each alone.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub elsewhere: &'a [crate::advisor::Elsewhere],
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct BillRowView {
    pub what: String,
    pub kind: &'static str,
    #[schemars(with = "crate::cost::MoneyJson")]
    #[serde(serialize_with = "money2")]
    pub monthly_usd: rust_decimal::Decimal,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct ComponentView<'a> {
    pub name: &'a str,
    pub placement: Option<Placement>,
    #[schemars(with = "Option<crate::cost::MoneyJson>")]
    #[serde(serialize_with = "crate::cost::money2_opt")]
    pub monthly_usd: Option<rust_decimal::Decimal>,
    pub why: &'a str,
    pub alternatives: Vec<AltView<'a>>,
    pub fired_rules: Vec<FiredView<'a>>,
    pub risks: Vec<RiskView<'a>>,
    pub supports: Vec<&'static str>,
    pub notes: Vec<&'a str>,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct AltView<'a> {
    pub placement: Placement,
    #[schemars(with = "Option<crate::cost::MoneyJson>")]
    #[serde(serialize_with = "crate::cost::money2_opt")]
    pub monthly_usd: Option<rust_decimal::Decimal>,
    pub score: Option<String>,
    pub excluded_by: &'a [String],
    /// Why the placement cannot be priced; `null` when it is.
    pub not_priced: Option<&'a str>,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct FiredView<'a> {
    pub id: &'a str,
    pub effect: &'a str,
    pub because: String,
    pub source: &'a str,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct RiskView<'a> {
    pub rule: &'a str,
    pub risk: &'a str,
    pub mitigation: &'a str,
}

pub fn view(a: &Advice) -> View<'_> {
    View {
        components: a.decisions.iter().map(|d| component_view(a, d)).collect(),
        monthly_usd: a.monthly,
        shared_fees_counted_once: a.shared_fees_deduplicated.clone(),
        adjustments: &a.adjustments,
        elsewhere: &a.elsewhere,
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
    painted(a, Paint::PLAIN, out)
}

/// [`text`], the placements, excluded alternatives and warnings marked for colour.
pub fn painted(a: &Advice, paint: Paint, out: &mut dyn Write) -> Result<(), Failure> {
    let s = &a.assumptions;
    writeln!(out, "{} — recommended placements", a.workload)?;
    writeln!(out, "{}", s.line())?;
    writeln!(out)?;
    summary_painted(a, paint, out)?;
    for d in &a.decisions {
        decision(d, paint, out)?;
    }
    writeln!(out)?;
    bill(a, out)?;
    for l in &a.adjustments {
        writeln!(out, "adjustment: {} = {}", l.item, l.formula)?;
    }
    total(a, paint, out)?;
    writeln!(out)?;
    if !a.elsewhere.is_empty() {
        writeln!(out)?;
        out.write_all(elsewhere(a).as_bytes())?;
    }
    Ok(())
}

/// One component's decision: the placement and its cost, why, every alternative with its
/// score or what excludes it, each rule that fired with its reasons and source, the
/// supporting pieces, risks and notes; after a blank line.
pub fn decision(d: &Decision, paint: Paint, out: &mut dyn Write) -> Result<(), Failure> {
    writeln!(out)?;
    write!(out, "{} → ", d.component)?;
    match d.chosen() {
        Some(c) => {
            paint.write(out, Tone::Chosen, c.placement.as_str())?;
            writeln!(out, "  {}", c.monthly.map(usd).unwrap_or_default())?;
        }
        None => {
            paint.write(out, Tone::Warning, "NO PLACEMENT")?;
            writeln!(out)?;
        }
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
        let line = format!("    {:<24} {:>12}  {status}", x.placement.as_str(), money);
        if x.excluded_by.is_empty() {
            writeln!(out, "{line}")?;
        } else {
            paint.write(out, Tone::Excluded, &line)?;
            writeln!(out)?;
        }
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
        write!(out, "  ")?;
        paint.write(out, Tone::Warning, &format!("risk ({})", r.rule))?;
        writeln!(out, ": {}", r.risk.risk)?;
        writeln!(out, "    mitigation: {}", r.risk.mitigation)?;
    }
    for (id, n) in &d.notes {
        writeln!(out, "  note ({id}): {n}")?;
    }
    Ok(())
}

/// The same system on each cloud alone, beside this mix: a table, then what each leaves out.
pub fn elsewhere(a: &Advice) -> String {
    let mut rows: Vec<Vec<String>> = vec![vec![
        "the same system".into(),
        "monthly".into(),
        "components placed".into(),
    ]];
    let n = a.decisions.len();
    let placed = |unplaced: usize| format!("{} of {n}", n - unplaced);
    rows.push(vec![
        format!(
            "this mix ({})",
            a.elsewhere
                .iter()
                .map(|e| e.provider.as_str())
                .collect::<Vec<_>>()
                .join(" + ")
        ),
        usd(a.monthly),
        placed(a.decisions.iter().filter(|d| d.placement.is_none()).count()),
    ]);
    for e in &a.elsewhere {
        rows.push(vec![
            format!("{} alone", e.provider.title()),
            usd(e.monthly),
            placed(e.unplaced.len()),
        ]);
    }
    let mut s = String::from("same system elsewhere\n");
    s.push_str(&super::table::columns(&rows, &[false, true, true], "  "));
    for e in &a.elsewhere {
        let mut left = Vec::new();
        if !e.unplaced.is_empty() {
            left.push(format!(
                "no placement runs {}",
                e.unplaced
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if !e.stores_not_priced.is_empty() {
            left.push(format!(
                "stores not priced: {}",
                e.stores_not_priced
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if !left.is_empty() {
            s.push_str(&format!(
                "  {} alone leaves out: {} (its total does not include them)\n",
                e.provider.title(),
                left.join("; ")
            ));
        }
    }
    s
}

/// The total line; what it leaves out is a warning.
fn total(a: &Advice, paint: Paint, out: &mut dyn Write) -> Result<(), Failure> {
    let line = super::total_line(a);
    match line.split_once("; ") {
        Some((head, missing)) => {
            write!(out, "{head}; ")?;
            paint.write(out, Tone::Warning, missing)?;
        }
        None => write!(out, "{line}")?,
    }
    Ok(())
}

/// One line per component first — placement, cost, runner-up, margin — then the total.
pub fn summary(a: &Advice, out: &mut dyn Write) -> Result<(), Failure> {
    summary_painted(a, Paint::PLAIN, out)
}

fn summary_painted(a: &Advice, paint: Paint, out: &mut dyn Write) -> Result<(), Failure> {
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
                (Some(m), _) => {
                    let m = m.round_dp(2);
                    format!("{} {}", qty(m), crate::cost::plural("point", m))
                }
                (None, Some(_)) => "only candidate".into(),
                (None, None) => "—".into(),
            },
        ]);
    }
    let placed: Vec<bool> = a.decisions.iter().map(|d| d.placement.is_some()).collect();
    let tone = |row: usize, col: usize| match (row, col) {
        (0, _) | (_, 2..) | (_, 0) => None,
        (r, _) if placed[r - 1] => Some(Tone::Chosen),
        _ => Some(Tone::Warning),
    };
    out.write_all(&super::table::painted(
        &rows,
        &[false, false, true, false, true, true],
        "",
        paint,
        &tone,
    ))?;
    total(a, paint, out)?;
    writeln!(out, " (the bill is at the end)")?;
    Ok(())
}

/// The system's bill: rows that add up to the total.
pub fn bill(a: &Advice, out: &mut dyn Write) -> Result<(), Failure> {
    writeln!(out, "the bill")?;
    let mut rows: Vec<Vec<String>> = a
        .bill()
        .into_iter()
        .map(|r| {
            let unpriced = r.kind == RowKind::Store
                && a.costs
                    .stores
                    .iter()
                    .any(|s| s.name == r.what && s.not_priced.is_some());
            let what = match r.kind {
                RowKind::Component => r.what,
                RowKind::Store => format!("{} (data store)", r.what),
                RowKind::Adjustment => "pooled free tier and volume tiers".into(),
            };
            if unpriced {
                return vec![what, "not priced".into()];
            }
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
