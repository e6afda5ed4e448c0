//! The migration plan as people read it and as data.

use std::io::Write;

use serde::Serialize;

use super::Failure;
use crate::cost::{money2, usd};
use crate::migration::Plan;
use crate::placement::Placement;

pub fn text(name: &str, p: &Plan, out: &mut dyn Write) -> Result<(), Failure> {
    writeln!(
        out,
        "{name} — migration plan, {} → {} a month",
        p.origin(),
        usd(p.target_monthly)
    )?;
    writeln!(out, "{}", p.attribution)?;
    for ph in &p.phases {
        writeln!(out)?;
        writeln!(out, "Phase {}: {}", ph.number, ph.title)?;
        for m in &ph.moves {
            let to = m.placement.map(Placement::as_str).unwrap_or("NO PLACEMENT");
            writeln!(
                out,
                "  move {} → {} ({} a month)",
                m.component,
                to,
                usd(m.monthly)
            )?;
            for h in &m.hints {
                writeln!(out, "    hint: {h}")?;
            }
        }
        for pr in &ph.prerequisites {
            writeln!(out, "  needs: {pr}")?;
        }
        writeln!(
            out,
            "  cost: {} a month during, {} after",
            usd(ph.cost_during),
            usd(ph.cost_after)
        )?;
        writeln!(out, "  risk: {}", ph.risk)?;
        writeln!(out, "  rollback: {}", ph.rollback)?;
        writeln!(out, "  done when: {}", ph.metric)?;
    }
    Ok(())
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct JsonPlan<'a> {
    from: Option<&'static str>,
    #[schemars(with = "Option<crate::cost::MoneyJson>")]
    #[serde(serialize_with = "crate::cost::money2_opt")]
    current_monthly_usd: Option<rust_decimal::Decimal>,
    #[schemars(with = "crate::cost::MoneyJson")]
    #[serde(serialize_with = "money2")]
    target_monthly_usd: rust_decimal::Decimal,
    attribution: &'a str,
    phases: Vec<JsonPhase<'a>>,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct JsonPhase<'a> {
    number: usize,
    title: &'a str,
    moves: Vec<JsonMove<'a>>,
    prerequisites: &'a [String],
    #[schemars(with = "crate::cost::MoneyJson")]
    #[serde(serialize_with = "money2")]
    cost_during_usd: rust_decimal::Decimal,
    #[schemars(with = "crate::cost::MoneyJson")]
    #[serde(serialize_with = "money2")]
    cost_after_usd: rust_decimal::Decimal,
    risk: &'a str,
    rollback: &'a str,
    metric: &'a str,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct JsonMove<'a> {
    component: &'a str,
    placement: Option<Placement>,
    #[schemars(with = "crate::cost::MoneyJson")]
    #[serde(serialize_with = "money2")]
    monthly_usd: rust_decimal::Decimal,
    hints: &'a [String],
}

pub fn json(p: &Plan) -> JsonPlan<'_> {
    JsonPlan {
        from: p.from.map(|f| f.as_str()),
        current_monthly_usd: p.current_monthly,
        target_monthly_usd: p.target_monthly,
        attribution: &p.attribution,
        phases: p
            .phases
            .iter()
            .map(|ph| JsonPhase {
                number: ph.number,
                title: &ph.title,
                moves: ph
                    .moves
                    .iter()
                    .map(|m| JsonMove {
                        component: &m.component,
                        placement: m.placement,
                        monthly_usd: m.monthly,
                        hints: &m.hints,
                    })
                    .collect(),
                prerequisites: &ph.prerequisites,
                cost_during_usd: ph.cost_during,
                cost_after_usd: ph.cost_after,
                risk: &ph.risk,
                rollback: &ph.rollback,
                metric: &ph.metric,
            })
            .collect(),
    }
}
