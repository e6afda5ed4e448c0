//! `archway migrate WORKLOAD`: the phased plan from today's deployment to the recommended one.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;
use serde::Serialize;

use super::{Failure, Global};
use crate::cost::{money2, usd};
use crate::migration::{self, Plan};
use crate::placement::Placement;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Markdown,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The workload file (YAML).
    pub workload: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

pub fn run(g: &Global, a: &Args, out: &mut dyn Write) -> Result<(), Failure> {
    let (w, advice) = g.load_and_advise(&a.workload)?;
    let p = migration::plan(&w, &advice);
    match a.format {
        Format::Text => text(&w.name, &p, out)?,
        Format::Markdown => write!(out, "{}", crate::report::migration(&w.name, &p))?,
        Format::Json => {
            let s =
                serde_json::to_string_pretty(&json(&p)).map_err(|e| Failure::Run(e.to_string()))?;
            writeln!(out, "{s}")?;
        }
    }
    super::require_placements(&advice)
}

pub(crate) fn text(name: &str, p: &Plan, out: &mut dyn Write) -> Result<(), Failure> {
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

#[derive(Serialize)]
struct JsonPlan<'a> {
    from: Option<&'static str>,
    #[serde(serialize_with = "opt_money")]
    current_monthly_usd: Option<rust_decimal::Decimal>,
    #[serde(serialize_with = "money2")]
    target_monthly_usd: rust_decimal::Decimal,
    attribution: &'a str,
    phases: Vec<JsonPhase<'a>>,
}

#[derive(Serialize)]
struct JsonPhase<'a> {
    number: usize,
    title: &'a str,
    moves: Vec<JsonMove<'a>>,
    prerequisites: &'a [String],
    #[serde(serialize_with = "money2")]
    cost_during_usd: rust_decimal::Decimal,
    #[serde(serialize_with = "money2")]
    cost_after_usd: rust_decimal::Decimal,
    risk: &'a str,
    rollback: &'a str,
    metric: &'a str,
}

#[derive(Serialize)]
struct JsonMove<'a> {
    component: &'a str,
    placement: Option<Placement>,
    #[serde(serialize_with = "money2")]
    monthly_usd: rust_decimal::Decimal,
    hints: &'a [String],
}

fn opt_money<S: serde::Serializer>(
    d: &Option<rust_decimal::Decimal>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => money2(d, s),
        None => s.serialize_none(),
    }
}

fn json(p: &Plan) -> JsonPlan<'_> {
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
