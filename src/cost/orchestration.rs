//! Pay-per-use placements beyond functions: Step Functions and serverless GPU APIs.

use rust_decimal::Decimal;
use rust_decimal::dec;

use super::money::prod;
use super::{Bill, Ctx, Outcome, qty};
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
            qty(execs),
            qty(cx.c.state_transitions)
        )
    } else {
        format!(
            "max(0, {} executions × {} transitions − {} free)",
            qty(execs),
            qty(cx.c.state_transitions),
            qty(free)
        )
    };
    b.line(
        "Step Functions state transitions",
        billable,
        "transition",
        s.standard_transition.usd.0,
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
    b.line(
        "Step Functions Express executions",
        execs,
        "execution",
        s.express_requests.usd.0,
        "",
    )?;
    // The workflow's own state is small: Express bills it in 64 MB steps, one step here.
    let step_gb = s.express_memory_step_mb.quantity.0 / dec!(1024);
    let gb_hours = prod("Express GB-hours", &[execs, cx.duration_s(), step_gb])? / dec!(3600);
    let how = format!(
        "{} executions × {} s × {} GB ÷ 3,600",
        qty(execs),
        qty(cx.duration_s()),
        qty(step_gb)
    );
    b.tiered(
        "Step Functions Express duration",
        gb_hours,
        "GB-hour",
        &s.express_duration_gb_hour,
        &how,
    )?;
    Ok(Ok(()))
}

pub fn serverless_gpu(cx: &Ctx, b: &mut Bill) -> Outcome {
    if cx.c.gpu == Gpu::None {
        return Ok(Err("the component needs no GPU".into()));
    }
    let (runs, secs) = match &cx.c.schedule {
        Some(s) => (s.runs_per_month, s.run_seconds),
        None => (cx.c.requests_per_month, cx.duration_s()),
    };
    let q = prod("GPU-seconds", &[runs, secs])?;
    b.line(
        "Serverless GPU time",
        q,
        "GPU-second",
        cx.r.serverless_gpu.gpu_second.usd.0,
        &format!("{} runs × {} s", qty(runs.round_dp(4)), qty(secs)),
    )?;
    Ok(Ok(()))
}
