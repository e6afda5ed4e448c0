//! The interview: its steps, its questions, and the workload draft they edit.
//!
//! The draft is the workload document itself (a YAML value), so a file opened in the TUI
//! keeps every key it had, and saving writes what the loader reads back unchanged.

use serde_yaml::{Mapping, Value};

use crate::input::parse_decimal;
use crate::workload::{
    Access, Arch, Connections, Engine, Gateway, Gpu, Kind, Platform, Runtime, Shape, State,
};

/// What a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    Text,
    /// A number within [min, max] (as text, to stay exact).
    Number {
        min: &'static str,
        max: &'static str,
    },
    /// A volume a month, which may also be said as a rate (`7200/day`, `20 req/s`).
    Volume,
    /// A data store: a kind, an engine, or a store the workload declares.
    Store,
    Choice(&'static [&'static str]),
    Bool,
    /// Other components' names, comma-separated.
    Names,
    /// The clouds whose placements are candidates, comma-separated (`aws, gcp`).
    Clouds,
}

/// Whether a question is about the whole workload, the current component or the current
/// data store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Workload,
    Component,
    Store,
}

/// The section of the document a scope's questions live in.
fn section(scope: Scope) -> Option<&'static str> {
    match scope {
        Scope::Workload => None,
        Scope::Component => Some("components"),
        Scope::Store => Some("stores"),
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// Dotted path in the workload (or component) document: `traffic.shape`.
    pub key: &'static str,
    pub label: &'static str,
    pub help: &'static str,
    pub ask: Ask,
    pub scope: Scope,
    /// Whether the question can matter for a component (by its document); the interview
    /// skips it otherwise.
    pub when: fn(&Value) -> bool,
}

impl Field {
    /// Whether the question applies to item `i` (a component or a store) of `doc`.
    pub fn applies(&self, doc: &Value, i: usize) -> bool {
        match section(self.scope) {
            None => true,
            Some(list) => doc
                .get(list)
                .and_then(|xs| xs.get(i))
                .is_some_and(|x| (self.when)(x)),
        }
    }

    const fn only(self, when: fn(&Value) -> bool) -> Field {
        Field { when, ..self }
    }
}

fn always(_: &Value) -> bool {
    true
}

fn kind_of(c: &Value) -> &str {
    c.get("kind").and_then(Value::as_str).unwrap_or("")
}

/// Work on a timetable: it has runs, not a traffic peak.
fn timetabled(c: &Value) -> bool {
    matches!(kind_of(c), "scheduled" | "ml-training" | "batch") || c.get("schedule").is_some()
}

fn not_timetabled(c: &Value) -> bool {
    !timetabled(c)
}

fn websocket(c: &Value) -> bool {
    kind_of(c) == "websocket" || c.get("connections").and_then(Value::as_str) == Some("websocket")
}

/// A service answering callers: a front door, a latency target, warm capacity.
fn answers_callers(c: &Value) -> bool {
    matches!(
        kind_of(c),
        "http-api" | "websocket" | "ml-inference" | "static-site"
    )
}

/// Work a container serves many of at once.
fn served(c: &Value) -> bool {
    matches!(
        kind_of(c),
        "http-api" | "websocket" | "worker" | "stream" | "ml-inference"
    )
}

fn relational(c: &Value) -> bool {
    let store = c
        .get("data")
        .and_then(|d| d.get("store"))
        .and_then(Value::as_str)
        .unwrap_or("");
    matches!(
        crate::workload::parse_engine(store),
        Ok(Some(e)) if e.kind() == crate::workload::Store::Relational
    )
}

fn engine_kind(s: &Value) -> Option<crate::workload::Store> {
    let e = s.get("engine").and_then(Value::as_str)?;
    crate::workload::parse_engine(e)
        .ok()
        .flatten()
        .map(|e| e.kind())
}

/// A store that runs on instances: a database or a cache.
fn on_instances(s: &Value) -> bool {
    matches!(
        engine_kind(s),
        Some(crate::workload::Store::Relational | crate::workload::Store::Cache)
    )
}

fn relational_store(s: &Value) -> bool {
    engine_kind(s) == Some(crate::workload::Store::Relational)
}

fn gpu_work(c: &Value) -> bool {
    matches!(kind_of(c), "ml-inference" | "ml-training" | "batch")
        || c.get("gpu")
            .and_then(Value::as_str)
            .is_some_and(|g| g != "none")
}

#[derive(Debug, Clone, Copy)]
pub struct Step {
    pub title: &'static str,
    pub help: &'static str,
    pub fields: &'static [Field],
}

const fn w(key: &'static str, label: &'static str, ask: Ask, help: &'static str) -> Field {
    Field {
        key,
        label,
        help,
        ask,
        scope: Scope::Workload,
        when: always,
    }
}

const fn c(key: &'static str, label: &'static str, ask: Ask, help: &'static str) -> Field {
    Field {
        key,
        label,
        help,
        ask,
        scope: Scope::Component,
        when: always,
    }
}

const fn st(key: &'static str, label: &'static str, ask: Ask, help: &'static str) -> Field {
    Field {
        key,
        label,
        help,
        ask,
        scope: Scope::Store,
        when: always,
    }
}

const fn num(min: &'static str, max: &'static str) -> Ask {
    Ask::Number { min, max }
}

/// The interview, grouped as the seeds think about a workload.
pub const STEPS: &[Step] = &[
    Step {
        title: "Components",
        help: "Name the system and its parts; each part gets its own placement.",
        fields: &[
            w(
                "name",
                "system name",
                Ask::Text,
                "A short name for the whole system; reports and files use it.",
            ),
            w(
                "description",
                "description",
                Ask::Text,
                "One line on what the system does.",
            ),
            w(
                "providers",
                "clouds",
                Ask::Clouds,
                "The clouds whose placements are candidates: aws, gcp, or both (aws, gcp); empty is aws. Cloudflare Workers and the third-party services stay candidates either way.",
            ),
            c(
                "name",
                "component",
                Ask::Text,
                "This component's name, unique in the system (a to add, x to remove, [ ] to switch).",
            ),
            c(
                "kind",
                "kind",
                Ask::Choice(Kind::NAMES),
                "What it does: an HTTP API, a queue worker, a scheduled job, a workflow, ML training…",
            ),
            c(
                "depends_on",
                "depends on",
                Ask::Names,
                "Components it calls or reads, comma-separated; the migration moves them first.",
            ),
        ],
    },
    Step {
        title: "Traffic",
        help: "Volume and shape decide between paying per request and paying per hour.",
        fields: &[
            c(
                "traffic.requests_per_month",
                "requests a month",
                Ask::Volume,
                "Invocations, messages or executions a month; say it as you would: 350k, 1.2M, 7200/day, 20 req/s.",
            ),
            c(
                "traffic.shape",
                "shape",
                Ask::Choice(Shape::NAMES),
                "Spiky and sporadic favour scale-to-zero; steady high load favours always-on containers.",
            ),
            c(
                "traffic.peak_rps",
                "peak requests/s",
                num("0", "10000000"),
                "Busiest second; derived from the shape when empty. Sizes the capacity held for bursts.",
            )
            .only(not_timetabled),
            c(
                "schedule.runs_per_day",
                "runs a day",
                num("0", "100000"),
                "How often it runs. A few minutes a day is Lambda's sweet spot.",
            )
            .only(timetabled),
            c(
                "schedule.run_seconds",
                "seconds a run",
                num("0", "63072000"),
                "How long one run takes; past 15 minutes Lambda cannot run it.",
            )
            .only(timetabled),
            c(
                "traffic.concurrent_connections",
                "open connections",
                num("0", "1000000000"),
                "WebSocket connections open on average; API Gateway bills connection-minutes.",
            )
            .only(websocket),
            c(
                "traffic.fanout",
                "fan-out",
                num("0", "1000000"),
                "Messages sent out per message received (a broadcast to every participant).",
            )
            .only(websocket),
        ],
    },
    Step {
        title: "Duration & resources",
        help: "Billed time × memory is the serverless bill; hard limits rule platforms out.",
        fields: &[
            c(
                "duration_ms",
                "duration ms",
                num("0", "63072000000"),
                "Average billed wall time per invocation. Lambda bills it per ms × GB.",
            ),
            c(
                "cpu_ms",
                "CPU ms",
                num("0", "63072000000"),
                "CPU time per invocation, where a platform bills CPU (Workers); default: the duration.",
            ),
            c(
                "max_duration_s",
                "longest run s",
                num("0", "63072000"),
                "Longest single execution. Lambda stops at 900 s; API Gateway at 29 s.",
            ),
            c(
                "memory_mb",
                "memory MB",
                num("1", "1048576"),
                "Memory per instance; Lambda allows 128–10,240 MB and scales CPU with it.",
            ),
            c(
                "arch",
                "architecture",
                Ask::Choice(Arch::NAMES),
                "arm64 is about 20% cheaper on Lambda and Fargate when the code allows.",
            ),
            c(
                "ephemeral_storage_mb",
                "scratch disk MB",
                num("0", "10000000"),
                "Disk per instance; Lambda includes 512 MB and allows up to 10 GB.",
            ),
            c(
                "runtime",
                "runtime",
                Ask::Choice(Runtime::NAMES),
                "Language runtime; it sets the cold-start estimate (Java and .NET start slowest).",
            ),
            c(
                "package_mb",
                "package MB",
                num("0", "1000000"),
                "Deployment package or image size; zips stop at 250 MB, images at 10 GB.",
            ),
        ],
    },
    Step {
        title: "State & connections",
        help: "Functions forget everything between calls and cannot hold connections open.",
        fields: &[
            c(
                "state",
                "state",
                Ask::Choice(State::NAMES),
                "Where state lives; in-memory state and long-lived connections need servers.",
            ),
            c(
                "connections",
                "connections",
                Ask::Choice(Connections::NAMES),
                "Persistent client connections (websockets) it holds.",
            ),
            c(
                "access",
                "data access",
                Ask::Choice(Access::NAMES),
                "Read-only paths move first in a migration, transactional ones last.",
            ),
            c(
                "data.store",
                "data store",
                Ask::Store,
                "Its store: a kind, an engine (postgres, dynamodb, s3, redis…) or a store the file declares; priced once for the system.",
            ),
            c(
                "data.max_connections",
                "DB connections",
                num("0", "1000000"),
                "Connections the database accepts; thousands of concurrent functions exhaust them.",
            )
            .only(relational),
        ],
    },
    Step {
        title: "Data stores",
        help: "The databases, tables, buckets and caches the components share; each is priced once for the system (a adds one, x removes it).",
        fields: &[
            st(
                "name",
                "store",
                Ask::Text,
                "The store's name; components name it in their data store.",
            ),
            st(
                "engine",
                "engine",
                Ask::Choice(Engine::NAMES),
                "What it is: postgres, aurora-serverless, dynamodb, s3, redis…",
            ),
            st(
                "instance_class",
                "instance class",
                Ask::Text,
                "Database class (db.t4g.medium) or cache node type (cache.t4g.small); sized from the load when empty.",
            )
            .only(on_instances),
            st(
                "instances",
                "instances",
                num("1", "100"),
                "Database instances (a writer and readers) or cache nodes.",
            )
            .only(on_instances),
            st(
                "multi_az",
                "standby in a 2nd zone",
                Ask::Bool,
                "A standby in a second availability zone; it doubles the instance and storage price.",
            )
            .only(relational_store),
            st(
                "storage_gb",
                "data kept GB",
                num("0", "1000000000"),
                "Data kept, billed per GB-month.",
            ),
            st(
                "max_connections",
                "max connections",
                num("1", "1000000"),
                "Connections the database accepts; thousands of concurrent functions exhaust them.",
            )
            .only(relational_store),
        ],
    },
    Step {
        title: "GPU",
        help: "Training wants dedicated GPU instances; bursty inference can use serverless GPUs.",
        fields: &[c(
            "gpu",
            "GPU",
            Ask::Choice(Gpu::NAMES),
            "none, inference or training; Lambda has no GPU.",
        )
        .only(gpu_work)],
    },
    Step {
        title: "Latency & cold starts",
        help: "Cold starts meet the latency target, or provisioned capacity pays to avoid them.",
        fields: &[
            c(
                "latency_p99_ms",
                "p99 target ms",
                num("0", "3600000"),
                "Target 99th-percentile latency; empty means no target.",
            ),
            c(
                "provisioned_concurrency.instances",
                "provisioned",
                num("1", "100000"),
                "Pre-warmed Lambda instances; they remove cold starts and cost by the hour.",
            )
            .only(answers_callers),
            c(
                "provisioned_concurrency.hours_per_month",
                "provisioned h",
                num("0", "744"),
                "Hours a month the pre-warmed instances run.",
            )
            .only(answers_callers),
            c(
                "gateway",
                "front door",
                Ask::Choice(Gateway::NAMES),
                "REST API Gateway, HTTP API (cheaper), ALB, WebSocket API, or none.",
            )
            .only(answers_callers),
            c(
                "payload_kb",
                "payload KB",
                num("0", "10000000"),
                "Request size; API Gateway stops at 10 MB, Lambda at 6 MB.",
            ),
        ],
    },
    Step {
        title: "Data & region",
        help: "Compute belongs next to its data; crossing regions costs on every gigabyte.",
        fields: &[
            w(
                "region",
                "region",
                Ask::Text,
                "The region to price in (the catalog has us-east-1).",
            ),
            c(
                "data.cross_region_gb_month",
                "cross-region GB",
                num("0", "1000000000"),
                "Data read from another region each month, at $0.02/GB.",
            ),
            c(
                "data.internet_egress_gb_month",
                "egress GB",
                num("0", "1000000000"),
                "Data sent to the internet each month.",
            ),
        ],
    },
    Step {
        title: "Constraints",
        help: "Compliance and fixed sizing can overrule cost.",
        fields: &[
            c(
                "compliance.dedicated_hardware",
                "dedicated hardware",
                Ask::Bool,
                "Compliance demands single-tenant hardware; serverless cannot offer it.",
            ),
            c(
                "container.vcpu",
                "task vCPU",
                num("0", "192"),
                "Container vCPU per task; derived from memory when empty.",
            ),
            c(
                "container.memory_gb",
                "task memory GB",
                num("0", "1536"),
                "Container memory per task; default from memory_mb.",
            ),
            c(
                "container.concurrency_per_task",
                "requests a task at once",
                num("1", "1000000"),
                "Most requests one container serves at once when they wait on I/O (default 80).",
            )
            .only(served),
            c(
                "container.tasks",
                "tasks",
                num("1", "100000"),
                "A fixed task count, checked against the load; empty sizes it from the load.",
            ),
        ],
    },
    Step {
        title: "Today's deployment",
        help: "Where the system runs now; the migration plan starts there.",
        fields: &[
            w(
                "current.platform",
                "runs on",
                Ask::Choice(Platform::NAMES),
                "Today's platform; empty plans a greenfield build.",
            ),
            w(
                "current.monthly_cost_usd",
                "today's bill $",
                num("0", "1000000000"),
                "Today's monthly bill, so each phase shows the saving.",
            ),
            c(
                "new_feature",
                "new feature",
                Ask::Bool,
                "Built new rather than moved; new features move first.",
            ),
            w(
                "assumptions.hours_per_month",
                "hours a month",
                num("1", "744"),
                "Month length for hourly prices: 730 (a year / 12) or 720 (30 days).",
            ),
            w(
                "assumptions.free_tier",
                "free tier",
                Ask::Bool,
                "Apply the Lambda and API Gateway free tiers.",
            ),
        ],
    },
];

/// A new workload: one HTTP API, enough for a first answer.
pub fn blank() -> Value {
    serde_yaml::from_str(
        "name: my-system\ncomponents:\n  - name: api\n    kind: http-api\n    traffic: { requests_per_month: 1000000, shape: spiky }\n",
    )
    .unwrap_or(Value::Null)
}

/// The mapping a field lives in: the workload, or item `i` of its section.
fn scope_map<'a>(doc: &'a Value, f: &Field, i: usize) -> Option<&'a Value> {
    match section(f.scope) {
        None => Some(doc),
        Some(list) => doc.get(list)?.get(i),
    }
}

fn scope_map_mut<'a>(doc: &'a mut Value, f: &Field, i: usize) -> Option<&'a mut Value> {
    match section(f.scope) {
        None => Some(doc),
        Some(list) => doc.get_mut(list)?.get_mut(i),
    }
}

/// The stores the workload declares, by name.
pub fn declared_stores(doc: &Value) -> Vec<String> {
    doc.get("stores")
        .and_then(Value::as_sequence)
        .map(|ss| ss.iter().filter_map(|s| s.get("name").map(show)).collect())
        .unwrap_or_default()
}

/// A number shown as people read it: `1,000,000`, `0.25`; other text unchanged.
pub fn pretty(text: &str) -> String {
    match parse_decimal(text) {
        Ok(d) if d.abs() >= rust_decimal::Decimal::from(1000) => crate::cost::qty(d),
        _ => text.to_string(),
    }
}

/// The field's value, as the user would type it; `None` when absent (defaulted).
pub fn get(doc: &Value, f: &Field, comp: usize) -> Option<String> {
    let mut v = scope_map(doc, f, comp)?;
    for part in f.key.split('.') {
        v = v.get(part)?;
    }
    Some(show(v))
}

/// A value as text: numbers and words as written, lists comma-separated.
pub fn show(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Sequence(items) => items.iter().map(show).collect::<Vec<_>>().join(", "),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}

/// What checking typed text needs from the document around it.
pub struct Around<'a> {
    /// The other components' names.
    pub names: &'a [String],
    /// The stores the workload declares.
    pub stores: &'a [String],
    /// Hours in the workload's month, for volumes said as rates.
    pub hours: rust_decimal::Decimal,
}

pub use crate::input::human_number;

/// A monthly volume, said as a count or as a rate over the month's `hours`:
/// `7200/day`, `5/min`, `20 req/s`, `30 rps`.
pub fn volume(text: &str, hours: rust_decimal::Decimal) -> Result<rust_decimal::Decimal, String> {
    use rust_decimal::Decimal;
    let t = text.trim().to_ascii_lowercase();
    let per = |unit: &str| -> Option<Decimal> {
        let month_s = hours * Decimal::from(3600);
        Some(match unit.trim() {
            "s" | "sec" | "second" | "req/s" | "rps" | "/s" => month_s,
            "min" | "minute" | "rpm" => month_s / Decimal::from(60),
            "h" | "hour" | "hr" => hours,
            "day" | "d" => hours / Decimal::from(24),
            "week" | "wk" => hours / Decimal::from(168),
            "month" | "mo" => Decimal::ONE,
            _ => return None,
        })
    };
    let (count, unit) = match t.split_once('/') {
        Some((n, u)) => (
            n.trim().trim_end_matches("req").trim().to_string(),
            Some(u.to_string()),
        ),
        None => match t.strip_suffix("rps").or_else(|| t.strip_suffix("req/s")) {
            Some(n) => (n.trim().to_string(), Some("s".into())),
            None => (t.clone(), None),
        },
    };
    let n = human_number(&count)?;
    match unit {
        None => Ok(n),
        Some(u) => {
            let f = per(&u).ok_or_else(|| {
                format!("`{u}` is not a unit of time: say /s, /min, /hour, /day, /week or /month")
            })?;
            Ok(n * f)
        }
    }
}

/// Checks typed text against the field; the value to store (`None` clears the field).
pub fn parse(f: &Field, text: &str, around: &Around) -> Result<Option<Value>, String> {
    let (names, stores, hours) = (around.names, around.stores, around.hours);
    let t = text.trim();
    if t.is_empty() {
        return match (f.scope, f.key) {
            (_, "name") | (Scope::Component, "kind") | (Scope::Store, "engine") => {
                Err("required".into())
            }
            _ => Ok(None),
        };
    }
    match f.ask {
        Ask::Text => Ok(Some(Value::String(t.to_string()))),
        Ask::Number { min, max } => {
            let d = human_number(t)?;
            let lo = parse_decimal(min)?;
            let hi = parse_decimal(max)?;
            if d < lo || d > hi {
                return Err(format!(
                    "expected a number from {} to {}",
                    crate::cost::qty(lo),
                    crate::cost::qty(hi)
                ));
            }
            Ok(Some(number(&d.normalize().to_string(), d)))
        }
        Ask::Volume => {
            let d = volume(t, hours)?.round();
            if d < rust_decimal::Decimal::ZERO
                || d > rust_decimal::Decimal::from(1_000_000_000_000_000i64)
            {
                return Err("expected 0 to 1,000,000,000,000,000 a month".into());
            }
            Ok(Some(number(&d.normalize().to_string(), d)))
        }
        Ask::Store => {
            let declared: Vec<String> = stores.to_vec();
            if declared.iter().any(|n| n == t) || crate::workload::parse_engine(t).is_ok() {
                Ok(Some(Value::String(t.to_string())))
            } else {
                Err(format!(
                    "expected a store the file declares{}, an engine (postgres, dynamodb, s3, redis, aurora-serverless…) or a kind (relational, key-value, object, cache)",
                    if declared.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", declared.join(", "))
                    }
                ))
            }
        }
        Ask::Choice(options) => options
            .iter()
            .find(|o| **o == t)
            .map(|o| Some(Value::String((*o).to_string())))
            .ok_or_else(|| format!("expected one of: {}", options.join(", "))),
        Ask::Bool => match t {
            "true" | "yes" | "y" => Ok(Some(Value::Bool(true))),
            "false" | "no" | "n" => Ok(Some(Value::Bool(false))),
            _ => Err("expected true or false".into()),
        },
        Ask::Names => {
            let list: Vec<&str> = t
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            if let Some(bad) = list.iter().find(|n| !names.iter().any(|m| m == *n)) {
                return Err(format!(
                    "no component named `{bad}`; there are: {}",
                    names.join(", ")
                ));
            }
            Ok(Some(Value::Sequence(
                list.into_iter().map(|s| Value::String(s.into())).collect(),
            )))
        }
        Ask::Clouds => {
            let named: Vec<&str> = t
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|s| !s.is_empty())
                .collect();
            let clouds = crate::placement::parse_providers(&named.join(","))?;
            Ok(Some(Value::Sequence(
                clouds
                    .0
                    .iter()
                    .map(|p| Value::String(p.as_str().into()))
                    .collect(),
            )))
        }
    }
}

/// A number as YAML writes it: whole numbers and short decimals as numbers, anything an
/// `f64` would change as exact text (the loader reads both).
fn number(text: &str, d: rust_decimal::Decimal) -> Value {
    let n = d.normalize();
    if let Ok(i) = i64::try_from(n)
        && rust_decimal::Decimal::from(i) == n
    {
        return Value::Number(i.into());
    }
    match n.to_string().parse::<f64>() {
        Ok(f) if f.to_string() == n.to_string() => Value::Number(f.into()),
        _ => Value::String(text.trim().to_string()),
    }
}

/// Sets (or with `None` removes) the field, creating the mappings on its path.
pub fn set(doc: &mut Value, f: &Field, comp: usize, value: Option<Value>) {
    if !doc.is_mapping() {
        *doc = Value::Mapping(Mapping::new());
    }
    let Some(mut v) = scope_map_mut(doc, f, comp) else {
        return;
    };
    let parts: Vec<&str> = f.key.split('.').collect();
    for part in &parts[..parts.len() - 1] {
        let Value::Mapping(m) = v else { return };
        let key = Value::String((*part).to_string());
        if value.is_none() && !m.contains_key(&key) {
            return;
        }
        let entry = m
            .entry(key)
            .or_insert_with(|| Value::Mapping(Mapping::new()));
        if !entry.is_mapping() {
            *entry = Value::Mapping(Mapping::new());
        }
        v = entry;
    }
    let Value::Mapping(m) = v else { return };
    let last = Value::String(parts[parts.len() - 1].to_string());
    match value {
        Some(x) => {
            m.insert(last, x);
        }
        None => {
            m.remove(&last);
        }
    }
    prune(doc, f, comp);
}

/// Removes mappings a cleared field left empty (`traffic: {}`).
fn prune(doc: &mut Value, f: &Field, comp: usize) {
    let parts: Vec<&str> = f.key.split('.').collect();
    if parts.len() < 2 {
        return;
    }
    if let Some(Value::Mapping(m)) = scope_map_mut(doc, f, comp) {
        let key = Value::String(parts[0].to_string());
        if m.get(&key)
            .is_some_and(|x| x.as_mapping().is_some_and(Mapping::is_empty))
        {
            m.remove(&key);
        }
    }
}

/// The components' names, in order.
pub fn names(doc: &Value) -> Vec<String> {
    doc.get("components")
        .and_then(Value::as_sequence)
        .map(|cs| {
            cs.iter()
                .map(|c| c.get("name").map(show).unwrap_or_default())
                .collect()
        })
        .unwrap_or_default()
}

/// Adds a component named `name` (a worker until told otherwise); its index.
pub fn add_component(doc: &mut Value, name: &str) -> usize {
    if doc.get("components").and_then(Value::as_sequence).is_none()
        && let Value::Mapping(m) = doc
    {
        m.insert("components".into(), Value::Sequence(Vec::new()));
    }
    let Some(Value::Sequence(cs)) = doc.get_mut("components") else {
        return 0;
    };
    let mut c = Mapping::new();
    c.insert("name".into(), Value::String(name.to_string()));
    c.insert("kind".into(), Value::String("worker".into()));
    let mut t = Mapping::new();
    t.insert("requests_per_month".into(), Value::Number(100_000.into()));
    c.insert("traffic".into(), Value::Mapping(t));
    cs.push(Value::Mapping(c));
    cs.len() - 1
}

/// After component `i`'s kind changed: scheduled work takes its runs from a schedule, so
/// one is started (if missing) and the request count, which would price Lambda apart from
/// the containers, is dropped. Says what it did, if anything.
pub fn kind_changed(doc: &mut Value, i: usize) -> Option<String> {
    let c = doc.get_mut("components")?.get_mut(i)?;
    let kind = c.get("kind").and_then(Value::as_str)?.to_string();
    let (runs_key, runs, seconds, start) = match kind.as_str() {
        "scheduled" => ("runs_per_day", 1, 300, "1 run a day of 300 s"),
        "ml-training" => ("runs_per_month", 4, 3600, "4 runs a month of an hour"),
        _ => return None,
    };
    let Value::Mapping(m) = c else { return None };
    let mut did = Vec::new();
    if !m.contains_key("schedule") {
        let mut sch = Mapping::new();
        sch.insert(runs_key.into(), Value::Number(runs.into()));
        sch.insert("run_seconds".into(), Value::Number(seconds.into()));
        m.insert("schedule".into(), Value::Mapping(sch));
        did.push(format!("a schedule starts at {start}"));
    }
    if let Some(Value::Mapping(t)) = m.get_mut("traffic")
        && t.remove("requests_per_month").is_some()
    {
        did.push("the request count is dropped: runs come from the schedule".to_string());
        if t.is_empty() {
            m.remove("traffic");
        }
    }
    (!did.is_empty()).then(|| format!("{kind}: {} (step 2).", did.join("; ")))
}

/// Removes component `i` and every reference to it in `depends_on`.
pub fn remove_component(doc: &mut Value, i: usize) {
    let name = names(doc).get(i).cloned();
    if let Some(Value::Sequence(cs)) = doc.get_mut("components") {
        if i < cs.len() {
            cs.remove(i);
        }
        if let Some(name) = name {
            for c in cs.iter_mut() {
                if let Some(Value::Sequence(deps)) = c.get_mut("depends_on") {
                    deps.retain(|d| d.as_str() != Some(name.as_str()));
                }
            }
        }
    }
}

/// Renames component `i`, following the rename in every `depends_on`.
pub fn rename_component(doc: &mut Value, i: usize, new: &str) {
    let Some(old) = names(doc).get(i).cloned() else {
        return;
    };
    if let Some(Value::Sequence(cs)) = doc.get_mut("components") {
        for (k, c) in cs.iter_mut().enumerate() {
            if k == i
                && let Value::Mapping(m) = c
            {
                m.insert("name".into(), Value::String(new.to_string()));
            }
            if let Some(Value::Sequence(deps)) = c.get_mut("depends_on") {
                for d in deps.iter_mut() {
                    if d.as_str() == Some(old.as_str()) {
                        *d = Value::String(new.to_string());
                    }
                }
            }
        }
    }
}

/// Adds a data store named `name` (PostgreSQL until told otherwise); its index.
pub fn add_store(doc: &mut Value, name: &str) -> usize {
    if doc.get("stores").and_then(Value::as_sequence).is_none()
        && let Value::Mapping(m) = doc
    {
        m.insert("stores".into(), Value::Sequence(Vec::new()));
    }
    let Some(Value::Sequence(ss)) = doc.get_mut("stores") else {
        return 0;
    };
    let mut s = Mapping::new();
    s.insert("name".into(), Value::String(name.to_string()));
    s.insert("engine".into(), Value::String("postgres".into()));
    ss.push(Value::Mapping(s));
    ss.len() - 1
}

/// Removes store `i`; components that used it keep a store of the same engine.
pub fn remove_store(doc: &mut Value, i: usize) {
    let Some(store) = doc.get("stores").and_then(|s| s.get(i)).cloned() else {
        return;
    };
    let name = store.get("name").map(show).unwrap_or_default();
    let engine = store.get("engine").map(show).unwrap_or_default();
    if let Some(Value::Sequence(ss)) = doc.get_mut("stores") {
        ss.remove(i);
        if ss.is_empty()
            && let Value::Mapping(m) = doc
        {
            m.remove("stores");
        }
    }
    retarget_stores(doc, &name, &engine);
}

/// Renames store `i`, following the rename in every component's data store.
pub fn rename_store(doc: &mut Value, i: usize, new: &str) {
    let Some(old) = declared_stores(doc).get(i).cloned() else {
        return;
    };
    if let Some(Value::Mapping(m)) = doc.get_mut("stores").and_then(|s| s.get_mut(i)) {
        m.insert("name".into(), Value::String(new.to_string()));
    }
    retarget_stores(doc, &old, new);
}

/// Points every component's `data.store` that says `from` at `to`.
fn retarget_stores(doc: &mut Value, from: &str, to: &str) {
    if let Some(Value::Sequence(cs)) = doc.get_mut("components") {
        for c in cs {
            if let Some(Value::Mapping(d)) = c.get_mut("data")
                && d.get("store").and_then(Value::as_str) == Some(from)
            {
                d.insert("store".into(), Value::String(to.to_string()));
            }
        }
    }
}

/// The document as YAML text, as it would be saved.
pub fn to_yaml(doc: &Value) -> String {
    serde_yaml::to_string(doc).unwrap_or_default()
}
