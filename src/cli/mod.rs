//! The command line: one file per subcommand, each a thin layer over the library.

mod compare;
pub(crate) mod cost;
pub(crate) mod evaluate;
mod graph;
pub(crate) mod migrate;
mod report;
mod rules;
mod schema;
mod sweep;
mod table;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::advisor::{Advice, advise};
use crate::cost::{CostError, Pricing};
use crate::input::{InputError, display_name};
use crate::rules::RuleBase;
use crate::workload::Workload;

/// archway: where each part of a system should run, with its reasons and its arithmetic.
#[derive(Debug, Parser)]
#[command(name = "archway", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    /// Without a subcommand, archway opens the interactive UI.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every subcommand accepts.
#[derive(Debug, clap::Args)]
pub struct Global {
    /// Use the rule files in this directory instead of the embedded rule base.
    #[arg(long, global = true, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Use this pricing catalog instead of the embedded one.
    #[arg(long, global = true, value_name = "FILE")]
    pub pricing: Option<PathBuf>,
    /// Ignore the free tiers, whatever the workload says.
    #[arg(long, global = true)]
    pub no_free_tier: bool,
    /// Plain output without colour (also when NO_COLOR is set).
    #[arg(long, global = true, env = "NO_COLOR", value_parser = clap::builder::FalseyValueParser::new())]
    pub no_color: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The interactive UI, on a workload file or (without one) the welcome screen.
    Tui {
        /// The workload file (YAML) to open.
        workload: Option<PathBuf>,
    },
    /// Recommend a placement for every component, with the rules and dollars behind it.
    Evaluate(evaluate::Args),
    /// Price every component on every placement, line by line.
    Cost(cost::Args),
    /// Draw the recommended topology (boxes and arrows, Mermaid, DOT or JSON).
    Graph(graph::Args),
    /// The phased migration plan from today's deployment to the recommendation.
    Migrate(migrate::Args),
    /// Vary one trait: costs across a range and the exact break-even values.
    Sweep(sweep::Args),
    /// Write the markdown decision report (full, or as an ADR).
    Report(report::Args),
    /// Two workloads side by side: what changed, which placements moved and why, and the cost difference.
    Compare(compare::Args),
    /// List, lint or test a rule base.
    #[command(subcommand)]
    Rules(rules::Command),
    /// Print the JSON Schema of a file format.
    Schema {
        #[arg(value_enum)]
        what: schema::Format,
    },
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
}

/// Output formats shared by subcommands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// How a command failed: bad input (exit 2) or a failure while running (exit 1).
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("{0}")]
    Input(#[from] InputError),
    #[error("{0}")]
    Run(String),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Run(e.to_string())
    }
}

/// Runs a parsed command line, printing errors; the exit code follows DESIGN.md.
pub fn run(cli: Cli) -> ExitCode {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let result = dispatch(&cli, &mut out).and_then(|()| out.flush().map_err(Failure::from));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`archway man | head`) is the reader's choice, not an error.
        Err(Failure::Run(e)) if e.contains("Broken pipe") => ExitCode::SUCCESS,
        Err(Failure::Input(e)) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
        Err(Failure::Run(e)) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

fn dispatch(cli: &Cli, out: &mut dyn Write) -> Result<(), Failure> {
    let Some(command) = &cli.command else {
        return crate::tui::run(&cli.global, None);
    };
    match command {
        Command::Tui { workload } => crate::tui::run(&cli.global, workload.as_deref()),
        Command::Evaluate(args) => evaluate::run(&cli.global, args, out),
        Command::Cost(args) => cost::run(&cli.global, args, out),
        Command::Graph(args) => graph::run(&cli.global, args, out),
        Command::Migrate(args) => migrate::run(&cli.global, args, out),
        Command::Sweep(args) => sweep::run(&cli.global, args, out),
        Command::Report(args) => report::run(&cli.global, args, out),
        Command::Compare(args) => compare::run(&cli.global, args, out),
        Command::Rules(cmd) => rules::run(&cli.global, cmd, out),
        Command::Schema { what } => schema::run(*what, out),
        Command::Completions { shell } => {
            // clap_complete panics on a write error; render first, then write (a closed pipe is fine).
            let mut buf = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "archway", &mut buf);
            out.write_all(&buf)?;
            Ok(())
        }
        Command::Man => {
            clap_mangen::Man::new(Cli::command()).render(out)?;
            Ok(())
        }
    }
}

impl Global {
    /// The pricing catalog: `--pricing FILE` or the embedded one.
    pub fn pricing(&self) -> Result<Pricing, Failure> {
        match &self.pricing {
            Some(p) => Ok(Pricing::load(p)?),
            None => Ok(Pricing::embedded()),
        }
    }

    /// The rule base: `--rules DIR` or the embedded one.
    pub fn rules(&self) -> Result<RuleBase, Failure> {
        match &self.rules {
            Some(d) => Ok(RuleBase::load_dir(d)?),
            None => Ok(RuleBase::embedded()),
        }
    }

    /// Loads everything and advises on a workload file.
    pub fn advise(&self, path: &Path) -> Result<Advice, Failure> {
        self.load_and_advise(path).map(|(_, a)| a)
    }

    /// The workload and the advice on it.
    pub fn load_and_advise(&self, path: &Path) -> Result<(Workload, Advice), Failure> {
        let pricing = self.pricing()?;
        let rules = self.rules()?;
        let w = self.workload(path, &pricing)?;
        let a = advise(&w, &rules, &pricing)
            .map_err(|e| self.cost_failure(path, e, |p| advise(&w, &rules, p).map(drop)))?;
        Ok((w, a))
    }

    /// Loads a workload and applies the global overrides.
    pub fn workload(&self, path: &Path, pricing: &Pricing) -> Result<Workload, Failure> {
        let (mut w, src) = Workload::load_with_source(path)?;
        if pricing.region(&w.region).is_none() {
            let mut f = crate::input::Findings::default();
            f.push(
                &crate::input::YamlPath::default().key("region"),
                pricing.unknown_region(&w.region),
            );
            f.into_result(&crate::input::display_name(path), &src)?;
        }
        if self.no_free_tier {
            w.assumptions.free_tier = false;
        }
        Ok(w)
    }
}

impl Global {
    /// An absurd input that overflows exact arithmetic is bad input (exit 2), blamed on
    /// the file that causes it: with `--pricing`, `again` repeats the work on the embedded
    /// catalog, and if that stays in range the catalog's prices are the cause.
    pub fn cost_failure(
        &self,
        workload: &Path,
        e: CostError,
        again: impl FnOnce(&Pricing) -> Result<(), CostError>,
    ) -> Failure {
        if let CostError::UnknownRegion(m) = e {
            return Failure::Run(m);
        }
        let input =
            |file: &Path, m: String| Failure::Input(InputError::file(&display_name(file), m));
        let Some(catalog) = &self.pricing else {
            return input(workload, format!("{e}; check the workload's numbers"));
        };
        match again(&Pricing::embedded()) {
            Ok(()) => input(
                catalog,
                format!(
                    "{e}, with the prices in this catalog (on the embedded catalog the workload prices within range); check its prices"
                ),
            ),
            Err(CostError::Overflow { .. }) => {
                input(workload, format!("{e}; check the workload's numbers"))
            }
            Err(CostError::UnknownRegion(_)) => input(
                workload,
                format!(
                    "{e}; check the workload's numbers and the prices in {}",
                    display_name(catalog)
                ),
            ),
        }
    }
}

/// Writes a file atomically (a temporary file in the same directory, then renamed), and
/// refuses to replace an existing file unless `force`.
pub fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<(), Failure> {
    let name = path.display().to_string();
    if path.exists() && !force {
        return Err(Failure::Input(InputError::file(
            &name,
            "already exists; use --force to overwrite it",
        )));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| {
        Failure::Run(format!(
            "{name}: cannot create a file in {}: {e}",
            dir.display()
        ))
    })?;
    tmp.write_all(bytes)
        .map_err(|e| Failure::Run(format!("{name}: {e}")))?;
    let result = if force {
        tmp.persist(path).map(|_| ())
    } else {
        tmp.persist_noclobber(path).map(|_| ())
    };
    result.map_err(|e| Failure::Run(format!("{name}: {}", e.error)))
}
