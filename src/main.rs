use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = archway::cli::Cli::parse();
    archway::cli::run(cli)
}
