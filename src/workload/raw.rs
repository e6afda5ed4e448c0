//! The workload file as written: every field optional where a default exists,
//! unknown keys refused. [`super::validate`] turns it into a [`super::Workload`].
//!
//! The doc comments here become the descriptions in `archway schema workload`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    Access, Arch, Connections, Gateway, Gpu, Kind, Platform, Purchase, Runtime, Shape, State, Store,
};
use crate::input::Dec;

/// A system to advise on: its components and the assumptions used to price them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawWorkload {
    /// The system's name (required).
    pub name: String,
    /// One line on what the system does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// A region the pricing catalog has. Default: us-east-1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Month length and free tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumptions: Option<RawAssumptions>,
    /// Today's deployment, for the migration plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<RawCurrent>,
    /// The parts of the system; each gets its own placement (at least one).
    pub components: Vec<RawComponent>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAssumptions {
    /// Month length used by every hourly price, 1 to 744. Default: 730 (AWS's month); 720 is 30 days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_per_month: Option<Dec>,
    /// Apply the monthly free tiers (Lambda 1M requests and 400,000 GB-s; Step Functions 4,000 transitions). Default: true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub free_tier: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCurrent {
    /// How the system runs today.
    pub platform: Platform,
    /// Today's monthly bill in USD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_cost_usd: Option<Dec>,
}

/// One part of the system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawComponent {
    /// Unique within the workload (required).
    pub name: String,
    /// What the component does (required).
    pub kind: Kind,
    /// Names of other components this one calls or reads.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traffic: Option<RawTraffic>,
    /// Average billed wall time per invocation, ms. Default: schedule.run_seconds × 1000 when a schedule is given, else 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<Dec>,
    /// CPU time per invocation, ms, where a platform bills CPU (Cloudflare Workers). Default: duration_ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_ms: Option<Dec>,
    /// Longest single execution, seconds. Default: schedule.run_seconds for scheduled work, else four times the average duration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_duration_s: Option<Dec>,
    /// Memory per instance, MB (1 to 1,048,576). Default: 512.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_mb: Option<Dec>,
    /// CPU architecture. Default: x86_64.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arch: Option<Arch>,
    /// Scratch disk per instance, MB. Default: 512 (what Lambda includes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ephemeral_storage_mb: Option<Dec>,
    /// Language runtime. Default: node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runtime: Option<Runtime>,
    /// Deployment package or image size, MB. Default: 10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package_mb: Option<Dec>,
    /// GPU need. Default: training for ml-training, else none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gpu: Option<Gpu>,
    /// Where the component keeps state. Default: durable-workflow for workflow, in-memory for websocket, else stateless.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<State>,
    /// Persistent connections it holds. Default: websocket for websocket, else none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connections: Option<Connections>,
    /// Target 99th-percentile latency, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_p99_ms: Option<Dec>,
    /// Request size, KB (HTTP APIs meter in 512 KB steps). Default: 10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payload_kb: Option<Dec>,
    /// Front door. Default: rest for http-api, websocket for websocket, else none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gateway: Option<Gateway>,
    /// Pre-warmed Lambda instances.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provisioned_concurrency: Option<RawProvisioned>,
    /// Runs on a timetable (required for scheduled and ml-training).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<RawSchedule>,
    /// Container sizing; anything not given is derived from the component.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container: Option<RawContainer>,
    /// Data the component reads and writes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<RawData>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compliance: Option<RawCompliance>,
    /// How it touches data; orders the migration (read-only first, transactional last). Default: read-only for static-site, else transactional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access: Option<Access>,
    /// The component does not exist today and is built new (moves first in a migration). Default: false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_feature: Option<bool>,
    /// Orchestration detail for workflows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workflow: Option<RawWorkflow>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTraffic {
    /// Invocations (executions, messages) per month. Required unless a schedule gives them;
    /// given next to a schedule it overrides the function invocation count only (say, the
    /// seed's 30-day month), while containers are priced by the schedule's runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requests_per_month: Option<Dec>,
    /// Default: spiky for http-api, sporadic for scheduled, batch and ml-training, else steady.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shape: Option<Shape>,
    /// Peak requests per second. Default: the monthly average times the shape's peak factor (steady 1.5, diurnal 3, spiky 10, sporadic 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peak_rps: Option<Dec>,
    /// Average open connections (websocket). Default: peak_rps × duration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concurrent_connections: Option<Dec>,
    /// Messages sent out per message received (websocket broadcast). Default: 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fanout: Option<Dec>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawProvisioned {
    /// Instances kept warm.
    pub instances: Dec,
    /// Hours per month they are kept warm. Default: the whole month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_per_month: Option<Dec>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSchedule {
    /// Runs per day; fractions allowed. Give this or runs_per_month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runs_per_day: Option<Dec>,
    /// Runs per month (a weekly training job is about 4.35). Give this or runs_per_day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runs_per_month: Option<Dec>,
    /// Length of one run, seconds.
    pub run_seconds: Dec,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawContainer {
    /// vCPU per task. Default: the smallest Fargate size that holds memory_gb.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vcpu: Option<Dec>,
    /// Memory per task, GB. Default: memory_mb / 1024, at least 0.5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_gb: Option<Dec>,
    /// Tasks (replicas). Default: from peak load by Little's law, with headroom, at least min_tasks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tasks: Option<Dec>,
    /// Fewest tasks kept running. Default: 2 for http-api and websocket (two zones), else 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_tasks: Option<Dec>,
    /// Requests per second one task sustains. Default: derived from concurrency_per_task / duration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rps_per_task: Option<Dec>,
    /// Requests one task serves at once. Default: 1, as Lambda runs one request per instance; raise it for servers that interleave I/O.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concurrency_per_task: Option<Dec>,
    /// Spare capacity over peak, as a fraction. Default: 0.2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headroom: Option<Dec>,
    /// Seconds a day the tasks run. Default: from the schedule, else always on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_seconds_per_day: Option<Dec>,
    /// Scratch disk per task, GB (Fargate includes 20). Default: ephemeral_storage_mb / 1024, at least 20.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ephemeral_storage_gb: Option<Dec>,
    /// EC2 type for eks, ec2 and gpu-instance. Default: m5.2xlarge (x86_64), m7g.xlarge (arm64), p3.2xlarge (training), g5.xlarge (inference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_type: Option<String>,
    /// EC2 instances. Default: enough for the tasks' vCPU and memory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nodes: Option<Dec>,
    /// EC2 purchase option. Default: on-demand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchase: Option<Purchase>,
    /// Load balancer capacity units used per month. Default: from traffic (see --explain).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alb_lcu_hours: Option<Dec>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawData {
    /// Kind of data store. Default: none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store: Option<Store>,
    /// Data read from another region per month, GB. Default: 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cross_region_gb_month: Option<Dec>,
    /// Data sent to the internet per month, GB. Default: 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internet_egress_gb_month: Option<Dec>,
    /// Connections the database accepts. Default: 100 for relational.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_connections: Option<Dec>,
    /// Database vCPUs (RDS Proxy bills per database vCPU, at least 2). Default: 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub db_vcpu: Option<Dec>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCompliance {
    /// Must run on single-tenant hardware. Default: false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dedicated_hardware: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawWorkflow {
    /// State transitions per execution (Step Functions Standard bills each). Default: 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_transitions: Option<Dec>,
}
