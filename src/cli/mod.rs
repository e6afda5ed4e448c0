//! The command line: one file per subcommand, each a thin layer over the library.

mod batch;
mod compare;
pub(crate) mod cost;
pub(crate) mod evaluate;
mod generate;
mod graph;
pub mod man;
pub(crate) mod migrate;
mod pricing;
mod quiz;
mod report;
mod rules;
mod schema;
mod sweep;

use std::io::{self, IsTerminal, Write};
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
#[command(
    name = "archway",
    version,
    about,
    max_term_width = 100,
    after_help = "Examples:\n  archway  # the interactive advisor: an interview, then the recommendation\n  archway workloads/rails-monolith.yaml  # the same, on a workload file\n  archway evaluate W -o decision.txt  # any document to a file instead of standard output\n  archway man --dir ~/.local/share/man/man1  # every man page, one per command"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    /// Without a subcommand, archway opens the interactive UI.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every subcommand accepts.
#[derive(Debug, clap::Args)]
#[command(next_help_heading = "Global options")]
pub struct Global {
    /// Use the rule files in this directory instead of the embedded rule base
    /// (`archway rules export DIR` writes the embedded ones to start from).
    #[arg(long, global = true, value_name = "DIR", env = "ARCHWAY_RULES", value_hint = clap::ValueHint::DirPath)]
    pub rules: Option<PathBuf>,
    /// Use this pricing catalog: a whole catalog (`archway pricing show` prints the
    /// embedded one), or one that starts `extends: embedded` and overrides only the
    /// prices it names.
    #[arg(long, global = true, value_name = "FILE", env = "ARCHWAY_PRICING", value_hint = clap::ValueHint::FilePath)]
    pub pricing: Option<PathBuf>,
    /// Ignore the free tiers, whatever the workload says.
    #[arg(long, global = true)]
    pub no_free_tier: bool,
    /// The clouds whose placements are candidates, over the workload's `providers`: aws,
    /// gcp, or both (aws,gcp). Cloudflare Workers is a candidate with either. azure is
    /// refused: archway has no Azure placements yet.
    #[arg(long, global = true, value_name = "PROVIDER[,…]", value_parser = crate::placement::parse_providers)]
    pub provider: Option<crate::placement::Providers>,
    /// Plain output without colour (also when NO_COLOR is set to anything).
    // The default goes through the parser too: empty, so that colour is on unless asked.
    #[arg(long, global = true, env = "NO_COLOR", value_parser = any_value, default_value = "")]
    pub no_color: bool,
    /// Colour the text: standard output is a terminal and nothing said no (set by `run`).
    #[arg(skip)]
    pub colour: bool,
}

/// Where a command's document goes: standard output, or `-o FILE`.
#[derive(Debug, clap::Args)]
pub struct Output {
    /// Write to FILE instead of standard output (`-` is standard output): the same bytes,
    /// put in place atomically, never coloured.
    #[arg(short, long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub output: Option<PathBuf>,
    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
}

impl Output {
    /// The file to write, if not standard output.
    pub fn file(&self) -> Option<&Path> {
        self.output.as_deref().filter(|p| p.as_os_str() != "-")
    }
}

/// NO_COLOR's convention: set to anything non-empty means no colour (the flag itself
/// arrives as "true").
fn any_value(s: &str) -> Result<bool, std::convert::Infallible> {
    Ok(!s.is_empty())
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The interactive UI, on a workload file or (without one) the welcome screen.
    #[command(
        after_help = "Examples:\n  archway tui workloads/rails-monolith.yaml  # the recommendation, costs, graph and plan in tabs\n  NO_COLOR=1 archway tui  # a monochrome UI, on the welcome screen"
    )]
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
    /// A whole portfolio: every workload in the paths, advised on every core, summarised
    /// (or a row per component as CSV or JSON lines).
    Batch(batch::Args),
    /// Write valid, varied workloads over the whole trait space (for benches and exploring).
    Generate(generate::Args),
    /// Practise a system-design interview: a scenario in prose, estimates, placements, a
    /// twist, and a rubric (without answers, prints the prompt).
    Quiz(quiz::Args),
    /// List, lint or test a rule base.
    #[command(
        subcommand,
        after_help = "Examples:\n  archway rules list  # every rule, its effect and its source\n  archway rules export my-rules  # the embedded rules to edit, then: archway --rules my-rules evaluate W"
    )]
    Rules(rules::Command),
    /// The pricing catalog: `pricing show` prints the one in use, with every source.
    #[command(
        subcommand,
        after_help = "Examples:\n  archway pricing show > pricing.yaml  # the embedded catalog, every price's source"
    )]
    Pricing(pricing::Command),
    /// Print the JSON Schema of a file format.
    #[command(
        after_help = "Examples:\n  archway schema workload -o workload.schema.json  # for editor completion and checking\n  archway schema pricing"
    )]
    Schema {
        #[arg(value_enum)]
        what: schema::Format,
        #[command(flatten)]
        output: Output,
    },
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  archway completions bash > /etc/bash_completion.d/archway\n  archway completions zsh > ~/.zfunc/_archway"
    )]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print a man page (roff), or write them all: one per command.
    #[command(
        after_help = "Examples:\n  archway man | man -l -  # read archway(1)\n  archway man rules check | man -l -  # read archway-rules-check(1)\n  archway man --dir ~/.local/share/man/man1  # every page, for man archway-evaluate"
    )]
    Man(man::Args),
}

impl Command {
    /// Where the command's document goes, for a command that prints one.
    fn output(&self) -> Option<&Output> {
        match self {
            Command::Evaluate(a) => Some(&a.output),
            Command::Cost(a) => Some(&a.output),
            Command::Graph(a) => Some(&a.output),
            Command::Migrate(a) => Some(&a.output),
            Command::Sweep(a) => Some(&a.output),
            Command::Report(a) => Some(&a.output),
            Command::Compare(a) => Some(&a.output),
            Command::Batch(a) => Some(&a.output),
            Command::Quiz(a) => Some(&a.output),
            Command::Pricing(pricing::Command::Show { output, .. }) => Some(output),
            Command::Schema { output, .. } => Some(output),
            Command::Tui { .. }
            | Command::Generate(_)
            | Command::Rules(_)
            | Command::Completions { .. }
            | Command::Man(_) => None,
        }
    }
}

/// Output formats shared by subcommands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

use crate::present::paint::Paint;
use crate::present::write::AtomicFile;
pub use crate::present::{Failure, require_placements, total_line, write_file};

/// The interactive UI on the rules and prices the options name.
fn ui(g: &Global, file: Option<&Path>) -> Result<(), Failure> {
    crate::tui::run(g.rules()?, g.pricing()?, !g.no_color, file)
}

/// Every line of an error starts `error:`, so a script that filters them loses none.
fn error_lines(text: &str) {
    for line in text.lines() {
        eprintln!("error: {line}");
    }
}

/// The command line with `archway FILE` read as `archway tui FILE`: a single argument
/// that is not a subcommand but names a workload file opens it in the UI.
pub fn args(argv: impl IntoIterator<Item = std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let mut argv: Vec<std::ffi::OsString> = argv.into_iter().collect();
    let takes_value = ["--rules", "--pricing"];
    let mut positional = Vec::new();
    let mut i = 1;
    while i < argv.len() {
        let a = argv[i].to_string_lossy();
        if a == "--" {
            positional.extend(i + 1..argv.len());
            break;
        }
        if takes_value.contains(&a.as_ref()) {
            i += 2;
            continue;
        }
        if !a.starts_with('-') {
            positional.push(i);
        }
        i += 1;
    }
    if let [only] = positional[..] {
        let a = argv[only].to_string_lossy().into_owned();
        let subcommand = Cli::command()
            .get_subcommands()
            .any(|c| c.get_name() == a || c.get_all_aliases().any(|x| x == a))
            || a == "help";
        let file = Path::new(&a);
        let looks_like_file = file.is_file()
            || matches!(
                file.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml")
            );
        if !subcommand && looks_like_file {
            argv.insert(only, "tui".into());
        }
    }
    argv
}

/// Runs a parsed command line, printing errors; the exit code follows DESIGN.md.
pub fn run(mut cli: Cli) -> ExitCode {
    let result = match &cli.command {
        // The UI must not hold the stdout lock: restoring the terminal on a signal
        // writes to it from another thread.
        None => ui(&cli.global, None),
        Some(Command::Tui { workload }) => ui(&cli.global, workload.as_deref()),
        Some(c) => match c
            .output()
            .and_then(|o| o.file().map(|f| (f.to_path_buf(), o.force)))
        {
            Some((file, force)) => to_file(&cli, &file, force),
            None => {
                cli.global.colour = !cli.global.no_color && io::stdout().is_terminal();
                let stdout = io::stdout();
                let mut out = stdout.lock();
                dispatch(&cli, &mut out).and_then(|()| out.flush().map_err(Failure::from))
            }
        },
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`archway man | head`) is the reader's choice, not an error.
        Err(Failure::ClosedPipe) => ExitCode::SUCCESS,
        Err(Failure::Input(e)) => {
            error_lines(&crate::text::for_terminal(&e.to_string()));
            ExitCode::from(2)
        }
        Err(Failure::Run(e)) => {
            error_lines(&crate::text::for_terminal(&e));
            ExitCode::from(1)
        }
    }
}

/// Runs a command into `-o FILE`: the bytes standard output would have had, put in place
/// once written — also when the command then reports a failure, as it would on standard
/// output; nothing when it failed before writing (a refusal comes before any work).
fn to_file(cli: &Cli, path: &Path, force: bool) -> Result<(), Failure> {
    let mut out = io::BufWriter::new(AtomicFile::create(path, force)?);
    let result = dispatch(cli, &mut out);
    let file = out
        .into_inner()
        .map_err(|e| Failure::Run(format!("{}: {}", path.display(), e.error())))?;
    match result {
        Err(e) if file.written() == 0 || file.broken() => Err(e),
        result => {
            file.commit()?;
            eprintln!("wrote {}", path.display());
            result
        }
    }
}

fn dispatch(cli: &Cli, out: &mut dyn Write) -> Result<(), Failure> {
    let Some(command) = &cli.command else {
        return ui(&cli.global, None);
    };
    let g = &cli.global;
    match command {
        Command::Tui { workload } => ui(g, workload.as_deref()),
        Command::Evaluate(args) => for_people(args.format == evaluate::Format::Text, out, |o| {
            evaluate::run(g, args, o)
        }),
        Command::Cost(args) => {
            for_people(args.format == Format::Text, out, |o| cost::run(g, args, o))
        }
        Command::Graph(args) => for_people(args.format != graph::Format::Json, out, |o| {
            graph::run(g, args, o)
        }),
        Command::Migrate(args) => for_people(args.format != migrate::Format::Json, out, |o| {
            migrate::run(g, args, o)
        }),
        Command::Sweep(args) => for_people(args.format != sweep::Format::Json, out, |o| {
            sweep::run(g, args, o)
        }),
        Command::Report(args) => for_people(true, out, |o| report::run(g, args, o)),
        Command::Compare(args) => for_people(args.format != compare::Format::Json, out, |o| {
            compare::run(g, args, o)
        }),
        Command::Rules(cmd) => for_people(true, out, |o| rules::run(g, cmd, o)),
        Command::Quiz(args) => {
            for_people(args.format == Format::Text, out, |o| quiz::run(g, args, o))
        }
        // A portfolio's rows stream (CSV and JSON lines are data); its summary is for people.
        Command::Batch(args) => for_people(args.format == batch::Format::Text, out, |o| {
            batch::run(g, args, o)
        }),
        Command::Generate(args) => generate::run(args, out),
        Command::Pricing(cmd) => pricing::run(g, cmd, out),
        Command::Schema { what, .. } => schema::run(*what, out),
        Command::Completions { shell } => {
            // clap_complete panics on a write error; render first, then write (a closed pipe is fine).
            let mut buf = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "archway", &mut buf);
            out.write_all(&buf)?;
            Ok(())
        }
        Command::Man(args) => man::run(args, out),
    }
}

/// Runs a command; when its output is for people (text, markdown, CSV, a drawing) the
/// control characters and bidirectional overrides any name, description, rule or
/// catalog carried are shown as `?`, so they cannot drive the terminal. JSON and YAML
/// keep every character (escaped as their formats require).
fn for_people(
    people: bool,
    out: &mut dyn Write,
    run: impl FnOnce(&mut dyn Write) -> Result<(), Failure>,
) -> Result<(), Failure> {
    if !people {
        return run(out);
    }
    let mut buf = Vec::new();
    let result = run(&mut buf);
    out.write_all(&crate::present::paint::for_terminal(&buf))?;
    result
}

impl Global {
    /// How the text renderers mark what colour shows.
    pub fn paint(&self) -> Paint {
        Paint::new(self.colour)
    }

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
        self.adjust(&mut w);
        Ok(w)
    }

    /// What the global flags override in every workload: `--no-free-tier`, `--provider`.
    pub fn adjust(&self, w: &mut Workload) {
        if self.no_free_tier {
            w.assumptions.free_tier = false;
        }
        if let Some(p) = &self.provider {
            w.providers = p.0.clone();
        }
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

#[cfg(test)]
mod colour_flag_tests {
    use super::*;

    #[test]
    fn no_color_is_off_unless_asked() {
        let parse = |args: &[&str]| Cli::try_parse_from(args).unwrap().global.no_color;
        if std::env::var_os("NO_COLOR").is_none() {
            assert!(!parse(&["archway", "schema", "workload"]));
        }
        assert!(parse(&["archway", "--no-color", "schema", "workload"]));
    }
}
