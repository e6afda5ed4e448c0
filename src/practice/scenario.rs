//! Scenarios: a workload told as an interviewer tells it, the component the estimates are
//! about, and a twist. From the written library (`scenarios/*.yaml`, embedded), from any
//! workload file (narrated), or generated from a seed.

use rust_decimal::Decimal;
use serde::Deserialize;

use super::{Topic, narrate};
use crate::cost::vary::{Vary, with_value};
use crate::input::{Dec, InputError, parse_yaml};
use crate::workload::{Gpu, Kind, Runtime, Shape, Workload, load_str};

/// Where a scenario came from.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    Library,
    /// A workload file, narrated.
    File(String),
    Generated(u64),
}

#[derive(Debug, Clone)]
pub struct Scenario {
    pub name: String,
    pub title: String,
    pub topics: Vec<Topic>,
    /// The seed article and section it draws on, in words.
    pub source: Option<String>,
    pub prompt: String,
    /// The component the estimates are about.
    pub focus: usize,
    pub twist: Option<Twist>,
    pub workload: Workload,
    pub origin: Origin,
}

/// One requirement that changes after the first answer, as interviewers do.
#[derive(Debug, Clone, PartialEq)]
pub struct Twist {
    /// The change in the interviewer's words.
    pub says: String,
    pub component: usize,
    pub change: Change,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Traffic multiplied by a factor (a given peak keeps its ratio).
    Traffic(Decimal),
    DurationMs(Decimal),
    MemoryMb(Decimal),
    LatencyP99Ms(Decimal),
    Gpu(Gpu),
    /// The data moves to another region, with the gigabytes read across a month.
    DataRegion {
        region: String,
        cross_region_gb_month: Decimal,
    },
}

impl Change {
    /// The workload after the change to component `i`, kept valid the way a sweep keeps
    /// it (a longer run lengthens the longest run; traffic keeps a given peak's ratio).
    pub fn apply(&self, w: &Workload, i: usize) -> Result<Workload, String> {
        let err = |e: crate::cost::Overflow| format!("the twist: {e}");
        Ok(match self {
            Change::Traffic(f) => {
                let now = w.components[i].requests_per_month;
                let v = now
                    .checked_mul(*f)
                    .ok_or("the twist: traffic too large to compute exactly")?;
                with_value(w, i, Vary::RequestsPerMonth, v.round().max(Decimal::ONE))
                    .map_err(err)?
            }
            Change::DurationMs(ms) => with_value(w, i, Vary::DurationMs, *ms).map_err(err)?,
            Change::MemoryMb(mb) => with_value(w, i, Vary::MemoryMb, *mb).map_err(err)?,
            Change::LatencyP99Ms(ms) => {
                let mut w = w.clone();
                w.components[i].latency_p99_ms = Some(*ms);
                w
            }
            Change::Gpu(g) => {
                let mut w = w.clone();
                w.components[i].gpu = *g;
                w
            }
            Change::DataRegion {
                region,
                cross_region_gb_month,
            } => {
                let mut w = w.clone();
                let d = &mut w.components[i].data;
                d.region = region.clone();
                d.cross_region_gb_month = *cross_region_gb_month;
                w
            }
        })
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    name: String,
    title: String,
    topics: Vec<Topic>,
    #[serde(default)]
    source: Option<String>,
    prompt: String,
    #[serde(default)]
    focus: Option<String>,
    #[serde(default)]
    twist: Option<RawTwist>,
    workload: serde_yaml::Value,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTwist {
    says: String,
    component: String,
    change: RawChange,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChange {
    #[serde(default)]
    traffic: Option<Dec>,
    #[serde(default)]
    duration_ms: Option<Dec>,
    #[serde(default)]
    memory_mb: Option<Dec>,
    #[serde(default)]
    latency_p99_ms: Option<Dec>,
    #[serde(default)]
    gpu: Option<Gpu>,
    #[serde(default)]
    data_region: Option<String>,
    #[serde(default)]
    cross_region_gb_month: Option<Dec>,
}

/// Reads a scenario file (`scenarios/*.yaml`).
pub fn parse(file: &str, src: &str) -> Result<Scenario, InputError> {
    let raw: RawScenario = parse_yaml(file, src)?;
    let yaml = serde_yaml::to_string(&raw.workload)
        .map_err(|e| InputError::file(file, format!("its workload: {e}")))?;
    let (workload, _) = load_str(&format!("{file} (its workload)"), &yaml)?;
    let find = |name: &str, what: &str| {
        workload
            .components
            .iter()
            .position(|c| c.name == name)
            .ok_or_else(|| {
                InputError::file(
                    file,
                    format!("{what} `{name}` is not a component of its workload"),
                )
            })
    };
    let focus = match &raw.focus {
        Some(n) => find(n, "focus")?,
        None => 0,
    };
    let twist = match raw.twist {
        None => None,
        Some(t) => {
            let component = find(&t.component, "twist.component")?;
            let c = t.change;
            let mut changes = Vec::new();
            if let Some(f) = c.traffic {
                changes.push(Change::Traffic(f.0));
            }
            if let Some(v) = c.duration_ms {
                changes.push(Change::DurationMs(v.0));
            }
            if let Some(v) = c.memory_mb {
                changes.push(Change::MemoryMb(v.0));
            }
            if let Some(v) = c.latency_p99_ms {
                changes.push(Change::LatencyP99Ms(v.0));
            }
            if let Some(g) = c.gpu {
                changes.push(Change::Gpu(g));
            }
            if let Some(region) = c.data_region {
                changes.push(Change::DataRegion {
                    region,
                    cross_region_gb_month: c.cross_region_gb_month.map(|d| d.0).unwrap_or_default(),
                });
            }
            let [change] = <[Change; 1]>::try_from(changes).map_err(|_| {
                InputError::file(
                    file,
                    "twist.change must say exactly one of traffic, duration_ms, memory_mb, latency_p99_ms, gpu, data_region",
                )
            })?;
            Some(Twist {
                says: t.says,
                component,
                change,
            })
        }
    };
    Ok(Scenario {
        name: raw.name,
        title: raw.title,
        topics: raw.topics,
        source: raw.source,
        prompt: paragraphs(&raw.prompt),
        focus,
        twist,
        workload,
        origin: Origin::Library,
    })
}

/// Prose as paragraphs: the lines of a paragraph joined, paragraphs a blank line apart.
fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The written library, embedded: every scenario, parsed.
pub fn library() -> Vec<Scenario> {
    super::library::FILES
        .iter()
        .filter_map(|(path, text)| parse(path, text).ok())
        .collect()
}

/// A library scenario by name.
pub fn named(name: &str) -> Option<Scenario> {
    super::library::FILES
        .iter()
        .find(|(path, _)| {
            std::path::Path::new(path)
                .file_stem()
                .and_then(|s| s.to_str())
                == Some(name)
        })
        .and_then(|(path, text)| parse(path, text).ok())
}

/// Any workload as a scenario: told in prose, its topics read off its traits, the twist
/// chosen by `seed`.
pub fn from_workload(w: Workload, origin: Origin, seed: u64) -> Scenario {
    let focus = (0..w.components.len())
        .max_by_key(|&i| (w.components[i].requests_per_month, std::cmp::Reverse(i)))
        .unwrap_or(0);
    let twist = super::generate::twist(&w, focus, seed);
    Scenario {
        name: w.name.clone(),
        title: w
            .description
            .clone()
            .unwrap_or_else(|| format!("The {} system", w.name)),
        topics: topics(&w),
        source: None,
        prompt: narrate::prose(&w),
        focus,
        twist,
        workload: w,
        origin,
    }
}

/// The topics a workload exercises, read off its traits.
pub fn topics(w: &Workload) -> Vec<Topic> {
    let mut t = Vec::new();
    let mut add = |x: Topic| {
        if !t.contains(&x) {
            t.push(x);
        }
    };
    if w.components.len() > 2 {
        add(Topic::MultiComponent);
    }
    for c in &w.components {
        match c.kind {
            Kind::MlTraining => add(Topic::MlTraining),
            Kind::MlInference => add(Topic::GpuInference),
            Kind::Websocket => add(Topic::Websockets),
            Kind::Workflow => add(Topic::Workflows),
            Kind::Scheduled | Kind::Batch => add(Topic::ScheduledJobs),
            Kind::Worker | Kind::Stream => add(Topic::QueuesAndStreams),
            Kind::StaticSite => add(Topic::Edge),
            Kind::HttpApi => {}
        }
        match c.gpu {
            Gpu::Training => add(Topic::MlTraining),
            Gpu::Inference => add(Topic::GpuInference),
            Gpu::None => {}
        }
        if matches!(c.shape, Shape::Spiky | Shape::Sporadic) {
            add(Topic::SpikyTraffic);
        }
        if c.shape == Shape::Steady && c.requests_per_month >= Decimal::from(100_000_000) {
            add(Topic::SustainedLoad);
        }
        if c.latency_p99_ms.is_some() && matches!(c.runtime, Runtime::Java | Runtime::Dotnet) {
            add(Topic::ColdStarts);
        }
        if c.package_mb > Decimal::from(250) {
            add(Topic::LargePackages);
        }
        if c.dedicated_hardware {
            add(Topic::Compliance);
        }
        if c.data.cross_region_gb_month > Decimal::ZERO || c.data.region != w.region {
            add(Topic::DataLocation);
        }
        if c.data.max_connections.is_some() {
            add(Topic::ConnectionStorms);
        }
    }
    if t.is_empty() {
        t.push(Topic::CostAtScale);
    }
    t
}
