//! Scenarios generated from a seed: a workload drawn from the trait space the seeds
//! reason about, told in the same prose as any other, with a twist. The same seed gives
//! the same scenario on every machine (the workload generator's SplitMix64).

use rust_decimal::Decimal;

use super::scenario::{Change, Origin, Scenario, Twist, from_workload};
use crate::cost::qty;
use crate::workload::generate::Rng;
use crate::workload::{Gpu, Kind, Workload, load_str};

const DOMAINS: &[&str] = &[
    "retail",
    "travel",
    "fintech",
    "media",
    "logistics",
    "healthcare",
    "gaming",
    "education",
    "insurance",
    "real-estate",
];

/// The workload a seed describes, as a workload file would say it.
fn yaml(seed: u64) -> String {
    let mut r = Rng(seed);
    let domain = *r.pick(DOMAINS);
    let archetype = r.draw() % 9;
    let runtime = *r.pick(&["node", "python", "go", "java", "dotnet", "python", "node"]);
    let mut c = String::new();
    let (name, what) = match archetype {
        0 | 1 => {
            let shape = *r.pick(&["spiky", "steady", "diurnal", "sporadic"]);
            let per_day = *r.pick(&[
                800u64, 7_200, 40_000, 250_000, 1_500_000, 12_000_000, 90_000_000,
            ]);
            let ms = *r.pick(&[15u64, 40, 120, 250, 600, 1_500]);
            let mb = *r.pick(&[256u64, 512, 1_024, 2_048]);
            c.push_str(&format!(
                "    kind: http-api\n    traffic: {{ requests_per_day: {per_day}, shape: {shape} }}\n    duration_ms: {ms}\n    memory_mb: {mb}\n    runtime: {runtime}\n"
            ));
            if r.chance(50) {
                let p99 = *r.pick(&[100u64, 200, 500, 1_000]);
                c.push_str(&format!("    latency_p99_ms: {p99}\n"));
            }
            if r.chance(40) {
                c.push_str("    data: { store: postgres }\n");
            }
            ("api", format!("the {domain} platform's public API"))
        }
        2 => {
            let runs = *r.pick(&[1u64, 4, 24, 96]);
            let secs = *r.pick(&[30u64, 300, 1_200, 3_000]);
            let mb = *r.pick(&[512u64, 1_024, 2_048, 4_096]);
            c.push_str(&format!(
                "    kind: scheduled\n    schedule: {{ runs_per_day: {runs}, run_seconds: {secs} }}\n    memory_mb: {mb}\n    runtime: {runtime}\n"
            ));
            ("report-job", format!("a {domain} reporting job"))
        }
        3 => {
            let conns = *r.pick(&[500u64, 5_000, 50_000]);
            let fanout = *r.pick(&[2u64, 10, 50]);
            let per_day = *r.pick(&[100_000u64, 2_000_000, 20_000_000]);
            c.push_str(&format!(
                "    kind: websocket\n    traffic: {{ requests_per_day: {per_day}, shape: diurnal, concurrent_connections: {conns}, fanout: {fanout} }}\n    duration_ms: 20\n    memory_mb: 512\n    runtime: {runtime}\n"
            ));
            ("live-updates", format!("live updates for a {domain} app"))
        }
        4 => {
            let per_day = *r.pick(&[2_000u64, 50_000, 1_000_000]);
            let shape = *r.pick(&["spiky", "steady", "diurnal"]);
            let ms = *r.pick(&[80u64, 300, 1_200]);
            c.push_str(&format!(
                "    kind: ml-inference\n    gpu: inference\n    traffic: {{ requests_per_day: {per_day}, shape: {shape} }}\n    duration_ms: {ms}\n    memory_mb: 8192\n    runtime: python\n    package_mb: 4000\n"
            ));
            ("predict", format!("a {domain} recommendation model"))
        }
        5 => {
            let per_day = *r.pick(&[300u64, 5_000, 80_000]);
            let wait = *r.pick(&[60u64, 3_600, 259_200]);
            c.push_str(&format!(
                "    kind: workflow\n    traffic: {{ requests_per_day: {per_day} }}\n    duration_ms: 400\n    max_duration_s: {wait}\n    runtime: {runtime}\n    workflow: {{ state_transitions: 12 }}\n"
            ));
            ("order-flow", format!("the {domain} order workflow"))
        }
        6 => {
            let per_s = *r.pick(&[5u64, 200, 3_000]);
            let ms = *r.pick(&[10u64, 50, 200]);
            c.push_str(&format!(
                "    kind: stream\n    traffic: {{ requests_per_second: {per_s}, shape: steady }}\n    duration_ms: {ms}\n    memory_mb: 1024\n    runtime: {runtime}\n"
            ));
            ("events", format!("the {domain} event pipeline"))
        }
        7 => {
            let per_day = *r.pick(&[2_000u64, 60_000, 900_000]);
            let ms = *r.pick(&[200u64, 2_000, 30_000]);
            c.push_str(&format!(
                "    kind: worker\n    traffic: {{ requests_per_day: {per_day}, shape: spiky }}\n    duration_ms: {ms}\n    memory_mb: 2048\n    runtime: {runtime}\n"
            ));
            ("thumbnails", format!("{domain} image processing"))
        }
        _ => {
            let runs = *r.pick(&[2u64, 4, 8]);
            let hours = *r.pick(&[2u64, 12, 48]);
            c.push_str(&format!(
                "    kind: ml-training\n    gpu: training\n    schedule: {{ runs_per_month: {runs}, run_seconds: {} }}\n    memory_mb: 65536\n    runtime: python\n",
                hours * 3600
            ));
            ("train", format!("{domain} model training"))
        }
    };
    format!(
        "name: generated-{seed}\ndescription: The team behind {what} asks where it should run\ncomponents:\n  - name: {name}\n{c}"
    )
}

/// The scenario a seed describes.
pub fn scenario(seed: u64) -> Result<Scenario, String> {
    let text = yaml(seed);
    let (w, _) = load_str(&format!("generated scenario {seed}"), &text)
        .map_err(|e| format!("{e}\n{text}"))?;
    Ok(from_workload(w, Origin::Generated(seed), seed))
}

/// A twist for component `i`, chosen by `seed` among those that fit it.
pub fn twist(w: &Workload, i: usize, seed: u64) -> Option<Twist> {
    let c = w.components.get(i)?;
    let mut options: Vec<(Change, String)> = Vec::new();
    if c.schedule.is_none() {
        let now = c.requests_per_month;
        options.push((
            Change::Traffic(Decimal::from(100)),
            format!(
                "Growth: {} now gets 100 times the traffic, {} requests a month.",
                c.name,
                qty(now * Decimal::from(100))
            ),
        ));
        if matches!(c.kind, Kind::HttpApi | Kind::Websocket | Kind::MlInference)
            && c.latency_p99_ms.is_none_or(|p| p > Decimal::from(100))
        {
            options.push((
                Change::LatencyP99Ms(Decimal::from(100)),
                format!(
                    "The product team now wants {} to answer within a p99 of 100 ms.",
                    c.name
                ),
            ));
        }
    }
    if matches!(c.kind, Kind::Scheduled | Kind::Batch | Kind::Worker) {
        options.push((
            Change::DurationMs(Decimal::from(2_400_000)),
            format!(
                "The data grew: each run of {} now takes 40 minutes (2,400,000 ms).",
                c.name
            ),
        ));
    }
    if c.gpu == Gpu::None && matches!(c.kind, Kind::HttpApi | Kind::Worker) {
        options.push((
            Change::Gpu(Gpu::Inference),
            format!(
                "{} now runs a model that needs a GPU for inference.",
                c.name
            ),
        ));
    }
    let region = if w.region == "eu-west-1" {
        "us-east-1"
    } else {
        "eu-west-1"
    };
    options.push((
        Change::DataRegion {
            region: region.to_string(),
            cross_region_gb_month: Decimal::from(500),
        },
        format!(
            "The data moves to {region} for residency; {} stays put and reads 500 GB a month across regions.",
            c.name
        ),
    ));
    let (change, says) = options.swap_remove((seed % options.len() as u64) as usize);
    Some(Twist {
        says,
        component: i,
        change,
    })
}
