//! Capacity as an SRE provisions it: the CPU a request needs, what one task carries at
//! its target utilisation, and how many tasks run through the month — following the
//! daily curve where an autoscaler can, holding bursts warm where it cannot, on busy
//! time for work behind a queue, per run for work on a timetable.
//!
//! One model serves every server placement (Fargate, EKS, EC2, GPU instances); the
//! platform modules only round tasks to their sizes and price them.

use crate::cost::{derivation, derivation_as, text};
use crate::workload::key;
use rust_decimal::Decimal;
use rust_decimal::dec;

use super::money::{div, prod};
use super::{Bill, Ctx, Figure, Overflow, Qty, latency, plural};
use crate::cost::money::RoundEven;
use crate::workload::{Component, Gpu, Kind, Origin, Shape};

/// Lambda gives a function one vCPU at 1,769 MB, in proportion below and above it.
pub const MB_PER_LAMBDA_VCPU: Decimal = dec!(1769);
/// Lambda's largest allocation: 6 vCPU at 10,240 MB.
const LAMBDA_MAX_VCPU: Decimal = dec!(6);
const LAMBDA_MAX_MB: Decimal = dec!(10240);
/// Requests one task serves at once when nothing else limits it (Cloud Run's default).
pub const DEFAULT_CONCURRENCY: Decimal = dec!(80);
pub(crate) const SYNC_UTILISATION: Decimal = dec!(0.7);
pub(crate) const ASYNC_UTILISATION: Decimal = dec!(0.8);

/// What one request asks of a CPU.
#[derive(Debug, Clone, Copy)]
pub struct Work {
    /// The CPU the duration was measured with (vCPU).
    pub measured_vcpu: Decimal,
    /// CPU work per request: the computing part of the duration at that CPU (vCPU-seconds).
    pub vcpu_s: Decimal,
    pub duration_s: Decimal,
}

/// The CPU a duration measured on Lambda ran with: memory ÷ 1,769 MB, at most 6 vCPU.
/// Above Lambda's 10,240 MB the duration was measured elsewhere: a memory-optimised
/// instance's 8 GB per vCPU, at least 6.
pub fn measured_vcpu(memory_mb: Decimal) -> Decimal {
    let mb = memory_mb.max(dec!(128));
    if mb <= LAMBDA_MAX_MB {
        (mb / MB_PER_LAMBDA_VCPU).min(LAMBDA_MAX_VCPU)
    } else {
        (mb / dec!(8192)).max(LAMBDA_MAX_VCPU)
    }
}

pub fn work(cx: &Ctx, b: &mut Bill) -> Result<Work, Overflow> {
    let c = cx.c;
    // The same for every placement of the component: worked out once.
    let w = match cx.work.get() {
        Some(w) => *w,
        None => {
            let measured_vcpu = measured_vcpu(c.memory_mb);
            let cpu_s = c.cpu_ms / dec!(1000);
            let w = Work {
                measured_vcpu,
                vcpu_s: prod("CPU per request", &[cpu_s, measured_vcpu])?,
                duration_s: cx.duration_s(),
            };
            *cx.work.get_or_init(|| w)
        }
    };
    let Work {
        measured_vcpu,
        vcpu_s,
        ..
    } = w;
    derivation!(
        b,
        "CPU per request",
        Figure::shown(vcpu_s, "vCPU-second", format!("{} vCPU-s", Qty(vcpu_s))),
        format!(
            "cpu_ms {}{} at the {} vCPU the duration was measured with ({} MB ÷ 1,769 MB per vCPU, as Lambda allocates)",
            Qty(c.cpu_ms),
            match c.origin_at(key!("cpu_ms")) {
                Origin::Given => String::new(),
                _ => " (not given: every ms of duration_ms computes)".into(),
            },
            Qty(measured_vcpu),
            Qty(c.memory_mb.max(dec!(128)))
        ),
    );
    Ok(w)
}

/// A stretch of each day at one request rate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub hours_per_day: Decimal,
    pub rps: Decimal,
}

/// The day as two levels: the busiest hours at the peak, the rest at the shape's quiet
/// level (a diurnal service's night, the lull between bursts). The two average to the
/// month's rate. A steady load, or a peak not above the average, is one level.
/// The words (`how`) are written only when `words` is set.
pub fn day(c: &Component, hours: Decimal, words: bool) -> (Vec<Segment>, String) {
    let segments = segments(c, hours);
    let how = if words {
        day_words(c, hours, &segments)
    } else {
        String::new()
    };
    (segments, how)
}

/// [`day`]'s levels.
fn segments(c: &Component, hours: Decimal) -> Vec<Segment> {
    levels(c.requests_per_month, c.peak_rps, c.shape, hours)
}

/// The day's levels of `requests` a month of `hours` with a peak of `peak` req/s.
pub fn levels(requests: Decimal, peak: Decimal, shape: Shape, hours: Decimal) -> Vec<Segment> {
    let avg = requests / (hours * dec!(3600));
    let q = shape.quiet_share();
    if shape == Shape::Steady || shape == Shape::Timetable || peak <= avg || avg.is_zero() {
        return vec![Segment {
            hours_per_day: dec!(24),
            rps: avg,
        }];
    }
    let f = peak / avg;
    let busy_h = dec!(24) * (Decimal::ONE - q) / (f - q);
    let quiet = avg * q;
    vec![
        Segment {
            hours_per_day: busy_h,
            rps: peak,
        },
        Segment {
            hours_per_day: dec!(24) - busy_h,
            rps: quiet,
        },
    ]
}

/// [`day`]'s levels in words.
fn day_words(c: &Component, hours: Decimal, segments: &[Segment]) -> String {
    let avg = c.requests_per_month / (hours * dec!(3600));
    match segments {
        [busy, quiet] => format!(
            "{} h a day at the {} req/s peak and {} h at {} req/s ({}× the average, the {} shape's quiet level), which average to {} req/s",
            Qty(busy.hours_per_day.round_even(2)),
            Qty(busy.rps),
            Qty(quiet.hours_per_day.round_even(2)),
            Qty(quiet.rps.round_even(4)),
            Qty(c.shape.quiet_share()),
            c.shape,
            Qty(avg.round_even(4))
        ),
        _ => format!("a flat day at {} req/s", Qty(avg)),
    }
}

impl Ctx<'_> {
    /// [`day`] of the component, its levels worked out once for all its placements.
    pub(crate) fn day(&self, words: bool) -> (&[Segment], String) {
        let segments = self.segments.get_or_init(|| segments(self.c, self.hours));
        let how = if words {
            day_words(self.c, self.hours, segments)
        } else {
            String::new()
        };
        (segments, how)
    }
}

/// Where the tasks run: Fargate's fixed sizes, or nodes that hold any size.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Host {
    Fargate,
    Nodes,
    /// A Cloud Run instance (services and jobs): its sizes, memory in MiB.
    CloudRun,
}

/// Cloud Run's instance sizes for an instance that serves more than one request at once:
/// vCPU, the memory it allows (GiB, from–to) and the step (1 MiB). Below 1 vCPU Cloud Run
/// allows only one request at a time, so the smallest size here is 1 vCPU.
/// docs.cloud.google.com/run/docs/configuring/services/cpu (vCPU and memory table),
/// read 2026-12-01.
const CLOUD_RUN: [(Decimal, Decimal, Decimal, Decimal); 5] = [
    (dec!(1), dec!(0.5), dec!(4), dec!(0.0009765625)),
    (dec!(2), dec!(0.5), dec!(8), dec!(0.0009765625)),
    (dec!(4), dec!(2), dec!(16), dec!(0.0009765625)),
    (dec!(6), dec!(4), dec!(24), dec!(0.0009765625)),
    (dec!(8), dec!(4), dec!(32), dec!(0.0009765625)),
];

/// Fargate's task sizes: vCPU, the memory range it allows and the step within it (GB).
const FARGATE: [(Decimal, Decimal, Decimal, Decimal); 7] = [
    (dec!(0.25), dec!(0.5), dec!(2), dec!(0.5)),
    (dec!(0.5), dec!(1), dec!(4), dec!(1)),
    (dec!(1), dec!(2), dec!(8), dec!(1)),
    (dec!(2), dec!(4), dec!(16), dec!(1)),
    (dec!(4), dec!(8), dec!(30), dec!(1)),
    (dec!(8), dec!(16), dec!(60), dec!(4)),
    (dec!(16), dec!(32), dec!(120), dec!(8)),
];

/// One task's size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Task {
    pub vcpu: Decimal,
    pub memory_gb: Decimal,
}

/// The task size: as given, else the CPU the duration was measured with (so no request
/// runs slower than measured) and the memory the function had; on Fargate rounded up to a
/// size it offers.
pub fn task(cx: &Ctx, w: &Work, host: Host, b: &mut Bill) -> Result<Task, String> {
    let c = cx.c;
    let k = &c.container;
    let need_mem = c.memory_mb / dec!(1024);
    let need_cpu = w.measured_vcpu.max(dec!(0.25));
    if c.gpu != Gpu::None {
        // A GPU task takes its host memory and a vCPU per 8 GB of it (GPU instances' ratio).
        let vcpu = k.vcpu.unwrap_or((need_mem / dec!(8)).max(Decimal::ONE));
        let memory_gb = k.memory_gb.unwrap_or(need_mem);
        derivation!(
            b,
            "task size",
            format!("{} vCPU, {} GB, 1 GPU", Qty(vcpu), Qty(memory_gb)),
            "one GPU per task, with memory_mb of host memory and a vCPU per 8 GB of it",
        );
        return Ok(Task { vcpu, memory_gb });
    }
    if host == Host::Nodes {
        let vcpu = k.vcpu.unwrap_or(need_cpu);
        let memory_gb = k.memory_gb.unwrap_or(need_mem);
        derivation_as!(
            b,
            "task size",
            format!("{} vCPU, {} GB", Qty(vcpu), Qty(memory_gb)),
            match (k.vcpu, k.memory_gb) {
                (Some(_), Some(_)) => "given (container.vcpu, container.memory_gb)".into(),
                _ => format!(
                    "the {} vCPU the duration was measured with (at least 0.25) and memory_mb {} ÷ 1,024",
                    Qty(w.measured_vcpu),
                    Qty(c.memory_mb)
                ),
            },
            if k.vcpu.is_some() && k.memory_gb.is_some() {
                Origin::Given
            } else {
                Origin::Derived
            },
        );
        return Ok(Task { vcpu, memory_gb });
    }
    let want_cpu = k.vcpu.unwrap_or(need_cpu);
    let want_mem = k.memory_gb.unwrap_or(need_mem);
    let (sizes, name, unit, largest): (&[_], _, _, _) = if host == Host::CloudRun {
        (&CLOUD_RUN, "Cloud Run", "instance", "8 vCPU with 32 GB")
    } else {
        (&FARGATE, "Fargate", "task", "16 vCPU with 120 GB")
    };
    let Some(&(vcpu, lo, hi, step)) = sizes
        .iter()
        .find(|(v, _, hi, _)| *v >= want_cpu && *hi >= want_mem)
    else {
        return Err(format!(
            "no {name} {unit} size holds {} vCPU and {} GB (the largest is {largest})",
            Qty(want_cpu),
            Qty(want_mem)
        ));
    };
    let memory_gb = match k.memory_gb {
        Some(m) => m,
        None => (want_mem.max(lo) / step).ceil() * step,
    }
    .min(hi);
    let origin = if k.vcpu.is_some() && k.memory_gb.is_some() {
        Origin::Given
    } else {
        Origin::Derived
    };
    derivation_as!(
        b,
        "task size",
        format!("{} vCPU, {} GB", Qty(vcpu), Qty(memory_gb)),
        match origin {
            Origin::Given => "given (container.vcpu, container.memory_gb)".into(),
            _ => format!(
                "the smallest {name} size with at least {} vCPU ({}) and {} GB (memory_mb {} ÷ 1,024)",
                Qty(want_cpu),
                match k.vcpu {
                    Some(_) => "given".to_string(),
                    None => format!(
                        "the CPU the duration was measured with, {}",
                        Qty(w.measured_vcpu)
                    ),
                },
                Qty(want_mem),
                Qty(c.memory_mb)
            ),
        },
        origin,
    );
    Ok(Task { vcpu, memory_gb })
}

/// What one task carries.
#[derive(Debug, Clone)]
pub struct Throughput {
    /// Requests per second flat out.
    pub full_rps: Decimal,
    /// The utilisation the autoscaler aims for.
    pub utilisation: Decimal,
    /// Requests per second at that utilisation.
    pub rps: Decimal,
}

pub fn throughput(cx: &Ctx, w: &Work, t: &Task, b: &mut Bill) -> Result<Throughput, Overflow> {
    let c = cx.c;
    let k = &c.container;
    let utilisation = k.target_utilisation.unwrap_or(if c.is_async() {
        ASYNC_UTILISATION
    } else {
        SYNC_UTILISATION
    });
    let d = w.duration_s;
    let (full_rps, how, origin) = if c.gpu != Gpu::None {
        match k.rps_per_gpu {
            Some(r) => (
                r,
                "given (container.rps_per_gpu)".to_string(),
                Origin::Given,
            ),
            None => (
                div("requests per GPU", Decimal::ONE, d)?,
                text!(
                    b,
                    "one request at a time: 1 ÷ {} s (give container.rps_per_gpu for batching)",
                    Qty(d)
                ),
                Origin::Default,
            ),
        }
    } else if let Some(r) = k.rps_per_task {
        (
            r,
            "given (container.rps_per_task)".to_string(),
            Origin::Given,
        )
    } else {
        let cap = k.concurrency_per_task.unwrap_or(DEFAULT_CONCURRENCY);
        let by_cpu = if w.vcpu_s.is_zero() {
            cap
        } else {
            div(
                "requests a task runs at once",
                prod("task CPU-seconds", &[t.vcpu, d])?,
                w.vcpu_s,
            )?
        };
        let at_once = by_cpu.min(cap);
        let rps = div("requests per task", at_once, d)?;
        let limit = if by_cpu <= cap {
            text!(
                b,
                "its {} vCPU runs {} request{} at once ({} vCPU × {} s ÷ {} vCPU-s each)",
                Qty(t.vcpu),
                Qty(by_cpu.round_even(3)),
                if by_cpu.round_even(3) == Decimal::ONE {
                    ""
                } else {
                    "s"
                },
                Qty(t.vcpu),
                Qty(d),
                Qty(w.vcpu_s)
            )
        } else {
            text!(
                b,
                "{} requests at once ({}; its vCPU would allow {})",
                Qty(cap),
                if k.concurrency_per_task.is_some() {
                    "container.concurrency_per_task"
                } else {
                    "the default concurrency for requests that wait on I/O"
                },
                Qty(by_cpu.round_even(1))
            )
        };
        (
            rps,
            text!(b, "{limit}, each taking {} s", Qty(d)),
            Origin::Derived,
        )
    };
    let rps = prod("requests per task", &[full_rps, utilisation])?;
    derivation_as!(
        b,
        if c.gpu != Gpu::None {
            "requests per GPU"
        } else {
            "requests per task"
        },
        Figure::shown(
            rps.round_even(4),
            "req/s",
            format!(
                "{} req/s at {}% ({} flat out)",
                Qty(rps.round_even(4)),
                Qty(utilisation * dec!(100)),
                Qty(full_rps.round_even(4))
            ),
        ),
        format!(
            "{how}; the autoscaler aims at {}% utilisation{}",
            Qty(utilisation * dec!(100)),
            if k.target_utilisation.is_some() {
                " (given)"
            } else if c.is_async() {
                " (default for queue consumers)"
            } else {
                " (default for services answering requests)"
            }
        ),
        origin,
    );
    Ok(Throughput {
        full_rps,
        utilisation,
        rps,
    })
}

/// Tasks held for some hours of the month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Block {
    pub tasks: Decimal,
    pub hours: Decimal,
}

/// How the month's task-hours come about.
#[derive(Debug, Clone, PartialEq)]
pub enum Schedule {
    /// Tasks held in blocks of hours (services that answer requests).
    Blocks(Vec<Block>),
    /// Task-hours of work, packed onto whatever runs (queue consumers, runs on a timetable).
    /// `launches` counts the separate starts (runs, jobs) when each is billed on its own.
    Hours {
        task_hours: Decimal,
        launches: Option<Decimal>,
        seconds_each: Option<Decimal>,
        /// Hours at least one task is up (consumers that linger after the queue empties).
        up_hours: Decimal,
        /// Tasks each launch starts.
        tasks_each: Decimal,
    },
}

/// The month's capacity for one component.
#[derive(Debug, Clone)]
pub struct Plan {
    pub task: Task,
    /// Tasks the peak needs (or the count given).
    pub peak_tasks: Decimal,
    pub schedule: Schedule,
    /// The other way to run the same work (consumers that stay up instead of a task per
    /// job, a task kept running instead of one per run); nodes pack the two differently.
    pub other: Option<Schedule>,
    /// The user pinned the task count.
    pub pinned: bool,
    /// A pinned count that cannot carry the load, in words.
    pub overload: Option<String>,
}

impl Plan {
    pub fn task_hours(&self) -> Decimal {
        match &self.schedule {
            Schedule::Blocks(bs) => bs.iter().map(|b| b.tasks * b.hours).sum(),
            Schedule::Hours { task_hours, .. } => *task_hours,
        }
    }

    /// `7 tasks × 730 h`, or `(9 tasks × 146 h + 3 tasks × 584 h)`, or `181.3 task-hours`.
    pub fn hours_text(&self, unit: &str) -> String {
        match &self.schedule {
            Schedule::Blocks(bs) if bs.len() == 1 => format!(
                "{} {} × {} h",
                Qty(bs[0].tasks),
                plural(unit, bs[0].tasks),
                Qty(bs[0].hours.round_even(4))
            ),
            Schedule::Blocks(bs) => format!(
                "({})",
                bs.iter()
                    .map(|b| format!(
                        "{} {} × {} h",
                        Qty(b.tasks),
                        plural(unit, b.tasks),
                        Qty(b.hours.round_even(2))
                    ))
                    .collect::<Vec<_>>()
                    .join(" + ")
            ),
            Schedule::Hours { task_hours, .. } => {
                format!("{} {unit}-hours", Qty(task_hours.round_even(4)))
            }
        }
    }
}

/// Sizes the component's tasks for a host; `Err(reason)` when no task size holds it.
pub fn plan(cx: &Ctx, host: Host, b: &mut Bill) -> Result<Result<Plan, String>, Overflow> {
    let w = work(cx, b)?;
    let task = match task(cx, &w, host, b) {
        Ok(t) => t,
        Err(e) => return Ok(Err(e)),
    };
    let per_task = throughput(cx, &w, &task, b)?;
    let c = cx.c;
    // A batch given only as a count of jobs is work that waits, like a queue's; a
    // timetable the file states (or a scheduled kind's) runs per run.
    let on_a_timetable = c.schedule.is_some()
        && !(c.kind == Kind::Batch && c.origin_at(key!("schedule")) == Origin::Derived);
    let plan = if on_a_timetable {
        timetable(cx, task, per_task, b)?
    } else if c.is_async() {
        queue(cx, &w, task, per_task, b)?
    } else {
        service(cx, task, per_task, b)?
    };
    if let Some(o) = &plan.overload {
        b.warn(o.clone());
    }
    Ok(Ok(plan))
}

fn tasks_for(rate: Decimal, per: &Throughput, min: Decimal) -> Result<Decimal, Overflow> {
    if rate.is_zero() {
        return Ok(min);
    }
    Ok(div("tasks", rate, per.rps)?.ceil().max(min))
}

/// A pinned count against the load it gets: `None` when it carries it.
fn overload(given: Decimal, per: &Throughput, load: Decimal, what: &str) -> Option<String> {
    let carries = given * per.full_rps;
    (load > carries).then(|| {
        format!(
            "{} given tasks carry at most {} req/s ({} each flat out; {} at the {}% target), but the {what} is {} req/s: they are overloaded",
            Qty(given),
            Qty(carries.round_even(2)),
            Qty(per.full_rps.round_even(3)),
            Qty((given * per.rps).round_even(2)),
            Qty(per.utilisation * dec!(100)),
            Qty(load.round_even(2))
        )
    })
}

/// A service answering requests: it holds what the peak needs where bursts outrun
/// scale-out, and follows the day where the load changes over hours.
fn service(cx: &Ctx, task: Task, per: Throughput, b: &mut Bill) -> Result<Plan, Overflow> {
    let c = cx.c;
    let k = &c.container;
    let peak = c.peak_rps;
    let days = cx.days();
    let active_h = k
        .active_seconds_per_day
        .map(|s| prod("active hours", &[s / dec!(3600), days]))
        .transpose()?;
    if let Some(n) = k.tasks {
        let hours = active_h.unwrap_or(cx.hours);
        derivation_as!(
            b,
            "tasks",
            Figure::count(n, "task"),
            "given (container.tasks)",
            Origin::Given,
        );
        return Ok(Plan {
            task,
            peak_tasks: n,
            schedule: Schedule::Blocks(vec![Block { tasks: n, hours }]),
            other: None,
            pinned: true,
            overload: overload(n, &per, peak, "peak"),
        });
    }
    let min = k.min_tasks;
    let peak_tasks = tasks_for(peak, &per, min)?;
    let need = |rate: Decimal| -> String {
        format!(
            "⌈{} ÷ {}⌉ = {}",
            Qty(rate.round_even(4)),
            Qty(per.rps.round_even(4)),
            Qty(div("tasks", rate, per.rps).unwrap_or_default().ceil())
        )
    };
    let min_note = text!(b, "at least {} (min_tasks)", Qty(min));
    if let Some(h) = active_h {
        derivation!(
            b,
            "tasks",
            Figure::count(peak_tasks, "task"),
            format!(
                "peak {} req/s: {}, {min_note}; up only {} s a day (container.active_seconds_per_day)",
                Qty(peak),
                need(peak),
                Qty(k.active_seconds_per_day.unwrap_or_default())
            ),
        );
        return Ok(Plan {
            task,
            peak_tasks,
            schedule: Schedule::Blocks(vec![Block {
                tasks: peak_tasks,
                hours: h,
            }]),
            other: None,
            pinned: false,
            overload: None,
        });
    }
    let (segments, day_how) = cx.day(b.words);
    if c.shape == Shape::Diurnal && segments.len() == 2 {
        let blocks: Vec<Block> = segments
            .iter()
            .map(|s| {
                Ok(Block {
                    tasks: tasks_for(s.rps, &per, min)?,
                    hours: prod("hours", &[s.hours_per_day, days])?,
                })
            })
            .collect::<Result<_, Overflow>>()?;
        derivation!(
            b,
            "tasks",
            Figure::shown(
                blocks[0].tasks,
                "task",
                format!(
                    "{} at peak, {} otherwise",
                    Qty(blocks[0].tasks),
                    Qty(blocks[1].tasks)
                ),
            ),
            format!(
                "capacity follows the day, which changes over hours while scale-out takes minutes: {day_how}; peak {}, quiet {}; {min_note}",
                need(segments[0].rps),
                need(segments[1].rps)
            ),
        );
        return Ok(Plan {
            task,
            peak_tasks,
            schedule: Schedule::Blocks(blocks),
            other: None,
            pinned: false,
            overload: None,
        });
    }
    let why = match c.shape {
        Shape::Steady => "a steady load's peak is its busiest second, held all month",
        _ => {
            "bursts arrive faster than tasks start (minutes), so the peak's capacity is held warm all month"
        }
    };
    derivation!(
        b,
        "tasks",
        Figure::count(peak_tasks, "task"),
        format!(
            "peak {} req/s: {}, {min_note}; {why}",
            Qty(peak),
            need(peak)
        ),
    );
    Ok(Plan {
        task,
        peak_tasks,
        schedule: Schedule::Blocks(vec![Block {
            tasks: peak_tasks,
            hours: cx.hours,
        }]),
        other: None,
        pinned: false,
        overload: None,
    })
}

/// Seconds a new task takes before it serves: as given, else 2 s plus 1 s per 200 MB of
/// image (the seed's 1.89 GB image pulled in 8–15 s).
/// Seconds a queue stays empty before queue-depth scaling removes an idle consumer (a
/// CloudWatch alarm over five one-minute periods).
pub const SCALE_IN_S: Decimal = dec!(300);

pub fn startup_s(cx: &Ctx) -> Decimal {
    cx.c.container
        .startup_s
        .unwrap_or(dec!(2) + cx.c.package_mb / dec!(200))
}

/// Work behind a queue: the queue absorbs bursts, consumers follow the backlog and are
/// paid for busy time at the target utilisation (or a task per job, for long jobs).
fn queue(cx: &Ctx, w: &Work, task: Task, per: Throughput, b: &mut Bill) -> Result<Plan, Overflow> {
    let c = cx.c;
    let k = &c.container;
    let n = c.requests_per_month;
    let avg = cx.avg_rps();
    if let Some(given) = k.tasks {
        derivation_as!(
            b,
            "tasks",
            Figure::count(given, "task"),
            "given (container.tasks), always on",
            Origin::Given,
        );
        return Ok(Plan {
            task,
            peak_tasks: given,
            schedule: Schedule::Blocks(vec![Block {
                tasks: given,
                hours: cx.hours,
            }]),
            other: None,
            pinned: true,
            overload: overload(
                given,
                &per,
                avg,
                "average arrival rate (the queue grows without end)",
            ),
        });
    }
    let busy = div(
        "busy task-hours",
        n,
        prod("task-hours", &[per.rps, dec!(3600)])?,
    )?;
    let floor = prod("minimum task-hours", &[k.min_tasks, cx.hours])?;
    // A consumer stays up until the queue has been empty for a while: with jobs arriving
    // at random, some consumer is up whenever one arrived in the last job-plus-lag.
    let up = *cx.queue_up_hours.get_or_init(|| {
        let (segments, _) = cx.day(false);
        segments
            .iter()
            .map(|s| {
                let hours = s.hours_per_day * cx.days();
                hours * (Decimal::ONE - latency::exp_neg(s.rps * (w.duration_s + SCALE_IN_S)))
            })
            .sum()
    });
    let service_hours = busy.max(floor).max(up);
    let peak_tasks = tasks_for(c.peak_rps, &per, k.min_tasks.max(Decimal::ONE))?;
    // Jobs of a minute or more can each start their own task instead.
    let start = startup_s(cx);
    let per_job_s = (w.duration_s + start).max(dec!(60));
    let per_job = (w.duration_s >= dec!(60))
        .then(|| prod("task-hours per job", &[n, per_job_s]).map(|s| s / dec!(3600)))
        .transpose()?;
    let service_how = text!(
        b,
        "{} jobs ÷ {} jobs/s per task ÷ 3,600 = {} busy task-hours; a consumer is up {} h, until the queue has been empty {} s{}",
        Qty(n),
        Qty(per.rps.round_even(6)),
        Qty(busy.round_even(4)),
        Qty(up.round_even(2)),
        Qty(SCALE_IN_S),
        if floor > busy.max(up) {
            format!("; min_tasks {} keep {} h", Qty(k.min_tasks), Qty(floor))
        } else if k.min_tasks.is_zero() {
            "; scales to zero on an empty queue".into()
        } else {
            String::new()
        }
    );
    match per_job {
        Some(pj) if pj < service_hours => {
            derivation!(
                b,
                "task-hours",
                Figure::count(pj.round_even(4), "task-hour"),
                format!(
                    "a task per job: {} jobs × ({} s + {} s start-up, at least 60 s billed) ÷ 3,600; cheaper than consumers that stay up ({service_how})",
                    Qty(n),
                    Qty(w.duration_s),
                    Qty(start)
                ),
            );
            Ok(Plan {
                task,
                peak_tasks,
                schedule: Schedule::Hours {
                    task_hours: pj,
                    launches: Some(n),
                    seconds_each: Some(per_job_s),
                    up_hours: Decimal::ZERO,
                    tasks_each: Decimal::ONE,
                },
                other: Some(Schedule::Hours {
                    task_hours: service_hours,
                    launches: None,
                    seconds_each: None,
                    up_hours: up,
                    tasks_each: Decimal::ONE,
                }),
                pinned: false,
                overload: None,
            })
        }
        _ => {
            derivation!(
                b,
                "task-hours",
                Figure::count(service_hours.round_even(4), "task-hour"),
                format!(
                    "consumers follow the backlog (queue-depth scaling), paid for busy time: {service_how}; up to {} {} when the peak's backlog drains",
                    Qty(peak_tasks),
                    plural("task", peak_tasks)
                ),
            );
            Ok(Plan {
                task,
                peak_tasks,
                schedule: Schedule::Hours {
                    task_hours: service_hours,
                    launches: None,
                    seconds_each: None,
                    up_hours: up,
                    tasks_each: Decimal::ONE,
                },
                other: per_job.map(|pj| Schedule::Hours {
                    task_hours: pj,
                    launches: Some(n),
                    seconds_each: Some(per_job_s),
                    up_hours: Decimal::ZERO,
                    tasks_each: Decimal::ONE,
                }),
                pinned: false,
                overload: None,
            })
        }
    }
}

/// Work on a timetable: a task started for each run (billed from its start-up, at least a
/// minute) or one kept running when the runs leave it little idle time.
fn timetable(cx: &Ctx, task: Task, per: Throughput, b: &mut Bill) -> Result<Plan, Overflow> {
    let c = cx.c;
    let Some(s) = &c.schedule else {
        return service(cx, task, per, b);
    };
    let tasks_per_run = c.container.tasks.unwrap_or(Decimal::ONE);
    let start = startup_s(cx);
    let run_s = s.run_seconds;
    let billed = (run_s + start).max(dec!(60));
    let per_run = prod(
        "task-hours per run",
        &[s.runs_per_month, billed, tasks_per_run],
    )? / dec!(3600);
    // Kept running: enough tasks that runs never overlap.
    let interval = if s.runs_per_month.is_zero() {
        cx.month_seconds()
    } else {
        div("seconds between runs", cx.month_seconds(), s.runs_per_month)?
    };
    let always = (run_s / interval).ceil().max(Decimal::ONE) * tasks_per_run;
    let always_hours = prod("always-on task-hours", &[always, cx.hours])?;
    let per_run_how = text!(
        b,
        "{} runs × ({} s + {} s start-up, at least 60 s billed){} ÷ 3,600 = {} task-hours",
        Qty(s.runs_per_month.round_even(4)),
        Qty(run_s),
        Qty(start),
        if tasks_per_run > Decimal::ONE {
            format!(" × {} tasks", Qty(tasks_per_run))
        } else {
            String::new()
        },
        Qty(per_run.round_even(4))
    );
    if always_hours < per_run {
        derivation!(
            b,
            "task-hours",
            Figure::count(always_hours, "task-hour"),
            format!(
                "kept running: {} task{} × {} h, one run every {} s; cheaper than a task per run ({per_run_how})",
                Qty(always),
                if always == Decimal::ONE { "" } else { "s" },
                Qty(cx.hours),
                Qty(interval.round_even(1))
            ),
        );
        return Ok(Plan {
            task,
            peak_tasks: always,
            schedule: Schedule::Blocks(vec![Block {
                tasks: always,
                hours: cx.hours,
            }]),
            other: Some(Schedule::Hours {
                task_hours: per_run,
                launches: Some(s.runs_per_month),
                seconds_each: Some(billed),
                up_hours: Decimal::ZERO,
                tasks_each: tasks_per_run,
            }),
            pinned: c.container.tasks.is_some(),
            overload: None,
        });
    }
    derivation!(
        b,
        "task-hours",
        Figure::count(per_run.round_even(4), "task-hour"),
        format!(
            "a task per run: {per_run_how}; kept running instead would be {} task-hours",
            Qty(always_hours)
        ),
    );
    Ok(Plan {
        task,
        peak_tasks: tasks_per_run,
        schedule: Schedule::Hours {
            task_hours: per_run,
            launches: Some(s.runs_per_month),
            seconds_each: Some(billed),
            up_hours: Decimal::ZERO,
            tasks_each: tasks_per_run,
        },
        other: Some(Schedule::Blocks(vec![Block {
            tasks: always,
            hours: cx.hours,
        }])),
        pinned: c.container.tasks.is_some(),
        overload: None,
    })
}
