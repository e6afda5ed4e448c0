//! The bill as people read it and as data: every component on every placement, line by
//! line, with the stores and, on demand, how each quantity was derived.

use std::io::Write;

use serde::Serialize;

use super::Failure;
use super::paint::{Paint, Tone};
use crate::cost::stores::StoreCost;
use crate::cost::{
    self, ComponentCost, CostOption, Derivation, Line, Priced, WorkloadCost, qty, unit_price, usd,
};
use crate::placement::Placement;
use crate::workload::{Component, Workload};

#[derive(Serialize, schemars::JsonSchema)]
pub struct JsonCost<'a> {
    components: Vec<JsonComponent<'a>>,
    /// The data stores, each priced once for the system.
    stores: &'a [StoreCost],
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct JsonComponent<'a> {
    name: &'a str,
    cheapest: Option<Placement>,
    options: Vec<JsonOption<'a>>,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct JsonOption<'a> {
    placement: Placement,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::cost::money2_opt"
    )]
    #[schemars(with = "Option<crate::cost::MoneyJson>")]
    monthly_usd: Option<rust_decimal::Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lines: Option<&'a [Line]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    derivations: Option<&'a [Derivation]>,
    /// What the capacity behind the bill cannot carry.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    warnings: &'a [String],
    /// What the bill includes so the placement meets the component's targets.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    mitigations: &'a [String],
    /// Why the placement cannot be priced; `null` when it is.
    not_priced: Option<&'a str>,
}

pub fn json_view(c: &WorkloadCost, explain: bool) -> JsonCost<'_> {
    JsonCost {
        components: c
            .components
            .iter()
            .map(|cc| JsonComponent {
                name: &cc.name,
                cheapest: cc.cheapest().map(|o| o.placement),
                options: cc
                    .options
                    .iter()
                    .map(|p| match p {
                        Priced::Priced(o) => JsonOption {
                            placement: o.placement,
                            monthly_usd: Some(o.monthly),
                            lines: Some(&o.lines),
                            derivations: explain.then_some(&o.derivations[..]),
                            warnings: &o.warnings,
                            mitigations: &o.mitigations,
                            not_priced: None,
                        },
                        Priced::NotPriced { placement, reason } => JsonOption {
                            placement: *placement,
                            monthly_usd: None,
                            lines: None,
                            derivations: None,
                            warnings: &[],
                            mitigations: &[],
                            not_priced: Some(reason),
                        },
                    })
                    .collect(),
            })
            .collect(),
        stores: &c.stores,
    }
}

pub fn text(
    w: &Workload,
    c: &WorkloadCost,
    explain: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    painted(w, c, explain, Paint::PLAIN, out)
}

/// [`text`], the cheapest marker, what cannot be priced and the warnings marked for colour.
pub fn painted(
    w: &Workload,
    c: &WorkloadCost,
    explain: bool,
    paint: Paint,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    header(c, out)?;
    for (cc, comp) in c.components.iter().zip(&w.components) {
        component(cc, comp, explain, paint, out)?;
    }
    stores(c, explain, out)
}

/// The title and the assumptions every figure below rests on.
pub fn header(c: &WorkloadCost, out: &mut dyn Write) -> Result<(), Failure> {
    writeln!(out, "{} — monthly cost by placement", c.workload)?;
    writeln!(out, "{}", c.assumptions.line())?;
    Ok(())
}

/// One component's options, each with its line items, after a blank line; then what
/// cannot be priced, and why.
pub fn component(
    cc: &ComponentCost,
    comp: &Component,
    explain: bool,
    paint: Paint,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    writeln!(out)?;
    writeln!(
        out,
        "{} ({}: {} requests a month, {} ms, {} MB, {} traffic)",
        cc.name,
        comp.kind,
        qty(comp.requests_per_month),
        qty(comp.duration_ms),
        qty(comp.memory_mb),
        comp.shape,
    )?;
    let cheapest = cc.cheapest().map(|o| o.placement);
    let mut unpriced = Vec::new();
    for p in &cc.options {
        match p {
            Priced::Priced(o) => option(o, cheapest == Some(o.placement), explain, paint, out)?,
            Priced::NotPriced { placement, reason } => unpriced.push((placement, reason)),
        }
    }
    for (p, reason) in unpriced {
        let line = format!("  {:<24} not priced: {reason}", p.as_str());
        paint.write(out, Tone::Excluded, &line)?;
        writeln!(out)?;
    }
    Ok(())
}

/// The data stores, priced once for the system whatever runs the components.
pub fn stores(c: &WorkloadCost, explain: bool, out: &mut dyn Write) -> Result<(), Failure> {
    if c.stores.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(
        out,
        "data stores (priced once, whatever runs the components)"
    )?;
    for s in &c.stores {
        let head = format!(
            "{} ({}{}), used by {}",
            s.name,
            s.engine.title(),
            if s.declared {
                ""
            } else {
                ", not declared: defaults"
            },
            s.used_by.join(", ")
        );
        match &s.not_priced {
            Some(r) => writeln!(out, "  {head}: not priced: {r}")?,
            None => {
                writeln!(out, "  {head}  {}", usd(s.monthly))?;
                out.write_all(line_table(&s.lines).as_bytes())?;
            }
        }
        if explain {
            derivations(&s.derivations, out)?;
        }
    }
    Ok(())
}

pub fn derivations(ds: &[Derivation], out: &mut dyn Write) -> Result<(), Failure> {
    for d in ds {
        writeln!(
            out,
            "      · {} ({}): {} — {}",
            d.quantity, d.origin, d.text, d.how
        )?;
    }
    Ok(())
}

pub fn line_table(lines: &[Line]) -> String {
    // The formula goes last, so its width never pushes the figures apart.
    let rows: Vec<Vec<String>> = lines
        .iter()
        .map(|l| {
            let shared = if l.shared.is_some() {
                "  (shared by the whole system)"
            } else {
                ""
            };
            vec![
                l.item.clone(),
                format!("{} {}", qty(l.quantity), cost::plural(&l.unit, l.quantity)),
                unit_price(l.unit_price),
                usd(l.amount),
                format!(" = {}{shared}", l.formula),
            ]
        })
        .collect();
    super::table::columns(&rows, &[false, true, true, true, false], "    ")
}

fn option(
    o: &CostOption,
    cheapest: bool,
    explain: bool,
    paint: Paint,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    write!(out, "  {:<24} {:>14}", o.placement.as_str(), usd(o.monthly))?;
    if cheapest {
        write!(out, "  ")?;
        paint.write(out, Tone::Chosen, "◀ cheapest")?;
    }
    writeln!(out)?;
    out.write_all(line_table(&o.lines).as_bytes())?;
    for m in &o.mitigations {
        writeln!(out, "    includes: {m}")?;
    }
    for w in &o.warnings {
        write!(out, "    ")?;
        paint.write(out, Tone::Warning, &format!("⚠ {w}"))?;
        writeln!(out)?;
    }
    if explain {
        derivations(&o.derivations, out)?;
    }
    Ok(())
}
