//! Overrides that work after `cargo install`: the embedded catalog printed and read
//! back, a partial catalog that changes exactly the prices it names, the embedded rule
//! base exported to edit, and the environment variables that stand for the flags.

use crate::support::{Dir, archway, has, no_panic};

fn stdout(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn example(name: &str) -> String {
    format!("{}/workloads/{name}.yaml", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_printed_catalog_read_back_gives_the_same_answers() {
    let d = Dir::new();
    let catalog = stdout(archway().args(["pricing", "show"]));
    d.write("p.yaml", &catalog);
    for w in ["rails-monolith", "ml-platform", "collaboration-websocket"] {
        let embedded = stdout(archway().args(["evaluate", &example(w)]));
        let read_back = stdout(
            d.archway()
                .args(["--pricing", "p.yaml", "evaluate", &example(w)]),
        );
        assert_eq!(embedded, read_back, "{w}");
    }
    // As JSON too, with every price's source.
    let json: serde_json::Value = serde_json::from_str(&stdout(
        archway().args(["pricing", "show", "--format", "json"]),
    ))
    .unwrap();
    assert_eq!(json["regions"][0]["lambda"]["requests"]["usd"], "0.0000002");
    assert!(
        json["regions"][0]["lambda"]["requests"]["source"]
            .as_str()
            .unwrap()
            .contains("aws.amazon.com/lambda/pricing")
    );
}

fn lines(json: &str) -> Vec<(String, String, String)> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut out = Vec::new();
    for c in v["components"].as_array().unwrap() {
        for o in c["options"].as_array().unwrap() {
            for l in o["lines"].as_array().unwrap_or(&Vec::new()) {
                out.push((
                    format!("{} {} {}", c["name"], o["placement"], l["item"]),
                    l["unit_price"].to_string(),
                    l["exact_amount"].to_string(),
                ));
            }
        }
    }
    out
}

#[test]
fn a_partial_catalog_changes_exactly_the_prices_it_names() {
    let d = Dir::with(
        "discount.yaml",
        "extends: embedded\nregions:\n  - region: us-east-1\n    lambda:\n      requests: { usd: \"0.00000018\", source: \"our enterprise agreement, 10% off\", as_of: 2026-11-30 }\n",
    );
    let w = example("rest-api-10m");
    let before = lines(&stdout(archway().args(["cost", &w, "--format", "json"])));
    let after = lines(&stdout(d.archway().args([
        "--pricing",
        "discount.yaml",
        "cost",
        &w,
        "--format",
        "json",
    ])));
    assert_eq!(before.len(), after.len());
    let changed: Vec<&str> = before
        .iter()
        .zip(&after)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.0.as_str())
        .collect();
    assert!(!changed.is_empty());
    assert!(
        changed.iter().all(|l| l.ends_with("\"Lambda requests\"")),
        "only the Lambda request price moved: {changed:?}"
    );
    // The output says so; ARCHWAY_PRICING stands for the flag.
    d.archway()
        .env("ARCHWAY_PRICING", d.path().join("discount.yaml"))
        .args(["evaluate", &w])
        .assert()
        .success()
        .stdout(has("overridden: us-east-1 lambda.requests"));
}

#[test]
fn a_partial_catalog_is_checked_where_it_is_written() {
    let d = Dir::new();
    d.write(
        "typo.yaml",
        "extends: embedded\nregions:\n  - region: us-east-1\n    lamda:\n      requests: { usd: \"0.1\" }\n",
    );
    d.write(
        "nan.yaml",
        "extends: embedded\nregions:\n  - region: us-east-1\n    lambda:\n      requests: { usd: lots }\n",
    );
    d.write("other.yaml", "extends: aws\nregions: []\n");
    for (file, says) in [
        (
            "typo.yaml",
            "typo.yaml:5:7: regions[0].lamda: the catalog has no `lamda` here; did you mean `lambda`?",
        ),
        (
            "nan.yaml",
            "nan.yaml:5:24: regions[0].lambda.requests.usd: expected an amount",
        ),
        ("other.yaml", "the only catalog it can extend"),
    ] {
        d.archway()
            .args(["--pricing", file, "evaluate", &example("cron-report")])
            .assert()
            .code(2)
            .stdout("")
            .stderr(has(says))
            .stderr(no_panic());
    }
}

#[test]
fn the_embedded_rules_export_to_a_directory_that_checks_and_tests_clean() {
    let d = Dir::new();
    d.archway()
        .args(["rules", "export", "mine"])
        .assert()
        .success()
        .stdout(has("wrote mine/limits.yaml"));
    d.archway()
        .args(["rules", "check", "mine"])
        .assert()
        .success();
    d.archway()
        .args(["rules", "test", "mine"])
        .assert()
        .success()
        .stdout(has("0 failed"));
    // ARCHWAY_RULES stands for --rules; exporting again asks for --force.
    d.archway()
        .env("ARCHWAY_RULES", d.path().join("mine"))
        .args(["rules", "list"])
        .assert()
        .success()
        .stdout(has("lambda-15-minute-limit"));
    d.archway()
        .args(["rules", "export", "mine"])
        .assert()
        .code(2)
        .stderr(has("already exists; use --force"));
    d.archway()
        .args(["rules", "export", "mine", "--force"])
        .assert()
        .success();
}

/// A partial catalog names instance types like regions: a type it names is changed in
/// place (the rest of the list stays), a type the catalog lacks is added — so a GPU task
/// no catalog type holds (64 GB beside the node's reserve) finds a node to run on.
#[test]
fn a_partial_catalog_adds_an_instance_type_and_changes_one_by_name() {
    let d = Dir::new();
    d.write("w.yaml", "name: train\ncomponents:\n  - name: trainer\n    kind: ml-training\n    schedule: { runs_per_day: 1, run_seconds: 3600 }\n    memory_mb: 65536\n    gpu: training\n    compliance: { dedicated_hardware: true }\n");
    d.write(
        "gpus.yaml",
        "extends: embedded\nregions:\n  - region: us-east-1\n    ec2:\n      - type: g5.8xlarge\n        arch: x86_64\n        vcpu: 32\n        memory_gb: 128\n        gpus: 1\n        on_demand_hour: { usd: \"2.448\", per: instance-hour, as_of: 2026-12-02, source: \"our quote\" }\n      - type: m5.large\n        on_demand_hour: { usd: \"0.09\", per: instance-hour, as_of: 2026-12-02, source: \"our quote\" }\n",
    );
    // On the embedded catalog nothing holds it, and the reason says how to add a type.
    d.archway()
        .args(["evaluate", "w.yaml"])
        .assert()
        .code(1)
        .stderr(has("no placement can run `trainer`"))
        .stdout(has(
            "no x86_64 GPU instance type in the us-east-1 catalog holds one task of 8 vCPU / 64 GB",
        ))
        .stdout(has("extends: embedded"));
    // One run a day of an hour plus a minute's boot: 30.4167 runs × 3,660 s ÷ 3,600 =
    // 30.9409 instance-hours × $2.448 = $75.74.
    d.archway()
        .args(["--pricing", "gpus.yaml", "evaluate", "w.yaml"])
        .assert()
        .success()
        .stdout(has("overridden: us-east-1 ec2 g5.8xlarge (a new instance type), us-east-1 ec2 m5.large.on_demand_hour"))
        .stdout(has("trainer    gpu-instance   $75.74"));
    // The other types are still there.
    let out = stdout(
        d.archway()
            .args(["--pricing", "gpus.yaml", "pricing", "show"]),
    );
    for t in ["t4g.small", "p3.2xlarge", "g5.8xlarge"] {
        assert!(out.contains(&format!("type: {t}")), "{t}");
    }
}
