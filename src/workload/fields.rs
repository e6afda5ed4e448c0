//! The workload's numeric fields: each one's bounds, unit, whole-number flag and, where it
//! is a constant, its default. Validation checks every number against this table, the
//! schema publishes its bounds as `minimum` and `maximum`, and compare's resolved view
//! reads its defaults from it, so the three cannot disagree.

use rust_decimal::Decimal;
use rust_decimal::dec;

use super::{Component, RawComponent, RawStore, RawWorkload, StoreDef, Workload};
use crate::input::Dec;

/// Largest values archway accepts; beyond them an input is a mistake, not a workload.
pub const MAX_REQUESTS: Decimal = dec!(1_000_000_000_000_000); // 10^15 a month ≈ 380M req/s
pub const MAX_RPS: Decimal = dec!(1_000_000_000);
pub const MAX_MEMORY_MB: Decimal = dec!(1_048_576); // 1 TiB: more than any instance in the catalog
pub const MAX_STORAGE_MB: Decimal = dec!(1_048_576);
pub const MAX_GB_MONTH: Decimal = dec!(1_000_000_000);
/// Two years: a durable workflow may wait longer than a month for people.
pub const MAX_WAIT_S: Decimal = dec!(63_072_000);
/// [`MAX_REQUESTS`] ÷ 31, the most a day of the longest month holds.
pub const MAX_REQUESTS_PER_DAY: Decimal = dec!(32_258_064_516_129.032258064516129);

/// One numeric field of the workload file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Field {
    /// Where it sits in the file; `[]` stands for any list index.
    pub path: &'static str,
    /// The schema definition that holds it and its key there.
    pub def: &'static str,
    pub key: &'static str,
    /// Smallest value accepted.
    pub lo: Decimal,
    /// Largest value accepted; `None` where it depends on another field (see `relative`),
    /// and the check supplies it with [`Field::up_to`].
    pub hi: Option<Decimal>,
    /// What the upper bound depends on, for a field whose `hi` is `None`.
    pub relative: Option<&'static str>,
    /// Only whole numbers.
    pub whole: bool,
    /// The unit named in messages.
    pub unit: &'static str,
    /// The default when it is a constant; `None` where it depends on other fields or
    /// the field has no default.
    pub default: Option<Decimal>,
}

impl Field {
    /// The largest value accepted (unbounded for a relative field not given its bound).
    pub fn max(&self) -> Decimal {
        self.hi.unwrap_or(Decimal::MAX)
    }

    /// This field with its relative upper bound resolved.
    pub fn up_to(&self, hi: Decimal) -> Field {
        Field {
            hi: Some(hi),
            ..*self
        }
    }

    /// The constant default (zero for a field without one; callers pass their own).
    pub fn default_value(&self) -> Decimal {
        self.default.unwrap_or(Decimal::ZERO)
    }

    /// A schemars transform adding this field's static bounds as `minimum` and `maximum`
    /// (JSON Schema applies them to numbers only, so the digit-string form is unaffected),
    /// and a relative upper bound to its description.
    pub fn schema(self) -> impl FnMut(&mut schemars::Schema) {
        move |s: &mut schemars::Schema| {
            s.insert("minimum".into(), json_number(self.lo));
            if let Some(hi) = self.hi {
                s.insert("maximum".into(), json_number(hi));
            }
            // A bound that depends on another field is said in words.
            if let Some(rel) = self.relative {
                let said = s
                    .get("description")
                    .and_then(|d| d.as_str())
                    .map(|d| format!("{d} At most {rel}."))
                    .unwrap_or_else(|| format!("At most {rel}."));
                s.insert("description".into(), said.into());
            }
        }
    }
}

/// A decimal as a JSON number (integers exactly; fractions as the nearest JSON number).
pub fn json_number(d: Decimal) -> serde_json::Value {
    let text = d.normalize().to_string();
    serde_json::from_str(&text).unwrap_or(serde_json::Value::Null)
}

macro_rules! field {
    ($name:ident, $def:literal, $key:literal, $path:literal, $lo:expr, $hi:expr, $whole:expr, $unit:literal, $default:expr) => {
        pub const $name: Field = Field {
            path: $path,
            def: $def,
            key: $key,
            lo: $lo,
            hi: Some($hi),
            relative: None,
            whole: $whole,
            unit: $unit,
            default: $default,
        };
    };
    ($name:ident, $def:literal, $key:literal, $path:literal, $lo:expr, relative $rel:literal, $whole:expr, $unit:literal, $default:expr) => {
        pub const $name: Field = Field {
            path: $path,
            def: $def,
            key: $key,
            lo: $lo,
            hi: None,
            relative: Some($rel),
            whole: $whole,
            unit: $unit,
            default: $default,
        };
    };
}

const ZERO: Decimal = Decimal::ZERO;
const ONE: Decimal = Decimal::ONE;

// Assumptions and today's bill.
field!(
    HOURS_PER_MONTH,
    "Assumptions",
    "hours_per_month",
    "assumptions.hours_per_month",
    ONE,
    dec!(744),
    false,
    "hours",
    Some(dec!(730))
);
field!(
    MONTHLY_COST_USD,
    "Current",
    "monthly_cost_usd",
    "current.monthly_cost_usd",
    ZERO,
    dec!(1_000_000_000_000),
    false,
    "USD",
    None
);

// Stores.
field!(
    STORE_INSTANCES,
    "Store",
    "instances",
    "stores[].instances",
    ONE,
    dec!(100),
    true,
    "instances",
    Some(ONE)
);
field!(
    STORE_STORAGE_GB,
    "Store",
    "storage_gb",
    "stores[].storage_gb",
    ZERO,
    dec!(1_000_000_000),
    false,
    "GB",
    None
);
field!(
    ACU_MIN,
    "Acu",
    "min",
    "stores[].acu.min",
    ZERO,
    dec!(256),
    false,
    "ACUs",
    Some(dec!(0.5))
);
field!(
    ACU_MAX,
    "Acu",
    "max",
    "stores[].acu.max",
    ONE,
    dec!(256),
    false,
    "ACUs",
    Some(dec!(4))
);
field!(
    STORE_MAX_CONNECTIONS,
    "Store",
    "max_connections",
    "stores[].max_connections",
    ONE,
    dec!(10_000_000),
    true,
    "connections",
    None
);

// Traffic.
field!(
    REQUESTS_PER_MONTH,
    "Traffic",
    "requests_per_month",
    "components[].traffic.requests_per_month",
    ZERO,
    MAX_REQUESTS,
    true,
    "requests a month",
    None
);
field!(
    REQUESTS_PER_DAY,
    "Traffic",
    "requests_per_day",
    "components[].traffic.requests_per_day",
    ZERO,
    MAX_REQUESTS_PER_DAY,
    false,
    "requests a day",
    None
);
field!(
    REQUESTS_PER_SECOND,
    "Traffic",
    "requests_per_second",
    "components[].traffic.requests_per_second",
    ZERO,
    MAX_RPS,
    false,
    "requests a second",
    None
);
field!(
    BATCH_SIZE,
    "Traffic",
    "batch_size",
    "components[].traffic.batch_size",
    ONE,
    dec!(10000),
    true,
    "records",
    None
);
field!(
    PEAK_RPS,
    "Traffic",
    "peak_rps",
    "components[].traffic.peak_rps",
    ZERO,
    MAX_RPS,
    false,
    "requests a second",
    None
);
field!(
    CONCURRENT_CONNECTIONS,
    "Traffic",
    "concurrent_connections",
    "components[].traffic.concurrent_connections",
    ZERO,
    dec!(1_000_000_000),
    true,
    "connections",
    None
);
field!(
    FANOUT,
    "Traffic",
    "fanout",
    "components[].traffic.fanout",
    ZERO,
    dec!(1_000_000),
    false,
    "messages per message",
    Some(ONE)
);

// Schedule.
field!(
    RUNS_PER_DAY,
    "Schedule",
    "runs_per_day",
    "components[].schedule.runs_per_day",
    dec!(0.000001),
    dec!(86400),
    false,
    "runs a day",
    None
);
field!(
    RUNS_PER_MONTH,
    "Schedule",
    "runs_per_month",
    "components[].schedule.runs_per_month",
    dec!(0.000001),
    dec!(2_678_400),
    false,
    "runs a month",
    None
);
field!(RUN_SECONDS, "Schedule", "run_seconds", "components[].schedule.run_seconds", dec!(0.001), relative "a month (assumptions.hours_per_month × 3,600 s)", false, "seconds", None);

// Sizing.
field!(DURATION_MS, "Component", "duration_ms", "components[].duration_ms", dec!(0.001), relative "a month (assumptions.hours_per_month × 3,600,000 ms)", false, "ms", None);
field!(CPU_MS, "Component", "cpu_ms", "components[].cpu_ms", ZERO, relative "duration_ms", false, "ms (CPU time cannot exceed duration_ms)", None);
field!(
    MAX_DURATION_S,
    "Component",
    "max_duration_s",
    "components[].max_duration_s",
    dec!(0.001),
    MAX_WAIT_S,
    false,
    "seconds",
    None
);
field!(
    MEMORY_MB,
    "Component",
    "memory_mb",
    "components[].memory_mb",
    ONE,
    MAX_MEMORY_MB,
    true,
    "MB",
    Some(dec!(512))
);
field!(
    EPHEMERAL_STORAGE_MB,
    "Component",
    "ephemeral_storage_mb",
    "components[].ephemeral_storage_mb",
    ZERO,
    MAX_STORAGE_MB,
    true,
    "MB",
    Some(dec!(512))
);
field!(
    PACKAGE_MB,
    "Component",
    "package_mb",
    "components[].package_mb",
    ZERO,
    MAX_STORAGE_MB,
    false,
    "MB",
    Some(dec!(10))
);
field!(
    PAYLOAD_KB,
    "Component",
    "payload_kb",
    "components[].payload_kb",
    ZERO,
    dec!(10_485_760),
    false,
    "KB",
    Some(dec!(10))
);
field!(
    RESPONSE_KB,
    "Component",
    "response_kb",
    "components[].response_kb",
    ZERO,
    dec!(10_485_760),
    false,
    "KB",
    Some(dec!(10))
);
field!(
    LOGS_KB_PER_REQUEST,
    "Component",
    "logs_kb_per_request",
    "components[].logs_kb_per_request",
    ZERO,
    dec!(1_048_576),
    false,
    "KB",
    Some(dec!(0.5))
);
field!(
    LATENCY_P99_MS,
    "Component",
    "latency_p99_ms",
    "components[].latency_p99_ms",
    dec!(0.001),
    dec!(3_600_000),
    false,
    "ms",
    None
);
field!(
    CALLS_PER_REQUEST,
    "Component",
    "calls_per_request",
    "components[].calls_per_request",
    ZERO,
    dec!(1_000_000),
    false,
    "calls",
    None
);

// Provisioned concurrency.
field!(
    PROVISIONED_INSTANCES,
    "Provisioned",
    "instances",
    "components[].provisioned_concurrency.instances",
    ONE,
    dec!(1_000_000),
    true,
    "instances",
    None
);
field!(PROVISIONED_HOURS, "Provisioned", "hours_per_month", "components[].provisioned_concurrency.hours_per_month", ZERO, relative "the month (assumptions.hours_per_month)", false, "hours (at most the month)", None);
field!(
    SHARE_OF_REQUESTS,
    "Provisioned",
    "share_of_requests",
    "components[].provisioned_concurrency.share_of_requests",
    ZERO,
    ONE,
    false,
    "(a share of the month's requests: 0.3 is 30%)",
    None
);

// Container.
field!(
    TARGET_UTILISATION,
    "Container",
    "target_utilisation",
    "components[].container.target_utilisation",
    dec!(0.1),
    ONE,
    false,
    "(a share of capacity: 0.7 is 70%)",
    None
);
field!(
    HEADROOM,
    "Container",
    "headroom",
    "components[].container.headroom",
    ZERO,
    dec!(9),
    false,
    "(a fraction: 0.2 is 20% over the load)",
    None
);
field!(
    VCPU,
    "Container",
    "vcpu",
    "components[].container.vcpu",
    dec!(0.125),
    dec!(192),
    false,
    "vCPU",
    None
);
field!(
    MEMORY_GB,
    "Container",
    "memory_gb",
    "components[].container.memory_gb",
    dec!(0.125),
    dec!(1024),
    false,
    "GB",
    None
);
field!(
    TASKS,
    "Container",
    "tasks",
    "components[].container.tasks",
    ONE,
    dec!(1_000_000),
    true,
    "tasks",
    None
);
field!(
    MIN_TASKS,
    "Container",
    "min_tasks",
    "components[].container.min_tasks",
    ZERO,
    dec!(1_000_000),
    true,
    "tasks",
    None
);
field!(
    RPS_PER_TASK,
    "Container",
    "rps_per_task",
    "components[].container.rps_per_task",
    dec!(0.000001),
    MAX_RPS,
    false,
    "requests a second",
    None
);
field!(
    CONCURRENCY_PER_TASK,
    "Container",
    "concurrency_per_task",
    "components[].container.concurrency_per_task",
    ONE,
    dec!(1_000_000),
    true,
    "requests",
    None
);
field!(
    RPS_PER_GPU,
    "Container",
    "rps_per_gpu",
    "components[].container.rps_per_gpu",
    dec!(0.000001),
    MAX_RPS,
    false,
    "requests a second",
    None
);
field!(
    STARTUP_S,
    "Container",
    "startup_s",
    "components[].container.startup_s",
    ZERO,
    dec!(3600),
    false,
    "seconds",
    None
);
field!(
    ACTIVE_SECONDS_PER_DAY,
    "Container",
    "active_seconds_per_day",
    "components[].container.active_seconds_per_day",
    ZERO,
    dec!(86400),
    false,
    "seconds",
    None
);
field!(
    EPHEMERAL_STORAGE_GB,
    "Container",
    "ephemeral_storage_gb",
    "components[].container.ephemeral_storage_gb",
    ZERO,
    dec!(200),
    false,
    "GB (Fargate allows up to 200)",
    None
);
field!(
    NODES,
    "Container",
    "nodes",
    "components[].container.nodes",
    ONE,
    dec!(100_000),
    true,
    "instances",
    None
);
field!(
    ALB_LCU_HOURS,
    "Container",
    "alb_lcu_hours",
    "components[].container.alb_lcu_hours",
    ZERO,
    dec!(1_000_000_000),
    false,
    "LCU-hours",
    None
);

// Data.
field!(
    READS_PER_REQUEST,
    "Data",
    "reads_per_request",
    "components[].data.reads_per_request",
    ZERO,
    dec!(100_000),
    false,
    "reads",
    Some(ONE)
);
field!(
    WRITES_PER_REQUEST,
    "Data",
    "writes_per_request",
    "components[].data.writes_per_request",
    ZERO,
    dec!(100_000),
    false,
    "writes",
    None
);
field!(
    KB_PER_REQUEST,
    "Data",
    "kb_per_request",
    "components[].data.kb_per_request",
    ZERO,
    dec!(10_485_760),
    false,
    "KB",
    Some(dec!(10))
);
field!(
    INTERNET_API_GB_MONTH,
    "Data",
    "internet_api_gb_month",
    "components[].data.internet_api_gb_month",
    ZERO,
    MAX_GB_MONTH,
    false,
    "GB a month",
    Some(ZERO)
);
field!(
    CROSS_REGION_GB_MONTH,
    "Data",
    "cross_region_gb_month",
    "components[].data.cross_region_gb_month",
    ZERO,
    MAX_GB_MONTH,
    false,
    "GB a month",
    None
);
field!(
    INTERNET_EGRESS_GB_MONTH,
    "Data",
    "internet_egress_gb_month",
    "components[].data.internet_egress_gb_month",
    ZERO,
    MAX_GB_MONTH,
    false,
    "GB a month",
    Some(ZERO)
);
field!(
    DATA_MAX_CONNECTIONS,
    "Data",
    "max_connections",
    "components[].data.max_connections",
    ONE,
    dec!(10_000_000),
    true,
    "connections",
    None
);
field!(
    DB_VCPU,
    "Data",
    "db_vcpu",
    "components[].data.db_vcpu",
    ONE,
    dec!(1024),
    true,
    "vCPU",
    Some(dec!(2))
);

// Workflow.
field!(
    STATE_TRANSITIONS,
    "Workflow",
    "state_transitions",
    "components[].workflow.state_transitions",
    ONE,
    dec!(1_000_000),
    true,
    "transitions",
    Some(dec!(5))
);

/// Every numeric field of the workload file.
pub const ALL: &[Field] = &[
    HOURS_PER_MONTH,
    MONTHLY_COST_USD,
    STORE_INSTANCES,
    STORE_STORAGE_GB,
    ACU_MIN,
    ACU_MAX,
    STORE_MAX_CONNECTIONS,
    REQUESTS_PER_MONTH,
    REQUESTS_PER_DAY,
    REQUESTS_PER_SECOND,
    BATCH_SIZE,
    PEAK_RPS,
    CONCURRENT_CONNECTIONS,
    FANOUT,
    RUNS_PER_DAY,
    RUNS_PER_MONTH,
    RUN_SECONDS,
    DURATION_MS,
    CPU_MS,
    MAX_DURATION_S,
    MEMORY_MB,
    EPHEMERAL_STORAGE_MB,
    PACKAGE_MB,
    PAYLOAD_KB,
    RESPONSE_KB,
    LOGS_KB_PER_REQUEST,
    LATENCY_P99_MS,
    CALLS_PER_REQUEST,
    PROVISIONED_INSTANCES,
    PROVISIONED_HOURS,
    SHARE_OF_REQUESTS,
    TARGET_UTILISATION,
    HEADROOM,
    VCPU,
    MEMORY_GB,
    TASKS,
    MIN_TASKS,
    RPS_PER_TASK,
    CONCURRENCY_PER_TASK,
    RPS_PER_GPU,
    STARTUP_S,
    ACTIVE_SECONDS_PER_DAY,
    EPHEMERAL_STORAGE_GB,
    NODES,
    ALB_LCU_HOURS,
    READS_PER_REQUEST,
    WRITES_PER_REQUEST,
    KB_PER_REQUEST,
    INTERNET_API_GB_MONTH,
    CROSS_REGION_GB_MONTH,
    INTERNET_EGRESS_GB_MONTH,
    DATA_MAX_CONNECTIONS,
    DB_VCPU,
    STATE_TRANSITIONS,
];

/// Where a field's resolved value sits in the validated workload, and how it is written
/// back in the file's shape: compare's resolved view is built from these.
pub enum Slot {
    Workload(fn(&Workload) -> Option<Decimal>, fn(&mut RawWorkload, Dec)),
    Store(fn(&StoreDef) -> Option<Decimal>, fn(&mut RawStore, Dec)),
    Component(
        fn(&Component) -> Option<Decimal>,
        fn(&mut RawComponent, Dec),
    ),
    /// Resolved in another form: a volume is said per month, a schedule as runs a day or a
    /// month, headroom as target_utilisation, provisioned instances are required.
    Elsewhere,
}

/// The slot of a field of [`ALL`].
pub fn slot(f: &Field) -> Slot {
    use Slot::{Component as C, Elsewhere, Store as S};
    match f.path {
        "assumptions.hours_per_month" => Slot::Workload(
            |w| Some(w.assumptions.hours_per_month),
            |r, v| r.assumptions.get_or_insert_default().hours_per_month = Some(v),
        ),
        "current.monthly_cost_usd" => Slot::Workload(
            |w| w.current.as_ref().and_then(|c| c.monthly_cost_usd),
            |r, v| {
                if let Some(c) = &mut r.current {
                    c.monthly_cost_usd = Some(v);
                }
            },
        ),
        "stores[].instances" => S(|s| Some(s.instances), |r, v| r.instances = Some(v)),
        "stores[].storage_gb" => S(|s| Some(s.storage_gb), |r, v| r.storage_gb = Some(v)),
        "stores[].acu.min" => S(
            |s| Some(s.acu_min),
            |r, v| {
                if let Some(a) = &mut r.acu {
                    a.min = Some(v);
                }
            },
        ),
        "stores[].acu.max" => S(
            |s| Some(s.acu_max),
            |r, v| {
                if let Some(a) = &mut r.acu {
                    a.max = Some(v);
                }
            },
        ),
        "stores[].max_connections" => S(|s| s.max_connections, |r, v| r.max_connections = Some(v)),
        "components[].traffic.requests_per_month" => C(
            |c| Some(c.requests_per_month),
            |r, v| r.traffic.get_or_insert_default().requests_per_month = Some(v),
        ),
        "components[].traffic.batch_size" => C(
            |c| Some(c.batch_size),
            |r, v| r.traffic.get_or_insert_default().batch_size = Some(v),
        ),
        "components[].traffic.peak_rps" => C(
            |c| Some(c.peak_rps),
            |r, v| r.traffic.get_or_insert_default().peak_rps = Some(v),
        ),
        "components[].traffic.concurrent_connections" => C(
            |c| Some(c.concurrent_connections),
            |r, v| r.traffic.get_or_insert_default().concurrent_connections = Some(v),
        ),
        "components[].traffic.fanout" => C(
            |c| Some(c.fanout),
            |r, v| r.traffic.get_or_insert_default().fanout = Some(v),
        ),
        "components[].duration_ms" => C(|c| Some(c.duration_ms), |r, v| r.duration_ms = Some(v)),
        "components[].cpu_ms" => C(|c| Some(c.cpu_ms), |r, v| r.cpu_ms = Some(v)),
        "components[].max_duration_s" => C(
            |c| Some(c.max_duration_s),
            |r, v| r.max_duration_s = Some(v),
        ),
        "components[].memory_mb" => C(|c| Some(c.memory_mb), |r, v| r.memory_mb = Some(v)),
        "components[].ephemeral_storage_mb" => C(
            |c| Some(c.ephemeral_storage_mb),
            |r, v| r.ephemeral_storage_mb = Some(v),
        ),
        "components[].package_mb" => C(|c| Some(c.package_mb), |r, v| r.package_mb = Some(v)),
        "components[].payload_kb" => C(|c| Some(c.payload_kb), |r, v| r.payload_kb = Some(v)),
        "components[].response_kb" => C(|c| Some(c.response_kb), |r, v| r.response_kb = Some(v)),
        "components[].logs_kb_per_request" => C(
            |c| Some(c.logs_kb_per_request),
            |r, v| r.logs_kb_per_request = Some(v),
        ),
        "components[].latency_p99_ms" => C(|c| c.latency_p99_ms, |r, v| r.latency_p99_ms = Some(v)),
        "components[].calls_per_request" => C(
            |c| Some(c.calls_per_request),
            |r, v| r.calls_per_request = Some(v),
        ),
        "components[].provisioned_concurrency.hours_per_month" => C(
            |c| c.provisioned.as_ref().map(|p| p.hours_per_month),
            |r, v| {
                if let Some(p) = &mut r.provisioned_concurrency {
                    p.hours_per_month = Some(v);
                }
            },
        ),
        "components[].provisioned_concurrency.share_of_requests" => C(
            |c| c.provisioned.as_ref().map(|p| p.share_of_requests),
            |r, v| {
                if let Some(p) = &mut r.provisioned_concurrency {
                    p.share_of_requests = Some(v);
                }
            },
        ),
        "components[].container.target_utilisation" => C(
            |c| c.container.target_utilisation,
            |r, v| r.container.get_or_insert_default().target_utilisation = Some(v),
        ),
        "components[].container.vcpu" => C(
            |c| c.container.vcpu,
            |r, v| r.container.get_or_insert_default().vcpu = Some(v),
        ),
        "components[].container.memory_gb" => C(
            |c| c.container.memory_gb,
            |r, v| r.container.get_or_insert_default().memory_gb = Some(v),
        ),
        "components[].container.tasks" => C(
            |c| c.container.tasks,
            |r, v| r.container.get_or_insert_default().tasks = Some(v),
        ),
        "components[].container.min_tasks" => C(
            |c| Some(c.container.min_tasks),
            |r, v| r.container.get_or_insert_default().min_tasks = Some(v),
        ),
        "components[].container.rps_per_task" => C(
            |c| c.container.rps_per_task,
            |r, v| r.container.get_or_insert_default().rps_per_task = Some(v),
        ),
        "components[].container.concurrency_per_task" => C(
            |c| c.container.concurrency_per_task,
            |r, v| r.container.get_or_insert_default().concurrency_per_task = Some(v),
        ),
        "components[].container.rps_per_gpu" => C(
            |c| c.container.rps_per_gpu,
            |r, v| r.container.get_or_insert_default().rps_per_gpu = Some(v),
        ),
        "components[].container.startup_s" => C(
            |c| c.container.startup_s,
            |r, v| r.container.get_or_insert_default().startup_s = Some(v),
        ),
        "components[].container.active_seconds_per_day" => C(
            |c| c.container.active_seconds_per_day,
            |r, v| r.container.get_or_insert_default().active_seconds_per_day = Some(v),
        ),
        "components[].container.ephemeral_storage_gb" => C(
            |c| c.container.ephemeral_storage_gb,
            |r, v| r.container.get_or_insert_default().ephemeral_storage_gb = Some(v),
        ),
        "components[].container.nodes" => C(
            |c| c.container.nodes,
            |r, v| r.container.get_or_insert_default().nodes = Some(v),
        ),
        "components[].container.alb_lcu_hours" => C(
            |c| c.container.alb_lcu_hours,
            |r, v| r.container.get_or_insert_default().alb_lcu_hours = Some(v),
        ),
        "components[].data.reads_per_request" => C(
            |c| Some(c.data.reads_per_request),
            |r, v| r.data.get_or_insert_default().reads_per_request = Some(v),
        ),
        "components[].data.writes_per_request" => C(
            |c| Some(c.data.writes_per_request),
            |r, v| r.data.get_or_insert_default().writes_per_request = Some(v),
        ),
        "components[].data.kb_per_request" => C(
            |c| Some(c.data.kb_per_request),
            |r, v| r.data.get_or_insert_default().kb_per_request = Some(v),
        ),
        "components[].data.internet_api_gb_month" => C(
            |c| Some(c.data.internet_api_gb_month),
            |r, v| r.data.get_or_insert_default().internet_api_gb_month = Some(v),
        ),
        "components[].data.cross_region_gb_month" => C(
            |c| Some(c.data.cross_region_gb_month),
            |r, v| r.data.get_or_insert_default().cross_region_gb_month = Some(v),
        ),
        "components[].data.internet_egress_gb_month" => C(
            |c| Some(c.data.internet_egress_gb_month),
            |r, v| r.data.get_or_insert_default().internet_egress_gb_month = Some(v),
        ),
        "components[].data.max_connections" => C(
            |c| c.data.max_connections,
            |r, v| r.data.get_or_insert_default().max_connections = Some(v),
        ),
        "components[].data.db_vcpu" => C(
            |c| Some(c.data.db_vcpu),
            |r, v| r.data.get_or_insert_default().db_vcpu = Some(v),
        ),
        "components[].workflow.state_transitions" => C(
            |c| Some(c.state_transitions),
            |r, v| r.workflow.get_or_insert_default().state_transitions = Some(v),
        ),
        _ => Elsewhere,
    }
}

/// Writes the workload-level numeric fields of the table (the month, today's bill) from
/// the validated workload `w` into `raw`, every default resolved.
pub fn fill_workload(w: &Workload, raw: &mut RawWorkload) {
    for f in ALL {
        if let Slot::Workload(read, write) = slot(f)
            && let Some(v) = read(w)
        {
            write(raw, Dec(v));
        }
    }
}

/// [`fill_workload`] for a store's fields.
pub fn fill_store(s: &StoreDef, raw: &mut RawStore) {
    for f in ALL {
        if let Slot::Store(read, write) = slot(f)
            && let Some(v) = read(s)
        {
            write(raw, Dec(v));
        }
    }
}

/// [`fill_workload`] for a component's fields.
pub fn fill_component(c: &Component, raw: &mut RawComponent) {
    for f in ALL {
        if let Slot::Component(read, write) = slot(f)
            && let Some(v) = read(c)
        {
            write(raw, Dec(v));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workload::{RawWorkload, load_str};

    /// The upper bound a relative field has in [`workload`]'s context (a 730-hour month,
    /// duration_ms 100).
    fn hi_in_context(f: &Field) -> Decimal {
        match f.key {
            "run_seconds" => dec!(2_628_000),
            "duration_ms" => dec!(2_628_000_000),
            "cpu_ms" => dec!(100),
            "hours_per_month" if f.def == "Provisioned" => dec!(730),
            _ => f.hi.expect("a static upper bound"),
        }
    }

    /// A workload that gives `f` the value `v` and is otherwise valid.
    fn workload(f: &Field, v: Decimal) -> String {
        let (k, mut top, mut comp) = (f.key, String::new(), String::new());
        let mut kind = "worker";
        let mut traffic = "traffic: { requests_per_month: 1000 }\n    ".to_string();
        match f.def {
            "Assumptions" => top = format!("assumptions: {{ {k}: {v} }}\n"),
            "Current" => top = format!("current: {{ platform: monolith, {k}: {v} }}\n"),
            "Store" => top = format!("stores:\n  - {{ name: db, engine: postgres, {k}: {v} }}\n"),
            "Acu" => {
                top = format!(
                    "stores:\n  - {{ name: db, engine: aurora-serverless, acu: {{ {k}: {v} }} }}\n"
                )
            }
            "Traffic" if k.starts_with("requests_per") => {
                traffic = format!("traffic: {{ {k}: {v} }}\n    ")
            }
            // No requests, so no peak below the average.
            "Traffic" => traffic = format!("traffic: {{ requests_per_month: 0, {k}: {v} }}\n    "),
            "Schedule" => {
                kind = "scheduled";
                traffic = String::new();
                comp = match k {
                    "run_seconds" => format!("schedule: {{ runs_per_day: 1, run_seconds: {v} }}"),
                    _ => format!("schedule: {{ {k}: {v}, run_seconds: 60 }}"),
                };
            }
            "Component" => {
                comp = match k {
                    "cpu_ms" => format!("duration_ms: 100\n    {k}: {v}"),
                    "max_duration_s" => format!("duration_ms: 0.001\n    {k}: {v}"),
                    _ => format!("{k}: {v}"),
                }
            }
            "Provisioned" if k == "instances" => {
                comp = format!("provisioned_concurrency: {{ {k}: {v} }}")
            }
            "Provisioned" => {
                comp = format!("provisioned_concurrency: {{ instances: 1, {k}: {v} }}")
            }
            "Container" => comp = format!("container: {{ {k}: {v} }}"),
            "Data" => comp = format!("data: {{ {k}: {v} }}"),
            "Workflow" => comp = format!("workflow: {{ {k}: {v} }}"),
            other => panic!("no test workload for {other}"),
        }
        format!("name: x\n{top}components:\n  - name: a\n    kind: {kind}\n    {traffic}{comp}\n")
    }

    #[test]
    fn requests_per_day_is_the_monthly_maximum_over_31_days() {
        assert_eq!(MAX_REQUESTS_PER_DAY, MAX_REQUESTS / dec!(31));
    }

    #[test]
    fn the_schema_publishes_every_fields_bounds() {
        let schema = serde_json::to_value(schemars::schema_for!(RawWorkload)).unwrap();
        for f in ALL {
            let prop = &schema["$defs"][f.def]["properties"][f.key];
            assert!(prop.is_object(), "{} is not in the schema", f.path);
            assert!(f.path.ends_with(&format!(".{}", f.key)), "{}", f.path);
            assert_eq!(prop["minimum"], json_number(f.lo), "{}", f.path);
            // Integers exactly; a fraction as the nearest JSON number.
            assert_eq!(
                prop["minimum"].as_f64(),
                rust_decimal::prelude::ToPrimitive::to_f64(&f.lo),
                "{}",
                f.path
            );
            match (f.hi, f.relative) {
                (Some(hi), None) => {
                    assert_eq!(prop["maximum"], json_number(hi), "{}", f.path);
                    assert_eq!(
                        prop["maximum"].as_f64(),
                        rust_decimal::prelude::ToPrimitive::to_f64(&hi),
                        "{}",
                        f.path
                    );
                }
                (None, Some(rel)) => {
                    assert!(prop.get("maximum").is_none(), "{}", f.path);
                    let d = prop["description"].as_str().unwrap_or_default();
                    assert!(d.ends_with(&format!("At most {rel}.")), "{}: {d}", f.path);
                }
                _ => panic!("{}: a bound is either static or relative", f.path),
            }
        }
    }

    #[test]
    fn the_validator_accepts_each_bound_and_refuses_just_beyond_it() {
        for f in ALL {
            let at = f.path.replace("[]", "[0]");
            let step = if f.whole {
                Decimal::ONE
            } else {
                dec!(0.000001)
            };
            let hi = hi_in_context(f);
            for v in [f.lo, hi] {
                let yaml = workload(f, v);
                if let Err(e) = load_str("w.yaml", &yaml) {
                    panic!("{at} = {v} refused:\n{yaml}\n{e}");
                }
            }
            for v in [f.lo - step, hi + step] {
                let yaml = workload(f, v);
                match load_str("w.yaml", &yaml) {
                    Ok(_) => panic!("{at} = {v} accepted:\n{yaml}"),
                    Err(e) => {
                        let e = e.to_string();
                        assert!(
                            e.contains(&format!("{at}: {v} is out of range")),
                            "{yaml}\n{e}"
                        );
                    }
                }
            }
            if f.whole {
                let yaml = workload(f, f.lo + dec!(0.5));
                let e = load_str("w.yaml", &yaml).err().map(|e| e.to_string());
                assert!(
                    e.as_deref()
                        .is_some_and(|e| e.contains("is not a whole number")),
                    "{at}: {e:?}"
                );
            }
        }
    }

    #[test]
    fn every_field_has_a_slot_in_the_resolved_view_or_is_said_another_way() {
        let elsewhere: Vec<&str> = ALL
            .iter()
            .filter(|f| matches!(slot(f), Slot::Elsewhere))
            .map(|f| f.path)
            .collect();
        assert_eq!(
            elsewhere,
            [
                "components[].traffic.requests_per_day",
                "components[].traffic.requests_per_second",
                "components[].schedule.runs_per_day",
                "components[].schedule.runs_per_month",
                "components[].schedule.run_seconds",
                "components[].provisioned_concurrency.instances",
                "components[].container.headroom",
            ]
        );
    }

    #[test]
    fn every_field_is_listed_once() {
        let mut paths: Vec<&str> = ALL.iter().map(|f| f.path).collect();
        paths.sort_unstable();
        paths.dedup();
        assert_eq!(paths.len(), ALL.len());
    }
}
