//! `archway pricing show`: the pricing catalog in use (the embedded one, or `--pricing`
//! with any partial file merged over it), every price with its source and date — the
//! file to start an override from.

use std::io::Write;

use clap::{Subcommand, ValueEnum};

use super::{Failure, Global};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Yaml,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the catalog in use.
    #[command(
        after_help = "Examples:\n  archway pricing show > pricing.yaml  # edit, then: archway --pricing pricing.yaml evaluate W\n  archway --pricing discount.yaml pricing show  # the embedded catalog with a partial file over it"
    )]
    Show {
        #[arg(long, value_enum, default_value_t = Format::Yaml)]
        format: Format,
        #[command(flatten)]
        output: super::Output,
    },
}

pub fn run(g: &Global, cmd: &Command, out: &mut dyn Write) -> Result<(), Failure> {
    let Command::Show { format, .. } = cmd;
    let p = g.pricing()?;
    match format {
        Format::Yaml => out.write_all(p.to_yaml().as_bytes())?,
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &p)?;
            writeln!(out)?;
        }
    }
    if !p.overridden.is_empty() {
        eprintln!("overridden: {}", p.overridden.join(", "));
    }
    Ok(())
}
