//! The traits a rule can test: component traits, workload traits and derived facts.
//! One registry serves the engine (values) and the linter (names and types).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use rust_decimal::dec;

use crate::cost::{ComponentCost, Priced};
use crate::placement::Placement;
use crate::workload::{
    Arch, Component, Connections, Gateway, Gpu, Kind, Runtime, Shape, State, Store, Workload,
};

/// A fact's value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Value {
    Number(Decimal),
    Word(String),
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
            n("payload_kb", "request size"),
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
            w("data_store", Store::NAMES, "kind of data store"),
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
    }
}

pub fn lookup(name: &str) -> Option<&'static TraitDef> {
    registry().iter().find(|t| t.name == name)
}

/// Estimated Lambda cold-start p99 (ms) before package size: seed 000's measured p99
/// where it has the runtime ('Cold Start Performance Comparison'), else seed 002's upper
/// p99 ('Cold Start Duration by Runtime').
pub fn cold_start_base_ms(r: Runtime) -> Decimal {
    match r {
        Runtime::Node => dec!(218),
        Runtime::Python => dec!(267),
        Runtime::Go => dec!(156),
        Runtime::Rust => dec!(150),
        Runtime::Java => dec!(4120),
        Runtime::Dotnet => dec!(489),
        // A container image is pulled on a cold start; the package term below dominates.
        Runtime::Container => dec!(1000),
    }
}

/// Seed 002 'What Affects Cold Start Duration': +100 ms per 10 MB of package.
pub const COLD_START_MS_PER_MB: Decimal = dec!(10);

/// The facts of one component, by trait name.
pub type Facts = BTreeMap<&'static str, Value>;

/// Computes every fact of a component; a trait without a value (no latency target, an
/// unpriced placement) is simply absent.
pub fn facts(w: &Workload, c: &Component, cost: &ComponentCost) -> Facts {
    let mut f = Facts::new();
    let num = |f: &mut Facts, k: &'static str, v: Decimal| {
        f.insert(k, Value::Number(v.normalize()));
    };
    let word = |f: &mut Facts, k: &'static str, v: &str| {
        f.insert(k, Value::Word(v.to_string()));
    };
    let month_s = w.assumptions.hours_per_month * dec!(3600);
    let dur_s = c.duration_ms / dec!(1000);
    let avg_rps = c.requests_per_month / month_s;
    word(&mut f, "kind", c.kind.as_str());
    num(&mut f, "requests_per_month", c.requests_per_month);
    word(&mut f, "shape", c.shape.as_str());
    num(&mut f, "peak_rps", c.peak_rps);
    num(&mut f, "avg_rps", avg_rps.round_dp(6));
    let util = if c.peak_rps.is_zero() {
        Decimal::ZERO
    } else {
        (avg_rps / c.peak_rps).min(Decimal::ONE)
    };
    num(&mut f, "utilisation", util.round_dp(4));
    num(&mut f, "avg_concurrency", (avg_rps * dur_s).round_dp(4));
    num(&mut f, "peak_concurrency", (c.peak_rps * dur_s).round_dp(4));
    num(&mut f, "duration_ms", c.duration_ms);
    num(&mut f, "cpu_ms", c.cpu_ms);
    num(&mut f, "max_duration_s", c.max_duration_s);
    num(&mut f, "memory_mb", c.memory_mb);
    word(&mut f, "arch", c.arch.as_str());
    num(&mut f, "ephemeral_storage_mb", c.ephemeral_storage_mb);
    word(&mut f, "runtime", c.runtime.as_str());
    num(&mut f, "package_mb", c.package_mb);
    word(&mut f, "gpu", c.gpu.as_str());
    word(&mut f, "state", c.state.as_str());
    word(&mut f, "connections", c.connections.as_str());
    let cold = (cold_start_base_ms(c.runtime) + c.package_mb * COLD_START_MS_PER_MB).round_dp(0);
    num(&mut f, "cold_start_p99_ms", cold);
    f.insert(
        "has_latency_target",
        Value::Bool(c.latency_p99_ms.is_some()),
    );
    if let Some(l) = c.latency_p99_ms {
        num(&mut f, "latency_p99_ms", l);
    }
    f.insert(
        "cold_start_exceeds_target",
        Value::Bool(c.latency_p99_ms.is_some_and(|l| cold > l)),
    );
    num(&mut f, "payload_kb", c.payload_kb);
    word(&mut f, "gateway", c.gateway.as_str());
    f.insert(
        "has_provisioned_concurrency",
        Value::Bool(c.provisioned.is_some()),
    );
    f.insert("scheduled", Value::Bool(c.schedule.is_some()));
    let (runs, run_s) = c
        .schedule
        .as_ref()
        .map(|s| (s.runs_per_month, s.run_seconds))
        .unwrap_or_default();
    num(&mut f, "runs_per_month", runs.round_dp(4));
    num(&mut f, "run_seconds", run_s);
    let days = w.assumptions.hours_per_month / dec!(24);
    let busy_s = if c.schedule.is_some() {
        runs * run_s
    } else {
        c.requests_per_month * dur_s
    };
    num(
        &mut f,
        "active_hours_per_day",
        (busy_s / days / dec!(3600)).round_dp(4),
    );
    num(&mut f, "concurrent_connections", c.concurrent_connections);
    num(&mut f, "fanout", c.fanout);
    word(&mut f, "data_store", c.data.store.as_str());
    num(
        &mut f,
        "db_max_connections",
        c.data.max_connections.unwrap_or_default(),
    );
    num(
        &mut f,
        "cross_region_gb_month",
        c.data.cross_region_gb_month,
    );
    num(
        &mut f,
        "internet_egress_gb_month",
        c.data.internet_egress_gb_month,
    );
    f.insert("dedicated_hardware", Value::Bool(c.dedicated_hardware));
    num(&mut f, "state_transitions", c.state_transitions);
    num(
        &mut f,
        "depends_on_count",
        Decimal::from(c.depends_on.len()),
    );
    let dependents = w
        .components
        .iter()
        .filter(|o| o.depends_on.contains(&c.name))
        .count();
    num(&mut f, "dependents_count", Decimal::from(dependents));
    num(&mut f, "hours_per_month", w.assumptions.hours_per_month);
    f.insert("free_tier", Value::Bool(w.assumptions.free_tier));
    word(
        &mut f,
        "current_platform",
        w.current
            .as_ref()
            .map(|c| c.platform.as_str())
            .unwrap_or("none"),
    );
    num(&mut f, "component_count", Decimal::from(w.components.len()));
    for p in &cost.options {
        if let Priced::Priced(o) = p {
            num(&mut f, cost_trait(o.placement), o.monthly);
        }
    }
    if let Some(o) = cost.cheapest() {
        word(&mut f, "cheapest", o.placement.as_str());
    }
    if let Some(o) = cost.option(Placement::Lambda) {
        // Before any free tier: the share of the list price that requests make up.
        let price = |item: &str| {
            o.lines
                .iter()
                .find(|l| l.item.starts_with(item))
                .map(|l| l.unit_price)
        };
        if let (Some(rp), Some(dp)) = (price("Lambda requests"), price("Lambda duration")) {
            let req = c.requests_per_month * rp;
            let all = req + c.requests_per_month * dur_s * c.memory_mb / dec!(1024) * dp;
            let share = if all.is_zero() {
                Decimal::ZERO
            } else {
                req / all
            };
            num(&mut f, "lambda_request_share", share.round_dp(4));
        }
    }
    f
}
