//! `archway rules check`: everything loading refuses (errors), plus conditions that can
//! never be true and combinations of hard rules that leave a plausible component with
//! no placement (warnings).

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use super::facts::{self, Type, Value};
use super::{Cond, Finding, Op, Rhs, RuleBase, engine, parse};
use crate::cost::{Pricing, cost_workload};
use crate::input::Diagnostic;
use crate::workload::load_str;

/// All findings for a rule base, errors first, each with file and line.
pub fn lint(sources: Vec<(String, String)>, pricing: &Pricing) -> Vec<Finding> {
    let (base, mut findings) = parse(sources);
    if let Some(b) = base.filter(|_| findings.is_empty()) {
        for r in &b.rules {
            if let Some(why) = never_true(&r.when) {
                findings.push(warning(
                    &b,
                    r,
                    "when",
                    format!("rule `{}` can never fire: {why}", r.id),
                ));
            }
            for p in &r.exclude {
                if r.prefer.contains(p) {
                    findings.push(warning(
                        &b,
                        r,
                        "prefer",
                        format!("rule `{}` both excludes and prefers {p}", r.id),
                    ));
                }
            }
        }
        findings.extend(coverage(&b, pricing));
    }
    findings.sort_by_key(|f| (!f.error, f.diagnostic.file.clone(), f.diagnostic.line));
    findings
}

fn warning(b: &RuleBase, r: &super::Rule, key: &str, message: String) -> Finding {
    let (line, column) = b.position(r, key);
    Finding {
        error: false,
        diagnostic: Diagnostic {
            file: r.file.clone(),
            line,
            column,
            message,
        },
    }
}

/// Why a condition can never be true, if the reason is visible from its comparisons.
pub fn never_true(c: &Cond) -> Option<String> {
    match c {
        Cond::Cmp { .. } => impossible_alone(c),
        Cond::Any(cs) => {
            let reasons: Option<Vec<String>> = cs.iter().map(never_true).collect();
            reasons.map(|r| r.join("; and "))
        }
        Cond::Not(_) => None,
        Cond::All(cs) => {
            if let Some(r) = cs.iter().find_map(never_true) {
                return Some(r);
            }
            contradiction(cs)
        }
    }
}

/// The largest value a numeric trait can take, where it is bounded.
fn upper_bound(name: &str) -> Option<Decimal> {
    matches!(name, "utilisation" | "lambda_request_share").then_some(Decimal::ONE)
}

fn number(r: &Rhs) -> Option<Decimal> {
    match r {
        Rhs::Value(Value::Number(d)) => Some(*d),
        _ => None,
    }
}

fn impossible_alone(c: &Cond) -> Option<String> {
    let Cond::Cmp { trait_, op, rhs } = c else {
        return None;
    };
    let def = facts::lookup(trait_)?;
    if def.ty != Type::Number {
        return None;
    }
    let max = upper_bound(trait_);
    let n = rhs.first().and_then(number);
    match (op, n) {
        (Op::Lt, Some(v)) if v <= Decimal::ZERO => Some(format!("{trait_} is never below 0")),
        (Op::Le, Some(v)) if v < Decimal::ZERO => Some(format!("{trait_} is never below 0")),
        (Op::Gt, Some(v)) if max.is_some_and(|m| v >= m) => {
            Some(format!("{trait_} is at most {}", max.unwrap_or_default()))
        }
        (Op::Ge, Some(v)) if max.is_some_and(|m| v > m) => {
            Some(format!("{trait_} is at most {}", max.unwrap_or_default()))
        }
        (Op::Eq, Some(v)) if v < Decimal::ZERO => Some(format!("{trait_} is never below 0")),
        (Op::Between, _) => match (number(&rhs[0]), number(&rhs[1])) {
            (Some(lo), Some(hi)) if lo > hi => Some(format!(
                "between {lo} and {hi} is empty: the low bound is above the high one"
            )),
            (_, Some(hi)) if hi < Decimal::ZERO => Some(format!("{trait_} is never below 0")),
            _ => None,
        },
        _ => None,
    }
}

/// Bounds on one numeric trait: (value, inclusive).
#[derive(Default, Clone)]
struct Interval {
    low: Option<(Decimal, bool)>,
    high: Option<(Decimal, bool)>,
}

impl Interval {
    fn raise(&mut self, v: Decimal, inclusive: bool) {
        if self
            .low
            .is_none_or(|(l, li)| v > l || (v == l && !inclusive && li))
        {
            self.low = Some((v, inclusive));
        }
    }
    fn lower(&mut self, v: Decimal, inclusive: bool) {
        if self
            .high
            .is_none_or(|(h, hi)| v < h || (v == h && !inclusive && hi))
        {
            self.high = Some((v, inclusive));
        }
    }
    fn empty(&self) -> bool {
        match (self.low, self.high) {
            (Some((l, li)), Some((h, hi))) => l > h || (l == h && !(li && hi)),
            _ => false,
        }
    }
}

/// Comparisons joined by `all` that contradict each other on one trait.
fn contradiction(cs: &[Cond]) -> Option<String> {
    let mut nums: BTreeMap<&str, Interval> = BTreeMap::new();
    let mut words: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for c in cs {
        let Cond::Cmp { trait_, op, rhs } = c else {
            continue;
        };
        if let Some(v) = rhs.first().and_then(number) {
            let iv = nums.entry(trait_).or_default();
            match op {
                Op::Lt => iv.lower(v, false),
                Op::Le => iv.lower(v, true),
                Op::Gt => iv.raise(v, false),
                Op::Ge => iv.raise(v, true),
                Op::Eq => {
                    iv.raise(v, true);
                    iv.lower(v, true);
                }
                Op::Between => {
                    iv.raise(v, true);
                    if let Some(h) = rhs.get(1).and_then(number) {
                        iv.lower(h, true);
                    }
                }
                _ => {}
            }
        }
        let allowed: Option<BTreeSet<String>> = match op {
            Op::Eq | Op::In => Some(
                rhs.iter()
                    .filter_map(|r| match r {
                        Rhs::Value(Value::Word(w)) => Some(w.to_string()),
                        Rhs::Value(Value::Bool(b)) => Some(b.to_string()),
                        _ => None,
                    })
                    .collect(),
            )
            .filter(|s: &BTreeSet<String>| !s.is_empty()),
            _ => None,
        };
        if let Some(allowed) = allowed {
            let entry = words.entry(trait_).or_insert_with(|| allowed.clone());
            *entry = entry.intersection(&allowed).cloned().collect();
            if entry.is_empty() {
                return Some(format!("{trait_} cannot take two different values at once"));
            }
        }
    }
    nums.iter()
        .find(|(_, iv)| iv.empty())
        .map(|(t, _)| format!("the bounds on {t} leave no value"))
}

/// Plausible components (a grid over the traits hard rules test) for which the hard
/// rules leave no placement: one warning per distinct set of excluding rules.
fn coverage(b: &RuleBase, pricing: &Pricing) -> Vec<Finding> {
    let mut seen: BTreeMap<Vec<String>, String> = BTreeMap::new();
    for yaml in plausible_components() {
        let Ok((w, _)) = load_str("plausible", &yaml) else {
            continue;
        };
        let Ok(costs) = cost_workload(&w, pricing) else {
            continue;
        };
        let Ok(d) = engine::decide(&w, &w.components[0], &costs.components[0], b) else {
            continue;
        };
        if d.placement.is_some() {
            continue;
        }
        let mut ids: Vec<String> = d
            .alternatives
            .iter()
            .flat_map(|a| a.excluded_by.clone())
            .collect();
        ids.sort();
        ids.dedup();
        seen.entry(ids).or_insert_with(|| describe_component(&yaml));
    }
    seen.into_iter()
        .map(|(ids, example)| {
            let first = ids.first().and_then(|id| b.rule(id));
            let (file, line, column) = match first {
                Some(r) => {
                    let (l, c) = b.position(r, "id");
                    (r.file.clone(), l, c)
                }
                None => ("rules".to_string(), None, None),
            };
            Finding {
                error: false,
                diagnostic: Diagnostic {
                    file,
                    line,
                    column,
                    message: format!(
                        "hard rules {} together exclude every placement for a plausible component ({example}); the rest cannot be priced for it",
                        ids.join(", ")
                    ),
                },
            }
        })
        .collect()
}

fn describe_component(yaml: &str) -> String {
    yaml.lines()
        .skip_while(|l| !l.contains("kind:"))
        .map(|l| l.trim().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// One-component workloads over the traits that hard limits test.
fn plausible_components() -> Vec<String> {
    let mut out = Vec::new();
    let kinds = [
        "http-api",
        "worker",
        "scheduled",
        "stream",
        "websocket",
        "workflow",
        "batch",
        "ml-training",
        "ml-inference",
        "static-site",
    ];
    for kind in kinds {
        for gpu in ["none", "inference", "training"] {
            let gpu_ok = match gpu {
                "none" => true,
                "training" => matches!(kind, "ml-training" | "batch"),
                _ => matches!(kind, "ml-inference" | "http-api" | "batch"),
            };
            if !gpu_ok {
                continue;
            }
            for max_s in ["1", "3600", "259200"] {
                for dedicated in ["false", "true"] {
                    for conn in ["none", "websocket", "long-lived"] {
                        if conn == "websocket" && !matches!(kind, "websocket" | "http-api") {
                            continue;
                        }
                        for memory in ["512", "16384"] {
                            let schedule = if matches!(kind, "scheduled" | "ml-training") {
                                format!(
                                    "    schedule: {{ runs_per_day: 1, run_seconds: {max_s} }}\n"
                                )
                            } else {
                                String::new()
                            };
                            out.push(format!(
                                "name: plausible\ncomponents:\n  - name: c\n    kind: {kind}\n    gpu: {gpu}\n    traffic: {{ requests_per_month: 100000 }}\n    duration_ms: 500\n    max_duration_s: {max_s}\n    memory_mb: {memory}\n    connections: {conn}\n    compliance: {{ dedicated_hardware: {dedicated} }}\n{schedule}"
                            ));
                        }
                    }
                }
            }
        }
    }
    out
}
