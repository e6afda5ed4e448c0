//! Evaluating a condition against a component's facts, keeping the trait values that
//! made it true (the "because" of a fired rule).

use super::facts::{Facts, TraitRef, Value};
use super::{Cond, Op, Rhs};
use crate::workload::Origin;

/// One comparison that made a condition true: the traits it read and the words.
#[derive(Debug, Clone, PartialEq)]
pub struct Because {
    pub traits: Vec<&'static str>,
    pub text: String,
}

/// Evaluates `c`; when true, returns the comparisons that made it so, in words
/// ("max_duration_s = 3,600 > 900"). A comparison of a trait without a value is false.
pub fn evaluate(c: &Cond, f: &Facts) -> Option<Vec<String>> {
    explain(c, f).map(|v| v.into_iter().map(|b| b.text).collect())
}

/// [`evaluate`], keeping the traits each reason read; a value that is not given says so
/// ("max_duration_s = 960 (default) > 900").
pub fn explain(c: &Cond, f: &Facts) -> Option<Vec<Because>> {
    match c {
        Cond::All(cs) => {
            let mut why = Vec::new();
            for c in cs {
                why.extend(explain(c, f)?);
            }
            Some(why)
        }
        Cond::Any(cs) => cs.iter().find_map(|c| explain(c, f)),
        Cond::Not(inner) => match explain(inner, f) {
            Some(_) => None,
            None => Some(vec![Because {
                traits: Vec::new(),
                text: format!("not ({})", describe(inner)),
            }]),
        },
        Cond::Cmp { trait_, op, rhs } => {
            let lhs = f.at(*trait_)?;
            let vals: Vec<&Value> = rhs
                .iter()
                .map(|r| match r {
                    Rhs::Value(v) => Some(v),
                    Rhs::Trait(t) => f.at(*t),
                })
                .collect::<Option<_>>()?;
            let tag = |t: &str| match f.origin(t) {
                Origin::Given => String::new(),
                o => format!(" ({o})"),
            };
            let mut traits = vec![trait_.name];
            traits.extend(rhs.iter().filter_map(|r| match r {
                Rhs::Trait(t) => Some(t.name),
                Rhs::Value(_) => None,
            }));
            holds(lhs, *op, &vals).then(|| {
                let text = match (op, &rhs[0]) {
                    // "kind = worker" says it all; no need for "kind = worker = worker".
                    (Op::Eq, Rhs::Value(_)) => format!("{trait_} = {lhs}{}", tag(trait_)),
                    _ => format!(
                        "{trait_} = {lhs}{} {}",
                        tag(trait_),
                        rhs_text(*op, rhs, &vals, f)
                    ),
                };
                vec![Because { traits, text }]
            })
        }
    }
}

/// Whether `c` holds, as [`explain`] decides it, without the words: pushes onto `traits`
/// the traits of the comparisons that made it true (those [`explain`]'s reasons read).
/// On false, `traits` is left as it was.
pub fn check(c: &Cond, f: &Facts, traits: &mut Vec<&'static str>) -> bool {
    match c {
        Cond::All(cs) => {
            let before = traits.len();
            let all = cs.iter().all(|c| check(c, f, traits));
            if !all {
                traits.truncate(before);
            }
            all
        }
        Cond::Any(cs) => cs.iter().any(|c| check(c, f, traits)),
        Cond::Not(inner) => {
            let before = traits.len();
            let held = check(inner, f, traits);
            traits.truncate(before);
            !held
        }
        Cond::Cmp { trait_, op, rhs } => {
            let held = compare(f, *trait_, *op, rhs).unwrap_or(false);
            if held {
                traits.push(trait_.name);
                traits.extend(rhs.iter().filter_map(|r| match r {
                    Rhs::Trait(t) => Some(t.name),
                    Rhs::Value(_) => None,
                }));
            }
            held
        }
    }
}

/// A comparison on the facts; `None` when a trait it reads has no value.
fn compare<'a>(f: &'a Facts, trait_: TraitRef, op: Op, rhs: &'a [Rhs]) -> Option<bool> {
    let lhs = f.at(trait_)?;
    let val = |r: &'a Rhs| -> Option<&'a Value> {
        match r {
            Rhs::Value(v) => Some(v),
            Rhs::Trait(t) => f.at(*t),
        }
    };
    // As in `explain`: every value the comparison reads must be known.
    for r in rhs {
        val(r)?;
    }
    if op == Op::In {
        return Some(rhs.iter().any(|r| val(r) == Some(lhs)));
    }
    let first = val(rhs.first()?)?;
    Some(match rhs.get(1) {
        Some(second) => holds(lhs, op, &[first, val(second)?]),
        None => holds(lhs, op, &[first]),
    })
}

fn holds(lhs: &Value, op: Op, vals: &[&Value]) -> bool {
    let same_type = |v: &Value| std::mem::discriminant(lhs) == std::mem::discriminant(v);
    match op {
        Op::Eq => lhs == vals[0],
        Op::Ne => lhs != vals[0],
        Op::In => vals.contains(&lhs),
        Op::Lt => same_type(vals[0]) && lhs < vals[0],
        Op::Le => same_type(vals[0]) && lhs <= vals[0],
        Op::Gt => same_type(vals[0]) && lhs > vals[0],
        Op::Ge => same_type(vals[0]) && lhs >= vals[0],
        Op::Between => same_type(vals[0]) && same_type(vals[1]) && vals[0] <= lhs && lhs <= vals[1],
    }
}

fn rhs_text(op: Op, rhs: &[Rhs], vals: &[&Value], f: &Facts) -> String {
    let one = |r: &Rhs, v: &Value| match r {
        Rhs::Value(_) => v.to_string(),
        Rhs::Trait(t) => match f.origin(t) {
            Origin::Given => format!("{t} ({v})"),
            o => format!("{t} ({v}, {o})"),
        },
    };
    match op {
        Op::In => format!(
            "in [{}]",
            rhs.iter()
                .zip(vals)
                .map(|(r, v)| one(r, v))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Op::Between => format!(
            "between {} and {}",
            one(&rhs[0], vals[0]),
            one(&rhs[1], vals[1])
        ),
        _ => format!("{} {}", op.symbol(), one(&rhs[0], vals[0])),
    }
}

/// A condition in words, for lint messages and "not (...)" explanations.
pub fn describe(c: &Cond) -> String {
    let rhs = |r: &Rhs| match r {
        Rhs::Value(v) => v.to_string(),
        Rhs::Trait(t) => t.to_string(),
    };
    match c {
        Cond::All(cs) => cs.iter().map(describe).collect::<Vec<_>>().join(" and "),
        Cond::Any(cs) => format!(
            "({})",
            cs.iter().map(describe).collect::<Vec<_>>().join(" or ")
        ),
        Cond::Not(c) => format!("not ({})", describe(c)),
        Cond::Cmp { trait_, op, rhs: r } => match op {
            Op::In => format!(
                "{trait_} in [{}]",
                r.iter().map(rhs).collect::<Vec<_>>().join(", ")
            ),
            Op::Between => format!("{trait_} between {} and {}", rhs(&r[0]), rhs(&r[1])),
            _ => format!("{trait_} {} {}", op.symbol(), rhs(&r[0])),
        },
    }
}
