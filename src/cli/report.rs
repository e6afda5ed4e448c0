//! `archway report WORKLOAD [-o FILE] [--force] [--style full|adr] [--date D]`.

use std::io::Write;

use clap::builder::TypedValueParser;
use std::path::PathBuf;

use super::{Failure, Global};
use crate::advisor::advise;
use crate::report::{self, Inputs, Style};

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  archway report W -o decision.md  # the full decision report\n  archway report W --style adr -o docs/adr/0007-placement.md --date 2026-12-01"
)]
pub struct Args {
    /// The workload file (YAML).
    pub workload: PathBuf,
    #[command(flatten)]
    pub output: super::Output,
    #[arg(long, default_value = "full", value_parser = clap::builder::PossibleValuesParser::new(Style::NAMES).map(|s| parse_style(&s).expect("a listed name")))]
    pub style: Style,
    /// A date to print in the report (YYYY-MM-DD); without it the report has none, so the
    /// same workload always gives the same bytes.
    #[arg(long, value_parser = parse_date)]
    pub date: Option<String>,
}

fn parse_style(s: &str) -> Result<Style, String> {
    Style::ALL
        .iter()
        .copied()
        .find(|x| x.as_str() == s)
        .ok_or_else(|| format!("expected one of: {}", Style::NAMES.join(", ")))
}

fn parse_date(s: &str) -> Result<String, String> {
    crate::input::check_date(s).map(|()| s.to_string())
}

pub fn run(g: &Global, a: &Args, out: &mut dyn Write) -> Result<(), Failure> {
    let pricing = g.pricing()?;
    let rules = g.rules()?;
    let w = g.workload(&a.workload, &pricing)?;
    let inputs = Inputs {
        workload: &w,
        rules: &rules,
        pricing: &pricing,
        date: a.date.as_deref(),
    };
    let overflow = |e| {
        g.cost_failure(&a.workload, e, |p| {
            report::render(
                &Inputs {
                    pricing: p,
                    ..inputs
                },
                a.style,
            )
            .map(drop)
        })
    };
    let advice = advise(&w, &rules, &pricing).map_err(overflow)?;
    let text = report::render_advice(&inputs, &advice, a.style).map_err(overflow)?;
    // Whatever reads the file (a terminal, an editor) sees no control characters.
    out.write_all(crate::text::for_terminal(&text).as_bytes())?;
    super::require_placements(&advice)
}
