//! Pay-per-use placements beyond functions: Step Functions and serverless GPU APIs.

use crate::cost::{charge, charge_tiered, derivation, text};
use rust_decimal::Decimal;
use rust_decimal::dec;

use super::money::prod;
use super::{Bill, Ctx, Figure, Outcome, Qty, capacity, latency};
use crate::workload::{Gpu, Kind, State};

fn is_workflow(cx: &Ctx) -> Result<(), String> {
    if cx.c.kind == Kind::Workflow || cx.c.state == State::DurableWorkflow {
        Ok(())
    } else {
        Err(format!(
            "Step Functions orchestrate workflows; a {} component is not one",
            cx.c.kind
        ))
    }
}

pub fn standard(cx: &Ctx, b: &mut Bill) -> Outcome {
    if let Err(e) = is_workflow(cx) {
        return Ok(Err(e));
    }
    let s = &cx.r.step_functions;
    let execs = cx.c.requests_per_month;
    let transitions = prod("state transitions", &[execs, cx.c.state_transitions])?;
    let free = if cx.free_tier {
        s.standard_free_transitions.quantity.0
    } else {
        Decimal::ZERO
    };
    let billable = (transitions - free).max(Decimal::ZERO);
    let how = if free.is_zero() {
        format!(
            "{} executions × {} transitions",
            Qty(execs),
            Qty(cx.c.state_transitions)
        )
    } else {
        format!(
            "max(0, {} executions × {} transitions − {} free)",
            Qty(execs),
            Qty(cx.c.state_transitions),
            Qty(free)
        )
    };
    charge!(
        b,
        "stepfunctions.transitions",
        "Step Functions state transitions",
        billable,
        "transition",
        &s.standard_transition,
        &how,
    )?;
    Ok(Ok(()))
}

pub fn express(cx: &Ctx, b: &mut Bill) -> Outcome {
    if let Err(e) = is_workflow(cx) {
        return Ok(Err(e));
    }
    let s = &cx.r.step_functions;
    let execs = cx.c.requests_per_month;
    charge!(
        b,
        "stepfunctions.express.requests",
        "Step Functions Express executions",
        execs,
        "execution",
        &s.express_requests,
        "",
    )?;
    // The workflow's own state is small: Express bills it in 64 MB steps, one step here.
    let step_gb = s.express_memory_step_mb.quantity.0 / dec!(1024);
    let gb_hours = prod("Express GB-hours", &[execs, cx.duration_s(), step_gb])? / dec!(3600);
    let how = text!(
        b,
        "{} executions × {} s × {} GB ÷ 3,600",
        Qty(execs),
        Qty(cx.duration_s()),
        Qty(step_gb)
    );
    charge_tiered!(
        b,
        "stepfunctions.express.duration",
        "Step Functions Express duration",
        gb_hours,
        "GB-hour",
        &s.express_duration_gb_hour,
        &how,
    )?;
    Ok(Ok(()))
}

/// A hosted serverless GPU: billed per second a container is up — busy time, model
/// loads on every scale-up, the idle window before it scales down — plus a container
/// kept warm all month when cold starts would break the latency target.
pub fn serverless_gpu(cx: &Ctx, b: &mut Bill) -> Outcome {
    let c = cx.c;
    if c.gpu == Gpu::None {
        return Ok(Err("the component needs no GPU".into()));
    }
    let g = &cx.r.serverless_gpu;
    let load_s = capacity::startup_s(cx);
    if let Some(s) = &c.schedule {
        // A run on a timetable: the container starts, loads and runs once.
        let secs = s.run_seconds + load_s;
        let q = prod("GPU-seconds", &[s.runs_per_month, secs])?;
        return b
            .line(
                "serverless-gpu.seconds",
                "Serverless GPU time",
                q,
                "GPU-second",
                &g.gpu_second,
                &format!(
                    "{} runs × ({} s + {} s to load)",
                    Qty(s.runs_per_month.round_dp(4)),
                    Qty(s.run_seconds),
                    Qty(load_s)
                ),
            )
            .map(Ok);
    }
    let idle = g.idle_window_s.quantity.0;
    let d = cx.duration_s();
    let per_gpu = match c.container.rps_per_gpu {
        Some(r) => r,
        None => Decimal::ONE / d,
    };
    let busy = c.requests_per_month / per_gpu;
    // Requests arriving at random keep a container up while they come within the idle
    // window of each other; each spell after a quiet gap starts with a model load.
    let (segments, day_how) = capacity::day(c, cx.hours, b.words);
    let mut up = Decimal::ZERO;
    let mut spells = Decimal::ZERO;
    for sgm in &segments {
        let secs = sgm.hours_per_day * dec!(3600) * cx.days();
        let busy_here = sgm.rps * secs / per_gpu;
        let quiet = latency::exp_neg(sgm.rps * (d + idle));
        up += busy_here.max(secs * (Decimal::ONE - quiet));
        spells += sgm.rps * secs * quiet;
    }
    let cold_share = if c.requests_per_month.is_zero() {
        Decimal::ZERO
    } else {
        spells / c.requests_per_month
    };
    let warm = match c.latency_p99_ms {
        Some(t) if load_s * dec!(1000) > t && cold_share >= latency::P99_TAIL => {
            b.mitigate(format!(
                "priced with one container kept warm all month: {}% of requests would wait for a {} s model load, beyond the {} ms p99",
                Qty((cold_share * dec!(100)).round_dp(2)),
                Qty(load_s),
                Qty(t)
            ));
            true
        }
        _ => false,
    };
    let (seconds, how) = if warm {
        let month = cx.month_seconds();
        (
            up.max(month).max(busy),
            format!(
                "one container all month ({} s), more while {} busy GPU-seconds need them",
                Qty(month),
                Qty(busy.round_dp(1))
            ),
        )
    } else {
        let loads = prod("model-load seconds", &[spells, load_s])?;
        (
            up + loads,
            format!(
                "{} s up ({} busy GPU-seconds at {} req/s a GPU, kept up {} s after the last request through {day_how}) + {} cold starts × {} s model load",
                Qty(up.round_dp(1)),
                Qty(busy.round_dp(1)),
                Qty(per_gpu.round_dp(3)),
                Qty(idle),
                Qty(spells.round_dp(1)),
                Qty(load_s)
            ),
        )
    };
    derivation!(
        b,
        "GPU-seconds",
        Figure::count(seconds.round_dp(1), "GPU-second"),
        how,
    );
    charge!(
        b,
        "serverless-gpu.seconds",
        "Serverless GPU time",
        seconds.round_dp(3),
        "GPU-second",
        &g.gpu_second,
        "",
    )?;
    Ok(Ok(()))
}
