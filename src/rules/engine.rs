//! The decision for one component: hard rules exclude, soft rules and cost score, the
//! best score wins, and every step is kept for the explanation.

use rust_decimal::Decimal;
use rust_decimal::dec;

use super::facts::{self, Facts};
use super::{Cond, Rhs, Risk, Rule, RuleBase, Support, evaluate, explain};
use crate::cost::money::RoundEven;
use crate::cost::{ComponentCost, Detail, Overflow, Priced, Qty, money, usd};
use crate::placement::Placement;
use crate::workload::{Component, Origin, Workload};

/// Points the cheapest candidate gets for cost; others get less in proportion:
/// `COST_WEIGHT × (cheapest + COST_FLOOR) ÷ (this + COST_FLOOR)`.
pub const COST_WEIGHT: Decimal = dec!(4);
/// Added to both sides of the cost ratio: it keeps free options finite, and keeps a
/// difference of a few dollars a month ($1 against $5) from reading as a 5× saving that
/// outweighs the rules.
pub const COST_FLOOR: Decimal = dec!(10);

/// A rule that fired for a component, with the trait values that made it fire.
#[derive(Debug, Clone, PartialEq)]
pub struct Fired {
    pub id: String,
    pub title: String,
    pub effect: String,
    pub because: Vec<String>,
    pub rationale: String,
    pub source: String,
    /// Fired after the choice (a `placed_on` rule).
    pub after_choice: bool,
}

/// A placement as the engine saw it.
#[derive(Debug, Clone, PartialEq)]
pub struct Alternative {
    pub placement: Placement,
    pub monthly: Option<Decimal>,
    /// Rule points: prefer weights minus avoid weights.
    pub rule_points: Decimal,
    /// Cost points; absent when the placement was not a candidate.
    pub cost_points: Option<Decimal>,
    /// Rule points plus cost points; absent when the placement was not a candidate.
    pub score: Option<Decimal>,
    pub excluded_by: Vec<String>,
    pub not_priced: Option<String>,
}

impl Alternative {
    /// Where the placement stands, in words: `score 3.96 (rules +1, cost 2.96)`,
    /// `excluded by a, b`, `not priced: reason`.
    pub fn standing(&self) -> String {
        match (&self.score, self.excluded_by.is_empty(), &self.not_priced) {
            (Some(sc), _, _) => format!(
                "score {} (rules {:+}, cost {})",
                sc.round_even(2).normalize(),
                self.rule_points.normalize(),
                self.cost_points
                    .unwrap_or_default()
                    .round_even(2)
                    .normalize()
            ),
            (None, false, _) => format!("excluded by {}", self.excluded_by.join(", ")),
            (None, true, Some(r)) => format!("not priced: {r}"),
            (None, true, None) => "not a candidate".into(),
        }
    }
}

/// A risk raised by a rule.
#[derive(Debug, Clone, PartialEq)]
pub struct RaisedRisk {
    pub rule: String,
    pub risk: Risk,
}

/// The decision for one component.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub component: String,
    /// `None` when hard rules exclude every placement.
    pub placement: Option<Placement>,
    /// Every placement, best score first; excluded and unpriced ones last.
    pub alternatives: Vec<Alternative>,
    pub fired: Vec<Fired>,
    pub supports: Vec<(Support, String)>,
    pub risks: Vec<RaisedRisk>,
    pub notes: Vec<(String, String)>,
    pub migration_hints: Vec<(String, String)>,
    /// Why the winner beat the runner-up, or why nothing could be chosen.
    pub why: String,
    pub facts: Facts,
}

impl Decision {
    /// A decision with its facts and nothing decided yet.
    fn undecided(component: &str, facts: Facts) -> Decision {
        Decision {
            component: component.to_string(),
            placement: None,
            alternatives: Vec::new(),
            fired: Vec::new(),
            supports: Vec::new(),
            risks: Vec::new(),
            notes: Vec::new(),
            migration_hints: Vec::new(),
            why: String::new(),
            facts,
        }
    }

    pub fn alternative(&self, p: Placement) -> Option<&Alternative> {
        self.alternatives.iter().find(|a| a.placement == p)
    }
    pub fn chosen(&self) -> Option<&Alternative> {
        self.placement.and_then(|p| self.alternative(p))
    }
    /// The best-scored placement after the chosen one.
    pub fn runner_up(&self) -> Option<&Alternative> {
        self.alternatives
            .iter()
            .find(|x| x.score.is_some() && Some(x.placement) != self.placement)
    }
    /// By how many points the chosen placement beat the runner-up.
    pub fn margin(&self) -> Option<rust_decimal::Decimal> {
        Some(self.chosen()?.score? - self.runner_up()?.score?)
    }
}

/// Decides where one component runs; an error when a score cannot be computed exactly.
pub fn decide(
    w: &Workload,
    c: &Component,
    cost: &ComponentCost,
    rules: &RuleBase,
) -> Result<Decision, Overflow> {
    decide_with(w, c, cost, rules, Detail::Words)
}

/// [`decide`] with or without the words. Without them the placement, every alternative
/// (its monthly cost, points, score, the rules that exclude it) and the facts are the
/// same; the fired rules, supports, risks, notes and `why` are left empty.
pub fn decide_with(
    w: &Workload,
    c: &Component,
    cost: &ComponentCost,
    rules: &RuleBase,
    detail: Detail,
) -> Result<Decision, Overflow> {
    if detail == Detail::Numbers {
        return decide_numbers(w, c, cost, rules);
    }
    let f = facts::facts(w, c, cost);
    let mut d = Decision::undecided(&c.name, f);
    // (placement, rule index) excluded; (placement, weight, rule index) of prefer and avoid.
    let mut excluded: Vec<(Placement, usize)> = Vec::new();
    let mut points: Vec<(Placement, Decimal, usize)> = Vec::new();
    // Hard limits that rested on a default: raised as findings if they bear on the choice.
    let mut suppressed: Vec<(Vec<Placement>, RaisedRisk)> = Vec::new();
    let mut traits = Vec::new();
    let offered = offered(cost);
    for (i, r) in rules.rules.iter().enumerate() {
        // A limit of placements the workload's providers do not offer says nothing here.
        if !r.placed_on.is_empty() || offers_none(r, offered) {
            continue;
        }
        // Most rules do not fire: test without words first, write the reasons of those that do.
        traits.clear();
        if !super::check(&r.when, &d.facts, &mut traits) {
            continue;
        }
        let Some(reasons) = explain(&r.when, &d.facts) else {
            continue;
        };
        // A hard limit decides on given or safely derived values only: one that rests on
        // a default keeps the placement and asks for the value instead.
        // The traits the reasons read are the ones `check` gathered (a test holds them equal).
        let assumed: Vec<&'static str> = traits
            .iter()
            .copied()
            .filter(|t| d.facts.origin(t) == Origin::Default)
            .collect();
        let because: Vec<String> = reasons.into_iter().map(|b| b.text).collect();
        if !r.exclude.is_empty() && !assumed.is_empty() {
            suppressed.push((
                r.exclude.clone(),
                assumption(r, &assumed, &because, &d.facts, cost),
            ));
            if r.prefer.is_empty() && r.avoid.is_empty() && r.add.is_empty() {
                let mut f = fired(r, cost, because, false);
                f.effect = format!(
                    "would exclude {} — not applied: it rests on an assumed {}",
                    names(&r.exclude, cost),
                    assumed.join(", ")
                );
                d.fired.push(f);
                continue;
            }
        } else {
            excluded.extend(r.exclude.iter().map(|p| (*p, i)));
        }
        points.extend(r.prefer.iter().map(|p| (*p, r.weight, i)));
        points.extend(r.avoid.iter().map(|p| (*p, -r.weight, i)));
        record(&mut d, r, cost, because, false);
    }

    let mut alts = alternatives(cost, rules, &excluded, &points)?;
    score(&mut alts)?;
    d.placement = best(&alts);
    d.why = why(&alts, &points, rules);
    d.alternatives = alts;

    if let Some(chosen) = d.placement {
        for r in rules.rules.iter().filter(|r| r.placed_on.contains(&chosen)) {
            traits.clear();
            if !super::check(&r.when, &d.facts, &mut traits) {
                continue;
            }
            if let Some(because) = evaluate(&r.when, &d.facts) {
                record(&mut d, r, cost, because, true);
            }
        }
        // A limit that would have excluded the chosen placement on an assumed value: ask.
        for (ps, risk) in suppressed {
            if ps.contains(&chosen) {
                d.risks.push(risk);
            }
        }
        // What the chosen bill includes, and what its pinned capacity cannot carry.
        if let Some(o) = cost.option(chosen) {
            for m in &o.mitigations {
                d.notes.push(("priced-mitigation".into(), m.clone()));
            }
            for w in &o.warnings {
                d.risks.push(RaisedRisk {
                    rule: "capacity".into(),
                    risk: Risk {
                        risk: w.clone(),
                        mitigation: "Remove the pinned value to let archway size it, or raise it to carry the load (see `archway cost --explain`).".into(),
                    },
                });
            }
        }
    }
    Ok(d)
}

/// The figures of [`decide`]: the same rules applied in the same order, no words.
fn decide_numbers(
    w: &Workload,
    c: &Component,
    cost: &ComponentCost,
    rules: &RuleBase,
) -> Result<Decision, Overflow> {
    let facts = facts::facts(w, c, cost);
    let (excluded, points) = weigh(&facts, offered(cost), rules, false);
    let mut alts = alternatives(cost, rules, &excluded, &points)?;
    score(&mut alts)?;
    let mut d = Decision::undecided(&c.name, facts);
    d.placement = best(&alts);
    d.alternatives = alts;
    Ok(d)
}

/// Placements a rule excludes, with the rule's index.
type Excluded = Vec<(Placement, usize)>;
/// Points a rule gives (or takes from) a placement, with the rule's index.
type Points = Vec<(Placement, Decimal, usize)>;

/// The rules [`decide_numbers`] applies, in order: the placements they exclude and the
/// points they give or take. `limits_only` applies only the rules that exclude, and gives
/// no points.
fn weigh(facts: &Facts, offered: u64, rules: &RuleBase, limits_only: bool) -> (Excluded, Points) {
    let mut excluded = Excluded::new();
    let mut points = Points::new();
    let mut traits: Vec<&'static str> = Vec::new();
    for (i, r) in rules.rules.iter().enumerate() {
        if !r.placed_on.is_empty()
            || offers_none(r, offered)
            || (limits_only && r.exclude.is_empty())
        {
            continue;
        }
        traits.clear();
        if !super::check(&r.when, facts, &mut traits) {
            continue;
        }
        let assumed = traits.iter().any(|t| facts.origin(t) == Origin::Default);
        if !r.exclude.is_empty() && assumed {
            if limits_only || (r.prefer.is_empty() && r.avoid.is_empty() && r.add.is_empty()) {
                continue;
            }
        } else {
            excluded.extend(r.exclude.iter().map(|p| (*p, i)));
        }
        if !limits_only {
            points.extend(r.prefer.iter().map(|p| (*p, r.weight, i)));
            points.extend(r.avoid.iter().map(|p| (*p, -r.weight, i)));
        }
    }
    (excluded, points)
}

/// The placements a hard limit excludes for the component, as a set of bits
/// ([`Placement::bit`]): those [`decide_with`] gives an `excluded_by`, found without scoring anything
/// (for a search that asks only which placement is cheapest).
pub fn excluded(w: &Workload, c: &Component, cost: &ComponentCost, rules: &RuleBase) -> u64 {
    limits(&facts::facts(w, c, cost), offered(cost), rules)
}

/// The placements the hard limits exclude on `facts`, as a set of bits.
fn limits(facts: &Facts, offered: u64, rules: &RuleBase) -> u64 {
    weigh(facts, offered, rules, true)
        .0
        .iter()
        .fold(0, |set, (p, _)| set | p.bit())
}

/// Whether a hard limit of `rules` reads a fact that comes from the bills
/// ([`facts::from_costs`]): if none does, what the limits exclude is known before the
/// component is priced ([`excluded_unpriced`]).
pub fn limits_read_costs(rules: &RuleBase) -> bool {
    fn reads(c: &Cond) -> bool {
        match c {
            Cond::All(cs) | Cond::Any(cs) => cs.iter().any(reads),
            Cond::Not(c) => reads(c),
            Cond::Cmp { trait_, rhs, .. } => {
                facts::from_costs(trait_.name)
                    || rhs
                        .iter()
                        .any(|r| matches!(r, Rhs::Trait(t) if facts::from_costs(t.name)))
            }
        }
    }
    rules
        .rules
        .iter()
        .any(|r| !r.exclude.is_empty() && reads(&r.when))
}

/// [`excluded`] before the component is priced, for a rule base whose limits read no
/// fact from the bills ([`limits_read_costs`] is false; then it is the same set): the
/// facts without the bills', the placements offered to the workload's clouds.
pub fn excluded_unpriced(w: &Workload, c: &Component, rules: &RuleBase) -> u64 {
    debug_assert!(!limits_read_costs(rules));
    let unpriced = ComponentCost {
        name: c.name.clone(),
        options: Vec::new(),
    };
    let offered = Placement::offered_to(&w.providers).fold(0, |m, p| m | p.bit());
    limits(&facts::facts(w, c, &unpriced), offered, rules)
}

/// The best-scored candidate of sorted alternatives, if any has a score.
fn best(alts: &[Alternative]) -> Option<Placement> {
    alts.first()
        .filter(|a| a.score.is_some())
        .map(|a| a.placement)
}

/// Every placement as the rules left it: the rules that exclude it (by id, each once), its
/// rule points, and why it is not priced; scored by [`score`] after.
fn alternatives(
    cost: &ComponentCost,
    rules: &RuleBase,
    excluded: &[(Placement, usize)],
    points: &[(Placement, Decimal, usize)],
) -> Result<Vec<Alternative>, Overflow> {
    let mut alts = Vec::with_capacity(cost.options.len());
    for p in &cost.options {
        let placement = p.placement();
        let mut by: Vec<String> = excluded
            .iter()
            .filter(|(q, _)| *q == placement)
            .map(|(_, i)| rules.rules[*i].id.clone())
            .collect();
        by.dedup();
        alts.push(Alternative {
            placement,
            monthly: p.option().map(|o| o.monthly),
            rule_points: money::sum(
                "the rule points",
                points
                    .iter()
                    .filter(|(q, _, _)| *q == placement)
                    .map(|(_, w, _)| *w),
            )?,
            cost_points: None,
            score: None,
            excluded_by: by,
            not_priced: match p {
                Priced::NotPriced { reason, .. } => Some(reason.clone()),
                Priced::Priced(_) => None,
            },
        });
    }
    Ok(alts)
}

/// Whether `r` only weighs placements that none of the component's options is: a limit or
/// a preference of a cloud the workload does not weigh says nothing here.
/// `offered` is [`offered`]'s set of the component's options.
fn offers_none(r: &Rule, offered: u64) -> bool {
    r.add.is_empty() && r.named != 0 && r.named & offered == 0
}

/// The placements the component is offered (priced or not), as a set of bits
/// ([`Placement::bit`]).
fn offered(cost: &ComponentCost) -> u64 {
    cost.options.iter().fold(0, |m, o| m | o.placement().bit())
}

/// Scores the candidates (neither excluded nor unpriced) by rules and cost, and sorts
/// them: best score first; ties go to the cheaper, then to the placement order.
fn score(alts: &mut [Alternative]) -> Result<(), Overflow> {
    let candidate = |a: &Alternative| a.excluded_by.is_empty() && a.monthly.is_some();
    let cheapest = alts
        .iter()
        .filter(|a| candidate(a))
        .filter_map(|a| a.monthly)
        .min();
    if let Some(min) = cheapest {
        for a in alts.iter_mut().filter(|a| candidate(a)) {
            let m = a.monthly.unwrap_or_default();
            let cp = cost_points(min, m)?;
            a.cost_points = Some(cp);
            a.score = Some(money::sum("the score", [a.rule_points, cp])?);
        }
    }
    alts.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(
                a.monthly
                    .unwrap_or(Decimal::MAX)
                    .cmp(&b.monthly.unwrap_or(Decimal::MAX)),
            )
            .then(a.placement.cmp(&b.placement))
    });
    Ok(())
}

/// `COST_WEIGHT × (cheapest + COST_FLOOR) ÷ (monthly + COST_FLOOR)`, to two decimals.
pub fn cost_points(cheapest: Decimal, monthly: Decimal) -> Result<Decimal, Overflow> {
    let what = "the cost points";
    let num = money::prod(
        what,
        &[COST_WEIGHT, money::sum(what, [cheapest, COST_FLOOR])?],
    )?;
    let den = money::sum(what, [monthly, COST_FLOOR])?;
    Ok(money::div(what, num, den)?.round_even(2))
}

/// The placements of `ps` that are candidates for the component, by id.
fn names(ps: &[Placement], cost: &ComponentCost) -> String {
    super::model::ids_among(ps, |p| cost.offers(p))
}

/// The finding a hard limit raises when it would decide on a default: what was assumed,
/// what it would exclude, and the question that settles it.
fn assumption(
    r: &Rule,
    assumed: &[&str],
    because: &[String],
    f: &Facts,
    cost: &ComponentCost,
) -> RaisedRisk {
    let asks: Vec<String> = assumed
        .iter()
        .map(|t| {
            let about = facts::lookup(t).map(|d| d.about).unwrap_or("its value");
            let value = f.get(t).map(|v| v.to_string()).unwrap_or_default();
            format!("{about} (`{t}`, assumed {value})")
        })
        .collect();
    RaisedRisk {
        rule: r.id.clone(),
        risk: Risk {
            risk: format!(
                "Not given: {}. On that assumption \"{}\" would exclude {} ({}); the placement is kept until the value is known.",
                asks.join("; "),
                r.title,
                names(&r.exclude, cost),
                because.join("; ")
            ),
            mitigation: format!(
                "Ask for the {} and write it into the workload; if it holds, {} cannot run this component.",
                assumed.join(" and "),
                names(&r.exclude, cost)
            ),
        },
    }
}

fn fired(r: &Rule, cost: &ComponentCost, because: Vec<String>, after_choice: bool) -> Fired {
    Fired {
        id: r.id.clone(),
        title: r.title.clone(),
        effect: r.effect_summary_among(|p| cost.offers(p)),
        because,
        rationale: r.rationale.clone(),
        source: r.source.clone(),
        after_choice,
    }
}

fn record(
    d: &mut Decision,
    r: &Rule,
    cost: &ComponentCost,
    because: Vec<String>,
    after_choice: bool,
) {
    for s in &r.add {
        if !d.supports.iter().any(|(x, _)| x == s) {
            d.supports.push((*s, r.id.clone()));
        }
    }
    if let Some(risk) = &r.risk {
        d.risks.push(RaisedRisk {
            rule: r.id.clone(),
            risk: risk.clone(),
        });
    }
    if let Some(n) = &r.note {
        d.notes.push((r.id.clone(), n.clone()));
    }
    if let Some(m) = &r.migration {
        d.migration_hints.push((r.id.clone(), m.clone()));
    }
    d.fired.push(fired(r, cost, because, after_choice));
}

/// Why the winner beat the runner-up, in rules and dollars; or why there is no winner.
fn why(alts: &[Alternative], points: &[(Placement, Decimal, usize)], rules: &RuleBase) -> String {
    let candidates: Vec<&Alternative> = alts.iter().filter(|a| a.score.is_some()).collect();
    let Some(win) = candidates.first() else {
        let mut by: Vec<&str> = alts
            .iter()
            .flat_map(|a| a.excluded_by.iter().map(String::as_str))
            .collect();
        by.sort();
        by.dedup();
        let unpriced: Vec<String> = alts
            .iter()
            .filter(|a| a.excluded_by.is_empty())
            .filter_map(|a| {
                a.not_priced
                    .as_ref()
                    .map(|r| format!("{} ({r})", a.placement))
            })
            .collect();
        let mut s = format!(
            "No placement can run this component: hard rules exclude every candidate ({}).",
            by.join(", ")
        );
        if !unpriced.is_empty() {
            s.push_str(&format!(
                " The rest cannot be priced: {}.",
                unpriced.join("; ")
            ));
        }
        s.push_str(" Relax a requirement these rules test, or split the component.");
        return s;
    };
    let reasons = |p: Placement| -> String {
        let mut v: Vec<String> = points
            .iter()
            .filter(|(q, _, _)| *q == p)
            .map(|(_, w, i)| {
                format!(
                    "{} {}{}",
                    rules.rules[*i].id,
                    if *w >= Decimal::ZERO { "+" } else { "−" },
                    Qty(w.abs())
                )
            })
            .collect();
        v.dedup();
        if v.is_empty() {
            "no rule preferences".to_string()
        } else {
            v.join(", ")
        }
    };
    let money = |a: &Alternative| a.monthly.map(usd).unwrap_or_else(|| "not priced".into());
    let s = |d: Option<Decimal>| Qty(d.unwrap_or_default());
    let Some(run) = candidates.get(1) else {
        let others = alts.iter().filter(|a| !a.excluded_by.is_empty()).count();
        return format!(
            "{} is the only candidate ({}; {} excluded by hard rules, the rest not priced for this component).",
            win.placement,
            money(win),
            others
        );
    };
    let by_cost = win.cost_points > run.cost_points;
    let by_rules = win.rule_points > run.rule_points;
    let verdict = match (by_rules, by_cost) {
        (true, true) => "on both rules and cost",
        (true, false) => "on rules, despite cost",
        (false, true) => "on cost",
        (false, false) => "on the tie-break (cheaper, then placement order)",
    };
    let cheapest = candidates
        .iter()
        .filter_map(|a| a.monthly.map(|m| (m, a.placement)))
        .min();
    let premium = match (win.monthly, cheapest) {
        (Some(w), Some((m, p))) if w > m => format!(
            " It costs {} a month more than the cheapest that can run it ({p}, {}); the rules above are what outweigh that.",
            usd(w - m),
            usd(m)
        ),
        _ => String::new(),
    };
    format!(
        "{} beats {} {verdict}: score {} vs {}. Rules: {} vs {} ({} vs {}). Cost: {} vs {} ({} vs {} cost points).{premium}",
        win.placement,
        run.placement,
        s(win.score),
        s(run.score),
        s(Some(win.rule_points)),
        s(Some(run.rule_points)),
        reasons(win.placement),
        reasons(run.placement),
        money(win),
        money(run),
        s(win.cost_points),
        s(run.cost_points),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cost_points_at_the_edges_of_the_range_are_errors_not_panics() {
        assert_eq!(cost_points(Decimal::ZERO, Decimal::ZERO), Ok(COST_WEIGHT));
        assert_eq!(cost_points(dec!(10), dec!(30)), Ok(dec!(2)));
        // An option of 2e28 once overflowed `cheapest + $10` times 4.
        assert!(cost_points(dec!(20_000_000_000_000_000_000_000_000_000), Decimal::MAX).is_err());
        assert!(cost_points(Decimal::MAX, Decimal::MAX).is_err());
    }
}
