//! `archway evaluate WORKLOAD`: each component's placement, the alternatives, the rules
//! that decided it and the system's monthly cost.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

use super::{Failure, Global};
use crate::advisor::Advice;
use crate::present::envelope;
use crate::present::evaluate::{View, painted, view};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Yaml,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  archway evaluate workloads/rails-monolith.yaml  # a table first, then each component's reasons\n  archway evaluate W --format json | jq '.components[].placement'"
)]
pub struct Args {
    /// The workload file (YAML).
    pub workload: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    #[command(flatten)]
    pub output: super::Output,
}

pub fn run(g: &Global, a: &Args, out: &mut dyn Write) -> Result<(), Failure> {
    let advice = g.advise(&a.workload)?;
    write(g, a, &advice, out)?;
    super::require_placements(&advice)
}

fn document(advice: &Advice) -> envelope::Document<'_, View<'_>> {
    envelope::Document::new(
        &advice.assumptions,
        envelope::WorkloadName::One(&advice.workload),
        view(advice),
    )
}

fn write(g: &Global, a: &Args, advice: &Advice, out: &mut dyn Write) -> Result<(), Failure> {
    match a.format {
        Format::Text => painted(advice, g.paint(), out),
        Format::Json => document(advice).write_json(out),
        Format::Yaml => document(advice).write_yaml(out),
    }
}
