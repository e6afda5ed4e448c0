//! `archway graph WORKLOAD`: the recommended topology as boxes and arrows, Mermaid, DOT or JSON.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

use super::{Failure, Global};
use crate::topology::{self, export};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Mermaid,
    Dot,
    Json,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  archway graph W  # boxes and arrows at the terminal width\n  archway graph W --format mermaid > system.mmd"
)]
pub struct Args {
    /// The workload file (YAML).
    pub workload: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Columns for the text drawing (default: the terminal's width, else 80).
    #[arg(long, value_name = "COLUMNS")]
    pub width: Option<usize>,
    #[command(flatten)]
    pub output: super::Output,
}

pub fn run(g: &Global, a: &Args, out: &mut dyn Write) -> Result<(), Failure> {
    let (w, advice) = g.load_and_advise(&a.workload)?;
    let t = topology::build(&w, &advice);
    match a.format {
        Format::Text => {
            let width = a.width.or_else(terminal_width).unwrap_or(80).max(40);
            for line in topology::text(&t, width) {
                writeln!(out, "{line}")?;
            }
        }
        Format::Mermaid => write!(out, "{}", export::mermaid(&t))?,
        Format::Dot => write!(out, "{}", export::dot(&t))?,
        Format::Json => {
            crate::present::envelope::write(
                out,
                &advice.assumptions,
                crate::present::envelope::WorkloadName::One(&w.name),
                export::json(&t),
            )?;
        }
    }
    super::require_placements(&advice)
}

/// The terminal's width from COLUMNS, when output goes to a terminal that sets it.
/// The terminal's width when output goes to one, else `COLUMNS` when set.
fn terminal_width() -> Option<usize> {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal()
        && let Ok((w, _)) = ratatui::crossterm::terminal::size()
        && w > 0
    {
        return Some(usize::from(w));
    }
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok())
}
