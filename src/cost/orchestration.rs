//! Pay-per-use placements beyond functions: Step Functions and serverless GPU APIs.

use crate::cost::{charge, charge_tiered, derivation, text};
use rust_decimal::Decimal;
use rust_decimal::dec;

use super::money::prod;
use super::{Bill, Ctx, Figure, Outcome, Qty, capacity, cents, latency};
use crate::cost::money::RoundEven;
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
                    Qty(s.runs_per_month.round_even(4)),
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
    let (segments, day_how) = cx.day(b.words);
    let mut up = Decimal::ZERO;
    let mut spells = Decimal::ZERO;
    for sgm in segments {
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
                Qty((cold_share * dec!(100)).round_even(2)),
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
                Qty(busy.round_even(1))
            ),
        )
    } else {
        let loads = prod("model-load seconds", &[spells, load_s])?;
        (
            up + loads,
            format!(
                "{} s up ({} busy GPU-seconds at {} req/s a GPU, kept up {} s after the last request through {day_how}) + {} cold starts × {} s model load",
                Qty(up.round_even(1)),
                Qty(busy.round_even(1)),
                Qty(per_gpu.round_even(3)),
                Qty(idle),
                Qty(spells.round_even(1)),
                Qty(load_s)
            ),
        )
    };
    derivation!(
        b,
        "GPU-seconds",
        Figure::count(seconds.round_even(1), "GPU-second"),
        how,
    );
    charge!(b, id, item, seconds.round_even(3), "GPU-second", price, "",)?;
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

/// The Temporal Cloud plan a bill is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TemporalPlan {
    /// No base fee; every Action at the Developer price; the plan is 10% of usage.
    Developer,
    /// Volume prices beyond the included Actions; the plan is the greater of the minimum
    /// or 10% of usage.
    Business,
}

/// The Business plan's charge for `consumption` (Actions and Storage spend): the greater
/// of the monthly minimum or the plan's share of it.
pub(crate) fn business_plan_fee(
    t: &super::catalog::TemporalCloudPrices,
    consumption: Decimal,
) -> Result<Decimal, super::Overflow> {
    let share = prod(
        "the plan's share",
        &[consumption, t.plan_usage_fraction.quantity.0],
    )?;
    Ok(share.max(t.business_minimum.usd.0))
}

/// Actions billed on a plan: all of them on Developer, those past the allocation on Business.
fn temporal_billable(
    t: &super::catalog::TemporalCloudPrices,
    plan: TemporalPlan,
    actions: Decimal,
) -> Decimal {
    match plan {
        TemporalPlan::Developer => actions,
        TemporalPlan::Business => {
            (actions - t.business_included_actions.quantity.0).max(Decimal::ZERO)
        }
    }
}

/// The month on a plan: (Actions spend, plan charge); `None` for Business past the Actions
/// its page prices.
pub(crate) fn temporal_month(
    t: &super::catalog::TemporalCloudPrices,
    plan: TemporalPlan,
    actions: Decimal,
) -> Result<Option<(Decimal, Decimal)>, super::Overflow> {
    let billable = temporal_billable(t, plan, actions);
    match plan {
        TemporalPlan::Developer => {
            let spend = prod("Temporal Actions", &[billable, t.developer_action.usd.0])?;
            let fee = prod(
                "the plan's share",
                &[spend, t.plan_usage_fraction.quantity.0],
            )?;
            Ok(Some((spend, fee)))
        }
        TemporalPlan::Business => {
            if actions > t.business_max_actions.quantity.0 {
                return Ok(None);
            }
            let mut spend = Decimal::ZERO;
            for (q, price) in t.business_actions.split(billable) {
                spend = super::money::sum(
                    "Temporal Actions",
                    [spend, prod("Temporal Actions", &[q, price])?],
                )?;
            }
            Ok(Some((spend, business_plan_fee(t, spend)?)))
        }
    }
}

/// Writes a Temporal Cloud bill on `plan` for `actions` a month.
pub(crate) fn charge_temporal(
    b: &mut Bill,
    t: &super::catalog::TemporalCloudPrices,
    plan: TemporalPlan,
    actions: Decimal,
    how: &str,
) -> Result<(), super::Overflow> {
    let Some((spend, fee)) = temporal_month(t, plan, actions)? else {
        return Ok(());
    };
    let billable = temporal_billable(t, plan, actions);
    match plan {
        TemporalPlan::Developer => charge!(
            b,
            "temporal.actions",
            "Temporal Cloud Actions (Developer plan)",
            billable,
            "Action",
            &t.developer_action,
            how,
        )?,
        TemporalPlan::Business => {
            let how = text!(
                b,
                "max(0, {how} − {} included)",
                Qty(t.business_included_actions.quantity.0)
            );
            charge_tiered!(
                b,
                "temporal.actions",
                "Temporal Cloud Actions (Business plan)",
                billable,
                "Action",
                &t.business_actions,
                &how,
            )?
        }
    }
    let f = &t.plan_usage_fraction;
    let (item, source) = match plan {
        TemporalPlan::Developer => (
            text!(
                b,
                "Temporal Cloud Developer plan ({} × ${} of Actions)",
                Qty(f.quantity.0),
                spend.round_even(2)
            ),
            f.source.clone(),
        ),
        TemporalPlan::Business => (
            text!(
                b,
                "Temporal Cloud Business plan (the greater of ${} or {} × ${} of Actions)",
                Qty(t.business_minimum.usd.0),
                Qty(f.quantity.0),
                spend.round_even(2)
            ),
            t.business_minimum.source.clone(),
        ),
    };
    let price = super::catalog::Price {
        usd: crate::input::Dec(fee),
        per: "month".into(),
        source,
        as_of: f.as_of.clone(),
    };
    charge!(b, "temporal.plan", item, Decimal::ONE, "month", &price, "")
}

/// Temporal Cloud for a workflow: one Action to start each execution and one per step
/// (its state transitions stand in for the steps), on the cheaper of the Developer and
/// Business plans; storage is left out (the workload gives no history size).
pub fn temporal_cloud(cx: &Ctx, b: &mut Bill) -> Outcome {
    let c = cx.c;
    if !(c.kind == Kind::Workflow || c.state == State::DurableWorkflow) {
        return Ok(Err(format!(
            "Temporal Cloud runs durable workflows; a {} component is not one",
            c.kind
        )));
    }
    let Some(t) = &cx.r.temporal_cloud else {
        return Ok(Err(
            "the pricing catalog has no Temporal Cloud prices".into()
        ));
    };
    let execs = c.requests_per_month;
    let actions = prod(
        "Temporal Actions",
        &[execs, Decimal::ONE + c.state_transitions],
    )?;
    let dev = temporal_month(t, TemporalPlan::Developer, actions)?;
    let biz = temporal_month(t, TemporalPlan::Business, actions)?;
    let total = |m: Option<(Decimal, Decimal)>| m.map(|(a, p)| cents(a) + cents(p));
    let plan = match (total(dev), total(biz)) {
        (Some(d), Some(bz)) if bz < d => TemporalPlan::Business,
        _ => TemporalPlan::Developer,
    };
    let how = text!(
        b,
        "{} executions × (1 start + {} steps)",
        Qty(execs),
        Qty(c.state_transitions)
    );
    derivation!(
        b,
        "Temporal Cloud plan",
        match plan {
            TemporalPlan::Developer => "Developer",
            TemporalPlan::Business => "Business",
        },
        format!(
            "the cheaper for {} Actions a month: Developer ${} (every Action at $50 per million, plus 10%){}; Actions count one to start each execution and one per step (state_transitions stands in for the steps; heartbeats, signals, timers and retries are Actions too and are left out); storage ($0.042 per active GBh, $0.00105 per retained GBh) is left out: the workload gives no history size, and Business includes 2.5 GB active and 100 GB retained",
            Qty(actions),
            total(dev).unwrap_or_default(),
            match total(biz) {
                Some(v) => format!(
                    ", Business ${v} (volume prices past 2.5M included Actions; the greater of $500 or 10%)"
                ),
                None => ", Business not priced past 200M Actions (contact sales)".into(),
            }
        ),
    );
    charge_temporal(b, t, plan, actions, &how)?;
    Ok(Ok(()))
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

    fn temporal() -> crate::cost::catalog::TemporalCloudPrices {
        Pricing::embedded().regions[0]
            .temporal_cloud
            .clone()
            .unwrap()
    }

    /// docs.temporal.io/cloud/pricing (read 2026-12-01), 'Action pricing' example: 11.25M
    /// Actions past the Business allocation = 5M × $50/M ($250) + 5M × $45/M ($225) + 1.25M
    /// × $40/M ($50) = $525. With the 2.5M included, 13.75M Actions a month bill those;
    /// the plan is the greater of $500 or 10% × $525 = $52.50: $500.
    #[test]
    fn temporal_business_matches_the_action_pricing_example() {
        use super::{TemporalPlan, charge_temporal};
        let t = temporal();
        let mut b = crate::cost::Bill::default();
        charge_temporal(&mut b, &t, TemporalPlan::Business, dec!(13_750_000), "").unwrap();
        let amounts: Vec<(&str, Decimal)> = b.lines.iter().map(|l| (l.id, l.amount)).collect();
        assert_eq!(
            amounts,
            [
                ("temporal.actions", dec!(250.00)),
                ("temporal.actions.tier2", dec!(225.00)),
                ("temporal.actions.tier3", dec!(50.00)),
                ("temporal.plan", dec!(500.00)),
            ]
        );
    }

    /// 'Temporal Cloud Plan pricing' example: Business with $6,000 of monthly spend →
    /// greater of $500 or 10% × $6,000 = $600; at $5,000 it is $500, at $4,999.99 still $500.
    /// 'Storage pricing' example: 720 GBh active × $0.042 = $30.24, 3,600 GBh retained ×
    /// $0.00105 = $3.78, $34.02 in all (archway's bills leave storage out; the prices are
    /// the page's).
    #[test]
    fn temporal_plan_and_storage_match_the_page_examples() {
        let t = temporal();
        assert_eq!(super::business_plan_fee(&t, dec!(6000)).unwrap(), dec!(600));
        assert_eq!(super::business_plan_fee(&t, dec!(5000)).unwrap(), dec!(500));
        assert_eq!(
            super::business_plan_fee(&t, dec!(4999.99)).unwrap(),
            dec!(500)
        );
        let active = dec!(720) * t.active_storage_gbh.usd.0;
        let retained = dec!(3600) * t.retained_storage_gbh.usd.0;
        assert_eq!((active, retained), (dec!(30.24), dec!(3.78)));
        assert_eq!(active + retained, dec!(34.02));
    }

    /// A workflow's bill picks the cheaper plan. 10,000 executions × (1 + 12 steps) =
    /// 130,000 Actions: Developer 130,000 × $0.00005 = $6.50 + 10% = $7.15, Business $500
    /// (inside its 2.5M) → Developer. 20,000,000 executions × 10 Actions = 200M Actions:
    /// Developer $10,000 + $1,000 = $11,000; Business past 2.5M: $250 + $225 + $400 +
    /// $1,050 + $1,500 + 97.5M × $25/M ($2,437.50) = $5,862.50, plan 10% = $586.25, $6,448.75
    /// → Business. Past 200M (100,000,001 executions × 2 = 200,000,002 Actions) Business is
    /// beyond its published prices: Developer, 200,000,002 × $0.00005 = $10,000.0001 →
    /// $10,000.00, plan $1,000.00001 → $1,000.00.
    #[test]
    fn temporal_picks_the_cheaper_plan() {
        let wf = |execs: &str, steps: &str| {
            format!(
                "name: t\ncomponents:\n  - name: c\n    kind: workflow\n    traffic: {{ requests_per_month: {execs} }}\n    workflow: {{ state_transitions: {steps} }}\n"
            )
        };
        let total = |o: &Priced| o.option().unwrap().monthly;
        let small = priced(&wf("10000", "12"), Placement::TemporalCloud);
        assert_eq!(total(&small), dec!(7.15));
        let big = priced(&wf("20000000", "9"), Placement::TemporalCloud);
        assert_eq!(total(&big), dec!(6448.75));
        assert_eq!(
            big.option().unwrap().lines.last().unwrap().amount,
            dec!(586.25)
        );
        let past = priced(&wf("100000001", "1"), Placement::TemporalCloud);
        assert_eq!(total(&past), dec!(11000.00));
        assert!(past.option().unwrap().lines[0].item.contains("Developer"));
    }
}
