//! The workload file as written: every field optional where a default exists,
//! unknown keys refused. [`super::validate`] turns it into a [`super::Workload`].
//!
//! The doc comments here become the descriptions in `archway schema workload`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::fields;
use super::{
    Access, Arch, Connections, Gateway, Gpu, GpuModel, Kind, Platform, Purchase, Runtime, Shape,
    State,
};
use crate::input::Dec;

/// A system to advise on: its components and the assumptions used to price them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Workload")]
pub struct RawWorkload {
    /// The system's name (required).
    pub name: String,
    /// One line on what the system does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// A region the pricing catalog has. Default: us-east-1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The clouds whose placements are candidates: `aws`, `gcp` or both (`azure` has no
    /// placements yet). Default: [aws]. Cloudflare Workers is a candidate with any of
    /// them. `--provider` overrides it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 3))]
    pub providers: Option<Vec<crate::placement::Provider>>,
    /// Month length and free tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumptions: Option<RawAssumptions>,
    /// Today's deployment, for the migration plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<RawCurrent>,
    /// Data stores shared by components: declared once, referenced by name from a
    /// component's `data.store`, and priced once in the system total.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::input::bounded_list"
    )]
    #[schemars(length(max = 10000))]
    pub stores: Vec<RawStore>,
    /// The parts of the system; each gets its own placement (at least one, at most 10,000).
    #[serde(deserialize_with = "crate::input::bounded_list")]
    #[schemars(length(max = 10000))]
    pub components: Vec<RawComponent>,
}

/// A data store the system owns: a database, a table, a bucket or a cache.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Store")]
pub struct RawStore {
    /// Unique among stores; components name it in `data.store`.
    pub name: String,
    /// What it is: postgres, mysql, aurora, aurora-serverless, dynamodb, s3, redis,
    /// memcached, mongodb, or a kind (relational, key-value, document, object, cache).
    pub engine: String,
    /// Database class (`db.m6g.large`) or cache node type (`cache.t4g.small`). Default: the
    /// smallest class in the catalog with `vcpu` vCPUs (relational: db.t4g.medium; cache: cache.t4g.small).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_class: Option<String>,
    /// Database instances (a writer and readers) or cache nodes. Default: 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::STORE_INSTANCES.schema())]
    pub instances: Option<Dec>,
    /// A standby in a second zone (doubles instance and storage price). Default: false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multi_az: Option<bool>,
    /// Data kept, GB. Default: 20 for a database (the RDS minimum), 1 for a table, 10 for a bucket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::STORE_STORAGE_GB.schema())]
    pub storage_gb: Option<Dec>,
    /// Aurora Serverless v2 capacity range in ACUs. Default: 0.5 to 4.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acu: Option<RawAcu>,
    /// Connections the database accepts. Default: PostgreSQL's for the class (memory ÷ 9,531,392 bytes, at most 5,000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::STORE_MAX_CONNECTIONS.schema())]
    pub max_connections: Option<Dec>,
    /// Region the store lives in. Default: the workload's region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Acu")]
pub struct RawAcu {
    /// Fewest ACUs (0 lets the database pause when idle). Default: 0.5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::ACU_MIN.schema())]
    pub min: Option<Dec>,
    /// Most ACUs. Default: 4.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::ACU_MAX.schema())]
    pub max: Option<Dec>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Assumptions")]
pub struct RawAssumptions {
    /// Month length used by every hourly price, 1 to 744. Default: 730 (AWS's month); 720 is 30 days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::HOURS_PER_MONTH.schema())]
    pub hours_per_month: Option<Dec>,
    /// Apply the monthly free tiers (Lambda 1M requests and 400,000 GB-s; Step Functions 4,000 transitions). Default: true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub free_tier: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Current")]
pub struct RawCurrent {
    /// How the system runs today.
    pub platform: Platform,
    /// Today's monthly bill in USD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::MONTHLY_COST_USD.schema())]
    pub monthly_cost_usd: Option<Dec>,
}

/// One part of the system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Component")]
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
    #[schemars(transform = fields::DURATION_MS.schema())]
    pub duration_ms: Option<Dec>,
    /// CPU time per invocation, ms, where a platform bills CPU (Cloudflare Workers). Default: duration_ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::CPU_MS.schema())]
    pub cpu_ms: Option<Dec>,
    /// Longest single execution, seconds. Default: schedule.run_seconds for scheduled work, else four times the average duration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::MAX_DURATION_S.schema())]
    pub max_duration_s: Option<Dec>,
    /// Memory per instance, MB (1 to 1,048,576). Default: 512.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::MEMORY_MB.schema())]
    pub memory_mb: Option<Dec>,
    /// CPU architecture. Default: x86_64.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arch: Option<Arch>,
    /// Scratch disk per instance, MB. Default: 512 (what Lambda includes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::EPHEMERAL_STORAGE_MB.schema())]
    pub ephemeral_storage_mb: Option<Dec>,
    /// Language runtime. Default: node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runtime: Option<Runtime>,
    /// Deployment package or image size, MB. Default: 10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::PACKAGE_MB.schema())]
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
    #[schemars(transform = fields::LATENCY_P99_MS.schema())]
    pub latency_p99_ms: Option<Dec>,
    /// Request size, KB (HTTP APIs meter in 512 KB steps). Default: 10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::PAYLOAD_KB.schema())]
    pub payload_kb: Option<Dec>,
    /// Response size, KB (Lambda returns at most 6 MB synchronously). Default: 10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::RESPONSE_KB.schema())]
    pub response_kb: Option<Dec>,
    /// Log written per request or run, KB (CloudWatch Logs bills ingestion per GB). Default: 0.5, one structured access-log line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::LOGS_KB_PER_REQUEST.schema())]
    pub logs_kb_per_request: Option<Dec>,
    /// Calls to other services per request (database queries, HTTP calls); Cloudflare Workers cap them. Default: 1 with a data store, else 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::CALLS_PER_REQUEST.schema())]
    pub calls_per_request: Option<Dec>,
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
#[schemars(rename = "Traffic")]
pub struct RawTraffic {
    /// Invocations (executions, messages) per month. Give exactly one of requests_per_month,
    /// requests_per_day and requests_per_second, unless a schedule gives the runs. Given next
    /// to a schedule, it is the number of runs on every placement (say, the seed's 30-day month).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::REQUESTS_PER_MONTH.schema())]
    pub requests_per_month: Option<Dec>,
    /// Invocations per day, averaged over the month (× hours_per_month ÷ 24).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::REQUESTS_PER_DAY.schema())]
    pub requests_per_day: Option<Dec>,
    /// Average invocations per second over the month (× hours_per_month × 3,600).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::REQUESTS_PER_SECOND.schema())]
    pub requests_per_second: Option<Dec>,
    /// Default: spiky for http-api, timetable for anything on a schedule, sporadic for batch
    /// and ml-training, else steady. A schedule's traffic is always timetable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shape: Option<Shape>,
    /// Records a stream or queue consumer receives per invocation (an event source mapping's
    /// batch). Default: 100 for stream (the Kinesis and DynamoDB Streams default), else 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::BATCH_SIZE.schema())]
    pub batch_size: Option<Dec>,
    /// Peak requests per second. Default: the monthly average times the shape's peak factor (steady 1.5, diurnal 3, spiky 10, sporadic 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::PEAK_RPS.schema())]
    pub peak_rps: Option<Dec>,
    /// Average open connections (websocket). Default: peak_rps × duration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::CONCURRENT_CONNECTIONS.schema())]
    pub concurrent_connections: Option<Dec>,
    /// Messages sent out per message received (websocket broadcast). Default: 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::FANOUT.schema())]
    pub fanout: Option<Dec>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Provisioned")]
pub struct RawProvisioned {
    /// Instances kept warm.
    #[schemars(transform = fields::PROVISIONED_INSTANCES.schema())]
    pub instances: Dec,
    /// Hours per month they are kept warm. Default: the whole month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::PROVISIONED_HOURS.schema())]
    pub hours_per_month: Option<Dec>,
    /// Share of the month's requests that arrive while they are warm, 0 to 1 (a morning
    /// peak, a launch day). Default: the window's share of the month's hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::SHARE_OF_REQUESTS.schema())]
    pub share_of_requests: Option<Dec>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Schedule")]
pub struct RawSchedule {
    /// Runs per day; fractions allowed. Give this or runs_per_month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::RUNS_PER_DAY.schema())]
    pub runs_per_day: Option<Dec>,
    /// Runs per month (a weekly training job is about 4.35). Give this or runs_per_day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::RUNS_PER_MONTH.schema())]
    pub runs_per_month: Option<Dec>,
    /// Length of one run, seconds.
    #[schemars(transform = fields::RUN_SECONDS.schema())]
    pub run_seconds: Dec,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Container")]
pub struct RawContainer {
    /// vCPU per task. Default: the smallest Fargate size that holds memory_gb.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::VCPU.schema())]
    pub vcpu: Option<Dec>,
    /// Memory per task, GB. Default: memory_mb / 1024, at least 0.5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::MEMORY_GB.schema())]
    pub memory_gb: Option<Dec>,
    /// Tasks (replicas), fixed. Default: sized from the load (see `archway cost --explain`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::TASKS.schema())]
    pub tasks: Option<Dec>,
    /// Fewest tasks kept running. Default: 2 for http-api, websocket and ml-inference (two
    /// zones), 0 for worker and batch (scale to zero when there is no work), else 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::MIN_TASKS.schema())]
    pub min_tasks: Option<Dec>,
    /// Requests per second one task sustains flat out (measured). Default: derived from its
    /// vCPU, the CPU each request needs and concurrency_per_task.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::RPS_PER_TASK.schema())]
    pub rps_per_task: Option<Dec>,
    /// Most requests one task serves at once; requests that wait on I/O interleave up to it.
    /// Default: 80 (Cloud Run's default concurrency), fewer when the task's vCPU runs out first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::CONCURRENCY_PER_TASK.schema())]
    pub concurrency_per_task: Option<Dec>,
    /// Busiest share of capacity an autoscaler aims for, 0.1 to 1. Default: 0.7 for services
    /// that answer requests, 0.8 for queue consumers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::TARGET_UTILISATION.schema())]
    pub target_utilisation: Option<Dec>,
    /// Spare capacity over the load, as a fraction (0.25 is target_utilisation 0.8). Give this or target_utilisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::HEADROOM.schema())]
    pub headroom: Option<Dec>,
    /// Requests per second one GPU sustains, with batching. Default: one request at a time (1,000 ÷ duration_ms).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::RPS_PER_GPU.schema())]
    pub rps_per_gpu: Option<Dec>,
    /// Seconds a new task, instance or GPU container takes before it serves (image pull,
    /// model load). Default: 2 s plus 1 s per 200 MB of package (the seed's 1.89 GB image: 8–15 s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::STARTUP_S.schema())]
    pub startup_s: Option<Dec>,
    /// Seconds a day the tasks run. Default: from the schedule, else always on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::ACTIVE_SECONDS_PER_DAY.schema())]
    pub active_seconds_per_day: Option<Dec>,
    /// Scratch disk per task, GB (Fargate includes 20). Default: ephemeral_storage_mb / 1024, at least 20.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::EPHEMERAL_STORAGE_GB.schema())]
    pub ephemeral_storage_gb: Option<Dec>,
    /// EC2 type for eks, ec2 and gpu-instance. Default: m5.2xlarge (x86_64), m7g.xlarge (arm64), p3.2xlarge (training), g5.xlarge (inference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_type: Option<String>,
    /// EC2 instances. Default: enough for the tasks' vCPU and memory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::NODES.schema())]
    pub nodes: Option<Dec>,
    /// EC2 purchase option. Default: on-demand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchase: Option<Purchase>,
    /// The GPU on Modal and Replicate (per GPU-second). Default: a10, the generic serverless GPU's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gpu_model: Option<GpuModel>,
    /// Load balancer capacity units used per month. Default: from traffic (see --explain).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::ALB_LCU_HOURS.schema())]
    pub alb_lcu_hours: Option<Dec>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Data")]
pub struct RawData {
    /// The store it uses: the name of a store declared under `stores:`, an engine people
    /// name (postgres, mysql, aurora, aurora-serverless, dynamodb, s3, redis, memcached,
    /// mongodb) or a kind (relational, key-value, document, object, cache). Default: none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store: Option<String>,
    /// Region the data lives in; reading it from another region is billed per GB. Default: the workload's region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Item or object reads per request (DynamoDB read units, S3 GETs). Default: 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::READS_PER_REQUEST.schema())]
    pub reads_per_request: Option<Dec>,
    /// Item or object writes per request (DynamoDB write units, S3 PUTs). Default: 0 for
    /// read-only access, 1 for other given access; else 1 for work that produces results
    /// (worker, stream, batch, scheduled, workflow, websocket), 0 for a request path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::WRITES_PER_REQUEST.schema())]
    pub writes_per_request: Option<Dec>,
    /// Data read from the store per request, KB (crosses regions when the store is elsewhere). Default: 10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::KB_PER_REQUEST.schema())]
    pub kb_per_request: Option<Dec>,
    /// Data exchanged with services on the internet (payment APIs, SaaS) a month, GB; from
    /// inside a VPC it passes a NAT gateway. Default: 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::INTERNET_API_GB_MONTH.schema())]
    pub internet_api_gb_month: Option<Dec>,
    /// Data read from another region per month, GB. Default: 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::CROSS_REGION_GB_MONTH.schema())]
    pub cross_region_gb_month: Option<Dec>,
    /// Data sent to the internet per month, GB. Default: 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::INTERNET_EGRESS_GB_MONTH.schema())]
    pub internet_egress_gb_month: Option<Dec>,
    /// Connections the database accepts. Default: 100 for relational.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::DATA_MAX_CONNECTIONS.schema())]
    pub max_connections: Option<Dec>,
    /// Database vCPUs (RDS Proxy bills per database vCPU, at least 2). Default: 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::DB_VCPU.schema())]
    pub db_vcpu: Option<Dec>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Compliance")]
pub struct RawCompliance {
    /// Must run on single-tenant hardware. Default: false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dedicated_hardware: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Workflow")]
pub struct RawWorkflow {
    /// State transitions per execution (Step Functions Standard bills each). Default: 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = fields::STATE_TRANSITIONS.schema())]
    pub state_transitions: Option<Dec>,
}
