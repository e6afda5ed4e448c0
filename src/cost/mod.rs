//! The cost model: for each component and placement, the bill as line items.
//!
//! Every figure is an exact decimal. Each line keeps its exact amount and its amount in
//! cents; an option's total is the sum of its lines in cents, so every table adds up.

mod capacity;
pub mod catalog;
mod container;
mod functions;
mod gcp;
pub mod latency;
pub mod money;
mod orchestration;
mod recent;
mod shared;
pub mod stores;
pub mod vary;

pub use catalog::Pricing;
pub use gcp::pool_adjustment as cloud_run_pool_adjustment;
pub use gcp::store_title as gcp_store_title;
pub use money::{
    ExactJson, MAX_MONTHLY, MoneyJson, Overflow, Qty, cents, magnitude, qty, signed_usd,
    unit_price, usd,
};

use rust_decimal::Decimal;
use rust_decimal::dec;
use serde::Serialize;

use crate::cost::catalog::RegionPrices;
use crate::placement::Placement;
use crate::workload::{Component, Origin, StoreDef, Workload};

/// One charge on a bill.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Line {
    /// The charge's stable name, unique within a bill (`lambda.requests`, `fargate.vcpu`;
    /// a charge billed in volume tiers adds `.tier2`, `.tier3` … from its second tier).
    #[schemars(with = "LineIdJson")]
    pub id: &'static str,
    /// What is charged ("Lambda requests").
    pub item: String,
    #[schemars(with = "crate::cost::ExactJson")]
    #[serde(serialize_with = "exact")]
    pub quantity: Decimal,
    pub unit: String,
    #[schemars(with = "crate::cost::ExactJson")]
    #[serde(serialize_with = "exact")]
    pub unit_price: Decimal,
    /// Where the unit price comes from, as the catalog cites it: the provider's pricing
    /// page as an https URL first, then any section or seed it also rests on.
    pub source: String,
    /// When that source was read (YYYY-MM-DD).
    pub as_of: String,
    /// quantity × unit_price, before rounding.
    #[schemars(with = "crate::cost::ExactJson")]
    #[serde(rename = "exact_amount", serialize_with = "exact")]
    pub exact: Decimal,
    /// The exact amount rounded to cents.
    #[schemars(with = "crate::cost::MoneyJson")]
    #[serde(serialize_with = "money2")]
    pub amount: Decimal,
    /// The arithmetic in words.
    pub formula: String,
    /// Set on a fee that a whole system pays once however many components share it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shared: Option<&'static str>,
}

/// Every line id, with the catalog price it is billed at. The contract of `lines[].id` in
/// `--format json`: an id names one charge and keeps its meaning; new charges get new ids.
/// A charge billed in volume tiers has one line per tier it reaches: the first carries the
/// id, the next ones `<id>.tier2`, `<id>.tier3` … (the item names the tier's range).
pub const LINE_IDS: &[(&str, &str)] = &[
    ("lambda.requests", "lambda.requests, after the free tier"),
    (
        "lambda.duration",
        "lambda.duration_x86_64 / duration_arm64 (tiered), on demand",
    ),
    (
        "lambda.provisioned",
        "lambda.provisioned_x86_64 / provisioned_arm64",
    ),
    (
        "lambda.provisioned-duration",
        "lambda.provisioned_duration_x86_64 / _arm64",
    ),
    ("lambda.ephemeral-storage", "lambda.ephemeral_storage"),
    (
        "lambda.pooled-adjustment",
        "the account's one free tier and volume tiers over all functions (evaluate's adjustments)",
    ),
    ("lambda-edge.requests", "lambda_edge.requests"),
    ("lambda-edge.duration", "lambda_edge.duration"),
    ("cloudfront.requests", "lambda_edge.cloudfront_requests"),
    ("workers.plan", "cloudflare_workers.monthly_base"),
    ("workers.requests", "cloudflare_workers.request_overage"),
    ("workers.cpu", "cloudflare_workers.cpu_ms_overage"),
    ("fargate.vcpu", "fargate.vcpu_hour_x86_64 / vcpu_hour_arm64"),
    ("fargate.memory", "fargate.gb_hour_x86_64 / gb_hour_arm64"),
    ("fargate.ephemeral-storage", "fargate.ephemeral_gb_hour"),
    (
        "fargate-spot.vcpu",
        "fargate_spot.vcpu_hour (a partial catalog's; the embedded one has none)",
    ),
    (
        "fargate-spot.memory",
        "fargate_spot.gb_hour (a partial catalog's; the embedded one has none)",
    ),
    (
        "lmi.instances",
        "ec2[].on_demand_hour / reserved_1y_hour (Lambda Managed Instances)",
    ),
    (
        "lmi.management-fee",
        "lambda_managed_instances.management_fee_fraction × ec2[].on_demand_hour",
    ),
    ("lmi.requests", "lambda_managed_instances.requests"),
    ("lambda-durable.operations", "lambda_durable.operations"),
    (
        "lambda-durable.data-written",
        "lambda_durable.data_written_gb",
    ),
    (
        "lambda-durable.data-retained",
        "lambda_durable.data_retained_gb_month",
    ),
    ("eks.control-plane", "eks.control_plane_hour"),
    ("eks.nodes", "ec2[].on_demand_hour / reserved_1y_hour"),
    ("ec2.instances", "ec2[].on_demand_hour / reserved_1y_hour"),
    (
        "gpu.instances",
        "ec2[].on_demand_hour / reserved_1y_hour (GPU types)",
    ),
    ("serverless-gpu.seconds", "serverless_gpu.gpu_second"),
    ("modal.gpu-seconds", "modal.per_gpu[].gpu_second"),
    ("replicate.gpu-seconds", "replicate.per_gpu[].gpu_second"),
    (
        "temporal.actions",
        "temporal_cloud.developer_action / business_actions (tiered)",
    ),
    (
        "temporal.plan",
        "temporal_cloud.plan_usage_fraction × Actions spend, at least business_minimum on Business",
    ),
    (
        "stepfunctions.transitions",
        "step_functions.standard_transition",
    ),
    (
        "stepfunctions.express.requests",
        "step_functions.express_requests",
    ),
    (
        "stepfunctions.express.duration",
        "step_functions.express_duration_gb_hour (tiered)",
    ),
    ("apigw.rest.requests", "api_gateway.rest_requests (tiered)"),
    ("apigw.http.requests", "api_gateway.http_requests (tiered)"),
    (
        "apigw.websocket.messages",
        "api_gateway.websocket_messages (tiered)",
    ),
    (
        "apigw.websocket.connection-minutes",
        "api_gateway.websocket_connection_minutes",
    ),
    (
        "dynamodb.connection-lookups",
        "dynamodb.read_request (WebSocket broadcasts)",
    ),
    ("alb.hours", "alb.hourly"),
    ("alb.lcu", "alb.lcu_hour"),
    ("ipv4.alb", "public_ipv4.hourly (the ALB's two addresses)"),
    ("rds-proxy.vcpu", "rds_proxy.vcpu_hour"),
    ("sqs.requests", "sqs.request"),
    ("kinesis.shards", "kinesis.shard_hour"),
    ("kinesis.put", "kinesis.put_payload_unit"),
    ("eventbridge.schedule", "eventbridge.scheduler_invocation"),
    ("dynamodb.reads", "dynamodb.read_request"),
    ("dynamodb.writes", "dynamodb.write_request"),
    ("s3.get", "s3.get_request"),
    ("s3.put", "s3.put_request"),
    ("aurora.io", "aurora.io_request"),
    ("logs.ingestion", "cloudwatch_logs.ingestion_gb"),
    ("nat.hours", "nat_gateway.hourly"),
    ("nat.gb", "nat_gateway.gb_processed"),
    (
        "elasticache.pubsub",
        "elasticache.redis[].hour (WebSocket pub/sub)",
    ),
    (
        "data-transfer.cross-region",
        "data_transfer.cross_region_gb",
    ),
    ("data-transfer.internet", "data_transfer.internet_gb"),
    // A data store's own bill.
    ("rds.instances", "rds.postgres[].hour"),
    ("rds.storage", "rds.storage_gb_month"),
    ("aurora.acu", "aurora.serverless_acu_hour"),
    ("aurora.storage", "aurora.storage_gb_month"),
    ("dynamodb.storage", "dynamodb.storage_gb_month"),
    ("s3.storage", "s3.storage_gb_month"),
    ("elasticache.nodes", "elasticache.redis[].hour"),
    // Google Cloud.
    (
        "cloudrun.pooled-adjustment",
        "Cloud Run's one free grant per billing account over all services and functions (evaluate's adjustments)",
    ),
    (
        "cloudrun.vcpu",
        "gcp.cloud_run.request_vcpu_second, after the free grant",
    ),
    (
        "cloudrun.memory",
        "gcp.cloud_run.request_gib_second, after the free grant",
    ),
    (
        "cloudrun.requests",
        "gcp.cloud_run.requests, after the free grant",
    ),
    (
        "cloudrun.instance-vcpu",
        "gcp.cloud_run.instance_based.vcpu_second, after the free grant",
    ),
    (
        "cloudrun.instance-memory",
        "gcp.cloud_run.instance_based.gib_second, after the free grant",
    ),
    (
        "cloudrun-jobs.vcpu",
        "gcp.cloud_run.instance_based.vcpu_second (jobs), after the free grant",
    ),
    (
        "cloudrun-jobs.memory",
        "gcp.cloud_run.instance_based.gib_second (jobs), after the free grant",
    ),
    (
        "cloudrun-functions.vcpu",
        "gcp.cloud_run.request_vcpu_second (functions), after the free grant",
    ),
    (
        "cloudrun-functions.memory",
        "gcp.cloud_run.request_gib_second (functions), after the free grant",
    ),
    (
        "cloudrun-functions.requests",
        "gcp.cloud_run.requests (functions), after the free grant",
    ),
    (
        "pubsub.throughput",
        "gcp.pubsub.throughput_tib, after the free volume",
    ),
    (
        "cloud-scheduler.jobs",
        "gcp.scheduler.job_31_days, after the free jobs",
    ),
    (
        "cloud-logging.storage",
        "gcp.logging.storage_gib, after the free volume",
    ),
];

/// The JSON Schema of a line id: one of [`LINE_IDS`], or a later tier of one.
struct LineIdJson;

impl schemars::JsonSchema for LineIdJson {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "LineId".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let ids: Vec<String> = LINE_IDS
            .iter()
            .map(|(id, _)| id.replace('.', "\\."))
            .collect();
        schemars::json_schema!({
            "description": "A charge's stable name: it names one charge and keeps its meaning; a later volume tier adds `.tier2`, `.tier3` …",
            "type": "string",
            "pattern": format!("^({})(\\.tier[0-9]+)?$", ids.join("|"))
        })
    }
}

/// The charge a line id names: `apigw.websocket.messages.tier2` → `apigw.websocket.messages`.
pub fn base_id(id: &str) -> &str {
    match id.rsplit_once(".tier") {
        Some((base, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => base,
        _ => id,
    }
}

/// How a derived quantity was obtained (shown by `--explain`).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Derivation {
    pub quantity: String,
    /// The figure as an exact number, when it is one (`null` for "needed", a class name …).
    #[serde(serialize_with = "exact_opt")]
    pub value: Option<Decimal>,
    /// What the number counts ("GB-second", "MB"), when it counts something.
    pub unit: Option<&'static str>,
    /// The figure as the text and the TUI show it ("259,200,000", "128 MB").
    pub text: String,
    pub how: String,
    /// Whether the value was given, derived, or rests on a default.
    pub origin: Origin,
}

/// A derived figure: the number and its unit for data, the words for people.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    value: Option<Decimal>,
    unit: Option<&'static str>,
    text: String,
}

impl Figure {
    /// A count whose unit the quantity's name already says ("GB-seconds: 3,600,000").
    pub fn count(value: Decimal, unit: &'static str) -> Figure {
        Figure {
            value: Some(value),
            unit: Some(unit),
            text: qty(value),
        }
    }

    /// A number shown in words of its own ("128 MB", "0.05% of requests").
    pub fn shown(value: Decimal, unit: &'static str, text: String) -> Figure {
        Figure {
            value: Some(value),
            unit: Some(unit),
            text,
        }
    }
}

/// Words that are no number ("needed", "db.t4g.medium (2 vCPU, 4 GB)").
impl From<&str> for Figure {
    fn from(text: &str) -> Figure {
        Figure {
            value: None,
            unit: None,
            text: text.to_string(),
        }
    }
}

impl From<String> for Figure {
    fn from(text: String) -> Figure {
        Figure {
            value: None,
            unit: None,
            text,
        }
    }
}

/// The bill for one component on one placement.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct CostOption {
    pub placement: Placement,
    #[schemars(with = "crate::cost::MoneyJson")]
    #[serde(rename = "monthly_usd", serialize_with = "money2")]
    pub monthly: Decimal,
    pub lines: Vec<Line>,
    pub derivations: Vec<Derivation>,
    /// What the capacity behind this bill cannot carry, in words.
    pub warnings: Vec<String>,
    /// What the bill includes so the placement meets the component's targets, in words.
    pub mitigations: Vec<String>,
    /// What the component uses of a grant or volume tier the account pools across its
    /// components, before any of it is deducted (see [`lambda_pool_adjustment`]).
    #[serde(skip)]
    #[schemars(skip)]
    pub pooled: Option<PooledUse>,
}

impl CostOption {
    /// The month's exact total: the sum of its lines before rounding (what the cheapest
    /// placement is chosen by, to the last digit).
    pub fn exact(&self) -> Result<Decimal, Overflow> {
        money::sum("the exact total", self.lines.iter().map(|l| l.exact))
    }
}

/// What one component bills before a grant that the account pools with its other
/// components: the quantities the pooled bill adds up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PooledUse {
    /// A Lambda function on demand: requests and GB-seconds (tiered by architecture).
    Lambda {
        requests: Decimal,
        gb_seconds: Decimal,
        arch: crate::workload::Arch,
    },
    /// A Cloud Run service or function billed request-based.
    CloudRun {
        vcpu_seconds: Decimal,
        gib_seconds: Decimal,
        requests: Decimal,
    },
}

/// A placement's bill, or why it cannot be priced for this component.
#[derive(Debug, Clone, PartialEq)]
pub enum Priced {
    Priced(CostOption),
    NotPriced {
        placement: Placement,
        reason: String,
    },
}

impl Priced {
    pub fn placement(&self) -> Placement {
        match self {
            Priced::Priced(o) => o.placement,
            Priced::NotPriced { placement, .. } => *placement,
        }
    }
    pub fn option(&self) -> Option<&CostOption> {
        match self {
            Priced::Priced(o) => Some(o),
            Priced::NotPriced { .. } => None,
        }
    }
}

/// Every placement's bill for one component.
#[derive(Debug, Clone, PartialEq)]
pub struct ComponentCost {
    pub name: String,
    pub options: Vec<Priced>,
}

impl ComponentCost {
    /// The cheapest priced placement; ties go to the earlier placement in the catalog order.
    pub fn cheapest(&self) -> Option<&CostOption> {
        self.options
            .iter()
            .filter_map(Priced::option)
            .min_by_key(|o| o.monthly)
    }
    pub fn option(&self, p: Placement) -> Option<&CostOption> {
        self.options
            .iter()
            .filter_map(Priced::option)
            .find(|o| o.placement == p)
    }
    /// Whether `p` is a candidate at all (priced or not): one of the workload's clouds'.
    pub fn offers(&self, p: Placement) -> bool {
        self.options.iter().any(|o| o.placement() == p)
    }
}

/// The assumptions every figure rests on.
#[derive(Debug, Clone, PartialEq)]
pub struct CostAssumptions {
    pub hours_per_month: Decimal,
    pub free_tier: bool,
    pub region: String,
    pub pricing_as_of: String,
    /// Prices a partial catalog replaced (`us-east-1 lambda.requests`).
    pub overridden: Vec<String>,
}

impl CostAssumptions {
    /// What the figures for `w` on `pricing` assume.
    pub fn of(w: &Workload, pricing: &Pricing) -> CostAssumptions {
        CostAssumptions {
            hours_per_month: w.assumptions.hours_per_month,
            free_tier: w.assumptions.free_tier,
            region: w.region.clone(),
            pricing_as_of: pricing.as_of.clone(),
            overridden: pricing.overridden.clone(),
        }
    }

    /// The line every bill opens with: region, month, free tier, prices and overrides.
    pub fn line(&self) -> String {
        let mut s = format!(
            "region {} · {} h a month · free tier {} · prices as of {}",
            self.region,
            Qty(self.hours_per_month),
            if self.free_tier {
                "applied"
            } else {
                "not applied"
            },
            self.pricing_as_of
        );
        if !self.overridden.is_empty() {
            s.push_str(&format!(" · overridden: {}", self.overridden.join(", ")));
        }
        s
    }
}

/// The cost of every component on every placement.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkloadCost {
    pub workload: String,
    pub components: Vec<ComponentCost>,
    /// The data stores, each priced once for the system.
    pub stores: Vec<stores::StoreCost>,
    pub assumptions: CostAssumptions,
}

/// Why a workload could not be priced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CostError {
    #[error("{0}")]
    UnknownRegion(String),
    #[error("component `{component}`: {source}")]
    Overflow { component: String, source: Overflow },
}

/// The prices of the workload's region, or which regions the catalog has.
pub fn region<'p>(w: &Workload, pricing: &'p Pricing) -> Result<&'p RegionPrices, CostError> {
    pricing
        .region(&w.region)
        .ok_or_else(|| CostError::UnknownRegion(pricing.unknown_region(&w.region)))
}

/// [`cost_component`], an overflow naming the component.
pub fn price<'a>(
    w: &'a Workload,
    c: &'a Component,
    r: &'a RegionPrices,
) -> Result<ComponentCost, CostError> {
    price_with(w, c, r, Detail::Words)
}

/// [`price`] with or without the words.
pub fn price_with<'a>(
    w: &'a Workload,
    c: &'a Component,
    r: &'a RegionPrices,
    detail: Detail,
) -> Result<ComponentCost, CostError> {
    cost_component_with(w, c, r, detail).map_err(|source| CostError::Overflow {
        component: c.name.clone(),
        source,
    })
}

/// Prices every component of `w` on every placement.
pub fn cost_workload(w: &Workload, pricing: &Pricing) -> Result<WorkloadCost, CostError> {
    cost_workload_with(w, pricing, Detail::Words)
}

/// [`cost_workload`] with or without the words.
pub fn cost_workload_with(
    w: &Workload,
    pricing: &Pricing,
    detail: Detail,
) -> Result<WorkloadCost, CostError> {
    Ok(cost_workload_then(w, pricing, detail, |_, _| Ok(()))?.0)
}

/// [`cost_workload_with`], and `then` of each component and its cost, worked out right
/// after pricing it (on the same core, while its bill is at hand) rather than in a second
/// pass. The errors are those of the two passes in turn: the first component's that could
/// not be priced, then the data stores', then the first `then` that failed.
pub fn cost_workload_then<R: Send>(
    w: &Workload,
    pricing: &Pricing,
    detail: Detail,
    then: impl Fn(&Component, &ComponentCost) -> Result<R, CostError> + Sync + Send,
) -> Result<(WorkloadCost, Vec<R>), CostError> {
    cost_workload_reusing(w, pricing, detail, |_| None, then)
}

/// [`cost_workload_then`], taking from `known` the cost and `then` of each component it
/// has them for (worked out before, on the same surroundings: a component's options and
/// what follows from them depend on the component and the workload's settings, not on the
/// other components); only the rest are priced, side by side when there are enough.
pub fn cost_workload_reusing<R: Send>(
    w: &Workload,
    pricing: &Pricing,
    detail: Detail,
    known: impl Fn(usize) -> Option<(ComponentCost, R)>,
    then: impl Fn(&Component, &ComponentCost) -> Result<R, CostError> + Sync + Send,
) -> Result<(WorkloadCost, Vec<R>), CostError> {
    let region = region(w, pricing)?;
    let mut slots: Vec<Option<(ComponentCost, R)>> = (0..w.components.len()).map(&known).collect();
    let missing: Vec<usize> = (0..slots.len()).filter(|&i| slots[i].is_none()).collect();
    let priced = each(&missing, |&i| {
        let c = &w.components[i];
        let cc = price_with(w, c, region, detail);
        let after = cc.as_ref().ok().map(|cc| then(c, cc));
        Ok::<_, CostError>((cc, after))
    })?;
    // The errors in the components' order: the first that could not be priced, then (after
    // the stores) the first `then` that failed.
    let mut fresh = missing.into_iter().zip(priced);
    let mut components = Vec::with_capacity(slots.len());
    let mut after = Vec::with_capacity(slots.len());
    for (i, slot) in slots.iter_mut().enumerate() {
        match slot.take() {
            Some((cc, r)) => {
                components.push(cc);
                after.push(Ok(r));
            }
            None => {
                let (j, (cc, r)) = fresh
                    .next()
                    .expect("a priced component for each missing one");
                debug_assert_eq!(i, j);
                components.push(cc?);
                after.extend(r);
            }
        }
    }
    let mut stores = stores::price_all(w, region).map_err(|source| CostError::Overflow {
        component: "(data stores)".into(),
        source,
    })?;
    if crate::placement::stores_cloud(&w.providers) != crate::placement::Provider::Aws {
        gcp::stores_off_aws(&mut stores);
    }
    let after = after.into_iter().collect::<Result<Vec<R>, _>>()?;
    Ok((
        WorkloadCost {
            workload: w.name.clone(),
            components,
            stores,
            assumptions: CostAssumptions::of(w, pricing),
        },
        after,
    ))
}

/// `f` of every item, in order, side by side on every core when there are enough items to
/// be worth it (a system's components are priced and decided independently) and the
/// cores are not already busy with a batch or a report's sweeps; the first error in the
/// items' order, as one at a time would give.
pub fn each<T: Sync, R: Send, E: Send>(
    items: &[T],
    f: impl Fn(&T) -> Result<R, E> + Sync + Send,
) -> Result<Vec<R>, E> {
    /// Fewer components than this are quicker one after the other.
    const SIDE_BY_SIDE: usize = 6;
    each_of_at_least(SIDE_BY_SIDE, items, f)
}

/// [`each`], side by side from `min` items: fewer when each is long (a bisection).
pub fn each_of_at_least<T: Sync, R: Send, E: Send>(
    min: usize,
    items: &[T],
    f: impl Fn(&T) -> Result<R, E> + Sync + Send,
) -> Result<Vec<R>, E> {
    if items.len() < min.max(2) || rayon::current_thread_index().is_some() {
        return items.iter().map(f).collect();
    }
    use rayon::prelude::*;
    let results: Vec<Result<R, E>> = items.par_iter().map(f).collect();
    results.into_iter().collect()
}

/// Prices one component on one placement.
pub fn price_on(
    w: &Workload,
    c: &Component,
    r: &RegionPrices,
    p: Placement,
) -> Result<Priced, Overflow> {
    Ctx::new(w, c, r, Detail::Words).price(p)
}

/// Prices one component on every placement, in the placements' fixed order.
pub fn cost_component<'a>(
    w: &'a Workload,
    c: &'a Component,
    r: &'a RegionPrices,
) -> Result<ComponentCost, Overflow> {
    cost_component_with(w, c, r, Detail::Words)
}

/// [`cost_component`] with or without the words.
pub fn cost_component_with<'a>(
    w: &'a Workload,
    c: &'a Component,
    r: &'a RegionPrices,
    detail: Detail,
) -> Result<ComponentCost, Overflow> {
    let ctx = Ctx::new(w, c, r, detail);
    let options = Placement::offered_to(&w.providers)
        .map(|p| ctx.price(p))
        .collect::<Result<_, _>>()?;
    Ok(ComponentCost {
        name: c.name.clone(),
        options,
    })
}

/// One component's placements priced one at a time, when first asked for, without words:
/// for a search that may need only a few of them. Each placement's figures are those
/// [`price_with`] gives it (the work they share is done once, as there).
pub struct OneByOne<'a> {
    ctx: Ctx<'a>,
}

impl<'a> OneByOne<'a> {
    pub fn new(w: &'a Workload, c: &'a Component, r: &'a RegionPrices) -> Self {
        OneByOne {
            ctx: Ctx::new(w, c, r, Detail::Numbers),
        }
    }

    /// The exact monthly total of placement `p` (the sum of its lines before rounding),
    /// or `None` when it is not priced for the component.
    pub fn exact(&self, p: Placement) -> Result<Option<Decimal>, Overflow> {
        match self.ctx.price(p)? {
            Priced::Priced(o) => o.exact().map(Some),
            Priced::NotPriced { .. } => Ok(None),
        }
    }
}

/// What every platform's pricing needs to know.
pub(crate) struct Ctx<'a> {
    pub c: &'a Component,
    pub r: &'a RegionPrices,
    /// The store the component uses, if any.
    pub store: Option<&'a StoreDef>,
    pub hours: Decimal,
    pub free_tier: bool,
    /// The instances a server placement runs the component on, and what choosing them
    /// wrote on a fresh bill: the same for EKS, EC2 and GPU instances, so chosen once.
    pub(crate) nodes: std::cell::OnceCell<(container::Nodes<'a>, Bill)>,
    /// Hours a month some consumer of the component's queue is up: the same for every
    /// server placement that drains it, so worked out once.
    pub(crate) queue_up_hours: std::cell::OnceCell<Decimal>,
    /// The day's levels of load ([`capacity::day`]) and what a request asks of a CPU
    /// ([`capacity::work`]): the same for every placement, so worked out once.
    pub(crate) segments: std::cell::OnceCell<Vec<capacity::Segment>>,
    pub(crate) work: std::cell::OnceCell<capacity::Work>,
    /// What a function's front door and a server's write on a bill: the same for every
    /// function placement, and for every server placement, so written once each.
    pub(crate) function_door: std::cell::OnceCell<Result<Bill, Overflow>>,
    pub(crate) server_door: std::cell::OnceCell<Result<Bill, Overflow>>,
    /// Whether the bills keep their words.
    pub detail: Detail,
}

impl<'a> Ctx<'a> {
    fn new(w: &'a Workload, c: &'a Component, r: &'a RegionPrices, detail: Detail) -> Self {
        Ctx {
            detail,
            c,
            r,
            store: c.data.store_index.and_then(|i| w.stores.get(i)),
            hours: w.assumptions.hours_per_month,
            free_tier: w.assumptions.free_tier,
            nodes: std::cell::OnceCell::new(),
            queue_up_hours: std::cell::OnceCell::new(),
            segments: std::cell::OnceCell::new(),
            work: std::cell::OnceCell::new(),
            function_door: std::cell::OnceCell::new(),
            server_door: std::cell::OnceCell::new(),
        }
    }

    /// Days in the month the workload assumes (730 h is 30.416… days).
    pub fn days(&self) -> Decimal {
        self.hours / dec!(24)
    }

    pub fn month_seconds(&self) -> Decimal {
        self.hours * dec!(3600)
    }

    /// Average requests per second over the month.
    pub fn avg_rps(&self) -> Decimal {
        self.c.requests_per_month / self.month_seconds()
    }

    /// Memory in GB as Lambda bills it (1 GB = 1,024 MB).
    pub fn memory_gb(&self) -> Decimal {
        self.c.memory_mb / dec!(1024)
    }

    pub fn duration_s(&self) -> Decimal {
        self.c.duration_ms / dec!(1000)
    }

    /// Requests in flight at peak, by Little's law: peak rps × duration.
    pub fn peak_concurrency(&self) -> Decimal {
        self.c.peak_rps * self.duration_s()
    }

    fn price(&self, p: Placement) -> Result<Priced, Overflow> {
        let mut bill = Bill::new(self.detail);
        let outcome = match p {
            Placement::Lambda => functions::lambda(self, &mut bill),
            Placement::LambdaEdge => functions::lambda_edge(self, &mut bill),
            Placement::CloudflareWorkers => functions::workers(self, &mut bill),
            Placement::Fargate => container::fargate(self, &mut bill),
            Placement::Eks => container::eks(self, &mut bill),
            Placement::Ec2 => container::ec2(self, &mut bill),
            Placement::GpuInstance => container::gpu_instance(self, &mut bill),
            Placement::ServerlessGpu => orchestration::serverless_gpu(self, &mut bill),
            Placement::StepFunctionsStandard => orchestration::standard(self, &mut bill),
            Placement::StepFunctionsExpress => orchestration::express(self, &mut bill),
            Placement::CloudRun => gcp::cloud_run(self, &mut bill),
            Placement::CloudRunJobs => gcp::cloud_run_jobs(self, &mut bill),
            Placement::CloudRunFunctions => gcp::cloud_run_functions(self, &mut bill),
            Placement::GkeAutopilot => gcp::gke_autopilot(self, &mut bill),
            Placement::FargateSpot => recent::fargate_spot(self, &mut bill),
            Placement::LambdaManagedInstances => recent::lambda_managed_instances(self, &mut bill),
            Placement::Modal => orchestration::modal(self, &mut bill),
            Placement::Replicate => orchestration::replicate(self, &mut bill),
            Placement::TemporalCloud => orchestration::temporal_cloud(self, &mut bill),
            Placement::LambdaDurableFunctions => recent::lambda_durable_functions(self, &mut bill),
        }?;
        if let Err(reason) = outcome {
            return Ok(Priced::NotPriced {
                placement: p,
                reason,
            });
        }
        if p.provider() == Some(crate::placement::Provider::Gcp) {
            gcp::surroundings(self, &mut bill)?;
        } else {
            shared::surroundings(self, p, &mut bill)?;
        }
        let monthly = money::sum("the monthly total", bill.lines.iter().map(|l| l.amount))?;
        let monthly = money::monthly("", monthly).map_err(|e| Overflow {
            what: format!("the monthly total on {p}"),
            ..e
        })?;
        Ok(Priced::Priced(CostOption {
            placement: p,
            monthly,
            lines: bill.lines,
            derivations: bill.derivations,
            warnings: bill.warnings,
            mitigations: bill.mitigations,
            pooled: bill.pooled,
        }))
    }
}

/// What a platform's pricing function returns: `Ok(Err(reason))` when the placement
/// cannot be priced for this component (it has no such offering), `Err` on overflow.
pub(crate) type Outcome = Result<Result<(), String>, Overflow>;

/// How much of a bill or a decision is written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Detail {
    /// Figures and words: items, formulas, sources, derivations, reasons. What is shown.
    #[default]
    Words,
    /// Figures only: every amount, quantity, placement, score and exclusion exactly as with
    /// words, none of the text. For sweeps and portfolios, which show only figures.
    Numbers,
    /// The decisions' words (fired rules, reasons, why, risks) with the bills' figures only:
    /// for a screen that says why and what it costs but not each line's arithmetic. The
    /// decisions are exactly those of [`Detail::Words`], the bills those of
    /// [`Detail::Numbers`].
    Reasons,
}

impl Detail {
    /// Whether bills keep their items, formulas, sources and derivations.
    pub fn bill_words(self) -> bool {
        self == Detail::Words
    }
}

/// `b.derive(…)` with its arguments evaluated only when the bill keeps its words.
macro_rules! derivation {
    ($b:ident, $($arg:expr),+ $(,)?) => {
        if $b.words {
            $b.derive($($arg),+)
        }
    };
}
pub(crate) use derivation;

/// `b.derive_as(…)` with its arguments evaluated only when the bill keeps its words.
macro_rules! derivation_as {
    ($b:ident, $($arg:expr),+ $(,)?) => {
        if $b.words {
            $b.derive_as($($arg),+)
        }
    };
}
pub(crate) use derivation_as;

/// `b.line(id, item, quantity, unit, price, how)` with the item and the explanation
/// evaluated only when the bill keeps its words.
macro_rules! charge {
    ($b:ident, $id:expr, $item:expr, $q:expr, $unit:expr, $price:expr, $how:expr $(,)?) => {
        if $b.words {
            $b.line($id, $item, $q, $unit, $price, $how)
        } else {
            $b.line($id, "", $q, $unit, $price, "")
        }
    };
}
pub(crate) use charge;

/// `b.tiered(id, item, quantity, unit, prices, how)`, the item and explanation evaluated
/// only when the bill keeps its words.
macro_rules! charge_tiered {
    ($b:ident, $id:expr, $item:expr, $q:expr, $unit:expr, $price:expr, $how:expr $(,)?) => {
        if $b.words {
            $b.tiered($id, $item, $q, $unit, $price, $how)
        } else {
            $b.tiered($id, "", $q, $unit, $price, "")
        }
    };
}
pub(crate) use charge_tiered;

/// `format!(…)` when the bill `b` keeps its words, else an empty string (nothing written).
macro_rules! text {
    ($b:ident, $($arg:tt)*) => {
        if $b.words {
            format!($($arg)*)
        } else {
            String::new()
        }
    };
}
pub(crate) use text;

/// Lines and derivations being collected for one option.
#[derive(Clone)]
pub(crate) struct Bill {
    /// Whether the bill keeps its words (items, formulas, sources, derivations) beside its
    /// numbers. Without them it holds only what the figures need: a sweep or a portfolio
    /// shows totals and placements, and the words of a single point are written when it is
    /// shown (see [`Detail`]).
    pub words: bool,
    pub lines: Vec<Line>,
    pub derivations: Vec<Derivation>,
    pub warnings: Vec<String>,
    pub mitigations: Vec<String>,
    pub pooled: Option<PooledUse>,
}

impl Default for Bill {
    fn default() -> Self {
        Bill::new(Detail::Words)
    }
}

impl Bill {
    pub fn new(detail: Detail) -> Self {
        Bill {
            words: detail.bill_words(),
            // Room is made at the first line (a placement that cannot run the component has
            // none): most bills have a handful of lines, the first room holds four.
            lines: Vec::new(),
            derivations: Vec::new(),
            warnings: Vec::new(),
            mitigations: Vec::new(),
            pooled: None,
        }
    }

    /// Adds the line `id`: `quantity` `unit`s at the catalog's `price` each, citing its
    /// source. `how` explains the quantity ("200 tasks × 0.25 vCPU × 730 h"); empty means
    /// the quantity speaks for itself.
    pub fn line(
        &mut self,
        id: &'static str,
        item: impl Into<String>,
        quantity: Decimal,
        unit: &str,
        price: &catalog::Price,
        how: &str,
    ) -> Result<(), Overflow> {
        if !self.words {
            return self.number(id, quantity, price.usd.0);
        }
        let source = Source::cite(&price.source, &price.as_of);
        self.push(id, item.into(), quantity, unit, price.usd.0, source, how)
    }

    /// A line with its figures only: no item, unit, formula or source (a bill without words).
    fn number(
        &mut self,
        id: &'static str,
        quantity: Decimal,
        price: Decimal,
    ) -> Result<(), Overflow> {
        let exact = money::prod(id, &[quantity, price])?;
        self.lines.push(Line {
            id,
            item: String::new(),
            quantity,
            unit: String::new(),
            unit_price: price,
            source: String::new(),
            as_of: String::new(),
            exact,
            amount: cents(exact),
            formula: String::new(),
            shared: None,
        });
        Ok(())
    }

    /// Adds a line at `price`, which `source` says where it comes from.
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        id: &'static str,
        item: String,
        quantity: Decimal,
        unit: &str,
        price: Decimal,
        source: Source,
        how: &str,
    ) -> Result<(), Overflow> {
        debug_assert!(
            LINE_IDS.iter().any(|(known, _)| *known == base_id(id)),
            "line id `{id}` is not in LINE_IDS"
        );
        let exact = money::prod(&item, &[quantity, price])?;
        // "2 tasks × 730 h × $0.04048/vCPU-hour", written into one string.
        let mut formula = String::with_capacity(how.len() + 48);
        if how.is_empty() {
            use std::fmt::Write;
            let _ = write!(formula, "{} ", Qty(quantity));
            formula.push_str(unit);
            if quantity != Decimal::ONE && unit.ends_with(|c: char| c.is_ascii_lowercase()) {
                formula.push('s');
            }
        } else {
            formula.push_str(how);
        }
        formula.push_str(" × ");
        let p = unit_price(price);
        formula.push_str(&p);
        if !p.contains(" per ") {
            formula.push('/');
            formula.push_str(unit);
        }
        self.lines.push(Line {
            id,
            formula,
            item,
            quantity,
            unit: unit.to_string(),
            unit_price: price,
            source: source.text,
            as_of: source.as_of,
            exact,
            amount: cents(exact),
            shared: None,
        });
        Ok(())
    }

    /// Marks the last line as a fee shared by the whole system.
    pub fn shared(&mut self, key: &'static str) {
        if let Some(l) = self.lines.last_mut() {
            l.shared = Some(key);
        }
    }

    /// A tiered price: one line per tier the quantity reaches, the first named `id`, the
    /// next `id.tier2` and so on.
    pub fn tiered(
        &mut self,
        id: &'static str,
        item: &str,
        quantity: Decimal,
        unit: &'static str,
        t: &catalog::Tiered,
        how: &str,
    ) -> Result<(), Overflow> {
        let parts = t.split(quantity);
        if !self.words {
            if parts.is_empty() {
                return self.number(id, Decimal::ZERO, t.tiers[0].usd.0);
            }
            for (i, (q, price)) in parts.iter().enumerate() {
                let tier_id = if i == 0 { id } else { tier_id(id, i + 1) };
                self.number(tier_id, *q, *price)?;
            }
            return Ok(());
        }
        let cite = || Source::cite(&t.source, &t.as_of);
        if parts.is_empty() {
            let first = t.tiers[0].usd.0;
            return self.push(
                id,
                item.to_string(),
                Decimal::ZERO,
                unit,
                first,
                cite(),
                how,
            );
        }
        let many = parts.len() > 1;
        let mut start = Decimal::ZERO;
        for (i, (q, price)) in parts.iter().enumerate() {
            let end = start + q;
            let name = if many {
                format!(
                    "{item} (tier {}: {}–{} {})",
                    i + 1,
                    short(start),
                    short(end),
                    plural(unit, end)
                )
            } else {
                item.to_string()
            };
            let h = if many { "" } else { how };
            let tier_id = if i == 0 { id } else { tier_id(id, i + 1) };
            self.push(tier_id, name, *q, unit, *price, cite(), h)?;
            start = end;
        }
        if many && !how.is_empty() {
            self.derive(
                item,
                Figure::shown(
                    quantity,
                    unit,
                    format!("{} {}", Qty(quantity), plural(unit, quantity)),
                ),
                how.to_string(),
            );
        }
        Ok(())
    }

    /// Records how a quantity was derived from the component's values.
    pub fn derive(
        &mut self,
        quantity: impl Into<String>,
        value: impl Into<Figure>,
        how: impl Into<String>,
    ) {
        self.derive_as(quantity, value, how, Origin::Derived);
    }

    /// Records a quantity with where it came from.
    pub fn derive_as(
        &mut self,
        quantity: impl Into<String>,
        value: impl Into<Figure>,
        how: impl Into<String>,
        origin: Origin,
    ) {
        if !self.words {
            return;
        }
        let f = value.into();
        self.derivations.push(Derivation {
            quantity: quantity.into(),
            value: f.value,
            unit: f.unit,
            text: f.text,
            how: how.into(),
            origin,
        });
    }

    /// Adds what another bill holds (its lines, derivations, warnings, mitigations) after
    /// what this one holds.
    pub(crate) fn append(&mut self, part: &Bill) {
        debug_assert!(part.pooled.is_none() && part.words == self.words);
        self.lines.extend_from_slice(&part.lines);
        self.derivations.extend_from_slice(&part.derivations);
        self.warnings.extend_from_slice(&part.warnings);
        self.mitigations.extend_from_slice(&part.mitigations);
    }

    /// Records what this capacity cannot carry.
    pub fn warn(&mut self, text: String) {
        self.warnings.push(text);
    }

    /// Records a mitigation the bill includes so the placement meets a target.
    pub fn mitigate(&mut self, text: String) {
        self.mitigations.push(text);
    }
}

/// Where a line's unit price comes from, and when that was read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Source {
    text: String,
    as_of: String,
}

impl Source {
    /// A catalog entry's source, its leading address made an https URL
    /// (`aws.amazon.com/lambda/pricing (Free Tier)` → `https://aws.amazon.com/…`).
    pub fn cite(source: &str, as_of: &str) -> Source {
        let text = source.trim();
        let host = text.split(['/', ' ', ';']).next().unwrap_or("");
        let bare_address = !text.contains("://")
            && host.contains('.')
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        Source {
            text: if bare_address {
                format!("https://{text}")
            } else {
                text.to_string()
            },
            as_of: as_of.to_string(),
        }
    }
}

/// `<id>.tier<n>` as a `&'static str`. Each is made once and kept: there are as many as
/// the loaded catalogs' tiered prices have tiers.
fn tier_id(id: &'static str, n: usize) -> &'static str {
    use std::collections::BTreeMap;
    use std::sync::{Mutex, PoisonError};
    static IDS: Mutex<BTreeMap<(&'static str, usize), &'static str>> = Mutex::new(BTreeMap::new());
    let mut ids = IDS.lock().unwrap_or_else(PoisonError::into_inner);
    ids.entry((id, n))
        .or_insert_with(|| Box::leak(format!("{id}.tier{n}").into_boxed_str()))
}

/// `request` → `requests` unless there is exactly one.
pub fn plural(unit: &str, n: Decimal) -> String {
    let abbreviation = !unit.ends_with(|c: char| c.is_ascii_lowercase());
    if n == Decimal::ONE || abbreviation {
        unit.to_string()
    } else {
        format!("{unit}s")
    }
}

/// A large quantity in short form for tier names: 6B, 15B, 333M, 4,000.
fn short(d: Decimal) -> String {
    for (div, suffix) in [(dec!(1_000_000_000), "B"), (dec!(1_000_000), "M")] {
        if d >= div && (d / div).normalize().scale() <= 2 {
            return format!("{}{suffix}", Qty(d / div));
        }
    }
    qty(d.round_dp(2))
}

/// A quantity in JSON: every digit, as a string (DESIGN.md "JSON output").
fn exact<S: serde::Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&d.normalize().to_string())
}

/// An optional quantity in JSON: every digit as a string, or null.
fn exact_opt<S: serde::Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => exact(d, s),
        None => s.serialize_none(),
    }
}

/// Money in JSON: a string with exactly two decimals (DESIGN.md "JSON output").
pub fn money2<S: serde::Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    let mut c = cents(*d);
    c.rescale(2);
    s.serialize_str(&c.to_string())
}

/// Optional money in JSON: two decimals as a string, or null.
pub fn money2_opt<S: serde::Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => money2(d, s),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests;

/// The correction a system's total needs because Lambda's free tier and volume tiers are
/// per account, not per function: the functions' requests and GB-seconds billed together,
/// minus what their options charged one by one. `alone` are the options as priced (each
/// with the whole free tier); what each used before the free tier is its `pooled` use.
pub fn lambda_pool_adjustment(
    alone: &[&CostOption],
    r: &RegionPrices,
    free_tier: bool,
) -> Result<Option<Line>, Overflow> {
    if alone.len() < 2 {
        return Ok(None);
    }
    let is_req = |l: &&Line| l.id == "lambda.requests";
    let is_dur = |l: &&Line| l.id == "lambda.duration" || l.id.starts_with("lambda.duration.tier");
    let charged = money::sum(
        "Lambda charges",
        alone.iter().flat_map(|o| {
            o.lines
                .iter()
                .filter(|l| is_req(l) || is_dur(l))
                .map(|l| l.amount)
        }),
    )?;
    let uses: Vec<(Decimal, Decimal, bool)> = alone
        .iter()
        .filter_map(|o| match o.pooled {
            Some(PooledUse::Lambda {
                requests,
                gb_seconds,
                arch,
            }) => Some((requests, gb_seconds, arch == crate::workload::Arch::Arm64)),
            _ => None,
        })
        .collect();
    let requests = money::sum("pooled requests", uses.iter().map(|u| u.0))?;
    let gbs = |arm: bool| {
        money::sum(
            "pooled GB-seconds",
            uses.iter().filter(|u| u.2 == arm).map(|u| u.1),
        )
    };
    let (x86, arm) = (gbs(false)?, gbs(true)?);
    let l = &r.lambda;
    let free_req = if free_tier {
        l.free_requests.quantity.0
    } else {
        Decimal::ZERO
    };
    let free_gbs = if free_tier {
        l.free_gb_seconds.quantity.0
    } else {
        Decimal::ZERO
    };
    let free_x86 = free_gbs.min(x86);
    let free_arm = (free_gbs - free_x86).min(arm);
    let mut b = Bill::default();
    b.line(
        "lambda.requests",
        "pooled requests",
        (requests - free_req).max(Decimal::ZERO),
        "request",
        &l.requests,
        "",
    )?;
    b.tiered(
        "lambda.duration",
        "pooled x86",
        x86 - free_x86,
        "GB-second",
        &l.duration_x86_64,
        "",
    )?;
    b.tiered(
        "lambda.duration",
        "pooled arm64",
        arm - free_arm,
        "GB-second",
        &l.duration_arm64,
        "",
    )?;
    let pooled = money::sum("pooled Lambda bill", b.lines.iter().map(|l| l.amount))?;
    let adjustment = money::diff("the pooled Lambda adjustment", pooled, charged)?;
    if adjustment.is_zero() {
        return Ok(None);
    }
    Ok(Some(adjustment_line(
        "lambda.pooled-adjustment",
        format!(
            "Lambda free tier and volume tiers are per account: {} functions billed together",
            alone.len()
        ),
        adjustment,
        (&l.free_requests, "the functions'"),
        format!(
            "pooled {} requests and {} GB-s ({}) = {} − {} charged function by function",
            Qty(requests),
            Qty(money::sum("pooled GB-seconds", [x86, arm])?),
            if free_tier {
                "one free tier"
            } else {
                "no free tier"
            },
            usd(pooled),
            usd(charged)
        ),
    )))
}

/// A system's correction for a grant or volume tier that is per account, not per
/// component: `amount` is the pooled bill less what the components were charged one by one.
/// Not a catalog price: its source is the grant's, `whose` charges it corrects.
pub(crate) fn adjustment_line(
    id: &'static str,
    item: String,
    amount: Decimal,
    (grant, whose): (&catalog::Allowance, &str),
    formula: String,
) -> Line {
    let source = Source::cite(
        &format!("{}; the pooled bill less {whose} charges", grant.source),
        &grant.as_of,
    );
    Line {
        id,
        item,
        quantity: Decimal::ONE,
        unit: "adjustment".into(),
        unit_price: amount,
        source: source.text,
        as_of: source.as_of,
        exact: amount,
        amount,
        formula,
        shared: None,
    }
}
