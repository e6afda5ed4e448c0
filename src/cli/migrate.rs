//! `archway migrate WORKLOAD`: the phased plan from today's deployment to the recommended one.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

use super::{Failure, Global};
use crate::migration::{self};
use crate::present::migrate::{json, text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Markdown,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  archway migrate workloads/rails-monolith.yaml  # strangler-fig phases, the bill after each\n  archway migrate W --format markdown >> plan.md"
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
    let (w, advice) = g.load_and_advise(&a.workload)?;
    let p = migration::plan(&w, &advice);
    match a.format {
        Format::Text => text(&w.name, &p, out)?,
        Format::Markdown => write!(out, "{}", crate::report::migration(&w.name, &p))?,
        Format::Json => {
            crate::present::envelope::write(
                out,
                &advice.assumptions,
                crate::present::envelope::WorkloadName::One(&w.name),
                json(&p),
            )?;
        }
    }
    super::require_placements(&advice)
}
