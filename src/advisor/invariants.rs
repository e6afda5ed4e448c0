//! Invariants of the whole pipeline on random workloads: the same inputs give the same
//! bytes; no recommendation is a placement a hard rule excludes; JSON money reads back
//! as the figures computed; every total is the sum of the rows shown for it.
//! (Costs rising with load and the plan's dependency order are tested with the cost
//! model and the plan.)

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::{Advice, advise};
use crate::cost::{Pricing, cents};
use crate::rules::{RuleBase, explain};
use crate::workload::{Origin, Workload, load_str};
use crate::{migration, report, topology};

const KINDS: [&str; 7] = [
    "http-api",
    "worker",
    "scheduled",
    "stream",
    "websocket",
    "ml-inference",
    "batch",
];
const SHAPES: [&str; 4] = ["steady", "diurnal", "spiky", "sporadic"];
const GATEWAYS: [&str; 4] = ["rest", "http", "alb", "none"];

/// A component from a few numbers: kind, shape, gateway, volume, duration, memory, and the
/// earlier components it depends on (a bit mask).
#[derive(Debug, Clone)]
struct Part {
    kind: usize,
    shape: usize,
    gateway: usize,
    requests: u64,
    duration_ms: u32,
    memory_mb: u32,
    deps: u8,
}

fn part() -> impl Strategy<Value = Part> {
    (
        0..KINDS.len(),
        0..SHAPES.len(),
        0..GATEWAYS.len(),
        1u64..50_000_000_000,
        1u32..3_600_000,
        128u32..20_480,
        any::<u8>(),
    )
        .prop_map(
            |(kind, shape, gateway, requests, duration_ms, memory_mb, deps)| Part {
                kind,
                shape,
                gateway,
                requests,
                duration_ms,
                memory_mb,
                deps,
            },
        )
}

fn yaml(parts: &[Part], free: bool, current: Option<u32>) -> String {
    let mut s = format!("name: random\nassumptions: {{ free_tier: {free} }}\n");
    if let Some(c) = current {
        s.push_str(&format!(
            "current: {{ platform: vms, monthly_cost_usd: {c} }}\n"
        ));
    }
    s.push_str("components:\n");
    for (i, p) in parts.iter().enumerate() {
        let kind = KINDS[p.kind];
        s.push_str(&format!("  - name: c{i}\n    kind: {kind}\n"));
        match kind {
            "scheduled" | "batch" => s.push_str(&format!(
                "    schedule: {{ runs_per_day: {}, run_seconds: {} }}\n",
                1 + p.requests % 48,
                1 + p.duration_ms / 1000
            )),
            _ => s.push_str(&format!(
                "    traffic: {{ requests_per_month: {}, shape: {} }}\n    duration_ms: {}\n",
                p.requests, SHAPES[p.shape], p.duration_ms
            )),
        }
        s.push_str(&format!("    memory_mb: {}\n", p.memory_mb));
        if kind == "http-api" {
            s.push_str(&format!("    gateway: {}\n", GATEWAYS[p.gateway]));
        }
        if kind == "ml-inference" {
            s.push_str("    gpu: inference\n");
        }
        let deps: Vec<String> = (0..i)
            .filter(|j| p.deps >> (j % 8) & 1 == 1)
            .map(|j| format!("c{j}"))
            .collect();
        if !deps.is_empty() {
            s.push_str(&format!("    depends_on: [{}]\n", deps.join(", ")));
        }
    }
    s
}

/// Every rendering built on the advice, as bytes.
fn renderings(w: &Workload, a: &Advice, rules: &RuleBase, pricing: &Pricing) -> Vec<Vec<u8>> {
    let mut text = Vec::new();
    let _ = crate::present::evaluate::text(a, &mut text);
    let json = serde_json::to_vec(&crate::present::evaluate::view(a)).unwrap();
    let t = topology::build(w, a);
    let plan = migration::plan(w, a);
    let i = report::Inputs {
        workload: w,
        rules,
        pricing,
        date: None,
    };
    let adr = report::render_advice(&i, a, report::Style::Adr).unwrap();
    vec![
        text,
        json,
        topology::text(&t, 100).join("\n").into_bytes(),
        topology::export::dot(&t).into_bytes(),
        topology::export::mermaid(&t).into_bytes(),
        report::migration(&w.name, &plan).into_bytes(),
        adr.into_bytes(),
    ]
}

/// A money string of the JSON output, read back.
fn money(v: &serde_json::Value) -> Decimal {
    v.as_str().unwrap().parse().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn the_pipeline_keeps_its_invariants(
        parts in proptest::collection::vec(part(), 1..6),
        free in any::<bool>(),
        current in proptest::option::of(0u32..100_000),
    ) {
        let text = yaml(&parts, free, current);
        let (w, _) = load_str("random.yaml", &text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        let (rules, pricing) = (RuleBase::embedded(), Pricing::embedded());
        let a = advise(&w, &rules, &pricing).unwrap();

        // Deterministic: the same inputs give the same advice and the same bytes.
        let again = advise(&w, &rules, &pricing).unwrap();
        prop_assert_eq!(&a, &again);
        prop_assert_eq!(
            renderings(&w, &a, &rules, &pricing),
            renderings(&w, &again, &rules, &pricing)
        );

        // No recommendation is a placement a hard rule excludes: checked against the
        // rules themselves, not the engine's bookkeeping.
        for d in &a.decisions {
            let Some(p) = d.placement else { continue };
            for r in rules.rules.iter().filter(|r| r.placed_on.is_empty() && r.exclude.contains(&p)) {
                if let Some(reasons) = explain(&r.when, &d.facts) {
                    let assumed = reasons
                        .iter()
                        .flat_map(|b| b.traits.iter())
                        .any(|t| d.facts.origin(t) == Origin::Default);
                    prop_assert!(assumed, "{} on {} though {} excludes it\n{}", d.component, p, r.id, text);
                }
            }
        }

        // Every total is the sum of its rows: an option of its lines, the system of its
        // bill, and the JSON of the rows it shows.
        for cc in &a.costs.components {
            for o in cc.options.iter().filter_map(|p| p.option()) {
                prop_assert_eq!(o.monthly, o.lines.iter().map(|l| l.amount).sum::<Decimal>());
            }
        }
        prop_assert_eq!(a.bill().iter().map(|r| r.monthly).sum::<Decimal>(), a.monthly);
        let v = serde_json::to_value(crate::present::evaluate::view(&a)).unwrap();
        let rows: Decimal = v["bill"].as_array().unwrap().iter().map(|r| money(&r["monthly_usd"])).sum();
        prop_assert_eq!(rows, money(&v["monthly_usd"]));

        // JSON money reads back as the figures computed, to the cent.
        prop_assert_eq!(money(&v["monthly_usd"]), cents(a.monthly));
        for (c, d) in v["components"].as_array().unwrap().iter().zip(&a.decisions) {
            let chosen = d.chosen().and_then(|x| x.monthly);
            match chosen {
                Some(m) => prop_assert_eq!(money(&c["monthly_usd"]), cents(m)),
                None => prop_assert!(c["monthly_usd"].is_null()),
            }
        }
        // The JSON document reads back as itself.
        let s = serde_json::to_string(&v).unwrap();
        prop_assert_eq!(serde_json::from_str::<serde_json::Value>(&s).unwrap(), v);

        // The plan ends at the recommended total.
        let plan = migration::plan(&w, &a);
        if let Some(last) = plan.phases.last()
            && current.is_some() {
                prop_assert_eq!(last.cost_after, cents(a.monthly));
            }
    }
}

/// Every figure of an advice, none of its words: what [`Detail::Numbers`] must keep.
fn figures(a: &Advice) -> String {
    use std::fmt::Write;
    let mut s = format!("{} {}\n", a.workload, a.monthly);
    for c in &a.costs.components {
        for p in &c.options {
            match p {
                crate::cost::Priced::Priced(o) => {
                    writeln!(s, "{} {} {}", c.name, o.placement, o.monthly).unwrap();
                    for l in &o.lines {
                        writeln!(
                            s,
                            "  {} {} {} {} {} {:?}",
                            l.id, l.quantity, l.unit_price, l.exact, l.amount, l.shared
                        )
                        .unwrap();
                    }
                    writeln!(s, "  warnings {}", o.warnings.len()).unwrap();
                }
                crate::cost::Priced::NotPriced { placement, reason } => {
                    writeln!(s, "{} {placement} not priced: {reason}", c.name).unwrap();
                }
            }
        }
    }
    for st in &a.costs.stores {
        writeln!(s, "store {} {}", st.name, st.monthly).unwrap();
    }
    for d in &a.decisions {
        writeln!(s, "{} -> {:?}", d.component, d.placement).unwrap();
        for x in &d.alternatives {
            writeln!(s, "  {x:?}").unwrap();
        }
        writeln!(s, "  facts {:?}", d.facts).unwrap();
    }
    for l in &a.adjustments {
        writeln!(s, "adjustment {} {} {}", l.id, l.exact, l.amount).unwrap();
    }
    for e in &a.elsewhere {
        writeln!(s, "elsewhere {} {}", e.provider, e.monthly).unwrap();
    }
    s
}

fn same_figures(w: &Workload, rules: &RuleBase, pricing: &Pricing) {
    use crate::cost::Detail;
    let words = super::advise_with(w, rules, pricing, Detail::Words);
    let numbers = super::advise_with(w, rules, pricing, Detail::Numbers);
    let reasons = super::advise_with(w, rules, pricing, Detail::Reasons);
    match (words, numbers) {
        (Ok(a), Ok(b)) => {
            assert_eq!(figures(&a), figures(&b), "{}", w.name);
            // With the reasons only: the figures, and every word of the decisions, the
            // trace, the graph and the plan, as with all the words.
            let r = reasons.expect("priced with words, so with reasons");
            assert_eq!(figures(&a), figures(&r), "{}", w.name);
            assert_eq!(format!("{:?}", a.decisions), format!("{:?}", r.decisions));
            assert_eq!(
                format!("{:?}", a.adjustments),
                format!("{:?}", r.adjustments)
            );
            let trace = |a: &Advice| {
                let mut out = Vec::new();
                crate::present::evaluate::text(a, &mut out).unwrap();
                String::from_utf8(out).unwrap()
            };
            assert_eq!(trace(&a), trace(&r), "{}", w.name);
            let graph = |a: &Advice| format!("{:?}", topology::build(w, a));
            assert_eq!(graph(&a), graph(&r), "{}", w.name);
            let plan = |a: &Advice| format!("{:?}", migration::plan(w, a));
            assert_eq!(plan(&a), plan(&r), "{}", w.name);
            assert!(r.chosen().all(|(_, o)| o.derivations.is_empty()));
            // Without words there are none to show.
            assert!(
                b.decisions
                    .iter()
                    .all(|d| d.fired.is_empty() && d.why.is_empty())
            );
            assert!(b.chosen().all(|(_, o)| {
                o.derivations.is_empty()
                    && o.lines
                        .iter()
                        .all(|l| l.formula.is_empty() && l.source.is_empty())
            }));
        }
        (Err(a), Err(b)) => {
            assert_eq!(a.to_string(), reasons.unwrap_err().to_string());
            assert_eq!(a, b)
        }
        (a, b) => panic!(
            "{}: with words {:?}, without {:?}",
            w.name,
            a.err(),
            b.err()
        ),
    }
}

#[test]
fn without_words_every_example_has_the_same_figures() {
    let (rules, pricing) = (RuleBase::embedded(), Pricing::embedded());
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/workloads");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_some_and(|x| x == "yaml") {
            let mut w = Workload::load(&path).unwrap();
            same_figures(&w, &rules, &pricing);
            // And on both clouds: Google Cloud's bills, free grant and the same system
            // on each provider alone.
            use crate::placement::Provider;
            w.providers = vec![Provider::Aws, Provider::Gcp];
            same_figures(&w, &rules, &pricing);
            n += 1;
        }
    }
    assert!(n >= 10, "{n} examples");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn without_words_generated_workloads_have_the_same_figures(seed in any::<u64>(), index in 0u64..1_000) {
        let yaml = crate::workload::generate::workload(seed, index);
        let (w, _) = load_str("generated.yaml", &yaml).unwrap();
        same_figures(&w, &RuleBase::embedded(), &Pricing::embedded());
    }
}

/// The placements the examples leave unpriced or untried, with and without words: Replicate
/// and Modal on a named GPU, Fargate Spot with a partial catalog's rates, Temporal Cloud on
/// its Business plan, a durable function with a wait, Lambda Managed Instances past its
/// minimum.
#[test]
fn without_words_the_newer_placements_have_the_same_figures() {
    use crate::cost::catalog::{FargateSpotPrices, Price};
    let rules = RuleBase::embedded();
    let mut pricing = Pricing::embedded();
    let price = |usd: &str| Price {
        usd: crate::input::Dec(usd.parse().unwrap()),
        per: "unit".into(),
        source: "test".into(),
        as_of: "2026-12-01".into(),
    };
    pricing.regions[0].fargate_spot = Some(FargateSpotPrices {
        vcpu_hour: price("0.0121"),
        gb_hour: price("0.0013"),
    });
    let yaml = "name: newer
components:
  - { name: gpu, kind: ml-inference, gpu: inference, traffic: { requests_per_month: 2000000, shape: diurnal }, duration_ms: 400, latency_p99_ms: 2000, container: { gpu_model: t4 } }
  - { name: queue, kind: worker, traffic: { requests_per_month: 30000000 }, duration_ms: 800, memory_mb: 2048, runtime: python }
  - { name: saga, kind: workflow, traffic: { requests_per_month: 15000000 }, max_duration_s: 86400, workflow: { state_transitions: 9 } }
  - { name: api, kind: http-api, traffic: { requests_per_month: 2000000000, shape: steady }, duration_ms: 50, runtime: java, gateway: alb }
";
    let (w, _) = load_str("newer.yaml", yaml).unwrap();
    same_figures(&w, &rules, &pricing);
    // Each is priced here, not listed as unpriced.
    use crate::placement::Placement as P;
    let c = crate::cost::cost_workload(&w, &pricing).unwrap();
    for (i, p) in [
        (0, P::Replicate),
        (0, P::Modal),
        (1, P::FargateSpot),
        (1, P::LambdaManagedInstances),
        (2, P::TemporalCloud),
        (2, P::LambdaDurableFunctions),
        (3, P::LambdaManagedInstances),
    ] {
        assert!(c.components[i].option(p).is_some(), "{p} not priced");
    }
    let saga = c.components[2].option(P::TemporalCloud).unwrap();
    assert!(
        saga.lines[0].item.contains("Business"),
        "{}",
        saga.lines[0].item
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    /// Advice after a change to some components, reusing the others' bills and decisions,
    /// is the advice worked out from nothing: with and without words, and when a setting
    /// changed too (then nothing is reused).
    #[test]
    fn advice_after_a_what_if_is_the_advice_from_nothing(
        seed in any::<u64>(),
        index in 0u64..1_000,
        changes in proptest::collection::vec((0usize..9, 0usize..3, -6i32..7), 1..3),
        setting in 0usize..4,
        detail in 0usize..3,
    ) {
        use crate::cost::vary::{Vary, current, with_value};
        use crate::cost::Detail;
        let (rules, pricing) = (RuleBase::embedded(), Pricing::embedded());
        let detail = [Detail::Words, Detail::Numbers, Detail::Reasons][detail];
        let yaml = crate::workload::generate::workload(seed, index);
        let (was, _) = load_str("generated.yaml", &yaml).unwrap();
        let before = super::advise_with(&was, &rules, &pricing, detail).unwrap();
        let mut w = was.clone();
        for (i, vary, e) in changes {
            let i = i % w.components.len();
            let vary = [Vary::RequestsPerMonth, Vary::DurationMs, Vary::MemoryMb][vary];
            let now = current(&w, i, vary);
            let v = if e >= 0 {
                now * Decimal::from(1u32 << e)
            } else {
                (now / Decimal::from(1u32 << -e)).round().max(Decimal::ONE)
            };
            if let Ok(changed) = with_value(&w, i, vary, v) {
                w = changed;
            }
        }
        match setting {
            1 => w.assumptions.free_tier = !w.assumptions.free_tier,
            2 => w.assumptions.hours_per_month += Decimal::ONE,
            // One component fewer: the others are as they were, but not the system.
            3 if w.components.len() > 1 => {
                w.components.pop();
            }
            _ => {}
        }
        let after = super::advise_after((&was, &before), &w, &rules, &pricing, detail);
        let fresh = super::advise_with(&w, &rules, &pricing, detail);
        prop_assert_eq!(after, fresh);
    }
}

/// Advice after is advice on the workload given: reused from one with other settings, or
/// with other words, it is worked out again.
#[test]
fn advice_after_reuses_only_what_the_same_settings_and_words_gave() {
    use crate::cost::Detail;
    let (rules, pricing) = (RuleBase::embedded(), Pricing::embedded());
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/workloads/rails-monolith.yaml");
    let was = Workload::load(std::path::Path::new(path)).unwrap();
    let numbers = super::advise_with(&was, &rules, &pricing, Detail::Numbers).unwrap();
    let words = super::advise_after((&was, &numbers), &was, &rules, &pricing, Detail::Words);
    assert_eq!(
        words,
        super::advise_with(&was, &rules, &pricing, Detail::Words)
    );
    // A longer month: every component's bill changes, though no component does.
    let mut longer = was.clone();
    longer.assumptions.hours_per_month = rust_decimal::dec!(744);
    let after =
        super::advise_after((&was, &numbers), &longer, &rules, &pricing, Detail::Numbers).unwrap();
    assert_eq!(
        after,
        super::advise_with(&longer, &rules, &pricing, Detail::Numbers).unwrap()
    );
    assert!(
        after
            .costs
            .components
            .iter()
            .zip(&numbers.costs.components)
            .all(|(a, b)| a != b)
    );
}
