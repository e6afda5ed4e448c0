//! `archway evaluate WORKLOAD`: each component's placement, the alternatives, the rules
//! that decided it and the system's monthly cost.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

use super::{Failure, Global};
use crate::advisor::Advice;
use crate::present::envelope;
use crate::present::evaluate::{painted, view};

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

fn write(g: &Global, a: &Args, advice: &Advice, out: &mut dyn Write) -> Result<(), Failure> {
    match a.format {
        Format::Text => painted(advice, g.paint(), out),
        Format::Json => envelope::write(
            out,
            Some(&advice.assumptions),
            advice.workload.clone().into(),
            &view(advice),
        ),
        Format::Yaml => {
            let v = envelope::envelope(
                Some(&advice.assumptions),
                advice.workload.clone().into(),
                &view(advice),
            )?;
            let s = serde_yaml::to_string(&v).map_err(|e| Failure::Run(e.to_string()))?;
            write!(out, "{s}")?;
            Ok(())
        }
    }
}
