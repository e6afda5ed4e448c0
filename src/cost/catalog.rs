//! The pricing catalog (`rules/pricing.yaml`): unit prices per region, each with its
//! source and the date it was checked. Typed, so a missing price is a load error, not
//! a wrong bill.

use std::path::Path;

use rust_decimal::{Decimal, dec};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::input::{Dec, Findings, InputError, YamlPath, parse_yaml, read_text, suggest};
use crate::workload::Arch;

/// The catalog embedded in the binary.
pub const EMBEDDED: &str = include_str!("../../rules/pricing.yaml");
pub const EMBEDDED_NAME: &str = "rules/pricing.yaml (embedded)";

/// Unit prices for every region archway can price.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pricing {
    /// The date the catalog as a whole was last checked (YYYY-MM-DD).
    pub as_of: String,
    /// Currency of every price. Only USD is supported.
    pub currency: String,
    pub regions: Vec<RegionPrices>,
    /// The prices a partial catalog (`extends: embedded`) replaced, as
    /// `us-east-1 lambda.requests`; empty for a whole catalog.
    #[serde(skip)]
    #[schemars(skip)]
    pub overridden: Vec<String>,
}

/// One price: the amount in USD per unit, where it comes from, and when it was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Price {
    pub usd: Dec,
    /// What one unit is ("request", "GB-second", "vCPU-hour").
    pub per: String,
    /// A seed file and section, or the provider's pricing page.
    pub source: String,
    /// YYYY-MM-DD.
    pub as_of: String,
}

/// A price that falls with monthly volume. Tiers are in order; the last has no `up_to`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tiered {
    pub per: String,
    pub tiers: Vec<Tier>,
    pub source: String,
    pub as_of: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// Cumulative monthly quantity where this tier ends; absent on the last tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub up_to: Option<Dec>,
    pub usd: Dec,
}

/// A monthly allowance (free tier, included usage): a quantity, not a price.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Allowance {
    pub quantity: Dec,
    pub per: String,
    pub source: String,
    pub as_of: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegionPrices {
    pub region: String,
    pub lambda: LambdaPrices,
    pub lambda_edge: LambdaEdgePrices,
    pub api_gateway: ApiGatewayPrices,
    pub alb: AlbPrices,
    pub fargate: FargatePrices,
    pub eks: EksPrices,
    pub ec2: Vec<Instance>,
    pub step_functions: StepFunctionsPrices,
    pub cloudflare_workers: WorkersPrices,
    pub serverless_gpu: ServerlessGpuPrices,
    pub data_transfer: DataTransferPrices,
    pub rds_proxy: RdsProxyPrices,
    pub dynamodb: DynamoDbPrices,
    pub rds: RdsPrices,
    pub aurora: AuroraPrices,
    pub s3: S3Prices,
    pub elasticache: ElastiCachePrices,
    pub sqs: SqsPrices,
    pub eventbridge: EventBridgePrices,
    pub kinesis: KinesisPrices,
    pub nat_gateway: NatGatewayPrices,
    pub cloudwatch_logs: LogsPrices,
    pub public_ipv4: PublicIpv4Prices,
    /// Google Cloud's prices for a workload in this region: those of the Google Cloud
    /// region named in `gcp.region`. Absent: no Google Cloud placement is priced here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gcp: Option<GcpPrices>,
    /// Lambda Managed Instances. Absent: the placement is listed as not priced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lambda_managed_instances: Option<LambdaManagedInstancesPrices>,
    /// Fargate Spot's own per-hour rates. Absent (as in the embedded catalog, because
    /// AWS's page shows them only in a table drawn in the browser, which could not be
    /// read): Fargate Spot is listed as not priced, with the reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fargate_spot: Option<FargateSpotPrices>,
    /// Modal's GPUs, per GPU-second (one list price in every region). Absent: not priced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modal: Option<GpuProviderPrices>,
    /// Replicate's GPUs, per second (one list price in every region). Absent: not priced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replicate: Option<GpuProviderPrices>,
    /// Temporal Cloud (one list price in every region). Absent: not priced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temporal_cloud: Option<TemporalCloudPrices>,
    /// Lambda durable functions: durable operations and their data, beside Lambda's own
    /// compute charges. Absent: not priced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lambda_durable: Option<LambdaDurablePrices>,
}

/// Lambda durable functions' own charges (its compute is Lambda's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LambdaDurablePrices {
    /// Per durable operation: starting an execution, completing a step, creating a wait.
    pub operations: Price,
    /// Per GB the operations write.
    pub data_written_gb: Price,
    /// Per GB-month of data kept while an execution runs and after it (prorated).
    pub data_retained_gb_month: Price,
    /// Days a completed execution's data is kept by default.
    pub default_retention_days: Allowance,
}

/// Temporal Cloud: Actions and a plan charge (storage prices are listed; see
/// `archway cost --explain` for why a bill leaves storage out).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TemporalCloudPrices {
    /// The Developer plan's price per Action, at every volume.
    pub developer_action: Price,
    /// The Business plan's volume prices per Action, beyond the plan's allocation.
    pub business_actions: Tiered,
    /// Actions past which Business prices are by contact with sales (not priced).
    pub business_max_actions: Allowance,
    /// Actions the Business plan includes each month.
    pub business_included_actions: Allowance,
    /// The Business plan's monthly minimum.
    pub business_minimum: Price,
    /// The plan's share of Actions and Storage spend (both plans).
    pub plan_usage_fraction: Allowance,
    pub active_storage_gbh: Price,
    pub retained_storage_gbh: Price,
}

/// A serverless GPU provider's per-second prices, one per GPU it lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GpuProviderPrices {
    pub per_gpu: Vec<GpuPrice>,
}

/// One GPU's price per second of use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GpuPrice {
    pub gpu: crate::workload::GpuModel,
    pub gpu_second: Price,
}

impl GpuProviderPrices {
    pub fn price(&self, gpu: crate::workload::GpuModel) -> Option<&Price> {
        self.per_gpu
            .iter()
            .find(|g| g.gpu == gpu)
            .map(|g| &g.gpu_second)
    }
}

/// Lambda Managed Instances: Lambda runs the function on EC2 instances of the catalog's
/// `ec2` list; the bill is those instances at EC2's price, a management fee on their
/// on-demand price, and requests. No duration charge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LambdaManagedInstancesPrices {
    pub requests: Price,
    /// The compute management fee, as a fraction of the instance's EC2 on-demand price.
    pub management_fee_fraction: Allowance,
    /// Instances Lambda launches for a function version (for Availability Zone resiliency).
    pub minimum_instances: Allowance,
    /// Concurrent requests per vCPU an execution environment takes by default, by runtime.
    pub concurrency_per_vcpu_node: Allowance,
    pub concurrency_per_vcpu_java: Allowance,
    pub concurrency_per_vcpu_dotnet: Allowance,
    pub concurrency_per_vcpu_python: Allowance,
    /// The memory an execution environment may have per vCPU: least and most (GiB).
    pub min_memory_gib_per_vcpu: Allowance,
    pub max_memory_gib_per_vcpu: Allowance,
}

/// Fargate Spot's rates (Linux on x86_64: Spot runs nothing else).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FargateSpotPrices {
    pub vcpu_hour: Price,
    pub gb_hour: Price,
}

/// Google Cloud prices, for one Google Cloud region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GcpPrices {
    /// The Google Cloud region these prices are for (`us-central1`), and so the region a
    /// workload in the enclosing AWS region is priced in on Google Cloud.
    pub region: String,
    pub cloud_run: CloudRunPrices,
    /// Pub/Sub, the queue in front of a worker and the topic a stream consumer reads.
    /// Absent: those are said to be unpriced on Google Cloud.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pubsub: Option<PubSubPrices>,
    /// Cloud Scheduler, which starts scheduled work. Absent: said to be unpriced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduler: Option<SchedulerPrices>,
    /// Cloud Logging, which keeps the logs a service writes. Absent: said to be unpriced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logging: Option<LoggingPrices>,
}

/// Cloud Logging: a one-time charge per GiB of logs stored, past a free volume.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LoggingPrices {
    pub storage_gib: Price,
    /// The monthly free volume (per project), in GiB.
    pub free_gib: Allowance,
}

/// Cloud Scheduler: billed per job (not per run), by the day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SchedulerPrices {
    /// One job for 31 days (billed by the day, a 31st of this a day).
    pub job_31_days: Price,
    /// Jobs free each month (per billing account).
    pub free_jobs: Allowance,
}

/// Pub/Sub: ingestion and delivery priced per volume of data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PubSubPrices {
    /// Message ingestion and delivery, per TiB (2^40 bytes).
    pub throughput_tib: Price,
    /// The monthly free volume (per billing account), in GiB.
    pub free_gib: Allowance,
    /// The bytes each publish, push or pull request is billed at least.
    pub minimum_request_bytes: Allowance,
}

/// Cloud Run: services (request-based or instance-based billing), jobs and functions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CloudRunPrices {
    /// Request-based billing: CPU while an instance serves requests.
    pub request_vcpu_second: Price,
    /// Request-based billing: memory while an instance serves requests.
    pub request_gib_second: Price,
    /// Request-based billing: each request.
    pub requests: Price,
    /// The monthly free grant of request-based billing (per billing account).
    pub free_request_vcpu_seconds: Allowance,
    pub free_request_gib_seconds: Allowance,
    pub free_requests: Allowance,
    /// Instance-based billing (services) and jobs: the instance's whole life, no request
    /// fee. Absent when its prices are not in the catalog: then services are priced
    /// request-based only and jobs are not priced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_based: Option<CloudRunInstancePrices>,
}

/// Cloud Run's instance-based billing, also the price of jobs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CloudRunInstancePrices {
    pub vcpu_second: Price,
    pub gib_second: Price,
    /// The monthly free grant (per billing account).
    pub free_vcpu_seconds: Allowance,
    pub free_gib_seconds: Allowance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LambdaPrices {
    pub requests: Price,
    pub duration_x86_64: Tiered,
    pub duration_arm64: Tiered,
    pub provisioned_x86_64: Price,
    pub provisioned_arm64: Price,
    pub provisioned_duration_x86_64: Price,
    pub provisioned_duration_arm64: Price,
    pub ephemeral_storage: Price,
    pub included_ephemeral_mb: Allowance,
    pub free_requests: Allowance,
    pub free_gb_seconds: Allowance,
}

impl LambdaPrices {
    pub fn duration(&self, arch: Arch) -> &Tiered {
        match arch {
            Arch::X86_64 => &self.duration_x86_64,
            Arch::Arm64 => &self.duration_arm64,
        }
    }
    pub fn provisioned(&self, arch: Arch) -> &Price {
        match arch {
            Arch::X86_64 => &self.provisioned_x86_64,
            Arch::Arm64 => &self.provisioned_arm64,
        }
    }
    pub fn provisioned_duration(&self, arch: Arch) -> &Price {
        match arch {
            Arch::X86_64 => &self.provisioned_duration_x86_64,
            Arch::Arm64 => &self.provisioned_duration_arm64,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LambdaEdgePrices {
    pub requests: Price,
    pub duration: Price,
    /// CloudFront requests in front of the edge function.
    pub cloudfront_requests: Price,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApiGatewayPrices {
    pub rest_requests: Tiered,
    pub http_requests: Tiered,
    /// HTTP APIs meter each request in steps of this size.
    pub http_metering_kb: Allowance,
    pub websocket_messages: Tiered,
    /// WebSocket APIs meter messages in steps of this size.
    pub websocket_metering_kb: Allowance,
    pub websocket_connection_minutes: Price,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AlbPrices {
    pub hourly: Price,
    pub lcu_hour: Price,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FargatePrices {
    pub vcpu_hour_x86_64: Price,
    pub gb_hour_x86_64: Price,
    pub vcpu_hour_arm64: Price,
    pub gb_hour_arm64: Price,
    pub ephemeral_gb_hour: Price,
    pub included_ephemeral_gb: Allowance,
    pub minimum_billed_seconds: Allowance,
}

impl FargatePrices {
    pub fn vcpu_hour(&self, arch: Arch) -> &Price {
        match arch {
            Arch::X86_64 => &self.vcpu_hour_x86_64,
            Arch::Arm64 => &self.vcpu_hour_arm64,
        }
    }
    pub fn gb_hour(&self, arch: Arch) -> &Price {
        match arch {
            Arch::X86_64 => &self.gb_hour_x86_64,
            Arch::Arm64 => &self.gb_hour_arm64,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EksPrices {
    pub control_plane_hour: Price,
}

/// An EC2 instance type with its on-demand and one-year reserved hourly prices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Instance {
    #[serde(rename = "type")]
    pub kind: String,
    pub arch: Arch,
    pub vcpu: Dec,
    pub memory_gb: Dec,
    pub gpus: Dec,
    /// For a burstable type: the share of each vCPU it sustains without credits (0.2 is 20%).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub burst_baseline: Option<Dec>,
    pub on_demand_hour: Price,
    /// Effective hourly price of a one-year, no-upfront reservation, where the catalog has it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reserved_1y_hour: Option<Price>,
    /// The vCPU and GB a node keeps for the OS and kubelet, worked out once: every sweep
    /// point weighs every instance type.
    #[serde(skip)]
    #[schemars(skip)]
    reserve: Reserve,
}

impl Instance {
    /// The vCPU and GB a node of this type keeps for the OS and kubelet (see
    /// `container::reserved`).
    pub fn reserve(&self) -> (Decimal, Decimal) {
        *self
            .reserve
            .0
            .get_or_init(|| super::container::reserved(self))
    }
}

/// A node's reserve once worked out. It follows from the instance's other fields, so it
/// takes no part in comparing two instances (worked out or not, they are the same type).
#[derive(Debug, Clone, Default)]
struct Reserve(std::sync::OnceLock<(Decimal, Decimal)>);

impl PartialEq for Reserve {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StepFunctionsPrices {
    pub standard_transition: Price,
    pub standard_free_transitions: Allowance,
    pub express_requests: Price,
    pub express_duration_gb_hour: Tiered,
    /// Express bills memory in steps of this size.
    pub express_memory_step_mb: Allowance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkersPrices {
    pub monthly_base: Price,
    pub included_requests: Allowance,
    pub included_cpu_ms: Allowance,
    pub request_overage: Price,
    pub cpu_ms_overage: Price,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServerlessGpuPrices {
    pub gpu_second: Price,
    /// Seconds an idle GPU container is kept (and billed) before it scales down.
    pub idle_window_s: Allowance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataTransferPrices {
    pub cross_region_gb: Price,
    pub internet_gb: Price,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RdsProxyPrices {
    pub vcpu_hour: Price,
    pub minimum_vcpu: Allowance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DynamoDbPrices {
    pub read_request: Price,
    pub write_request: Price,
    pub storage_gb_month: Price,
    pub free_storage_gb: Allowance,
}

/// A database or cache instance class and its hourly price.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DbClass {
    pub class: String,
    pub vcpu: Dec,
    pub memory_gb: Dec,
    pub hour: Price,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RdsPrices {
    /// RDS for PostgreSQL, single-AZ, on demand; a Multi-AZ deployment (one standby) bills twice.
    pub postgres: Vec<DbClass>,
    /// gp3 storage, single-AZ.
    pub storage_gb_month: Price,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuroraPrices {
    pub serverless_acu_hour: Price,
    pub storage_gb_month: Price,
    pub io_request: Price,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct S3Prices {
    pub storage_gb_month: Price,
    pub put_request: Price,
    pub get_request: Price,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ElastiCachePrices {
    pub redis: Vec<DbClass>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SqsPrices {
    pub request: Price,
    pub free_requests: Allowance,
    /// Each request is billed per started chunk of this size.
    pub chunk_kb: Allowance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventBridgePrices {
    pub scheduler_invocation: Price,
    pub free_scheduler_invocations: Allowance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KinesisPrices {
    pub shard_hour: Price,
    pub put_payload_unit: Price,
    pub payload_unit_kb: Allowance,
    /// What one shard takes in per second.
    pub shard_mb_per_s: Allowance,
    pub shard_records_per_s: Allowance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NatGatewayPrices {
    pub hourly: Price,
    pub gb_processed: Price,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LogsPrices {
    pub ingestion_gb: Price,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicIpv4Prices {
    pub hourly: Price,
}

/// Sections a catalog may leave out, which a partial catalog may add whole.
const OPTIONAL_SECTIONS: &[&str] = &[
    "gcp",
    "instance_based",
    "lambda_managed_instances",
    "fargate_spot",
    "modal",
    "replicate",
    "temporal_cloud",
    "lambda_durable",
];

/// Merges `patch` into `base`: mappings key by key, `regions` by region name, anything
/// else replaced. Keys the base lacks, and money that is not a number, are findings at
/// their path in the patch; each replaced amount is recorded as `region item.path`.
fn merge(
    base: &mut serde_yaml::Value,
    patch: &serde_yaml::Value,
    at: &YamlPath,
    label: &str,
    f: &mut Findings,
    overridden: &mut Vec<String>,
) {
    use serde_yaml::Value;
    match (base, patch) {
        (Value::Mapping(b), Value::Mapping(p)) => {
            for (k, v) in p {
                let key = k.as_str().unwrap_or("");
                let here = at.key(key.to_string());
                // Lists whose entries are named: an entry is merged into the one of the
                // same name, or added whole (the full parse checks it).
                let named = match key {
                    "regions" => Some(("region", "a new region")),
                    "ec2" => Some(("type", "a new instance type")),
                    _ => None,
                };
                if let Some((id, what)) = named
                    && let (Some(Value::Sequence(bs)), Value::Sequence(ps)) = (b.get_mut(k), v)
                {
                    for (i, pr) in ps.iter().enumerate() {
                        let name = pr.get(id).and_then(Value::as_str).unwrap_or("");
                        // "us-east-1", or "us-east-1 ec2 g5.8xlarge".
                        let label = if label.is_empty() {
                            name.to_string()
                        } else {
                            format!("{label} {key} {name}")
                        };
                        match bs
                            .iter_mut()
                            .find(|r| r.get(id).and_then(Value::as_str) == Some(name))
                        {
                            Some(br) => merge(br, pr, &here.index(i), &label, f, overridden),
                            None => {
                                bs.push(pr.clone());
                                overridden.push(format!("{label} ({what})"));
                            }
                        }
                    }
                    continue;
                }
                match b.get_mut(k) {
                    Some(bv) if bv.is_mapping() && v.is_mapping() => {
                        let label = if label.is_empty() || key == "region" {
                            format!("{label}{key}")
                        } else if label.contains(' ') {
                            format!("{label}.{key}")
                        } else {
                            format!("{label} {key}")
                        };
                        merge(bv, v, &here, &label, f, overridden)
                    }
                    Some(bv) => {
                        let text = match v {
                            Value::String(s) => s.clone(),
                            Value::Number(n) => n.to_string(),
                            other => format!("{other:?}"),
                        };
                        if matches!(key, "usd" | "quantity" | "up_to")
                            && crate::input::parse_decimal(&text).is_err()
                        {
                            f.push(
                                &here,
                                format!("expected an amount like \"0.0000002\", found `{text}`"),
                            );
                            continue;
                        }
                        if *bv != *v {
                            if matches!(key, "usd" | "quantity" | "tiers")
                                && !overridden.contains(&label.to_string())
                            {
                                overridden.push(label.to_string());
                            }
                            *bv = v.clone();
                        }
                    }
                    // A section the catalog may leave out (Google Cloud's prices, Cloud
                    // Run's instance-based billing) is added whole; the full parse checks it.
                    None if OPTIONAL_SECTIONS.contains(&key) && v.is_mapping() => {
                        b.insert(k.clone(), v.clone());
                        let at = if label.is_empty() {
                            key.to_string()
                        } else if label.contains(' ') {
                            format!("{label}.{key}")
                        } else {
                            format!("{label} {key}")
                        };
                        overridden.push(format!("{at} (added)"));
                    }
                    None => {
                        let names: Vec<&str> = b.keys().filter_map(Value::as_str).collect();
                        let hint = suggest(key, names.iter().copied())
                            .map(|s| format!("; did you mean `{s}`?"))
                            .unwrap_or_default();
                        f.push(&here, format!("the catalog has no `{key}` here{hint}"));
                    }
                }
            }
        }
        (b, p) => *b = p.clone(),
    }
}

impl Pricing {
    /// The catalog built into the binary.
    pub fn embedded() -> Pricing {
        // Parsed once per process (a copy costs a fraction of a parse); the embedded
        // catalog is checked by the test suite, so failing here is a build defect.
        static ONCE: std::sync::OnceLock<Pricing> = std::sync::OnceLock::new();
        ONCE.get_or_init(|| {
            Pricing::parse(EMBEDDED_NAME, EMBEDDED).expect("the embedded pricing catalog is valid")
        })
        .clone()
    }

    /// Reads a catalog file: a whole catalog, or (`extends: embedded`) the prices to
    /// change in the embedded one.
    pub fn load(path: &Path) -> Result<Pricing, InputError> {
        let src = read_text(path)?;
        let file = crate::input::display_name(path);
        // A whole catalog is read as one, so its errors are the typed reader's.
        match parse_yaml::<serde_yaml::Value>(&file, &src) {
            Ok(doc) if doc.get("extends").is_some() => Pricing::overlay(&file, &src, doc),
            _ => Pricing::parse(&file, &src),
        }
    }

    /// The embedded catalog with a partial file's prices over it. Keys the catalog does
    /// not have and values that are not numbers are reported in the partial file, at
    /// their line and column.
    fn overlay(file: &str, src: &str, mut patch: serde_yaml::Value) -> Result<Pricing, InputError> {
        use serde_yaml::Value;
        let root = YamlPath::default();
        let mut f = Findings::default();
        if let Value::Mapping(m) = &mut patch {
            match m.remove("extends") {
                Some(Value::String(s)) if s == "embedded" => {}
                _ => f.push(
                    &root.key("extends"),
                    "a partial catalog says `extends: embedded` (the only catalog it can extend)",
                ),
            }
        }
        // The embedded catalog as values, from the events read at build time.
        let mut base: Value = crate::input::parse_rules_yaml(EMBEDDED_NAME, EMBEDDED)?;
        let mut overridden = Vec::new();
        merge(&mut base, &patch, &root, "", &mut f, &mut overridden);
        f.into_result(file, src)?;
        let merged =
            serde_yaml::to_string(&base).map_err(|e| InputError::file(file, e.to_string()))?;
        let mut p = Pricing::parse(&format!("{file} (over the embedded catalog)"), &merged)?;
        p.overridden = overridden;
        Ok(p)
    }

    pub fn parse(file: &str, src: &str) -> Result<Pricing, InputError> {
        let p: Pricing = crate::input::parse_rules_yaml(file, src)?;
        let mut f = Findings::default();
        p.check(&mut f);
        f.into_result(file, src)?;
        Ok(p)
    }

    /// The catalog as a file: the embedded one as written (with its comments), any
    /// other as YAML.
    pub fn to_yaml(&self) -> String {
        if *self == Pricing::embedded() {
            // The editor's pointer at the schema is relative to the source tree: it
            // means nothing where the printed catalog is saved.
            return EMBEDDED
                .strip_prefix("# yaml-language-server: $schema=../schemas/pricing.schema.json\n")
                .unwrap_or(EMBEDDED)
                .to_string();
        }
        serde_yaml::to_string(self).unwrap_or_default()
    }

    pub fn region(&self, name: &str) -> Option<&RegionPrices> {
        self.regions.iter().find(|r| r.region == name)
    }

    /// Why a region is unknown, with the nearest known name.
    pub fn unknown_region(&self, name: &str) -> String {
        let names: Vec<&str> = self.regions.iter().map(|r| r.region.as_str()).collect();
        let hint = suggest(name, names.iter().copied())
            .map(|s| format!(", did you mean `{s}`?"))
            .unwrap_or_default();
        format!(
            "the pricing catalog has no region `{name}`{hint} (it has: {})",
            names.join(", ")
        )
    }

    fn check(&self, f: &mut Findings) {
        let root = YamlPath::default();
        if self.currency != "USD" {
            f.push(
                &root.key("currency"),
                format!("only USD is supported, found `{}`", self.currency),
            );
        }
        check_date(f, &root.key("as_of"), &self.as_of);
        if self.regions.is_empty() {
            f.push(
                &root.key("regions"),
                "the catalog needs at least one region",
            );
        }
        let mut seen = Vec::new();
        for (i, r) in self.regions.iter().enumerate() {
            let rp = root.key("regions").index(i);
            if seen.contains(&r.region.as_str()) {
                f.push(
                    &rp.key("region"),
                    format!("region `{}` appears twice", r.region),
                );
            }
            seen.push(r.region.as_str());
            let value = serde_yaml::to_value(r).unwrap_or(serde_yaml::Value::Null);
            check_prices(f, &rp, &value);
            for (path, t) in r.tiered() {
                let tp = rp.key(path[0]).key(path[1]).key("tiers");
                check_tiers(f, &tp, &t.tiers);
            }
            for (path, a) in r.steps() {
                if a.quantity.0 < MIN_STEP {
                    f.push(
                        &rp.key(path[0]).key(path[1]).key("quantity"),
                        format!(
                            "{} is too small: a step that other quantities are divided by must be at least {MIN_STEP}",
                            a.quantity.0
                        ),
                    );
                }
            }
            let mut types = std::collections::BTreeSet::new();
            for (j, inst) in r.ec2.iter().enumerate() {
                let ip = rp.key("ec2").index(j);
                if !types.insert(inst.kind.as_str()) {
                    f.push(
                        &ip.key("type"),
                        format!("instance type `{}` appears twice", inst.kind),
                    );
                }
                shape(f, &ip, inst.vcpu.0, inst.memory_gb.0);
                within(
                    f,
                    &ip.key("gpus"),
                    inst.gpus.0,
                    Decimal::ZERO,
                    MAX_UNITS,
                    "GPUs",
                );
                if let Some(b) = &inst.burst_baseline {
                    within(
                        f,
                        &ip.key("burst_baseline"),
                        b.0,
                        Decimal::ZERO,
                        Decimal::ONE,
                        "of each vCPU",
                    );
                }
            }
            for (list, classes) in [
                (["rds", "postgres"], &r.rds.postgres),
                (["elasticache", "redis"], &r.elasticache.redis),
            ] {
                for (j, k) in classes.iter().enumerate() {
                    shape(
                        f,
                        &rp.key(list[0]).key(list[1]).index(j),
                        k.vcpu.0,
                        k.memory_gb.0,
                    );
                }
            }
        }
    }

    /// Finds an EC2 instance type in a region.
    pub fn instance<'a>(region: &'a RegionPrices, kind: &str) -> Option<&'a Instance> {
        region.ec2.iter().find(|i| i.kind == kind)
    }
}

/// The highest unit price a catalog may hold: above it a price is a typing mistake (the
/// dearest unit archway prices, a GPU instance-hour, is tens of dollars).
pub const MAX_UNIT_PRICE: Decimal = dec!(1_000_000);
/// The largest allowance or tier boundary (requests, GB-seconds, KB …) a catalog may hold.
pub const MAX_QUANTITY: Decimal = dec!(1_000_000_000_000_000_000);
/// The smallest metering step (KB, MB, records a second): quantities are divided by it.
pub const MIN_STEP: Decimal = dec!(0.001);
/// The most vCPUs, GB of memory or GPUs an instance or database class may have.
pub const MAX_UNITS: Decimal = dec!(1_000_000);

/// `v` is within `lo..=hi`, or a finding at `p` saying so.
fn within(f: &mut Findings, p: &YamlPath, v: Decimal, lo: Decimal, hi: Decimal, unit: &str) {
    if v < lo || v > hi {
        f.push(
            p,
            format!("{v} is out of range: expected {lo} to {hi} {unit}"),
        );
    }
}

/// An instance or database class has some CPU and memory, and not absurdly much.
fn shape(f: &mut Findings, p: &YamlPath, vcpu: Decimal, memory_gb: Decimal) {
    if vcpu <= Decimal::ZERO || memory_gb <= Decimal::ZERO {
        f.push(p, "vcpu and memory_gb must be more than 0");
    }
    within(f, &p.key("vcpu"), vcpu, Decimal::ZERO, MAX_UNITS, "vCPUs");
    within(
        f,
        &p.key("memory_gb"),
        memory_gb,
        Decimal::ZERO,
        MAX_UNITS,
        "GB",
    );
}

/// Walks a region's prices generically: every `usd` and `quantity` within its range,
/// every `as_of` a date, every `source` non-empty, every tier list ascending and
/// open-ended.
fn check_prices(f: &mut Findings, path: &YamlPath, v: &serde_yaml::Value) {
    use serde_yaml::Value;
    match v {
        Value::Mapping(m) => {
            for (k, val) in m {
                let Some(key) = k.as_str() else { continue };
                let p = path.key(key.to_string());
                match key {
                    "usd" | "quantity" => {
                        let text = match val {
                            Value::Number(n) => n.to_string(),
                            Value::String(s) => s.clone(),
                            _ => continue,
                        };
                        let Ok(d) = crate::input::parse_decimal(&text) else {
                            continue;
                        };
                        if d < Decimal::ZERO {
                            f.push(&p, "is negative; prices and allowances are 0 or more");
                        } else if key == "usd" && d > MAX_UNIT_PRICE {
                            f.push(
                                &p,
                                format!("{d} is out of range: a unit price is at most {MAX_UNIT_PRICE} USD"),
                            );
                        } else if key == "quantity" && d > MAX_QUANTITY {
                            f.push(
                                &p,
                                format!(
                                    "{d} is out of range: an allowance is at most {MAX_QUANTITY}"
                                ),
                            );
                        }
                    }
                    "source" if val.as_str().is_none_or(|s| s.trim().is_empty()) => {
                        f.push(&p, "every price needs a source (a seed file and section, or the provider's pricing page)");
                    }
                    "as_of" => check_date(f, &p, val.as_str().unwrap_or("")),
                    // Tiers are checked on the typed values (see `RegionPrices::tiered`).
                    "tiers" => {}
                    _ => check_prices(f, &p, val),
                }
            }
        }
        Value::Sequence(s) => {
            for (i, item) in s.iter().enumerate() {
                check_prices(f, &path.index(i), item);
            }
        }
        _ => {}
    }
}

impl RegionPrices {
    /// Every metering step (a size or rate other quantities are divided by), with its path.
    fn steps(&self) -> [([&'static str; 2], &Allowance); 7] {
        [
            (
                ["api_gateway", "http_metering_kb"],
                &self.api_gateway.http_metering_kb,
            ),
            (
                ["api_gateway", "websocket_metering_kb"],
                &self.api_gateway.websocket_metering_kb,
            ),
            (
                ["step_functions", "express_memory_step_mb"],
                &self.step_functions.express_memory_step_mb,
            ),
            (["sqs", "chunk_kb"], &self.sqs.chunk_kb),
            (
                ["kinesis", "payload_unit_kb"],
                &self.kinesis.payload_unit_kb,
            ),
            (["kinesis", "shard_mb_per_s"], &self.kinesis.shard_mb_per_s),
            (
                ["kinesis", "shard_records_per_s"],
                &self.kinesis.shard_records_per_s,
            ),
        ]
    }

    /// Every tiered price with its path in the file.
    fn tiered(&self) -> [([&'static str; 2], &Tiered); 6] {
        [
            (["lambda", "duration_x86_64"], &self.lambda.duration_x86_64),
            (["lambda", "duration_arm64"], &self.lambda.duration_arm64),
            (
                ["api_gateway", "rest_requests"],
                &self.api_gateway.rest_requests,
            ),
            (
                ["api_gateway", "http_requests"],
                &self.api_gateway.http_requests,
            ),
            (
                ["api_gateway", "websocket_messages"],
                &self.api_gateway.websocket_messages,
            ),
            (
                ["step_functions", "express_duration_gb_hour"],
                &self.step_functions.express_duration_gb_hour,
            ),
        ]
    }
}

fn check_tiers(f: &mut Findings, p: &YamlPath, tiers: &[Tier]) {
    if tiers.is_empty() {
        f.push(p, "a tiered price needs at least one tier");
        return;
    }
    let mut last = Decimal::ZERO;
    for (i, t) in tiers.iter().enumerate() {
        let is_last = i + 1 == tiers.len();
        match (t.up_to, is_last) {
            (Some(_), true) => f.push(
                &p.index(i).key("up_to"),
                "the last tier must be open-ended: remove `up_to`",
            ),
            (None, false) => f.push(&p.index(i), "only the last tier may omit `up_to`"),
            (Some(u), false) if u.0 <= last => f.push(
                &p.index(i).key("up_to"),
                format!("{} must be above the previous tier's end ({last})", u.0),
            ),
            (Some(u), false) if u.0 > MAX_QUANTITY => f.push(
                &p.index(i).key("up_to"),
                format!(
                    "{} is out of range: a tier ends at most at {MAX_QUANTITY}",
                    u.0
                ),
            ),
            (Some(u), false) => last = u.0,
            (None, true) => {}
        }
        if t.usd.0 < Decimal::ZERO {
            f.push(&p.index(i).key("usd"), "prices are 0 or more");
        } else if t.usd.0 > MAX_UNIT_PRICE {
            f.push(
                &p.index(i).key("usd"),
                format!(
                    "{} is out of range: a unit price is at most {MAX_UNIT_PRICE} USD",
                    t.usd.0
                ),
            );
        }
    }
}

fn check_date(f: &mut Findings, p: &YamlPath, s: &str) {
    if let Err(e) = crate::input::check_date(s) {
        f.push(p, e);
    }
}

impl Tiered {
    /// Splits a monthly quantity across the tiers: (quantity in tier, price) per tier used.
    pub fn split(&self, quantity: Decimal) -> Vec<(Decimal, Decimal)> {
        let mut out = Vec::new();
        let mut start = Decimal::ZERO;
        for t in &self.tiers {
            if quantity <= start {
                break;
            }
            let end = t.up_to.map(|u| u.0.min(quantity)).unwrap_or(quantity);
            if end > start {
                out.push((end - start, t.usd.0));
            }
            start = end;
        }
        out
    }
}
