//! A workload told as an interviewer tells it: what each part does, how much traffic and
//! in what shape, how long and how big a request is, what it holds and where its data
//! lives — every number archway will use, in sentences, never as a trait table.

use crate::workload::key;
use std::fmt::Write;

use rust_decimal::Decimal;

use crate::cost::qty;
use crate::workload::{
    Arch, Component, Connections, Gateway, Gpu, Kind, Runtime, Shape, State, Workload,
};

/// The whole workload in prose.
pub fn prose(w: &Workload) -> String {
    let mut s = String::new();
    match &w.description {
        Some(d) => {
            let _ = write!(s, "{}. ", d.trim_end_matches('.'));
        }
        None => {
            let _ = write!(s, "Here is {}. ", w.name);
        }
    }
    let n = w.components.len();
    if n > 1 {
        let names: Vec<&str> = w.components.iter().map(|c| c.name.as_str()).collect();
        let _ = write!(s, "It has {} parts: {}. ", words(n), list(&names));
    }
    let _ = write!(s, "Everything runs in {}.", w.region);
    if let Some(cur) = &w.current {
        let _ = write!(s, " Today it runs on {}", platform(cur.platform));
        if let Some(m) = cur.monthly_cost_usd {
            let _ = write!(s, ", for ${} a month", qty(m));
        }
        s.push('.');
    }
    for c in &w.components {
        s.push_str("\n\n");
        s.push_str(&component(w, c));
    }
    s
}

fn words(n: usize) -> String {
    const W: [&str; 13] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    W.get(n)
        .map(|w| w.to_string())
        .unwrap_or_else(|| n.to_string())
}

fn list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn platform(p: crate::workload::Platform) -> &'static str {
    use crate::workload::Platform::*;
    match p {
        Monolith => "a monolith on virtual machines",
        Vms => "virtual machines",
        Containers => "containers",
        Kubernetes => "Kubernetes",
        Serverless => "serverless functions",
    }
}

fn what(c: &Component) -> &'static str {
    match c.kind {
        Kind::HttpApi => "is an HTTP API",
        Kind::Worker => "is a worker taking jobs off a queue",
        Kind::Scheduled => "is a scheduled job",
        Kind::Stream => "processes an event stream",
        Kind::Websocket => "keeps WebSocket connections open to clients",
        Kind::Workflow => "runs a multi-step business workflow",
        Kind::Batch => "is a batch job",
        Kind::MlTraining => "trains a machine-learning model",
        Kind::MlInference => "serves predictions from a machine-learning model",
        Kind::StaticSite => "serves a static website",
    }
}

fn runtime(r: Runtime) -> &'static str {
    match r {
        Runtime::Node => "Node.js",
        Runtime::Python => "Python",
        Runtime::Go => "Go",
        Runtime::Rust => "Rust",
        Runtime::Java => "Java",
        Runtime::Dotnet => ".NET",
        Runtime::Container => "a container image",
    }
}

/// A volume a month said the way people say it: a month, and a day or a second beside it.
fn volume(w: &Workload, c: &Component) -> String {
    let month = if c.requests_per_month >= Decimal::from(100) {
        c.requests_per_month.round()
    } else {
        c.requests_per_month
    };
    let days = w.assumptions.hours_per_month / Decimal::from(24);
    let per_day = (month / days).round_dp(1);
    let per_day = if per_day >= Decimal::from(100) {
        per_day.round()
    } else {
        per_day
    };
    let per_s = (month / (w.assumptions.hours_per_month * Decimal::from(3600))).round_dp(1);
    let unit = match c.kind {
        Kind::Worker | Kind::Stream => "messages",
        Kind::Workflow => "executions",
        Kind::Websocket => "messages",
        _ => "requests",
    };
    if per_s >= Decimal::ONE {
        format!(
            "{} {unit} a month, about {} a second on average",
            qty(month),
            qty(per_s)
        )
    } else {
        format!(
            "{} {unit} a month, about {} a day",
            qty(month),
            qty(per_day)
        )
    }
}

fn shape(c: &Component) -> Option<&'static str> {
    Some(match c.shape {
        Shape::Steady => "Traffic is steady around the clock",
        Shape::Diurnal => "Traffic follows the business day: busy in daytime, quiet at night",
        Shape::Spiky => "Traffic is spiky: it idles, then bursts",
        Shape::Sporadic => "Traffic is sporadic: occasional requests with long silences",
        Shape::Timetable => return None,
    })
}

/// One component in prose.
pub fn component(w: &Workload, c: &Component) -> String {
    let mut s = format!("The {} component {}", c.name, what(c));
    if !c.depends_on.is_empty() {
        let names: Vec<&str> = c.depends_on.iter().map(String::as_str).collect();
        let _ = write!(s, " and calls {}", list(&names));
    }
    s.push_str(". ");
    match &c.schedule {
        Some(sch) => {
            let days = w.assumptions.hours_per_month / Decimal::from(24);
            let per_day = (sch.runs_per_month / days).round_dp(2);
            if per_day >= Decimal::ONE {
                let _ = write!(s, "It runs {} times a day", qty(per_day));
            } else {
                let _ = write!(
                    s,
                    "It runs {} times a month",
                    qty(sch.runs_per_month.round_dp(2))
                );
            }
            let _ = write!(s, ", and each run takes {} seconds. ", qty(sch.run_seconds));
        }
        None => {
            let _ = write!(s, "It handles {}. ", volume(w, c));
            if let Some(sh) = shape(c) {
                s.push_str(sh);
                if !c.is_default_at(key!("peak_rps")) {
                    let _ = write!(s, ", peaking at {} requests a second", qty(c.peak_rps));
                }
                s.push_str(". ");
            }
            if c.kind != Kind::StaticSite {
                let each = match c.kind {
                    Kind::Worker | Kind::Stream | Kind::Websocket => "Each message",
                    Kind::Workflow => "Each step",
                    _ => "A request",
                };
                let _ = write!(s, "{each} takes about {} ms", qty(c.duration_ms));
                if !c.is_default_at(key!("max_duration_s")) {
                    let _ = write!(s, " and at most {} seconds", qty(c.max_duration_s));
                }
                s.push_str(". ");
            }
        }
    }
    if !c.is_default_at(key!("memory_mb")) {
        let _ = write!(s, "It needs {} MB of memory. ", qty(c.memory_mb));
    }
    if c.kind != Kind::StaticSite {
        let _ = write!(s, "It is written in {}", runtime(c.runtime));
        if !c.is_default_at(key!("package_mb")) {
            let _ = write!(s, ", shipped as a {} MB package", qty(c.package_mb));
        }
        if c.arch == Arch::Arm64 {
            s.push_str(", built for arm64 (Graviton)");
        }
        s.push_str(". ");
    }
    match c.gpu {
        Gpu::Inference => s.push_str("It needs a GPU for inference. "),
        Gpu::Training => s.push_str("It needs GPUs for training. "),
        Gpu::None => {}
    }
    match c.state {
        State::InMemory => s.push_str("It keeps state in memory between requests. "),
        State::DurableWorkflow => s.push_str("Its state is a durable workflow's. "),
        State::External | State::Stateless => {}
    }
    if c.connections == Connections::LongLived {
        s.push_str("It holds long-lived connections to its clients. ");
    }
    if (c.connections == Connections::Websocket || c.kind == Kind::Websocket)
        && !c.is_default_at(key!("concurrent_connections"))
    {
        let _ = write!(
            s,
            "About {} clients are connected at any moment",
            qty(c.concurrent_connections)
        );
        if !c.is_default_at(key!("fanout")) {
            let _ = write!(
                s,
                ", and each message is sent on to {} others",
                qty(c.fanout)
            );
        }
        s.push_str(". ");
    }
    if let Some(p99) = c.latency_p99_ms {
        let _ = write!(s, "The p99 latency target is {} ms. ", qty(p99));
    }
    match c.gateway {
        Gateway::Rest if !c.is_default_at(key!("gateway")) => {
            s.push_str("Callers reach it through a REST API. ")
        }
        Gateway::Http if !c.is_default_at(key!("gateway")) => {
            s.push_str("Callers reach it through an HTTP API. ")
        }
        Gateway::Alb if !c.is_default_at(key!("gateway")) => {
            s.push_str("It sits behind a load balancer. ")
        }
        _ => {}
    }
    if !c.is_default_at(key!("payload_kb")) {
        let _ = write!(s, "Requests carry {} KB. ", qty(c.payload_kb));
    }
    if let Some(i) = c.data.store_index {
        let st = &w.stores[i];
        let _ = write!(s, "It reads and writes {}", engine(st.engine));
        if let Some(m) = c.data.max_connections.or(st.max_connections) {
            let _ = write!(s, " that accepts at most {} connections", qty(m));
        }
        s.push_str(". ");
    }
    if c.data.region != w.region {
        let _ = write!(s, "Its data lives in {}", c.data.region);
        if c.data.cross_region_gb_month > Decimal::ZERO {
            let _ = write!(
                s,
                ", and it reads {} GB a month across regions",
                qty(c.data.cross_region_gb_month)
            );
        }
        s.push_str(". ");
    } else if c.data.cross_region_gb_month > Decimal::ZERO {
        let _ = write!(
            s,
            "It reads {} GB a month from another region. ",
            qty(c.data.cross_region_gb_month)
        );
    }
    if c.data.internet_egress_gb_month > Decimal::ZERO {
        let _ = write!(
            s,
            "It sends {} GB a month to the internet. ",
            qty(c.data.internet_egress_gb_month)
        );
    }
    if c.dedicated_hardware {
        s.push_str("Compliance requires dedicated, single-tenant hardware. ");
    }
    if c.kind == Kind::Workflow && !c.state_transitions.is_zero() {
        let _ = write!(
            s,
            "Each execution makes {} state transitions. ",
            qty(c.state_transitions)
        );
    }
    s.trim_end().to_string()
}

fn engine(e: crate::workload::Engine) -> String {
    let name = match e.as_str() {
        "postgres" => "a PostgreSQL database",
        "mysql" => "a MySQL database",
        "aurora" => "an Aurora database",
        "aurora-serverless" => "an Aurora Serverless database",
        "dynamodb" => "a DynamoDB table",
        "s3" => "an S3 bucket",
        "redis" => "a Redis cache",
        "memcached" => "a Memcached cache",
        "mongodb" => "a MongoDB database",
        other => return format!("a {other} store"),
    };
    name.to_string()
}
