//! `archway quiz`: a practice round without a terminal. Without answers it prints the
//! prompt (what to place, what to estimate, the factors and mitigations to pick from);
//! with them it grades the round and keeps it in the history.

use std::io::Write;
use std::path::Path;

use rust_decimal::Decimal;
use serde::Serialize;

use super::{Failure, Format, Global};
use crate::cost::usd;
use crate::input::{InputError, human_number, suggest};
use crate::placement::Placement;
use crate::practice::round::{Answers, ComponentGrade, Graded, Question};
use crate::practice::scenario::{self, Origin, Scenario};
use crate::practice::{EstimateKey, Factor, Mitigation, generate, history};
use crate::state::Store;
use crate::workload::load_str;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  archway quiz  # the next scenario (your weakest topic first): the prompt only\n  archway quiz --scenario spiky-document-api --answer documents-api=lambda --estimate peak_rps=30\n  archway quiz --seed 7 --format json  # a generated scenario, for scripts\n  archway quiz --stats"
)]
pub struct Args {
    /// A scenario of the library by name (see --list), or any workload file, told as a
    /// prompt.
    #[arg(long, value_name = "NAME|FILE")]
    pub scenario: Option<String>,
    /// A generated scenario (the same seed, the same prompt); with --scenario FILE, the
    /// seed picks its twist.
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Where a component runs: COMPONENT=PLACEMENT, once per component.
    #[arg(long = "answer", value_name = "COMPONENT=PLACEMENT")]
    pub answers: Vec<String>,
    /// An estimate: KEY=VALUE (350k, 1.2M, $1,200 are read as people write them).
    #[arg(long = "estimate", value_name = "KEY=VALUE")]
    pub estimates: Vec<String>,
    /// What decided a component: COMPONENT=FACTOR (repeat for several).
    #[arg(long = "factor", value_name = "COMPONENT=FACTOR")]
    pub factors: Vec<String>,
    /// What a component's placement needs: COMPONENT=MITIGATION (repeat for several).
    #[arg(long = "mitigation", value_name = "COMPONENT=MITIGATION")]
    pub mitigations: Vec<String>,
    /// Where a component runs after the twist: COMPONENT=PLACEMENT.
    #[arg(long = "twist-answer", value_name = "COMPONENT=PLACEMENT")]
    pub twist: Vec<String>,
    /// List the library's scenarios.
    #[arg(long, conflicts_with_all = ["scenario", "seed", "stats"])]
    pub list: bool,
    /// Progress per rubric dimension and per topic, from the rounds played.
    #[arg(long, conflicts_with_all = ["scenario", "seed"])]
    pub stats: bool,
    /// Do not keep the round in the history.
    #[arg(long)]
    pub no_record: bool,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    #[command(flatten)]
    pub output: super::Output,
}

pub fn run(g: &Global, args: &Args, out: &mut dyn Write) -> Result<(), Failure> {
    let store = Store::user();
    if args.list {
        return list(args.format, out);
    }
    let records = history::parse(&store.practice_rounds());
    if args.stats {
        return stats(&records, args.format, out);
    }
    let rules = g.rules()?;
    let pricing = g.pricing()?;
    let s = pick(args, &records)?;
    let q = crate::practice::ask(&s, &rules, &pricing).map_err(Failure::Run)?;
    let answered = !(args.answers.is_empty()
        && args.estimates.is_empty()
        && args.factors.is_empty()
        && args.mitigations.is_empty()
        && args.twist.is_empty());
    if !answered {
        return prompt(&q, args.format, out);
    }
    let answers = answers(args, &q)?;
    let graded = crate::practice::grade(&q, &answers, &rules);
    if !args.no_record {
        let at = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let line = serde_json::to_string(&history::Record::of(&graded, at))
            .map_err(|e| Failure::Run(e.to_string()))?;
        if let Err(e) = store.record_practice(&line) {
            eprintln!("warning: the round was not kept in the history: {e}");
        }
    }
    match args.format {
        Format::Json => {
            crate::present::envelope::write(
                out,
                &q.advice.assumptions,
                crate::present::envelope::WorkloadName::One(&q.scenario.workload.name),
                QuizBody::Graded(&graded),
            )?;
        }
        Format::Text => text(&graded, out)?,
    }
    Ok(())
}

fn usage(msg: impl Into<String>) -> Failure {
    Failure::Input(InputError::file("archway quiz", msg))
}

/// The scenario the arguments name, a generated one, or the next the history suggests.
fn pick(args: &Args, records: &[history::Record]) -> Result<Scenario, Failure> {
    if let Some(name) = &args.scenario {
        if let Some(s) = scenario::named(name) {
            return Ok(s);
        }
        let path = Path::new(name);
        if path.exists() {
            let text = crate::input::read_text(path)?;
            let file = path.display().to_string();
            let is_scenario = serde_yaml::from_str::<serde_yaml::Value>(&text)
                .ok()
                .is_some_and(|v| v.get("prompt").is_some() && v.get("workload").is_some());
            if is_scenario {
                return Ok(scenario::parse(&file, &text)?);
            }
            let (w, _) = load_str(&file, &text)?;
            return Ok(scenario::from_workload(
                w,
                Origin::File(file),
                args.seed.unwrap_or(0),
            ));
        }
        let lib = scenario::library();
        let hint = suggest(name, lib.iter().map(|s| s.name.as_str()))
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        return Err(usage(format!(
            "`{name}` is neither a scenario of the library nor a file{hint} (archway quiz --list shows the library)"
        )));
    }
    if let Some(seed) = args.seed {
        return generate::scenario(seed).map_err(Failure::Run);
    }
    let lib = scenario::library();
    history::next(&lib, records, records.len() as u64)
        .cloned()
        .ok_or_else(|| Failure::Run("the scenario library is empty".into()))
}

/// A word from a closed list, or an error listing the list (with the nearest).
fn word<T: Copy>(what: &str, text: &str, all: &[T], names: &[&str]) -> Result<T, Failure> {
    let t = text.trim();
    if let Some(i) = names.iter().position(|n| *n == t) {
        return Ok(all[i]);
    }
    let hint = suggest(t, names.iter().copied())
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default();
    Err(usage(format!(
        "`{t}` is not a {what}{hint} (one of: {})",
        names.join(", ")
    )))
}

/// `LEFT=RIGHT`, with the left side a component of the scenario.
fn pair<'a>(
    flag: &str,
    text: &'a str,
    components: &[String],
) -> Result<(String, &'a str), Failure> {
    let Some((c, v)) = text.split_once('=') else {
        return Err(usage(format!(
            "--{flag} takes COMPONENT=VALUE, found `{text}`"
        )));
    };
    let c = c.trim();
    if !components.iter().any(|n| n == c) {
        let hint = suggest(c, components.iter().map(String::as_str))
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        return Err(usage(format!(
            "--{flag}: `{c}` is not a component of this scenario{hint} (its components: {})",
            components.join(", ")
        )));
    }
    Ok((c.to_string(), v))
}

fn answers(args: &Args, q: &Question) -> Result<Answers, Failure> {
    let comps = q.components();
    let mut a = Answers::default();
    for t in &args.answers {
        let (c, v) = pair("answer", t, &comps)?;
        a.placements
            .insert(c, word("placement", v, Placement::ALL, Placement::NAMES)?);
    }
    for t in &args.twist {
        let Some(tw) = &q.twist else {
            return Err(usage("this scenario has no twist; drop --twist-answer"));
        };
        let (c, v) = pair("twist-answer", t, &comps)?;
        let i = comps.iter().position(|n| *n == c).unwrap_or(0);
        if !tw.affected.contains(&i) {
            let names: Vec<&str> = tw.affected.iter().map(|&i| comps[i].as_str()).collect();
            return Err(usage(format!(
                "--twist-answer: the twist changes {}, not {c}",
                names.join(", ")
            )));
        }
        a.twist
            .insert(c, word("placement", v, Placement::ALL, Placement::NAMES)?);
    }
    for t in &args.factors {
        let (c, v) = pair("factor", t, &comps)?;
        a.factors
            .entry(c)
            .or_default()
            .push(word("factor", v, Factor::ALL, Factor::NAMES)?);
    }
    for t in &args.mitigations {
        let (c, v) = pair("mitigation", t, &comps)?;
        a.mitigations.entry(c).or_default().push(word(
            "mitigation",
            v,
            Mitigation::ALL,
            Mitigation::NAMES,
        )?);
    }
    for t in &args.estimates {
        let Some((k, v)) = t.split_once('=') else {
            return Err(usage(format!("--estimate takes KEY=VALUE, found `{t}`")));
        };
        let key = word("estimate", k, EstimateKey::ALL, EstimateKey::NAMES)?;
        if !q.estimates.iter().any(|e| e.key == key) {
            let asked: Vec<&str> = q.estimates.iter().map(|e| e.key.as_str()).collect();
            return Err(usage(format!(
                "this scenario does not ask for {key} (it asks for: {})",
                asked.join(", ")
            )));
        }
        let n = human_number(v).map_err(|e| usage(format!("--estimate {key}: {e}")))?;
        if n < Decimal::ZERO {
            return Err(usage(format!("--estimate {key}: a negative estimate")));
        }
        a.estimates.insert(key, n);
    }
    Ok(a)
}

#[derive(Serialize, schemars::JsonSchema)]
struct Choice {
    id: &'static str,
    label: &'static str,
}

/// What `quiz --format json` writes after the envelope.
#[derive(Serialize, schemars::JsonSchema)]
#[serde(untagged)]
enum QuizBody<'a> {
    Prompt(Prompt<'a>),
    Graded(&'a crate::practice::Graded),
}

#[derive(Serialize, schemars::JsonSchema)]
struct Prompt<'a> {
    scenario: &'a str,
    title: &'a str,
    topics: Vec<&'static str>,
    prompt: &'a str,
    components: Vec<String>,
    focus: &'a str,
    estimates: Vec<Choice>,
    placements: &'static [&'static str],
    factors: Vec<Choice>,
    mitigations: Vec<Choice>,
    has_twist: bool,
}

fn prompt(q: &Question, format: Format, out: &mut dyn Write) -> Result<(), Failure> {
    let s = &q.scenario;
    let focus = &s.workload.components[s.focus].name;
    let p = Prompt {
        scenario: &s.name,
        title: &s.title,
        topics: s.topics.iter().map(|t| t.as_str()).collect(),
        prompt: &s.prompt,
        components: q.components(),
        focus,
        estimates: q
            .estimates
            .iter()
            .map(|e| Choice {
                id: e.key.as_str(),
                label: e.key.label(),
            })
            .collect(),
        placements: practice_placements(),
        factors: Factor::ALL
            .iter()
            .map(|f| Choice {
                id: f.as_str(),
                label: f.label(),
            })
            .collect(),
        mitigations: Mitigation::ALL
            .iter()
            .map(|m| Choice {
                id: m.as_str(),
                label: m.label(),
            })
            .collect(),
        has_twist: q.twist.is_some(),
    };
    if format == Format::Json {
        return crate::present::envelope::write(
            out,
            &q.advice.assumptions,
            crate::present::envelope::WorkloadName::One(&s.workload.name),
            QuizBody::Prompt(p),
        );
    }
    writeln!(out, "{} ({})\n", s.title, s.name)?;
    for para in s.prompt.split("\n\n") {
        writeln!(out, "{}\n", textwrap::fill(para.trim(), 88))?;
    }
    writeln!(out, "Place each component: {}", p.components.join(", "))?;
    writeln!(out, "  on one of: {}", practice_placements().join(", "))?;
    if !q.estimates.is_empty() {
        writeln!(out, "Estimate, for {focus}:")?;
        for e in &p.estimates {
            writeln!(out, "  {:<32} {}", e.id, e.label)?;
        }
    }
    writeln!(out, "Name what decides each (--factor COMPONENT=FACTOR):")?;
    for f in &p.factors {
        writeln!(out, "  {:<24} {}", f.id, f.label)?;
    }
    writeln!(
        out,
        "And what each needs (--mitigation COMPONENT=MITIGATION):"
    )?;
    for m in &p.mitigations {
        writeln!(out, "  {:<24} {}", m.id, m.label)?;
    }
    let first = &p.components[0];
    writeln!(
        out,
        "\nAnswer with: archway quiz --scenario {} --answer {first}=lambda --factor {first}=cost-at-volume{}",
        match &s.origin {
            Origin::File(f) => f.clone(),
            Origin::Generated(_) => format!("… --seed {}", s.name.trim_start_matches("generated-")),
            Origin::Library => s.name.clone(),
        },
        q.estimates
            .first()
            .map(|e| format!(" --estimate {}=…", e.key))
            .unwrap_or_default()
    )?;
    if q.twist.is_some() {
        writeln!(
            out,
            "Then a requirement changes: the graded answer tells it; re-place with --twist-answer."
        )?;
    }
    Ok(())
}

fn component_lines(c: &ComponentGrade, out: &mut dyn Write) -> Result<(), Failure> {
    writeln!(out, "  {}", c.headline())?;
    writeln!(
        out,
        "{}",
        textwrap::indent(&textwrap::fill(&c.why, 84), "      ")
    )?;
    if c.factors.max_points > 0 {
        let exp: Vec<String> = c
            .factors
            .expected
            .iter()
            .map(|(f, why)| format!("{f} ({why})"))
            .collect();
        writeln!(
            out,
            "    factors {}/{}: expected {}",
            c.factors.points,
            c.factors.max_points,
            exp.join("; ")
        )?;
    }
    if c.mitigations.max_points > 0 {
        let exp: Vec<&str> = c
            .mitigations
            .expected
            .iter()
            .map(|(m, _)| m.as_str())
            .collect();
        writeln!(
            out,
            "    mitigations {}/{}: expected {}",
            c.mitigations.points,
            c.mitigations.max_points,
            exp.join(", ")
        )?;
    }
    Ok(())
}

fn text(g: &Graded, out: &mut dyn Write) -> Result<(), Failure> {
    writeln!(
        out,
        "{} ({}): {} of {} points\n",
        g.title, g.scenario, g.score, g.max_score
    )?;
    if !g.estimates.is_empty() {
        writeln!(out, "Estimates")?;
        for e in &g.estimates {
            writeln!(out, "  {}", e.headline())?;
            writeln!(out, "      {}", e.how)?;
        }
        writeln!(out)?;
    }
    writeln!(out, "Placements")?;
    for c in &g.components {
        component_lines(c, out)?;
    }
    if let Some(t) = &g.twist {
        writeln!(out, "\nTwist: {}", t.says)?;
        for c in &t.components {
            component_lines(c, out)?;
        }
        writeln!(out, "  the system after it: {} a month", usd(t.monthly_usd))?;
    }
    writeln!(out, "\nRubric")?;
    for r in &g.rubric {
        writeln!(
            out,
            "  {:<26} {}/3  {}",
            r.dimension.as_str(),
            r.score,
            r.evidence
        )?;
    }
    writeln!(out, "\nWhat to say")?;
    for s in &g.what_to_say {
        writeln!(out, "{}", textwrap::indent(&textwrap::fill(s, 86), "  "))?;
    }
    writeln!(
        out,
        "\nThe recommended system costs {} a month.",
        usd(g.monthly_usd)
    )?;
    Ok(())
}

fn list(format: Format, out: &mut dyn Write) -> Result<(), Failure> {
    let lib = scenario::library();
    if format == Format::Json {
        #[derive(Serialize)]
        struct Entry<'a> {
            name: &'a str,
            title: &'a str,
            topics: Vec<&'static str>,
            components: usize,
        }
        let entries: Vec<Entry> = lib
            .iter()
            .map(|s| Entry {
                name: &s.name,
                title: &s.title,
                topics: s.topics.iter().map(|t| t.as_str()).collect(),
                components: s.workload.components.len(),
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &entries)?;
        writeln!(out)?;
        return Ok(());
    }
    let rows: Vec<Vec<String>> =
        std::iter::once(vec!["scenario".into(), "topics".into(), "title".into()])
            .chain(lib.iter().map(|s| {
                vec![
                    s.name.clone(),
                    s.topics
                        .iter()
                        .map(|t| t.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                    s.title.clone(),
                ]
            }))
            .collect();
    out.write_all(crate::present::table::columns(&rows, &[false, false, false], "").as_bytes())?;
    writeln!(
        out,
        "{} scenarios; also any workload file (--scenario FILE) or a generated one (--seed N).",
        lib.len()
    )?;
    Ok(())
}

fn stats(records: &[history::Record], format: Format, out: &mut dyn Write) -> Result<(), Failure> {
    let st = history::stats(records);
    if format == Format::Json {
        serde_json::to_writer_pretty(&mut *out, &st)?;
        writeln!(out)?;
        return Ok(());
    }
    if st.rounds == 0 {
        writeln!(out, "No rounds played yet: archway quiz starts one.")?;
        return Ok(());
    }
    writeln!(
        out,
        "{} round{} played\n",
        st.rounds,
        if st.rounds == 1 { "" } else { "s" }
    )?;
    writeln!(
        out,
        "{:<26} {:>8} {:>12}",
        "dimension (0–3)", "mean", "last five"
    )?;
    for d in &st.dimensions {
        writeln!(
            out,
            "{:<26} {:>8.1} {:>12.1}",
            d.dimension.as_str(),
            d.mean,
            d.recent
        )?;
    }
    writeln!(
        out,
        "\n{:<22} {:>7} {:>8}",
        "topic (weakest first)", "rounds", "points"
    )?;
    for t in &st.topics {
        writeln!(
            out,
            "{:<22} {:>7} {:>7.0}%",
            t.topic.as_str(),
            t.rounds,
            t.share * 100.0
        )?;
    }
    Ok(())
}

/// The JSON Schema of `quiz --format json`: the prompt without answers, the graded
/// round with them.
pub fn schema() -> schemars::Schema {
    crate::present::envelope::schema::<QuizBody<'static>>(
        "archway quiz",
        "`archway quiz --format json`: without answers, the scenario's prompt and the choices to answer with; with answers, the graded round (estimates against exact figures, placements, the twist and the rubric).",
    )
}

/// The placements a practice answer is offered: the scenarios are on AWS (with Cloudflare
/// Workers at the edge); any placement id is still read.
fn practice_placements() -> &'static [&'static str] {
    static NAMES: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
        Placement::offered_to(&[crate::placement::Provider::Aws])
            .map(Placement::as_str)
            .collect()
    });
    &NAMES
}
