use std::process::ExitCode;

use clap::Parser;

/// Pricing and deciding allocate many small, short-lived values (bill lines, decisions),
/// often freed on another core than the one that made them: mimalloc's per-thread heaps
/// make a batch about a sixth quicker than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = archway::cli::Cli::parse_from(archway::cli::args(std::env::args_os()));
    archway::cli::run(cli)
}
