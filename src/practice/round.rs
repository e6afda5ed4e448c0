//! A practice round: the question (the scenario with archway's answer key, computed by
//! the same advisor and sweep as every other answer) and the grade of a candidate's
//! answers against it, with the evidence for every point.

use crate::workload::key;
use std::collections::BTreeMap;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

use super::scenario::Scenario;
use super::{Dimension, EstimateKey, Factor, Mitigation};
use crate::advisor::{Advice, advise};
use crate::cost::vary::{self, Range, Vary};
use crate::cost::{Pricing, qty, usd};
use crate::placement::Placement;
use crate::rules::Rule;
use crate::rules::engine::Decision;
use crate::rules::{RuleBase, Support};
use crate::workload::{Gpu, Workload};

/// Points for a placement: right, acceptable.
const RIGHT: u32 = 3;
const ACCEPTABLE: u32 = 2;
/// An estimate within 2× earns full points, within 10× partial.
const ESTIMATE_FULL: u32 = 2;
/// Most points for the factors, and for the mitigations, of one component.
const NAMED_MAX: usize = 2;
/// A placement is acceptable within this many points of the winner's score…
const ACCEPT_POINTS: Decimal = Decimal::ONE;
/// …or costing at most this much more than the winner (a ratio).
const ACCEPT_COST: Decimal = Decimal::from_parts(125, 0, 0, false, 2);

/// The number an estimate is checked against, and how it is derived.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Exact {
    pub key: EstimateKey,
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "crate::cost::ExactJson")]
    pub exact: Decimal,
    pub how: String,
}

/// What archway expects of a component: its placement, what decided it, what it needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Expected {
    pub component: String,
    pub placement: Option<Placement>,
    /// Each deciding factor with the rule (or figure) behind it.
    pub factors: Vec<(Factor, String)>,
    pub mitigations: Vec<(Mitigation, String)>,
    /// The fired rules' reasons, most decisive first: what a hint reveals.
    pub hints: Vec<String>,
}

/// The twist with archway's answer after it.
#[derive(Debug, Clone)]
pub struct TwistKey {
    pub says: String,
    pub workload: Workload,
    pub advice: Advice,
    /// The components to re-place: the one the twist changes, and any whose
    /// recommendation moved.
    pub affected: Vec<usize>,
    pub expected: Vec<Expected>,
}

/// A scenario ready to be played: what is asked, and the key it is graded by.
#[derive(Debug, Clone)]
pub struct Question {
    pub scenario: Scenario,
    pub advice: Advice,
    pub estimates: Vec<Exact>,
    pub expected: Vec<Expected>,
    pub twist: Option<TwistKey>,
}

impl Question {
    pub fn components(&self) -> Vec<String> {
        self.scenario
            .workload
            .components
            .iter()
            .map(|c| c.name.clone())
            .collect()
    }

    /// Hint `n` (from 0) for a component: one fired rule's reason.
    pub fn hint(&self, component: &str, n: usize) -> Option<&str> {
        self.expected
            .iter()
            .find(|e| e.component == component)?
            .hints
            .get(n)
            .map(String::as_str)
    }
}

/// The candidate's answers; anything left out earns no points.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Answers {
    pub placements: BTreeMap<String, Placement>,
    pub estimates: BTreeMap<EstimateKey, Decimal>,
    pub factors: BTreeMap<String, Vec<Factor>>,
    pub mitigations: BTreeMap<String, Vec<Mitigation>>,
    /// Hints taken, by component (each costs a point of that component's placement).
    pub hints: BTreeMap<String, usize>,
    /// Placements after the twist.
    pub twist: BTreeMap<String, Placement>,
}

/// Prepares a round: archway's answer to the scenario, before and after the twist.
pub fn ask(s: &Scenario, rules: &RuleBase, pricing: &Pricing) -> Result<Question, String> {
    let w = &s.workload;
    let advice = advise(w, rules, pricing).map_err(|e| e.to_string())?;
    let expected = expectations(&advice, rules);
    let estimates = exact_estimates(w, s.focus, &advice, pricing);
    let twist = match &s.twist {
        None => None,
        Some(t) => {
            let tw = t.change.apply(w, t.component)?;
            let ta = advise(&tw, rules, pricing).map_err(|e| e.to_string())?;
            let mut affected = vec![t.component];
            for (i, (a, b)) in advice.decisions.iter().zip(&ta.decisions).enumerate() {
                if a.placement != b.placement && !affected.contains(&i) {
                    affected.push(i);
                }
            }
            affected.sort();
            Some(TwistKey {
                says: t.says.clone(),
                expected: expectations(&ta, rules),
                workload: tw,
                advice: ta,
                affected,
            })
        }
    };
    Ok(Question {
        scenario: s.clone(),
        advice,
        estimates,
        expected,
        twist,
    })
}

fn expectations(a: &Advice, rules: &RuleBase) -> Vec<Expected> {
    a.decisions
        .iter()
        .zip(&a.costs.components)
        .map(|(d, cc)| Expected {
            component: d.component.clone(),
            placement: d.placement,
            factors: factors(d, rules),
            mitigations: mitigations(d, d.placement.and_then(|p| cc.option(p))),
            hints: hints(d, rules),
        })
        .collect()
}

/// What decided a component: the rules that told the winner from the runner-up, the
/// limits that ruled out something cheaper, and the bill when it weighed.
fn factors(d: &Decision, rules: &RuleBase) -> Vec<(Factor, String)> {
    let (Some(chosen), runner) = (d.chosen(), d.runner_up()) else {
        return Vec::new();
    };
    // Each candidate factor with how much it weighed: a limit that ruled out something
    // cheaper weighs most, then the points a rule put between winner and runner-up.
    let mut weighed: Vec<(Decimal, Factor, String)> = Vec::new();
    let cheaper_excluded = |r: &Rule| {
        r.exclude.iter().any(|p| {
            d.alternative(*p)
                .and_then(|x| x.monthly)
                .zip(chosen.monthly)
                .is_some_and(|(x, c)| x < c)
        })
    };
    for f in d.fired.iter().filter(|f| !f.after_choice) {
        let Some(r) = rules.rule(&f.id) else { continue };
        let side = |p: Placement| {
            let mut w = Decimal::ZERO;
            if r.prefer.contains(&p) {
                w += r.weight;
            }
            if r.avoid.contains(&p) {
                w -= r.weight;
            }
            w
        };
        let apart = runner.map_or(Decimal::ZERO, |x| {
            (side(chosen.placement) - side(x.placement)).abs()
        });
        if cheaper_excluded(r) {
            weighed.push((Decimal::ONE_HUNDRED, r.concern, r.title.clone()));
        } else if !apart.is_zero() {
            weighed.push((apart, r.concern, r.title.clone()));
        }
    }
    if let (Some(cp), Some(rp)) = (chosen.cost_points, runner.and_then(|x| x.cost_points))
        && cp - rp >= Decimal::ONE
    {
        weighed.push((
            cp - rp,
            Factor::Cost,
            format!(
                "{} costs {} a month against {}'s {}",
                chosen.placement,
                chosen.monthly.map(usd).unwrap_or_default(),
                runner.map(|x| x.placement.as_str()).unwrap_or(""),
                runner.and_then(|x| x.monthly).map(usd).unwrap_or_default()
            ),
        ));
    }
    weighed.sort_by_key(|w| std::cmp::Reverse(w.0));
    let mut out: Vec<(Factor, String)> = Vec::new();
    for (_, f, why) in weighed {
        if !out.iter().any(|(g, _)| *g == f) {
            out.push((f, why));
        }
    }
    if out.is_empty() {
        out.push((Factor::Cost, "the bill decided".into()));
    }
    out
}

/// What a placement needs to work well: what its bill includes, the pieces the rules
/// add, the mitigations of the risks it raises, the notes left after the choice.
fn mitigations(
    d: &Decision,
    option: Option<&crate::cost::CostOption>,
) -> Vec<(Mitigation, String)> {
    let mut out: Vec<(Mitigation, String)> = Vec::new();
    let mut add = |m: Mitigation, why: &str| {
        if !out.iter().any(|(n, _)| *n == m) {
            out.push((m, why.to_string()));
        }
    };
    let by_words = |text: &str| -> Option<Mitigation> {
        let t = text.to_lowercase();
        Some(if t.contains("snapstart") {
            Mitigation::SnapStart
        } else if t.contains("provisioned") {
            Mitigation::ProvisionedConcurrency
        } else if t.contains("kept warm") || t.contains("warm pool") || t.contains("minimum tasks")
        {
            Mitigation::WarmPool
        } else if t.contains("rds proxy") || t.contains("connection pool") {
            Mitigation::ConnectionPooling
        } else if t.contains("idempoten") {
            Mitigation::Idempotency
        } else if t.contains("dead-letter") {
            Mitigation::DeadLetterQueue
        } else if t.contains("savings plan") || t.contains("reserved") {
            Mitigation::Reservation
        } else if t.contains("batch several")
            || t.contains("batch ") && t.contains("per invocation")
        {
            Mitigation::Batching
        } else {
            return None;
        })
    };
    if let Some(o) = option {
        for m in &o.mitigations {
            if let Some(x) = by_words(m) {
                add(x, m);
            }
        }
    }
    for (s, rule) in &d.supports {
        let m = match s {
            Support::Queue => Mitigation::Queue,
            Support::DeadLetterQueue => Mitigation::DeadLetterQueue,
            Support::RdsProxy => Mitigation::ConnectionPooling,
            Support::StepFunctions | Support::Temporal => Mitigation::Orchestrator,
            Support::Cdn | Support::EdgeCache => Mitigation::EdgeCache,
            Support::Redis
                if d.facts
                    .get("connections")
                    .is_some_and(|v| v.to_string() == "websocket") =>
            {
                Mitigation::PubSub
            }
            _ => continue,
        };
        add(m, rule);
    }
    for r in &d.risks {
        if let Some(x) = by_words(&r.risk.mitigation) {
            add(x, &r.risk.mitigation);
        }
    }
    for (rule, note) in &d.notes {
        if let Some(x) = by_words(note) {
            add(x, rule);
        }
    }
    out
}

/// The fired rules' reasons, the decisive ones (limits, then the largest weights) first.
fn hints(d: &Decision, rules: &RuleBase) -> Vec<String> {
    let mut fired: Vec<&Rule> = d
        .fired
        .iter()
        .filter(|f| !f.after_choice)
        .filter_map(|f| rules.rule(&f.id))
        .collect();
    fired.sort_by_key(|r| (r.exclude.is_empty(), std::cmp::Reverse(r.weight)));
    fired
        .iter()
        .map(|r| format!("{}: {}", r.title, r.rationale.trim()))
        .collect()
}

/// The serverless and container options an interviewer means for this component.
fn obvious(c: &crate::workload::Component) -> (Placement, Placement) {
    if c.gpu != Gpu::None {
        (Placement::ServerlessGpu, Placement::GpuInstance)
    } else {
        (Placement::Lambda, Placement::Fargate)
    }
}

fn exact_estimates(w: &Workload, focus: usize, a: &Advice, pricing: &Pricing) -> Vec<Exact> {
    let mut out = Vec::new();
    let Some(c) = w.components.get(focus) else {
        return out;
    };
    let hours = w.assumptions.hours_per_month;
    if c.schedule.is_none() {
        let avg = c.requests_per_month / (hours * Decimal::from(3600));
        let how = if c.is_default_at(key!("peak_rps")) {
            format!(
                "{} a month ÷ ({} h × 3,600 s) = {}/s on average, × {} for {} traffic",
                qty(c.requests_per_month.round_dp(0)),
                qty(hours),
                qty(avg.round_dp(4)),
                qty(c.shape.peak_factor()),
                c.shape
            )
        } else {
            "stated in the scenario".to_string()
        };
        out.push(Exact {
            key: EstimateKey::PeakRps,
            exact: c.peak_rps,
            how,
        });
        let seconds = c.duration_ms / Decimal::from(1000);
        out.push(Exact {
            key: EstimateKey::PeakConcurrency,
            exact: (c.peak_rps * seconds).round_dp(4),
            how: format!(
                "{}/s × {} s per request (Little's law)",
                qty(c.peak_rps),
                qty(seconds)
            ),
        });
    }
    let (serverless, container) = obvious(c);
    let cc = &a.costs.components[focus];
    let bill = |p: Placement| {
        cc.option(p).map(|o| {
            let parts: Vec<String> = o
                .lines
                .iter()
                .filter(|l| !l.amount.is_zero())
                .map(|l| format!("{} {}", l.item, usd(l.amount)))
                .collect();
            (o.monthly, format!("{p}: {}", parts.join(" + ")))
        })
    };
    for (key, p) in [
        (EstimateKey::ServerlessMonthly, serverless),
        (EstimateKey::ContainerMonthly, container),
    ] {
        if let Some((m, how)) = bill(p) {
            out.push(Exact { key, exact: m, how });
        }
    }
    if c.schedule.is_none() && c.requests_per_month > Decimal::ZERO {
        let today = c.requests_per_month;
        let range = Range {
            vary: Vary::RequestsPerMonth,
            from: (today / Decimal::from(1000)).max(Decimal::ONE).round(),
            to: (today * Decimal::from(1000)).round(),
            steps: 25,
        };
        if let Ok(Some(v)) = vary::crossing(w, focus, range, (serverless, container), pricing) {
            out.push(Exact {
                key: EstimateKey::BreakEven,
                exact: v,
                how: format!(
                    "{serverless} and {container} cost the same at {} requests a month (today {})",
                    qty(v),
                    qty(today)
                ),
            });
        }
    }
    out
}

/// Points for an estimate: within 2× full, within 10× one point, else none.
pub fn estimate_points(given: Decimal, exact: Decimal) -> u32 {
    if given < Decimal::ZERO {
        return 0;
    }
    let (g, e) = (given.to_f64().unwrap_or(0.0), exact.to_f64().unwrap_or(0.0));
    let ratio = if e <= 0.0 {
        g.max(1.0)
    } else if g <= 0.0 {
        f64::INFINITY
    } else {
        (g / e).max(e / g)
    };
    if ratio <= 2.0 {
        ESTIMATE_FULL
    } else if ratio <= 10.0 {
        1
    } else {
        0
    }
}

// ---- the grade ----

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Right,
    Acceptable,
    Wrong,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Right => "right",
            Verdict::Acceptable => "acceptable",
            Verdict::Wrong => "wrong",
        }
    }
}

impl ComponentGrade {
    /// `api: you lambda, archway lambda — right (3/6)`
    pub fn headline(&self) -> String {
        format!(
            "{}: you {}, archway {} — {} ({}/{})",
            self.name,
            self.answer.map(|p| p.as_str()).unwrap_or("did not answer"),
            self.expected.map(|p| p.as_str()).unwrap_or("none"),
            self.verdict.as_str(),
            self.points,
            self.max_points
        )
    }
}

impl EstimateGrade {
    /// `peak requests a second: you 30, exact 33.3 — 2/2`
    pub fn headline(&self) -> String {
        format!(
            "{}: you {}, exact {} — {}/{}",
            self.label,
            self.given.map(qty).unwrap_or_else(|| "—".into()),
            qty(self.exact.round_dp(2)),
            self.points,
            self.max_points
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Named<T> {
    pub given: Vec<T>,
    /// What archway expected, each with its evidence.
    pub expected: Vec<(T, String)>,
    pub points: u32,
    pub max_points: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ComponentGrade {
    pub name: String,
    pub answer: Option<Placement>,
    pub expected: Option<Placement>,
    pub verdict: Verdict,
    pub points: u32,
    pub max_points: u32,
    pub why: String,
    /// The hard rules that exclude the answer, when they do.
    pub breaks: Vec<String>,
    pub hints_taken: usize,
    pub factors: Named<Factor>,
    pub mitigations: Named<Mitigation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct EstimateGrade {
    pub key: EstimateKey,
    pub label: &'static str,
    #[serde(with = "rust_decimal::serde::str_option")]
    #[schemars(with = "Option<crate::cost::ExactJson>")]
    pub given: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "crate::cost::ExactJson")]
    pub exact: Decimal,
    pub points: u32,
    pub max_points: u32,
    pub how: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TwistGrade {
    pub says: String,
    pub components: Vec<ComponentGrade>,
    /// The recommended system's monthly cost after the twist.
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "crate::cost::ExactJson")]
    pub monthly_usd: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RubricLine {
    pub dimension: Dimension,
    pub score: u32,
    pub evidence: String,
}

/// A graded round (the JSON `archway quiz --format json` prints).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Graded {
    pub scenario: String,
    pub title: String,
    pub topics: Vec<super::Topic>,
    pub prompt: String,
    pub components: Vec<ComponentGrade>,
    pub estimates: Vec<EstimateGrade>,
    /// The twist, graded when its answers were given.
    pub twist: Option<TwistGrade>,
    pub rubric: Vec<RubricLine>,
    pub score: u32,
    pub max_score: u32,
    /// What a strong candidate would say, from the rules' reasons and the figures.
    pub what_to_say: Vec<String>,
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "crate::cost::ExactJson")]
    pub monthly_usd: Decimal,
}

fn grade_component(
    d: &Decision,
    e: &Expected,
    answer: Option<Placement>,
    factors_given: &[Factor],
    mitigations_given: &[Mitigation],
    hints: usize,
    rules: Option<&RuleBase>,
) -> ComponentGrade {
    let chosen = d.chosen();
    let (verdict, why, breaks) = match (answer, d.placement) {
        (None, _) => (Verdict::Wrong, "no answer".to_string(), Vec::new()),
        (Some(a), Some(best)) if a == best => (Verdict::Right, d.why.clone(), Vec::new()),
        (Some(a), best) => {
            let alt = d.alternative(a);
            let excluded = alt.map(|x| x.excluded_by.clone()).unwrap_or_default();
            if !excluded.is_empty() {
                let titles: Vec<String> = excluded
                    .iter()
                    .map(|id| {
                        rules
                            .and_then(|r| r.rule(id))
                            .map(|r| format!("{} ({id})", r.title))
                            .unwrap_or_else(|| id.clone())
                    })
                    .collect();
                (
                    Verdict::Wrong,
                    format!("{a} cannot run it: {}", titles.join("; ")),
                    excluded,
                )
            } else if let (Some(x), Some(c)) = (alt, chosen) {
                match (x.score, c.score) {
                    (Some(xs), Some(cs)) => {
                        let dearer = match (x.monthly, c.monthly) {
                            (Some(xm), Some(cm)) => Some((xm, cm)),
                            _ => None,
                        };
                        let close = cs - xs <= ACCEPT_POINTS
                            || dearer.is_some_and(|(xm, cm)| xm <= cm * ACCEPT_COST);
                        let money = dearer
                            .map(|(xm, cm)| {
                                if xm > cm {
                                    format!("costs {} a month more ({} vs {})", usd(xm - cm), usd(xm), usd(cm))
                                } else {
                                    format!("costs {} a month less ({} vs {}), but the rules weigh against it", usd(cm - xm), usd(xm), usd(cm))
                                }
                            })
                            .unwrap_or_default();
                        let best = best.map(|p| p.as_str()).unwrap_or("");
                        if close {
                            (
                                Verdict::Acceptable,
                                format!(
                                    "{a} works: {} points against {best}'s {}; it {money}",
                                    qty(xs.round_dp(2)),
                                    qty(cs.round_dp(2))
                                ),
                                Vec::new(),
                            )
                        } else {
                            (
                                Verdict::Wrong,
                                format!(
                                    "{a} scores {} points below {best}; it {money}",
                                    qty((cs - xs).round_dp(2))
                                ),
                                Vec::new(),
                            )
                        }
                    }
                    _ => (
                        Verdict::Wrong,
                        x.not_priced
                            .clone()
                            .unwrap_or_else(|| format!("{a} cannot run it")),
                        Vec::new(),
                    ),
                }
            } else {
                (Verdict::Wrong, format!("{a} cannot run it"), Vec::new())
            }
        }
    };
    let placed = match verdict {
        Verdict::Right => RIGHT,
        Verdict::Acceptable => ACCEPTABLE,
        Verdict::Wrong => 0,
    }
    .saturating_sub(hints as u32);
    fn named<T: PartialEq>(expected: &[T], given: &[T]) -> (u32, u32) {
        let max = expected.len().min(NAMED_MAX) as u32;
        let hit = given
            .iter()
            .filter(|g| expected.contains(g))
            .count()
            .min(NAMED_MAX) as u32;
        (hit.min(max), max)
    }
    let ef: Vec<Factor> = e.factors.iter().map(|(f, _)| *f).collect();
    let em: Vec<Mitigation> = e.mitigations.iter().map(|(m, _)| *m).collect();
    let (fp, fmax) = named(&ef, factors_given);
    let (mp, mmax) = named(&em, mitigations_given);
    ComponentGrade {
        name: d.component.clone(),
        answer,
        expected: d.placement,
        verdict,
        points: placed + fp + mp,
        max_points: RIGHT + fmax + mmax,
        why,
        breaks,
        hints_taken: hints,
        factors: Named {
            given: factors_given.to_vec(),
            expected: e.factors.clone(),
            points: fp,
            max_points: fmax,
        },
        mitigations: Named {
            given: mitigations_given.to_vec(),
            expected: e.mitigations.clone(),
            points: mp,
            max_points: mmax,
        },
    }
}

/// Grades the answers against the question.
pub fn grade(q: &Question, a: &Answers, rules: &RuleBase) -> Graded {
    let components: Vec<ComponentGrade> = q
        .advice
        .decisions
        .iter()
        .zip(&q.expected)
        .map(|(d, e)| {
            grade_component(
                d,
                e,
                a.placements.get(&d.component).copied(),
                a.factors
                    .get(&d.component)
                    .map(Vec::as_slice)
                    .unwrap_or(&[]),
                a.mitigations
                    .get(&d.component)
                    .map(Vec::as_slice)
                    .unwrap_or(&[]),
                a.hints.get(&d.component).copied().unwrap_or(0),
                Some(rules),
            )
        })
        .collect();
    let estimates: Vec<EstimateGrade> = q
        .estimates
        .iter()
        .map(|x| {
            let given = a.estimates.get(&x.key).copied();
            EstimateGrade {
                key: x.key,
                label: x.key.label(),
                given,
                exact: x.exact,
                points: given.map(|g| estimate_points(g, x.exact)).unwrap_or(0),
                max_points: ESTIMATE_FULL,
                how: x.how.clone(),
            }
        })
        .collect();
    let twist = q
        .twist
        .as_ref()
        .filter(|_| !a.twist.is_empty())
        .map(|t| TwistGrade {
            says: t.says.clone(),
            components: t
                .affected
                .iter()
                .map(|&i| {
                    let d = &t.advice.decisions[i];
                    let mut g = grade_component(
                        d,
                        &t.expected[i],
                        a.twist.get(&d.component).copied(),
                        &[],
                        &[],
                        0,
                        Some(rules),
                    );
                    // After a twist only the placement is asked.
                    g.max_points = RIGHT;
                    g.points = match g.verdict {
                        Verdict::Right => RIGHT,
                        Verdict::Acceptable => ACCEPTABLE,
                        Verdict::Wrong => 0,
                    };
                    g
                })
                .collect(),
            monthly_usd: t.advice.monthly,
        });
    let rubric = rubric(&components, &estimates, twist.as_ref());
    let mut score: u32 = components.iter().map(|c| c.points).sum::<u32>()
        + estimates.iter().map(|e| e.points).sum::<u32>();
    let mut max_score: u32 = components.iter().map(|c| c.max_points).sum::<u32>()
        + estimates.iter().map(|e| e.max_points).sum::<u32>();
    if let Some(t) = &twist {
        score += t.components.iter().map(|c| c.points).sum::<u32>();
        max_score += t.components.iter().map(|c| c.max_points).sum::<u32>();
    }
    Graded {
        scenario: q.scenario.name.clone(),
        title: q.scenario.title.clone(),
        topics: q.scenario.topics.clone(),
        prompt: q.scenario.prompt.clone(),
        what_to_say: what_to_say(q),
        components,
        estimates,
        twist,
        rubric,
        score,
        max_score,
        monthly_usd: q.advice.monthly,
    }
}

/// A share of points as 0–3.
fn out_of_three(got: u32, max: u32) -> u32 {
    if max == 0 {
        return 3;
    }
    ((3 * got * 2 + max) / (2 * max)).min(3)
}

fn rubric(
    cs: &[ComponentGrade],
    es: &[EstimateGrade],
    twist: Option<&TwistGrade>,
) -> Vec<RubricLine> {
    let mut lines = Vec::new();
    // Estimation: the share of estimate points; evidence, the furthest off.
    let (got, max) = (
        es.iter().map(|e| e.points).sum::<u32>(),
        es.iter().map(|e| e.max_points).sum::<u32>(),
    );
    let worst = es
        .iter()
        .filter(|e| e.given.is_some())
        .min_by_key(|e| e.points)
        .map(|e| {
            format!(
                "{}: you said {}, exact {} ({} of {} points)",
                e.label,
                qty(e.given.unwrap_or_default()),
                qty(e.exact.round_dp(2)),
                e.points,
                e.max_points
            )
        });
    lines.push(RubricLine {
        dimension: Dimension::Estimation,
        score: if es.iter().all(|e| e.given.is_none()) {
            0
        } else {
            out_of_three(got, max)
        },
        evidence: if es.is_empty() {
            "nothing to estimate here".into()
        } else {
            worst.unwrap_or_else(|| "no estimates given".into())
        },
    });
    // Placement, the twist included.
    let all: Vec<&ComponentGrade> = cs
        .iter()
        .chain(twist.into_iter().flat_map(|t| t.components.iter()))
        .collect();
    let placed = |c: &ComponentGrade| match c.verdict {
        Verdict::Right => RIGHT,
        Verdict::Acceptable => ACCEPTABLE,
        Verdict::Wrong => 0,
    };
    let got: u32 = all.iter().map(|c| placed(c)).sum();
    let max = RIGHT * all.len() as u32;
    lines.push(RubricLine {
        dimension: Dimension::Placement,
        score: out_of_three(got, max),
        evidence: all
            .iter()
            .find(|c| c.verdict == Verdict::Wrong)
            .map(|c| {
                format!(
                    "{}: {} — {}",
                    c.name,
                    c.answer.map(|p| p.as_str()).unwrap_or("no answer"),
                    c.why
                )
            })
            .unwrap_or_else(|| "every placement right or acceptable".into()),
    });
    // Trade-offs named.
    let (got, max) = (
        cs.iter().map(|c| c.factors.points).sum::<u32>(),
        cs.iter().map(|c| c.factors.max_points).sum::<u32>(),
    );
    let missed = cs.iter().find_map(|c| {
        c.factors
            .expected
            .iter()
            .find(|(f, _)| !c.factors.given.contains(f))
            .map(|(f, why)| format!("{}: did not name {} ({why})", c.name, f.label()))
    });
    lines.push(RubricLine {
        dimension: Dimension::TradeOffs,
        score: out_of_three(got, max),
        evidence: missed.unwrap_or_else(|| "named what decided each component".into()),
    });
    // Limits and failure modes: no placement a hard rule excludes, limits named.
    let broken: Vec<&&ComponentGrade> = all.iter().filter(|c| !c.breaks.is_empty()).collect();
    let unnamed_limit = cs.iter().find(|c| {
        c.factors.expected.iter().any(|(f, _)| *f == Factor::Limit)
            && !c.factors.given.contains(&Factor::Limit)
    });
    let (score, evidence) = match (broken.len(), unnamed_limit) {
        (0, None) => (
            3,
            "no placement breaks a platform limit; the limits that applied were named".to_string(),
        ),
        (0, Some(c)) => (
            2,
            format!(
                "{}: a platform limit decided it ({}) but was not named",
                c.name,
                c.factors
                    .expected
                    .iter()
                    .find(|(f, _)| *f == Factor::Limit)
                    .map(|(_, w)| w.as_str())
                    .unwrap_or("")
            ),
        ),
        (n, _) => (
            if n == 1 { 1 } else { 0 },
            format!("{}: {}", broken[0].name, broken[0].why),
        ),
    };
    lines.push(RubricLine {
        dimension: Dimension::Limits,
        score,
        evidence,
    });
    // Mitigations.
    let (got, max) = (
        cs.iter().map(|c| c.mitigations.points).sum::<u32>(),
        cs.iter().map(|c| c.mitigations.max_points).sum::<u32>(),
    );
    let missed = cs.iter().find_map(|c| {
        c.mitigations
            .expected
            .iter()
            .find(|(m, _)| !c.mitigations.given.contains(m))
            .map(|(m, why)| format!("{}: needs {} ({why})", c.name, m.label()))
    });
    lines.push(RubricLine {
        dimension: Dimension::Mitigations,
        score: out_of_three(got, max),
        evidence: missed.unwrap_or_else(|| "named what each placement needs".into()),
    });
    lines
}

/// The model answer in words: per component, where it runs, why, what it costs, what
/// it needs.
fn what_to_say(q: &Question) -> Vec<String> {
    q.advice
        .decisions
        .iter()
        .zip(&q.expected)
        .zip(&q.advice.costs.components)
        .map(|((d, e), cc)| {
            let mut s = format!(
                "{} → {}: {}",
                d.component,
                d.placement.map(|p| p.as_str()).unwrap_or("no placement"),
                d.why
            );
            if let Some(o) = d.placement.and_then(|p| cc.option(p)) {
                s.push_str(&format!(" It costs {} a month.", usd(o.monthly)));
            }
            if !e.mitigations.is_empty() {
                let needs: Vec<&str> = e.mitigations.iter().map(|(m, _)| m.label()).collect();
                s.push_str(&format!(" It needs {}.", needs.join(", ")));
            }
            s
        })
        .collect()
}
