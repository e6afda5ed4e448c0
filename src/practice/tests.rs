//! Practice: scenarios that load and say their numbers, estimates scored on a log
//! scale, placements graded right, acceptable or wrong at their exact figures, the
//! history that steers the next round.

use proptest::prelude::*;
use rust_decimal::{Decimal, dec};
use serde_yaml::Value;

use super::round::{Verdict, estimate_points};
use super::scenario::{self, Origin};
use super::*;
use crate::cost::Pricing;
use crate::placement::Placement;
use crate::rules::RuleBase;
use crate::workload::load_str;

fn rules() -> RuleBase {
    RuleBase::embedded()
}

fn example(name: &str) -> Scenario {
    let (path, text) = crate::examples::WORKLOADS
        .iter()
        .find(|(p, _)| p.contains(name))
        .expect("an example");
    let (w, _) = load_str(path, text).expect("loads");
    scenario::from_workload(w, Origin::File(path.to_string()), 0)
}

fn question(s: &Scenario) -> Question {
    ask(s, &rules(), &Pricing::embedded()).expect("a question")
}

#[test]
fn every_library_file_is_a_scenario_and_the_library_is_every_file() {
    let mut on_disk: Vec<String> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios"))
            .expect("scenarios/")
            .filter_map(|e| e.ok())
            .map(|e| format!("scenarios/{}", e.file_name().to_string_lossy()))
            .filter(|n| n.ends_with(".yaml"))
            .collect();
    on_disk.sort();
    let embedded: Vec<String> = super::library::FILES
        .iter()
        .map(|(p, _)| p.to_string())
        .collect();
    assert_eq!(
        embedded, on_disk,
        "src/practice/library.rs lists every scenario file"
    );
    assert!(
        embedded.len() >= 30,
        "a library of at least 30 scenarios: {}",
        embedded.len()
    );
    let mut names = Vec::new();
    for (path, text) in super::library::FILES {
        let s = scenario::parse(path, text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            Some(s.name.as_str()),
            std::path::Path::new(path)
                .file_stem()
                .and_then(|x| x.to_str()),
            "{path}: the name is the file's"
        );
        names.push(s.name.clone());
        let q = question(&s);
        assert!(
            q.advice.decisions.iter().all(|d| d.placement.is_some()),
            "{path}: every component can be placed"
        );
        if let Some(t) = &q.twist {
            assert!(
                !t.affected.is_empty(),
                "{path}: the twist changes something"
            );
        }
    }
    names.sort();
    names.dedup();
    assert_eq!(names.len(), super::library::FILES.len(), "unique names");
}

/// Word values and the words a prompt may use for them.
fn says(trait_: &str, value: &str) -> Vec<String> {
    let v = value.to_lowercase();
    let words: &[&str] = match (trait_, v.as_str()) {
        ("shape", "spiky") => &["spiky", "burst", "spike"],
        ("shape", "steady") => &["steady", "constant", "flat", "sustained"],
        ("shape", "diurnal") => &["diurnal", "business hours", "daily cycle", "daytime"],
        ("shape", "sporadic") => &["sporadic", "occasional", "rare"],
        ("runtime", "node") => &["node"],
        ("runtime", "dotnet") => &[".net", "dotnet"],
        ("connections", "websocket") => &["websocket"],
        ("state", "in-memory") => &["in memory", "in-memory"],
        ("arch", "arm64") => &["arm64", "graviton"],
        ("gateway", "rest") => &["rest api"],
        ("gateway", "http") => &["http api"],
        ("gateway", "alb") => &["load balancer", "alb"],
        ("gateway", "websocket") => &["websocket"],
        ("store" | "engine", "postgres") => &["postgres"],
        ("store" | "engine", "aurora-serverless") => &["aurora serverless"],
        ("gpu", _) => &["gpu"],
        _ => return vec![v],
    };
    words.iter().map(|w| w.to_string()).collect()
}

/// Whether `n` appears in `text` as a whole number: as written, with thousands
/// separators, or (1–12) as a word.
fn states_number(text: &str, n: &str) -> bool {
    let d: Decimal = n.parse().unwrap_or_default();
    let mut forms = vec![
        n.to_string(),
        crate::cost::qty(d),
        d.normalize().to_string(),
    ];
    const WORDS: [&[&str]; 13] = [
        &["zero", "no"],
        &["one", "once", "a single", "an ", "a "],
        &["two", "twice"],
        &["three"],
        &["four"],
        &["five"],
        &["six"],
        &["seven"],
        &["eight"],
        &["nine"],
        &["ten"],
        &["eleven"],
        &["twelve"],
    ];
    let lower = text.to_lowercase();
    if d.fract().is_zero()
        && let Ok(i) = usize::try_from(d.trunc().mantissa())
        && i < WORDS.len()
        && WORDS[i].iter().any(|w| lower.contains(w))
    {
        return true;
    }
    forms.dedup();
    forms.iter().any(|f| {
        text.match_indices(f.as_str()).any(|(i, _)| {
            let before = text[..i].chars().last();
            let after = text[i + f.len()..].chars().next();
            let digitish = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
            let joined = |c: Option<char>, next: Option<char>| {
                // "2.5" must not count as "2", nor "10,000" as "10".
                matches!(c, Some('.' | ',')) && digitish(next)
            };
            !digitish(before)
                && !matches!(before, Some('.' | ','))
                && !digitish(after)
                && !joined(after, text[i + f.len()..].chars().nth(1))
        })
    })
}

fn check_prompt(prompt: &str, v: &Value, at: &str, missing: &mut Vec<String>) {
    match v {
        Value::Mapping(m) => {
            for (k, x) in m {
                let k = k.as_str().unwrap_or("");
                if matches!(
                    k,
                    "assumptions"
                        | "name"
                        | "description"
                        | "depends_on"
                        | "monthly_cost_usd"
                        | "kind"
                        | "region"
                        | "platform"
                        | "access"
                        | "new_feature"
                        | "purchase"
                        | "instance_type"
                        | "instance_class"
                ) {
                    continue;
                }
                check_prompt(prompt, x, k, missing);
            }
        }
        Value::Sequence(xs) => xs.iter().for_each(|x| check_prompt(prompt, x, at, missing)),
        Value::Number(n) if !states_number(prompt, &n.to_string()) => {
            missing.push(format!("{at} = {n}"));
        }
        Value::String(s)
            if matches!(
                at,
                "shape"
                    | "runtime"
                    | "gpu"
                    | "connections"
                    | "state"
                    | "arch"
                    | "gateway"
                    | "engine"
                    | "store"
            ) =>
        {
            if s == "none" || s == "stateless" || s == "external" || s == "x86_64" {
                return;
            }
            let lower = prompt.to_lowercase();
            if !says(at, s).iter().any(|w| lower.contains(w.as_str())) {
                missing.push(format!("{at} = {s}"));
            }
        }
        Value::Bool(true) if at == "dedicated_hardware" => {
            let lower = prompt.to_lowercase();
            if !(lower.contains("dedicated") || lower.contains("single-tenant")) {
                missing.push("dedicated_hardware".into());
            }
        }
        _ => {}
    }
}

#[test]
fn every_library_prompt_states_the_numbers_its_answer_depends_on() {
    let mut problems = Vec::new();
    for (path, text) in super::library::FILES {
        let doc: Value = serde_yaml::from_str(text).expect("yaml");
        let prompt = doc["prompt"].as_str().unwrap_or("");
        let mut missing = Vec::new();
        check_prompt(prompt, &doc["workload"], "", &mut missing);
        if !missing.is_empty() {
            problems.push(format!(
                "{path}: the prompt never says {}",
                missing.join(", ")
            ));
        }
        let twist = &doc["twist"];
        if let Some(change) = twist["change"].as_mapping() {
            let says = twist["says"].as_str().unwrap_or("");
            for (k, v) in change {
                if let Some(n) = v.as_f64() {
                    let n = v.as_i64().map(|i| i.to_string()).unwrap_or(n.to_string());
                    let ok = states_number(says, &n)
                        || (k.as_str() == Some("traffic")
                            && (says.contains('×')
                                || says.contains("fold")
                                || says.contains("times")));
                    if !ok {
                        problems.push(format!("{path}: the twist never says {n}"));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_narrated_workload_states_its_numbers() {
    for (path, _) in crate::examples::WORKLOADS {
        let s = example(
            path.trim_start_matches("workloads/")
                .trim_end_matches(".yaml"),
        );
        for c in &s.workload.components {
            for (field, v) in [
                ("requests_per_month", c.requests_per_month),
                ("peak_rps", c.peak_rps),
                ("duration_ms", c.duration_ms),
                ("memory_mb", c.memory_mb),
                ("package_mb", c.package_mb),
            ] {
                let said = c.is_default(field)
                    || c.schedule.is_some() && field != "memory_mb" && field != "package_mb";
                if !said {
                    assert!(
                        states_number(&s.prompt, &crate::cost::qty(v).replace(',', "")),
                        "{path}: {} {field} {v} is not in:\n{}",
                        c.name,
                        s.prompt
                    );
                }
            }
            if let Some(p) = c.latency_p99_ms {
                assert!(states_number(&s.prompt, &p.to_string()), "{path}: p99 {p}");
            }
        }
    }
}

#[test]
fn estimates_earn_full_points_within_2x_and_half_within_10x() {
    assert_eq!(estimate_points(dec!(30), dec!(33.3)), 2);
    assert_eq!(estimate_points(dec!(66), dec!(33.3)), 2);
    assert_eq!(estimate_points(dec!(67), dec!(33.3)), 1);
    assert_eq!(estimate_points(dec!(4), dec!(33.3)), 1);
    assert_eq!(estimate_points(dec!(3), dec!(33.3)), 0);
    assert_eq!(estimate_points(dec!(400), dec!(33.3)), 0);
    // Nothing to pay: "about nothing" is right.
    assert_eq!(estimate_points(dec!(0), dec!(0)), 2);
    assert_eq!(estimate_points(dec!(5), dec!(0)), 1);
    assert_eq!(estimate_points(dec!(0), dec!(5)), 0);
}

#[test]
fn placements_are_right_acceptable_or_wrong_at_their_figures() {
    // The sustained API: EKS at $1,454.15 wins; Fargate is within a point of it; EC2
    // costs less; Lambda at $5,483.72 is far behind.
    let s = example("sustained-api");
    let q = question(&s);
    let grade_with = |p: Placement| {
        let mut a = Answers::default();
        a.placements.insert("catalog-api".into(), p);
        grade(&q, &a, &rules()).components[0].clone()
    };
    let right = grade_with(Placement::Eks);
    assert_eq!((right.verdict, right.points), (Verdict::Right, 3));
    let fargate = grade_with(Placement::Fargate);
    assert_eq!(fargate.verdict, Verdict::Acceptable);
    assert_eq!(fargate.points, 2);
    assert!(
        fargate
            .why
            .starts_with("fargate works: 4.26 points against eks's 4.8"),
        "{}",
        fargate.why
    );
    let lambda = grade_with(Placement::Lambda);
    assert_eq!((lambda.verdict, lambda.points), (Verdict::Wrong, 0));
    assert_eq!(
        lambda.why,
        "lambda scores 2.79 points below eks; it costs $4,029.57 a month more ($5,483.72 vs $1,454.15)"
    );
    // A hard rule: the order saga waits three days; Lambda stops at 15 minutes.
    let s = example("order-workflow");
    let q = question(&s);
    let mut a = Answers::default();
    a.placements.insert("order-saga".into(), Placement::Lambda);
    let g = grade(&q, &a, &rules());
    let saga = g
        .components
        .iter()
        .find(|c| c.name == "order-saga")
        .unwrap();
    assert_eq!(saga.verdict, Verdict::Wrong);
    assert!(
        saga.breaks.contains(&"lambda-15-minute-limit".to_string()),
        "{:?}",
        saga.breaks
    );
    let limits = g
        .rubric
        .iter()
        .find(|r| r.dimension == Dimension::Limits)
        .unwrap();
    assert_eq!(limits.score, 1);
    assert!(
        limits.evidence.starts_with(
            "order-saga: lambda cannot run it: Lambda stops every execution at 15 minutes"
        ),
        "{}",
        limits.evidence
    );
}

#[test]
fn a_full_round_scores_estimates_factors_mitigations_and_the_twist() {
    let s = example("spiky-document-api");
    let q = question(&s);
    let mut a = Answers::default();
    a.placements
        .insert("documents-api".into(), Placement::Lambda);
    a.factors
        .insert("documents-api".into(), vec![Factor::Cost, Factor::Gpu]);
    a.mitigations.insert(
        "documents-api".into(),
        vec![Mitigation::ProvisionedConcurrency],
    );
    // Peak 33.3/s: 30 is within 2×; in flight 8.325: 100 is beyond 10×.
    a.estimates.insert(EstimateKey::PeakRps, dec!(30));
    a.estimates.insert(EstimateKey::PeakConcurrency, dec!(100));
    let g = grade(&q, &a, &rules());
    let c = &g.components[0];
    assert_eq!(
        (c.verdict, c.factors.points, c.mitigations.points),
        (Verdict::Right, 1, 1)
    );
    let pts: Vec<(EstimateKey, u32)> = g.estimates.iter().map(|e| (e.key, e.points)).collect();
    assert_eq!(
        pts[..2],
        [(EstimateKey::PeakRps, 2), (EstimateKey::PeakConcurrency, 0)]
    );
    assert_eq!(g.estimates[1].exact, dec!(8.325));
    assert!(g.twist.is_none(), "the twist is graded when it is answered");
    assert_eq!(g.score, 3 + 1 + 1 + 2);
    // The twist, answered: the component it changes is re-placed.
    let t = q.twist.as_ref().expect("a twist");
    let name = &q.scenario.workload.components[t.affected[0]].name;
    let expected = t.advice.decisions[t.affected[0]].placement.unwrap();
    a.twist.insert(name.clone(), expected);
    let g = grade(&q, &a, &rules());
    let tg = g.twist.as_ref().unwrap();
    assert_eq!(tg.components[0].verdict, Verdict::Right);
    assert_eq!(g.score, 3 + 1 + 1 + 2 + 3);
    // Hints cost a point of the placement.
    a.hints.insert("documents-api".into(), 2);
    let g = grade(&q, &a, &rules());
    assert_eq!(g.components[0].points, 1 + 1 + 1);
    let dims: Vec<Dimension> = g.rubric.iter().map(|r| r.dimension).collect();
    assert_eq!(dims, Dimension::ALL);
    assert!(
        g.rubric
            .iter()
            .all(|r| r.score <= 3 && !r.evidence.is_empty())
    );
}

#[test]
fn the_json_of_a_round_has_the_contracted_keys() {
    let q = question(&example("cron-report"));
    let mut a = Answers::default();
    a.placements
        .insert("daily-report".into(), Placement::Lambda);
    let v = serde_json::to_value(grade(&q, &a, &rules())).unwrap();
    for k in [
        "scenario",
        "prompt",
        "components",
        "estimates",
        "rubric",
        "score",
        "max_score",
    ] {
        assert!(v.get(k).is_some(), "{k}");
    }
    let c = &v["components"][0];
    for k in [
        "name",
        "answer",
        "expected",
        "verdict",
        "points",
        "max_points",
        "why",
    ] {
        assert!(c.get(k).is_some(), "components[].{k}");
    }
    assert_eq!(c["verdict"], "right");
    for k in ["key", "given", "exact", "points"] {
        assert!(v["estimates"][0].get(k).is_some(), "estimates[].{k}");
    }
    for k in ["dimension", "score", "evidence"] {
        assert!(v["rubric"][0].get(k).is_some(), "rubric[].{k}");
    }
}

#[test]
fn the_history_steers_the_next_round_to_the_weakest_topic() {
    let lib = library();
    let of = |name: &str, share: (u32, u32)| {
        let s = lib.iter().find(|s| s.name == name).unwrap();
        history::Record {
            at: 0,
            scenario: name.into(),
            topics: s.topics.clone(),
            score: share.0,
            max_score: share.1,
            rubric: Default::default(),
        }
    };
    // Strong on websockets, weak on scheduled jobs: next is a scheduled job not played.
    let weak = lib
        .iter()
        .find(|s| s.topics == [Topic::ScheduledJobs])
        .unwrap();
    let strong = lib
        .iter()
        .find(|s| {
            s.topics.contains(&Topic::Websockets) && !s.topics.contains(&Topic::ScheduledJobs)
        })
        .unwrap();
    let records = vec![of(&strong.name, (20, 20)), of(&weak.name, (2, 20))];
    let next = history::next(&lib, &records, 0).unwrap();
    assert!(next.topics.contains(&Topic::ScheduledJobs), "{}", next.name);
    assert_ne!(
        next.name, weak.name,
        "not the one just missed, another on its topic"
    );
    let st = history::stats(&records);
    assert_eq!(st.rounds, 2);
    assert!(
        st.topics[0].share < st.topics.last().unwrap().share,
        "weakest first"
    );
}

#[test]
fn a_seed_gives_the_same_scenario_every_time() {
    let a = generate::scenario(42).unwrap();
    let b = generate::scenario(42).unwrap();
    assert_eq!(a.prompt, b.prompt);
    assert_eq!(a.twist, b.twist);
    assert_ne!(generate::scenario(43).unwrap().prompt, a.prompt);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_seed_gives_a_scenario_that_loads_and_can_be_played(seed in any::<u64>()) {
        let s = generate::scenario(seed).unwrap();
        prop_assert!(!s.prompt.is_empty());
        let q = question(&s);
        prop_assert!(q.advice.decisions.iter().all(|d| d.placement.is_some()));
        let g = grade(&q, &Answers::default(), &rules());
        prop_assert_eq!(g.score, 0);
        prop_assert!(g.max_score > 0);
    }
}
