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
/// Where tasks run: Fargate's fixed task sizes, or EC2 nodes that hold any size that fits.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Host {
    Fargate,
    Nodes,
}

pub fn size(cx: &Ctx, b: &mut Bill, host: Host) -> Result<Result<Sizing, String>, Overflow> {
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
        None if host == Host::Nodes => {
            // On nodes a task takes what it needs: a quarter vCPU per GB, as general-purpose
            // instances give (4 GB per vCPU), at least a quarter vCPU.
            // GPU instances pair fewer vCPUs with their memory (about 8 GB each).
            let per_vcpu = if c.gpu == Gpu::None { dec!(4) } else { dec!(8) };
            let v = (memory_gb / per_vcpu).max(dec!(0.25));
            b.derive(
                "task vCPU",
                qty(v),
                format!(
                    "{} GB ÷ {} GB per vCPU (the instances' ratio), at least 0.25",
                    qty(memory_gb),
                    qty(per_vcpu)
                ),
            );
            v
        }
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
                    let per = k.concurrency_per_task.unwrap_or(Decimal::ONE);
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
                                " (default: one at a time, as Lambda runs one request per instance)"
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
    let s = match size(cx, b, Host::Fargate)? {
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

/// The tasks to fit onto instances.
struct Need {
    tasks: Decimal,
    vcpu: Decimal,
    memory_gb: Decimal,
    gpu: bool,
}

fn need(cx: &Ctx, b: &mut Bill) -> Result<Result<Need, String>, Overflow> {
    let s = match size(cx, b, Host::Nodes)? {
        Ok(s) => s,
        Err(e) => return Ok(Err(e)),
    };
    b.derive(
        "capacity needed",
        format!(
            "{} vCPU, {} GB",
            qty(prod("total vCPU", &[s.tasks, s.vcpu])?),
            qty(prod("total memory", &[s.tasks, s.memory_gb])?)
        ),
        format!(
            "{} tasks × {} vCPU / {} GB",
            qty(s.tasks),
            qty(s.vcpu),
            qty(s.memory_gb)
        ),
    );
    Ok(Ok(Need {
        tasks: s.tasks,
        vcpu: s.vcpu,
        memory_gb: s.memory_gb,
        gpu: cx.c.gpu != Gpu::None,
    }))
}

/// Instances of `inst` that hold every task whole (a task never spans instances), or
/// `None` if one task does not fit on it.
fn fit(inst: &Instance, need: &Need) -> Option<Decimal> {
    let by_cpu = (inst.vcpu.0 / need.vcpu).floor();
    let by_mem = (inst.memory_gb.0 / need.memory_gb).floor();
    let mut per = by_cpu.min(by_mem);
    if need.gpu {
        per = per.min(inst.gpus.0);
    }
    (per >= Decimal::ONE).then(|| (need.tasks / per).ceil().max(Decimal::ONE))
}

fn hourly(cx: &Ctx, inst: &Instance) -> Decimal {
    match cx.c.container.purchase {
        Purchase::OnDemand => inst.on_demand_hour.usd.0,
        Purchase::Reserved1y => inst.reserved_1y_hour.usd.0,
    }
}

/// The instance type and count a server placement uses: as given, or the cheapest
/// catalog type of the component's architecture (with GPUs if it needs them) that holds
/// its tasks.
fn instances<'a>(
    cx: &Ctx<'a>,
    b: &mut Bill,
) -> Result<Result<(&'a Instance, Decimal), String>, Overflow> {
    let c = cx.c;
    let given_nodes = c.container.nodes;
    if let Some(name) = &c.container.instance_type {
        let Some(inst) = Pricing::instance(cx.r, name) else {
            let names: Vec<&str> = cx.r.ec2.iter().map(|i| i.kind.as_str()).collect();
            return Ok(Err(format!(
                "the pricing catalog has no instance type `{name}` in {} (it has: {})",
                cx.r.region,
                names.join(", ")
            )));
        };
        if let Some(n) = given_nodes {
            b.derive(
                "instances",
                format!("{} × {}", qty(n), inst.kind),
                "given (container.instance_type, container.nodes)",
            );
            return Ok(Ok((inst, n)));
        }
        let need = match need(cx, b)? {
            Ok(n) => n,
            Err(e) => return Ok(Err(e)),
        };
        let Some(n) = fit(inst, &need) else {
            return Ok(Err(format!(
                "one task ({} vCPU, {} GB) does not fit on a {} ({} vCPU, {} GB)",
                qty(need.vcpu),
                qty(need.memory_gb),
                inst.kind,
                qty(inst.vcpu.0),
                qty(inst.memory_gb.0)
            )));
        };
        b.derive(
            "instances",
            format!("{} × {}", qty(n), inst.kind),
            format!(
                "enough {} ({} vCPU / {} GB each) for the capacity needed",
                inst.kind,
                qty(inst.vcpu.0),
                qty(inst.memory_gb.0)
            ),
        );
        return Ok(Ok((inst, n)));
    }
    let need = match need(cx, b)? {
        Ok(n) => n,
        Err(e) => return Ok(Err(e)),
    };
    let wants_gpu = c.gpu != Gpu::None;
    let mut options: Vec<(Decimal, Decimal, &Instance)> =
        cx.r.ec2
            .iter()
            .filter(|i| i.arch == c.arch && (i.gpus.0 > Decimal::ZERO) == wants_gpu)
            .filter_map(|i| {
                let n = fit(i, &need)?;
                let n = given_nodes.unwrap_or(n);
                Some((n * hourly(cx, i), n, i))
            })
            .collect();
    options.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let Some(&(cost, n, inst)) = options.first() else {
        return Ok(Err(format!(
            "no {} {} instance type in the {} catalog holds one task of {} vCPU / {} GB",
            c.arch,
            if wants_gpu { "GPU" } else { "general-purpose" },
            cx.r.region,
            qty(need.vcpu),
            qty(need.memory_gb)
        )));
    };
    let others: Vec<String> = options
        .iter()
        .skip(1)
        .take(2)
        .map(|(c, n, i)| format!("{} × {} ${}/h", qty(*n), i.kind, qty(c.normalize())))
        .collect();
    b.derive(
        "instances",
        format!("{} × {}", qty(n), inst.kind),
        format!(
            "the cheapest {} catalog type that holds the capacity needed: ${}/h{}",
            c.arch,
            qty(cost.normalize()),
            if others.is_empty() {
                String::new()
            } else {
                format!(" (next: {})", others.join(", "))
            }
        ),
    );
    Ok(Ok((inst, n)))
}

/// Hours instances are billed: all month, or for scheduled work only while a run lasts
/// (launched per run, billed per second with a one-minute minimum).
fn instance_hours(cx: &Ctx, b: &mut Bill) -> Result<Decimal, Overflow> {
    let Some(s) = &cx.c.schedule else {
        return Ok(cx.hours);
    };
    let billed = s.run_seconds.max(dec!(60));
    let hours = prod("instance hours", &[s.runs_per_month, billed])? / dec!(3600);
    b.derive(
        "instance hours",
        qty(hours.round_dp(4)),
        format!(
            "{} runs a month × {} s billed per run (at least 60 s) ÷ 3,600; instances are launched for each run",
            qty(s.runs_per_month.round_dp(4)),
            qty(billed)
        ),
    );
    Ok(hours)
}

fn node_line(
    cx: &Ctx,
    b: &mut Bill,
    inst: &Instance,
    n: Decimal,
    hours: Decimal,
    item: &str,
) -> Result<(), Overflow> {
    let label = match cx.c.container.purchase {
        Purchase::OnDemand => "on demand",
        Purchase::Reserved1y => "1-year reserved",
    };
    let q = prod("instance-hours", &[n, hours])?;
    b.line(
        format!("{item}: {} {} ({label})", qty(n), inst.kind),
        q,
        "instance-hour",
        hourly(cx, inst),
        &format!("{} × {} h", qty(n), qty(hours.round_dp(4))),
    )
}

pub fn eks(cx: &Ctx, b: &mut Bill) -> Outcome {
    let (inst, n) = match instances(cx, b)? {
        Ok(x) => x,
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
    let hours = instance_hours(cx, b)?;
    node_line(cx, b, inst, n, hours, "Worker nodes")?;
    shared::server_front_door(cx, b)?;
    Ok(Ok(()))
}

pub fn ec2(cx: &Ctx, b: &mut Bill) -> Outcome {
    if cx.c.gpu != Gpu::None {
        return Ok(Err("GPU instances are priced as gpu-instance".into()));
    }
    let (inst, n) = match instances(cx, b)? {
        Ok(x) => x,
        Err(e) => return Ok(Err(e)),
    };
    let hours = instance_hours(cx, b)?;
    node_line(cx, b, inst, n, hours, "Instances")?;
    shared::server_front_door(cx, b)?;
    Ok(Ok(()))
}

/// GPU instances: always on for serving, per run (billed per second) for scheduled training.
pub fn gpu_instance(cx: &Ctx, b: &mut Bill) -> Outcome {
    if cx.c.gpu == Gpu::None {
        return Ok(Err("the component needs no GPU".into()));
    }
    let (inst, n) = match instances(cx, b)? {
        Ok(x) => x,
        Err(e) => return Ok(Err(e)),
    };
    if inst.gpus.0 <= Decimal::ZERO {
        return Ok(Err(format!("{} has no GPU", inst.kind)));
    }
    let hours = instance_hours(cx, b)?;
    node_line(cx, b, inst, n, hours, "GPU instances")?;
    if cx.c.schedule.is_none() {
        shared::server_front_door(cx, b)?;
    }
    Ok(Ok(()))
}
