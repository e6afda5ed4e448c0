//! `archway generate --seed N --count K -o DIR|-`: valid, varied workloads over the whole
//! trait space, as files in a directory or as multi-document YAML on stdout.

use std::io::Write;
use std::path::PathBuf;

use super::{Failure, write_file};
use crate::workload::generate::workload;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  archway generate --seed 1 --count 100 -o fleet/  # fleet/gen-1-000000.yaml …\n  archway generate --seed 1 --count 100000 -o - | archway batch -"
)]
pub struct Args {
    /// The series: the same seed gives the same workloads.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// How many workloads (at least one).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub count: u64,
    /// A directory to write them to, or - for multi-document YAML on stdout.
    #[arg(short, long, value_hint = clap::ValueHint::DirPath)]
    pub output: PathBuf,
    /// Overwrite files that exist.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: &Args, out: &mut dyn Write) -> Result<(), Failure> {
    if args.output.as_os_str() == "-" {
        for i in 0..args.count {
            writeln!(out, "---")?;
            out.write_all(workload(args.seed, i).as_bytes())?;
        }
        return Ok(());
    }
    std::fs::create_dir_all(&args.output)
        .map_err(|e| Failure::Run(format!("{}: {e}", args.output.display())))?;
    for i in 0..args.count {
        let path = args.output.join(format!("gen-{}-{i:06}.yaml", args.seed));
        write_file(&path, workload(args.seed, i).as_bytes(), args.force)?;
    }
    writeln!(
        out,
        "wrote {} workload{} to {}",
        args.count,
        if args.count == 1 { "" } else { "s" },
        args.output.display()
    )?;
    Ok(())
}
