//! The phased plan from today's deployment to the recommended one: strangler-fig phases
//! ordered by the dependency graph and by risk, with the monthly cost after each.

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use rust_decimal::dec;

use crate::advisor::Advice;
use crate::cost::cents;
use crate::placement::Placement;
use crate::rules::Support;
use crate::workload::{Access, Component, Kind, Platform, Workload};

/// One component moving in a phase.
#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    pub component: String,
    pub placement: Option<Placement>,
    /// Its monthly cost on the new placement.
    pub monthly: Decimal,
    /// Hints the rules gave for moving it.
    pub hints: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Phase {
    pub number: usize,
    pub title: String,
    pub moves: Vec<Move>,
    pub prerequisites: Vec<String>,
    /// Monthly cost while the phase runs: the old parts still up beside the new ones.
    pub cost_during: Decimal,
    /// Monthly cost once the phase's old parts are retired.
    pub cost_after: Decimal,
    pub risk: String,
    pub rollback: String,
    pub metric: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// Today's platform; `None` for a greenfield build.
    pub from: Option<Platform>,
    pub current_monthly: Option<Decimal>,
    pub target_monthly: Decimal,
    /// How today's bill is split across components to retire it piece by piece.
    pub attribution: String,
    pub phases: Vec<Phase>,
}

impl Plan {
    /// Where the plan starts: "from monolith ($2,840.00 a month)" or "greenfield".
    pub fn origin(&self) -> String {
        let p = self;
        match (p.from, p.current_monthly) {
            (Some(f), Some(c)) => format!("from {f} ({} a month)", crate::cost::usd(c)),
            (Some(f), None) => format!("from {f}"),
            (None, _) => "greenfield".to_string(),
        }
    }
}

/// Migration steps, lowest first: new work and jobs, read-only paths, eventual writes, the rest.
fn step(c: &Component) -> usize {
    if c.new_feature
        || matches!(
            c.kind,
            Kind::Worker | Kind::Scheduled | Kind::Stream | Kind::Batch | Kind::MlTraining
        )
    {
        return 1;
    }
    match c.access {
        Access::ReadOnly => 2,
        Access::EventualWrites => 3,
        Access::Transactional => 4,
    }
}

const TITLES: [&str; 5] = [
    "Foundations: a routing facade, co-located data and pooled connections",
    "New features and background jobs",
    "Read-only endpoints",
    "Write paths that tolerate eventual consistency",
    "The remaining, transactional core",
];

/// Each component's phase: its own step, but never before a component it depends on
/// (dependencies move first, so nothing new calls back into a half-moved dependency).
pub fn phases_of(w: &Workload, own: impl Fn(&Component) -> usize) -> Vec<usize> {
    let mut phase: Vec<usize> = w.components.iter().map(&own).collect();
    for (i, deps) in dependencies_first(w) {
        for j in deps {
            phase[i] = phase[i].max(phase[j]);
        }
    }
    phase
}

/// Greenfield: dependency depth, so each phase builds on what is already there.
fn depth(w: &Workload) -> Vec<usize> {
    let mut d = vec![1; w.components.len()];
    for (i, deps) in dependencies_first(w) {
        for j in deps {
            d[i] = d[i].max(d[j] + 1);
        }
    }
    d
}

/// Every component with the indices of the components it depends on, each listed after
/// all of its dependencies (depends_on is acyclic, checked on load; a component in a
/// cycle would come last). Linear in the components and their dependencies.
fn dependencies_first(w: &Workload) -> Vec<(usize, Vec<usize>)> {
    let n = w.components.len();
    let mut index = std::collections::HashMap::new();
    for (i, c) in w.components.iter().enumerate() {
        index.entry(c.name.as_str()).or_insert(i);
    }
    let deps: Vec<Vec<usize>> = w
        .components
        .iter()
        .enumerate()
        .map(|(i, c)| {
            c.depends_on
                .iter()
                .filter_map(|d| index.get(d.as_str()).copied())
                .filter(|&j| j != i)
                .collect()
        })
        .collect();
    let mut waiting: Vec<usize> = deps.iter().map(Vec::len).collect();
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, ds) in deps.iter().enumerate() {
        for &j in ds {
            dependents[j].push(i);
        }
    }
    let mut ready: std::collections::VecDeque<usize> =
        (0..n).filter(|&i| waiting[i] == 0).collect();
    let mut order = Vec::with_capacity(n);
    let mut done = vec![false; n];
    while let Some(j) = ready.pop_front() {
        done[j] = true;
        order.push(j);
        for &i in &dependents[j] {
            waiting[i] -= 1;
            if waiting[i] == 0 {
                ready.push_back(i);
            }
        }
    }
    order.extend((0..n).filter(|&i| !done[i]));
    order.into_iter().map(|i| (i, deps[i].clone())).collect()
}

/// Load a component puts on today's system, to split today's bill: GB-seconds a month;
/// `None` when the product passes the range of a decimal.
fn load(c: &Component) -> Option<Decimal> {
    let gb = c.memory_mb / dec!(1024);
    match &c.schedule {
        Some(s) => s.runs_per_month.checked_mul(s.run_seconds)?.checked_mul(gb),
        None => c
            .requests_per_month
            .checked_mul(c.duration_ms / dec!(1000))?
            .checked_mul(gb),
    }
}

/// Each component's share of today's bill, by load; by count when a load is zero
/// throughout or too large to add up exactly.
pub fn bill_shares(w: &Workload) -> Vec<Decimal> {
    let n = Decimal::from(w.components.len().max(1));
    let loads: Option<Vec<Decimal>> = w.components.iter().map(load).collect();
    let total = loads
        .as_ref()
        .and_then(|ls| ls.iter().try_fold(Decimal::ZERO, |a, l| a.checked_add(*l)));
    match (loads, total) {
        (Some(ls), Some(t)) if !t.is_zero() => ls.into_iter().map(|l| l / t).collect(),
        _ => w.components.iter().map(|_| Decimal::ONE / n).collect(),
    }
}

/// The new system's monthly cost as components move: their chosen options, each shared
/// fee counted once (at its first user in file order, as [`system_total`] counts it).
/// Sums stay exact: every option is at most [`crate::cost::MAX_MONTHLY`].
#[derive(Default)]
struct Built {
    plain: Decimal,
    shared: std::collections::BTreeMap<&'static str, (usize, Decimal)>,
}

impl Built {
    fn add(&mut self, i: usize, o: &crate::cost::CostOption) {
        for l in &o.lines {
            match l.shared {
                None => self.plain += l.amount,
                Some(k) => {
                    let first = self.shared.entry(k).or_insert((i, l.amount));
                    if i < first.0 {
                        *first = (i, l.amount);
                    }
                }
            }
        }
    }

    fn total(&self) -> Decimal {
        self.plain + self.shared.values().map(|(_, a)| *a).sum::<Decimal>()
    }
}

pub fn plan(w: &Workload, advice: &Advice) -> Plan {
    let greenfield = w.current.is_none();
    let phase = if greenfield {
        depth(w)
    } else {
        phases_of(w, step)
    };
    let options: Vec<Option<&crate::cost::CostOption>> = w
        .components
        .iter()
        .zip(&advice.costs.components)
        .zip(&advice.decisions)
        .map(|((_, cc), d)| d.placement.and_then(|p| cc.option(p)))
        .collect();
    let shares = bill_shares(w);
    let current = w.current.as_ref().and_then(|c| c.monthly_cost_usd);
    let old_cost = current.unwrap_or_default();
    // The data stores are built first and billed from then on, whatever has moved.
    let stores: Decimal = advice.costs.stores.iter().map(|s| s.monthly).sum();
    // Today's bill less the share of what has moved (a share of 1 retires all of it).
    let remaining =
        |moved_share: Decimal| old_cost * (Decimal::ONE - moved_share.min(Decimal::ONE));

    let mut phases = Vec::new();
    let foundations = foundations(w, advice);
    if !foundations.is_empty() {
        phases.push(Phase {
            number: 0,
            title: if greenfield { "Foundations: data stores and shared pieces".into() } else { TITLES[0].into() },
            moves: Vec::new(),
            prerequisites: foundations,
            cost_during: cents(old_cost),
            cost_after: cents(old_cost + stores),
            risk: if greenfield {
                "Shared pieces built before anything uses them drift from what the first component needs.".into()
            } else {
                "The facade adds a hop to every request; misrouting sends traffic to the wrong side.".into()
            },
            rollback: if greenfield { "Nothing depends on them yet; remove them.".into() } else { "Point DNS back at the old entry point; the facade only forwards.".into() },
            metric: if greenfield {
                "Stores and gateways pass smoke tests from the target region.".into()
            } else {
                "All traffic flows through the facade with unchanged error rate and p99.".into()
            },
        });
    }
    let levels = depth(w);
    let mut built = Built::default();
    let mut moved_share = Decimal::ZERO;
    let max_phase = phase.iter().copied().max().unwrap_or(0);
    let mut by_phase: Vec<Vec<usize>> = vec![Vec::new(); max_phase + 1];
    for (i, k) in phase.iter().enumerate() {
        by_phase[*k].push(i);
    }
    for (k, mut now) in by_phase.into_iter().enumerate().skip(1) {
        // Within a phase, what others depend on is listed (and moved) first.
        now.sort_by_key(|&i| (levels[i], i));
        if now.is_empty() {
            continue;
        }
        let share_before = moved_share;
        for &i in &now {
            moved_share += shares[i];
            if let Some(o) = options[i] {
                built.add(i, o);
            }
        }
        let new_cost = built.total() + stores;
        let moves: Vec<Move> = now
            .iter()
            .map(|i| {
                let d = &advice.decisions[*i];
                Move {
                    component: w.components[*i].name.clone(),
                    placement: d.placement,
                    monthly: options[*i].map(|o| o.monthly).unwrap_or_default(),
                    hints: d.migration_hints.iter().map(|(_, h)| h.clone()).collect(),
                }
            })
            .collect();
        let during = remaining(share_before) + new_cost;
        let after = remaining(moved_share) + new_cost;
        let (title, risk, metric) = describe(greenfield, k, &now, w, advice);
        phases.push(Phase {
            number: phases.len(),
            title,
            prerequisites: prerequisites(&now, w, advice),
            moves,
            cost_during: cents(during),
            cost_after: cents(if greenfield { new_cost } else { after }),
            risk,
            rollback: if greenfield {
                "Not yet serving users: fix forward, or drop the component from the release.".into()
            } else {
                "Route the moved paths back to the old system at the facade (re-enable its jobs); the old code stays deployed until decommissioning.".into()
            },
            metric,
        });
    }
    let target = advice.monthly;
    if !greenfield {
        phases.push(Phase {
            number: phases.len(),
            title: format!("Decommission the {}", w.current.as_ref().map(|c| c.platform.as_str()).unwrap_or("old system")),
            moves: Vec::new(),
            prerequisites: vec!["Every path served by the new system for at least one full business cycle.".into()],
            cost_during: cents(remaining(moved_share) + built.total() + stores),
            cost_after: cents(target),
            risk: "Forgotten consumers of the old system (reports, cron jobs, integrations) break when it goes.".into(),
            rollback: "Keep the last snapshot and images for 30 days so the old system can be restored.".into(),
            metric: "No request reaches the old system for 30 days, and its line leaves the bill.".into(),
        });
    }
    Plan {
        from: w.current.as_ref().map(|c| c.platform),
        current_monthly: current,
        target_monthly: target,
        attribution: if greenfield {
            "Greenfield: each phase's cost is what has been built so far.".into()
        } else {
            "Today's bill is split across components by the load each puts on it (requests × duration × memory, or runs × run time × memory); a phase retires its components' share. The new data stores are billed from the phase that builds them; today's bill keeps its own until the old system goes.".into()
        },
        phases,
    }
}

/// What must be in place before anything moves.
fn foundations(w: &Workload, advice: &Advice) -> Vec<String> {
    let all: BTreeSet<Support> = advice
        .decisions
        .iter()
        .flat_map(|d| d.supports.iter().map(|(s, _)| *s))
        .collect();
    let mut out = Vec::new();
    if w.current.is_some()
        && w.components
            .iter()
            .any(|c| c.gateway != crate::workload::Gateway::None)
    {
        out.push("Put the new front door (API Gateway or ALB) in front of today's system as a strangler facade, forwarding everything.".into());
    }
    if w.components
        .iter()
        .any(|c| c.data.cross_region_gb_month > Decimal::ZERO)
    {
        out.push(
            "Co-locate data with the target region (replicate once) before moving its readers."
                .into(),
        );
    }
    for (s, text) in [
        (
            Support::RelationalDb,
            "Relational database reachable from the new placements (VPC, security groups, credentials in a secrets manager).",
        ),
        (
            Support::RdsProxy,
            "RDS Proxy in front of the database, so functions pool connections from their first request.",
        ),
        (
            Support::Dynamodb,
            "DynamoDB tables created, with conditional-write versioning for shared records.",
        ),
        (Support::S3, "S3 buckets in the compute region."),
        (Support::Redis, "Redis for shared state and pub/sub."),
        (
            Support::EventBus,
            "EventBridge schedules defined (disabled until their jobs move).",
        ),
    ] {
        if all.contains(&s) {
            out.push(text.to_string());
        }
    }
    out
}

fn prerequisites(now: &[usize], w: &Workload, advice: &Advice) -> Vec<String> {
    let mut out = BTreeSet::new();
    for i in now {
        let c = &w.components[*i];
        for d in &c.depends_on {
            out.insert(format!("`{d}` reachable from `{}`.", c.name));
        }
        if let Some(dec) = advice.decision(&c.name) {
            for (s, _) in &dec.supports {
                match s {
                    Support::Queue => {
                        out.insert(format!("`{}` queue and dead-letter queue created; producers write to both sides during the cut-over.", c.name));
                    }
                    Support::RdsProxy => {
                        out.insert("RDS Proxy in place (foundations).".to_string());
                    }
                    Support::ApiGateway | Support::Alb => {
                        out.insert(format!("A route for `{}` on the front door.", c.name));
                    }
                    _ => {}
                }
            }
            if dec.placement.is_none() {
                out.insert(format!(
                    "`{}` has no placement: resolve the conflicting rules first.",
                    c.name
                ));
            }
        }
    }
    out.into_iter().collect()
}

fn describe(
    greenfield: bool,
    k: usize,
    now: &[usize],
    w: &Workload,
    advice: &Advice,
) -> (String, String, String) {
    let names = now
        .iter()
        .map(|i| w.components[*i].name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let rule_risk = now
        .iter()
        .filter_map(|i| advice.decision(&w.components[*i].name))
        .flat_map(|d| d.risks.iter().map(|r| r.risk.risk.clone()))
        .next();
    if greenfield {
        let title = format!("Build step {k}: {names}");
        let risk = rule_risk.unwrap_or_else(|| "Load beyond what the sizing assumed.".into());
        return (
            title,
            risk,
            "Meets its latency target under the expected peak in a load test.".into(),
        );
    }
    let (risk, metric) = match k {
        1 => (
            "Jobs run twice or not at all during the switch (both old and new workers consuming).",
            "Job success rate and dead-letter depth equal or better than the old workers for two weeks.",
        ),
        2 => (
            "Stale reads if the new path reads a replica or cache the old one did not.",
            "p99 latency and error rate of the moved endpoints at or below the old ones; load on today's database falls.",
        ),
        3 => (
            "Writes lost or duplicated across the two sides while both accept them.",
            "A reconciliation job finds no drift between old and new records.",
        ),
        _ => (
            "Transactional logic split across two systems mid-transaction.",
            "Error budget intact and no compensating transactions left open after the cut-over.",
        ),
    };
    let risk = match rule_risk {
        Some(r) => format!("{risk} Also: {r}"),
        None => risk.to_string(),
    };
    (
        format!("{} — {names}", TITLES[k.min(4)]),
        risk,
        metric.to_string(),
    )
}

#[cfg(test)]
mod tests;
