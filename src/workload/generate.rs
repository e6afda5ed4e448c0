//! Workloads generated from a seed over the whole trait space the seeds reason about:
//! every kind, shape, volume from a few requests a day to billions a month, durations,
//! memory, runtimes, packages, latency targets, data stores, GPUs, today's platform and
//! its bill. For benchmarks and for exploring; the same seed and index give the same
//! workload on every machine (SplitMix64, fixed here).

use std::fmt::Write;

/// SplitMix64: small, fast, and the same everywhere.
pub struct Rng(pub u64);

impl Rng {
    pub fn draw(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[(self.draw() % xs.len() as u64) as usize]
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.draw() % 100 < percent
    }
    /// 1 to `max` (odd), the middle likelier than the ends: the sum of two draws, as two
    /// dice make 2 to 12 (5 on average for 9).
    fn count(&mut self, max: u64) -> u64 {
        let half = max.div_ceil(2);
        1 + self.draw() % half + self.draw() % half
    }
}

/// The `index`th workload of the series `seed`, as a workload file.
pub fn workload(seed: u64, index: u64) -> String {
    let mut r = Rng(seed ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03));
    let mut s = format!("name: gen-{seed}-{index}\n");
    let n = r.count(9);
    if r.chance(40) {
        let platform = *r.pick(&["monolith", "vms", "containers", "kubernetes"]);
        // Today's bill grows with the system: so much a component.
        let bill = n * *r.pick(&[40u64, 300, 1_500, 8_000]);
        let _ = writeln!(
            s,
            "current: {{ platform: {platform}, monthly_cost_usd: \"{bill}\" }}"
        );
    }
    s.push_str("components:\n");
    for i in 0..n {
        component(&mut r, &mut s, i, n);
    }
    s
}

fn component(r: &mut Rng, s: &mut String, i: u64, n: u64) {
    let kind = *r.pick(&[
        "http-api",
        "http-api",
        "http-api",
        "worker",
        "worker",
        "scheduled",
        "stream",
        "websocket",
        "workflow",
        "batch",
        "ml-inference",
        "ml-training",
        "static-site",
    ]);
    let _ = write!(s, "  - name: c{i}\n    kind: {kind}\n");
    let runtime = *r.pick(&[
        "node", "python", "go", "java", "dotnet", "rust", "python", "node",
    ]);
    match kind {
        "scheduled" | "batch" | "ml-training" => {
            let (runs, secs) = if kind == "ml-training" {
                (
                    *r.pick(&[1u64, 4, 8]),
                    *r.pick(&[3_600u64, 36_000, 259_200]),
                )
            } else {
                (
                    *r.pick(&[1u64, 4, 24, 96, 288]),
                    *r.pick(&[5u64, 60, 300, 1_200, 2_700]),
                )
            };
            let _ = writeln!(
                s,
                "    schedule: {{ runs_per_day: {runs}, run_seconds: {secs} }}"
            );
        }
        _ => {
            let per_day = *r.pick(&[
                50u64, 800, 7_200, 40_000, 250_000, 1_500_000, 12_000_000, 90_000_000,
            ]);
            let shape = *r.pick(&["spiky", "steady", "diurnal", "sporadic"]);
            let _ = write!(
                s,
                "    traffic: {{ requests_per_day: {per_day}, shape: {shape}"
            );
            if kind == "websocket" {
                let conns = *r.pick(&[200u64, 5_000, 50_000]);
                let fanout = *r.pick(&[1u64, 5, 30]);
                let _ = write!(s, ", concurrent_connections: {conns}, fanout: {fanout}");
            }
            s.push_str(" }\n");
            if kind != "static-site" {
                let ms = *r.pick(&[8u64, 40, 120, 300, 900, 2_500, 12_000]);
                let _ = writeln!(s, "    duration_ms: {ms}");
            }
        }
    }
    if kind != "static-site" {
        let mb = match kind {
            "ml-inference" | "ml-training" => *r.pick(&[4_096u64, 16_384, 65_536]),
            _ => *r.pick(&[128u64, 256, 512, 1_024, 2_048, 4_096]),
        };
        let _ = writeln!(s, "    memory_mb: {mb}\n    runtime: {runtime}");
        if r.chance(30) {
            let pkg = *r.pick(&[5u64, 40, 180, 600, 2_500]);
            let _ = writeln!(s, "    package_mb: {pkg}");
        }
    }
    match kind {
        "ml-inference" if r.chance(70) => s.push_str("    gpu: inference\n"),
        "ml-training" if r.chance(80) => s.push_str("    gpu: training\n"),
        _ => {}
    }
    if matches!(kind, "http-api" | "websocket" | "ml-inference") && r.chance(50) {
        let p99 = *r.pick(&[50u64, 100, 200, 500, 1_000]);
        let _ = writeln!(s, "    latency_p99_ms: {p99}");
    }
    if r.chance(40) && kind != "static-site" {
        let store = *r.pick(&["postgres", "dynamodb", "s3", "redis", "aurora-serverless"]);
        let _ = writeln!(s, "    data: {{ store: {store} }}");
    }
    if r.chance(5) && !matches!(kind, "static-site") {
        s.push_str("    compliance: { dedicated_hardware: true }\n");
    }
    if i > 0 && r.chance(40) {
        let dep = r.draw() % i;
        let _ = writeln!(s, "    depends_on: [c{dep}]");
    }
    let _ = n;
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::advisor::advise;
    use crate::cost::Pricing;
    use crate::rules::RuleBase;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn every_generated_workload_loads_and_is_advised(seed in any::<u64>(), index in 0u64..1_000_000) {
            let text = workload(seed, index);
            let (w, _) = crate::workload::load_str("gen.yaml", &text)
                .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            let a = advise(&w, &RuleBase::embedded(), &Pricing::embedded());
            prop_assert!(a.is_ok(), "{:?}\n{}", a.err(), text);
        }
    }

    #[test]
    fn the_same_seed_and_index_give_the_same_workload() {
        assert_eq!(workload(7, 3), workload(7, 3));
        assert_ne!(workload(7, 3), workload(7, 4));
        // Five components on average (the portfolio the batch target is set for).
        let n: usize = (0..2000)
            .map(|i| workload(1, i).matches("  - name:").count())
            .sum();
        assert!(
            (4_800..=5_200).contains(&(n / 2)),
            "{n} components in 2,000 workloads"
        );
    }
}
