//! Two workloads (or two versions of one) side by side: what changed in the inputs,
//! which placements moved and the rules behind each move, and the cost difference per
//! component and in total. Pure and deterministic, like [`crate::advisor::advise`].

use crate::workload::key;
use std::collections::BTreeSet;

use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;

use crate::advisor::Advice;
use crate::input::Dec;
use crate::placement::Placement;
use crate::rules::engine::{Alternative, Decision, Fired};
use crate::workload::{
    Assumptions, Component, RawAcu, RawAssumptions, RawCompliance, RawComponent, RawContainer,
    RawCurrent, RawData, RawProvisioned, RawSchedule, RawStore, RawTraffic, RawWorkflow,
    RawWorkload, Schedule, StoreDef, Workload,
};

/// The whole comparison of A with B.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Every input that differs: workload-wide settings first, then components in A's
    /// order followed by the components only B has; within each, paths in alphabetical
    /// order.
    pub input_changes: Vec<InputChange>,
    /// The union of the components: A's order, then the ones only B has.
    pub components: Vec<ComponentDiff>,
    pub total: Total,
}

/// One input that differs between A and B.
#[derive(Debug, Clone, PartialEq)]
pub struct InputChange {
    /// Where it sits in the workload file: `assumptions.free_tier`,
    /// `components[api].traffic.requests_per_month`, `components[api]`.
    pub path: String,
    pub change: Change,
    /// The value in A; `None` when A does not have it.
    pub a: Option<InputValue>,
    /// The value in B; `None` when B does not have it.
    pub b: Option<InputValue>,
}

/// What kind of difference an [`InputChange`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Both have the input, with different values.
    Changed,
    /// Only B has the input.
    Added,
    /// Only A has the input.
    Removed,
    /// Only B has the component (its value is the component's kind).
    ComponentAdded,
    /// Only A has the component (its value is the component's kind).
    ComponentRemoved,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Changed => "changed",
            Change::Added => "added",
            Change::Removed => "removed",
            Change::ComponentAdded => "component_added",
            Change::ComponentRemoved => "component_removed",
        }
    }
}

/// An input's value in plain form: numbers exact, words as the file spells them, lists
/// joined with commas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputValue {
    pub text: String,
    /// The file left it out, so a default (or a value derived from other traits) stands in.
    /// Known for a component's traits; workload-wide settings always read as given.
    pub defaulted: bool,
}

/// Which workload something belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    A,
    B,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::A => "a",
            Side::B => "b",
        }
    }
}

/// Whether a component is in both workloads or in one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    Both,
    /// Only A has it.
    Removed,
    /// Only B has it.
    Added,
}

impl Presence {
    pub fn as_str(self) -> &'static str {
        match self {
            Presence::Both => "both",
            Presence::Removed => "removed",
            Presence::Added => "added",
        }
    }
}

/// A component's decision in one workload.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// `None` when hard rules exclude every placement.
    pub placement: Option<Placement>,
    /// The chosen option's monthly cost; `None` without a placement.
    pub monthly: Option<Decimal>,
    /// Why the winner won, or why nothing could be chosen.
    pub why: String,
}

/// One component in A and B.
#[derive(Debug, Clone, PartialEq)]
pub struct ComponentDiff {
    pub name: String,
    pub presence: Presence,
    pub a: Option<Placed>,
    pub b: Option<Placed>,
    /// B's monthly cost minus A's; a side without the component (or without a placement)
    /// counts as $0, as it does in that side's total.
    pub delta: Decimal,
    /// In both workloads and placed differently.
    pub placement_changed: bool,
    /// When the placement changed: the rules that fired on one side only, A's first.
    pub rules: Vec<RuleChange>,
    /// When the placement changed: how A's choice and B's choice (in that order) stood in
    /// each workload, so the move reads as two scores that crossed.
    pub standings: Vec<Standing>,
}

/// One placement as each workload judged it.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    pub placement: Placement,
    pub a: Option<Alternative>,
    pub b: Option<Alternative>,
}

/// A rule that fired for a component in one workload but not the other.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleChange {
    /// The workload where it fired.
    pub fired_in: Side,
    pub id: String,
    pub title: String,
    pub effect: String,
    /// The trait values that made it fire.
    pub because: String,
    pub source: String,
    /// A `placed_on` rule: a consequence of the placement, not a cause.
    pub after_choice: bool,
}

/// The systems' monthly totals.
#[derive(Debug, Clone, PartialEq)]
pub struct Total {
    pub a: Decimal,
    pub b: Decimal,
    pub delta: Decimal,
    /// `delta / a` in percent, rounded to one decimal; `None` when A costs nothing.
    pub percent: Option<Decimal>,
    /// The data stores each system pays for, once.
    pub stores_a: Decimal,
    pub stores_b: Decimal,
    /// What each total adds to its components and stores: shared fees counted once and
    /// the pooled Lambda free tier (negative when they make the system cheaper).
    pub adjustment_a: Decimal,
    pub adjustment_b: Decimal,
}

impl Comparison {
    /// Whether the inputs are the same (every placement and cost then is too).
    pub fn inputs_unchanged(&self) -> bool {
        self.input_changes.is_empty()
    }
}

/// Compares workload A and its advice with workload B and its advice.
pub fn compare(a: (&Workload, &Advice), b: (&Workload, &Advice)) -> Comparison {
    let components = component_diffs(a.1, b.1);
    let sum = |side: Side| -> Decimal {
        components
            .iter()
            .filter_map(|c| match side {
                Side::A => c.a.as_ref(),
                Side::B => c.b.as_ref(),
            })
            .filter_map(|p| p.monthly)
            .sum()
    };
    let (ta, tb) = (a.1.monthly, b.1.monthly);
    let stores = |x: &Advice| -> Decimal { x.costs.stores.iter().map(|s| s.monthly).sum() };
    let (sa, sb) = (stores(a.1), stores(b.1));
    let delta = tb - ta;
    let total = Total {
        a: ta,
        b: tb,
        delta,
        percent: percent(delta, ta),
        stores_a: sa,
        stores_b: sb,
        adjustment_a: ta - sum(Side::A) - sa,
        adjustment_b: tb - sum(Side::B) - sb,
    };
    Comparison {
        input_changes: input_changes(a.0, b.0),
        components,
        total,
    }
}

/// `delta / base` in percent, one decimal, half away from zero.
fn percent(delta: Decimal, base: Decimal) -> Option<Decimal> {
    if base.is_zero() {
        return None;
    }
    delta
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(base)
        .map(|p| p.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero))
}

fn placed(d: &Decision) -> Placed {
    Placed {
        placement: d.placement,
        monthly: d.chosen().and_then(|c| c.monthly),
        why: d.why.clone(),
    }
}

fn component_diffs(a: &Advice, b: &Advice) -> Vec<ComponentDiff> {
    let mut names: Vec<&str> = a.decisions.iter().map(|d| d.component.as_str()).collect();
    names.extend(
        b.decisions
            .iter()
            .map(|d| d.component.as_str())
            .filter(|n| a.decision(n).is_none()),
    );
    names
        .into_iter()
        .map(|name| {
            let (da, db) = (a.decision(name), b.decision(name));
            let presence = match (da, db) {
                (Some(_), None) => Presence::Removed,
                (None, Some(_)) => Presence::Added,
                _ => Presence::Both,
            };
            let (pa, pb) = (da.map(placed), db.map(placed));
            let cost = |p: &Option<Placed>| p.as_ref().and_then(|p| p.monthly).unwrap_or_default();
            let placement_changed = match (da, db) {
                (Some(x), Some(y)) => x.placement != y.placement,
                _ => false,
            };
            let (rules, standings) = match (da, db) {
                (Some(x), Some(y)) if placement_changed => (rule_changes(x, y), standings(x, y)),
                _ => (Vec::new(), Vec::new()),
            };
            ComponentDiff {
                name: name.to_string(),
                presence,
                delta: cost(&pb) - cost(&pa),
                a: pa,
                b: pb,
                placement_changed,
                rules,
                standings,
            }
        })
        .collect()
}

/// A's choice and B's choice as each side judged them (one of them may be no placement).
fn standings(a: &Decision, b: &Decision) -> Vec<Standing> {
    [a.placement, b.placement]
        .into_iter()
        .flatten()
        .map(|p| Standing {
            placement: p,
            a: a.alternative(p).cloned(),
            b: b.alternative(p).cloned(),
        })
        .collect()
}

/// The rules that fired for a component on one side only: A's first, each in firing order.
fn rule_changes(a: &Decision, b: &Decision) -> Vec<RuleChange> {
    let only = |side: Side, here: &Decision, there: &Decision| -> Vec<RuleChange> {
        here.fired
            .iter()
            .filter(|f| !there.fired.iter().any(|g| g.id == f.id))
            .map(|f| rule_change(side, f))
            .collect()
    };
    let mut v = only(Side::A, a, b);
    v.extend(only(Side::B, b, a));
    v
}

fn rule_change(side: Side, f: &Fired) -> RuleChange {
    RuleChange {
        fired_in: side,
        id: f.id.clone(),
        title: f.title.clone(),
        effect: f.effect.clone(),
        because: f.because.join("; "),
        source: f.source.clone(),
        after_choice: f.after_choice,
    }
}

/// The differences between two workloads' inputs, every default resolved, components
/// matched by name.
pub fn input_changes(a: &Workload, b: &Workload) -> Vec<InputChange> {
    let mut out = Vec::new();
    let (mut ta, mut tb) = (resolved_tree(a), resolved_tree(b));
    // Components are matched by name below, not by their index in the list.
    for t in [&mut ta, &mut tb] {
        if let Value::Object(m) = t {
            m.remove("components");
        }
    }
    diff("", Some(&ta), Some(&tb), &mut out);

    let (in_a, in_b) = (by_name(a), by_name(b));
    let mut names: Vec<&str> = a.components.iter().map(|c| c.name.as_str()).collect();
    names.extend(
        b.components
            .iter()
            .map(|c| c.name.as_str())
            .filter(|n| !in_a.contains_key(*n)),
    );
    for name in names {
        let path = format!("components[{name}]");
        let kind = |c: &Component| InputValue {
            text: c.kind.to_string(),
            defaulted: false,
        };
        match (in_a.get(name).copied(), in_b.get(name).copied()) {
            (Some(ca), Some(cb)) => {
                let (va, vb) = (
                    component_tree(ca, &a.assumptions, &a.stores),
                    component_tree(cb, &b.assumptions, &b.stores),
                );
                let mut found = Vec::new();
                diff(&path, Some(&va), Some(&vb), &mut found);
                // Each side's own record of what its file left out.
                for ch in &mut found {
                    let rel = &ch.path[path.len() + 1..];
                    if let Some(v) = &mut ch.a {
                        v.defaulted = is_defaulted(ca, rel);
                    }
                    if let Some(v) = &mut ch.b {
                        v.defaulted = is_defaulted(cb, rel);
                    }
                }
                out.extend(found);
            }
            (Some(ca), None) => out.push(InputChange {
                path,
                change: Change::ComponentRemoved,
                a: Some(kind(ca)),
                b: None,
            }),
            (None, Some(cb)) => out.push(InputChange {
                path,
                change: Change::ComponentAdded,
                a: None,
                b: Some(kind(cb)),
            }),
            (None, None) => {}
        }
    }
    out
}

/// Each component by name (the first of a name).
fn by_name(w: &Workload) -> std::collections::HashMap<&str, &Component> {
    let mut m = std::collections::HashMap::new();
    for c in &w.components {
        m.entry(c.name.as_str()).or_insert(c);
    }
    m
}

/// Whether the file left out the trait at `rel` (a path inside the component).
fn is_defaulted(c: &Component, rel: &str) -> bool {
    let first = rel.split('.').next().unwrap_or(rel);
    let last = rel.rsplit('.').next().unwrap_or(rel);
    (first == "schedule" && c.is_default_at(key!("schedule"))) || c.is_default(last)
}

/// Appends the differences between `a` and `b` under `path`. Objects are compared key by
/// key; anything else (numbers, words, lists) as a whole value.
fn diff(path: &str, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<InputChange>) {
    let join = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    match (a, b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for k in keys {
                diff(&join(k), x.get(k), y.get(k), out);
            }
        }
        (Some(Value::Object(x)), None) => {
            for (k, v) in x {
                diff(&join(k), Some(v), None, out);
            }
        }
        (None, Some(Value::Object(y))) => {
            for (k, v) in y {
                diff(&join(k), None, Some(v), out);
            }
        }
        (Some(x), Some(y)) if x == y => {}
        (None, None) => {}
        (x, y) => {
            let value = |v: &Value| InputValue {
                text: plain(v),
                defaulted: false,
            };
            out.push(InputChange {
                path: path.to_string(),
                change: match (x, y) {
                    (None, _) => Change::Added,
                    (_, None) => Change::Removed,
                    _ => Change::Changed,
                },
                a: x.map(value),
                b: y.map(value),
            });
        }
    }
}

/// A value as a person reads it: `336000`, `33.3`, `spiky`, `true`, `orders-db, cache`.
fn plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".to_string(),
        Value::Array(xs) => xs.iter().map(plain).collect::<Vec<_>>().join(", "),
        Value::Object(_) => v.to_string(),
    }
}

/// The workload as a file with every default written out, as a JSON tree.
pub fn resolved_tree(w: &Workload) -> Value {
    serde_json::to_value(resolved(w)).unwrap_or(Value::Null)
}

fn component_tree(c: &Component, a: &Assumptions, stores: &[StoreDef]) -> Value {
    let mut v = serde_json::to_value(resolved_component(c, a, stores)).unwrap_or(Value::Null);
    // The name is what components are matched by.
    if let Value::Object(m) = &mut v {
        m.remove("name");
    }
    v
}

/// The workload in the file's own shape, every default and derivation resolved, so two
/// files that mean the same thing compare equal and a derived value that moved shows.
fn resolved(w: &Workload) -> RawWorkload {
    let mut raw = RawWorkload {
        name: w.name.clone(),
        description: w.description.clone(),
        region: Some(w.region.clone()),
        providers: Some(w.providers.clone()),
        assumptions: Some(RawAssumptions {
            free_tier: Some(w.assumptions.free_tier),
            ..Default::default()
        }),
        current: w.current.as_ref().map(|c| RawCurrent {
            platform: c.platform,
            monthly_cost_usd: None,
        }),
        stores: w.stores.iter().map(resolved_store).collect(),
        components: w
            .components
            .iter()
            .map(|c| resolved_component(c, &w.assumptions, &w.stores))
            .collect(),
    };
    // Numbers come from the field table, as validation read them.
    crate::workload::fields::fill_workload(w, &mut raw);
    raw
}

/// A schedule as runs a day when that is how it reads exactly (`runs_per_day: 24`, not
/// `runs_per_month: 30.416666666666666666666666667`), else as runs a month.
fn resolved_schedule(s: &Schedule, a: &Assumptions) -> RawSchedule {
    let hours = a.hours_per_month;
    let per_day = (s.runs_per_month * Decimal::from(24))
        .checked_div(hours)
        .map(|d| d.normalize())
        .filter(|d| {
            d.scale() <= 6 && Schedule::runs_per_month_from_day(*d, hours) == s.runs_per_month
        });
    RawSchedule {
        runs_per_day: per_day.map(Dec),
        runs_per_month: match per_day {
            Some(_) => None,
            None => Some(Dec(s.runs_per_month)),
        },
        run_seconds: Dec(s.run_seconds),
    }
}

fn resolved_store(s: &StoreDef) -> RawStore {
    let mut raw = RawStore {
        name: s.name.clone(),
        engine: s.engine.as_str().to_string(),
        instance_class: s.instance_class.clone(),
        instances: None,
        multi_az: Some(s.multi_az),
        storage_gb: None,
        acu: (s.engine == crate::workload::Engine::AuroraServerless).then_some(RawAcu {
            min: None,
            max: None,
        }),
        max_connections: None,
        region: Some(s.region.clone()),
    };
    crate::workload::fields::fill_store(s, &mut raw);
    raw
}

fn resolved_component(c: &Component, a: &Assumptions, stores: &[StoreDef]) -> RawComponent {
    let k = &c.container;
    let mut raw = RawComponent {
        name: c.name.clone(),
        kind: c.kind,
        depends_on: c.depends_on.clone(),
        traffic: Some(RawTraffic {
            shape: Some(c.shape),
            ..Default::default()
        }),
        duration_ms: None,
        cpu_ms: None,
        max_duration_s: None,
        memory_mb: None,
        arch: Some(c.arch),
        ephemeral_storage_mb: None,
        runtime: Some(c.runtime),
        package_mb: None,
        gpu: Some(c.gpu),
        state: Some(c.state),
        connections: Some(c.connections),
        latency_p99_ms: None,
        payload_kb: None,
        response_kb: None,
        logs_kb_per_request: None,
        calls_per_request: None,
        gateway: Some(c.gateway),
        provisioned_concurrency: c.provisioned.as_ref().map(|p| RawProvisioned {
            instances: Dec(p.instances),
            hours_per_month: None,
            share_of_requests: None,
        }),
        schedule: c.schedule.as_ref().map(|s| resolved_schedule(s, a)),
        container: Some(RawContainer {
            instance_type: k.instance_type.clone(),
            purchase: Some(k.purchase),
            gpu_model: k.gpu_model,
            ..Default::default()
        }),
        data: Some(RawData {
            store: Some(
                c.data
                    .store_index
                    .map(|i| stores[i].name.clone())
                    .unwrap_or_else(|| "none".into()),
            ),
            region: Some(c.data.region.clone()),
            ..Default::default()
        }),
        compliance: Some(RawCompliance {
            dedicated_hardware: Some(c.dedicated_hardware),
        }),
        access: Some(c.access),
        new_feature: Some(c.new_feature),
        workflow: Some(RawWorkflow::default()),
    };
    // Numbers come from the field table, as validation read them.
    crate::workload::fields::fill_component(c, &mut raw);
    raw
}

#[cfg(test)]
mod tests {
    use rust_decimal::dec;

    use super::*;
    use crate::advisor::advise;
    use crate::cost::Pricing;
    use crate::rules::RuleBase;
    use crate::workload::load_str;

    fn load(yaml: &str) -> (Workload, Advice) {
        let (w, _) = load_str("w.yaml", yaml).unwrap();
        let a = advise(&w, &RuleBase::embedded(), &Pricing::embedded()).unwrap();
        (w, a)
    }

    fn run(a: &str, b: &str) -> Comparison {
        let (wa, aa) = load(a);
        let (wb, ab) = load(b);
        compare((&wa, &aa), (&wb, &ab))
    }

    const BASE: &str = "name: s\ncomponents:\n  - { name: api, kind: http-api, traffic: { requests_per_month: 1000, peak_rps: 2 }, memory_mb: 512 }\n  - { name: jobs, kind: worker, traffic: { requests_per_month: 10 } }\n";

    fn paths(c: &Comparison) -> Vec<(&str, Change, Option<&str>, Option<&str>)> {
        c.input_changes
            .iter()
            .map(|x| {
                (
                    x.path.as_str(),
                    x.change,
                    x.a.as_ref().map(|v| v.text.as_str()),
                    x.b.as_ref().map(|v| v.text.as_str()),
                )
            })
            .collect()
    }

    #[test]
    fn the_same_workload_has_no_changes_and_no_deltas() {
        let c = run(BASE, BASE);
        assert!(c.inputs_unchanged());
        assert!(c.components.iter().all(|x| x.delta.is_zero()
            && !x.placement_changed
            && x.rules.is_empty()
            && x.presence == Presence::Both));
        assert_eq!(c.total.delta, Decimal::ZERO);
        assert_eq!(c.total.a, c.total.b);
    }

    #[test]
    fn a_default_written_out_is_no_change() {
        // 512 MB is the default; writing it explicitly changes nothing that matters.
        let b = BASE.replace("kind: worker,", "kind: worker, memory_mb: 512.0,");
        assert!(run(BASE, &b).inputs_unchanged());
    }

    #[test]
    fn a_nested_change_is_reported_by_path_with_exact_values() {
        let b = BASE.replace("peak_rps: 2", "peak_rps: 2.50");
        let c = run(BASE, &b);
        assert_eq!(
            paths(&c),
            [(
                "components[api].traffic.peak_rps",
                Change::Changed,
                Some("2"),
                Some("2.5")
            )]
        );
        assert!(!c.input_changes[0].a.as_ref().unwrap().defaulted);
    }

    #[test]
    fn a_derived_value_that_moves_is_shown_as_a_default() {
        // jobs has no peak_rps: it is derived from requests_per_month (steady: × 1.5).
        let b = BASE.replace("requests_per_month: 10 }", "requests_per_month: 2628000 }");
        let c = run(BASE, &b);
        let changed: Vec<&str> = c.input_changes.iter().map(|x| x.path.as_str()).collect();
        assert_eq!(
            changed,
            [
                "components[jobs].traffic.peak_rps",
                "components[jobs].traffic.requests_per_month"
            ]
        );
        let peak = c
            .input_changes
            .iter()
            .find(|x| x.path == "components[jobs].traffic.peak_rps")
            .unwrap();
        assert_eq!(peak.a.as_ref().unwrap().text, "0.000006");
        assert_eq!(peak.b.as_ref().unwrap().text, "1.5");
        assert!(peak.a.as_ref().unwrap().defaulted && peak.b.as_ref().unwrap().defaulted);
        let req = c
            .input_changes
            .iter()
            .find(|x| x.path == "components[jobs].traffic.requests_per_month")
            .unwrap();
        assert_eq!(
            (req.a.as_ref().unwrap(), req.b.as_ref().unwrap()),
            (
                &InputValue {
                    text: "10".into(),
                    defaulted: false
                },
                &InputValue {
                    text: "2628000".into(),
                    defaulted: false
                }
            )
        );
    }

    #[test]
    fn components_are_matched_by_name_not_position() {
        // B lists the same components in the other order, drops none and adds one.
        let b = "name: s\ncomponents:\n  - { name: jobs, kind: worker, traffic: { requests_per_month: 10 } }\n  - { name: api, kind: http-api, traffic: { requests_per_month: 1000, peak_rps: 2 }, memory_mb: 512 }\n  - { name: cron, kind: scheduled, schedule: { runs_per_day: 1, run_seconds: 60 } }\n";
        let c = run(BASE, b);
        assert_eq!(
            paths(&c),
            [(
                "components[cron]",
                Change::ComponentAdded,
                None,
                Some("scheduled")
            )]
        );
        let names: Vec<&str> = c.components.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["api", "jobs", "cron"]);
        let cron = &c.components[2];
        assert_eq!(cron.presence, Presence::Added);
        assert!(cron.a.is_none() && !cron.placement_changed);
        assert_eq!(
            cron.delta,
            cron.b.as_ref().unwrap().monthly.unwrap_or_default()
        );
    }

    #[test]
    fn a_removed_component_and_optional_fields() {
        let a = BASE.replace("memory_mb: 512 }", "memory_mb: 512, latency_p99_ms: 300 }");
        let b = "name: s\ndescription: now with words\ncomponents:\n  - { name: api, kind: http-api, traffic: { requests_per_month: 1000, peak_rps: 2 }, memory_mb: 512, depends_on: [] }\n";
        let c = run(&a, b);
        assert_eq!(
            paths(&c),
            [
                ("description", Change::Added, None, Some("now with words")),
                (
                    "components[api].latency_p99_ms",
                    Change::Removed,
                    Some("300"),
                    None
                ),
                (
                    "components[jobs]",
                    Change::ComponentRemoved,
                    Some("worker"),
                    None
                ),
            ]
        );
        let jobs = &c.components[1];
        assert_eq!(jobs.presence, Presence::Removed);
        assert_eq!(jobs.delta, -jobs.a.as_ref().unwrap().monthly.unwrap());
    }

    #[test]
    fn a_placement_that_moves_names_the_rules_on_each_side() {
        // A light spiky API stays on Lambda; at 100× the traffic, steady, it moves to a container.
        let a = "name: s\nassumptions: { free_tier: false }\ncomponents:\n  - { name: api, kind: http-api, traffic: { requests_per_month: 336000, shape: spiky, peak_rps: 33.3 }, duration_ms: 250, max_duration_s: 2, memory_mb: 512, runtime: python, package_mb: 40, payload_kb: 20, gateway: rest, latency_p99_ms: 500 }\n";
        let b = a.replace(
            "336000, shape: spiky, peak_rps: 33.3",
            "33600000, shape: steady",
        );
        let c = run(a, &b);
        let api = &c.components[0];
        assert!(api.placement_changed);
        assert_eq!(api.a.as_ref().unwrap().placement, Some(Placement::Lambda));
        assert_eq!(api.b.as_ref().unwrap().placement, Some(Placement::Fargate));
        let ids: Vec<(Side, &str, bool)> = api
            .rules
            .iter()
            .map(|r| (r.fired_in, r.id.as_str(), r.after_choice))
            .collect();
        assert_eq!(
            ids,
            [
                (Side::A, "lambda-managed-instances-not-for-bursts", false),
                (Side::A, "spiky-traffic-favours-functions", false),
                (Side::A, "idle-most-of-the-day", false),
                (Side::A, "cold-starts-in-the-tail", true),
                (Side::A, "api-gateway-front-door", true),
                (Side::B, "lambda-managed-instances-steady-volume", false),
                (Side::B, "sustained-high-utilisation", false),
                (Side::B, "crossover-defers-to-cost", false),
                (Side::B, "reserve-steady-servers", true),
                (Side::B, "load-balancer-front-door", true),
            ]
        );
        // $1.95 of Lambda and API Gateway plus $0.08 of logs; seven 0.5 vCPU tasks behind
        // an ALB with its logs: $108.95.
        assert_eq!(api.delta, dec!(108.95) - dec!(2.03));
        assert_eq!(c.total.delta, dec!(106.92));
        // 106.92 / 2.03 = 52.6699…, so +5,267.0%.
        assert_eq!(c.total.percent, Some(dec!(5267.0)));
        assert_eq!(
            (c.total.adjustment_a, c.total.adjustment_b),
            (dec!(0), dec!(0))
        );
    }

    #[test]
    fn a_schedule_reads_as_runs_a_day_when_exact() {
        let a = "name: c\ncomponents:\n  - { name: r, kind: scheduled, schedule: { runs_per_day: 1, run_seconds: 300 } }\n";
        let b = a.replace("runs_per_day: 1,", "runs_per_day: 24,");
        let c = run(a, &b);
        let ch: Vec<_> = paths(&c)
            .into_iter()
            .filter(|x| x.0.contains("schedule"))
            .collect();
        assert_eq!(
            ch,
            [(
                "components[r].schedule.runs_per_day",
                Change::Changed,
                Some("1"),
                Some("24")
            )]
        );
        // A schedule that is not a whole number of decimals a day stays a monthly count.
        let w = a.replace("runs_per_day: 1,", "runs_per_month: 4.35,");
        let c = run(a, &w);
        let ch: Vec<_> = paths(&c)
            .into_iter()
            .filter(|x| x.0.contains("schedule"))
            .collect();
        assert_eq!(
            ch,
            [
                (
                    "components[r].schedule.runs_per_day",
                    Change::Removed,
                    Some("1"),
                    None
                ),
                (
                    "components[r].schedule.runs_per_month",
                    Change::Added,
                    None,
                    Some("4.35")
                )
            ]
        );
    }

    #[test]
    fn percent_is_absent_when_a_costs_nothing() {
        assert_eq!(percent(dec!(5), Decimal::ZERO), None);
        assert_eq!(percent(dec!(-1), dec!(3)), Some(dec!(-33.3)));
        assert_eq!(percent(dec!(1), dec!(8)), Some(dec!(12.5)));
    }

    /// Every pair of example workloads (144 comparisons): the figures reconcile and the
    /// explanation is there wherever a placement moved.
    #[test]
    fn every_pair_of_examples_reconciles() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/workloads");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        let loaded: Vec<(Workload, Advice)> = files
            .iter()
            .map(|f| load(&std::fs::read_to_string(f).unwrap()))
            .collect();
        assert_eq!(loaded.len(), 12);
        let mut moves = 0;
        for (i, (wa, aa)) in loaded.iter().enumerate() {
            for (j, (wb, ab)) in loaded.iter().enumerate() {
                let c = compare((wa, aa), (wb, ab));
                let t = &c.total;
                assert_eq!(c.inputs_unchanged(), i == j, "{} vs {}", wa.name, wb.name);
                // The components' deltas and the change in shared fees add up to the total's.
                let deltas: Decimal = c.components.iter().map(|x| x.delta).sum();
                assert_eq!(
                    deltas + t.adjustment_b - t.adjustment_a + t.stores_b - t.stores_a,
                    t.delta
                );
                for x in &c.components {
                    let moved = x.placement_changed;
                    assert_eq!(moved, !x.standings.is_empty(), "{}", x.name);
                    if moved {
                        moves += 1;
                        assert!(x.presence == Presence::Both);
                        let (pa, pb) = (
                            x.a.as_ref().unwrap().placement,
                            x.b.as_ref().unwrap().placement,
                        );
                        let listed: Vec<_> = x.standings.iter().map(|s| s.placement).collect();
                        let expected: Vec<_> = [pa, pb].into_iter().flatten().collect();
                        assert_eq!(listed, expected);
                    }
                    if i == j {
                        assert!(!moved && x.delta.is_zero());
                    }
                }
            }
        }
        // orders-api runs on lambda in order-workflow and on fargate in rest-api-10m.
        assert_eq!(moves, 2);
    }

    /// The value at a table path (`components[].memory_mb`) in a resolved tree, first
    /// list element.
    fn at<'a>(tree: &'a serde_json::Value, path: &str) -> &'a serde_json::Value {
        path.split('.')
            .fold(tree, |v, step| match step.strip_suffix("[]") {
                Some(list) => &v[list][0],
                None => &v[step],
            })
    }

    #[test]
    fn compares_resolved_view_fills_in_the_tables_defaults() {
        let yaml = "name: x\nstores:\n  - { name: db, engine: aurora-serverless }\ncomponents:\n  - name: a\n    kind: worker\n    traffic: { requests_per_month: 1000 }\n";
        let (w, _) = load_str("w.yaml", yaml).unwrap();
        let tree = resolved_tree(&w);
        let mut checked = 0;
        for f in crate::workload::fields::ALL {
            let Some(default) = f.default else { continue };
            let v = at(&tree, f.path);
            let text = match v {
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::String(s) => s.clone(),
                other => panic!("{}: {other} in the resolved view", f.path),
            };
            let got: rust_decimal::Decimal = text.parse().unwrap();
            assert_eq!(got, default, "{}", f.path);
            checked += 1;
        }
        assert!(checked >= 15, "{checked}");
    }
}
