//! `archway batch PATH...`: a whole portfolio — files, directories, multi-document YAML,
//! stdin — advised on every core, streamed in bounded chunks (never all in memory), with
//! a summary (placements today and recommended, the bill today and recommended, the
//! largest savings, what is closest to flipping, what failed) or a row per component as
//! CSV or JSON lines.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use rayon::prelude::*;
use serde::Serialize;

use super::{Failure, Global};
use crate::analysis::batch::{Outcome, Place, Row, Summary, assess};
use crate::cost::{qty, usd};
use crate::input::InputError;

/// Documents advised together: enough to keep both cores busy, few enough to bound memory.
const CHUNK: usize = 512;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Csv,
    Jsonl,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  archway batch services/  # every *.yaml under it, summarised\n  archway batch services/ --format csv > fleet.csv\n  archway generate --seed 1 --count 1000 -o - | archway batch - --format jsonl"
)]
pub struct Args {
    /// Workload files, directories (every *.yaml and *.yml under them; a file reached
    /// twice, by a link or named again, counts once), or - for multi-document YAML on
    /// stdin. An error in a file of several documents names the file's own line.
    #[arg(required = true, value_hint = clap::ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// No progress bar, even on a terminal.
    #[arg(long)]
    pub quiet: bool,
    #[command(flatten)]
    pub output: super::Output,
}

/// One workload document: its rows' name for it, the file it is in and the lines before
/// it there, and its text (or why it could not be read).
struct Doc {
    label: String,
    file: String,
    lines_before: usize,
    text: Result<String, String>,
}

impl Doc {
    fn place(&self) -> Place<'_> {
        Place {
            label: &self.label,
            file: &self.file,
            lines_before: self.lines_before,
        }
    }

    /// A file read (or not) as one document.
    fn whole(file: String, text: Result<String, String>) -> Doc {
        Doc {
            label: file.clone(),
            file,
            lines_before: 0,
            text,
        }
    }
}

/// Splits lines of YAML into its documents (`---` lines), one at a time as the lines
/// arrive, dropping empty ones: each with the number of lines before it, or the error
/// that stopped the reading.
fn documents<L>(mut lines: L) -> impl Iterator<Item = (usize, Result<String, String>)>
where
    L: Iterator<Item = std::io::Result<String>>,
{
    // Lines read so far.
    let mut read = 0usize;
    std::iter::from_fn(move || {
        let mut cur = String::new();
        let mut start = read;
        loop {
            let line = lines.next();
            read += 1;
            match line {
                Some(Ok(l)) if l.trim_end() == "---" => {
                    if cur.trim().is_empty() {
                        cur.clear();
                        start = read;
                        continue;
                    }
                    break;
                }
                Some(Ok(l)) => {
                    cur.push_str(&l);
                    cur.push('\n');
                }
                Some(Err(e)) => return Some((start, Err(e.to_string()))),
                None => break,
            }
        }
        (!cur.trim().is_empty()).then_some((start, Ok(cur)))
    })
}

/// Every *.yaml and *.yml under `dir`, in name order; a directory that cannot be read is
/// reported where it stands and the rest still walked. A directory or file reached a
/// second time (a symbolic link back up the tree, or to one already walked) is not walked
/// or counted again.
fn walk(dir: &Path, out: &mut Vec<Result<PathBuf, Doc>>, seen: &mut Seen) {
    if !seen.first_time(dir) {
        return;
    }
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            out.push(Err(Doc::whole(
                dir.display().to_string(),
                Err(format!("cannot read the directory: {e}")),
            )));
            return;
        }
    };
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out, seen);
        } else if matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
            && seen.first_time(&p)
        {
            out.push(Ok(p));
        }
    }
}

/// The files and directories met so far, by their canonical paths.
#[derive(Default)]
struct Seen(std::collections::HashSet<PathBuf>);

impl Seen {
    /// Whether `p` is met for the first time (a path that cannot be resolved counts as new:
    /// reading it will say what is wrong).
    fn first_time(&mut self, p: &Path) -> bool {
        match std::fs::canonicalize(p) {
            Ok(c) => self.0.insert(c),
            Err(_) => true,
        }
    }
}

/// The documents of the paths, produced one at a time (stdin read as it arrives).
fn sources(paths: &[PathBuf]) -> impl Iterator<Item = Doc> {
    let mut files: Vec<Result<PathBuf, Doc>> = Vec::new();
    let mut seen = Seen::default();
    for p in paths {
        if p.as_os_str() == "-" {
            files.push(Ok(p.clone()));
        } else if p.is_dir() {
            walk(p, &mut files, &mut seen);
        } else if seen.first_time(p) {
            files.push(Ok(p.clone()));
        }
    }
    files
        .into_iter()
        .flat_map(|f| -> Box<dyn Iterator<Item = Doc>> {
            match f {
                Err(d) => Box::new(std::iter::once(d)),
                Ok(p) if p.as_os_str() == "-" => Box::new(stdin_docs()),
                Ok(p) => {
                    let name = p.display().to_string();
                    match crate::input::read_text(&p) {
                        Err(e) => Box::new(std::iter::once(Doc::whole(name, Err(e.to_string())))),
                        Ok(t) => {
                            let mut docs: Vec<_> =
                                documents(t.lines().map(|l| Ok(l.to_string()))).collect();
                            // Text with no document at all is one (empty) document, so
                            // that it is reported as empty rather than passed over.
                            if docs.is_empty() {
                                docs.push((0, Ok(t)));
                            }
                            let many = docs.len() > 1;
                            Box::new(docs.into_iter().enumerate().map(
                                move |(i, (lines_before, text))| Doc {
                                    label: if many {
                                        format!("{name}#{}", i + 1)
                                    } else {
                                        name.clone()
                                    },
                                    file: name.clone(),
                                    lines_before,
                                    text,
                                },
                            ))
                        }
                    }
                }
            }
        })
}

/// Multi-document YAML from stdin, a document at a time; its errors' lines are counted
/// from the first line read.
fn stdin_docs() -> impl Iterator<Item = Doc> {
    documents(std::io::stdin().lock().lines())
        .enumerate()
        .map(|(i, (lines_before, text))| Doc {
            label: format!("-#{}", i + 1),
            file: STDIN.to_string(),
            lines_before,
            text,
        })
}

/// How errors in documents read from standard input name it.
const STDIN: &str = "stdin";

/// The summary in words.
fn print(summary: &Summary, out: &mut dyn Write) -> Result<(), Failure> {
    let count = |n: usize| qty(rust_decimal::Decimal::from(n));
    let counted =
        |n: usize, what: &str| format!("{} {what}{}", count(n), if n == 1 { "" } else { "s" });
    writeln!(
        out,
        "{}, {}; {} failed",
        counted(summary.documents - summary.failed, "workload"),
        counted(summary.components, "component"),
        count(summary.failed)
    )?;
    if !summary.today_by_platform.is_empty() {
        writeln!(out, "\ncomponents by today's platform")?;
        for (p, n) in &summary.today_by_platform {
            writeln!(out, "  {p:<26} {:>8}", count(*n))?;
        }
    }
    if !summary.recommended.is_empty() {
        writeln!(out, "components by recommended placement")?;
    }
    for (p, n) in &summary.recommended {
        // A component no placement can run (hard rules exclude them all).
        let p = if p.is_empty() { "(none can run it)" } else { p };
        writeln!(out, "  {p:<26} {:>8}", count(*n))?;
    }
    if !summary.today_total.is_zero() {
        writeln!(
            out,
            "\nwhere today's bill is known: {} a month today, {} recommended ({} a month)",
            usd(summary.today_total),
            usd(summary.recommended_for_today),
            crate::cost::signed_usd(summary.recommended_for_today - summary.today_total)
        )?;
    }
    writeln!(
        out,
        "recommended, all workloads: {} a month",
        usd(summary.recommended_total)
    )?;
    if !summary.savings.is_empty() {
        writeln!(out, "\nlargest savings")?;
        for (s, w, t, r) in &summary.savings {
            writeln!(
                out,
                "  {w:<30} {} a month ({} → {})",
                usd(*s),
                usd(*t),
                usd(*r)
            )?;
        }
    }
    if !summary.closest.is_empty() {
        writeln!(out, "\nclosest to flipping (margin over the runner-up)")?;
        for (m, c) in &summary.closest {
            let m = m.round_dp(2);
            writeln!(
                out,
                "  {c:<40} {} {}",
                qty(m),
                crate::cost::plural("point", m)
            )?;
        }
    }
    if !summary.failures.is_empty() {
        writeln!(out, "\nfailed")?;
        for (f, e) in &summary.failures {
            let first = e.lines().next().unwrap_or("");
            // An error that names its file already ("a.yaml:3:7: …") is not prefixed again.
            match first.strip_prefix(f.as_str()) {
                Some(rest) if rest.starts_with(':') => writeln!(out, "  {first}")?,
                _ => writeln!(out, "  {f}: {first}")?,
            }
        }
        if summary.failed > summary.failures.len() {
            writeln!(
                out,
                "  … and {} more",
                summary.failed - summary.failures.len()
            )?;
        }
    }
    Ok(())
}

pub fn run(g: &Global, args: &Args, out: &mut dyn Write) -> Result<(), Failure> {
    let rules = g.rules()?;
    let pricing = g.pricing()?;
    let bar = if !args.quiet && std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new_spinner();
        b.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos} workloads advised, {per_sec}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut summary = Summary::default();
    let mut header = true;
    // The files are read a chunk ahead on a thread of their own while the cores advise the
    // chunk before; one chunk waits at most, so memory stays bounded. The reader is not
    // waited for on an error (it may be blocked on stdin); it stops at its next chunk.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Doc>>(1);
    let paths = args.paths.clone();
    std::thread::spawn(move || {
        let mut docs = sources(&paths);
        loop {
            let chunk: Vec<Doc> = docs.by_ref().take(CHUNK).collect();
            if chunk.is_empty() || tx.send(chunk).is_err() {
                break;
            }
        }
    });
    for chunk in rx {
        let outcomes: Vec<Outcome> = chunk
            .par_iter()
            .map(|d| {
                assess(
                    d.place(),
                    d.text.as_deref().map_err(String::as_str),
                    &rules,
                    &pricing,
                    &|w| g.adjust(w),
                )
            })
            .collect();
        // The chunk's rows as one write; the CSV header before the first.
        let mut csv = (args.format == Format::Csv).then(|| {
            csv::WriterBuilder::new()
                .has_headers(header)
                .from_writer(Vec::new())
        });
        let mut wrote = false;
        for o in outcomes {
            if args.format != Format::Text {
                let rows: Vec<Row> = match &o.error {
                    Some(e) => vec![Row::failure(&o.file, e)],
                    None => Vec::new(),
                };
                for r in rows.iter().chain(&o.rows) {
                    wrote = true;
                    match &mut csv {
                        Some(w) => w
                            .serialize(CsvRow::from(r))
                            .map_err(|e| Failure::Run(e.to_string()))?,
                        None => {
                            serde_json::to_writer(&mut *out, r)?;
                            writeln!(out)?;
                        }
                    }
                }
            }
            summary.add(o);
            bar.inc(1);
        }
        // The header goes before the first row, whichever chunk has it.
        header &= !wrote;
        if let Some(w) = csv {
            let bytes = w.into_inner().map_err(|e| Failure::Run(e.to_string()))?;
            out.write_all(&bytes)?;
        }
    }
    bar.finish_and_clear();
    // With nothing found there is nothing to summarise: the error says so.
    if args.format == Format::Text && summary.documents > 0 {
        print(&summary, out)?;
    }
    if summary.documents == 0 {
        return Err(Failure::Input(InputError::file(
            "archway batch",
            "no workload found in the paths given",
        )));
    }
    if summary.failed == summary.documents {
        return Err(Failure::Input(InputError::file(
            "archway batch",
            if summary.documents == 1 {
                "the one workload found could not be read".to_string()
            } else {
                format!("none of the {} workloads could be read", summary.documents)
            },
        )));
    }
    if summary.failed > 0 {
        return Err(Failure::Run(format!(
            "{} of {} workloads failed",
            summary.failed, summary.documents
        )));
    }
    Ok(())
}

/// The CSV row: every column always present (an `error` column, empty when it worked).
#[derive(Serialize)]
struct CsvRow<'a> {
    file: &'a str,
    workload: &'a str,
    component: &'a str,
    placement: &'a str,
    monthly_usd: &'a str,
    runner_up: &'a str,
    margin_usd: &'a str,
    current_platform: &'a str,
    saving_usd: &'a str,
    error: &'a str,
}

impl<'a> From<&'a Row> for CsvRow<'a> {
    fn from(r: &'a Row) -> Self {
        CsvRow {
            file: &r.file,
            workload: &r.workload,
            component: &r.component,
            placement: &r.placement,
            monthly_usd: &r.monthly_usd,
            runner_up: &r.runner_up,
            margin_usd: &r.margin_usd,
            current_platform: &r.current_platform,
            saving_usd: &r.saving_usd,
            error: r.error.as_deref().unwrap_or(""),
        }
    }
}
