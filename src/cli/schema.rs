//! `archway schema workload|pricing`: JSON Schemas so editors complete and check files.

use std::io::Write;

use clap::ValueEnum;

use super::Failure;
use crate::cost::Pricing;
use crate::workload::RawWorkload;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A workload file (workloads/*.yaml).
    Workload,
    /// The pricing catalog (rules/pricing.yaml).
    Pricing,
}

pub fn run(what: Format, out: &mut dyn Write) -> Result<(), Failure> {
    let schema = match what {
        Format::Workload => schemars::schema_for!(RawWorkload),
        Format::Pricing => schemars::schema_for!(Pricing),
    };
    let text = serde_json::to_string_pretty(&schema).map_err(|e| Failure::Run(e.to_string()))?;
    writeln!(out, "{text}")?;
    Ok(())
}
