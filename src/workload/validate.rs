//! From [`RawWorkload`] to [`Workload`]: ranges, references and defaults.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use rust_decimal::dec;

use super::fields::{self, Field};
use super::*;
use crate::input::{Dec, Findings, InputError, YamlPath, parse_yaml, shown, suggest};
use crate::placement::Provider;

/// Parses and validates workload text; returns the workload and its raw form.
pub fn load_str(file: &str, src: &str) -> Result<(Workload, RawWorkload), InputError> {
    let raw: RawWorkload = parse_yaml(file, src)?;
    let mut findings = Findings::default();
    let w = from_raw(&raw, &mut findings);
    findings.into_result(file, src)?;
    Ok((w, raw))
}

/// Resolves defaults and records every problem found; the result is meaningful
/// only when no finding was recorded.
pub fn from_raw(raw: &RawWorkload, f: &mut Findings) -> Workload {
    from_raw_at(raw, &YamlPath::default(), f)
}

/// [`from_raw`] for a workload nested in another document at `root` (a rule test case).
pub fn from_raw_at(raw: &RawWorkload, root: &YamlPath, f: &mut Findings) -> Workload {
    let root = root.clone();
    let mut c = Checker {
        f,
        declared: Default::default(),
        explained: 0,
    };
    if raw.name.trim().is_empty() {
        c.f.push(&root.key("name"), "must not be empty");
    }
    check_name(c.f, &root.key("name"), &raw.name);
    let ap = root.key("assumptions");
    let a = raw.assumptions.clone().unwrap_or_default();
    let hours = c.num_or_default(&ap, a.hours_per_month, &fields::HOURS_PER_MONTH);
    let assumptions = Assumptions {
        hours_per_month: hours,
        free_tier: a.free_tier.unwrap_or(true),
    };
    let current = raw.current.as_ref().map(|cur| Current {
        platform: cur.platform,
        monthly_cost_usd: cur
            .monthly_cost_usd
            .map(|d| c.range(&root.key("current"), d.0, &fields::MONTHLY_COST_USD)),
    });
    if raw.components.is_empty() {
        c.f.push(
            &root.key("components"),
            "a workload needs at least one component",
        );
    }
    let region = raw
        .region
        .clone()
        .unwrap_or_else(|| "us-east-1".to_string());
    let providers = providers(c.f, &root, raw.providers.as_deref());
    let mut stores = c.stores(&root, &raw.stores, &region);
    let ctx = Ctx {
        assumptions: &assumptions,
        region: &region,
    };
    let mut comps: Vec<Component> = raw
        .components
        .iter()
        .enumerate()
        .map(|(i, rc)| c.component(&root.key("components").index(i), rc, &ctx, &mut stores))
        .collect();
    let mut dependents: BTreeMap<&str, usize> = BTreeMap::new();
    for rc in &raw.components {
        let named: BTreeSet<&str> = rc.depends_on.iter().map(String::as_str).collect();
        for d in named.into_iter().filter(|d| *d != rc.name) {
            *dependents.entry(d).or_default() += 1;
        }
    }
    for comp in &mut comps {
        comp.dependents = dependents.get(comp.name.as_str()).copied().unwrap_or(0);
    }
    check_references(&raw.components, &root, c.f);
    Workload {
        name: raw.name.clone(),
        description: raw.description.clone(),
        region,
        providers,
        assumptions,
        current,
        stores,
        components: comps,
    }
}

/// The clouds a workload names: [aws] when it names none; each at most once; `azure` a
/// finding (archway has no Azure placements yet).
fn providers(f: &mut Findings, root: &YamlPath, given: Option<&[Provider]>) -> Vec<Provider> {
    let Some(list) = given else {
        return vec![Provider::Aws];
    };
    let at = root.key("providers");
    if list.is_empty() {
        f.push(
            &at,
            "name at least one provider (aws, gcp), or leave `providers` out for aws",
        );
    }
    let mut out = Vec::new();
    for (i, p) in list.iter().enumerate() {
        if let Some(why) = crate::placement::unsupported(*p) {
            f.push(&at.index(i), why);
        } else if out.contains(p) {
            f.push(&at.index(i), format!("`{p}` appears twice"));
        } else {
            out.push(*p);
        }
    }
    if out.is_empty() {
        out.push(Provider::Aws);
    }
    out
}

/// A `depends_on` cycle as names, first repeated last (`a → b → a`), if there is one.
pub fn dependency_cycle(comps: &[RawComponent]) -> Option<(usize, Vec<String>)> {
    use petgraph::graph::{DiGraph, NodeIndex};
    let mut g: DiGraph<usize, ()> = DiGraph::new();
    let idx: Vec<NodeIndex> = (0..comps.len()).map(|i| g.add_node(i)).collect();
    let mut position: std::collections::HashMap<&str, usize> = Default::default();
    for (i, c) in comps.iter().enumerate() {
        position.entry(c.name.as_str()).or_insert(i);
    }
    for (i, c) in comps.iter().enumerate() {
        for d in &c.depends_on {
            if let Some(&j) = position.get(d.as_str()) {
                g.add_edge(idx[i], idx[j], ());
            }
        }
    }
    let start = petgraph::algo::toposort(&g, None).err()?.node_id();
    // Breadth-first from the start's successors back to it gives the shortest cycle.
    let mut prev: Vec<Option<NodeIndex>> = vec![None; comps.len()];
    let mut queue = std::collections::VecDeque::from([start]);
    let mut seen = vec![false; comps.len()];
    while let Some(n) = queue.pop_front() {
        for m in g.neighbors(n) {
            if m == start {
                let mut path = vec![n];
                while let Some(p) = prev[path[path.len() - 1].index()] {
                    path.push(p);
                }
                path.reverse();
                // Start the cycle at its first component in the file, so the message is stable.
                let first = (0..path.len()).min_by_key(|k| g[path[*k]]).unwrap_or(0);
                path.rotate_left(first);
                let mut names: Vec<String> =
                    path.iter().map(|n| comps[g[*n]].name.clone()).collect();
                names.push(names[0].clone());
                return Some((g[path[0]], names));
            }
            if !seen[m.index()] {
                seen[m.index()] = true;
                prev[m.index()] = Some(n);
                queue.push_back(m);
            }
        }
    }
    None
}

fn check_references(comps: &[RawComponent], root: &YamlPath, f: &mut Findings) {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, rc) in comps.iter().enumerate() {
        let p = root.key("components").index(i);
        check_name(f, &p.key("name"), &rc.name);
        if rc.name.trim().is_empty() {
            f.push(&p.key("name"), "must not be empty");
        } else if let Some(first) = seen.insert(rc.name.as_str(), i) {
            f.push(
                &p.key("name"),
                format!(
                    "`{}` is already the name of components[{first}]; names must be unique",
                    shown(&rc.name)
                ),
            );
        }
    }
    let names: Vec<&str> = seen.keys().copied().collect();
    // Suggestions compare the name with every other: past this many problems, the
    // remaining ones are counted, not explained.
    let mut explained = 0;
    for (i, rc) in comps.iter().enumerate() {
        for (j, dep) in rc.depends_on.iter().enumerate() {
            let p = root.key("components").index(i).key("depends_on").index(j);
            if dep == &rc.name {
                f.push(&p, format!("`{}` depends on itself", shown(dep)));
            } else if !seen.contains_key(dep.as_str()) {
                explained += 1;
                let hint = if explained <= crate::input::MAX_REPORTED {
                    suggest(dep, names.iter().copied())
                        .map(|s| format!(", did you mean `{s}`?"))
                        .unwrap_or_default()
                } else {
                    String::new()
                };
                f.push(
                    &p,
                    format!(
                        "no component is named `{}`{hint} (components: {})",
                        shown(dep),
                        some_names(&names)
                    ),
                );
            }
        }
    }
    let self_loops = comps.iter().any(|c| c.depends_on.contains(&c.name));
    if let (false, Some((i, cycle))) = (self_loops, dependency_cycle(comps)) {
        f.push(
            &root.key("components").index(i).key("depends_on"),
            format!("depends_on forms a cycle: {}; a dependency graph must have an order to build and migrate in", cycle.join(" → ")),
        );
    }
}

/// A name is shown in terminals, reports and drawings: it may not hold a control
/// character (an escape sequence, a line break) or a bidirectional override.
fn check_name(f: &mut Findings, p: &YamlPath, name: &str) {
    if let Some((at, c)) = crate::text::first_unsafe(name) {
        f.push(
            p,
            format!(
                "`{}` holds a control character (U+{:04X} at character {at}); names are shown in terminals and documents, so they may hold only printable text",
                crate::text::for_terminal(&shown(name)),
                c as u32
            ),
        );
    }
}

/// Up to ten names and how many more: a message stays short however many there are.
fn some_names(names: &[&str]) -> String {
    const SHOWN: usize = 10;
    let mut s = names
        .iter()
        .take(SHOWN)
        .map(|n| shown(n))
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        s.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    s
}

struct Checker<'a> {
    f: &'a mut Findings,
    /// The index of each store declared under `stores:` (the first of a name).
    declared: std::collections::HashMap<String, usize>,
    /// Problems explained with a suggestion so far.
    explained: usize,
}

/// What a component's file left out (`defaulted`) and what was worked out from its other
/// fields (`derived`). Every name marked is one of [`super::LEFT_OUT`] (a test loads
/// workloads over the whole trait space).
#[derive(Default)]
struct Marks {
    defaulted: super::Fields,
    derived: super::Fields,
}

impl Marks {
    /// Records the trait with this key ([`key!`]) as defaulted unless the file gave it.
    fn given(&mut self, present: bool, key: usize) {
        if !present {
            self.defaulted.insert(key);
        }
    }

    fn derive(&mut self, key: usize) {
        self.derived.insert(key);
    }
}

/// A component's traffic, as resolved.
struct Traffic {
    requests: Decimal,
    shape: Shape,
    batch_size: Decimal,
}

/// How long an invocation takes, as resolved.
struct Timing {
    duration_ms: Decimal,
    cpu_ms: Decimal,
    max_duration_s: Decimal,
}

/// Memory, disk and message sizes, as resolved.
struct Sizing {
    memory_mb: Decimal,
    ephemeral_storage_mb: Decimal,
    package_mb: Decimal,
    payload_kb: Decimal,
    response_kb: Decimal,
    logs_kb_per_request: Decimal,
    latency_p99_ms: Option<Decimal>,
}

/// The front door and the connections held, as resolved.
struct Links {
    gateway: Gateway,
    connections: Connections,
    concurrent_connections: Decimal,
    fanout: Decimal,
}

impl Checker<'_> {
    /// Checks `v` (the field `f` under `parent`) is within the field's bounds; out of range
    /// it is reported and its lower bound returned.
    fn range(&mut self, parent: &YamlPath, v: Decimal, f: &Field) -> Decimal {
        let (lo, hi) = (f.lo, f.max());
        if v < lo || v > hi {
            self.f.push(
                &parent.key(f.key),
                format!("{v} is out of range: expected {lo} to {hi} {}", f.unit),
            );
            return lo;
        }
        v
    }

    /// Reads the optional field `f` under `parent` with a default, checking its bounds and,
    /// if it is whole, that it has no fraction.
    fn num(&mut self, parent: &YamlPath, v: Option<Dec>, default: Decimal, f: &Field) -> Decimal {
        match v {
            None => default,
            Some(Dec(d)) => {
                if f.whole && d.fract() != Decimal::ZERO {
                    self.f.push(
                        &parent.key(f.key),
                        format!("{d} is not a whole number of {}", f.unit),
                    );
                    return default;
                }
                // An out-of-range value is replaced by the default, so one mistake is reported once.
                if d < f.lo || d > f.max() {
                    self.range(parent, d, f);
                    return default;
                }
                d
            }
        }
    }

    /// [`Checker::num`] with the field's constant default.
    fn num_or_default(&mut self, parent: &YamlPath, v: Option<Dec>, f: &Field) -> Decimal {
        debug_assert!(f.default.is_some(), "{} has no constant default", f.path);
        self.num(parent, v, f.default_value(), f)
    }

    /// An optional field without a default: absent stays absent.
    fn opt(&mut self, parent: &YamlPath, v: Option<Dec>, f: &Field) -> Option<Decimal> {
        v.map(|d| self.num(parent, Some(d), f.lo, f))
    }

    /// The stores declared under `stores:`, with names checked unique.
    fn stores(&mut self, root: &YamlPath, raw: &[RawStore], region: &str) -> Vec<StoreDef> {
        let mut out: Vec<StoreDef> = Vec::new();
        for (i, rs) in raw.iter().enumerate() {
            let p = root.key("stores").index(i);
            out.push(self.store(&p, i, rs, region));
        }
        out
    }

    /// One declared store.
    fn store(&mut self, p: &YamlPath, i: usize, rs: &RawStore, region: &str) -> StoreDef {
        check_name(self.f, &p.key("name"), &rs.name);
        if rs.name.trim().is_empty() {
            self.f.push(&p.key("name"), "must not be empty");
        } else if self.declared.contains_key(&rs.name) {
            self.f.push(
                &p.key("name"),
                format!(
                    "`{}` names another store already; store names must be unique",
                    shown(&rs.name)
                ),
            );
        } else {
            self.declared.insert(rs.name.clone(), i);
        }
        let engine = match parse_engine(&rs.engine) {
            Ok(Some(e)) => e,
            Ok(None) | Err(()) => {
                let words = store_words();
                let hint = suggest(&rs.engine, words.iter().copied())
                    .map(|s| format!(", did you mean `{s}`?"))
                    .unwrap_or_default();
                self.f.push(
                    &p.key("engine"),
                    format!(
                        "unknown engine `{}`{hint} (expected one of: {})",
                        rs.engine,
                        Engine::NAMES.join(", ")
                    ),
                );
                Engine::Postgres
            }
        };
        let mut s = StoreDef::implied(engine, region);
        s.name = rs.name.clone();
        s.declared = true;
        let mut given = |present: bool, k: &'static str| {
            if present {
                s.given.insert(k);
            }
        };
        given(rs.instance_class.is_some(), "instance_class");
        given(rs.instances.is_some(), "instances");
        given(rs.multi_az.is_some(), "multi_az");
        given(rs.storage_gb.is_some(), "storage_gb");
        given(rs.acu.is_some(), "acu");
        given(rs.max_connections.is_some(), "max_connections");
        given(rs.region.is_some(), "region");
        s.instance_class = rs.instance_class.clone();
        s.instances = self.num_or_default(p, rs.instances, &fields::STORE_INSTANCES);
        s.multi_az = rs.multi_az.unwrap_or(false);
        s.storage_gb = self.num(p, rs.storage_gb, s.storage_gb, &fields::STORE_STORAGE_GB);
        if let Some(acu) = &rs.acu {
            let ap = p.key("acu");
            s.acu_min = self.num(&ap, acu.min, s.acu_min, &fields::ACU_MIN);
            s.acu_max = self.num(&ap, acu.max, s.acu_max.max(s.acu_min), &fields::ACU_MAX);
            if s.acu_max < s.acu_min {
                self.f.push(
                    &ap.key("max"),
                    format!("{} is below min ({})", s.acu_max, s.acu_min),
                );
            }
        }
        s.max_connections = self.opt(p, rs.max_connections, &fields::STORE_MAX_CONNECTIONS);
        if let Some(r) = &rs.region {
            s.region = r.clone();
        }
        s
    }

    /// Resolves one component. `stores` holds the declared stores and grows by the
    /// engines components name directly, one shared store per engine.
    fn component(
        &mut self,
        p: &YamlPath,
        rc: &RawComponent,
        w: &Ctx,
        stores: &mut Vec<StoreDef>,
    ) -> Component {
        let a = w.assumptions;
        let mut m = Marks::default();
        let month_s = a.hours_per_month * dec!(3600);
        let kind = rc.kind;
        let t = rc.traffic.clone().unwrap_or_default();
        let tp = p.key("traffic");

        let volume = self.volume(&tp, &t, a, month_s);
        let schedule = self.schedule(p, rc, volume, a, month_s, &mut m);
        let traffic = self.traffic(p, rc, &t, volume, schedule.as_ref(), &mut m);
        let timing = self.timing(p, rc, schedule.as_ref(), month_s, &mut m);
        let peak_rps = self.peak_rps(&tp, &t, traffic.requests, traffic.shape, month_s, &mut m);
        let sizing = self.sizing(p, rc, &mut m);
        let links = self.links(p, rc, &t, peak_rps, timing.duration_ms, &mut m);
        let provisioned = self.provisioned(p, rc, a);
        let container = self.container(p, rc);
        m.given(
            rc.container.as_ref().is_some_and(|k| k.min_tasks.is_some()),
            key!("min_tasks"),
        );
        let (data, access) = self.data(p, rc, traffic.requests, w, stores, &mut m);
        m.given(rc.calls_per_request.is_some(), key!("calls_per_request"));
        let calls_per_request = self.num(
            p,
            rc.calls_per_request,
            if data.store == Store::None {
                Decimal::ZERO
            } else {
                Decimal::ONE
            },
            &fields::CALLS_PER_REQUEST,
        );
        let rw = rc.workflow.clone().unwrap_or_default();
        let state_transitions = self.num_or_default(
            &p.key("workflow"),
            rw.state_transitions,
            &fields::STATE_TRANSITIONS,
        );

        for (present, name) in [
            (rc.arch.is_some(), key!("arch")),
            (rc.runtime.is_some(), key!("runtime")),
            (rc.gpu.is_some(), key!("gpu")),
            (rc.state.is_some(), key!("state")),
            (rc.access.is_some(), key!("access")),
        ] {
            m.given(present, name);
        }
        // What the kind itself says is derived, not assumed.
        if rc.gpu.is_none() && kind == Kind::MlTraining {
            m.derive(key!("gpu"));
        }
        if rc.state.is_none() && matches!(kind, Kind::Workflow | Kind::Websocket) {
            m.derive(key!("state"));
        }
        Component {
            name: rc.name.clone(),
            kind,
            depends_on: rc.depends_on.clone(),
            requests_per_month: traffic.requests,
            shape: traffic.shape,
            batch_size: traffic.batch_size,
            peak_rps,
            concurrent_connections: links.concurrent_connections,
            fanout: links.fanout,
            duration_ms: timing.duration_ms,
            cpu_ms: timing.cpu_ms,
            max_duration_s: timing.max_duration_s,
            memory_mb: sizing.memory_mb,
            arch: rc.arch.unwrap_or(Arch::X86_64),
            ephemeral_storage_mb: sizing.ephemeral_storage_mb,
            runtime: rc.runtime.unwrap_or(Runtime::Node),
            package_mb: sizing.package_mb,
            gpu: rc.gpu.unwrap_or(if kind == Kind::MlTraining {
                Gpu::Training
            } else {
                Gpu::None
            }),
            state: rc.state.unwrap_or(match kind {
                Kind::Workflow => State::DurableWorkflow,
                Kind::Websocket => State::InMemory,
                _ => State::Stateless,
            }),
            connections: links.connections,
            latency_p99_ms: sizing.latency_p99_ms,
            payload_kb: sizing.payload_kb,
            response_kb: sizing.response_kb,
            logs_kb_per_request: sizing.logs_kb_per_request,
            calls_per_request,
            gateway: links.gateway,
            provisioned,
            schedule,
            container,
            data,
            dedicated_hardware: rc
                .compliance
                .as_ref()
                .and_then(|c| c.dedicated_hardware)
                .unwrap_or(false),
            state_transitions,
            access,
            new_feature: rc.new_feature.unwrap_or(false),
            dependents: 0,
            defaulted: m.defaulted,
            derived: m.derived,
        }
    }

    /// The month's volume, said any of three ways (exactly one).
    fn volume(
        &mut self,
        tp: &YamlPath,
        t: &RawTraffic,
        a: &Assumptions,
        month_s: Decimal,
    ) -> Option<Decimal> {
        let volumes = [
            (fields::REQUESTS_PER_MONTH, t.requests_per_month),
            (fields::REQUESTS_PER_DAY, t.requests_per_day),
            (fields::REQUESTS_PER_SECOND, t.requests_per_second),
        ];
        let given: Vec<(Field, Decimal)> = volumes
            .iter()
            .filter_map(|(f, v)| v.map(|d| (*f, d.0)))
            .collect();
        if given.len() > 1 {
            self.f.push(
                &tp.key(given[1].0.key),
                format!(
                    "give one of requests_per_month, requests_per_day or requests_per_second, not both {} and {}",
                    given[0].0.key, given[1].0.key
                ),
            );
        }
        given.first().map(|(f, v)| match f.key {
            "requests_per_month" => self.num(tp, Some(Dec(*v)), Decimal::ZERO, f),
            "requests_per_day" => self.range(tp, *v, f) * a.hours_per_month / dec!(24),
            _ => self.range(tp, *v, f) * month_s,
        })
    }

    /// The timetable: the file's schedule, or one run per request for work on a timetable
    /// given only as a count and a duration.
    fn schedule(
        &mut self,
        p: &YamlPath,
        rc: &RawComponent,
        volume: Option<Decimal>,
        a: &Assumptions,
        month_s: Decimal,
        m: &mut Marks,
    ) -> Option<Schedule> {
        let kind = rc.kind;
        let raw_schedule = rc.schedule.as_ref().map(|s| {
            let sp = p.key("schedule");
            let runs_per_month = match (s.runs_per_day, s.runs_per_month) {
                (Some(d), None) => {
                    let per_day = self.range(&sp, d.0, &fields::RUNS_PER_DAY);
                    Schedule::runs_per_month_from_day(per_day, a.hours_per_month)
                }
                (None, Some(r)) => self.range(&sp, r.0, &fields::RUNS_PER_MONTH),
                (Some(_), Some(_)) => {
                    self.f
                        .push(&sp, "give runs_per_day or runs_per_month, not both");
                    Decimal::ONE
                }
                (None, None) if volume.is_some() => Decimal::ONE,
                (None, None) => {
                    self.f.push(
                        &sp,
                        "needs runs_per_day or runs_per_month (or a request count under traffic)",
                    );
                    Decimal::ONE
                }
            };
            Schedule {
                // One volume on every placement: a request count beside a schedule is its runs.
                runs_per_month: volume.unwrap_or(runs_per_month),
                run_seconds: self.range(&sp, s.run_seconds.0, &fields::RUN_SECONDS.up_to(month_s)),
            }
        });
        // Work on a timetable given only as a count and a duration: one run per request.
        let runs_on_a_timetable = matches!(kind, Kind::Scheduled | Kind::Batch | Kind::MlTraining);
        let schedule = match (raw_schedule, runs_on_a_timetable, volume, rc.duration_ms) {
            (Some(s), _, _, _) => Some(s),
            (None, true, Some(r), Some(d)) if d.0 > Decimal::ZERO && r >= Decimal::ZERO => {
                m.derive(key!("schedule"));
                Some(Schedule {
                    runs_per_month: r,
                    run_seconds: d.0 / dec!(1000),
                })
            }
            (None, true, _, _) => {
                self.f.push(
                    &p.key("kind"),
                    format!("a {kind} component needs `schedule: {{ runs_per_day, run_seconds }}`, or a request count under traffic and duration_ms (one run per request)"),
                );
                None
            }
            (None, false, _, _) => None,
        };
        m.given(rc.schedule.is_some(), key!("schedule"));
        schedule
    }

    /// The month's requests, the traffic's shape and a consumer's batch.
    fn traffic(
        &mut self,
        p: &YamlPath,
        rc: &RawComponent,
        t: &RawTraffic,
        volume: Option<Decimal>,
        schedule: Option<&Schedule>,
        m: &mut Marks,
    ) -> Traffic {
        let kind = rc.kind;
        let tp = p.key("traffic");
        m.given(volume.is_some(), key!("requests_per_month"));
        let requests = match (volume, schedule) {
            (Some(r), _) => r,
            (None, Some(s)) => {
                m.derive(key!("requests_per_month"));
                s.runs_per_month.ceil()
            }
            (None, None) => {
                if kind != Kind::StaticSite {
                    self.f.push(p, format!("a {kind} component needs a volume: `traffic.requests_per_month` (or requests_per_day, requests_per_second)"));
                }
                Decimal::ZERO
            }
        };
        m.given(t.shape.is_some(), key!("shape"));
        // A timetable the file states sets the shape; runs derived from a count of jobs
        // arrive as the file says, or on a timetable when it says nothing.
        let timetable = match (rc.schedule.is_some(), t.shape) {
            (true, _) | (false, None) => schedule,
            (false, Some(_)) => None,
        };
        let shape = match (t.shape, timetable) {
            (Some(s), Some(_)) if s != Shape::Timetable => {
                self.f.push(
                    &tp.key("shape"),
                    format!("a schedule sets the traffic's shape to `timetable`; `{s}` describes traffic from users (remove it, or remove the schedule)"),
                );
                Shape::Timetable
            }
            (Some(Shape::Timetable), None) => {
                self.f.push(
                    &tp.key("shape"),
                    "`timetable` needs a schedule: add `schedule: { runs_per_day, run_seconds }`",
                );
                Shape::Steady
            }
            (Some(s), _) => s,
            (None, Some(_)) => {
                m.derive(key!("shape"));
                Shape::Timetable
            }
            (None, None) => match kind {
                Kind::HttpApi => Shape::Spiky,
                Kind::Batch | Kind::MlTraining => Shape::Sporadic,
                _ => Shape::Steady,
            },
        };
        m.given(t.batch_size.is_some(), key!("batch_size"));
        let batch_size = self.num(
            &tp,
            t.batch_size,
            if kind == Kind::Stream {
                dec!(100)
            } else {
                Decimal::ONE
            },
            &fields::BATCH_SIZE,
        );
        Traffic {
            requests,
            shape,
            batch_size,
        }
    }

    /// The average and longest invocation and the CPU it bills.
    fn timing(
        &mut self,
        p: &YamlPath,
        rc: &RawComponent,
        schedule: Option<&Schedule>,
        month_s: Decimal,
        m: &mut Marks,
    ) -> Timing {
        m.given(rc.duration_ms.is_some(), key!("duration_ms"));
        if rc.duration_ms.is_none() && schedule.is_some() {
            m.derive(key!("duration_ms"));
        }
        let default_duration = schedule
            .map(|s| s.run_seconds * dec!(1000))
            .unwrap_or(dec!(100));
        let duration_ms = self.num(
            p,
            rc.duration_ms,
            default_duration,
            &fields::DURATION_MS.up_to(month_s * dec!(1000)),
        );
        if duration_ms <= Decimal::ZERO {
            self.f.push(&p.key("duration_ms"), "must be more than 0");
        }
        m.given(rc.cpu_ms.is_some(), key!("cpu_ms"));
        let cpu_ms = self.num(
            p,
            rc.cpu_ms,
            duration_ms,
            &fields::CPU_MS.up_to(duration_ms),
        );
        m.given(rc.max_duration_s.is_some(), key!("max_duration_s"));
        // A scheduled run is as long as it is; a request's longest is taken as 4× its average.
        let default_max = match schedule {
            Some(s) => {
                m.derive(key!("max_duration_s"));
                s.run_seconds
            }
            None => duration_ms * dec!(4) / dec!(1000),
        };
        let max_duration_s = self.num(p, rc.max_duration_s, default_max, &fields::MAX_DURATION_S);
        if rc.max_duration_s.is_some() && max_duration_s * dec!(1000) < duration_ms {
            self.f.push(
                &p.key("max_duration_s"),
                format!(
                    "{max_duration_s} s is shorter than the average duration_ms ({duration_ms} ms)"
                ),
            );
        }
        Timing {
            duration_ms,
            cpu_ms,
            max_duration_s,
        }
    }

    /// Peak requests a second: given, or the monthly average times the shape's peak factor.
    fn peak_rps(
        &mut self,
        tp: &YamlPath,
        t: &RawTraffic,
        requests: Decimal,
        shape: Shape,
        month_s: Decimal,
        m: &mut Marks,
    ) -> Decimal {
        m.given(t.peak_rps.is_some(), key!("peak_rps"));
        let avg_rps = if month_s.is_zero() {
            Decimal::ZERO
        } else {
            requests / month_s
        };
        let peak_rps = match t.peak_rps {
            Some(d) => self.range(tp, d.0, &fields::PEAK_RPS),
            None => {
                if shape == Shape::Timetable {
                    m.derive(key!("peak_rps"));
                }
                (avg_rps * shape.peak_factor()).round_dp(6)
            }
        };
        if t.peak_rps.is_some() && peak_rps < avg_rps.round_dp(6) {
            self.f.push(
                &tp.key("peak_rps"),
                format!(
                    "{peak_rps} is below the monthly average ({} req/s from the request count)",
                    avg_rps.round_dp(3)
                ),
            );
        }
        peak_rps
    }

    /// Memory, disk, package and message sizes, and the latency target. Each size is a
    /// trait a file may leave out (checked when compiling, below).
    fn sizing(&mut self, p: &YamlPath, rc: &RawComponent, m: &mut Marks) -> Sizing {
        const _: () = {
            super::trait_key(fields::MEMORY_MB.key);
            super::trait_key(fields::EPHEMERAL_STORAGE_MB.key);
            super::trait_key(fields::PACKAGE_MB.key);
            super::trait_key(fields::PAYLOAD_KB.key);
            super::trait_key(fields::RESPONSE_KB.key);
            super::trait_key(fields::LOGS_KB_PER_REQUEST.key);
        };
        let mut size = |c: &mut Self, v: Option<Dec>, f: &Field| {
            m.given(v.is_some(), super::trait_key(f.key));
            c.num_or_default(p, v, f)
        };
        Sizing {
            memory_mb: size(self, rc.memory_mb, &fields::MEMORY_MB),
            ephemeral_storage_mb: size(
                self,
                rc.ephemeral_storage_mb,
                &fields::EPHEMERAL_STORAGE_MB,
            ),
            package_mb: size(self, rc.package_mb, &fields::PACKAGE_MB),
            payload_kb: size(self, rc.payload_kb, &fields::PAYLOAD_KB),
            response_kb: size(self, rc.response_kb, &fields::RESPONSE_KB),
            logs_kb_per_request: size(self, rc.logs_kb_per_request, &fields::LOGS_KB_PER_REQUEST),
            latency_p99_ms: self.opt(p, rc.latency_p99_ms, &fields::LATENCY_P99_MS),
        }
    }

    /// The front door, the connections held open and a broadcast's fan-out.
    fn links(
        &mut self,
        p: &YamlPath,
        rc: &RawComponent,
        t: &RawTraffic,
        peak_rps: Decimal,
        duration_ms: Decimal,
        m: &mut Marks,
    ) -> Links {
        let kind = rc.kind;
        let tp = p.key("traffic");
        m.given(rc.gateway.is_some(), key!("gateway"));
        if rc.gateway.is_none() && kind == Kind::Websocket {
            m.derive(key!("gateway"));
        }
        let gateway = rc.gateway.unwrap_or(match kind {
            Kind::HttpApi => Gateway::Rest,
            Kind::Websocket => Gateway::Websocket,
            _ => Gateway::None,
        });
        m.given(rc.connections.is_some(), key!("connections"));
        if rc.connections.is_none() {
            m.derive(key!("connections"));
        }
        let connections = rc.connections.unwrap_or(if kind == Kind::Websocket {
            Connections::Websocket
        } else {
            Connections::None
        });
        m.given(
            t.concurrent_connections.is_some(),
            key!("concurrent_connections"),
        );
        let concurrent_connections = match t.concurrent_connections {
            Some(_) => self.num(
                &tp,
                t.concurrent_connections,
                Decimal::ZERO,
                &fields::CONCURRENT_CONNECTIONS,
            ),
            None => (peak_rps * duration_ms / dec!(1000)).ceil(),
        };
        m.given(t.fanout.is_some(), key!("fanout"));
        let fanout = self.num_or_default(&tp, t.fanout, &fields::FANOUT);
        Links {
            gateway,
            connections,
            concurrent_connections,
            fanout,
        }
    }

    /// Pre-warmed Lambda instances, if any.
    fn provisioned(
        &mut self,
        p: &YamlPath,
        rc: &RawComponent,
        a: &Assumptions,
    ) -> Option<Provisioned> {
        let pc = rc.provisioned_concurrency.as_ref()?;
        let pp = p.key("provisioned_concurrency");
        let hours = self.num(
            &pp,
            pc.hours_per_month,
            a.hours_per_month,
            &fields::PROVISIONED_HOURS.up_to(a.hours_per_month),
        );
        Some(Provisioned {
            instances: self.num(
                &pp,
                Some(pc.instances),
                dec!(1),
                &fields::PROVISIONED_INSTANCES,
            ),
            hours_per_month: hours,
            share_of_requests: self.num(
                &pp,
                pc.share_of_requests,
                hours / a.hours_per_month,
                &fields::SHARE_OF_REQUESTS,
            ),
        })
    }

    /// Container sizing as the file gives it; what it leaves out is derived when priced.
    fn container(&mut self, p: &YamlPath, rc: &RawComponent) -> Container {
        let kind = rc.kind;
        let rcont = rc.container.clone().unwrap_or_default();
        let cp = p.key("container");
        let target_utilisation = match (rcont.target_utilisation, rcont.headroom) {
            (Some(_), Some(_)) => {
                self.f.push(
                    &cp.key("headroom"),
                    "give target_utilisation or headroom, not both (headroom 0.25 is target_utilisation 0.8)",
                );
                None
            }
            (Some(u), None) => Some(self.range(&cp, u.0, &fields::TARGET_UTILISATION)),
            (None, Some(h)) => {
                let h = self.range(&cp, h.0, &fields::HEADROOM);
                Some(Decimal::ONE / (Decimal::ONE + h))
            }
            (None, None) => None,
        };
        let container = Container {
            vcpu: self.opt(&cp, rcont.vcpu, &fields::VCPU),
            memory_gb: self.opt(&cp, rcont.memory_gb, &fields::MEMORY_GB),
            tasks: self.opt(&cp, rcont.tasks, &fields::TASKS),
            min_tasks: self.num(
                &cp,
                rcont.min_tasks,
                match kind {
                    Kind::HttpApi | Kind::Websocket | Kind::MlInference => dec!(2),
                    Kind::Worker | Kind::Batch => Decimal::ZERO,
                    _ => Decimal::ONE,
                },
                &fields::MIN_TASKS,
            ),
            rps_per_task: self.opt(&cp, rcont.rps_per_task, &fields::RPS_PER_TASK),
            concurrency_per_task: self.opt(
                &cp,
                rcont.concurrency_per_task,
                &fields::CONCURRENCY_PER_TASK,
            ),
            target_utilisation,
            rps_per_gpu: self.opt(&cp, rcont.rps_per_gpu, &fields::RPS_PER_GPU),
            startup_s: self.opt(&cp, rcont.startup_s, &fields::STARTUP_S),
            active_seconds_per_day: self.opt(
                &cp,
                rcont.active_seconds_per_day,
                &fields::ACTIVE_SECONDS_PER_DAY,
            ),
            ephemeral_storage_gb: self.opt(
                &cp,
                rcont.ephemeral_storage_gb,
                &fields::EPHEMERAL_STORAGE_GB,
            ),
            instance_type: rcont.instance_type.clone(),
            nodes: self.opt(&cp, rcont.nodes, &fields::NODES),
            purchase: rcont.purchase.unwrap_or(Purchase::OnDemand),
            alb_lcu_hours: self.opt(&cp, rcont.alb_lcu_hours, &fields::ALB_LCU_HOURS),
            gpu_model: rcont.gpu_model,
        };
        if let (Some(tasks), Some(_)) = (container.tasks, rcont.min_tasks)
            && tasks < container.min_tasks
        {
            self.f.push(
                &cp.key("tasks"),
                format!("{tasks} is fewer than min_tasks ({})", container.min_tasks),
            );
        }
        container
    }

    /// The data the component reads and writes, and how it touches it.
    fn data(
        &mut self,
        p: &YamlPath,
        rc: &RawComponent,
        requests: Decimal,
        w: &Ctx,
        stores: &mut Vec<StoreDef>,
        m: &mut Marks,
    ) -> (Data, Access) {
        let kind = rc.kind;
        let rd = rc.data.clone().unwrap_or_default();
        let dp = p.key("data");
        let store_index = rd
            .store
            .as_deref()
            .and_then(|name| self.store_ref(&dp.key("store"), name, w.region, stores));
        let store = store_index.map(|i| stores[i].kind()).unwrap_or(Store::None);
        let data_region = match &rd.region {
            Some(r) => r.clone(),
            None => {
                m.derive(key!("data_region"));
                store_index
                    .map(|i| stores[i].region.clone())
                    .unwrap_or_else(|| w.region.to_string())
            }
        };
        m.given(rd.region.is_some(), key!("data_region"));
        m.given(rd.kb_per_request.is_some(), key!("kb_per_request"));
        let kb_per_request = self.num_or_default(&dp, rd.kb_per_request, &fields::KB_PER_REQUEST);
        m.given(
            rd.cross_region_gb_month.is_some(),
            key!("cross_region_gb_month"),
        );
        let cross_region = match rd.cross_region_gb_month {
            Some(_) => self.num(
                &dp,
                rd.cross_region_gb_month,
                Decimal::ZERO,
                &fields::CROSS_REGION_GB_MONTH,
            ),
            // Data in another region is read across regions on every request.
            None if store != Store::None && data_region != w.region => {
                if rd.kb_per_request.is_some() {
                    m.derive(key!("cross_region_gb_month"));
                }
                (requests * kb_per_request / dec!(1_048_576)).round_dp(6)
            }
            None => Decimal::ZERO,
        };
        m.given(rd.reads_per_request.is_some(), key!("reads_per_request"));
        m.given(rd.writes_per_request.is_some(), key!("writes_per_request"));
        let access = rc.access.unwrap_or(if kind == Kind::StaticSite {
            Access::ReadOnly
        } else {
            Access::Transactional
        });
        let store_max = store_index.and_then(|i| stores[i].max_connections);
        m.given(
            rd.max_connections.is_some() || store_max.is_some(),
            key!("max_connections"),
        );
        let data = Data {
            store,
            store_index,
            region: data_region,
            reads_per_request: self.num_or_default(
                &dp,
                rd.reads_per_request,
                &fields::READS_PER_REQUEST,
            ),
            writes_per_request: self.num(
                &dp,
                rd.writes_per_request,
                // Work that produces results writes one; a request path reads unless its
                // access says it writes.
                match (rc.access, kind) {
                    (Some(Access::ReadOnly), _) => Decimal::ZERO,
                    (Some(_), _) => Decimal::ONE,
                    (None, Kind::HttpApi | Kind::MlInference | Kind::StaticSite) => Decimal::ZERO,
                    (None, _) => Decimal::ONE,
                },
                &fields::WRITES_PER_REQUEST,
            ),
            kb_per_request,
            internet_api_gb_month: self.num_or_default(
                &dp,
                rd.internet_api_gb_month,
                &fields::INTERNET_API_GB_MONTH,
            ),
            cross_region_gb_month: cross_region,
            internet_egress_gb_month: self.num_or_default(
                &dp,
                rd.internet_egress_gb_month,
                &fields::INTERNET_EGRESS_GB_MONTH,
            ),
            max_connections: match rd.max_connections {
                Some(_) => self.opt(&dp, rd.max_connections, &fields::DATA_MAX_CONNECTIONS),
                None => store_max.or((store == Store::Relational).then_some(dec!(100))),
            },
            db_vcpu: self.num_or_default(&dp, rd.db_vcpu, &fields::DB_VCPU),
        };
        (data, access)
    }

    /// The store a component names: a declared store, or the shared store of an engine or
    /// kind (created on first use).
    fn store_ref(
        &mut self,
        p: &YamlPath,
        name: &str,
        region: &str,
        stores: &mut Vec<StoreDef>,
    ) -> Option<usize> {
        if let Some(&i) = self.declared.get(name) {
            return Some(i);
        }
        let engine = match parse_engine(name) {
            Ok(None) => return None,
            Ok(Some(e)) => e,
            Err(()) => {
                let declared: Vec<&str> = stores
                    .iter()
                    .filter(|s| s.declared)
                    .map(|s| s.name.as_str())
                    .collect();
                let words = store_words();
                // Suggestions compare with every store: the first problems get one.
                self.explained += 1;
                let hint = if self.explained <= crate::input::MAX_REPORTED {
                    suggest(name, declared.iter().copied().chain(words.iter().copied()))
                        .map(|s| format!(", did you mean `{s}`?"))
                        .unwrap_or_default()
                } else {
                    String::new()
                };
                let named = if declared.is_empty() {
                    String::new()
                } else {
                    format!(
                        "a store declared under `stores:` ({}), ",
                        some_names(&declared)
                    )
                };
                self.f.push(
                    p,
                    format!(
                        "unknown store `{}`{hint} (expected {named}an engine: {}, or a kind: {})",
                        shown(name),
                        Engine::NAMES.join(", "),
                        Store::NAMES[1..].join(", ")
                    ),
                );
                return None;
            }
        };
        if let Some(i) = stores
            .iter()
            .position(|s| !s.declared && s.engine == engine)
        {
            return Some(i);
        }
        stores.push(StoreDef::implied(engine, region));
        Some(stores.len() - 1)
    }
}

/// Everything `data.store` and `stores[].engine` accept besides declared names.
fn store_words() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = Store::NAMES.to_vec();
    v.extend_from_slice(Engine::NAMES);
    for e in Engine::ALL {
        v.extend_from_slice(e.aliases());
    }
    v
}

/// An engine from a word people use for it or for its kind; `Ok(None)` for `none`,
/// `Err(())` for a word that names neither.
#[allow(clippy::result_unit_err)]
pub fn parse_engine(word: &str) -> Result<Option<Engine>, ()> {
    let w = word.trim().to_ascii_lowercase();
    if let Some(k) = Store::ALL.iter().find(|k| k.as_str() == w) {
        return Ok(Engine::for_kind(*k));
    }
    Engine::ALL
        .iter()
        .find(|e| e.as_str() == w || e.aliases().contains(&w.as_str()))
        .map(|e| Some(*e))
        .ok_or(())
}

impl StoreDef {
    /// A store named only by its engine or kind: every default, shared by its users.
    pub fn implied(engine: Engine, region: &str) -> StoreDef {
        StoreDef {
            name: engine.as_str().to_string(),
            engine,
            declared: false,
            instance_class: None,
            instances: Decimal::ONE,
            multi_az: false,
            storage_gb: default_storage_gb(engine),
            acu_min: fields::ACU_MIN.default_value(),
            acu_max: fields::ACU_MAX.default_value(),
            max_connections: None,
            region: region.to_string(),
            given: BTreeSet::new(),
        }
    }
}

fn default_storage_gb(engine: Engine) -> Decimal {
    match engine.kind() {
        Store::Relational => dec!(20),
        Store::Object => dec!(10),
        Store::Cache | Store::None => Decimal::ZERO,
        Store::KeyValue | Store::Document => Decimal::ONE,
    }
}

/// What a component's resolution needs from the workload around it.
struct Ctx<'a> {
    assumptions: &'a Assumptions,
    region: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(src: &str) -> Result<Workload, InputError> {
        load_str("w.yaml", src).map(|(w, _)| w)
    }

    #[test]
    fn minimal_component_gets_documented_defaults() {
        let w = load("name: x\ncomponents:\n  - name: api\n    kind: http-api\n    traffic: { requests_per_month: 2628000 }\n").unwrap();
        let c = &w.components[0];
        assert_eq!(w.region, "us-east-1");
        assert_eq!(w.assumptions.hours_per_month, dec!(730));
        assert_eq!(c.memory_mb, dec!(512));
        assert_eq!(c.gateway, Gateway::Rest);
        assert_eq!(c.shape, Shape::Spiky);
        // 2,628,000 requests over 730 h is 1 req/s on average; spiky peaks at 10×.
        assert_eq!(c.peak_rps, dec!(10));
        assert!(c.is_default_at(key!("memory_mb")) && !c.is_default_at(key!("requests_per_month")));
    }

    #[test]
    fn every_problem_is_reported_with_its_position() {
        let e = load("name: x\ncomponents:\n  - name: a\n    kind: worker\n    traffic: { requests_per_month: 10 }\n    memory_mb: 0\n    depends_on: [b]\n  - name: a\n    kind: worker\n    traffic: { requests_per_month: 10 }\n").unwrap_err();
        let text = e.to_string();
        assert!(
            text.contains(
                "w.yaml:6:16: components[0].memory_mb: 0 is out of range: expected 1 to 1048576 MB"
            ),
            "{text}"
        );
        assert!(
            text.contains("w.yaml:7:18: components[0].depends_on[0]: no component is named `b`"),
            "{text}"
        );
        assert!(
            text.contains(
                "w.yaml:8:11: components[1].name: `a` is already the name of components[0]"
            ),
            "{text}"
        );
    }

    #[test]
    fn dependency_cycles_are_named() {
        let e = load("name: x\ncomponents:\n  - { name: a, kind: worker, traffic: { requests_per_month: 1 }, depends_on: [b] }\n  - { name: b, kind: worker, traffic: { requests_per_month: 1 }, depends_on: [c] }\n  - { name: c, kind: worker, traffic: { requests_per_month: 1 }, depends_on: [a] }\n").unwrap_err().to_string();
        assert!(e.contains("depends_on forms a cycle: a → b → c → a"), "{e}");
    }

    #[test]
    fn unknown_keys_and_values_suggest_the_nearest_name() {
        let e = load("name: x\ncomponents:\n  - name: a\n    kind: worker\n    memroy_mb: 5\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with(
                "w.yaml:5:5: components[0]: unknown key `memroy_mb`, did you mean `memory_mb`?"
            ),
            "{e}"
        );
        let e = load("name: x\ncomponents:\n  - name: a\n    kind: wroker\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("unknown value `wroker`, did you mean `worker`?"),
            "{e}"
        );
    }

    #[test]
    fn scheduled_work_needs_a_schedule_and_derives_invocations_from_it() {
        let e = load("name: x\ncomponents:\n  - name: cron\n    kind: scheduled\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("needs `schedule"), "{e}");
        let w = load("name: x\ncomponents:\n  - name: cron\n    kind: scheduled\n    schedule: { runs_per_day: 1, run_seconds: 300 }\n").unwrap();
        let c = &w.components[0];
        assert_eq!(c.requests_per_month, dec!(31)); // ceil(730 / 24 days × 1 run)
        assert_eq!(c.duration_ms, dec!(300000));
        // Hourly: exactly one run per hour of the month, not one more from rounding.
        for (per_day, hours, runs) in [
            ("24", "730", 730),
            ("9600", "730", 292000),
            ("48", "720", 1440),
        ] {
            let w = load(&format!("name: x\nassumptions: {{ hours_per_month: {hours} }}\ncomponents:\n  - name: cron\n    kind: scheduled\n    schedule: {{ runs_per_day: {per_day}, run_seconds: 60 }}\n")).unwrap();
            let c = &w.components[0];
            assert_eq!(c.requests_per_month, Decimal::from(runs), "{per_day} a day");
            assert_eq!(
                c.schedule.as_ref().unwrap().runs_per_month,
                Decimal::from(runs)
            );
        }
    }
}
