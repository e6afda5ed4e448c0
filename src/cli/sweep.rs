//! `archway sweep WORKLOAD --vary TRAIT --from X --to Y`: costs across a range of one
//! trait, where the cheapest placement changes, and each break-even exactly.

use std::io::Write;

use clap::builder::TypedValueParser;
use std::path::PathBuf;

use clap::ValueEnum;
use rust_decimal::Decimal;
use serde::Serialize;

use super::{Failure, Global};
use crate::analysis::sweep::{self, Sweep, Vary};
use crate::cost::{money2, qty, usd};
use crate::input::{InputError, parse_decimal};
use crate::placement::Placement;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Csv,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  archway sweep W --vary requests_per_month --from 100000 --to 1000000000\n  archway sweep W --vary memory_mb --from 128 --to 4096 --format csv > memory.csv"
)]
pub struct Args {
    /// The workload file (YAML).
    pub workload: PathBuf,
    /// The trait to vary: requests_per_month, duration_ms, memory_mb, peak_rps or
    /// active_hours_per_day (a scheduled job's run time a day; a service's hours up a day,
    /// its Fargate tasks running only then and its requests arriving within them).
    #[arg(long, value_name = "TRAIT", value_parser = clap::builder::PossibleValuesParser::new(Vary::NAMES).map(|s| parse_vary(&s).expect("a listed name")))]
    pub vary: Vary,
    /// The first value (in the trait's unit: requests, ms, MB, requests a second, hours).
    #[arg(long, value_parser = parse_decimal, allow_hyphen_values = true, value_name = "X")]
    pub from: Decimal,
    /// The last value.
    #[arg(long, value_parser = parse_decimal, allow_hyphen_values = true, value_name = "Y")]
    pub to: Decimal,
    /// Grid points (the break-evens are solved exactly between them).
    #[arg(long, default_value_t = 12, value_parser = clap::value_parser!(u16).range(2..=200))]
    pub steps: u16,
    /// The component to vary (default: the first).
    #[arg(long)]
    pub component: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    #[command(flatten)]
    pub output: super::Output,
}

fn parse_vary(s: &str) -> Result<Vary, String> {
    Vary::ALL
        .iter()
        .copied()
        .find(|v| v.as_str() == s)
        .ok_or_else(|| {
            let hint = crate::input::suggest(s, Vary::NAMES.iter().copied())
                .map(|x| format!(", did you mean `{x}`?"))
                .unwrap_or_default();
            format!(
                "unknown trait `{s}`{hint} (expected one of: {})",
                Vary::NAMES.join(", ")
            )
        })
}

pub fn run(g: &Global, a: &Args, out: &mut dyn Write) -> Result<(), Failure> {
    let pricing = g.pricing()?;
    let rules = g.rules()?;
    let w = g.workload(&a.workload, &pricing)?;
    let file = crate::input::display_name(&a.workload);
    let index = match &a.component {
        None => 0,
        Some(name) => w
            .components
            .iter()
            .position(|c| &c.name == name)
            .ok_or_else(|| {
                let names: Vec<&str> = w.components.iter().map(|c| c.name.as_str()).collect();
                Failure::Input(InputError::file(
                    &file,
                    format!(
                        "no component is named `{name}` (components: {})",
                        names.join(", ")
                    ),
                ))
            })?,
    };
    let range = sweep::Range {
        vary: a.vary,
        from: a.from,
        to: a.to,
        steps: a.steps as usize,
    };
    let s = sweep::sweep(&w, index, range, &rules, &pricing).map_err(|e| match e {
        sweep::SweepError::Input(m) => Failure::Input(InputError::file(&file, m)),
        sweep::SweepError::Cost(c) => g.cost_failure(&a.workload, c, |p| {
            match sweep::sweep(&w, index, range, &rules, p) {
                Ok(_) | Err(sweep::SweepError::Input(_)) => Ok(()),
                Err(sweep::SweepError::Cost(c)) => Err(c),
            }
        }),
    })?;
    match a.format {
        Format::Text => text(&s, a.component.is_none() && w.components.len() > 1, out),
        Format::Csv => csv(&s, out),
        Format::Json => crate::present::envelope::write(
            out,
            &crate::cost::CostAssumptions::of(&w, &pricing),
            crate::present::envelope::WorkloadName::One(&w.name),
            json(&s),
        ),
    }
}

/// Placements that appear anywhere in the sweep, in the fixed placement order.
fn columns(s: &Sweep) -> Vec<Placement> {
    Placement::ALL
        .iter()
        .copied()
        .filter(|p| {
            s.points
                .iter()
                .any(|pt| pt.costs.iter().any(|c| c.placement == *p))
        })
        .collect()
}

fn cost_at(pt: &sweep::Point, p: Placement) -> Option<Decimal> {
    pt.costs
        .iter()
        .find(|c| c.placement == p)
        .map(|c| c.monthly)
}

fn text(s: &Sweep, first_of_many: bool, out: &mut dyn Write) -> Result<(), Failure> {
    writeln!(
        out,
        "{} — monthly cost as {} varies{}",
        s.component,
        s.vary,
        if first_of_many {
            " (the first component; --component chooses)"
        } else {
            ""
        }
    )?;
    let cols = columns(s);
    let mut rows: Vec<Vec<String>> = vec![
        std::iter::once(s.vary.as_str().to_string())
            .chain(cols.iter().map(|p| p.as_str().to_string()))
            .chain(["cheapest".into(), "recommended".into()])
            .collect(),
    ];
    for pt in &s.points {
        let mut r = vec![qty(pt.value)];
        r.extend(cols.iter().map(|p| match cost_at(pt, *p) {
            Some(c) if pt.overloaded(*p) => format!("{}!", usd(c)),
            Some(c) => usd(c),
            None => "—".into(),
        }));
        r.push(
            pt.cheapest
                .map(|p| p.as_str().to_string())
                .unwrap_or_default(),
        );
        r.push(
            pt.recommended
                .map(|p| p.as_str().to_string())
                .unwrap_or_default(),
        );
        rows.push(r);
    }
    // The value and the money align right; the two placement names after them left.
    let right: Vec<bool> = (0..rows[0].len()).map(|i| i + 2 < rows[0].len()).collect();
    out.write_all(crate::present::table::columns(&rows, &right, "  ").as_bytes())?;
    writeln!(out)?;
    for line in chart(s, &cols) {
        writeln!(out, "{line}")?;
    }
    writeln!(out)?;
    for (p, v) in &s.overloaded_from {
        writeln!(
            out,
            "overloaded: from {} = {}, {}'s pinned capacity cannot carry the load (figures marked !): it prices capacity that would fall over",
            s.vary,
            qty(*v),
            p
        )?;
    }
    if s.break_evens.is_empty() {
        writeln!(
            out,
            "The cheapest placement does not change over this range."
        )?;
    }
    for b in &s.break_evens {
        match b.from_cost {
            Some(from_cost) => writeln!(
                out,
                "break-even: at {} = {}, {} ({}) costs no more than {} ({}){}",
                s.vary,
                qty(b.value),
                b.to,
                usd(b.to_cost),
                b.from,
                usd(from_cost),
                match s
                    .overloaded_from
                    .iter()
                    .find(|(p, v)| *p == b.to && *v <= b.value)
                {
                    Some(_) => format!(
                        " — but {}'s pinned capacity is overloaded there: remove the pinned count to compare capacity that carries the load",
                        b.to
                    ),
                    None => String::new(),
                }
            )?,
            None => writeln!(
                out,
                "limit: at {} = {}, {} can no longer run it (excluded by {}); {} ({}) is the cheapest left",
                s.vary,
                qty(b.value),
                b.from,
                b.from_excluded_by.join(", "),
                b.to,
                usd(b.to_cost)
            )?,
        }
    }
    Ok(())
}

/// A chart of cost (rows, log scale) against the grid (columns), one letter per placement.
fn chart(s: &Sweep, cols: &[Placement]) -> Vec<String> {
    const ROWS: usize = 10;
    let letter = |p: Placement| match p {
        Placement::Lambda => 'L',
        Placement::LambdaEdge => 'E',
        Placement::CloudflareWorkers => 'W',
        Placement::Fargate => 'F',
        Placement::Eks => 'K',
        Placement::Ec2 => 'V',
        Placement::GpuInstance => 'G',
        Placement::ServerlessGpu => 'S',
        Placement::StepFunctionsStandard => 'T',
        Placement::StepFunctionsExpress => 'X',
        Placement::CloudRun => 'R',
        Placement::CloudRunJobs => 'J',
        Placement::CloudRunFunctions => 'C',
        Placement::GkeAutopilot => 'A',
        Placement::FargateSpot => 'P',
        Placement::LambdaManagedInstances => 'M',
        Placement::Modal => 'D',
        Placement::Replicate => 'Y',
        Placement::TemporalCloud => 'O',
        Placement::LambdaDurableFunctions => 'U',
    };
    // log10 of cost + 1, in tenths, for placing marks; a chart needs no exactness.
    let level = |d: Decimal| ((d + Decimal::ONE).to_string().parse::<f64>().unwrap_or(1.0)).log10();
    let all: Vec<f64> = s
        .points
        .iter()
        .flat_map(|p| p.costs.iter().map(|c| level(c.monthly)))
        .collect();
    let (lo, hi) = (
        all.iter().copied().fold(f64::MAX, f64::min),
        all.iter().copied().fold(0.0, f64::max),
    );
    let span = (hi - lo).max(1e-9);
    let mut grid = vec![vec![' '; s.points.len() * 3]; ROWS];
    for (x, pt) in s.points.iter().enumerate() {
        for p in cols {
            if let Some(c) = cost_at(pt, *p) {
                let y = (((level(c) - lo) / span) * (ROWS - 1) as f64).round() as usize;
                let cell = &mut grid[ROWS - 1 - y.min(ROWS - 1)][x * 3 + 1];
                *cell = if *cell == ' ' { letter(*p) } else { '*' };
            }
        }
    }
    let top = s
        .points
        .iter()
        .flat_map(|p| p.costs.iter().map(|c| c.monthly))
        .max()
        .unwrap_or_default();
    let bottom = s
        .points
        .iter()
        .flat_map(|p| p.costs.iter().map(|c| c.monthly))
        .min()
        .unwrap_or_default();
    let mut out = Vec::new();
    for (i, row) in grid.iter().enumerate() {
        let label = if i == 0 {
            usd(top)
        } else if i == ROWS - 1 {
            usd(bottom)
        } else {
            String::new()
        };
        out.push(format!(
            "{label:>12} │{}",
            row.iter().collect::<String>().trim_end()
        ));
    }
    out.push(format!("{:>12} └{}", "", "─".repeat(s.points.len() * 3)));
    out.push(format!(
        "{:>14}{} … {} ({}, log cost scale)",
        "",
        qty(s.points[0].value),
        qty(s.points[s.points.len() - 1].value),
        s.vary
    ));
    out.push(format!(
        "{:>14}{}   * several",
        "",
        cols.iter()
            .map(|p| format!("{} {}", letter(*p), p.as_str()))
            .collect::<Vec<_>>()
            .join("  ")
    ));
    out
}

fn csv(s: &Sweep, out: &mut dyn Write) -> Result<(), Failure> {
    let cols = columns(s);
    let header: Vec<&str> = std::iter::once(s.vary.as_str())
        .chain(cols.iter().map(|p| p.as_str()))
        .chain(["cheapest", "recommended"])
        .collect();
    writeln!(out, "{}", header.join(","))?;
    for pt in &s.points {
        let mut r = vec![pt.value.normalize().to_string()];
        r.extend(cols.iter().map(|p| {
            cost_at(pt, *p)
                .map(|c| format!("{:.2}", crate::cost::cents(c)))
                .unwrap_or_default()
        }));
        r.push(
            pt.cheapest
                .map(|p| p.as_str().to_string())
                .unwrap_or_default(),
        );
        r.push(
            pt.recommended
                .map(|p| p.as_str().to_string())
                .unwrap_or_default(),
        );
        writeln!(out, "{}", r.join(","))?;
    }
    Ok(())
}

#[derive(Serialize, schemars::JsonSchema)]
struct JsonSweep<'a> {
    component: &'a str,
    vary: Vary,
    points: Vec<JsonPoint>,
    break_evens: Vec<JsonBreakEven<'a>>,
    /// Where a placement's pinned capacity stops carrying the load.
    overloaded_from: Vec<JsonOverload>,
}

#[derive(Serialize, schemars::JsonSchema)]
struct JsonOverload {
    placement: Placement,
    value: String,
}

#[derive(Serialize, schemars::JsonSchema)]
struct JsonPoint {
    value: String,
    costs: Vec<JsonCost>,
    cheapest: Option<Placement>,
    recommended: Option<Placement>,
}

#[derive(Serialize, schemars::JsonSchema)]
struct JsonCost {
    placement: Placement,
    #[schemars(with = "crate::cost::MoneyJson")]
    #[serde(serialize_with = "money2")]
    monthly_usd: Decimal,
    /// The pinned capacity behind the figure cannot carry the load.
    overloaded: bool,
}

#[derive(Serialize, schemars::JsonSchema)]
struct JsonBreakEven<'a> {
    value: String,
    from: Placement,
    to: Placement,
    /// Null when a hard rule excludes `from` at this value.
    from_exact_usd: Option<String>,
    from_excluded_by: &'a [String],
    to_exact_usd: String,
}

fn json(s: &Sweep) -> JsonSweep<'_> {
    JsonSweep {
        component: &s.component,
        vary: s.vary,
        points: s
            .points
            .iter()
            .map(|p| JsonPoint {
                value: p.value.normalize().to_string(),
                costs: p
                    .costs
                    .iter()
                    .map(|c| JsonCost {
                        placement: c.placement,
                        monthly_usd: c.monthly,
                        overloaded: c.overloaded,
                    })
                    .collect(),
                cheapest: p.cheapest,
                recommended: p.recommended,
            })
            .collect(),
        break_evens: s
            .break_evens
            .iter()
            .map(|b| JsonBreakEven {
                value: b.value.normalize().to_string(),
                from: b.from,
                to: b.to,
                from_exact_usd: b.from_cost.map(|c| c.normalize().to_string()),
                from_excluded_by: &b.from_excluded_by,
                to_exact_usd: b.to_cost.normalize().to_string(),
            })
            .collect(),
        overloaded_from: s
            .overloaded_from
            .iter()
            .map(|(p, v)| JsonOverload {
                placement: *p,
                value: v.normalize().to_string(),
            })
            .collect(),
    }
}

/// The JSON Schema of `sweep --format json`.
pub fn schema() -> schemars::Schema {
    crate::present::envelope::schema::<JsonSweep<'static>>(
        "archway sweep",
        "`archway sweep --format json`: one component's monthly cost on every placement across a range of one trait, the cheapest and the recommended placement at each value, and the exact break-even values.",
    )
}
