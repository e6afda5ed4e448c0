//! `archway cost WORKLOAD`: every component on every placement, line by line.

use std::io::Write;
use std::path::PathBuf;

use super::{Failure, Format, Global};
use crate::cost::{self};
use crate::present::cost::{json_view, painted};

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  archway cost workloads/sustained-api.yaml  # line items per placement\n  archway cost W --explain  # how tasks, GB-seconds, LCUs were derived"
)]
pub struct Args {
    /// The workload file (YAML).
    pub workload: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Also show how every derived quantity was obtained.
    #[arg(long)]
    pub explain: bool,
    #[command(flatten)]
    pub output: super::Output,
}

pub fn run(g: &Global, a: &Args, out: &mut dyn Write) -> Result<(), Failure> {
    let pricing = g.pricing()?;
    let w = g.workload(&a.workload, &pricing)?;
    let c = cost::cost_workload(&w, &pricing)
        .map_err(|e| g.cost_failure(&a.workload, e, |p| cost::cost_workload(&w, p).map(drop)))?;
    match a.format {
        Format::Json => {
            crate::present::envelope::write(
                out,
                &c.assumptions,
                crate::present::envelope::WorkloadName::One(&c.workload),
                json_view(&c, a.explain),
            )?;
        }
        Format::Text => painted(&w, &c, a.explain, g.paint(), out)?,
    }
    Ok(())
}
