//! `archway rules list|check|test [DIR]`.

use std::io::Write;
use std::path::PathBuf;

use super::{Failure, Global};
use crate::present::paint::Tone;
use crate::rules::{self, RuleBase, facts};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Show every rule: id, effect, title and source.
    #[command(
        after_help = "Examples:\n  archway rules list  # every rule: its id, effect, title and source\n  archway rules list --traits  # what a rule condition can test"
    )]
    List {
        /// A rule directory (default: --rules, else the embedded rules).
        dir: Option<PathBuf>,
        /// List the traits conditions may test instead.
        #[arg(long)]
        traits: bool,
    },
    /// Lint a rule base: errors exit 2, warnings are printed.
    #[command(
        after_help = "Examples:\n  archway rules check  # lint the embedded rule base\n  archway rules check my-rules  # or a directory of rule files, as --rules takes"
    )]
    Check { dir: Option<PathBuf> },
    /// Run the rule base's test cases (rules/tests/*.yaml).
    #[command(
        after_help = "Examples:\n  archway rules test  # the embedded rule base's test cases\n  archway --rules my-rules rules test  # an edited base against its tests/*.yaml"
    )]
    Test { dir: Option<PathBuf> },
    /// Write the embedded rule base (and its test cases) to DIR, to edit and use with
    /// --rules DIR.
    #[command(
        after_help = "Examples:\n  archway rules export my-rules  # rules, tests and example workloads to edit\n  archway rules check my-rules && archway --rules my-rules evaluate W"
    )]
    Export {
        #[arg(value_hint = clap::ValueHint::DirPath)]
        dir: PathBuf,
        /// Overwrite files that exist.
        #[arg(long)]
        force: bool,
    },
}

fn base(g: &Global, dir: &Option<PathBuf>) -> Result<RuleBase, Failure> {
    match dir.as_ref().or(g.rules.as_ref()) {
        Some(d) => Ok(RuleBase::load_dir(d)?),
        None => Ok(RuleBase::embedded()),
    }
}

pub fn run(g: &Global, cmd: &Command, out: &mut dyn Write) -> Result<(), Failure> {
    match cmd {
        Command::Export { dir, force } => {
            let files = crate::rules::EMBEDDED
                .iter()
                .chain(crate::rules::testcases::EMBEDDED);
            for (name, text) in files {
                let rel = name.trim_start_matches("rules/");
                let path = dir.join(rel);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)
                        .map_err(|e| Failure::Run(format!("{}: {e}", parent.display())))?;
                }
                // Test cases name the example workloads beside the rules: they are
                // exported too, and the paths follow.
                let text = text
                    .replace("../../workloads/", "../workloads/")
                    .replace("$schema=../schemas/", "$schema=schemas/");
                super::write_file(&path, text.as_bytes(), *force)?;
                writeln!(out, "wrote {}", path.display())?;
            }
            // The schemas the files point their editors at.
            std::fs::create_dir_all(dir.join("schemas"))
                .map_err(|e| Failure::Run(format!("{}: {e}", dir.display())))?;
            for (name, what) in [
                ("rules", super::schema::Format::Rules),
                ("workload", super::schema::Format::Workload),
            ] {
                let path = dir.join("schemas").join(format!("{name}.schema.json"));
                super::write_file(&path, what.text()?.as_bytes(), *force)?;
            }
            std::fs::create_dir_all(dir.join("workloads"))
                .map_err(|e| Failure::Run(format!("{}: {e}", dir.display())))?;
            for (name, text) in crate::examples::WORKLOADS {
                let path = dir.join(name);
                super::write_file(&path, text.as_bytes(), *force)?;
            }
            writeln!(
                out,
                "wrote {} example workloads under {}",
                crate::examples::WORKLOADS.len(),
                dir.join("workloads").display()
            )?;
            writeln!(
                out,
                "Edit them, check with `archway rules check {0}`, use with --rules {0} (or ARCHWAY_RULES).",
                dir.display()
            )?;
            Ok(())
        }
        Command::List { traits: true, .. } => {
            for t in facts::registry() {
                writeln!(out, "{:<28} {:<14} {}", t.name, short_type(t.ty), t.about)?;
            }
            Ok(())
        }
        Command::List { dir, .. } => {
            let b = base(g, dir)?;
            for r in &b.rules {
                writeln!(out, "{:<40} {}", r.id, r.title)?;
                writeln!(
                    out,
                    "{:<40} {}{}",
                    "",
                    r.effect_summary(),
                    if r.placed_on.is_empty() {
                        String::new()
                    } else {
                        format!(
                            " — when placed on {}",
                            r.placed_on
                                .iter()
                                .map(|p| p.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    }
                )?;
                writeln!(out, "{:<40} source: {}", "", r.source)?;
            }
            writeln!(out, "{} rules", b.rules.len())?;
            Ok(())
        }
        Command::Check { dir } => {
            let sources = match dir.as_ref().or(g.rules.as_ref()) {
                Some(d) => rules::read_dir(d)?,
                None => rules::EMBEDDED
                    .iter()
                    .map(|(n, s)| (n.to_string(), s.to_string()))
                    .collect(),
            };
            let pricing = g.pricing()?;
            let findings = rules::lint::lint(sources, &pricing);
            let (errors, warnings): (Vec<_>, Vec<_>) = findings.into_iter().partition(|f| f.error);
            if !errors.is_empty() {
                // Errors make the base unusable: they go to stderr with exit code 2.
                let mut all: Vec<_> = errors.into_iter().map(|f| f.diagnostic).collect();
                all.extend(warnings.into_iter().map(|f| {
                    let mut d = f.diagnostic;
                    d.message = format!("(warning) {}", d.message);
                    d
                }));
                return Err(Failure::Input(crate::input::InputError(all)));
            }
            for f in &warnings {
                g.paint().write(out, Tone::Warning, "warning:")?;
                writeln!(out, " {}", f.diagnostic)?;
            }
            writeln!(out, "0 errors, {} warnings", warnings.len())?;
            Ok(())
        }
        Command::Test { dir } => {
            let b = base(g, dir)?;
            let pricing = g.pricing()?;
            let cases = match dir.as_ref().or(g.rules.as_ref()) {
                Some(d) => rules::testcases::load_dir(&d.join("tests"))?,
                None => rules::testcases::embedded()?,
            };
            let report = rules::testcases::run(&cases, &b, &pricing);
            for r in &report {
                match &r.failures[..] {
                    [] => writeln!(out, "ok    {}", r.name)?,
                    fs => {
                        writeln!(out, "FAIL  {}", r.name)?;
                        for f in fs {
                            writeln!(out, "        {f}")?;
                        }
                    }
                }
            }
            let failed = report.iter().filter(|r| !r.failures.is_empty()).count();
            writeln!(out, "{} passed, {failed} failed", report.len() - failed)?;
            if failed > 0 {
                return Err(Failure::Run(format!("{failed} rule test cases failed")));
            }
            Ok(())
        }
    }
}

fn short_type(t: facts::Type) -> &'static str {
    match t {
        facts::Type::Number => "number",
        facts::Type::Bool => "true/false",
        facts::Type::Word(_) => "word",
    }
}
