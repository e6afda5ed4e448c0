//! Server placements: Fargate tasks, EKS and EC2 nodes, GPU instances. Capacity comes
//! from [`super::capacity`]; this module rounds it to each platform's units and prices it.

use crate::cost::charge;
use rust_decimal::Decimal;
use rust_decimal::dec;

use super::capacity::{self, Host, Plan, Schedule, Task};
use super::catalog::{Instance, Price, Pricing};
use super::money::prod;
use super::{Bill, Ctx, Figure, Outcome, Overflow, Qty, plural, shared};
use crate::cost::money::RoundEven;
use crate::workload::{Arch, Gpu, Origin, Purchase};

/// Seconds an EC2 instance takes to boot and join before a task runs on it.
const INSTANCE_BOOT_S: Decimal = dec!(60);

pub fn fargate(cx: &Ctx, b: &mut Bill) -> Outcome {
    if cx.c.gpu != Gpu::None {
        return Ok(Err("Fargate has no GPUs".into()));
    }
    let plan = match capacity::plan(cx, Host::Fargate, b)? {
        Ok(p) => p,
        Err(e) => return Ok(Err(e)),
    };
    let f = &cx.r.fargate;
    let arch = cx.c.arch;
    let task_hours = plan.task_hours();
    let how =
        |what: Decimal, unit: &str| format!("{} × {} {unit}", plan.hours_text("task"), Qty(what));
    let arch_note = if arch == Arch::Arm64 { " (arm64)" } else { "" };
    let vcpu_h = prod("Fargate vCPU-hours", &[task_hours, plan.task.vcpu])?;
    charge!(
        b,
        "fargate.vcpu",
        format!("Fargate vCPU{arch_note}"),
        vcpu_h,
        "vCPU-hour",
        f.vcpu_hour(arch),
        &how(plan.task.vcpu, "vCPU"),
    )?;
    let gb_h = prod("Fargate GB-hours", &[task_hours, plan.task.memory_gb])?;
    charge!(
        b,
        "fargate.memory",
        format!("Fargate memory{arch_note}"),
        gb_h,
        "GB-hour",
        f.gb_hour(arch),
        &how(plan.task.memory_gb, "GB"),
    )?;
    storage_and_front_door(cx, b, task_hours, &how)
}

/// What a Fargate task pays beside its vCPU and memory, on demand or Spot: ephemeral
/// storage above the included 20 GB, and the load balancer in front. `how` writes a
/// quantity per task over the plan's task-hours.
pub(crate) fn storage_and_front_door(
    cx: &Ctx,
    b: &mut Bill,
    task_hours: Decimal,
    how: &dyn Fn(Decimal, &str) -> String,
) -> Outcome {
    let f = &cx.r.fargate;
    let included = f.included_ephemeral_gb.quantity.0;
    let storage =
        cx.c.container
            .ephemeral_storage_gb
            .unwrap_or(cx.c.ephemeral_storage_mb / dec!(1024))
            .max(included);
    if storage > included {
        let q = prod(
            "Fargate storage GB-hours",
            &[task_hours, storage - included],
        )?;
        charge!(
            b,
            "fargate.ephemeral-storage",
            "Fargate ephemeral storage",
            q,
            "GB-hour",
            &f.ephemeral_gb_hour,
            &how(storage - included, "GB above the included 20"),
        )?;
    }
    shared::server_front_door(cx, b)?;
    Ok(Ok(()))
}

/// What a node keeps for the OS, the kubelet and the eviction threshold: CPU 6% of the
/// first core, 1% of the second, 0.5% of the next two and 0.25% above; memory 25% of
/// the first 4 GB, 20% of the next 4, 10% of the next 8, 6% of the next 112 and 2% above
/// 128, plus 100 MiB (the reservation GKE documents; EKS's AMI reserves a similar share).
pub fn reserved(inst: &Instance) -> (Decimal, Decimal) {
    let tiers = |x: Decimal, steps: &[(Decimal, Decimal)], rest: Decimal| {
        let mut left = x;
        let mut r = Decimal::ZERO;
        for (size, share) in steps {
            let part = left.min(*size);
            r += part * share;
            left -= part;
        }
        r + left.max(Decimal::ZERO) * rest
    };
    let cpu = tiers(
        inst.vcpu.0,
        &[
            (dec!(1), dec!(0.06)),
            (dec!(1), dec!(0.01)),
            (dec!(2), dec!(0.005)),
        ],
        dec!(0.0025),
    );
    let mem = tiers(
        inst.memory_gb.0,
        &[
            (dec!(4), dec!(0.25)),
            (dec!(4), dec!(0.2)),
            (dec!(8), dec!(0.1)),
            (dec!(112), dec!(0.06)),
        ],
        dec!(0.02),
    ) + dec!(0.09765625);
    (cpu, mem)
}

/// Tasks one node holds whole: by CPU (a burstable type only within its baseline), by
/// memory after the node's reserve, and one per GPU.
fn per_node(inst: &Instance, task: &Task, gpu: bool) -> Option<Decimal> {
    let (rc, rm) = inst.reserve();
    let mut cpu = inst.vcpu.0 - rc;
    if let Some(base) = &inst.burst_baseline {
        cpu = cpu.min(inst.vcpu.0 * base.0);
    }
    let mem = inst.memory_gb.0 - rm;
    if cpu <= Decimal::ZERO || mem <= Decimal::ZERO {
        return None;
    }
    let mut per = (cpu / task.vcpu)
        .floor()
        .min((mem / task.memory_gb).floor());
    if gpu {
        per = per.min(inst.gpus.0);
    }
    (per >= Decimal::ONE).then_some(per)
}

/// The hourly price under the component's purchase option, and whether it is on demand
/// for want of a reserved price: a type the catalog has no reservation for is still
/// priced (on demand), so asking for reservations never drops a cheaper type.
pub(crate) fn hourly<'a>(cx: &Ctx, inst: &'a Instance) -> (&'a Price, bool) {
    match (cx.c.container.purchase, &inst.reserved_1y_hour) {
        (Purchase::Reserved1y, Some(p)) => (p, false),
        (Purchase::Reserved1y, None) => (&inst.on_demand_hour, true),
        (Purchase::OnDemand, _) => (&inst.on_demand_hour, false),
    }
}

/// Instance-hours for a plan at `per` tasks a node: every block's tasks spread over
/// nodes (two at least when two or more tasks must survive a zone), work packed onto
/// nodes the autoscaler adds, runs each on a node launched for them.
fn node_hours(
    cx: &Ctx,
    plan: &Plan,
    per: Decimal,
    given: Option<Decimal>,
    text: bool,
) -> Result<(Decimal, String), Overflow> {
    let first = schedule_node_hours(cx, plan, &plan.schedule, per, given, text)?;
    let Some(other) = &plan.other else {
        return Ok(first);
    };
    let second = schedule_node_hours(cx, plan, other, per, given, text)?;
    Ok(if second.0 < first.0 { second } else { first })
}

fn schedule_node_hours(
    cx: &Ctx,
    plan: &Plan,
    schedule: &Schedule,
    per: Decimal,
    given: Option<Decimal>,
    text: bool,
) -> Result<(Decimal, String), Overflow> {
    // The hours of every candidate instance type are compared; only the chosen one's
    // arithmetic is written out.
    let t = |f: &dyn Fn() -> String| if text { f() } else { String::new() };
    let k = &cx.c.container;
    let spread = k.min_tasks >= dec!(2) || (plan.pinned && plan.peak_tasks >= dec!(2));
    let floor = if spread {
        dec!(2)
    } else if k.min_tasks.is_zero() && !plan.pinned {
        Decimal::ZERO
    } else {
        Decimal::ONE
    };
    let nodes =
        |tasks: Decimal| given.unwrap_or_else(|| (tasks / per).ceil().max(floor).max(Decimal::ONE));
    Ok(match schedule {
        Schedule::Blocks(bs) => {
            let parts: Vec<(Decimal, Decimal)> =
                bs.iter().map(|b| (nodes(b.tasks), b.hours)).collect();
            let total = parts.iter().try_fold(Decimal::ZERO, |acc, (n, h)| {
                prod("instance-hours", &[*n, *h]).map(|x| acc + x)
            })?;
            let how = t(&|| {
                parts
                    .iter()
                    .map(|(n, h)| format!("{} × {} h", Qty(*n), Qty(h.round_even(2))))
                    .collect::<Vec<_>>()
                    .join(" + ")
            });
            (total, how)
        }
        Schedule::Hours {
            launches: Some(l),
            seconds_each: Some(s),
            tasks_each,
            ..
        } => {
            let n = given.unwrap_or_else(|| (tasks_each / per).ceil().max(Decimal::ONE));
            // An instance launched for the work boots first (about a minute, billed).
            let each = *s + INSTANCE_BOOT_S;
            let h = prod("instance-hours", &[*l, each, n])? / dec!(3600);
            (
                h,
                t(&|| {
                    format!(
                        "{} launches × {} instance{} × ({} s + {} s to boot) ÷ 3,600: an instance started for each, billed per second",
                        Qty(l.round_even(4)),
                        Qty(n),
                        if n == Decimal::ONE { "" } else { "s" },
                        Qty(*s),
                        Qty(INSTANCE_BOOT_S)
                    )
                }),
            )
        }
        Schedule::Hours {
            task_hours,
            up_hours,
            ..
        } => match given {
            Some(n) => (
                prod("instance-hours", &[n, cx.hours])?,
                t(&|| format!("{} × {} h", Qty(n), Qty(cx.hours))),
            ),
            None => {
                let packed = task_hours / per;
                let min_h =
                    prod("instance-hours", &[(k.min_tasks / per).ceil(), cx.hours])?.max(*up_hours);
                let h = packed.max(min_h);
                (
                    h,
                    t(&|| {
                        format!(
                            "{} task-hours ÷ {} {} a node = {} instance-hours (the autoscaler adds nodes as the backlog grows){}",
                            Qty(task_hours.round_even(4)),
                            Qty(per),
                            plural("task", per),
                            Qty(packed.round_even(4)),
                            if min_h > packed {
                                format!(
                                    "; a node is up {} h while consumers are",
                                    Qty(min_h.round_even(2))
                                )
                            } else {
                                String::new()
                            }
                        )
                    }),
                )
            }
        },
    })
}

/// The instance type, its hours and their arithmetic; or why no type can run the component.
pub(crate) type Nodes<'a> = Result<Result<(&'a Instance, Decimal, String), String>, Overflow>;

/// [`instances`] on the empty bill of a server placement, chosen once per component: what
/// choosing them wrote on the bill is copied onto each placement's.
fn nodes<'a>(cx: &Ctx<'a>, b: &mut Bill) -> Nodes<'a> {
    debug_assert!(
        b.lines.is_empty()
            && b.derivations.is_empty()
            && b.warnings.is_empty()
            && b.mitigations.is_empty()
    );
    let (chosen, wrote) = cx.nodes.get_or_init(|| {
        let mut fresh = Bill::new(cx.detail);
        let chosen = instances(cx, &mut fresh);
        (chosen, fresh)
    });
    *b = wrote.clone();
    chosen.clone()
}

/// The instance type and hours a server placement uses: as given, or the cheapest
/// catalog type of the component's architecture (with GPUs if it needs them).
fn instances<'a>(cx: &Ctx<'a>, b: &mut Bill) -> Nodes<'a> {
    let c = cx.c;
    let plan = match capacity::plan(cx, Host::Nodes, b)? {
        Ok(p) => p,
        Err(e) => return Ok(Err(e)),
    };
    let wants_gpu = c.gpu != Gpu::None;
    let given_nodes = c.container.nodes;
    let candidates: Vec<&Instance> = match &c.container.instance_type {
        Some(name) => match Pricing::instance(cx.r, name) {
            Some(i) => vec![i],
            None => {
                let names: Vec<&str> = cx.r.ec2.iter().map(|i| i.kind.as_str()).collect();
                return Ok(Err(format!(
                    "the pricing catalog has no instance type `{name}` in {} (it has: {})",
                    cx.r.region,
                    names.join(", ")
                )));
            }
        },
        None => {
            cx.r.ec2
                .iter()
                .filter(|i| i.arch == c.arch && (i.gpus.0 > Decimal::ZERO) == wants_gpu)
                .collect()
        }
    };
    let mut options: Vec<Candidate> = Vec::new();
    // Types that hold as many tasks a node need as many node-hours: worked out once each.
    let mut by_per: Vec<(Decimal, Decimal)> = Vec::with_capacity(candidates.len());
    for inst in candidates {
        let Some(per) = per_node(inst, &plan.task, wants_gpu) else {
            continue;
        };
        let (price, _) = hourly(cx, inst);
        let hours = match by_per.iter().find(|(p, _)| *p == per) {
            Some(&(_, h)) => h,
            None => {
                let (h, _) = node_hours(cx, &plan, per, given_nodes, false)?;
                by_per.push((per, h));
                h
            }
        };
        let cost = prod("instance cost", &[hours, price.usd.0])?;
        options.push((cost, hours, per, inst));
    }
    // The cheapest first (ties to fewer hours, then the catalog order); the rest in order
    // only when the next cheapest are shown.
    let by_cost = |a: &Candidate, b: &Candidate| a.0.cmp(&b.0).then(a.1.cmp(&b.1));
    if b.words {
        options.sort_by(by_cost);
    } else if let Some((i, _)) = options.iter().enumerate().min_by(|x, y| by_cost(x.1, y.1)) {
        options.swap(0, i);
    }
    let Some((_, hours, per, inst)) = options.first().cloned() else {
        return Ok(Err(match &c.container.instance_type {
            Some(name) => format!(
                "one task ({} vCPU, {} GB) does not fit on a {name} once the node's reserve for the OS and kubelet is kept",
                Qty(plan.task.vcpu),
                Qty(plan.task.memory_gb)
            ),
            None => format!(
                "no {} {} instance type in the {} catalog holds one task of {} vCPU / {} GB beside the node's reserve; a larger type can be added with --pricing and a file that `extends: embedded`",
                c.arch,
                if wants_gpu { "GPU" } else { "general-purpose" },
                cx.r.region,
                Qty(plan.task.vcpu),
                Qty(plan.task.memory_gb)
            ),
        }));
    };
    // The chosen type's arithmetic in words, worked out again only when it is shown.
    let how = if b.words {
        node_hours(cx, &plan, per, given_nodes, true)?.1
    } else {
        String::new()
    };
    if b.words {
        derive_instances(cx, b, &options, &how);
    }
    if let Some(n) = given_nodes {
        let holds = n * per;
        if plan.peak_tasks > holds {
            b.warn(format!(
                "{} given {} nodes hold {} tasks, but the load needs {} at its peak: they are overloaded",
                Qty(n),
                inst.kind,
                Qty(holds),
                Qty(plan.peak_tasks)
            ));
        }
    }
    Ok(Ok((inst, hours, how)))
}

/// An instance type a server placement could run on: its month's cost, instance-hours,
/// tasks a node, and the type.
type Candidate<'a> = (Decimal, Decimal, Decimal, &'a Instance);

/// The derivation of the chosen instances: the type, what it holds, the next cheapest.
fn derive_instances(cx: &Ctx, b: &mut Bill, options: &[Candidate], how: &str) {
    let c = cx.c;
    let given_nodes = c.container.nodes;
    let Some(&(_, hours, per, inst)) = options.first() else {
        return;
    };
    let (rc, rm) = inst.reserve();
    let others: Vec<String> = options
        .iter()
        .skip(1)
        .take(2)
        .map(|(cost, _, _, i)| format!("{} ${}", i.kind, Qty(cost.round_even(2))))
        .collect();
    let burst = inst
        .burst_baseline
        .as_ref()
        .map(|bl| {
            format!(
                ", burstable: {}% of each vCPU sustained",
                Qty(bl.0 * dec!(100))
            )
        })
        .unwrap_or_default();
    b.derive_as(
        "instances",
        Figure::shown(
            hours.round_even(4),
            "instance-hour",
            format!("{} {} instance-hours", Qty(hours.round_even(4)), inst.kind),
        ),
        format!(
            "{} ({} vCPU / {} GB; {} vCPU / {} GB kept for the OS and kubelet{burst}) holds {} task{}; {how}{}{}",
            inst.kind,
            Qty(inst.vcpu.0),
            Qty(inst.memory_gb.0),
            Qty(rc.round_even(3)),
            Qty(rm.round_even(2)),
            Qty(per),
            if per == Decimal::ONE { "" } else { "s" },
            match (&c.container.instance_type, given_nodes) {
                (Some(_), Some(_)) => "; given (container.instance_type, container.nodes)".to_string(),
                (Some(_), None) => "; type given (container.instance_type)".to_string(),
                (None, _) => " — the cheapest catalog type that holds them".to_string(),
            },
            if others.is_empty() {
                String::new()
            } else {
                format!(" (next: {})", others.join(", "))
            }
        ),
        if given_nodes.is_some() && c.container.instance_type.is_some() {
            Origin::Given
        } else {
            Origin::Derived
        },
    );
}

fn node_line(
    cx: &Ctx,
    b: &mut Bill,
    inst: &Instance,
    (hours, how): (Decimal, String),
    (id, item): (&'static str, &str),
) -> Result<(), Overflow> {
    let (price, fallback) = hourly(cx, inst);
    let label = match (cx.c.container.purchase, fallback) {
        (Purchase::OnDemand, _) => "on demand",
        (Purchase::Reserved1y, false) => "1-year reserved",
        (Purchase::Reserved1y, true) => "on demand: no 1-year reserved price in the catalog",
    };
    // A short formula reads as the bill does ("4 × 730 h"); a long derivation stays in --explain.
    let how = if how.len() <= 40 { how } else { String::new() };
    charge!(
        b,
        id,
        format!("{item}: {} ({label})", inst.kind),
        hours,
        "instance-hour",
        price,
        &how,
    )
}

pub fn eks(cx: &Ctx, b: &mut Bill) -> Outcome {
    let (inst, hours, how) = match nodes(cx, b)? {
        Ok(x) => x,
        Err(e) => return Ok(Err(e)),
    };
    charge!(
        b,
        "eks.control-plane",
        "EKS control plane",
        cx.hours,
        "cluster-hour",
        &cx.r.eks.control_plane_hour,
        "",
    )?;
    b.shared("eks-control-plane");
    node_line(cx, b, inst, (hours, how), ("eks.nodes", "Worker nodes"))?;
    shared::server_front_door(cx, b)?;
    Ok(Ok(()))
}

pub fn ec2(cx: &Ctx, b: &mut Bill) -> Outcome {
    if cx.c.gpu != Gpu::None {
        return Ok(Err("GPU instances are priced as gpu-instance".into()));
    }
    let (inst, hours, how) = match nodes(cx, b)? {
        Ok(x) => x,
        Err(e) => return Ok(Err(e)),
    };
    node_line(cx, b, inst, (hours, how), ("ec2.instances", "Instances"))?;
    shared::server_front_door(cx, b)?;
    Ok(Ok(()))
}

/// GPU instances: a warm pool for serving, an instance per run for scheduled training.
pub fn gpu_instance(cx: &Ctx, b: &mut Bill) -> Outcome {
    if cx.c.gpu == Gpu::None {
        return Ok(Err("the component needs no GPU".into()));
    }
    let (inst, hours, how) = match nodes(cx, b)? {
        Ok(x) => x,
        Err(e) => return Ok(Err(e)),
    };
    if inst.gpus.0 <= Decimal::ZERO {
        return Ok(Err(format!("{} has no GPU", inst.kind)));
    }
    node_line(
        cx,
        b,
        inst,
        (hours, how),
        ("gpu.instances", "GPU instances"),
    )?;
    if cx.c.schedule.is_none() {
        shared::server_front_door(cx, b)?;
    }
    Ok(Ok(()))
}
