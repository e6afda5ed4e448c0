//! The workload: what the user describes, validated and with every default resolved.

pub mod fields;
pub mod generate;
mod raw;
mod validate;

pub use raw::*;
pub use validate::{from_raw, from_raw_at, load_str, parse_engine};

use std::collections::BTreeSet;
use std::path::Path;

use rust_decimal::Decimal;

use crate::input::{InputError, display_name, read_text};

word_enum!(
    /// What a component does.
    Kind {
        HttpApi = "http-api", Worker = "worker", Scheduled = "scheduled", Stream = "stream",
        Websocket = "websocket", Workflow = "workflow", Batch = "batch",
        MlTraining = "ml-training", MlInference = "ml-inference", StaticSite = "static-site",
    }
);
word_enum!(
    /// How traffic varies over the month.
    Shape {
        Steady = "steady", Diurnal = "diurnal", Spiky = "spiky", Sporadic = "sporadic",
        /// Runs on a schedule: the load comes from the timetable, not from users.
        Timetable = "timetable",
    }
);

impl Shape {
    /// The busiest second against the month's average, when no peak is given.
    pub fn peak_factor(self) -> Decimal {
        match self {
            Shape::Steady => Decimal::new(15, 1),
            Shape::Diurnal => Decimal::from(3),
            Shape::Spiky => Decimal::from(10),
            Shape::Sporadic => Decimal::from(20),
            Shape::Timetable => Decimal::ONE,
        }
    }

    /// Outside its busiest hours, the load as a share of the month's average: a diurnal
    /// service's night, the lull between a spiky service's bursts, a sporadic one's near-idle.
    pub fn quiet_share(self) -> Decimal {
        match self {
            Shape::Steady | Shape::Timetable => Decimal::ONE,
            Shape::Diurnal | Shape::Spiky => Decimal::new(5, 1),
            Shape::Sporadic => Decimal::new(1, 1),
        }
    }
}

word_enum!(
    /// Where a value came from: the file, a derivation from given values, or a default.
    Origin { Given = "given", Derived = "derived", Default = "default" }
);

word_enum!(Arch { X86_64 = "x86_64", Arm64 = "arm64" });
word_enum!(Runtime {
    Node = "node", Python = "python", Go = "go", Rust = "rust", Java = "java",
    Dotnet = "dotnet", Container = "container",
});
word_enum!(Gpu { None = "none", Inference = "inference", Training = "training" });
word_enum!(State {
    Stateless = "stateless", External = "external", InMemory = "in-memory",
    DurableWorkflow = "durable-workflow",
});
word_enum!(Connections { None = "none", Websocket = "websocket", LongLived = "long-lived" });
word_enum!(Gateway { None = "none", Rest = "rest", Http = "http", Alb = "alb", Websocket = "websocket" });
word_enum!(Platform {
    Monolith = "monolith", Vms = "vms", Containers = "containers", Kubernetes = "kubernetes",
    Serverless = "serverless",
});
word_enum!(Store {
    None = "none", Relational = "relational", KeyValue = "key-value", Document = "document",
    Object = "object", Cache = "cache",
});
word_enum!(
    /// The product behind a store.
    Engine {
        Postgres = "postgres", Mysql = "mysql", Aurora = "aurora", AuroraServerless = "aurora-serverless",
        Dynamodb = "dynamodb", S3 = "s3", Redis = "redis", Memcached = "memcached", Mongodb = "mongodb",
    }
);

impl Engine {
    pub fn kind(self) -> Store {
        match self {
            Engine::Postgres | Engine::Mysql | Engine::Aurora | Engine::AuroraServerless => {
                Store::Relational
            }
            Engine::Dynamodb => Store::KeyValue,
            Engine::Mongodb => Store::Document,
            Engine::S3 => Store::Object,
            Engine::Redis | Engine::Memcached => Store::Cache,
        }
    }

    /// The engine a store of `kind` gets when only its kind is named.
    pub fn for_kind(kind: Store) -> Option<Engine> {
        match kind {
            Store::None => None,
            Store::Relational => Some(Engine::Postgres),
            Store::KeyValue | Store::Document => Some(Engine::Dynamodb),
            Store::Object => Some(Engine::S3),
            Store::Cache => Some(Engine::Redis),
        }
    }

    /// The product's name as a bill shows it.
    pub fn title(self) -> &'static str {
        match self {
            Engine::Postgres => "RDS for PostgreSQL",
            Engine::Mysql => "RDS for MySQL",
            Engine::Aurora => "Aurora PostgreSQL",
            Engine::AuroraServerless => "Aurora Serverless v2",
            Engine::Dynamodb => "DynamoDB",
            Engine::S3 => "S3",
            Engine::Redis => "ElastiCache for Redis",
            Engine::Memcached => "ElastiCache for Memcached",
            Engine::Mongodb => "MongoDB",
        }
    }

    /// Names people use for the engine, besides its own.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Engine::Postgres => &["postgresql", "pg", "rds", "rds-postgres"],
            Engine::Mysql => &["mariadb", "rds-mysql"],
            Engine::Aurora => &["aurora-postgres", "aurora-postgresql", "aurora-mysql"],
            Engine::AuroraServerless => &["aurora-serverless-v2", "serverless-aurora"],
            Engine::Dynamodb => &["dynamo", "ddb"],
            Engine::S3 => &["bucket", "blob", "object-storage"],
            Engine::Redis => &["valkey", "elasticache"],
            Engine::Memcached => &[],
            Engine::Mongodb => &["mongo", "documentdb", "atlas"],
        }
    }
}
word_enum!(
    /// How a component touches data, which decides when it can leave today's system.
    Access { ReadOnly = "read-only", EventualWrites = "eventual-writes", Transactional = "transactional" }
);
word_enum!(Purchase { OnDemand = "on-demand", Reserved1y = "reserved-1y" });
word_enum!(
    /// The GPU a serverless GPU provider runs the component on (priced per GPU-second).
    GpuModel {
        T4 = "t4", L4 = "l4", A10 = "a10", L40s = "l40s", A10040gb = "a100-40gb",
        A10080gb = "a100-80gb", H100 = "h100",
    }
);

/// A validated workload: every default resolved, every reference checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Workload {
    pub name: String,
    pub description: Option<String>,
    pub region: String,
    /// The clouds whose placements are candidates (Cloudflare Workers always is).
    pub providers: Vec<crate::placement::Provider>,
    pub assumptions: Assumptions,
    pub current: Option<Current>,
    /// Every store the components use: those declared under `stores:`, then one per
    /// engine named directly by a component (shared by all components naming it).
    pub stores: Vec<StoreDef>,
    pub components: Vec<Component>,
}

/// A data store, priced once for the whole system.
#[derive(Debug, Clone, PartialEq)]
pub struct StoreDef {
    pub name: String,
    pub engine: Engine,
    /// Declared under `stores:`; otherwise implied by a component naming an engine or kind.
    pub declared: bool,
    pub instance_class: Option<String>,
    pub instances: Decimal,
    pub multi_az: bool,
    pub storage_gb: Decimal,
    pub acu_min: Decimal,
    pub acu_max: Decimal,
    pub max_connections: Option<Decimal>,
    pub region: String,
    /// Settings the file gave (the rest are defaults).
    pub given: BTreeSet<&'static str>,
}

impl StoreDef {
    pub fn kind(&self) -> Store {
        self.engine.kind()
    }
    pub fn origin(&self, field: &str) -> Origin {
        if self.given.contains(field) {
            Origin::Given
        } else {
            Origin::Default
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Assumptions {
    pub hours_per_month: Decimal,
    pub free_tier: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Current {
    pub platform: Platform,
    pub monthly_cost_usd: Option<Decimal>,
}

/// One component with every trait resolved. `defaulted` names the traits the file left out;
/// `derived` those of them that follow from values the file gave.
#[derive(Debug, Clone, PartialEq)]
pub struct Component {
    pub name: String,
    pub kind: Kind,
    pub depends_on: Vec<String>,
    pub requests_per_month: Decimal,
    pub shape: Shape,
    /// Records per invocation for an event source mapping.
    pub batch_size: Decimal,
    pub peak_rps: Decimal,
    pub concurrent_connections: Decimal,
    pub fanout: Decimal,
    pub duration_ms: Decimal,
    pub cpu_ms: Decimal,
    pub max_duration_s: Decimal,
    pub memory_mb: Decimal,
    pub arch: Arch,
    pub ephemeral_storage_mb: Decimal,
    pub runtime: Runtime,
    pub package_mb: Decimal,
    pub gpu: Gpu,
    pub state: State,
    pub connections: Connections,
    pub latency_p99_ms: Option<Decimal>,
    pub payload_kb: Decimal,
    pub response_kb: Decimal,
    pub logs_kb_per_request: Decimal,
    pub calls_per_request: Decimal,
    pub gateway: Gateway,
    pub provisioned: Option<Provisioned>,
    pub schedule: Option<Schedule>,
    pub container: Container,
    pub data: Data,
    pub dedicated_hardware: bool,
    pub state_transitions: Decimal,
    pub access: Access,
    pub new_feature: bool,
    /// How many other components name this one in their `depends_on`.
    pub dependents: usize,
    pub defaulted: Fields,
    pub derived: Fields,
}

/// The traits a component's file may leave out, in a fixed order: which of them a file
/// left out, and which of those were worked out from its other values, are sets of bits
/// ([`Fields`]), asked about dozens of times a component.
pub const LEFT_OUT: [&str; 31] = [
    "requests_per_month",
    "shape",
    "peak_rps",
    "batch_size",
    "duration_ms",
    "cpu_ms",
    "max_duration_s",
    "schedule",
    "memory_mb",
    "ephemeral_storage_mb",
    "package_mb",
    "payload_kb",
    "response_kb",
    "logs_kb_per_request",
    "arch",
    "runtime",
    "gpu",
    "state",
    "access",
    "gateway",
    "connections",
    "concurrent_connections",
    "fanout",
    "calls_per_request",
    "min_tasks",
    "data_region",
    "kb_per_request",
    "cross_region_gb_month",
    "reads_per_request",
    "writes_per_request",
    "max_connections",
];

/// The place of `name` in [`LEFT_OUT`]. Evaluated as a constant ([`key!`]) a name not
/// there does not compile; at run time it panics.
pub const fn trait_key(name: &str) -> usize {
    match position(name) {
        Some(k) => k,
        None => panic!("not a trait a component's file may leave out"),
    }
}

/// The place of `name` in [`LEFT_OUT`], if it is there.
pub const fn position(name: &str) -> Option<usize> {
    let mut k = 0;
    while k < LEFT_OUT.len() {
        if same(LEFT_OUT[k].as_bytes(), name.as_bytes()) {
            return Some(k);
        }
        k += 1;
    }
    None
}

const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The key of a trait of [`LEFT_OUT`] named by a literal, found when compiling.
macro_rules! key {
    ($name:literal) => {
        const { $crate::workload::trait_key($name) }
    };
}
pub(crate) use key;

/// A set of the traits of [`LEFT_OUT`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fields(u32);

const _: () = assert!(LEFT_OUT.len() <= 32, "the traits fit a 32-bit set");

impl Fields {
    pub fn insert(&mut self, key: usize) {
        self.0 |= 1 << key;
    }

    pub fn has(&self, key: usize) -> bool {
        self.0 & (1 << key) != 0
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Provisioned {
    pub instances: Decimal,
    pub hours_per_month: Decimal,
    /// Share of the month's requests arriving while the instances are warm.
    pub share_of_requests: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// Runs a month (from runs_per_day × days in the month when given per day).
    pub runs_per_month: Decimal,
    pub run_seconds: Decimal,
}

impl Schedule {
    /// Runs a month from runs a day. Multiplied before dividing: 24 runs a day over 730
    /// hours is exactly 730 runs, where 24 × (730 / 24 days) would round up to 731.
    pub fn runs_per_month_from_day(per_day: Decimal, hours_per_month: Decimal) -> Decimal {
        per_day * hours_per_month / Decimal::from(24)
    }
}

/// Container settings as given; the cost model derives what is `None`.
#[derive(Debug, Clone, PartialEq)]
pub struct Container {
    pub vcpu: Option<Decimal>,
    pub memory_gb: Option<Decimal>,
    pub tasks: Option<Decimal>,
    pub min_tasks: Decimal,
    pub rps_per_task: Option<Decimal>,
    pub concurrency_per_task: Option<Decimal>,
    /// The busiest share of capacity the autoscaler aims for; `None` takes the kind's default.
    pub target_utilisation: Option<Decimal>,
    pub rps_per_gpu: Option<Decimal>,
    pub startup_s: Option<Decimal>,
    pub active_seconds_per_day: Option<Decimal>,
    pub ephemeral_storage_gb: Option<Decimal>,
    pub instance_type: Option<String>,
    pub nodes: Option<Decimal>,
    pub purchase: Purchase,
    pub alb_lcu_hours: Option<Decimal>,
    /// The GPU serverless GPU providers run it on; `None`: the A10 (24 GB), the generic
    /// serverless GPU's.
    pub gpu_model: Option<GpuModel>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Data {
    pub store: Store,
    /// The store used, an index into [`Workload::stores`].
    pub store_index: Option<usize>,
    /// Where the data lives.
    pub region: String,
    pub reads_per_request: Decimal,
    pub writes_per_request: Decimal,
    pub kb_per_request: Decimal,
    pub internet_api_gb_month: Decimal,
    pub cross_region_gb_month: Decimal,
    pub internet_egress_gb_month: Decimal,
    pub max_connections: Option<Decimal>,
    pub db_vcpu: Decimal,
}

impl Workload {
    /// Loads and validates a workload file (`-` is standard input).
    pub fn load(path: &Path) -> Result<Workload, InputError> {
        Workload::load_with_source(path).map(|(w, _)| w)
    }

    /// [`Workload::load`], with the text it was read from.
    pub fn load_with_source(path: &Path) -> Result<(Workload, String), InputError> {
        let src = read_text(path)?;
        let (w, _) = load_str(&display_name(path), &src)?;
        Ok((w, src))
    }

    pub fn component(&self, name: &str) -> Option<&Component> {
        self.components.iter().find(|c| c.name == name)
    }
}

impl Component {
    /// Whether the file left this trait out, so a default or derivation stands in (a
    /// trait a file may not leave out is given).
    pub fn is_default(&self, field: &str) -> bool {
        position(field).is_some_and(|k| self.is_default_at(k))
    }

    /// [`Component::is_default`] of the trait with this key ([`key!`]).
    pub fn is_default_at(&self, key: usize) -> bool {
        self.defaulted.has(key)
    }

    /// Where the trait's value came from.
    pub fn origin(&self, field: &str) -> Origin {
        position(field).map_or(Origin::Given, |k| self.origin_at(k))
    }

    /// [`Component::origin`] of the trait with this key ([`key!`]).
    pub fn origin_at(&self, key: usize) -> Origin {
        if !self.defaulted.has(key) {
            Origin::Given
        } else if self.derived.has(key) {
            Origin::Derived
        } else {
            Origin::Default
        }
    }

    /// Work that waits in a queue or runs on a timetable, rather than answering a caller.
    pub fn is_async(&self) -> bool {
        self.schedule.is_some()
            || matches!(
                self.kind,
                Kind::Worker | Kind::Stream | Kind::Batch | Kind::MlTraining | Kind::Workflow
            )
    }
}
