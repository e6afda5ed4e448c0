//! The traits a rule can test: component traits, workload traits and derived facts.
//! One registry serves the engine (values) and the linter (names and types).

use rust_decimal::Decimal;
use rust_decimal::dec;

use crate::cost::latency::{self, cold_start_p99_ms};
use crate::cost::money::RoundEven;
use crate::cost::{ComponentCost, Priced};
use crate::placement::{Placement, Provider};
use crate::workload::{
    Arch, Component, Connections, Gateway, Gpu, Kind, Origin, Runtime, Shape, State, Store,
    Workload, key,
};

/// A fact's value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Value {
    Number(Decimal),
    Word(std::borrow::Cow<'static, str>),
    Bool(bool),
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Number(d) => write!(f, "{}", crate::cost::qty(*d)),
            Value::Word(w) => f.write_str(w),
            Value::Bool(b) => write!(f, "{b}"),
        }
    }
}

/// What kind of value a trait holds, for the linter's type checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    Number,
    Bool,
    /// A word from a closed set.
    Word(&'static [&'static str]),
}

impl Type {
    pub fn describe(self) -> String {
        match self {
            Type::Number => "a number".into(),
            Type::Bool => "true or false".into(),
            Type::Word(ws) => format!("one of {}", ws.join(", ")),
        }
    }
}

/// A trait rules can name: its name, type and meaning.
pub struct TraitDef {
    pub name: &'static str,
    pub ty: Type,
    pub about: &'static str,
}

/// Every trait a rule may test.
pub fn registry() -> &'static [TraitDef] {
    use std::sync::OnceLock;
    static REG: OnceLock<Vec<TraitDef>> = OnceLock::new();
    REG.get_or_init(|| {
        let n = |name, about| TraitDef {
            name,
            ty: Type::Number,
            about,
        };
        let b = |name, about| TraitDef {
            name,
            ty: Type::Bool,
            about,
        };
        let w = |name, ws, about| TraitDef {
            name,
            ty: Type::Word(ws),
            about,
        };
        let mut v = vec![
            w("kind", Kind::NAMES, "what the component does"),
            n(
                "requests_per_month",
                "invocations, executions or messages a month",
            ),
            w("shape", Shape::NAMES, "how traffic varies"),
            n("peak_rps", "peak requests per second"),
            n("avg_rps", "requests per second averaged over the month"),
            n(
                "utilisation",
                "average ÷ peak load: how busy capacity sized for the peak would be (0 to 1)",
            ),
            n(
                "avg_concurrency",
                "requests in flight on average (avg_rps × duration)",
            ),
            n(
                "peak_concurrency",
                "requests in flight at peak, by Little's law (peak_rps × duration)",
            ),
            n("duration_ms", "average billed wall time per invocation"),
            n("cpu_ms", "CPU time per invocation"),
            n("max_duration_s", "longest single execution"),
            n("memory_mb", "memory per instance"),
            w("arch", Arch::NAMES, "CPU architecture"),
            n("ephemeral_storage_mb", "scratch disk per instance"),
            w("runtime", Runtime::NAMES, "language runtime"),
            n("package_mb", "deployment package or image size"),
            w("gpu", Gpu::NAMES, "GPU need"),
            w("state", State::NAMES, "where state lives"),
            w(
                "connections",
                Connections::NAMES,
                "persistent connections held",
            ),
            n(
                "latency_p99_ms",
                "target p99 latency (absent when no target is set)",
            ),
            b("has_latency_target", "a p99 latency target is set"),
            n(
                "cold_start_p99_ms",
                "estimated Lambda cold-start p99 for the runtime and package size",
            ),
            b(
                "cold_start_exceeds_target",
                "the estimated cold-start p99 is above the latency target",
            ),
            n(
                "cold_start_share",
                "share of requests a function that scales from zero would start cold (0 to 1)",
            ),
            n("payload_kb", "request size"),
            n("response_kb", "response size"),
            n(
                "calls_per_request",
                "calls to other services per request (database queries, HTTP calls)",
            ),
            w("gateway", Gateway::NAMES, "front door"),
            b(
                "has_provisioned_concurrency",
                "provisioned concurrency is configured",
            ),
            b("scheduled", "runs on a schedule"),
            n(
                "runs_per_month",
                "scheduled runs a month (0 without a schedule)",
            ),
            n(
                "run_seconds",
                "length of one scheduled run (0 without a schedule)",
            ),
            n(
                "active_hours_per_day",
                "hours a day the component does work (requests × duration, or its schedule)",
            ),
            n("concurrent_connections", "average open connections"),
            n("fanout", "messages sent per message received"),
            n(
                "deliveries_per_second",
                "messages received and sent on average per second (avg_rps × (1 + fanout))",
            ),
            w("data_store", Store::NAMES, "kind of data store"),
            w(
                "stores_cloud",
                Provider::NAMES,
                "the cloud the workload's data stores are on (aws whenever it is one of the workload's providers)",
            ),
            n(
                "db_max_connections",
                "connections the database accepts (0 when it has no relational store)",
            ),
            n(
                "cross_region_gb_month",
                "data read from another region a month",
            ),
            n(
                "internet_egress_gb_month",
                "data sent to the internet a month",
            ),
            b("dedicated_hardware", "must run on single-tenant hardware"),
            n(
                "state_transitions",
                "state transitions per workflow execution",
            ),
            n("depends_on_count", "components this one depends on"),
            n("dependents_count", "components that depend on this one"),
            n("hours_per_month", "month length the workload assumes"),
            b("free_tier", "free tiers applied"),
            w(
                "current_platform",
                current_words(),
                "today's deployment (none when not given)",
            ),
            n("component_count", "components in the workload"),
            w(
                "cheapest",
                Placement::NAMES,
                "the cheapest priced placement",
            ),
            n(
                "lambda_request_share",
                "share of the Lambda bill that is request charges (0 to 1)",
            ),
        ];
        for p in Placement::ALL {
            v.push(TraitDef {
                name: cost_trait(*p),
                ty: Type::Number,
                about: "monthly cost of the placement (absent when it cannot be priced)",
            });
        }
        v
    })
}

fn current_words() -> &'static [&'static str] {
    &[
        "monolith",
        "vms",
        "containers",
        "kubernetes",
        "serverless",
        "none",
    ]
}

/// Whether a trait's value comes from the component's bills (each placement's cost, the
/// cheapest placement, the requests' share of a Lambda bill): the facts [`facts`] sets from
/// the priced options, and only from them.
pub fn from_costs(name: &str) -> bool {
    name.starts_with("cost.") || name == "cheapest" || name == "lambda_request_share"
}

/// The name of the trait holding a placement's monthly cost: `cost.lambda`.
pub fn cost_trait(p: Placement) -> &'static str {
    match p {
        Placement::Lambda => "cost.lambda",
        Placement::LambdaEdge => "cost.lambda-edge",
        Placement::CloudflareWorkers => "cost.cloudflare-workers",
        Placement::Fargate => "cost.fargate",
        Placement::Eks => "cost.eks",
        Placement::Ec2 => "cost.ec2",
        Placement::GpuInstance => "cost.gpu-instance",
        Placement::ServerlessGpu => "cost.serverless-gpu",
        Placement::StepFunctionsStandard => "cost.step-functions-standard",
        Placement::StepFunctionsExpress => "cost.step-functions-express",
        Placement::CloudRun => "cost.cloud-run",
        Placement::CloudRunJobs => "cost.cloud-run-jobs",
        Placement::CloudRunFunctions => "cost.cloud-run-functions",
        Placement::GkeAutopilot => "cost.gke-autopilot",
        Placement::FargateSpot => "cost.fargate-spot",
        Placement::LambdaManagedInstances => "cost.lambda-managed-instances",
        Placement::Modal => "cost.modal",
        Placement::Replicate => "cost.replicate",
        Placement::TemporalCloud => "cost.temporal-cloud",
        Placement::LambdaDurableFunctions => "cost.lambda-durable-functions",
    }
}

pub fn lookup(name: &str) -> Option<&'static TraitDef> {
    registry().iter().find(|t| t.name == name)
}

/// A trait a rule names, resolved when the rule is loaded: its name, and its place in
/// the registry, where the facts keep its value (read without looking the name up).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TraitRef {
    pub name: &'static str,
    at: u16,
}

impl TraitRef {
    /// The registered trait called `name`.
    pub fn resolve(name: &str) -> Option<TraitRef> {
        let at = *index().by_name.get(name)?;
        Some(TraitRef {
            name: registry()[at].name,
            at: at as u16,
        })
    }
}

impl std::ops::Deref for TraitRef {
    type Target = str;
    fn deref(&self) -> &str {
        self.name
    }
}

impl std::fmt::Display for TraitRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// Each trait's place in the registry, and the registry's places in name order.
struct Index {
    /// A fast fixed hash: the names are the registry's own, read hundreds of times a
    /// component (no untrusted keys).
    by_name: std::collections::HashMap<&'static str, usize, foldhash::fast::FixedState>,
    sorted: Vec<usize>,
}

/// The registry place of a trait a literal names, looked up once per call site.
macro_rules! at {
    ($name:literal) => {{
        static AT: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
        *AT.get_or_init(|| index().by_name[$name])
    }};
}

fn index() -> &'static Index {
    static INDEX: std::sync::OnceLock<Index> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let reg = registry();
        let mut sorted: Vec<usize> = (0..reg.len()).collect();
        sorted.sort_by_key(|&i| reg[i].name);
        Index {
            by_name: reg.iter().enumerate().map(|(i, t)| (t.name, i)).collect(),
            sorted,
        }
    })
}

/// The facts of one component, by trait name, each with where its value came from. Held
/// by the trait's place in the registry: a rule base reads them hundreds of times.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    slots: Vec<Option<(Value, Origin)>>,
    /// `cold_start_share`, worked out the first time it is read: most components have no
    /// latency target, and the rules that read it test the target first.
    cold_share: Option<LazyShare>,
}

/// The share of requests that start cold on Lambda, from inputs gathered with the other
/// facts, with the arithmetic left until the value is read.
#[derive(Clone)]
struct LazyShare {
    at: usize,
    inputs: latency::ColdStartInputs,
    origin: Origin,
    value: std::cell::OnceCell<(Value, Origin)>,
}

impl LazyShare {
    fn get(&self) -> &(Value, Origin) {
        self.value.get_or_init(|| {
            let starts = self.inputs.starts(latency::LAMBDA_IDLE_S, false, "");
            (
                Value::Number(starts.share.round_even(4).normalize()),
                self.origin,
            )
        })
    }
}

/// Shown with its value, as if it had always been there.
impl std::fmt::Debug for LazyShare {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LazyShare")
            .field("at", &self.at)
            .field("inputs", &self.inputs)
            .field("value", self.get())
            .finish()
    }
}

/// Two facts are equal for the same inputs, whether or not the value has been read yet.
impl PartialEq for LazyShare {
    fn eq(&self, other: &Self) -> bool {
        self.at == other.at && self.inputs == other.inputs && self.origin == other.origin
    }
}

impl Facts {
    fn slot(&self, name: &str) -> Option<&(Value, Origin)> {
        self.slot_at(*index().by_name.get(name)?)
    }
    fn slot_at(&self, i: usize) -> Option<&(Value, Origin)> {
        if let Some(v) = self.slots.get(i)?.as_ref() {
            return Some(v);
        }
        match &self.cold_share {
            Some(l) if l.at == i => Some(l.get()),
            _ => None,
        }
    }
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.slot(name).map(|(v, _)| v)
    }
    /// The value of a resolved trait.
    pub fn at(&self, t: TraitRef) -> Option<&Value> {
        self.slot_at(usize::from(t.at)).map(|(v, _)| v)
    }
    /// Where the fact's value came from (given when nothing else is recorded).
    pub fn origin(&self, name: &str) -> Origin {
        self.slot(name).map(|(_, o)| *o).unwrap_or(Origin::Given)
    }
    /// Sets a fact as given.
    pub fn insert(&mut self, name: &'static str, v: Value) {
        self.set(name, v, Origin::Given);
    }
    /// Sets a fact. Only the registry's traits are facts: a rule can test nothing else.
    pub fn set(&mut self, name: &'static str, v: Value, origin: Origin) {
        let Some(&i) = index().by_name.get(name) else {
            debug_assert!(false, "`{name}` is not a registered trait");
            return;
        };
        self.set_at(i, v, origin);
    }
    /// Sets the fact at its registry place.
    fn set_at(&mut self, i: usize, v: Value, origin: Origin) {
        if self.slots.is_empty() {
            self.slots.resize(registry().len(), None);
        }
        self.slots[i] = Some((v, origin));
    }
    /// Every fact with a value, in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &Value)> {
        let reg = registry();
        index()
            .sorted
            .iter()
            .filter_map(move |&i| self.slot_at(i).map(|(v, _)| (reg[i].name, v)))
    }
}

/// Computes every fact of a component, each with its origin; a trait without a value
/// (no latency target, an unpriced placement) is simply absent.
pub fn facts(w: &Workload, c: &Component, cost: &ComponentCost) -> Facts {
    let mut f = Facts::default();
    // The least certain origin of the traits named (Given < Derived < Default).
    macro_rules! o {
        ($($name:literal),+) => {
            [$(c.origin_at(key!($name))),+].into_iter().max().unwrap_or(Origin::Given)
        };
    }
    let num = |f: &mut Facts, k: usize, v: Decimal, origin: Origin| {
        f.set_at(k, Value::Number(v.normalize()), origin);
    };
    let word = |f: &mut Facts, k: usize, v: &'static str, origin: Origin| {
        f.set_at(k, Value::Word(v.into()), origin);
    };
    let flag = |f: &mut Facts, k: usize, v: bool, origin: Origin| {
        f.set_at(k, Value::Bool(v), origin);
    };
    let month_s = w.assumptions.hours_per_month * dec!(3600);
    let dur_s = c.duration_ms / dec!(1000);
    let avg_rps = c.requests_per_month / month_s;
    let volume = o!("requests_per_month");
    word(&mut f, at!("kind"), c.kind.as_str(), Origin::Given);
    num(
        &mut f,
        at!("requests_per_month"),
        c.requests_per_month,
        volume,
    );
    word(&mut f, at!("shape"), c.shape.as_str(), o!("shape"));
    num(&mut f, at!("peak_rps"), c.peak_rps, o!("peak_rps"));
    num(&mut f, at!("avg_rps"), avg_rps.round_even(6), volume);
    let util = if c.peak_rps.is_zero() {
        Decimal::ZERO
    } else {
        (avg_rps / c.peak_rps).min(Decimal::ONE)
    };
    num(
        &mut f,
        at!("utilisation"),
        util.round_even(4),
        o!("requests_per_month", "peak_rps"),
    );
    num(
        &mut f,
        at!("avg_concurrency"),
        (avg_rps * dur_s).round_even(4),
        o!("requests_per_month", "duration_ms"),
    );
    num(
        &mut f,
        at!("peak_concurrency"),
        (c.peak_rps * dur_s).round_even(4),
        o!("peak_rps", "duration_ms"),
    );
    num(&mut f, at!("duration_ms"), c.duration_ms, o!("duration_ms"));
    num(&mut f, at!("cpu_ms"), c.cpu_ms, o!("cpu_ms"));
    num(
        &mut f,
        at!("max_duration_s"),
        c.max_duration_s,
        o!("max_duration_s"),
    );
    num(&mut f, at!("memory_mb"), c.memory_mb, o!("memory_mb"));
    word(&mut f, at!("arch"), c.arch.as_str(), o!("arch"));
    num(
        &mut f,
        at!("ephemeral_storage_mb"),
        c.ephemeral_storage_mb,
        o!("ephemeral_storage_mb"),
    );
    word(&mut f, at!("runtime"), c.runtime.as_str(), o!("runtime"));
    num(&mut f, at!("package_mb"), c.package_mb, o!("package_mb"));
    word(&mut f, at!("gpu"), c.gpu.as_str(), o!("gpu"));
    word(&mut f, at!("state"), c.state.as_str(), o!("state"));
    word(
        &mut f,
        at!("connections"),
        c.connections.as_str(),
        o!("connections"),
    );
    let cold = cold_start_p99_ms(c);
    let cold_origin = o!("runtime", "package_mb").max(Origin::Derived);
    num(&mut f, at!("cold_start_p99_ms"), cold, cold_origin);
    let (inputs, _) = latency::ColdStartInputs::of(c, w.assumptions.hours_per_month, false);
    f.cold_share = Some(LazyShare {
        at: at!("cold_start_share"),
        inputs,
        origin: o!("requests_per_month", "shape", "peak_rps").max(Origin::Derived),
        value: std::cell::OnceCell::new(),
    });
    flag(
        &mut f,
        at!("has_latency_target"),
        c.latency_p99_ms.is_some(),
        Origin::Given,
    );
    if let Some(l) = c.latency_p99_ms {
        num(&mut f, at!("latency_p99_ms"), l, Origin::Given);
    }
    flag(
        &mut f,
        at!("cold_start_exceeds_target"),
        c.latency_p99_ms.is_some_and(|l| cold > l),
        cold_origin,
    );
    num(&mut f, at!("payload_kb"), c.payload_kb, o!("payload_kb"));
    num(&mut f, at!("response_kb"), c.response_kb, o!("response_kb"));
    num(
        &mut f,
        at!("calls_per_request"),
        c.calls_per_request,
        o!("calls_per_request"),
    );
    word(&mut f, at!("gateway"), c.gateway.as_str(), o!("gateway"));
    flag(
        &mut f,
        at!("has_provisioned_concurrency"),
        c.provisioned.is_some(),
        Origin::Given,
    );
    // No schedule is a fact of the file, not an assumption.
    let sched = match c.origin_at(key!("schedule")) {
        Origin::Default => Origin::Given,
        o => o,
    };
    flag(&mut f, at!("scheduled"), c.schedule.is_some(), sched);
    let (runs, run_s) = c
        .schedule
        .as_ref()
        .map(|s| (s.runs_per_month, s.run_seconds))
        .unwrap_or_default();
    num(
        &mut f,
        at!("runs_per_month"),
        runs.round_even(4),
        sched.max(volume),
    );
    num(&mut f, at!("run_seconds"), run_s, sched);
    let days = w.assumptions.hours_per_month / dec!(24);
    let busy_s = if c.schedule.is_some() {
        runs * run_s
    } else {
        c.requests_per_month * dur_s
    };
    num(
        &mut f,
        at!("active_hours_per_day"),
        (busy_s / days / dec!(3600)).round_even(4),
        o!("requests_per_month", "duration_ms")
            .max(sched)
            .max(Origin::Derived),
    );
    num(
        &mut f,
        at!("concurrent_connections"),
        c.concurrent_connections,
        o!("concurrent_connections"),
    );
    num(&mut f, at!("fanout"), c.fanout, o!("fanout"));
    num(
        &mut f,
        at!("deliveries_per_second"),
        (avg_rps * (Decimal::ONE + c.fanout)).round_even(4),
        o!("requests_per_month", "fanout"),
    );
    word(
        &mut f,
        at!("data_store"),
        c.data.store.as_str(),
        Origin::Given,
    );
    word(
        &mut f,
        at!("stores_cloud"),
        crate::placement::stores_cloud(&w.providers).as_str(),
        Origin::Derived,
    );
    num(
        &mut f,
        at!("db_max_connections"),
        c.data.max_connections.unwrap_or_default(),
        o!("max_connections"),
    );
    num(
        &mut f,
        at!("cross_region_gb_month"),
        c.data.cross_region_gb_month,
        o!("cross_region_gb_month"),
    );
    num(
        &mut f,
        at!("internet_egress_gb_month"),
        c.data.internet_egress_gb_month,
        Origin::Given,
    );
    flag(
        &mut f,
        at!("dedicated_hardware"),
        c.dedicated_hardware,
        Origin::Given,
    );
    num(
        &mut f,
        at!("state_transitions"),
        c.state_transitions,
        Origin::Given,
    );
    num(
        &mut f,
        at!("depends_on_count"),
        Decimal::from(c.depends_on.len()),
        Origin::Given,
    );
    num(
        &mut f,
        at!("dependents_count"),
        Decimal::from(c.dependents),
        Origin::Given,
    );
    num(
        &mut f,
        at!("hours_per_month"),
        w.assumptions.hours_per_month,
        Origin::Given,
    );
    flag(
        &mut f,
        at!("free_tier"),
        w.assumptions.free_tier,
        Origin::Given,
    );
    word(
        &mut f,
        at!("current_platform"),
        w.current
            .as_ref()
            .map(|c| c.platform.as_str())
            .unwrap_or("none"),
        Origin::Given,
    );
    num(
        &mut f,
        at!("component_count"),
        Decimal::from(w.components.len()),
        Origin::Given,
    );
    for p in &cost.options {
        if let Priced::Priced(o) = p {
            num(
                &mut f,
                index().by_name[cost_trait(o.placement)],
                o.monthly,
                Origin::Derived,
            );
        }
    }
    if let Some(o) = cost.cheapest() {
        word(
            &mut f,
            at!("cheapest"),
            o.placement.as_str(),
            Origin::Derived,
        );
    }
    if let Some(o) = cost.option(Placement::Lambda) {
        // Before any free tier: the share of the list price that requests make up.
        let price = |id: &str| o.lines.iter().find(|l| l.id == id).map(|l| l.unit_price);
        if let (Some(rp), Some(dp)) = (price("lambda.requests"), price("lambda.duration")) {
            let req = c.requests_per_month * rp;
            let all = req + c.requests_per_month * dur_s * c.memory_mb / dec!(1024) * dp;
            let share = if all.is_zero() {
                Decimal::ZERO
            } else {
                req / all
            };
            num(
                &mut f,
                at!("lambda_request_share"),
                share.round_even(4),
                Origin::Derived,
            );
        }
    }
    f
}
