//! The rule base: declarative rules in `rules/*.yaml`, loaded, checked and evaluated.

pub mod engine;
mod eval;
pub mod facts;
pub mod lint;
mod model;
pub mod testcases;

pub use eval::{Because, check, evaluate, explain};
pub use model::*;

use std::path::Path;

use rust_decimal::Decimal;

use crate::input::{Diagnostic, Findings, InputError, YamlPath, read_text, shown, suggest};
use facts::{Type, Value};

/// The largest weight a rule may have: a rule worth more than a thousand times what cost
/// can add is a mistake, and bounded weights keep every score exact.
pub const MAX_WEIGHT: Decimal = rust_decimal::dec!(1000);

/// The most rules a rule base may hold, across its files: every component is tested
/// against every rule, so this bounds the work an analysis takes (the embedded base has
/// fewer than a hundred).
pub const MAX_RULES: usize = 1000;

/// The rule files embedded in the binary, in the order they are read.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("rules/limits.yaml", include_str!("../../rules/limits.yaml")),
    (
        "rules/workloads.yaml",
        include_str!("../../rules/workloads.yaml"),
    ),
    (
        "rules/latency.yaml",
        include_str!("../../rules/latency.yaml"),
    ),
    ("rules/state.yaml", include_str!("../../rules/state.yaml")),
    ("rules/cost.yaml", include_str!("../../rules/cost.yaml")),
    (
        "rules/operations.yaml",
        include_str!("../../rules/operations.yaml"),
    ),
];

/// A loaded rule base.
#[derive(Debug, Clone)]
pub struct RuleBase {
    pub rules: Vec<Rule>,
    /// Each file's name and text, for positions in lint findings.
    pub sources: Vec<(String, String)>,
}

/// A finding about a rule base: an error makes it unusable; a warning does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub error: bool,
    pub diagnostic: Diagnostic,
}

impl RuleBase {
    pub fn embedded() -> RuleBase {
        // Parsed once per process (a copy costs a fraction of a parse); the embedded rule
        // base is checked by the test suite, so failing here is a build defect.
        static ONCE: std::sync::OnceLock<RuleBase> = std::sync::OnceLock::new();
        ONCE.get_or_init(|| {
            RuleBase::from_sources(
                EMBEDDED
                    .iter()
                    .map(|(n, s)| (n.to_string(), s.to_string()))
                    .collect(),
            )
            .expect("the embedded rule base is valid")
        })
        .clone()
    }

    /// Loads every `*.yaml` in `dir` except `pricing.yaml`, in name order.
    pub fn load_dir(dir: &Path) -> Result<RuleBase, InputError> {
        RuleBase::from_sources(read_dir(dir)?)
    }

    /// Parses and checks rule files; errors (not warnings) make it fail.
    pub fn from_sources(sources: Vec<(String, String)>) -> Result<RuleBase, InputError> {
        let (base, findings) = parse(sources);
        let errors: Vec<Diagnostic> = findings
            .into_iter()
            .filter(|f| f.error)
            .map(|f| f.diagnostic)
            .collect();
        match base {
            Some(b) if errors.is_empty() => Ok(b),
            _ => Err(InputError(errors)),
        }
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// The position of a rule (its `id`) in its file.
    pub fn position(&self, r: &Rule, key: &str) -> (Option<usize>, Option<usize>) {
        let src = self
            .sources
            .iter()
            .find(|(n, _)| *n == r.file)
            .map(|(_, s)| s.as_str())
            .unwrap_or("");
        let pos = crate::input::locate(
            src,
            &YamlPath::default()
                .key("rules")
                .index(r.index)
                .key(key.to_string()),
        );
        (pos.map(|p| p.0), pos.map(|p| p.1))
    }
}

/// The rule files of a directory, sorted by name.
pub fn read_dir(dir: &Path) -> Result<Vec<(String, String)>, InputError> {
    let name = dir.display().to_string();
    let entries = std::fs::read_dir(dir)
        .map_err(|e| InputError::file(&name, format!("cannot read the rules directory: {e}")))?;
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .filter(|p| p.file_name().is_some_and(|n| n != "pricing.yaml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(InputError::file(
            &name,
            "no rule files (*.yaml) in this directory",
        ));
    }
    paths
        .iter()
        .map(|p| {
            let shown = p.strip_prefix(".").unwrap_or(p);
            Ok((shown.display().to_string(), read_text(p)?))
        })
        .collect()
}

/// Parses every file, collecting all findings; the base is `None` if a file did not parse.
pub fn parse(sources: Vec<(String, String)>) -> (Option<RuleBase>, Vec<Finding>) {
    let mut findings = Vec::new();
    let mut rules = Vec::new();
    let mut parsed_all = true;
    let mut ids: std::collections::HashMap<String, String> = Default::default();
    let mut count = 0;
    for (file, src) in &sources {
        let rf: RuleFile = match crate::input::parse_rules_yaml(file, src) {
            Ok(rf) => rf,
            Err(e) => {
                parsed_all = false;
                findings.extend(e.0.into_iter().map(|d| Finding {
                    error: true,
                    diagnostic: d,
                }));
                continue;
            }
        };
        let mut f = Findings::default();
        for (i, raw) in rf.rules.iter().enumerate() {
            let p = YamlPath::default().key("rules").index(i);
            if count == MAX_RULES {
                f.push(
                    &p,
                    format!("a rule base holds at most {MAX_RULES} rules (each component is tested against every one); this is rule {}", MAX_RULES + 1),
                );
                break;
            }
            count += 1;
            if let Some(other) = ids.get(&raw.id) {
                f.push(
                    &p.key("id"),
                    format!("duplicate rule id `{}` (also in {other})", shown(&raw.id)),
                );
            } else {
                ids.insert(raw.id.clone(), file.clone());
            }
            if let Some(rule) = check_rule(raw, &p, &mut f, file, i) {
                rules.push(rule);
            }
        }
        if let Err(e) = f.into_result(file, src) {
            findings.extend(e.0.into_iter().map(|d| Finding {
                error: true,
                diagnostic: d,
            }));
        }
    }
    let base = parsed_all.then_some(RuleBase { rules, sources });
    (base, findings)
}

fn check_rule(
    raw: &RawRule,
    p: &YamlPath,
    f: &mut Findings,
    file: &str,
    index: usize,
) -> Option<Rule> {
    let before = f.0.len();
    let valid_id = !raw.id.is_empty()
        && raw
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !raw.id.starts_with('-');
    if !valid_id {
        f.push(
            &p.key("id"),
            format!(
                "`{}` is not a rule id: use lowercase words joined by hyphens",
                shown(&raw.id)
            ),
        );
    }
    for (key, text) in [("title", &raw.title), ("rationale", &raw.rationale)] {
        if text.trim().is_empty() {
            f.push(&p.key(key), format!("every rule needs a {key}"));
        }
    }
    if raw.source.trim().is_empty() {
        f.push(&p.key("id"), "the rule has no source: cite a seed file and section, or a provider's documented limit");
    }
    let weight = raw.weight.map(|w| w.0).unwrap_or(Decimal::ONE);
    if weight <= Decimal::ZERO {
        f.push(&p.key("weight"), "weight must be more than 0");
    } else if weight > MAX_WEIGHT {
        f.push(
            &p.key("weight"),
            format!(
                "weight {weight} is out of range: expected at most {MAX_WEIGHT} (cost adds up to {} points)",
                engine::COST_WEIGHT
            ),
        );
    }
    let decides = !(raw.exclude.is_empty() && raw.prefer.is_empty() && raw.avoid.is_empty());
    if !raw.placed_on.is_empty() && decides {
        f.push(
            &p.key("placed_on"),
            "a rule evaluated after the choice (placed_on) cannot exclude, prefer or avoid",
        );
    }
    let has_effect = decides
        || !raw.add.is_empty()
        || raw.risk.is_some()
        || raw.note.is_some()
        || raw.migration.is_some();
    if !has_effect {
        f.push(
            &p.key("id"),
            "the rule has no effect: give exclude, prefer, avoid, add, risk, note or migration",
        );
    }
    if raw.weight.is_some() && raw.prefer.is_empty() && raw.avoid.is_empty() {
        f.push(
            &p.key("weight"),
            "weight applies to prefer and avoid, and this rule has neither",
        );
    }
    let when = check_cond(&raw.when, &p.key("when"), f);
    if f.0.len() > before {
        return None;
    }
    Some(Rule {
        id: raw.id.clone(),
        title: raw.title.clone(),
        concern: raw.concern.unwrap_or(if raw.exclude.is_empty() {
            Concern::Cost
        } else {
            Concern::Limit
        }),
        when: when?,
        placed_on: raw.placed_on.clone(),
        exclude: raw.exclude.clone(),
        prefer: raw.prefer.clone(),
        avoid: raw.avoid.clone(),
        named: crate::placement::Placement::set_of(
            raw.exclude.iter().chain(&raw.prefer).chain(&raw.avoid),
        ),
        weight,
        add: raw.add.clone(),
        risk: raw.risk.as_ref().map(|r| Risk {
            risk: r.risk.clone(),
            mitigation: r.mitigation.clone(),
        }),
        note: raw.note.clone(),
        migration: raw.migration.clone(),
        rationale: raw.rationale.clone(),
        source: raw.source.clone(),
        file: file.to_string(),
        index,
    })
}

/// Checks a condition's shape, its trait names and the types of what it compares.
fn check_cond(c: &RawCond, p: &YamlPath, f: &mut Findings) -> Option<Cond> {
    let ops: Vec<(Op, &'static str, Vec<&Operand>)> = [
        (Op::Eq, "eq", c.eq.iter().collect::<Vec<_>>()),
        (Op::Ne, "ne", c.ne.iter().collect()),
        (Op::Lt, "lt", c.lt.iter().collect()),
        (Op::Le, "le", c.le.iter().collect()),
        (Op::Gt, "gt", c.gt.iter().collect()),
        (Op::Ge, "ge", c.ge.iter().collect()),
    ]
    .into_iter()
    .filter(|(_, _, v)| !v.is_empty())
    .chain(c.in_.as_ref().map(|v| (Op::In, "in", v.iter().collect())))
    .chain(
        c.between
            .as_ref()
            .map(|v| (Op::Between, "between", v.iter().collect())),
    )
    .collect();
    let forms = [
        c.all.is_some(),
        c.any.is_some(),
        c.not.is_some(),
        c.trait_.is_some(),
    ]
    .iter()
    .filter(|x| **x)
    .count();
    if forms != 1 {
        f.push(p, "a condition is exactly one of: all: [...], any: [...], not: {...}, or { trait: NAME, <op>: VALUE }");
        return None;
    }
    if let Some(list) = c.all.as_ref().or(c.any.as_ref()) {
        let key = if c.all.is_some() { "all" } else { "any" };
        if !ops.is_empty() {
            f.push(p, format!("`{key}` cannot be combined with a comparison"));
        }
        if list.is_empty() {
            f.push(&p.key(key), format!("`{key}` needs at least one condition"));
        }
        let parts: Vec<Option<Cond>> = list
            .iter()
            .enumerate()
            .map(|(i, x)| check_cond(x, &p.key(key).index(i), f))
            .collect();
        let parts: Option<Vec<Cond>> = parts.into_iter().collect();
        return parts.map(|v| {
            if c.all.is_some() {
                Cond::All(v)
            } else {
                Cond::Any(v)
            }
        });
    }
    if let Some(inner) = &c.not {
        if !ops.is_empty() {
            f.push(p, "`not` cannot be combined with a comparison");
        }
        return check_cond(inner, &p.key("not"), f).map(|x| Cond::Not(Box::new(x)));
    }
    let name = c.trait_.as_deref().unwrap_or_default();
    let Some(def) = facts::lookup(name) else {
        let hint = suggest(name, facts::registry().iter().map(|t| t.name))
            .map(|s| format!(", did you mean `{s}`?"))
            .unwrap_or_default();
        f.push(
            &p.key("trait"),
            format!("unknown trait `{name}`{hint} (`archway rules list --traits` lists them)"),
        );
        return None;
    };
    let [(op, key, operands)] = &ops[..] else {
        f.push(
            p,
            format!(
                "a comparison of `{name}` needs exactly one of eq, ne, lt, le, gt, ge, in, between"
            ),
        );
        return None;
    };
    let vp = p.key(*key);
    match op {
        Op::In if operands.is_empty() => f.push(&vp, "`in` needs at least one value"),
        Op::Between if operands.len() != 2 => {
            f.push(&vp, "`between` needs exactly two values: [low, high]")
        }
        Op::Lt | Op::Le | Op::Gt | Op::Ge | Op::Between if def.ty != Type::Number => f.push(
            &vp,
            format!(
                "`{key}` compares numbers, but `{name}` is {}",
                def.ty.describe()
            ),
        ),
        _ => {}
    }
    let mut rhs = Vec::new();
    for (i, o) in operands.iter().enumerate() {
        let ip = if matches!(op, Op::In | Op::Between) {
            vp.index(i)
        } else {
            vp.clone()
        };
        match o {
            Operand::Trait { trait_ } => match facts::lookup(trait_) {
                Some(other) if types_match(def.ty, other.ty) => {
                    rhs.push(Rhs::Trait(resolved(other)))
                }
                Some(other) => f.push(
                    &ip,
                    format!(
                        "`{name}` is {} but `{trait_}` is {}",
                        def.ty.describe(),
                        other.ty.describe()
                    ),
                ),
                None => f.push(&ip, format!("unknown trait `{trait_}`")),
            },
            Operand::Value(ValueRepr(v)) => {
                if let Some(msg) = type_error(name, def.ty, v) {
                    f.push(&ip, msg);
                }
                rhs.push(Rhs::Value(v.clone()));
            }
        }
    }
    Some(Cond::Cmp {
        trait_: resolved(def),
        op: *op,
        rhs,
    })
}

/// A registered trait as a rule holds it.
fn resolved(def: &'static facts::TraitDef) -> facts::TraitRef {
    facts::TraitRef::resolve(def.name).expect("a registered trait resolves")
}

fn types_match(a: Type, b: Type) -> bool {
    matches!(
        (a, b),
        (Type::Number, Type::Number) | (Type::Bool, Type::Bool) | (Type::Word(_), Type::Word(_))
    )
}

/// Why a literal cannot be compared with a trait, if it cannot.
fn type_error(name: &str, ty: Type, v: &Value) -> Option<String> {
    match (ty, v) {
        (Type::Number, Value::Number(_)) | (Type::Bool, Value::Bool(_)) => None,
        (Type::Word(ws), Value::Word(w)) if ws.contains(&w.as_ref()) => None,
        (Type::Word(ws), Value::Word(w)) => {
            let hint = suggest(w, ws.iter().copied())
                .map(|s| format!(", did you mean `{s}`?"))
                .unwrap_or_default();
            Some(format!(
                "`{w}` is not a value of `{name}`{hint} (expected one of: {})",
                ws.join(", ")
            ))
        }
        (ty, v) => Some(format!(
            "type mismatch: `{name}` is {}, compared with `{v}`",
            ty.describe()
        )),
    }
}

#[cfg(test)]
mod tests;
