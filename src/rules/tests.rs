use super::testcases;
use super::*;
use super::{Cond, Op, Rhs};
use crate::cost::Pricing;

#[test]
fn embedded_rule_base_loads_and_lints_clean() {
    let b = RuleBase::embedded();
    assert!(b.rules.len() >= 40, "{} rules", b.rules.len());
    let findings = lint::lint(
        EMBEDDED
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect(),
        &Pricing::embedded(),
    );
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn embedded_rule_test_cases_pass() {
    let cases = testcases::embedded().unwrap_or_else(|e| panic!("{e}"));
    assert!(!cases.is_empty());
    let failures: Vec<_> = testcases::run(&cases, &RuleBase::embedded(), &Pricing::embedded())
        .into_iter()
        .filter(|o| !o.failures.is_empty())
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn embedded_lists_match_the_directories() {
    let dir = |d: &str| {
        let mut v: Vec<String> =
            std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/").to_string() + d)
                .unwrap()
                .filter_map(|e| e.ok())
                .map(|e| format!("{d}/{}", e.file_name().to_string_lossy()))
                .filter(|n| n.ends_with(".yaml") && !n.ends_with("pricing.yaml"))
                .collect();
        v.sort();
        v
    };
    let names = |l: &[(&str, &str)]| {
        let mut v: Vec<String> = l.iter().map(|(n, _)| n.to_string()).collect();
        v.sort();
        v
    };
    assert_eq!(names(EMBEDDED), dir("rules"));
    assert_eq!(names(testcases::EMBEDDED), dir("rules/tests"));
    assert_eq!(names(crate::examples::WORKLOADS), dir("workloads"));
}

/// Every rule fires on the boundary it names and not just past it: starting from the
/// facts of a component where the rule fires, each numeric threshold of its condition
/// is moved to its boundary and one step outside it.
#[test]
fn every_rule_fires_on_its_boundary_and_not_past_it() {
    use super::facts::{Facts, Value};
    use rust_decimal::Decimal;

    let pricing = Pricing::embedded();
    let base = RuleBase::embedded();
    // Witnesses: the rule tests' components and the linter's plausible grid.
    let mut witnesses: Vec<Facts> = Vec::new();
    let cases = testcases::embedded().unwrap();
    for c in &cases {
        let a = crate::advisor::advise(&c.workload, &base, &pricing).unwrap();
        witnesses.extend(a.decisions.into_iter().map(|d| d.facts));
    }
    for w in crate::examples::WORKLOADS {
        let (wl, _) = crate::workload::load_str(w.0, w.1).unwrap();
        let a = crate::advisor::advise(&wl, &base, &pricing).unwrap();
        witnesses.extend(a.decisions.into_iter().map(|d| d.facts));
    }
    let step = Decimal::new(1, 4);
    let mut missing = Vec::new();
    let mut wrong = Vec::new();
    for r in &base.rules {
        let Some(facts) = witnesses.iter().find(|f| evaluate(&r.when, f).is_some()) else {
            missing.push(r.id.clone());
            continue;
        };
        let leaves: Vec<&Cond> = match &r.when {
            Cond::All(cs) => cs.iter().collect(),
            c @ Cond::Cmp { .. } => vec![c],
            _ => vec![],
        };
        for leaf in leaves {
            let Cond::Cmp { trait_, op, rhs } = leaf else {
                continue;
            };
            let bound = match rhs.first() {
                Some(Rhs::Value(Value::Number(v))) => *v,
                Some(Rhs::Trait(t)) => match facts.get(t) {
                    Some(Value::Number(v)) => *v,
                    _ => continue,
                },
                _ => continue,
            };
            // (value that must fire, value that must not)
            let (inside, outside) = match op {
                Op::Gt => (bound + step, bound),
                Op::Ge => (bound, bound - step),
                Op::Lt => (bound - step, bound),
                Op::Le => (bound, bound + step),
                Op::Between => (bound, bound - step),
                _ => continue,
            };
            let with = |v: Decimal| {
                let mut f = facts.clone();
                f.insert(trait_.name, Value::Number(v));
                evaluate(&r.when, &f).is_some()
            };
            if !with(inside) || with(outside) {
                wrong.push(format!(
                    "{}: {trait_} {} {bound}: fires at {inside}? {}; at {outside}? {}",
                    r.id,
                    op.symbol(),
                    with(inside),
                    with(outside)
                ));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "rules no test component makes fire: {missing:?}"
    );
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// `check` (no words) and `explain` (the reasons) agree on every rule and every component
/// of the examples and the rule tests: the same verdict, and the same traits read.
#[test]
fn checking_without_words_agrees_with_the_reasons() {
    use super::{check, explain};
    let pricing = Pricing::embedded();
    let base = RuleBase::embedded();
    let mut workloads: Vec<crate::workload::Workload> = testcases::embedded()
        .unwrap()
        .into_iter()
        .map(|c| c.workload)
        .collect();
    for w in crate::examples::WORKLOADS {
        workloads.push(crate::workload::load_str(w.0, w.1).unwrap().0);
    }
    for i in 0..40 {
        let yaml = crate::workload::generate::workload(7, i);
        workloads.push(crate::workload::load_str("g.yaml", &yaml).unwrap().0);
    }
    let (mut fired, mut not) = (0, 0);
    for w in &workloads {
        let a = crate::advisor::advise(w, &base, &pricing).unwrap();
        for d in &a.decisions {
            for r in &base.rules {
                let mut traits = Vec::new();
                let held = check(&r.when, &d.facts, &mut traits);
                let reasons = explain(&r.when, &d.facts);
                assert_eq!(held, reasons.is_some(), "{} on {}", r.id, d.component);
                let read: Vec<&str> = reasons
                    .iter()
                    .flatten()
                    .flat_map(|b| b.traits.iter().copied())
                    .collect();
                if held {
                    assert_eq!(traits, read, "{} on {}", r.id, d.component);
                    fired += 1;
                } else {
                    assert!(traits.is_empty());
                    not += 1;
                }
            }
        }
    }
    assert!(fired > 100 && not > 1000, "{fired} fired, {not} did not");
}
