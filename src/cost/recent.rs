//! AWS options new since the seeds: Lambda Managed Instances (a Lambda function on EC2
//! instances Lambda manages, many requests per execution environment) and Fargate Spot
//! (Fargate's spare capacity, interrupted with a two-minute warning).
//!
//! Only prices read on AWS's own pages are in the catalog. Fargate Spot's rates are drawn
//! by the page in the browser and could not be read, so the embedded catalog has none and
//! the placement is listed as not priced, with that reason; a partial catalog may add them.

use crate::cost::{charge, derivation, text};
use crate::workload::key;
use rust_decimal::Decimal;
use rust_decimal::dec;

use super::capacity::{self, Host};
use super::catalog::{Instance, LambdaManagedInstancesPrices, Price};
use super::money::{div, prod, sum};
use super::{Bill, Ctx, Figure, Outcome, Overflow, Qty, container, shared};
use crate::cost::money::RoundEven;
use crate::workload::{Arch, Gpu, Runtime};

/// Why Fargate Spot is not priced when the catalog has no rates for it.
pub const FARGATE_SPOT_UNPRICED: &str = "AWS shows Fargate Spot's rates only in a table its pricing page draws in the browser, which could not be read (aws.amazon.com/fargate/pricing, 2026-12-01); the page says only “up to a 70% discount off the regular Fargate price”, a ceiling and not a price. Add `fargate_spot: { vcpu_hour, gb_hour }` to a partial catalog (--pricing) to price it";

/// ECS on Fargate Spot: the same tasks as Fargate, sized by the same capacity model, at
/// Spot's rates when the catalog has them.
pub fn fargate_spot(cx: &Ctx, b: &mut Bill) -> Outcome {
    if cx.c.gpu != Gpu::None {
        return Ok(Err("Fargate has no GPUs".into()));
    }
    if cx.c.arch == Arch::Arm64 {
        return Ok(Err(
            "Fargate Spot runs Linux tasks on x86_64 only (docs.aws.amazon.com/AmazonECS/latest/userguide/fargate-capacity-providers.html)".into(),
        ));
    }
    let Some(s) = &cx.r.fargate_spot else {
        return Ok(Err(FARGATE_SPOT_UNPRICED.into()));
    };
    let plan = match capacity::plan(cx, Host::Fargate, b)? {
        Ok(p) => p,
        Err(e) => return Ok(Err(e)),
    };
    let task_hours = plan.task_hours();
    let how =
        |what: Decimal, unit: &str| format!("{} × {} {unit}", plan.hours_text("task"), Qty(what));
    let vcpu_h = prod("Fargate Spot vCPU-hours", &[task_hours, plan.task.vcpu])?;
    charge!(
        b,
        "fargate-spot.vcpu",
        "Fargate Spot vCPU",
        vcpu_h,
        "vCPU-hour",
        &s.vcpu_hour,
        &how(plan.task.vcpu, "vCPU"),
    )?;
    let gb_h = prod("Fargate Spot GB-hours", &[task_hours, plan.task.memory_gb])?;
    charge!(
        b,
        "fargate-spot.memory",
        "Fargate Spot memory",
        gb_h,
        "GB-hour",
        &s.gb_hour,
        &how(plan.task.memory_gb, "GB"),
    )?;
    super::container::storage_and_front_door(cx, b, task_hours, &how)
}

/// Concurrent requests one vCPU of an execution environment takes by default for the
/// component's runtime, and whether AWS documents it for that runtime (for the others —
/// Go, Rust on the OS-only runtime, a container — the lowest documented default stands in).
fn concurrency_per_vcpu(m: &LambdaManagedInstancesPrices, runtime: Runtime) -> (Decimal, bool) {
    match runtime {
        Runtime::Node => (m.concurrency_per_vcpu_node.quantity.0, true),
        Runtime::Java => (m.concurrency_per_vcpu_java.quantity.0, true),
        Runtime::Dotnet => (m.concurrency_per_vcpu_dotnet.quantity.0, true),
        Runtime::Python => (m.concurrency_per_vcpu_python.quantity.0, true),
        Runtime::Go | Runtime::Rust | Runtime::Container => {
            let lowest = [
                &m.concurrency_per_vcpu_node,
                &m.concurrency_per_vcpu_java,
                &m.concurrency_per_vcpu_dotnet,
                &m.concurrency_per_vcpu_python,
            ]
            .iter()
            .map(|a| a.quantity.0)
            .min()
            .unwrap_or(Decimal::ONE);
            (lowest, false)
        }
    }
}

/// The instance types Lambda may run the function on: the catalog's general-purpose
/// types (no GPU, not burstable) of the component's architecture with at least `ratio`
/// GiB of memory per vCPU, in the catalog's order.
pub(crate) fn lmi_types(
    ec2: &[Instance],
    arch: Arch,
    ratio: Decimal,
) -> impl Iterator<Item = &Instance> {
    ec2.iter().filter(move |i| {
        i.arch == arch
            && i.gpus.0.is_zero()
            && i.burst_baseline.is_none()
            && ratio
                .checked_mul(i.vcpu.0)
                .is_some_and(|need| i.memory_gb.0 >= need)
    })
}

/// The three charges of Lambda Managed Instances for `instance_hours` of `inst` billed at
/// `hourly` (on demand, or a reservation's rate): the instances, the management fee on
/// the on-demand price whatever the instances are billed at, and the requests.
pub(crate) fn lmi_charges(
    b: &mut Bill,
    m: &LambdaManagedInstancesPrices,
    inst: &Instance,
    hourly: &Price,
    instance_hours: Decimal,
    how_hours: &str,
    requests: Decimal,
) -> Result<(), Overflow> {
    charge!(
        b,
        "lmi.instances",
        format!("Lambda Managed Instances: EC2 {}", inst.kind),
        instance_hours,
        "instance-hour",
        hourly,
        how_hours,
    )?;
    let fraction = m.management_fee_fraction.quantity.0;
    let od = &inst.on_demand_hour;
    let fee = Price {
        usd: crate::input::Dec(prod("the management fee", &[od.usd.0, fraction])?),
        per: text!(
            b,
            "instance-hour ({} × the on-demand ${})",
            Qty(fraction),
            od.usd.0
        ),
        source: text!(
            b,
            "{}; on {}'s on-demand price: {}",
            m.management_fee_fraction.source,
            inst.kind,
            od.source
        ),
        as_of: m.management_fee_fraction.as_of.clone(),
    };
    charge!(
        b,
        "lmi.management-fee",
        format!(
            "Lambda Managed Instances management fee ({} × {}'s on-demand price)",
            Qty(fraction),
            inst.kind
        ),
        instance_hours,
        "instance-hour",
        &fee,
        how_hours,
    )?;
    charge!(
        b,
        "lmi.requests",
        "Lambda Managed Instances requests",
        requests,
        "request",
        &m.requests,
        "",
    )
}

/// Lambda Managed Instances: the instances the load needs hour by hour (at least the
/// minimum Lambda keeps), each vCPU taking the runtime's concurrent requests unless its
/// CPU runs out first, billed at EC2's price plus the management fee, and requests.
pub fn lambda_managed_instances(cx: &Ctx, b: &mut Bill) -> Outcome {
    let c = cx.c;
    let Some(m) = &cx.r.lambda_managed_instances else {
        return Ok(Err(
            "the pricing catalog has no Lambda Managed Instances prices".into(),
        ));
    };
    if c.gpu != Gpu::None {
        return Ok(Err(
            "archway prices Lambda Managed Instances on general-purpose instances only; AWS's documentation read lists no GPU types for it".into(),
        ));
    }
    let lo = m.min_memory_gib_per_vcpu.quantity.0;
    let hi = m.max_memory_gib_per_vcpu.quantity.0;
    let ratio = (c.memory_mb / dec!(1024)).max(lo).min(hi);
    let (per_vcpu, documented) = concurrency_per_vcpu(m, c.runtime);
    let w = capacity::work(cx, b)?;
    let utilisation = if c.is_async() {
        capacity::ASYNC_UTILISATION
    } else {
        capacity::SYNC_UTILISATION
    };
    let min = m.minimum_instances.quantity.0;
    let (segments, day_how) = cx.day(b.words);
    // The vCPUs each stretch of the day needs: the requests in flight at the runtime's
    // concurrency per vCPU, or the CPU at the target utilisation, whichever is more.
    let mut need = Vec::with_capacity(segments.len());
    for s in segments {
        let by_requests = div(
            "vCPUs for the requests in flight",
            prod("requests in flight", &[s.rps, w.duration_s])?,
            per_vcpu,
        )?;
        let by_cpu = div(
            "vCPUs for the CPU",
            prod("CPU-seconds per second", &[s.rps, w.vcpu_s])?,
            utilisation,
        )?;
        let hours = prod("LMI hours", &[s.hours_per_day, cx.days()])?;
        need.push((by_requests.max(by_cpu), hours));
    }
    // Each type's instance-hours; the cheapest month on demand wins (ties: catalog order).
    let mut best: Option<(&Instance, Decimal, Decimal, Decimal)> = None;
    // Types of one size (2, 4, 8 … vCPUs) need the same instances: worked out once a size,
    // with the lowest hourly price of that size so far (a type no cheaper than an earlier
    // one of its size cannot cost less than it, and ties go to the earlier).
    let mut by_size: Vec<(Decimal, Decimal, Decimal, Decimal)> = Vec::with_capacity(4);
    for inst in lmi_types(&cx.r.ec2, c.arch, ratio) {
        let size = inst.vcpu.0;
        let hourly = inst.on_demand_hour.usd.0;
        let (instance_hours, peak) = match by_size.iter_mut().find(|(v, ..)| *v == size) {
            Some((_, _, _, lowest)) if *lowest <= hourly => continue,
            Some((_, h, p, lowest)) => {
                *lowest = hourly;
                (*h, *p)
            }
            None => {
                let mut instance_hours = Decimal::ZERO;
                let mut peak = min;
                for (vcpus, hours) in &need {
                    let n = div("LMI instances", *vcpus, size)?.ceil().max(min);
                    peak = peak.max(n);
                    instance_hours = sum(
                        "LMI instance-hours",
                        [instance_hours, prod("LMI instance-hours", &[n, *hours])?],
                    )?;
                }
                by_size.push((size, instance_hours, peak, hourly));
                (instance_hours, peak)
            }
        };
        let month = prod("LMI instance cost", &[instance_hours, hourly])?;
        if best.is_none_or(|(_, _, _, m)| month < m) {
            best = Some((inst, instance_hours, peak, month));
        }
    }
    let Some((inst, instance_hours, peak_instances, _)) = best else {
        return Ok(Err(format!(
            "the catalog has no {} instance type with {} GiB per vCPU for Lambda Managed Instances",
            c.arch,
            Qty(ratio)
        )));
    };
    let parts: Vec<String> = if b.words {
        need.iter()
            .map(|(vcpus, hours)| {
                format!(
                    "{} × {} h",
                    Qty((*vcpus / inst.vcpu.0).ceil().max(min)),
                    Qty(hours.round_even(4))
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    derivation!(
        b,
        "Lambda Managed Instances",
        Figure::shown(
            peak_instances,
            "instance",
            format!("up to {} × {}", Qty(peak_instances), inst.kind)
        ),
        format!(
            "{} ({} vCPU, {} GB: the {} type whose month costs least, with the {} GiB per vCPU an environment needs, between {} and {}); each vCPU takes {} requests at once{} unless its CPU runs out first ({} vCPU-s a request at {}% utilisation); through {day_how}; at least {} instances (Lambda keeps three for Availability Zone resiliency)",
            inst.kind,
            Qty(inst.vcpu.0),
            Qty(inst.memory_gb.0),
            c.arch,
            Qty(ratio),
            Qty(lo),
            Qty(hi),
            Qty(per_vcpu),
            if documented {
                format!(" (the {} runtime's default)", c.runtime)
            } else {
                format!(
                    " (AWS documents no default for {}: the lowest documented, Python's, stands in)",
                    c.runtime
                )
            },
            Qty(w.vcpu_s),
            Qty(utilisation * dec!(100)),
            Qty(min)
        ),
    );
    let (hourly, _) = container::hourly(cx, inst);
    let how = text!(b, "{}", parts.join(" + "));
    lmi_charges(
        b,
        m,
        inst,
        hourly,
        instance_hours,
        &how,
        c.requests_per_month,
    )?;
    shared::function_front_door(cx, b)?;
    Ok(Ok(()))
}

/// What one month of a durable function comes to, before prices.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DurableMonth {
    pub executions: Decimal,
    /// Invocations per execution: the first and one per resume after a wait (replays).
    pub invocations: Decimal,
    /// Seconds of compute per execution (waits are not billed).
    pub compute_s: Decimal,
    pub memory_gb: Decimal,
    /// Durable operations per execution: the start, each step, each wait.
    pub operations: Decimal,
    /// KB written per execution (1 GB = 1,000,000 KB, as AWS's example counts).
    pub written_kb: Decimal,
    /// Days an execution runs (its data is kept meanwhile) and is kept after it completes.
    pub run_days: Decimal,
    pub retention_days: Decimal,
    /// Days in the month the retention is prorated over.
    pub month_days: Decimal,
}

/// Writes a durable function's month: Lambda's requests and duration (after the free
/// tier when it applies), the durable operations, the data written and the data kept.
pub(crate) fn durable_charges(
    b: &mut Bill,
    l: &super::catalog::LambdaPrices,
    d: &super::catalog::LambdaDurablePrices,
    arch: Arch,
    free_tier: bool,
    m: &DurableMonth,
) -> Result<(), Overflow> {
    let requests = prod("durable invocations", &[m.executions, m.invocations])?;
    let free_req = if free_tier {
        l.free_requests.quantity.0
    } else {
        Decimal::ZERO
    };
    charge!(
        b,
        "lambda.requests",
        "Lambda requests (each resume after a wait is one)",
        (requests - free_req).max(Decimal::ZERO),
        "request",
        &l.requests,
        &format!(
            "max(0, {} executions × {} invocations − {} free)",
            Qty(m.executions),
            Qty(m.invocations),
            Qty(free_req)
        ),
    )?;
    let gbs = prod(
        "durable GB-seconds",
        &[m.executions, m.compute_s, m.memory_gb],
    )?;
    let free_gbs = if free_tier {
        l.free_gb_seconds.quantity.0
    } else {
        Decimal::ZERO
    };
    let how = text!(
        b,
        "max(0, {} executions × {} s × {} GB − {} free)",
        Qty(m.executions),
        Qty(m.compute_s),
        Qty(m.memory_gb),
        Qty(free_gbs)
    );
    super::charge_tiered!(
        b,
        "lambda.duration",
        if arch == Arch::Arm64 {
            "Lambda duration (arm64; waits are not billed)"
        } else {
            "Lambda duration (waits are not billed)"
        },
        (gbs - free_gbs).max(Decimal::ZERO),
        "GB-second",
        l.duration(arch),
        &how,
    )?;
    let ops = prod("durable operations", &[m.executions, m.operations])?;
    charge!(
        b,
        "lambda-durable.operations",
        "Durable operations (start, steps, waits)",
        ops,
        "operation",
        &d.operations,
        &format!(
            "{} executions × {} operations",
            Qty(m.executions),
            Qty(m.operations)
        ),
    )?;
    let gb = prod("durable data written", &[m.executions, m.written_kb])? / dec!(1_000_000);
    charge!(
        b,
        "lambda-durable.data-written",
        "Durable data written",
        gb,
        "GB",
        &d.data_written_gb,
        &format!(
            "{} executions × {} KB ÷ 1,000,000",
            Qty(m.executions),
            Qty(m.written_kb)
        ),
    )?;
    let days = m.run_days + m.retention_days;
    let gb_months = div(
        "durable GB-months",
        prod("durable GB-days", &[gb, days])?,
        m.month_days,
    )?;
    charge!(
        b,
        "lambda-durable.data-retained",
        "Durable data retained (while running and after)",
        gb_months,
        "GB-month",
        &d.data_retained_gb_month,
        &format!(
            "{} GB × ({} days running + {} kept) ÷ {} days",
            Qty(gb.round_even(6)),
            Qty(m.run_days.round_even(4)),
            Qty(m.retention_days),
            Qty(m.month_days.round_even(4))
        ),
    )
}

/// Lambda durable functions for a workflow: one start, one operation per step (its state
/// transitions), and a wait when the execution lasts longer than its compute (a stated
/// longest run, max_duration_s, beyond duration_ms): the wait costs a resume (a second invocation,
/// replayed) and keeps the data while it runs.
pub fn lambda_durable_functions(cx: &Ctx, b: &mut Bill) -> Outcome {
    use crate::workload::{Kind, State};
    let c = cx.c;
    if !(c.kind == Kind::Workflow || c.state == State::DurableWorkflow) {
        return Ok(Err(format!(
            "durable functions run multi-step workflows; a {} component is not one",
            c.kind
        )));
    }
    if c.gpu != Gpu::None {
        return Ok(Err("Lambda has no GPUs".into()));
    }
    let Some(d) = &cx.r.lambda_durable else {
        return Ok(Err(
            "the pricing catalog has no Lambda durable functions prices".into(),
        ));
    };
    let compute_s = cx.duration_s();
    // Only a stated longest run says the execution outlives its compute (the default is
    // 4× the average request, not a wait).
    let run_s = if c.origin_at(key!("max_duration_s")) == crate::workload::Origin::Given {
        c.max_duration_s.max(compute_s)
    } else {
        compute_s
    };
    let waits = if run_s > compute_s {
        Decimal::ONE
    } else {
        Decimal::ZERO
    };
    let m = DurableMonth {
        executions: c.requests_per_month,
        invocations: Decimal::ONE + waits,
        compute_s,
        memory_gb: c.memory_mb.max(super::functions::LAMBDA_MIN_MB) / dec!(1024),
        operations: Decimal::ONE + c.state_transitions + waits,
        written_kb: prod(
            "durable KB written",
            &[Decimal::ONE + c.state_transitions + waits, c.payload_kb],
        )?,
        run_days: run_s / dec!(86400),
        retention_days: d.default_retention_days.quantity.0,
        month_days: cx.days(),
    };
    derivation!(
        b,
        "durable operations",
        Figure::count(m.operations, "operation"),
        format!(
            "1 start + {} steps (state_transitions) + {} wait{} per execution; each writes the {} KB payload; {}",
            Qty(c.state_transitions),
            Qty(waits),
            if waits == Decimal::ONE { "" } else { "s" },
            Qty(c.payload_kb),
            if waits.is_zero() {
                "no wait: the execution lasts no longer than its compute".to_string()
            } else {
                format!(
                    "one wait, because the execution lasts {} s against {} s of compute: it resumes once (a second, replayed invocation) and its data is kept while it runs",
                    Qty(run_s),
                    Qty(compute_s)
                )
            }
        ),
    );
    durable_charges(b, &cx.r.lambda, d, c.arch, cx.free_tier, &m)?;
    Ok(Ok(()))
}

#[cfg(test)]
mod tests {
    //! Lambda Managed Instances against AWS's own worked example, and at its edges;
    //! Fargate Spot not priced without rates, priced with them.

    use rust_decimal::Decimal;
    use rust_decimal::dec;

    use super::*;
    use crate::cost::catalog::FargateSpotPrices;
    use crate::cost::{Bill, Priced, Pricing, cost_workload};
    use crate::input::Dec;
    use crate::placement::Placement;

    fn price(usd: Decimal) -> Price {
        Price {
            usd: Dec(usd),
            per: "unit".into(),
            source: "test".into(),
            as_of: "2026-12-01".into(),
        }
    }

    fn embedded_lmi() -> (Pricing, LambdaManagedInstancesPrices) {
        let p = Pricing::embedded();
        let m = p.regions[0].lambda_managed_instances.clone().unwrap();
        (p, m)
    }

    /// aws.amazon.com/lambda/pricing, 'Lambda Managed Instances → Pricing Example:
    /// High-throughput API service' (read 2026-12-01): 100 M requests on m7g.xlarge,
    /// about 2,000 instance-hours, under a 3-year Compute Savings Plan at $0.0457/h:
    /// requests 100,000,000 × $0.0000002 = $20; instances 2,000 × $0.0457 = $91.40;
    /// fee 2,000 × ($0.1632 × 0.15 = $0.02448) = $48.96 — on the on-demand price, not the
    /// plan's; total $20 + $91.40 + $48.96 = $160.36.
    #[test]
    fn lmi_matches_aws_worked_example() {
        let (p, m) = embedded_lmi();
        let inst = Pricing::instance(&p.regions[0], "m7g.xlarge").unwrap();
        assert_eq!(inst.on_demand_hour.usd.0, dec!(0.1632));
        for words in [true, false] {
            let mut b = Bill::new(if words {
                crate::cost::Detail::Words
            } else {
                crate::cost::Detail::Numbers
            });
            lmi_charges(
                &mut b,
                &m,
                inst,
                &price(dec!(0.0457)),
                dec!(2000),
                "2,000 h",
                dec!(100_000_000),
            )
            .unwrap();
            let amounts: Vec<Decimal> = b.lines.iter().map(|l| l.amount).collect();
            assert_eq!(amounts, vec![dec!(91.40), dec!(48.96), dec!(20.00)]);
            assert_eq!(amounts.iter().sum::<Decimal>(), dec!(160.36));
            assert_eq!(b.lines[1].unit_price, dec!(0.02448));
        }
    }

    fn component(fields: &str) -> String {
        format!("name: t\nassumptions: {{ free_tier: false }}\ncomponents:\n  - name: c\n{fields}")
    }

    fn lmi(yaml: &str) -> Priced {
        let (w, _) = crate::workload::load_str("t.yaml", yaml).unwrap();
        let c = cost_workload(&w, &Pricing::embedded()).unwrap();
        c.components[0]
            .options
            .iter()
            .find(|o| o.placement() == Placement::LambdaManagedInstances)
            .unwrap()
            .clone()
    }

    fn amount(o: &Priced, id: &str) -> Decimal {
        o.option()
            .unwrap()
            .lines
            .iter()
            .find(|l| l.id == id)
            .map(|l| l.amount)
            .unwrap()
    }

    /// A steady node API light enough for the three instances Lambda keeps: 3 × 730 h of
    /// the cheapest arm64 type with 2 GiB per vCPU. The catalog's arm64 types without
    /// bursts: m7g.xlarge $0.1632 (4 GiB/vCPU), m7g.large $0.0816 (4), c7g.xlarge $0.145
    /// (2): m7g.large is cheapest. Instances 2,190 × $0.0816 = $178.704 → $178.70; fee
    /// 2,190 × ($0.0816 × 0.15 = $0.01224) = $26.8056 → $26.81; requests 10,000,000 ×
    /// $0.0000002 = $2.00.
    #[test]
    fn lmi_keeps_three_instances_at_low_volume() {
        let o = lmi(&component(
            "    kind: worker\n    runtime: node\n    arch: arm64\n    memory_mb: 1024\n    duration_ms: 100\n    traffic: { requests_per_month: 10000000, shape: steady }\n",
        ));
        let opt = o.option().unwrap();
        let inst = opt.lines.iter().find(|l| l.id == "lmi.instances").unwrap();
        assert!(inst.item.contains("m7g.large"), "{}", inst.item);
        assert_eq!(inst.quantity, dec!(2190));
        assert_eq!(amount(&o, "lmi.instances"), dec!(178.70));
        assert_eq!(amount(&o, "lmi.management-fee"), dec!(26.81));
        assert_eq!(amount(&o, "lmi.requests"), dec!(2.00));
    }

    /// Past the three instances the CPU decides: 2,000 req/s steady, 100 ms each, all of
    /// it computing at 1,024 MB (1,024 ÷ 1,769 vCPU measured): 2,000 × 0.1 × 1024/1769
    /// = 115.77… vCPU-s a second ÷ 0.7 = 165.39… vCPUs; requests in flight 200 ÷ 64 = 3.125
    /// vCPUs. The cheapest month wins: m7g.large (2 vCPU) needs ⌈82.69…⌉ = 83 × $0.0816
    /// = $6.7728 an hour, c7g.xlarge (4 vCPU, 2 GiB each) ⌈41.35…⌉ = 42 × $0.145 = $6.09,
    /// m7g.xlarge 42 × $0.1632 = $6.8544: 42 c7g.xlarge × 730 h.
    #[test]
    fn lmi_scales_past_the_minimum_by_cpu() {
        let o = lmi(&component(
            "    kind: http-api\n    runtime: node\n    arch: arm64\n    memory_mb: 1024\n    duration_ms: 100\n    traffic: { requests_per_month: 5256000000, shape: steady, peak_rps: 2000 }\n",
        ));
        let inst = o
            .option()
            .unwrap()
            .lines
            .iter()
            .find(|l| l.id == "lmi.instances")
            .unwrap()
            .clone();
        assert!(inst.item.contains("c7g.xlarge"), "{}", inst.item);
        assert_eq!(inst.quantity, dec!(42) * dec!(730));
    }

    #[test]
    fn fargate_spot_unpriced_without_rates_and_priced_with_them() {
        let yaml = component(
            "    kind: worker\n    traffic: { requests_per_month: 1000000 }\n    duration_ms: 1000\n",
        );
        let (w, _) = crate::workload::load_str("t.yaml", &yaml).unwrap();
        let c = cost_workload(&w, &Pricing::embedded()).unwrap();
        let spot = c.components[0]
            .options
            .iter()
            .find(|o| o.placement() == Placement::FargateSpot)
            .unwrap();
        match spot {
            Priced::NotPriced { reason, .. } => assert!(reason.contains("70%"), "{reason}"),
            Priced::Priced(_) => panic!("Fargate Spot priced without rates"),
        }
        // With rates (a partial catalog's; these are test figures, not AWS's), the same
        // tasks as Fargate's at Spot's rates: the task-hours and sizes are Fargate's.
        let mut p = Pricing::embedded();
        p.regions[0].fargate_spot = Some(FargateSpotPrices {
            vcpu_hour: price(dec!(0.01)),
            gb_hour: price(dec!(0.001)),
        });
        let c = cost_workload(&w, &p).unwrap();
        let on_demand = c.components[0].option(Placement::Fargate).unwrap();
        let spot = c.components[0].option(Placement::FargateSpot).unwrap();
        let q = |o: &crate::cost::CostOption, id: &str| {
            o.lines.iter().find(|l| l.id == id).unwrap().quantity
        };
        assert_eq!(q(spot, "fargate-spot.vcpu"), q(on_demand, "fargate.vcpu"));
        assert_eq!(
            q(spot, "fargate-spot.memory"),
            q(on_demand, "fargate.memory")
        );
        let l = spot
            .lines
            .iter()
            .find(|l| l.id == "fargate-spot.vcpu")
            .unwrap();
        assert_eq!(l.exact, l.quantity * dec!(0.01));
    }

    /// aws.amazon.com/lambda/pricing 'Lambda Durable Functions Pricing → Pricing Example'
    /// (read 2026-12-01): 1,000,000 insurance claims, 1 GB on Arm, 30 s + 2 s of compute
    /// around a 7-day wait, 8 KB invoke + 3 × 32 KB written, kept 14 days, a 30-day month:
    /// compute 1M × 32 s × 1 GB − 400,000 free = 31,600,000 GB-s × $0.0000133334 =
    /// $421.33544 → $421.34; requests 2M − 1M free = 1M × $0.20/M = $0.20; operations 1M ×
    /// (1 + 2 + 1) = 4M × $8/M = $32.00; written 1M × 104 KB = 104 GB × $0.25 = $26.00;
    /// kept 104 GB × (7 + 14) ÷ 30 = 72.8 GB-months × $0.15 = $10.92; $490.46 in all.
    #[test]
    fn durable_matches_aws_worked_example() {
        let p = Pricing::embedded();
        let r = &p.regions[0];
        let d = r.lambda_durable.clone().unwrap();
        let m = DurableMonth {
            executions: dec!(1_000_000),
            invocations: dec!(2),
            compute_s: dec!(32),
            memory_gb: dec!(1),
            operations: dec!(4),
            written_kb: dec!(104),
            run_days: dec!(7),
            retention_days: d.default_retention_days.quantity.0,
            month_days: dec!(30),
        };
        for detail in [crate::cost::Detail::Words, crate::cost::Detail::Numbers] {
            let mut b = Bill::new(detail);
            durable_charges(&mut b, &r.lambda, &d, Arch::Arm64, true, &m).unwrap();
            let amounts: Vec<(&str, Decimal)> = b.lines.iter().map(|l| (l.id, l.amount)).collect();
            assert_eq!(
                amounts,
                [
                    ("lambda.requests", dec!(0.20)),
                    ("lambda.duration", dec!(421.34)),
                    ("lambda-durable.operations", dec!(32.00)),
                    ("lambda-durable.data-written", dec!(26.00)),
                    ("lambda-durable.data-retained", dec!(10.92)),
                ]
            );
            let total: Decimal = b.lines.iter().map(|l| l.amount).sum();
            assert_eq!(total, dec!(490.46));
        }
    }

    /// Without a stated longest run there is no wait: one invocation, 1 + steps operations,
    /// data kept only the 14 days after. 1,000 executions × 5 transitions (the default) →
    /// 6,000 operations × $0.000008 = $0.048 → $0.05.
    #[test]
    fn durable_without_a_wait_resumes_never() {
        let yaml = component("    kind: workflow\n    traffic: { requests_per_month: 1000 }\n");
        let (w, _) = crate::workload::load_str("t.yaml", &yaml).unwrap();
        let c = cost_workload(&w, &Pricing::embedded()).unwrap();
        let o = c.components[0]
            .option(Placement::LambdaDurableFunctions)
            .unwrap();
        let ops = o
            .lines
            .iter()
            .find(|l| l.id == "lambda-durable.operations")
            .unwrap();
        assert_eq!((ops.quantity, ops.amount), (dec!(6000), dec!(0.05)));
    }
}
