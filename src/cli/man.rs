//! `archway man [SUBCOMMAND] [--dir DIR [--force]]`: a man page per command, nested ones
//! too (`archway-rules-check(1)`), each with the examples its `--help` ends with, its exit
//! status and the pages it refers to.

use std::io::Write;
use std::path::PathBuf;

use clap::CommandFactory;
use clap_mangen::roff::{Inline, Roff, bold, roman};

use super::{Cli, Failure};
use crate::input::InputError;
use crate::present::write::AtomicFile;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The command whose page to print (`evaluate`, `rules check`); without one, archway(1).
    #[arg(value_name = "SUBCOMMAND", conflicts_with = "dir")]
    pub command: Vec<String>,
    /// Write every page to DIR (archway.1, archway-evaluate.1, …), creating DIR if needed.
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub dir: Option<PathBuf>,
    /// Replace pages in DIR that exist.
    #[arg(long, requires = "dir")]
    pub force: bool,
}

pub fn run(a: &Args, out: &mut dyn Write) -> Result<(), Failure> {
    let commands = commands();
    let Some(dir) = &a.dir else {
        let wanted = format!("archway {}", a.command.join(" "));
        let wanted = wanted.trim_end().replace(' ', "-");
        let wanted = wanted.replace("archway-archway", "archway");
        let c = commands
            .iter()
            .find(|c| name(c) == wanted)
            .ok_or_else(|| unknown(&wanted, &commands))?;
        out.write_all(&page(c, &commands)?)?;
        return Ok(());
    };
    std::fs::create_dir_all(dir).map_err(|e| Failure::Run(format!("{}: {e}", dir.display())))?;
    // Every file is checked (and its temporary file opened) before any is written, so a
    // refusal leaves DIR as it was.
    let files = commands
        .iter()
        .map(|c| AtomicFile::create(&dir.join(format!("{}.1", name(c))), a.force))
        .collect::<Result<Vec<_>, _>>()?;
    for (c, mut f) in commands.iter().zip(files) {
        f.write_all(&page(c, &commands)?)
            .map_err(|e| f.failure(e))?;
        f.commit()?;
    }
    writeln!(
        out,
        "wrote {} man pages to {}",
        commands.len(),
        dir.display()
    )?;
    Ok(())
}

fn unknown(wanted: &str, commands: &[clap::Command]) -> Failure {
    // As typed: `rules check`, not `archway-rules-check`.
    let typed = |n: &str| n.strip_prefix("archway-").unwrap_or(n).replace('-', " ");
    let names: Vec<String> = commands.iter().skip(1).map(|c| typed(name(c))).collect();
    let hint = crate::input::suggest(&typed(wanted), names.iter().map(String::as_str))
        .map(|n| format!(", did you mean `{n}`?"))
        .unwrap_or_default();
    Failure::Input(InputError::file(
        "archway man",
        format!(
            "no page for `{}`{hint} (pages: {})",
            typed(wanted),
            names.join(", ")
        ),
    ))
}

/// Every command with a page: archway first, then each subcommand, depth first.
pub fn commands() -> Vec<clap::Command> {
    fn without_help(c: clap::Command) -> clap::Command {
        let subs: Vec<String> = c
            .get_subcommands()
            .map(|s| s.get_name().to_string())
            .collect();
        let mut c = c.disable_help_subcommand(true);
        for s in subs {
            c = c.mut_subcommand(s, without_help);
        }
        c
    }
    fn walk(c: &clap::Command, all: &mut Vec<clap::Command>) {
        all.push(c.clone());
        for s in c.get_subcommands().filter(|s| !s.is_hide_set()) {
            walk(s, all);
        }
    }
    let mut root = without_help(Cli::command());
    root.build();
    let mut all = Vec::new();
    walk(&root, &mut all);
    all
}

/// A page's name: `archway`, `archway-evaluate`, `archway-rules-check`.
pub fn name(c: &clap::Command) -> &str {
    c.get_display_name().unwrap_or_else(|| c.get_name())
}

/// The examples a command's `--help` ends with: each a command line and what it shows.
pub fn examples(c: &clap::Command) -> Vec<(String, Option<String>)> {
    let text = c
        .get_after_help()
        .map(|h| h.to_string())
        .unwrap_or_default();
    text.lines()
        .skip_while(|l| l.trim() != "Examples:")
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .map(|l| match l.trim().split_once("  # ") {
            Some((cmd, what)) => (cmd.trim().to_string(), Some(what.trim().to_string())),
            None => (l.trim().to_string(), None),
        })
        .collect()
}

/// What exit status 1 means for a command (0 is success and 2 bad input for every one).
fn status_one(page: &str) -> &'static str {
    match page {
        "archway" => {
            "A failure while running, or what a subcommand reports as one (its page says what)."
        }
        "archway-evaluate" | "archway-graph" | "archway-migrate" | "archway-report"
        | "archway-compare" => {
            "Hard rules exclude every placement of a component: the output is printed in full, the total says which components it leaves out, and an error names them. Also a failure while running (a file that cannot be written)."
        }
        "archway-batch" => {
            "Some workloads failed: the others are advised, and the summary (or a row with an error) names the ones that failed. Also a failure while running."
        }
        "archway-rules-test" => {
            "A test case failed (each failure is listed). Also a failure while running."
        }
        _ => "A failure while running (for example, a file that cannot be written).",
    }
}

/// What exit status 2 means for a command.
fn status_two(c: &clap::Command) -> String {
    let mut s = String::from(
        "Bad input: a usage error, or a file that cannot be read or is not valid (the message names the file, line and column)",
    );
    match name(c) {
        "archway-rules-check" => s.push_str("; a rule base with errors (warnings alone exit 0)"),
        "archway-batch" => s.push_str("; no workload found, or none could be read"),
        _ => {}
    }
    if c.get_arguments().any(|a| a.get_id() == "force") {
        s.push_str("; a file to write that exists, without --force");
    }
    s.push('.');
    s
}

/// The man page of `c`, which is one of `all`.
pub fn page(c: &clap::Command, all: &[clap::Command]) -> Result<Vec<u8>, Failure> {
    let man =
        clap_mangen::Man::new(c.clone()).source(format!("archway {}", env!("CARGO_PKG_VERSION")));
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    if c.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut out)?;
    }
    if c.has_subcommands() {
        man.render_subcommands_section(&mut out)?;
    }
    let mut roff = Roff::new();
    let examples = examples(c);
    if !examples.is_empty() {
        roff.control("SH", ["EXAMPLES"]);
        for (cmd, what) in examples {
            roff.control("TP", []);
            roff.text([bold(cmd)]);
            if let Some(w) = what {
                roff.text([roman(w)]);
            }
        }
    }
    roff.control("SH", ["EXIT STATUS"]);
    let two = status_two(c);
    for (code, what) in [
        ("0", "Success."),
        ("1", status_one(name(c))),
        ("2", two.as_str()),
    ] {
        roff.control("TP", []);
        roff.text([bold(code)]);
        roff.text([roman(what)]);
    }
    roff.control("SH", ["SEE ALSO"]);
    let mut see: Vec<Inline> = Vec::new();
    for (i, other) in see_also(c, all).into_iter().enumerate() {
        if i > 0 {
            see.push(roman(", "));
        }
        see.push(bold(other));
        see.push(roman("(1)"));
    }
    roff.text(see);
    out.extend_from_slice(roff.to_roff().as_bytes());
    if c.get_version().is_some() {
        man.render_version_section(&mut out)?;
    }
    Ok(once_preamble(out))
}

/// The pages a page refers to: from archway(1) every other; from a subcommand's, archway(1),
/// the command it belongs to and its own subcommands.
fn see_also<'a>(c: &'a clap::Command, all: &'a [clap::Command]) -> Vec<&'a str> {
    let me = name(c);
    if me == "archway" {
        return all.iter().map(name).filter(|n| *n != me).collect();
    }
    let mut pages = vec!["archway"];
    pages.extend(
        all.iter()
            .filter(|p| name(p) != "archway" && p.get_subcommands().any(|s| name(s) == me))
            .map(name),
    );
    pages.extend(c.get_subcommands().filter(|s| !s.is_hide_set()).map(name));
    pages
}

/// Each of clap_mangen's sections starts with the same two-line preamble; a page needs it once.
fn once_preamble(page: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8_lossy(&page);
    let preamble = Roff::new().render();
    match text.split_once(preamble.as_str()) {
        Some((before, rest)) => {
            format!("{before}{preamble}{}", rest.replace(preamble.as_str(), "")).into_bytes()
        }
        None => page,
    }
}
