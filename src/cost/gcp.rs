//! Google Cloud: Cloud Run services (request-based or instance-based billing, whichever
//! costs less), Cloud Run jobs, Cloud Run functions and GKE Autopilot, and the Pub/Sub that
//! feeds a worker or a stream consumer.
//!
//! The capacity model is the one every server placement uses (`capacity::plan`): the
//! instances a Cloud Run service keeps up are the tasks Fargate would run, sized to Cloud
//! Run's instance sizes. Prices are those of the catalog's `gcp` section: the Google Cloud
//! region it names, paired with the workload's region.

use crate::workload::key;
use rust_decimal::Decimal;
use rust_decimal::dec;

use super::capacity::{self, Host};
use super::catalog::{
    Allowance, CloudRunPrices, GcpPrices, LoggingPrices, Price, PubSubPrices, SchedulerPrices,
};
use super::money::prod;
use super::{Bill, CostOption, Ctx, Figure, Line, Outcome, Overflow, Qty, usd};
use crate::cost::money::RoundEven;
use crate::cost::{charge, derivation};
use crate::workload::{Engine, Gpu, Kind};

/// Cloud Run meters billable time in steps of 100 ms.
const STEP_S: Decimal = dec!(0.1);

/// The Google Cloud prices for the workload's region, or why there are none (or why no
/// Google Cloud placement archway knows runs the component).
fn prices<'a>(cx: &Ctx<'a>) -> Result<&'a GcpPrices, String> {
    if cx.c.kind == Kind::Workflow {
        return Err(
            "a workflow needs an orchestrator that keeps its state between steps; on Google Cloud that is Cloud Workflows, which archway does not price yet".into(),
        );
    }
    cx.r.gcp.as_ref().ok_or_else(|| {
        format!(
            "the pricing catalog has no Google Cloud prices (`gcp`) for region {}",
            cx.r.region
        )
    })
}

/// Which Google Cloud region prices the component, said once per bill.
fn region(cx: &Ctx, g: &GcpPrices, b: &mut Bill) {
    derivation!(
        b,
        "Google Cloud region",
        g.region.clone(),
        format!(
            "the catalog prices a workload in {} on Google Cloud at {}'s prices (Cloud Run Tier 1)",
            cx.r.region, g.region
        ),
    );
}

/// Work in one request's duration, rounded up to Cloud Run's 100 ms step.
fn billed_seconds(d: Decimal) -> Decimal {
    (d / STEP_S).ceil() * STEP_S
}

/// `how` with the free grant taken off, bracketed so the price multiplies the rest.
fn less_free(how: String, free: String) -> String {
    if free.is_empty() {
        how
    } else {
        format!("({how}{free})")
    }
}

/// `quantity` less the free grant (when the workload applies free tiers), at least 0.
fn after_free(cx: &Ctx, quantity: Decimal, free: &Allowance) -> (Decimal, String) {
    let f = free.quantity.0;
    less_grant(
        cx,
        quantity,
        f,
        f,
        "free (the billing account's monthly grant, as if this were its only service)",
    )
}

/// `quantity` less `free` (when the workload applies free tiers), at least 0, and the
/// words " − {shown} {what}" that say so (`shown` is the grant in the unit it is given in).
fn less_grant(
    cx: &Ctx,
    quantity: Decimal,
    free: Decimal,
    shown: Decimal,
    what: &str,
) -> (Decimal, String) {
    if !cx.free_tier {
        return (quantity, String::new());
    }
    (
        (quantity - free).max(Decimal::ZERO),
        format!(" − {} {what}", Qty(shown)),
    )
}

/// The three request-based lines: vCPU-seconds and GiB-seconds while serving, and requests.
#[allow(clippy::too_many_arguments)]
fn request_based(
    cx: &Ctx,
    p: &CloudRunPrices,
    ids: [&'static str; 3],
    what: &str,
    instance_s: Decimal,
    vcpu: Decimal,
    gib: Decimal,
    b: &mut Bill,
) -> Result<(), Overflow> {
    let vcpu_s = prod("Cloud Run vCPU-seconds", &[instance_s, vcpu])?;
    let (billed, free) = after_free(cx, vcpu_s, &p.free_request_vcpu_seconds);
    charge!(
        b,
        ids[0],
        format!("{what} vCPU (request-based)"),
        billed,
        "vCPU-second",
        &p.request_vcpu_second,
        &less_free(
            format!("{} s × {} vCPU", Qty(instance_s.round_even(4)), Qty(vcpu)),
            free,
        ),
    )?;
    let gib_s = prod("Cloud Run GiB-seconds", &[instance_s, gib])?;
    let (billed, free) = after_free(cx, gib_s, &p.free_request_gib_seconds);
    charge!(
        b,
        ids[1],
        format!("{what} memory (request-based)"),
        billed,
        "GiB-second",
        &p.request_gib_second,
        &less_free(
            format!("{} s × {} GiB", Qty(instance_s.round_even(4)), Qty(gib)),
            free,
        ),
    )?;
    let n = cx.c.requests_per_month;
    b.pooled = Some(super::PooledUse::CloudRun {
        vcpu_seconds: vcpu_s,
        gib_seconds: gib_s,
        requests: n,
    });
    let (billed, free) = after_free(cx, n, &p.free_requests);
    charge!(
        b,
        ids[2],
        format!("{what} requests"),
        billed,
        "request",
        &p.requests,
        &less_free(format!("{} requests", Qty(n)), free),
    )
}

/// Instance-based lines: the instances' whole life, no request fee.
#[allow(clippy::too_many_arguments)]
fn instance_based(
    cx: &Ctx,
    vcpu_price: &Price,
    gib_price: &Price,
    free: (&Allowance, &Allowance),
    ids: [&'static str; 2],
    what: &str,
    hours_text: &str,
    instance_s: Decimal,
    task: capacity::Task,
    b: &mut Bill,
) -> Result<(), Overflow> {
    let vcpu_s = prod("Cloud Run vCPU-seconds", &[instance_s, task.vcpu])?;
    let (billed, f) = after_free(cx, vcpu_s, free.0);
    charge!(
        b,
        ids[0],
        format!("{what} vCPU"),
        billed,
        "vCPU-second",
        vcpu_price,
        &less_free(
            format!("{hours_text} × 3,600 s × {} vCPU", Qty(task.vcpu)),
            f,
        ),
    )?;
    let gib_s = prod("Cloud Run GiB-seconds", &[instance_s, task.memory_gb])?;
    let (billed, f) = after_free(cx, gib_s, free.1);
    charge!(
        b,
        ids[1],
        format!("{what} memory"),
        billed,
        "GiB-second",
        gib_price,
        &less_free(
            format!("{hours_text} × 3,600 s × {} GiB", Qty(task.memory_gb)),
            f,
        ),
    )
}

fn total(b: &Bill) -> Decimal {
    b.lines.iter().map(|l| l.amount).sum()
}

fn take(b: &mut Bill, from: Bill) {
    b.lines.extend(from.lines);
    b.derivations.extend(from.derivations);
    b.warnings.extend(from.warnings);
    b.mitigations.extend(from.mitigations);
    b.pooled = b.pooled.or(from.pooled);
}

/// A Cloud Run service: the instances the capacity model keeps up, billed request-based
/// (only while they serve, plus a fee per request) or instance-based (their whole life, no
/// request fee) — whichever costs less, and the bill says which and why.
pub fn cloud_run(cx: &Ctx, b: &mut Bill) -> Outcome {
    let g = match prices(cx) {
        Ok(g) => g,
        Err(e) => return Ok(Err(e)),
    };
    if cx.c.gpu != Gpu::None {
        return Ok(Err(
            "Cloud Run's GPU (NVIDIA L4) price could not be verified from Google's pricing page, so archway does not price GPUs on Cloud Run".into(),
        ));
    }
    region(cx, g, b);
    let plan = match capacity::plan(cx, Host::CloudRun, b)? {
        Ok(p) => p,
        Err(e) => return Ok(Err(e)),
    };
    let p = &g.cloud_run;
    let task = plan.task;
    let life_s = prod(
        "Cloud Run instance-seconds",
        &[plan.task_hours(), dec!(3600)],
    )?;
    // Request-based billing counts an instance's time while it serves at least one request:
    // no more than every request on its own (each rounded up to 100 ms), and no more than
    // the instances' whole life.
    let d = cx.duration_s();
    let alone = prod(
        "request-seconds",
        &[cx.c.requests_per_month, billed_seconds(d)],
    )?;
    let busy_s = alone.min(life_s);
    derivation!(
        b,
        "Cloud Run billable instance time (request-based)",
        Figure::shown(busy_s, "second", format!("{} s", Qty(busy_s.round_even(4)))),
        if alone <= life_s {
            format!(
                "{} requests × {} s (each request's {} s rounded up to 100 ms, as if none overlapped): less than the {} instances' whole life, {} s",
                Qty(cx.c.requests_per_month),
                Qty(billed_seconds(d)),
                Qty(d),
                plan.hours_text("instance"),
                Qty(life_s.round_even(4))
            )
        } else {
            format!(
                "the instances' whole life, {} × 3,600 s: busy all the time (the requests alone, {} s, would need more)",
                plan.hours_text("instance"),
                Qty(alone.round_even(4))
            )
        },
    );
    let mut by_request = Bill::new(cx.detail);
    request_based(
        cx,
        p,
        ["cloudrun.vcpu", "cloudrun.memory", "cloudrun.requests"],
        "Cloud Run",
        busy_s,
        task.vcpu,
        task.memory_gb,
        &mut by_request,
    )?;
    let request_total = total(&by_request);
    let Some(ib) = &p.instance_based else {
        derivation!(
            b,
            "Cloud Run billing",
            "request-based",
            "instance-based billing is not priced: its prices are not in the catalog (Google's page could not be read for its memory price and free grant)",
        );
        take(b, by_request);
        min_instances_note(cx, b);
        return Ok(Ok(()));
    };
    let mut by_instance = Bill::new(cx.detail);
    instance_based(
        cx,
        &ib.vcpu_second,
        &ib.gib_second,
        (&ib.free_vcpu_seconds, &ib.free_gib_seconds),
        ["cloudrun.instance-vcpu", "cloudrun.instance-memory"],
        "Cloud Run (instance-based)",
        &plan.hours_text("instance"),
        life_s,
        task,
        &mut by_instance,
    )?;
    let instance_total = total(&by_instance);
    let (mode, why) = if instance_total < request_total {
        (
            "instance-based",
            format!(
                "{} for the instances' whole life, no request fee, is less than {} request-based",
                usd(instance_total),
                usd(request_total)
            ),
        )
    } else {
        (
            "request-based",
            format!(
                "{} request-based (only while serving, plus requests) is no more than {} instance-based",
                usd(request_total),
                usd(instance_total)
            ),
        )
    };
    derivation!(b, "Cloud Run billing", mode, why);
    if mode == "instance-based" {
        take(b, by_instance);
    } else {
        take(b, by_request);
        min_instances_note(cx, b);
    }
    Ok(Ok(()))
}

/// Minimum instances kept idle under request-based billing are billed at an idle rate the
/// catalog does not have: said, not priced. So is the warm instance a component needs when
/// a cold start would miss its latency target.
fn min_instances_note(cx: &Ctx, b: &mut Bill) {
    let min = cx.c.container.min_tasks;
    if min > Decimal::ZERO && cx.c.origin_at(key!("min_tasks")) == crate::workload::Origin::Given {
        derivation!(
            b,
            "Cloud Run minimum instances",
            Figure::count(min, "instance"),
            "container.min_tasks kept warm: under request-based billing their idle time is billed at Cloud Run's idle rate, which this catalog does not have (not included)",
        );
        return;
    }
    let cold = super::latency::cold_start_p99_ms(cx.c);
    if let Some(target) = cx.c.latency_p99_ms.filter(|t| cold > *t) {
        derivation!(
            b,
            "Cloud Run warm instances",
            "not included",
            super::text!(
                b,
                "a cold start (about {} ms, archway's estimate on Lambda for this runtime and package) would miss the p99 target of {} ms: a minimum instance keeps one warm, and its idle time is billed at Cloud Run's idle rate, which this catalog does not have; this price is for instances that start on demand",
                Qty(cold),
                Qty(target)
            ),
        );
    }
}

/// Cloud Run jobs: tasks that run to completion, billed for their vCPU and memory while
/// they run at the instance-based prices.
pub fn cloud_run_jobs(cx: &Ctx, b: &mut Bill) -> Outcome {
    let g = match prices(cx) {
        Ok(g) => g,
        Err(e) => return Ok(Err(e)),
    };
    let c = cx.c;
    if !(c.is_async() || c.schedule.is_some()) {
        return Ok(Err(
            "Cloud Run jobs run tasks to completion and answer no requests: a component that serves requests runs as a Cloud Run service".into(),
        ));
    }
    if c.gpu != Gpu::None {
        return Ok(Err(
            "Cloud Run's GPU (NVIDIA L4) price could not be verified from Google's pricing page"
                .into(),
        ));
    }
    let Some(ib) = &g.cloud_run.instance_based else {
        return Ok(Err(
            "Cloud Run jobs are billed at the instance-based prices, which are not in the catalog (Google's page could not be read for their memory price and free grant)".into(),
        ));
    };
    region(cx, g, b);
    let plan = match capacity::plan(cx, Host::CloudRun, b)? {
        Ok(p) => p,
        Err(e) => return Ok(Err(e)),
    };
    let life_s = prod("Cloud Run task-seconds", &[plan.task_hours(), dec!(3600)])?;
    instance_based(
        cx,
        &ib.vcpu_second,
        &ib.gib_second,
        (&ib.free_vcpu_seconds, &ib.free_gib_seconds),
        ["cloudrun-jobs.vcpu", "cloudrun-jobs.memory"],
        "Cloud Run jobs",
        &plan.hours_text("task"),
        life_s,
        plan.task,
        b,
    )?;
    Ok(Ok(()))
}

/// Cloud Run functions' memory sizes and the vCPU each comes with (MiB, vCPU).
/// docs.cloud.google.com/functions/docs/configuring/memory, read 2026-12-01.
const FUNCTION_SIZES: [(Decimal, Decimal); 9] = [
    (dec!(128), dec!(0.083)),
    (dec!(256), dec!(0.167)),
    (dec!(512), dec!(0.333)),
    (dec!(1024), dec!(0.583)),
    (dec!(2048), dec!(1)),
    (dec!(4096), dec!(2)),
    (dec!(8192), dec!(2)),
    (dec!(16384), dec!(4)),
    (dec!(32768), dec!(8)),
];

/// Cloud Run functions: a function deployed from source onto Cloud Run and billed at Cloud
/// Run's request-based prices. Where a Cloud Run service shares an instance among up to 80
/// requests, archway prices a function one request per instance (the function model: its
/// memory size fixes its vCPU, below 1 vCPU only one request at a time), each request's
/// time rounded up to 100 ms.
pub fn cloud_run_functions(cx: &Ctx, b: &mut Bill) -> Outcome {
    let g = match prices(cx) {
        Ok(g) => g,
        Err(e) => return Ok(Err(e)),
    };
    let c = cx.c;
    if c.gpu != Gpu::None {
        return Ok(Err("Cloud Run functions have no GPUs".into()));
    }
    if matches!(c.kind, Kind::Websocket) {
        return Ok(Err(
            "Cloud Run functions answer one request and return: a WebSocket hub runs as a Cloud Run service".into(),
        ));
    }
    let Some(&(mib, vcpu)) = FUNCTION_SIZES.iter().find(|(m, _)| *m >= c.memory_mb) else {
        return Ok(Err(format!(
            "no Cloud Run functions memory size holds {} MB (the largest is 32 GiB)",
            Qty(c.memory_mb)
        )));
    };
    region(cx, g, b);
    let gib = mib / dec!(1024);
    derivation!(
        b,
        "function size",
        format!("{} MiB, {} vCPU", Qty(mib), Qty(vcpu)),
        format!(
            "the smallest Cloud Run functions memory size holding memory_mb {}, with the vCPU it comes with",
            Qty(c.memory_mb)
        ),
    );
    let d = cx.duration_s();
    let instance_s = prod(
        "function seconds",
        &[c.requests_per_month, billed_seconds(d)],
    )?;
    derivation!(
        b,
        "Cloud Run functions billable time",
        Figure::shown(instance_s, "second", format!("{} s", Qty(instance_s))),
        format!(
            "{} requests × {} s (each request's {} s rounded up to 100 ms; one request per instance)",
            Qty(c.requests_per_month),
            Qty(billed_seconds(d)),
            Qty(d)
        ),
    );
    request_based(
        cx,
        &g.cloud_run,
        [
            "cloudrun-functions.vcpu",
            "cloudrun-functions.memory",
            "cloudrun-functions.requests",
        ],
        "Cloud Run functions",
        instance_s,
        vcpu,
        gib,
        b,
    )?;
    Ok(Ok(()))
}

/// GKE Autopilot: not priced, its per-pod prices not being verified.
pub fn gke_autopilot(cx: &Ctx, _b: &mut Bill) -> Outcome {
    if let Err(e) = prices(cx) {
        return Ok(Err(e));
    }
    Ok(Err(
        "GKE Autopilot's per-pod vCPU and memory prices could not be verified from cloud.google.com/kubernetes-engine/pricing".into(),
    ))
}

/// What a Google Cloud placement needs around it: the Pub/Sub that feeds a worker or a
/// stream consumer, priced; what this catalog does not price on Google Cloud, said on
/// the bill rather than left out silently.
pub fn surroundings(cx: &Ctx, b: &mut Bill) -> Result<(), Overflow> {
    let c = cx.c;
    let mut missing: Vec<&str> = Vec::new();
    let g = cx.r.gcp.as_ref();
    let pubsub_prices = g.and_then(|g| g.pubsub.as_ref());
    match (c.kind, pubsub_prices) {
        (Kind::Worker | Kind::Stream, Some(ps)) => pubsub(cx, ps, b)?,
        (Kind::Worker, None) => missing.push("the Pub/Sub subscription that feeds it"),
        (Kind::Stream, None) => missing.push("the Pub/Sub topic it reads"),
        _ => {}
    }
    let scheduler_prices = g.and_then(|g| g.scheduler.as_ref());
    match (&c.schedule, scheduler_prices) {
        (Some(_), Some(sp)) => scheduler(cx, sp, b)?,
        (Some(_), None) => missing.push("the Cloud Scheduler job that starts it"),
        (None, _) => {}
    }
    if !c.data.reads_per_request.is_zero() || !c.data.writes_per_request.is_zero() {
        missing.push("the requests to its data store");
    }
    if !c.logs_kb_per_request.is_zero() && !c.requests_per_month.is_zero() {
        match g.and_then(|g| g.logging.as_ref()) {
            Some(lp) => logging(cx, lp, b)?,
            None => missing.push("Cloud Logging beyond its free allotment"),
        }
    }
    if !c.data.internet_api_gb_month.is_zero() || !c.data.cross_region_gb_month.is_zero() {
        missing.push("data transfer");
    }
    derivation!(
        b,
        "front door",
        "Cloud Run's own HTTPS endpoint",
        "a Cloud Run service or function answers HTTPS itself: no gateway fee (a load balancer in front is optional and not priced)",
    );
    if !missing.is_empty() {
        derivation!(
            b,
            "not priced on Google Cloud",
            missing.join(", "),
            "their Google Cloud prices are not in the catalog yet: the bill holds compute only",
        );
    }
    Ok(())
}

/// Cloud Logging for the lines the component writes: GiB stored (binary, as Google
/// meters them), less the project's free volume.
fn logging(cx: &Ctx, lp: &LoggingPrices, b: &mut Bill) -> Result<(), Overflow> {
    let c = cx.c;
    let gib = prod("log GiB", &[c.requests_per_month, c.logs_kb_per_request])? / dec!(1_048_576);
    let f = lp.free_gib.quantity.0;
    let (billable, free) = less_grant(
        cx,
        gib,
        f,
        f,
        "GiB free (the project's monthly volume, as if this were its only service)",
    );
    charge!(
        b,
        "cloud-logging.storage",
        "Cloud Logging",
        billable,
        "GiB",
        &lp.storage_gib,
        &format!(
            "{} requests × {} KB{} ÷ 1,048,576{free}",
            Qty(c.requests_per_month),
            Qty(c.logs_kb_per_request),
            match c.origin_at(key!("logs_kb_per_request")) {
                crate::workload::Origin::Given => "",
                _ => " (default: one access-log line)",
            }
        ),
    )
}

/// Minutes in a day: the most runs one Cloud Scheduler job makes
/// (cloud.google.com/scheduler/docs/configuring/cron-job-schedules, unix-cron format).
const MINUTES_A_DAY: Decimal = dec!(1440);

/// The Cloud Scheduler job that starts scheduled work: one job however often it runs,
/// billed by the day at a 31st of its price, less the free jobs.
fn scheduler(cx: &Ctx, sp: &SchedulerPrices, b: &mut Bill) -> Result<(), Overflow> {
    // A job fires at most once a minute (its schedule is a unix-cron line): more runs
    // a day than a day's minutes need more jobs.
    let runs =
        cx.c.schedule
            .as_ref()
            .map_or(Decimal::ZERO, |s| s.runs_per_month);
    let per_day = runs * dec!(24) / cx.hours;
    let needed = (per_day / MINUTES_A_DAY).ceil().max(Decimal::ONE);
    let f = sp.free_jobs.quantity.0;
    let (jobs, free) = less_grant(
        cx,
        needed,
        f,
        f,
        "free (the billing account's monthly jobs, as if this were its only job)",
    );
    let periods = prod("Cloud Scheduler job-days", &[jobs, cx.days()])? / dec!(31);
    derivation!(
        b,
        "Cloud Scheduler",
        Figure::shown(
            jobs,
            "job",
            format!(
                "{} billable job{}",
                Qty(jobs),
                if jobs == Decimal::ONE { "" } else { "s" }
            )
        ),
        format!(
            "{} (jobs are billed, not runs){}; billed by the day: {} days ÷ 31",
            if needed == Decimal::ONE {
                "one job starts every run".to_string()
            } else {
                format!(
                    "{} runs a day need at least {} jobs, each firing at most once a minute",
                    Qty(per_day.round_even(2)),
                    Qty(needed)
                )
            },
            free,
            Qty(cx.days().round_even(4))
        ),
    );
    charge!(
        b,
        "cloud-scheduler.jobs",
        "Cloud Scheduler job",
        periods,
        "31-day job",
        &sp.job_31_days,
        "",
    )
}

/// Bytes in a TiB, the unit Pub/Sub's throughput is priced in.
const TIB_BYTES: Decimal = dec!(1099511627776);

/// Pub/Sub in front of a worker (the push subscription that feeds it) or a stream consumer
/// (the topic it reads): every message is published once and delivered once, one message
/// a request, and each request is billed at least the minimum volume.
fn pubsub(cx: &Ctx, ps: &PubSubPrices, b: &mut Bill) -> Result<(), Overflow> {
    let c = cx.c;
    let n = c.requests_per_month;
    let floor = ps.minimum_request_bytes.quantity.0;
    let message = prod("Pub/Sub message bytes", &[c.payload_kb, dec!(1024)])?;
    let billed = message.max(floor);
    let bytes = prod("Pub/Sub bytes", &[n, dec!(2), billed])?;
    let used = bytes / TIB_BYTES;
    let f = ps.free_gib.quantity.0;
    let (tib, free) = less_grant(
        cx,
        used,
        f / dec!(1024),
        f,
        "GiB free (the billing account's monthly grant, as if this were its only topic)",
    );
    derivation!(
        b,
        "Pub/Sub throughput",
        Figure::shown(
            tib.round_even(6),
            "TiB",
            format!("{} TiB", Qty(tib.round_even(6)))
        ),
        format!(
            "{} messages × 2 (published, then delivered) × {} bytes ({}) = {} bytes ÷ 2^40 = {} TiB{free}; one message a request, as without batching",
            Qty(n),
            Qty(billed),
            if message < floor {
                format!(
                    "a {} KB message, billed at the {} bytes every request is charged at least",
                    Qty(c.payload_kb),
                    Qty(floor)
                )
            } else {
                format!("a {} KB message at 1,024 bytes a KB", Qty(c.payload_kb))
            },
            Qty(bytes),
            Qty(used.round_even(6))
        ),
    );
    charge!(
        b,
        "pubsub.throughput",
        if c.kind == Kind::Stream {
            "Pub/Sub throughput (topic)"
        } else {
            "Pub/Sub throughput (subscription)"
        },
        tib,
        "TiB",
        &ps.throughput_tib,
        "",
    )
}

/// The correction a system's total needs because Cloud Run's free grant is per billing
/// account, not per service: the request-based usage of every Cloud Run service and
/// function billed together against one grant, minus what their options charged one by
/// one (each with the whole grant). `alone` are the chosen options as priced; what each
/// used before the grant is its `pooled` use.
pub fn pool_adjustment(
    alone: &[&CostOption],
    r: &super::catalog::RegionPrices,
    free_tier: bool,
) -> Result<Option<Line>, Overflow> {
    let Some(g) = &r.gcp else { return Ok(None) };
    let p = &g.cloud_run;
    let ids = |kind: &str| -> [String; 2] {
        [
            format!("cloudrun.{kind}"),
            format!("cloudrun-functions.{kind}"),
        ]
    };
    let of = |opts: &[&CostOption], kind: &str, what: fn(&Line) -> Decimal| {
        let ids = ids(kind);
        super::money::sum(
            "pooled Cloud Run usage",
            opts.iter().flat_map(|o| {
                o.lines
                    .iter()
                    .filter(|l| ids.iter().any(|i| i == l.id))
                    .map(what)
                    .collect::<Vec<_>>()
            }),
        )
    };
    let uses: Vec<(Decimal, Decimal, Decimal)> = alone
        .iter()
        .filter_map(|o| match o.pooled {
            Some(super::PooledUse::CloudRun {
                vcpu_seconds,
                gib_seconds,
                requests,
            }) => Some((vcpu_seconds, gib_seconds, requests)),
            _ => None,
        })
        .collect();
    let users = uses.len();
    if users < 2 {
        return Ok(None);
    }
    let charged = super::money::sum(
        "Cloud Run charges",
        [
            of(alone, "vcpu", |l| l.amount)?,
            of(alone, "memory", |l| l.amount)?,
            of(alone, "requests", |l| l.amount)?,
        ],
    )?;
    let sum = |what: fn(&(Decimal, Decimal, Decimal)) -> Decimal| {
        super::money::sum("pooled Cloud Run usage", uses.iter().map(what))
    };
    let (vcpu, gib, requests) = (sum(|u| u.0)?, sum(|u| u.1)?, sum(|u| u.2)?);
    let free = |a: &Allowance| {
        if free_tier {
            a.quantity.0
        } else {
            Decimal::ZERO
        }
    };
    let mut b = Bill::default();
    charge!(
        b,
        "cloudrun.vcpu",
        "pooled vCPU",
        (vcpu - free(&p.free_request_vcpu_seconds)).max(Decimal::ZERO),
        "vCPU-second",
        &p.request_vcpu_second,
        "",
    )?;
    charge!(
        b,
        "cloudrun.memory",
        "pooled memory",
        (gib - free(&p.free_request_gib_seconds)).max(Decimal::ZERO),
        "GiB-second",
        &p.request_gib_second,
        "",
    )?;
    charge!(
        b,
        "cloudrun.requests",
        "pooled requests",
        (requests - free(&p.free_requests)).max(Decimal::ZERO),
        "request",
        &p.requests,
        "",
    )?;
    let pooled = super::money::sum("pooled Cloud Run bill", b.lines.iter().map(|l| l.amount))?;
    let adjustment = super::money::diff("the pooled Cloud Run adjustment", pooled, charged)?;
    if adjustment.is_zero() {
        return Ok(None);
    }
    Ok(Some(super::adjustment_line(
        "cloudrun.pooled-adjustment",
        format!(
            "Cloud Run's free grant is per billing account: {users} services and functions billed together"
        ),
        adjustment,
        (&p.free_requests, "the services'"),
        format!(
            "pooled {} vCPU-s, {} GiB-s and {} requests ({}) = {} − {} charged service by service",
            Qty(vcpu),
            Qty(gib),
            Qty(requests),
            if free_tier {
                "one free grant"
            } else {
                "no free grant"
            },
            usd(pooled),
            usd(charged)
        ),
    )))
}

/// The Google Cloud service that plays a store's part (PostgreSQL on RDS → Cloud SQL).
pub fn store_title(e: Engine) -> &'static str {
    match e {
        Engine::Postgres | Engine::Aurora | Engine::AuroraServerless => "Cloud SQL for PostgreSQL",
        Engine::Mysql => "Cloud SQL for MySQL",
        Engine::Dynamodb | Engine::Mongodb => "Firestore",
        Engine::S3 => "Cloud Storage",
        Engine::Redis => "Memorystore for Redis",
        Engine::Memcached => "Memorystore for Memcached",
    }
}

/// On Google Cloud alone the stores are Google Cloud's, whose prices the catalog does not
/// have yet: each says so (with what the same store costs on AWS) instead of carrying an
/// AWS price into a Google Cloud system's total.
pub fn stores_off_aws(stores: &mut [super::stores::StoreCost]) {
    for s in stores.iter_mut().filter(|s| s.not_priced.is_none()) {
        s.not_priced = Some(format!(
            "on Google Cloud this is {}, whose prices are not in the catalog yet (on AWS, as {}, it would cost {} a month)",
            store_title(s.engine),
            s.engine.title(),
            usd(s.monthly)
        ));
        s.monthly = Decimal::ZERO;
        s.lines.clear();
    }
}

#[cfg(test)]
mod tests {
    //! Google Cloud's prices at their edges: the free grants (just under, at, just over),
    //! the 100 ms step, the billing mode chosen by cost. Cloud Run's pricing page publishes
    //! no worked example, so each figure's arithmetic is written out here.

    use rust_decimal::Decimal;
    use rust_decimal::dec;

    use crate::cost::catalog::{Allowance, CloudRunInstancePrices, Price};
    use crate::cost::{CostOption, Line, Priced, Pricing, cost_workload};
    use crate::input::Dec;
    use crate::placement::{Placement, Provider};
    use crate::workload::load_str;

    fn workload(providers: &str, free_tier: bool, fields: &str) -> crate::workload::Workload {
        let yaml = format!(
            "name: t\nproviders: [{providers}]\nassumptions: {{ free_tier: {free_tier} }}\ncomponents:\n  - name: c\n{fields}"
        );
        load_str("test.yaml", &yaml)
            .unwrap_or_else(|e| panic!("{e}"))
            .0
    }

    fn priced(
        w: &crate::workload::Workload,
        pricing: &Pricing,
        p: Placement,
    ) -> Result<CostOption, String> {
        let c = cost_workload(w, pricing).unwrap();
        match c.components[0]
            .options
            .iter()
            .find(|o| o.placement() == p)
            .unwrap_or_else(|| panic!("{p} is not offered"))
        {
            Priced::Priced(o) => Ok(o.clone()),
            Priced::NotPriced { reason, .. } => Err(reason.clone()),
        }
    }

    /// The one component of `fields`, on Google Cloud, priced on `p`.
    fn on_gcp(free_tier: bool, fields: &str, p: Placement) -> CostOption {
        priced(&workload("gcp", free_tier, fields), &Pricing::embedded(), p).unwrap()
    }

    fn line<'a>(o: &'a CostOption, id: &str) -> &'a Line {
        o.lines
            .iter()
            .find(|l| l.id == id)
            .unwrap_or_else(|| panic!("no line {id} in {:#?}", o.lines))
    }

    fn derived<'a>(o: &'a CostOption, quantity: &str) -> &'a str {
        o.derivations
            .iter()
            .find(|d| d.quantity == quantity)
            .map(|d| d.text.as_str())
            .unwrap_or_else(|| panic!("no derivation {quantity} in {:#?}", o.derivations))
    }

    /// A function at 2,048 MiB (1 vCPU, 2 GiB) taking 100 ms: each request is 0.1
    /// vCPU-seconds and 0.2 GiB-seconds, so 1,800,000 requests use exactly the free
    /// 180,000 vCPU-seconds and 360,000 GiB-seconds.
    fn function(requests: &str) -> CostOption {
        on_gcp(
            true,
            &format!(
                "    kind: http-api\n    traffic: {{ requests_per_month: {requests} }}\n    duration_ms: 100\n    memory_mb: 2048\n"
            ),
            Placement::CloudRunFunctions,
        )
    }

    #[test]
    fn cloud_run_functions_at_the_free_grant_of_vcpu_and_memory() {
        // Just under: 1,799,990 × 0.1 s × 1 vCPU = 179,999 vCPU-s, all free.
        let under = function("1799990");
        assert_eq!(
            line(&under, "cloudrun-functions.vcpu").quantity,
            Decimal::ZERO
        );
        assert_eq!(
            line(&under, "cloudrun-functions.memory").quantity,
            Decimal::ZERO
        );
        assert_eq!(under.monthly, Decimal::ZERO);
        // At: 180,000 vCPU-s and 360,000 GiB-s, exactly the grant.
        let at = function("1800000");
        assert_eq!(line(&at, "cloudrun-functions.vcpu").quantity, Decimal::ZERO);
        assert_eq!(
            line(&at, "cloudrun-functions.memory").quantity,
            Decimal::ZERO
        );
        assert_eq!(at.monthly, Decimal::ZERO);
        // Just over: 1,800,010 requests = 180,001 vCPU-s and 360,002 GiB-s: 1 vCPU-s ×
        // $0.000024 and 2 GiB-s × $0.0000025, exactly.
        let over = function("1800010");
        let v = line(&over, "cloudrun-functions.vcpu");
        assert_eq!((v.quantity, v.exact), (dec!(1), dec!(0.000024)));
        let m = line(&over, "cloudrun-functions.memory");
        assert_eq!((m.quantity, m.exact), (dec!(2), dec!(0.000005)));
        assert!(v.source.starts_with("https://cloud.google.com/run/pricing"));
        assert_eq!(v.as_of, "2026-12-01");
    }

    #[test]
    fn the_free_grant_is_one_per_billing_account() {
        // Two functions, each exactly at the grant alone (1,800,000 requests × 0.1 s × 1
        // vCPU / 2 GiB), so each option charges $0. Together: 360,000 vCPU-s − 180,000
        // free = 180,000 × $0.000024 = $4.32; 720,000 GiB-s − 360,000 = 360,000 ×
        // $0.0000025 = $0.90; 3,600,000 requests − 2,000,000 = 1,600,000 × $0.0000004 =
        // $0.64. The system pays $5.86 more than the options say.
        let one = function("1800000");
        let no_free_w = workload(
            "gcp",
            false,
            "    kind: http-api\n    traffic: { requests_per_month: 1800000 }\n    duration_ms: 100\n    memory_mb: 2048\n",
        );
        let no_free = priced(
            &no_free_w,
            &Pricing::embedded(),
            Placement::CloudRunFunctions,
        )
        .unwrap();
        let p = Pricing::embedded();
        let adj = super::pool_adjustment(&[&one, &one], &p.regions[0], true)
            .unwrap()
            .unwrap();
        assert_eq!(adj.id, "cloudrun.pooled-adjustment");
        assert_eq!(adj.amount, dec!(5.86));
        // One service alone needs no correction; without free tiers neither do two.
        assert!(
            super::pool_adjustment(&[&one], &p.regions[0], true)
                .unwrap()
                .is_none()
        );
        assert!(
            super::pool_adjustment(&[&no_free, &no_free], &p.regions[0], false)
                .unwrap()
                .is_none()
        );
    }

    /// A worker fed by Pub/Sub on Cloud Run: `n` messages of `kb` KB a month.
    fn pubsub_line(n: &str, kb: &str, free_tier: bool) -> Line {
        let o = on_gcp(
            free_tier,
            &format!(
                "    kind: worker\n    traffic: {{ requests_per_month: {n} }}\n    duration_ms: 100\n    memory_mb: 512\n    payload_kb: {kb}\n"
            ),
            Placement::CloudRun,
        );
        line(&o, "pubsub.throughput").clone()
    }

    #[test]
    fn pubsub_bills_each_request_at_least_1000_bytes() {
        // 2^29 messages of 1 KB (1,024 bytes), published and delivered: 2 × 1,024 × 2^29 =
        // 2^40 bytes = 1 TiB × $40 = $40.00 (free tier off).
        let at = pubsub_line("536870912", "1", false);
        assert_eq!(
            (at.quantity, at.exact, at.amount),
            (dec!(1), dec!(40), dec!(40))
        );
        // Half a KB (512 bytes) is billed as 1,000: 2 × 1,000 × 2^29 = 1,000/1,024 TiB =
        // 0.9765625 TiB × $40 = $39.0625, $39.06.
        let under = pubsub_line("536870912", "0.5", false);
        assert_eq!(
            (under.quantity, under.exact, under.amount),
            (dec!(0.9765625), dec!(39.0625), dec!(39.06))
        );
        assert!(
            under
                .source
                .starts_with("https://cloud.google.com/pubsub/pricing")
        );
        assert_eq!(under.as_of, "2026-12-02");
    }

    #[test]
    fn pubsub_at_its_free_10_gib() {
        // 5 × 2^20 messages × 2 × 1,024 bytes = 10 × 2^30 bytes: exactly the free 10 GiB.
        let at = pubsub_line("5242880", "1", true);
        assert_eq!((at.quantity, at.exact), (Decimal::ZERO, Decimal::ZERO));
        // Four messages more: 8,192 bytes = 2^-27 TiB over, × $40.
        let over = pubsub_line("5242884", "1", true);
        assert_eq!(
            (over.quantity, over.exact),
            (
                dec!(0.000000007450580596923828125),
                dec!(0.000000298023223876953125)
            )
        );
        // 2^29 messages of 1 KB with the free tier: 1 − 10/1,024 = 0.990234375 TiB × $40
        // = $39.609375, $39.61.
        let big = pubsub_line("536870912", "1", true);
        assert_eq!((big.quantity, big.amount), (dec!(0.990234375), dec!(39.61)));
    }

    /// A job run nightly on Cloud Run functions, in a month of `hours`.
    fn scheduler_line(hours: &str, free_tier: bool) -> Line {
        let yaml = format!(
            "name: t\nproviders: [gcp]\nassumptions: {{ free_tier: {free_tier}, hours_per_month: {hours} }}\ncomponents:\n  - name: c\n    kind: scheduled\n    schedule: {{ runs_per_day: 1, run_seconds: 60 }}\n    memory_mb: 512\n"
        );
        let w = load_str("test.yaml", &yaml)
            .unwrap_or_else(|e| panic!("{e}"))
            .0;
        let o = priced(&w, &Pricing::embedded(), Placement::CloudRunFunctions).unwrap();
        line(&o, "cloud-scheduler.jobs").clone()
    }

    #[test]
    fn cloud_scheduler_bills_the_job_by_the_day() {
        // A 744-hour month is 31 days: exactly one 31-day job × $0.10.
        let whole = scheduler_line("744", false);
        assert_eq!((whole.quantity, whole.exact), (dec!(1), dec!(0.10)));
        assert!(
            whole
                .source
                .starts_with("https://cloud.google.com/scheduler/pricing")
        );
        // 730 hours are 30.4167 days: 30.4167 ÷ 31 of a job, $0.0981, $0.10 in cents.
        let month = scheduler_line("730", false);
        assert_eq!(month.quantity.round_dp(4), dec!(0.9812));
        assert_eq!(month.amount, dec!(0.10));
        // 9,600 runs a day need 7 jobs (1,440 minutes a day each): 7 × 31 days ÷ 31 in a
        // 744-hour month, × $0.10 = $0.70.
        let yaml = "name: t\nproviders: [gcp]\nassumptions: { free_tier: false, hours_per_month: 744 }\ncomponents:\n  - name: c\n    kind: scheduled\n    schedule: { runs_per_day: 9600, run_seconds: 0.003 }\n    memory_mb: 128\n";
        let w = load_str("test.yaml", yaml).unwrap().0;
        let o = priced(&w, &Pricing::embedded(), Placement::CloudRunFunctions).unwrap();
        let many = line(&o, "cloud-scheduler.jobs");
        assert_eq!((many.quantity, many.exact), (dec!(7), dec!(0.70)));
        // The billing account's three free jobs cover one job.
        let free = scheduler_line("730", true);
        assert_eq!((free.quantity, free.amount), (Decimal::ZERO, Decimal::ZERO));
    }

    #[test]
    fn cloud_logging_past_its_free_50_gib() {
        let logs = |n: &str, free_tier: bool| {
            let o = on_gcp(
                free_tier,
                &format!(
                    "    kind: http-api\n    traffic: {{ requests_per_month: {n} }}\n    duration_ms: 10\n    memory_mb: 128\n    logs_kb_per_request: 1\n"
                ),
                Placement::CloudRunFunctions,
            );
            line(&o, "cloud-logging.storage").clone()
        };
        // 52,428,800 requests × 1 KB = 50 GiB: exactly the free volume.
        let at = logs("52428800", true);
        assert_eq!((at.quantity, at.exact), (Decimal::ZERO, Decimal::ZERO));
        // 1,048,576 requests more: 1 GiB × $0.50.
        let over = logs("53477376", true);
        assert_eq!((over.quantity, over.exact), (dec!(1), dec!(0.50)));
        assert!(
            over.source
                .starts_with("https://cloud.google.com/stackdriver/pricing")
        );
        // Without free tiers all 51 GiB are charged: $25.50.
        let all = logs("53477376", false);
        assert_eq!((all.quantity, all.amount), (dec!(51), dec!(25.50)));
    }

    #[test]
    fn cloud_run_requests_at_the_free_two_million() {
        // 10 ms requests at 128 MiB stay far inside the CPU and memory grants.
        let requests = |n: &str| {
            let o = on_gcp(
                true,
                &format!(
                    "    kind: http-api\n    traffic: {{ requests_per_month: {n} }}\n    duration_ms: 10\n    memory_mb: 128\n"
                ),
                Placement::CloudRunFunctions,
            );
            let l = line(&o, "cloudrun-functions.requests");
            (l.quantity, l.exact)
        };
        assert_eq!(requests("1999999"), (Decimal::ZERO, Decimal::ZERO));
        assert_eq!(requests("2000000"), (Decimal::ZERO, Decimal::ZERO));
        // One request over: 1 × $0.40 per million = $0.0000004.
        assert_eq!(requests("2000001"), (dec!(1), dec!(0.0000004)));
    }

    #[test]
    fn each_request_is_billed_in_steps_of_100_ms() {
        // 1,000 requests of 101 ms at 2,048 MiB, no free tier: each billed 0.2 s, so
        // 200 vCPU-s × $0.000024 = $0.0048 and 400 GiB-s × $0.0000025 = $0.001.
        let o = on_gcp(
            false,
            "    kind: http-api\n    traffic: { requests_per_month: 1000 }\n    duration_ms: 101\n    memory_mb: 2048\n",
            Placement::CloudRunFunctions,
        );
        let v = line(&o, "cloudrun-functions.vcpu");
        assert_eq!((v.quantity, v.exact), (dec!(200), dec!(0.0048)));
        let m = line(&o, "cloudrun-functions.memory");
        assert_eq!((m.quantity, m.exact), (dec!(400), dec!(0.001)));
    }

    #[test]
    fn a_cloud_run_service_is_billed_while_it_serves_and_says_which_mode() {
        // 1,000,000 requests of 250 ms at 512 MB, no free tier. The service runs on 1
        // vCPU instances (below 1 vCPU Cloud Run serves one request at a time) with 0.5
        // GiB. Billed while serving: 1,000,000 × 0.3 s (250 ms rounded up to 100 ms
        // steps) = 300,000 s, less than two instances' month (2 × 730 h × 3,600 s).
        // vCPU 300,000 × $0.000024 = $7.20; memory 150,000 GiB-s × $0.0000025 = $0.375;
        // requests 1,000,000 × $0.0000004 = $0.40. Total $7.20 + $0.38 + $0.40 = $7.98.
        let o = on_gcp(
            false,
            "    kind: http-api\n    traffic: { requests_per_month: 1000000 }\n    duration_ms: 250\n    memory_mb: 512\n",
            Placement::CloudRun,
        );
        let v = line(&o, "cloudrun.vcpu");
        assert_eq!((v.quantity, v.exact), (dec!(300000), dec!(7.2)));
        let m = line(&o, "cloudrun.memory");
        assert_eq!((m.quantity, m.exact), (dec!(150000), dec!(0.375)));
        let r = line(&o, "cloudrun.requests");
        assert_eq!((r.quantity, r.exact), (dec!(1000000), dec!(0.4)));
        // One 0.5 KB access-log line a request: 1,000,000 × 0.5 ÷ 1,048,576 =
        // 0.476837158203125 GiB × $0.50 = $0.24.
        let l = line(&o, "cloud-logging.storage");
        assert_eq!(
            (l.quantity, l.amount),
            (dec!(0.476837158203125), dec!(0.24))
        );
        assert_eq!(o.monthly, dec!(8.22));
        assert_eq!(derived(&o, "Cloud Run billing"), "request-based");
        assert_eq!(derived(&o, "Google Cloud region"), "us-central1");
    }

    #[test]
    fn warm_instances_are_said_to_be_left_out_only_when_asked_for_or_needed() {
        let has = |o: &CostOption, q: &str| o.derivations.iter().any(|d| d.quantity == q);
        // An HTTP API keeps two tasks by default on a container service, but nobody asked
        // Cloud Run for minimum instances and a 50 MB Node package starts well inside 1 s.
        let plain = workload(
            "gcp",
            false,
            "    kind: http-api\n    traffic: { requests_per_month: 1000000 }\n    latency_p99_ms: 1000\n",
        );
        let o = priced(&plain, &Pricing::embedded(), Placement::CloudRun).unwrap();
        assert!(
            !has(&o, "Cloud Run minimum instances"),
            "{:#?}",
            o.derivations
        );
        assert!(!has(&o, "Cloud Run warm instances"), "{:#?}", o.derivations);
        // Given minimum instances are named, and their idle time said to be left out.
        let given = workload(
            "gcp",
            false,
            "    kind: http-api\n    traffic: { requests_per_month: 1000000 }\n    container: { min_tasks: 3 }\n",
        );
        let o = priced(&given, &Pricing::embedded(), Placement::CloudRun).unwrap();
        assert_eq!(derived(&o, "Cloud Run minimum instances"), "3");
        // A 1.89 GB model with a 200 ms target needs a warm instance: the bill says its idle
        // time is not in the price.
        let model = workload(
            "gcp",
            false,
            "    kind: ml-inference\n    traffic: { requests_per_month: 2000000 }\n    duration_ms: 150\n    memory_mb: 4096\n    runtime: python\n    package_mb: 1890\n    latency_p99_ms: 200\n",
        );
        let o = priced(&model, &Pricing::embedded(), Placement::CloudRun).unwrap();
        assert_eq!(derived(&o, "Cloud Run warm instances"), "not included");
        let how = &o
            .derivations
            .iter()
            .find(|d| d.quantity == "Cloud Run warm instances")
            .unwrap()
            .how;
        assert!(how.contains("p99 target of 200 ms"), "{how}");
    }

    /// The embedded catalog with instance-based prices, for the mode choice only. These
    /// are a test's round figures, not Google's (the catalog leaves instance-based billing
    /// out until its prices are read from Google's page).
    fn with_instance_based() -> Pricing {
        let mut p = Pricing::embedded();
        let price = |usd: Decimal, per: &str| Price {
            usd: Dec(usd),
            per: per.into(),
            source: "a test's figure".into(),
            as_of: "2026-12-01".into(),
        };
        let none = |per: &str| Allowance {
            quantity: Dec(Decimal::ZERO),
            per: per.into(),
            source: "a test's figure".into(),
            as_of: "2026-12-01".into(),
        };
        let g = p.regions[0].gcp.as_mut().unwrap();
        g.cloud_run.instance_based = Some(CloudRunInstancePrices {
            vcpu_second: price(dec!(0.00001), "vCPU-second"),
            gib_second: price(dec!(0.000001), "GiB-second"),
            free_vcpu_seconds: none("vCPU-seconds a month"),
            free_gib_seconds: none("GiB-seconds a month"),
        });
        p
    }

    #[test]
    fn the_billing_mode_is_the_cheaper_one() {
        let service = |requests: &str| {
            let w = workload(
                "gcp",
                false,
                &format!(
                    "    kind: http-api\n    traffic: {{ requests_per_month: {requests}, shape: steady }}\n    duration_ms: 1000\n    memory_mb: 512\n    container: {{ tasks: 1 }}\n"
                ),
            );
            priced(&w, &with_instance_based(), Placement::CloudRun).unwrap()
        };
        // Sporadic: 1,000 requests of 1 s. Request-based: 1,000 vCPU-s × $0.000024 =
        // $0.024, 500 GiB-s × $0.0000025 = $0.00125, requests $0.0004: $0.03 in cents.
        // Instance-based: one instance all month, 2,628,000 s × $0.00001 = $26.28 and
        // 1,314,000 GiB-s × $0.000001 = $1.314. Request-based wins.
        let quiet = service("1000");
        assert_eq!(derived(&quiet, "Cloud Run billing"), "request-based");
        assert!(quiet.lines.iter().all(|l| !l.id.contains("instance")));
        // Busy all month: 2,628,000 requests of 1 s on one instance keep it serving the
        // whole 2,628,000 s. Request-based: $63.072 + $3.285 + $1.0512; instance-based:
        // $26.28 + $1.314, and no request fee. Instance-based wins.
        let busy = service("2628000");
        assert_eq!(derived(&busy, "Cloud Run billing"), "instance-based");
        let v = line(&busy, "cloudrun.instance-vcpu");
        assert_eq!((v.quantity, v.exact), (dec!(2628000), dec!(26.28)));
        let m = line(&busy, "cloudrun.instance-memory");
        assert_eq!((m.quantity, m.exact), (dec!(1314000), dec!(1.314)));
        assert!(busy.lines.iter().all(|l| l.id != "cloudrun.requests"));
    }

    #[test]
    fn what_cannot_be_priced_says_why() {
        let batch = workload(
            "gcp",
            true,
            "    kind: batch\n    traffic: { requests_per_month: 30 }\n    duration_ms: 60000\n",
        );
        let jobs = priced(&batch, &Pricing::embedded(), Placement::CloudRunJobs).unwrap_err();
        assert!(jobs.contains("instance-based prices"), "{jobs}");
        // With instance-based prices the same batch is priced as a job.
        let o = priced(&batch, &with_instance_based(), Placement::CloudRunJobs).unwrap();
        assert!(o.lines.iter().any(|l| l.id == "cloudrun-jobs.vcpu"));
        let gke = priced(&batch, &Pricing::embedded(), Placement::GkeAutopilot).unwrap_err();
        assert!(gke.contains("could not be verified"), "{gke}");
        let flow = workload(
            "gcp",
            true,
            "    kind: workflow\n    traffic: { requests_per_month: 1000 }\n",
        );
        let run = priced(&flow, &Pricing::embedded(), Placement::CloudRun).unwrap_err();
        assert!(run.contains("Cloud Workflows"), "{run}");
        let gpu = workload(
            "gcp",
            true,
            "    kind: ml-inference\n    traffic: { requests_per_month: 1000 }\n    gpu: inference\n",
        );
        let run = priced(&gpu, &Pricing::embedded(), Placement::CloudRun).unwrap_err();
        assert!(run.contains("GPU"), "{run}");
    }

    #[test]
    fn the_providers_decide_which_placements_are_priced() {
        let offered = |providers: &str| -> Vec<Placement> {
            let w = workload(
                providers,
                true,
                "    kind: http-api\n    traffic: { requests_per_month: 1000 }\n",
            );
            cost_workload(&w, &Pricing::embedded()).unwrap().components[0]
                .options
                .iter()
                .map(Priced::placement)
                .collect()
        };
        let aws = offered("aws");
        assert_eq!(
            aws,
            Placement::offered_to(&[Provider::Aws]).collect::<Vec<_>>()
        );
        assert!(aws.iter().all(|p| p.provider() != Some(Provider::Gcp)));
        let gcp = offered("gcp");
        assert_eq!(
            gcp,
            [
                Placement::CloudflareWorkers,
                Placement::CloudRun,
                Placement::CloudRunJobs,
                Placement::CloudRunFunctions,
                Placement::GkeAutopilot,
                // Third-party services are offered whatever the cloud.
                Placement::Modal,
                Placement::Replicate,
                Placement::TemporalCloud,
            ]
        );
        assert_eq!(offered("aws, gcp").len(), Placement::ALL.len());
    }

    #[test]
    fn azure_and_unknown_providers_are_refused_with_reasons() {
        let e = load_str(
            "t.yaml",
            "name: t\nproviders: [azure]\ncomponents:\n  - { name: c, kind: worker }\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("no Azure placements yet"), "{e}");
        let e = load_str(
            "t.yaml",
            "name: t\nproviders: [gpc]\ncomponents:\n  - { name: c, kind: worker }\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("gcp"), "{e}");
        assert!(crate::placement::parse_providers("aws,gcp").is_ok());
        let e = crate::placement::parse_providers("aws,gpc").unwrap_err();
        assert!(
            e.contains("unknown provider `gpc`: expected aws, gcp"),
            "{e}"
        );
        let e = crate::placement::parse_providers("gc").unwrap_err();
        assert!(e.contains("did you mean `gcp`"), "{e}");
        let e = crate::placement::parse_providers("azure").unwrap_err();
        assert!(e.contains("no Azure placements yet"), "{e}");
    }
}
