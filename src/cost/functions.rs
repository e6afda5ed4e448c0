//! Function platforms: AWS Lambda, Lambda@Edge and Cloudflare Workers.

use rust_decimal::Decimal;
use rust_decimal::dec;

use super::money::{div, prod};
use super::{Bill, Ctx, Outcome, qty, shared};
use crate::workload::{Arch, Gpu, Kind};

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
    let billable = (total - free).max(Decimal::ZERO);
    (
        billable,
        format!("max(0, {} − {} free) {unit}s", qty(total), qty(free)),
    )
}

pub fn lambda(cx: &Ctx, b: &mut Bill) -> Outcome {
    let c = cx.c;
    if c.gpu != Gpu::None {
        return Ok(Err("Lambda has no GPUs".into()));
    }
    let l = &cx.r.lambda;
    let inv = c.requests_per_month;
    let gb = cx.memory_gb();
    let dur = cx.duration_s();

    let (billable, how) = after_free(cx, inv, l.free_requests.quantity.0, "request");
    b.line(
        "Lambda requests",
        billable,
        "request",
        l.requests.usd.0,
        &how,
    )?;

    let gbs = prod("Lambda GB-seconds", &[inv, dur, gb])?;
    b.derive(
        "GB-seconds",
        qty(gbs),
        format!(
            "{} invocations × {} s × {} GB ({} MB ÷ 1,024)",
            qty(inv),
            qty(dur),
            qty(gb),
            qty(c.memory_mb)
        ),
    );

    let mut on_demand = gbs;
    if let Some(pc) = &c.provisioned {
        let window = prod("provisioned seconds", &[pc.hours_per_month, dec!(3600)])?;
        let capacity = prod("provisioned GB-seconds", &[pc.instances, gb, window])?;
        b.line(
            "Provisioned concurrency",
            capacity,
            "GB-second",
            l.provisioned(c.arch).usd.0,
            &format!(
                "{} instances × {} GB × {} h × 3,600 s",
                qty(pc.instances),
                qty(gb),
                qty(pc.hours_per_month)
            ),
        )?;
        // Demand is spread evenly over the month, so the warm window sees its share of it;
        // what exceeds the warm capacity spills over to on-demand instances.
        let share = div("provisioned share", pc.hours_per_month, cx.hours)?;
        let demand_in_window = prod("demand in the warm window", &[gbs, share])?;
        let served = demand_in_window.min(capacity);
        on_demand = gbs - served;
        b.derive(
            "GB-seconds served warm",
            qty(served),
            format!(
                "min(demand in the warm window {} = {} GB-s × {} h ÷ {} h, capacity {} GB-s)",
                qty(demand_in_window.round_dp(3)),
                qty(gbs),
                qty(pc.hours_per_month),
                qty(cx.hours),
                qty(capacity)
            ),
        );
        b.derive(
            "GB-seconds spilled to on-demand",
            qty(on_demand),
            format!("{} GB-s − {} GB-s served warm", qty(gbs), qty(served)),
        );
        b.line(
            "Duration on provisioned instances",
            served,
            "GB-second",
            l.provisioned_duration(c.arch).usd.0,
            "",
        )?;
    }

    let (billable_gbs, how) = after_free(cx, on_demand, l.free_gb_seconds.quantity.0, "GB-second");
    let item = if c.provisioned.is_some() {
        "Lambda duration (spill-over, on demand)"
    } else {
        "Lambda duration"
    };
    let arch_note = if c.arch == Arch::Arm64 {
        " (arm64)"
    } else {
        ""
    };
    b.tiered(
        &format!("{item}{arch_note}"),
        billable_gbs,
        "GB-second",
        l.duration(c.arch),
        &how,
    )?;

    let included_mb = l.included_ephemeral_mb.quantity.0;
    if c.ephemeral_storage_mb > included_mb {
        let extra_gb = (c.ephemeral_storage_mb - included_mb) / dec!(1024);
        let q = prod("ephemeral storage GB-seconds", &[extra_gb, inv, dur])?;
        b.line(
            "Lambda ephemeral storage",
            q,
            "GB-second",
            l.ephemeral_storage.usd.0,
            &format!(
                "{} GB above {} MB × {} invocations × {} s",
                qty(extra_gb),
                qty(included_mb),
                qty(inv),
                qty(dur)
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
    b.line(
        "CloudFront requests",
        inv,
        "request",
        e.cloudfront_requests.usd.0,
        "",
    )?;
    b.line("Lambda@Edge requests", inv, "request", e.requests.usd.0, "")?;
    let gbs = prod(
        "Lambda@Edge GB-seconds",
        &[inv, cx.duration_s(), cx.memory_gb()],
    )?;
    b.line(
        "Lambda@Edge duration",
        gbs,
        "GB-second",
        e.duration.usd.0,
        &format!(
            "{} invocations × {} s × {} GB",
            qty(inv),
            qty(cx.duration_s()),
            qty(cx.memory_gb())
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
    b.line(
        "Workers Paid plan",
        Decimal::ONE,
        "month",
        w.monthly_base.usd.0,
        "",
    )?;
    b.shared("cloudflare-workers-plan");
    let inc_req = w.included_requests.quantity.0;
    let over_req = (inv - inc_req).max(Decimal::ZERO);
    b.line(
        "Workers requests over the included",
        over_req,
        "request",
        w.request_overage.usd.0,
        &format!("({} − {} included requests)", qty(inv), qty(inc_req)),
    )?;
    let cpu = prod("Workers CPU-ms", &[inv, cx.c.cpu_ms])?;
    b.derive(
        "CPU milliseconds",
        qty(cpu),
        format!(
            "{} requests × {} CPU-ms (Workers bill CPU time, not wall time{})",
            qty(inv),
            qty(cx.c.cpu_ms),
            if cx.c.is_default("cpu_ms") {
                "; cpu_ms not given, so duration_ms stands in"
            } else {
                ""
            }
        ),
    );
    let inc_cpu = w.included_cpu_ms.quantity.0;
    let over_cpu = (cpu - inc_cpu).max(Decimal::ZERO);
    b.line(
        "Workers CPU time over the included",
        over_cpu,
        "CPU-millisecond",
        w.cpu_ms_overage.usd.0,
        &format!("({} − {} included CPU-ms)", qty(cpu), qty(inc_cpu)),
    )?;
    Ok(Ok(()))
}
