//! Server placements: Fargate tasks, EKS and EC2 nodes, GPU instances; and the sizing
//! they share (task size and count from the component's load).

use rust_decimal::Decimal;
use rust_decimal::dec;

use super::catalog::{Instance, Pricing};
use super::money::{div, prod};
use super::{Bill, Ctx, Outcome, Overflow, qty, shared};
use crate::workload::{Arch, Gpu, Purchase};

/// Fargate task sizes: vCPU and the most memory (GB) each allows.
const FARGATE_SIZES: [(Decimal, Decimal); 7] = [
    (dec!(0.25), dec!(2)),
    (dec!(0.5), dec!(4)),
    (dec!(1), dec!(8)),
    (dec!(2), dec!(16)),
    (dec!(4), dec!(30)),
    (dec!(8), dec!(60)),
    (dec!(16), dec!(120)),
];

/// How many tasks of what size, for how long.
pub struct Sizing {
    pub vcpu: Decimal,
    pub memory_gb: Decimal,
    pub tasks: Decimal,
    /// Hours each task is billed per month.
    pub task_hours: Decimal,
}

/// Sizes the component's tasks; `Err(reason)` if no Fargate size holds its memory.
pub fn size(cx: &Ctx, b: &mut Bill) -> Result<Result<Sizing, String>, Overflow> {
    let c = cx.c;
    let k = &c.container;
    let memory_gb = match k.memory_gb {
        Some(m) => m,
        None => {
            let need = cx.memory_gb();
            let m = if need <= dec!(0.5) {
                dec!(0.5)
            } else {
                need.ceil()
            };
            b.derive(
                "task memory",
                format!("{} GB", qty(m)),
                format!(
                    "memory_mb {} ÷ 1,024 = {} GB, rounded up to a task size (at least 0.5 GB)",
                    qty(c.memory_mb),
                    qty(need)
                ),
            );
            m
        }
    };
    let vcpu = match k.vcpu {
        Some(v) => v,
        None => match FARGATE_SIZES.iter().find(|(_, max)| *max >= memory_gb) {
            Some((v, max)) => {
                b.derive(
                    "task vCPU",
                    qty(*v),
                    format!(
                        "the smallest task size that allows {} GB (up to {} GB at {} vCPU)",
                        qty(memory_gb),
                        qty(*max),
                        qty(*v)
                    ),
                );
                *v
            }
            None => {
                return Ok(Err(format!(
                    "no Fargate task size holds {} GB (the largest allows 120 GB)",
                    qty(memory_gb)
                )));
            }
        },
    };

    let tasks = match k.tasks {
        Some(t) => {
            b.derive("tasks", qty(t), "given (container.tasks)");
            t
        }
        None if c.schedule.is_some() => {
            b.derive("tasks", "1", "one task per scheduled run");
            Decimal::ONE
        }
        None => {
            let (needed, how) = match k.rps_per_task {
                Some(rps) => {
                    let n = div("tasks", c.peak_rps, rps)?;
                    (
                        n,
                        format!(
                            "peak {} req/s ÷ {} req/s per task = {}",
                            qty(c.peak_rps),
                            qty(rps),
                            qty(n.round_dp(3))
                        ),
                    )
                }
                None => {
                    let per = k
                        .concurrency_per_task
                        .unwrap_or_else(|| (vcpu * dec!(4)).floor().max(Decimal::ONE));
                    let conc = cx.peak_concurrency();
                    let n = conc / per;
                    (
                        n,
                        format!(
                            "Little's law: {} req/s × {} s = {} requests in flight ÷ {} per task{} = {}",
                            qty(c.peak_rps),
                            qty(cx.duration_s()),
                            qty(conc.round_dp(3)),
                            qty(per),
                            if k.concurrency_per_task.is_none() {
                                " (4 per vCPU)"
                            } else {
                                ""
                            },
                            qty(n.round_dp(3))
                        ),
                    )
                }
            };
            let with_headroom = prod("tasks", &[needed, Decimal::ONE + k.headroom])?.ceil();
            let t = with_headroom.max(k.min_tasks);
            b.derive(
                "tasks",
                qty(t),
                format!(
                    "{how}; × {} headroom = {}; at least {} (min_tasks)",
                    qty(Decimal::ONE + k.headroom),
                    qty(with_headroom),
                    qty(k.min_tasks)
                ),
            );
            t
        }
    };

    let task_hours = match (k.active_seconds_per_day, &c.schedule) {
        (Some(s), _) => {
            let h = prod("task hours", &[s, cx.days()])? / dec!(3600);
            b.derive(
                "hours per task",
                qty(h.round_dp(4)),
                format!(
                    "{} s a day × {} days ÷ 3,600 (container.active_seconds_per_day)",
                    qty(s),
                    qty(cx.days().round_dp(4))
                ),
            );
            h
        }
        (None, Some(sch)) => {
            let min = cx.r.fargate.minimum_billed_seconds.quantity.0;
            let billed = sch.run_seconds.max(min);
            let h = prod("task hours", &[sch.runs_per_month, billed])? / dec!(3600);
            b.derive(
                "hours per task",
                qty(h.round_dp(4)),
                format!(
                    "{} runs a month × {} s billed per run (at least {} s) ÷ 3,600",
                    qty(sch.runs_per_month.round_dp(4)),
                    qty(billed),
                    qty(min)
                ),
            );
            h
        }
        (None, None) => cx.hours,
    };
    Ok(Ok(Sizing {
        vcpu,
        memory_gb,
        tasks,
        task_hours,
    }))
}

pub fn fargate(cx: &Ctx, b: &mut Bill) -> Outcome {
    if cx.c.gpu != Gpu::None {
        return Ok(Err("Fargate has no GPUs".into()));
    }
    let s = match size(cx, b)? {
        Ok(s) => s,
        Err(e) => return Ok(Err(e)),
    };
    let f = &cx.r.fargate;
    let arch = cx.c.arch;
    let how = |what: Decimal, unit: &str| {
        format!(
            "{} tasks × {} {unit} × {} h",
            qty(s.tasks),
            qty(what),
            qty(s.task_hours.round_dp(4))
        )
    };
    let arch_note = if arch == Arch::Arm64 { " (arm64)" } else { "" };
    let vcpu_h = prod("Fargate vCPU-hours", &[s.tasks, s.vcpu, s.task_hours])?;
    b.line(
        format!("Fargate vCPU{arch_note}"),
        vcpu_h,
        "vCPU-hour",
        f.vcpu_hour(arch).usd.0,
        &how(s.vcpu, "vCPU"),
    )?;
    let gb_h = prod("Fargate GB-hours", &[s.tasks, s.memory_gb, s.task_hours])?;
    b.line(
        format!("Fargate memory{arch_note}"),
        gb_h,
        "GB-hour",
        f.gb_hour(arch).usd.0,
        &how(s.memory_gb, "GB"),
    )?;
    let included = f.included_ephemeral_gb.quantity.0;
    let storage =
        cx.c.container
            .ephemeral_storage_gb
            .unwrap_or(cx.c.ephemeral_storage_mb / dec!(1024))
            .max(included);
    if storage > included {
        let q = prod(
            "Fargate storage GB-hours",
            &[s.tasks, storage - included, s.task_hours],
        )?;
        b.line(
            "Fargate ephemeral storage",
            q,
            "GB-hour",
            f.ephemeral_gb_hour.usd.0,
            &how(storage - included, "GB above the included 20"),
        )?;
    }
    shared::server_front_door(cx, b)?;
    Ok(Ok(()))
}

/// The instance type a server placement uses, given or by default for the workload.
fn instance<'a>(cx: &Ctx<'a>, b: &mut Bill) -> Result<&'a Instance, String> {
    let c = cx.c;
    let name = match (&c.container.instance_type, c.gpu, c.arch) {
        (Some(t), _, _) => t.as_str(),
        (None, Gpu::Training, _) => "p3.2xlarge",
        (None, Gpu::Inference, _) => "g5.xlarge",
        (None, Gpu::None, Arch::X86_64) => "m5.2xlarge",
        (None, Gpu::None, Arch::Arm64) => "m7g.xlarge",
    };
    let inst = Pricing::instance(cx.r, name).ok_or_else(|| {
        let names: Vec<&str> = cx.r.ec2.iter().map(|i| i.kind.as_str()).collect();
        format!(
            "the pricing catalog has no instance type `{name}` in {} (it has: {})",
            cx.r.region,
            names.join(", ")
        )
    })?;
    if c.container.instance_type.is_none() {
        b.derive(
            "instance type",
            name,
            format!(
                "default for {} {} work",
                c.arch,
                if c.gpu == Gpu::None {
                    "general".to_string()
                } else {
                    format!("GPU {}", c.gpu)
                }
            ),
        );
    }
    Ok(inst)
}

/// Instance-hours of nodes that hold every task, always on.
fn nodes(cx: &Ctx, b: &mut Bill, inst: &Instance) -> Result<Result<Decimal, String>, Overflow> {
    if let Some(n) = cx.c.container.nodes {
        b.derive("nodes", qty(n), "given (container.nodes)");
        return Ok(Ok(n));
    }
    let s = match size(cx, b)? {
        Ok(s) => s,
        Err(e) => return Ok(Err(e)),
    };
    let vcpu = prod("total vCPU", &[s.tasks, s.vcpu])?;
    let mem = prod("total memory", &[s.tasks, s.memory_gb])?;
    let by_cpu = (vcpu / inst.vcpu.0).ceil();
    let by_mem = (mem / inst.memory_gb.0).ceil();
    let by_gpu = if cx.c.gpu != Gpu::None && inst.gpus.0 > Decimal::ZERO {
        (s.tasks / inst.gpus.0).ceil()
    } else {
        Decimal::ZERO
    };
    let n = by_cpu.max(by_mem).max(by_gpu).max(Decimal::ONE);
    b.derive(
        "nodes",
        qty(n),
        format!(
            "max(⌈{} vCPU ÷ {} per {}⌉ = {}, ⌈{} GB ÷ {} GB⌉ = {}{}) for {} tasks of {} vCPU / {} GB",
            qty(vcpu), qty(inst.vcpu.0), inst.kind, qty(by_cpu), qty(mem), qty(inst.memory_gb.0), qty(by_mem),
            if by_gpu > Decimal::ZERO { format!(", {} GPUs = {}", qty(s.tasks), qty(by_gpu)) } else { String::new() },
            qty(s.tasks), qty(s.vcpu), qty(s.memory_gb)
        ),
    );
    Ok(Ok(n))
}

fn node_line(
    cx: &Ctx,
    b: &mut Bill,
    inst: &Instance,
    n: Decimal,
    hours: Decimal,
    item: &str,
) -> Result<(), Overflow> {
    let (price, label) = match cx.c.container.purchase {
        Purchase::OnDemand => (&inst.on_demand_hour, "on demand"),
        Purchase::Reserved1y => (&inst.reserved_1y_hour, "1-year reserved"),
    };
    let q = prod("instance-hours", &[n, hours])?;
    b.line(
        format!("{item}: {} {} ({label})", qty(n), inst.kind),
        q,
        "instance-hour",
        price.usd.0,
        &format!("{} × {} h", qty(n), qty(hours.round_dp(4))),
    )
}

pub fn eks(cx: &Ctx, b: &mut Bill) -> Outcome {
    let inst = match instance(cx, b) {
        Ok(i) => i,
        Err(e) => return Ok(Err(e)),
    };
    let n = match nodes(cx, b, inst)? {
        Ok(n) => n,
        Err(e) => return Ok(Err(e)),
    };
    b.line(
        "EKS control plane",
        cx.hours,
        "cluster-hour",
        cx.r.eks.control_plane_hour.usd.0,
        "",
    )?;
    b.shared("eks-control-plane");
    node_line(cx, b, inst, n, cx.hours, "Worker nodes")?;
    shared::server_front_door(cx, b)?;
    Ok(Ok(()))
}

pub fn ec2(cx: &Ctx, b: &mut Bill) -> Outcome {
    if cx.c.gpu != Gpu::None {
        return Ok(Err("GPU instances are priced as gpu-instance".into()));
    }
    let inst = match instance(cx, b) {
        Ok(i) => i,
        Err(e) => return Ok(Err(e)),
    };
    let n = match nodes(cx, b, inst)? {
        Ok(n) => n,
        Err(e) => return Ok(Err(e)),
    };
    node_line(cx, b, inst, n, cx.hours, "Instances")?;
    shared::server_front_door(cx, b)?;
    Ok(Ok(()))
}

/// GPU instances: always on for serving, per run (billed per second) for scheduled training.
pub fn gpu_instance(cx: &Ctx, b: &mut Bill) -> Outcome {
    if cx.c.gpu == Gpu::None {
        return Ok(Err("the component needs no GPU".into()));
    }
    let inst = match instance(cx, b) {
        Ok(i) => i,
        Err(e) => return Ok(Err(e)),
    };
    if inst.gpus.0 <= Decimal::ZERO {
        return Ok(Err(format!("{} has no GPU", inst.kind)));
    }
    match &cx.c.schedule {
        Some(s) => {
            let n = cx.c.container.nodes.unwrap_or(Decimal::ONE);
            let hours = prod("GPU hours", &[s.runs_per_month, s.run_seconds])? / dec!(3600);
            b.derive(
                "hours",
                qty(hours.round_dp(4)),
                format!(
                    "{} runs a month × {} s ÷ 3,600; instances run only during a run",
                    qty(s.runs_per_month.round_dp(4)),
                    qty(s.run_seconds)
                ),
            );
            node_line(cx, b, inst, n, hours, "GPU instances")?;
        }
        None => {
            let n = match nodes(cx, b, inst)? {
                Ok(n) => n,
                Err(e) => return Ok(Err(e)),
            };
            node_line(cx, b, inst, n, cx.hours, "GPU instances")?;
            shared::server_front_door(cx, b)?;
        }
    }
    Ok(Ok(()))
}
