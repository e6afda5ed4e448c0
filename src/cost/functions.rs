//! Function platforms: AWS Lambda, Lambda@Edge and Cloudflare Workers.

use crate::cost::{charge, charge_tiered, derivation};
use crate::workload::key;
use rust_decimal::Decimal;
use rust_decimal::dec;

use super::money::prod;
use super::{Bill, Ctx, Figure, Outcome, Qty, latency, shared};
use crate::cost::money::RoundEven;
use crate::workload::{Arch, Gpu, Kind, Provisioned, Runtime};

/// Edge functions answer HTTP requests; other kinds have no viewer request to answer.
fn edge_applies(cx: &Ctx) -> Result<(), String> {
    if cx.c.gpu != Gpu::None {
        return Err("edge runtimes have no GPUs".into());
    }
    match cx.c.kind {
        Kind::HttpApi | Kind::StaticSite | Kind::MlInference => Ok(()),
        k => Err(format!(
            "edge functions answer HTTP requests at the edge; a {k} component has none to answer"
        )),
    }
}

/// Billable quantity after a free allowance, with the arithmetic for the formula.
fn after_free(cx: &Ctx, total: Decimal, free: Decimal, unit: &str) -> (Decimal, String) {
    if !cx.free_tier || free.is_zero() {
        return (total, String::new());
    }
    if !cx.detail.bill_words() {
        return ((total - free).max(Decimal::ZERO), String::new());
    }
    let billable = (total - free).max(Decimal::ZERO);
    (
        billable,
        format!("max(0, {} − {} free) {unit}s", Qty(total), Qty(free)),
    )
}

/// Lambda's smallest memory setting; less is priced at it.
pub const LAMBDA_MIN_MB: Decimal = dec!(128);

/// Provisioned concurrency a latency target needs: none when cold starts stay out of the
/// p99 (faster than the target, or under 1% of requests), SnapStart where it suffices,
/// else warm instances for the peak's concurrency all month.
fn latency_warm_pool(cx: &Ctx, b: &mut Bill) -> Option<Provisioned> {
    let c = cx.c;
    let target = c.latency_p99_ms?;
    if c.provisioned.is_some() || c.is_async() {
        return None;
    }
    let cold = latency::cold_start_p99_ms(c);
    if cold <= target {
        return None;
    }
    let starts = latency::cold_starts(c, cx.hours, latency::LAMBDA_IDLE_S, b.words);
    derivation!(
        b,
        "cold starts",
        Figure::shown(
            (starts.share * dec!(100)).round_even(3),
            "% of requests",
            format!(
                "{}% of requests",
                Qty((starts.share * dec!(100)).round_even(3))
            ),
        ),
        starts.how.clone(),
    );
    if starts.share < latency::P99_TAIL {
        derivation!(
            b,
            "latency target",
            "met without provisioned concurrency",
            format!(
                "the {} ms cold start exceeds the {} ms p99, but cold starts hit {}% of requests, under the 1% a p99 leaves to the slowest",
                Qty(cold),
                Qty(target),
                Qty((starts.share * dec!(100)).round_even(3))
            ),
        );
        return None;
    }
    if c.runtime == Runtime::Java {
        let snap = latency::SNAPSTART_JAVA_MS + c.package_mb * latency::COLD_START_MS_PER_MB;
        if snap <= target {
            b.mitigate(format!(
                "SnapStart (no charge for Java) brings the cold start from {} ms to about {} ms, within the {} ms p99",
                Qty(cold),
                Qty(snap),
                Qty(target)
            ));
            return None;
        }
    }
    let instances = cx.peak_concurrency().ceil().max(Decimal::ONE);
    b.mitigate(format!(
        "priced with {} provisioned instances all month (the peak's concurrency): cold starts of about {} ms hit {}% of requests and would break the {} ms p99",
        Qty(instances),
        Qty(cold),
        Qty((starts.share * dec!(100)).round_even(2)),
        Qty(target)
    ));
    Some(Provisioned {
        instances,
        hours_per_month: cx.hours,
        share_of_requests: Decimal::ONE,
    })
}

pub fn lambda(cx: &Ctx, b: &mut Bill) -> Outcome {
    let c = cx.c;
    if c.gpu != Gpu::None {
        return Ok(Err("Lambda has no GPUs".into()));
    }
    let l = &cx.r.lambda;
    let records = c.requests_per_month;
    let inv = if c.batch_size > Decimal::ONE {
        let inv = (records / c.batch_size).ceil();
        derivation!(
            b,
            "invocations",
            Figure::count(inv, "invocation"),
            format!(
                "{} records ÷ {} per batch (the event source mapping hands a function a batch at a time)",
                Qty(records),
                Qty(c.batch_size)
            ),
        );
        inv
    } else {
        records
    };
    let memory_mb = c.memory_mb.max(LAMBDA_MIN_MB);
    if c.memory_mb < LAMBDA_MIN_MB {
        derivation!(
            b,
            "memory",
            Figure::shown(memory_mb, "MB", format!("{} MB", Qty(memory_mb))),
            format!(
                "memory_mb {} is below Lambda's 128 MB minimum: priced at 128 MB",
                Qty(c.memory_mb)
            ),
        );
    }
    let gb = memory_mb / dec!(1024);
    let dur = cx.duration_s();

    let (billable, how) = after_free(cx, inv, l.free_requests.quantity.0, "request");
    charge!(
        b,
        "lambda.requests",
        "Lambda requests",
        billable,
        "request",
        &l.requests,
        &how,
    )?;

    let gbs = prod("Lambda GB-seconds", &[records, dur, gb])?;
    derivation!(
        b,
        "GB-seconds",
        Figure::count(gbs, "GB-second"),
        format!(
            "{} {} × {} s × {} GB ({} MB ÷ 1,024)",
            Qty(records),
            if c.batch_size > Decimal::ONE {
                "records"
            } else {
                "invocations"
            },
            Qty(dur),
            Qty(gb),
            Qty(memory_mb)
        ),
    );

    let mut on_demand = gbs;
    let warm = c.provisioned.clone().or_else(|| latency_warm_pool(cx, b));
    if let Some(pc) = &warm {
        let window = prod("provisioned seconds", &[pc.hours_per_month, dec!(3600)])?;
        let capacity = prod("provisioned GB-seconds", &[pc.instances, gb, window])?;
        charge!(
            b,
            "lambda.provisioned",
            "Provisioned concurrency",
            capacity,
            "GB-second",
            l.provisioned(c.arch),
            &format!(
                "{} instances × {} GB × {} h × 3,600 s",
                Qty(pc.instances),
                Qty(gb),
                Qty(pc.hours_per_month)
            ),
        )?;
        // The requests arriving in the warm window run on the warm instances up to their
        // capacity; what exceeds it spills over to on-demand instances.
        let demand_in_window = prod("demand in the warm window", &[gbs, pc.share_of_requests])?;
        let served = demand_in_window.min(capacity);
        on_demand = gbs - served;
        derivation!(
            b,
            "GB-seconds served warm",
            Figure::count(served, "GB-second"),
            format!(
                "min(demand in the warm window {} = {} GB-s × {} of the requests{}, capacity {} GB-s)",
                Qty(demand_in_window.round_even(3)),
                Qty(gbs),
                Qty(pc.share_of_requests.round_even(4)),
                if c.provisioned.is_none() {
                    " (all of them: warm all month)"
                } else {
                    ""
                },
                Qty(capacity)
            ),
        );
        derivation!(
            b,
            "GB-seconds spilled to on-demand",
            Figure::count(on_demand, "GB-second"),
            format!("{} GB-s − {} GB-s served warm", Qty(gbs), Qty(served)),
        );
        charge!(
            b,
            "lambda.provisioned-duration",
            "Duration on provisioned instances",
            served,
            "GB-second",
            l.provisioned_duration(c.arch),
            "",
        )?;
    }

    b.pooled = Some(crate::cost::PooledUse::Lambda {
        requests: inv,
        gb_seconds: on_demand,
        arch: c.arch,
    });
    let (billable_gbs, how) = after_free(cx, on_demand, l.free_gb_seconds.quantity.0, "GB-second");
    let item = if warm.is_some() {
        "Lambda duration (spill-over, on demand)"
    } else {
        "Lambda duration"
    };
    let arch_note = if c.arch == Arch::Arm64 {
        " (arm64)"
    } else {
        ""
    };
    charge_tiered!(
        b,
        "lambda.duration",
        &format!("{item}{arch_note}"),
        billable_gbs,
        "GB-second",
        l.duration(c.arch),
        &how,
    )?;

    let included_mb = l.included_ephemeral_mb.quantity.0;
    if c.ephemeral_storage_mb > included_mb {
        let extra_gb = (c.ephemeral_storage_mb - included_mb) / dec!(1024);
        let q = prod("ephemeral storage GB-seconds", &[extra_gb, records, dur])?;
        charge!(
            b,
            "lambda.ephemeral-storage",
            "Lambda ephemeral storage",
            q,
            "GB-second",
            &l.ephemeral_storage,
            &format!(
                "{} GB above {} MB × {} invocations × {} s",
                Qty(extra_gb),
                Qty(included_mb),
                Qty(records),
                Qty(dur)
            ),
        )?;
    }
    shared::function_front_door(cx, b)?;
    shared::rds_proxy_if_needed(cx, b)?;
    Ok(Ok(()))
}

pub fn lambda_edge(cx: &Ctx, b: &mut Bill) -> Outcome {
    if let Err(e) = edge_applies(cx) {
        return Ok(Err(e));
    }
    let e = &cx.r.lambda_edge;
    let inv = cx.c.requests_per_month;
    charge!(
        b,
        "cloudfront.requests",
        "CloudFront requests",
        inv,
        "request",
        &e.cloudfront_requests,
        "",
    )?;
    charge!(
        b,
        "lambda-edge.requests",
        "Lambda@Edge requests",
        inv,
        "request",
        &e.requests,
        "",
    )?;
    let gbs = prod(
        "Lambda@Edge GB-seconds",
        &[inv, cx.duration_s(), cx.memory_gb()],
    )?;
    charge!(
        b,
        "lambda-edge.duration",
        "Lambda@Edge duration",
        gbs,
        "GB-second",
        &e.duration,
        &format!(
            "{} invocations × {} s × {} GB",
            Qty(inv),
            Qty(cx.duration_s()),
            Qty(cx.memory_gb())
        ),
    )?;
    Ok(Ok(()))
}

pub fn workers(cx: &Ctx, b: &mut Bill) -> Outcome {
    if let Err(e) = edge_applies(cx) {
        return Ok(Err(e));
    }
    let w = &cx.r.cloudflare_workers;
    let inv = cx.c.requests_per_month;
    charge!(
        b,
        "workers.plan",
        "Workers Paid plan",
        Decimal::ONE,
        "month",
        &w.monthly_base,
        "",
    )?;
    b.shared("cloudflare-workers-plan");
    let inc_req = w.included_requests.quantity.0;
    let over_req = (inv - inc_req).max(Decimal::ZERO);
    charge!(
        b,
        "workers.requests",
        "Workers requests over the included",
        over_req,
        "request",
        &w.request_overage,
        &format!("({} − {} included requests)", Qty(inv), Qty(inc_req)),
    )?;
    let cpu = prod("Workers CPU-ms", &[inv, cx.c.cpu_ms])?;
    derivation!(
        b,
        "CPU milliseconds",
        Figure::count(cpu, "CPU-millisecond"),
        format!(
            "{} requests × {} CPU-ms (Workers bill CPU time, not wall time{})",
            Qty(inv),
            Qty(cx.c.cpu_ms),
            if cx.c.is_default_at(key!("cpu_ms")) {
                "; cpu_ms not given, so duration_ms stands in"
            } else {
                ""
            }
        ),
    );
    let inc_cpu = w.included_cpu_ms.quantity.0;
    let over_cpu = (cpu - inc_cpu).max(Decimal::ZERO);
    charge!(
        b,
        "workers.cpu",
        "Workers CPU time over the included",
        over_cpu,
        "CPU-millisecond",
        &w.cpu_ms_overage,
        &format!("({} − {} included CPU-ms)", Qty(cpu), Qty(inc_cpu)),
    )?;
    Ok(Ok(()))
}
