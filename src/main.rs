use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = archway::cli::Cli::parse_from(archway::cli::args(std::env::args_os()));
    archway::cli::run(cli)
}
