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
    let g = &cx.r.serverless_gpu;
    gpu_time(
        cx,
        b,
        GpuBilling {
            id: "serverless-gpu.seconds",
            item: "Serverless GPU time",
            price: &g.gpu_second,
            idle_s: g.idle_window_s.quantity.0,
            always_up: None,
        },
    )
}

/// How a serverless GPU provider bills a component's GPU time.
pub(crate) struct GpuBilling<'a> {
    pub id: &'static str,
    pub item: &'a str,
    pub price: &'a super::catalog::Price,
    /// Seconds a container stays up (billed) after its last request.
    pub idle_s: Decimal,
    /// Why one container is billed all month whatever the latency target, if it is.
    pub always_up: Option<&'a str>,
}

/// Seconds of GPU a component bills on a serverless GPU: busy time, model loads on every
/// scale-up, the idle window before it scales down — or one container all month.
pub(crate) fn gpu_time(cx: &Ctx, b: &mut Bill, bill: GpuBilling) -> Outcome {
    let c = cx.c;
    if c.gpu == Gpu::None {
        return Ok(Err("the component needs no GPU".into()));
    }
    let GpuBilling {
        id,
        item,
        price,
        idle_s: idle,
        always_up,
    } = bill;
    let load_s = capacity::startup_s(cx);
    if let (Some(s), None) = (&c.schedule, always_up) {
        // A run on a timetable: the container starts, loads and runs once.
        let secs = s.run_seconds + load_s;
        let q = prod("GPU-seconds", &[s.runs_per_month, secs])?;
        return b
            .line(
                id,
                item,
                q,
                "GPU-second",
                price,
                &format!(
                    "{} runs × ({} s + {} s to load)",
                    Qty(s.runs_per_month.round_dp(4)),
                    Qty(s.run_seconds),
                    Qty(load_s)
                ),
            )
            .map(Ok);
    }
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
        _ if always_up.is_some() => {
            b.mitigate(always_up.unwrap_or_default().to_string());
            true
        }
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
    charge!(b, id, item, seconds.round_dp(3), "GPU-second", price, "",)?;
    Ok(Ok(()))
}

/// The GPU a component runs on at a serverless GPU provider: the one it names, else the
/// A10 (24 GB) the generic serverless GPU is priced at.
fn gpu_model(cx: &Ctx) -> crate::workload::GpuModel {
    cx.c.container
        .gpu_model
        .unwrap_or(crate::workload::GpuModel::A10)
}

/// The GPU's price at a provider, or why it has none.
fn provider_price<'a>(
    cx: &Ctx,
    prices: Option<&'a super::catalog::GpuProviderPrices>,
    provider: &str,
) -> Result<&'a super::catalog::Price, String> {
    let Some(p) = prices else {
        return Err(format!("the pricing catalog has no {provider} prices"));
    };
    let gpu = gpu_model(cx);
    p.price(gpu).ok_or_else(|| {
        let listed: Vec<&str> = p.per_gpu.iter().map(|g| g.gpu.as_str()).collect();
        format!(
            "{provider} lists no {gpu} GPU (it lists {}){}: name one in container.gpu_model to price it",
            listed.join(", "),
            if cx.c.container.gpu_model.is_none() {
                "; the A10 is assumed when container.gpu_model is not given"
            } else {
                ""
            }
        )
    })
}

/// Modal: per second a container is up, as the generic serverless GPU (busy time, a
/// model load per cold start, the idle window before scale-down), at the price of the
/// GPU the component names.
pub fn modal(cx: &Ctx, b: &mut Bill) -> Outcome {
    if cx.c.gpu == Gpu::None {
        return Ok(Err("the component needs no GPU".into()));
    }
    let price = match provider_price(cx, cx.r.modal.as_ref(), "Modal") {
        Ok(p) => p,
        Err(e) => return Ok(Err(e)),
    };
    let item = text!(b, "Modal GPU time ({})", gpu_model(cx));
    gpu_time(
        cx,
        b,
        GpuBilling {
            id: "modal.gpu-seconds",
            item: &item,
            price,
            idle_s: cx.r.serverless_gpu.idle_window_s.quantity.0,
            always_up: None,
        },
    )
}

/// Replicate: a private model (the component's own) is billed for all the time its
/// instances are online — setting up, idle and active. The idle time before it scales
/// down is not on the pages read, so the deployment is priced kept at one instance all
/// month (more while the load needs more).
pub fn replicate(cx: &Ctx, b: &mut Bill) -> Outcome {
    if cx.c.gpu == Gpu::None {
        return Ok(Err("the component needs no GPU".into()));
    }
    let price = match provider_price(cx, cx.r.replicate.as_ref(), "Replicate") {
        Ok(p) => p,
        Err(e) => return Ok(Err(e)),
    };
    let item = text!(b, "Replicate GPU time ({})", gpu_model(cx));
    let why = text!(
        b,
        "priced as a deployment kept at one instance all month: Replicate bills a private model for all the time its instances are online (setup, idle and active; replicate.com/docs/billing), and how long an idle instance stays up is not published on the pages read"
    );
    gpu_time(
        cx,
        b,
        GpuBilling {
            id: "replicate.gpu-seconds",
            item: &item,
            price,
            idle_s: Decimal::ZERO,
            always_up: Some(&why),
        },
    )
}

#[cfg(test)]
mod tests {
    //! Modal and Replicate at the GPU the component names. Neither publishes a worked
    //! example, so each figure's arithmetic is written out.

    use rust_decimal::Decimal;
    use rust_decimal::dec;

    use crate::cost::{Priced, Pricing, cost_workload};
    use crate::placement::Placement;

    fn priced(yaml: &str, p: Placement) -> Priced {
        let (w, _) = crate::workload::load_str("t.yaml", yaml).unwrap();
        let c = cost_workload(&w, &Pricing::embedded()).unwrap();
        c.components[0]
            .options
            .iter()
            .find(|o| o.placement() == p)
            .unwrap()
            .clone()
    }

    fn gpu_line(o: &Priced, id: &str) -> (Decimal, Decimal) {
        let l = o
            .option()
            .unwrap_or_else(|| panic!("{o:?}"))
            .lines
            .iter()
            .find(|l| l.id == id)
            .unwrap();
        (l.quantity, l.amount)
    }

    const TRAINING: &str = "name: t\ncomponents:\n  - name: c\n    kind: ml-training\n    gpu: training\n    schedule: { runs_per_month: 4.35, run_seconds: 21600 }\n    package_mb: 4000\n";

    /// A run on a timetable on Modal: 4.35 runs × (21,600 s + 22 s to load, 2 s + 4,000 MB
    /// ÷ 200) = 94,055.7 GPU-seconds; on the T4 × $0.000164 = $15.4251348 → $15.43; on the
    /// A10 assumed when none is named × $0.000306 = $28.7810442 → $28.78, the generic
    /// serverless GPU's own figure.
    #[test]
    fn modal_prices_the_named_gpu_per_second() {
        let t4 = TRAINING.replace("package_mb", "container: { gpu_model: t4 }\n    package_mb");
        let o = priced(&t4, Placement::Modal);
        assert_eq!(
            gpu_line(&o, "modal.gpu-seconds"),
            (dec!(94055.7), dec!(15.43))
        );
        let a10 = priced(TRAINING, Placement::Modal);
        assert_eq!(
            gpu_line(&a10, "modal.gpu-seconds"),
            (dec!(94055.7), dec!(28.78))
        );
        let generic = priced(TRAINING, Placement::ServerlessGpu);
        assert_eq!(
            gpu_line(&generic, "serverless-gpu.seconds"),
            gpu_line(&a10, "modal.gpu-seconds")
        );
    }

    /// Replicate bills a private model for all its online time: one instance all month,
    /// 730 h × 3,600 = 2,628,000 s × $0.000225 (T4) = $591.30, however light the load; a
    /// load of two GPUs' worth (2 req/s steady at 1 req/s a GPU) bills 5,256,000 s × $0.000225
    /// = $1,182.60. Without a GPU named, the A10 it does not list leaves it unpriced.
    #[test]
    fn replicate_bills_a_deployment_kept_up() {
        let light = "name: t\ncomponents:\n  - name: c\n    kind: ml-inference\n    gpu: inference\n    traffic: { requests_per_month: 1000, shape: steady }\n    duration_ms: 400\n    container: { gpu_model: t4 }\n";
        let o = priced(light, Placement::Replicate);
        assert_eq!(
            gpu_line(&o, "replicate.gpu-seconds"),
            (dec!(2628000), dec!(591.30))
        );
        let busy = light
            .replace("requests_per_month: 1000", "requests_per_month: 5256000")
            .replace("gpu_model: t4", "gpu_model: t4, rps_per_gpu: 1");
        let o = priced(&busy, Placement::Replicate);
        assert_eq!(
            gpu_line(&o, "replicate.gpu-seconds"),
            (dec!(5256000), dec!(1182.60))
        );
        let unnamed = light.replace("    container: { gpu_model: t4 }\n", "");
        match priced(&unnamed, Placement::Replicate) {
            Priced::NotPriced { reason, .. } => {
                assert!(reason.contains("lists no a10"), "{reason}")
            }
            Priced::Priced(_) => panic!("Replicate priced an A10 it does not list"),
        }
    }
}
