//! The workload: what the user describes, validated and with every default resolved.

mod raw;
mod validate;

pub use raw::*;
pub use validate::{from_raw, from_raw_at, load_str};

use std::collections::BTreeSet;
use std::path::Path;

use rust_decimal::Decimal;

use crate::input::{InputError, read_text};

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
    Shape { Steady = "steady", Diurnal = "diurnal", Spiky = "spiky", Sporadic = "sporadic" }
);

impl Shape {
    /// The busiest second against the month's average, when no peak is given.
    pub fn peak_factor(self) -> Decimal {
        match self {
            Shape::Steady => Decimal::new(15, 1),
            Shape::Diurnal => Decimal::from(3),
            Shape::Spiky => Decimal::from(10),
            Shape::Sporadic => Decimal::from(20),
        }
    }
}

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
    /// How a component touches data, which decides when it can leave today's system.
    Access { ReadOnly = "read-only", EventualWrites = "eventual-writes", Transactional = "transactional" }
);
word_enum!(Purchase { OnDemand = "on-demand", Reserved1y = "reserved-1y" });

/// A validated workload: every default resolved, every reference checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Workload {
    pub name: String,
    pub description: Option<String>,
    pub region: String,
    pub assumptions: Assumptions,
    pub current: Option<Current>,
    pub components: Vec<Component>,
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

/// One component with every trait resolved. `defaulted` names the traits the file left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Component {
    pub name: String,
    pub kind: Kind,
    pub depends_on: Vec<String>,
    pub requests_per_month: Decimal,
    pub shape: Shape,
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
    pub gateway: Gateway,
    pub provisioned: Option<Provisioned>,
    pub schedule: Option<Schedule>,
    pub container: Container,
    pub data: Data,
    pub dedicated_hardware: bool,
    pub state_transitions: Decimal,
    pub access: Access,
    pub new_feature: bool,
    pub defaulted: BTreeSet<&'static str>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Provisioned {
    pub instances: Decimal,
    pub hours_per_month: Decimal,
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
    pub headroom: Decimal,
    pub active_seconds_per_day: Option<Decimal>,
    pub ephemeral_storage_gb: Option<Decimal>,
    pub instance_type: Option<String>,
    pub nodes: Option<Decimal>,
    pub purchase: Purchase,
    pub alb_lcu_hours: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Data {
    pub store: Store,
    pub cross_region_gb_month: Decimal,
    pub internet_egress_gb_month: Decimal,
    pub max_connections: Option<Decimal>,
    pub db_vcpu: Decimal,
}

impl Workload {
    /// Loads and validates a workload file.
    pub fn load(path: &Path) -> Result<Workload, InputError> {
        let src = read_text(path)?;
        load_str(&path.display().to_string(), &src).map(|(w, _)| w)
    }

    pub fn component(&self, name: &str) -> Option<&Component> {
        self.components.iter().find(|c| c.name == name)
    }
}

impl Component {
    /// Whether the file left this trait out, so a default or derivation stands in.
    pub fn is_default(&self, field: &str) -> bool {
        self.defaulted.contains(field)
    }
}
