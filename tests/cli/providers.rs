//! `--provider` and a workload's `providers`: which clouds' placements are candidates.
//! Every example workload evaluates on Google Cloud alone and on both clouds; what has no
//! Google Cloud placement says so instead of costing $0.

use predicates::prelude::PredicateBooleanExt;
use serde_json::Value;

use crate::support::{Dir, archway, bad_input, example_workloads, has, no_panic};

/// Third-party services offered whatever the cloud.
const ANY_CLOUD: &[&str] = &["cloudflare-workers", "modal", "replicate", "temporal-cloud"];

const GCP: &[&str] = &[
    "cloud-run",
    "cloud-run-jobs",
    "cloud-run-functions",
    "gke-autopilot",
];

fn evaluate(file: &std::path::Path, providers: &str) -> (Option<i32>, Value) {
    let out = archway()
        .args(["evaluate", "--format", "json", "--provider", providers])
        .arg(file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{}: {stderr}", file.display());
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{} --provider {providers}: {e}: {stderr}", file.display()));
    (out.status.code(), v)
}

#[test]
fn every_example_evaluates_on_google_cloud_alone() {
    for f in example_workloads() {
        let (code, v) = evaluate(&f, "gcp");
        for c in v["components"].as_array().unwrap() {
            for alt in c["alternatives"].as_array().unwrap() {
                let p = alt["placement"].as_str().unwrap();
                assert!(
                    ANY_CLOUD.contains(&p) || GCP.contains(&p),
                    "{}: {p} offered on gcp alone",
                    f.display()
                );
            }
            match c["placement"].as_str() {
                Some(p) => assert!(ANY_CLOUD.contains(&p) || GCP.contains(&p)),
                // Nothing on Google Cloud runs it: every option says why, and the command
                // fails (exit 1) rather than report a partial total as the system's.
                None => {
                    assert_eq!(code, Some(1), "{}", f.display());
                    for alt in c["alternatives"].as_array().unwrap() {
                        assert!(
                            alt["not_priced"].is_string()
                                || !alt["excluded_by"].as_array().unwrap().is_empty(),
                            "{}: {alt} neither priced nor excluded",
                            f.display()
                        );
                    }
                }
            }
        }
        if v["components"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["placement"].is_string())
        {
            assert_eq!(code, Some(0), "{}", f.display());
        }
    }
}

#[test]
fn every_example_evaluates_on_both_clouds() {
    for f in example_workloads() {
        let (code, v) = evaluate(&f, "aws,gcp");
        assert_eq!(code, Some(0), "{}", f.display());
        for c in v["components"].as_array().unwrap() {
            let offered: Vec<&str> = c["alternatives"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["placement"].as_str().unwrap())
                .collect();
            assert!(
                offered.contains(&"lambda") && offered.contains(&"cloud-run"),
                "{offered:?}"
            );
        }
    }
}

#[test]
fn the_default_is_aws_and_the_flag_overrides_the_file() {
    let f = concat!(env!("CARGO_MANIFEST_DIR"), "/workloads/rest-api-10m.yaml");
    let plain = archway().args(["cost", f]).output().unwrap();
    let aws = archway()
        .args(["cost", "--provider", "aws", f])
        .output()
        .unwrap();
    assert_eq!(plain.stdout, aws.stdout);
    assert!(!String::from_utf8_lossy(&plain.stdout).contains("cloud-run"));
    let dir = Dir::with(
        "w.yaml",
        "name: w\nproviders: [gcp]\ncomponents:\n  - { name: api, kind: http-api, traffic: { requests_per_month: 1000000 } }\n",
    );
    dir.archway()
        .args(["cost", "w.yaml"])
        .assert()
        .success()
        .stdout(has("cloud-run-functions"))
        .stdout(has("lambda").not());
    dir.archway()
        .args(["cost", "--provider", "aws", "w.yaml"])
        .assert()
        .success()
        .stdout(has("cloud-run").not());
}

#[test]
fn cost_explain_names_the_google_cloud_region_and_the_billing_mode() {
    let f = concat!(env!("CARGO_MANIFEST_DIR"), "/workloads/rest-api-10m.yaml");
    archway()
        .args(["cost", "--explain", "--provider", "gcp", f])
        .assert()
        .success()
        .stdout(has("Google Cloud region (derived): us-central1"))
        .stdout(has("Cloud Run billing (derived): request-based"))
        .stdout(has("not priced: GKE Autopilot"));
}

#[test]
fn azure_and_unknown_providers_are_bad_input() {
    let f = concat!(env!("CARGO_MANIFEST_DIR"), "/workloads/rest-api-10m.yaml");
    bad_input(
        archway()
            .args(["evaluate", "--provider", "azure", f])
            .assert(),
    )
    .stderr(has("no Azure placements yet"))
    .stderr(has("--provider"));
    bad_input(
        archway()
            .args(["evaluate", "--provider", "aws,gc", f])
            .assert(),
    )
    .stderr(has("unknown provider `gc`"))
    .stderr(has("did you mean `gcp`?"));
    let dir = Dir::with(
        "w.yaml",
        "name: w\nproviders: [aws, azure]\ncomponents:\n  - { name: api, kind: http-api }\n",
    );
    bad_input(dir.archway().args(["evaluate", "w.yaml"]).assert())
        .stderr(has("w.yaml"))
        .stderr(has("no Azure placements yet"))
        .stderr(no_panic());
    let dir = Dir::with(
        "w.yaml",
        "name: w\nproviders: [gpc]\ncomponents:\n  - { name: api, kind: http-api }\n",
    );
    bad_input(dir.archway().args(["evaluate", "w.yaml"]).assert())
        .stderr(has("w.yaml:2"))
        .stderr(has("gcp"));
}

#[test]
fn on_google_cloud_alone_the_stores_and_pieces_are_google_clouds() {
    let f = concat!(env!("CARGO_MANIFEST_DIR"), "/workloads/cron-report.yaml");
    // The database would be Cloud SQL, whose prices the catalog does not have: said, and
    // left out of the total, rather than carrying RDS's price into a Google Cloud system.
    archway()
        .args(["evaluate", "--provider", "gcp", f])
        .assert()
        .success()
        .stdout(has("postgres (data store)  not priced"))
        .stdout(has("stores not priced: `postgres`"));
    archway()
        .args(["cost", "--provider", "gcp", f])
        .assert()
        .success()
        .stdout(has("on Google Cloud this is Cloud SQL for PostgreSQL"));
    let out = archway()
        .args(["graph", "--format", "json", "--provider", "gcp", f])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = v.to_string();
    assert!(text.contains("Cloud Scheduler"), "{text}");
    assert!(text.contains("Cloud SQL for PostgreSQL"), "{text}");
    assert!(!text.contains("EventBridge"), "{text}");
    // On AWS the same workload keeps its AWS pieces and its priced database.
    archway()
        .args(["evaluate", f])
        .assert()
        .success()
        .stdout(has("stores not priced").not());
}

#[test]
fn with_both_clouds_the_same_system_is_priced_on_each_alone() {
    let f = concat!(env!("CARGO_MANIFEST_DIR"), "/workloads/order-workflow.yaml");
    archway()
        .args(["evaluate", "--provider", "aws,gcp", f])
        .assert()
        .success()
        .stdout(has("same system elsewhere"))
        .stdout(has("this mix (aws + gcp)"))
        // Temporal Cloud runs the saga whatever the cloud, so Google Cloud alone places it.
        .stdout(has("Google Cloud alone leaves out: stores not priced"));
    let out = archway()
        .args(["evaluate", "--format", "json", "--provider", "aws,gcp", f])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let e = v["elsewhere"].as_array().unwrap();
    assert_eq!(e.len(), 2);
    // The mix sends the one component with no data of its own (notifications) to Cloud Run
    // functions, a cent cheaper; everything that reads the AWS database stays beside it.
    assert_eq!(v["monthly_usd"], "53.03");
    assert_eq!(v["components"][4]["placement"], "cloud-run-functions");
    assert_eq!(e[0]["provider"], "aws");
    assert_eq!(e[0]["monthly_usd"], "53.04");
    assert_eq!(e[1]["monthly_usd"], "7.15");
    assert_eq!(e[1]["provider"], "gcp");
    assert_eq!(e[1]["unplaced"].as_array().unwrap().len(), 0);
    assert_eq!(e[1]["placements"][1]["component"], "order-saga");
    assert_eq!(e[1]["placements"][1]["placement"], "temporal-cloud");
    // One cloud: no comparison, and the JSON has no such key.
    let out = archway()
        .args(["evaluate", "--format", "json", f])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v.get("elsewhere").is_none());
    let dir = Dir::new();
    dir.archway()
        .args(["report", "--provider", "aws,gcp", f, "-o", "r.md"])
        .assert()
        .success();
    let md = std::fs::read_to_string(dir.path().join("r.md")).unwrap();
    assert!(md.contains("## Same system elsewhere"), "{md}");
    assert!(md.contains(
        "| order-saga | step-functions-standard | step-functions-standard | temporal-cloud |"
    ));
}

#[test]
fn a_partial_catalog_may_add_instance_based_prices_and_then_the_mode_is_chosen_by_cost() {
    // The embedded catalog leaves instance-based billing out (its prices could not be read
    // on Google's page); a catalog that has them adds the section whole. These figures are
    // a test's, not Google's.
    let dir = Dir::with(
        "p.yaml",
        r#"extends: embedded
regions:
  - region: us-east-1
    gcp:
      cloud_run:
        instance_based:
          vcpu_second: { usd: "0.00001", per: vCPU-second, source: "a test figure", as_of: 2026-12-01 }
          gib_second: { usd: "0.000001", per: GiB-second, source: "a test figure", as_of: 2026-12-01 }
          free_vcpu_seconds: { quantity: 0, per: vCPU-seconds a month, source: "a test figure", as_of: 2026-12-01 }
          free_gib_seconds: { quantity: 0, per: GiB-seconds a month, source: "a test figure", as_of: 2026-12-01 }
"#,
    );
    let f = concat!(env!("CARGO_MANIFEST_DIR"), "/workloads/sustained-api.yaml");
    dir.archway()
        .args([
            "--pricing",
            "p.yaml",
            "cost",
            "--explain",
            "--provider",
            "gcp",
            f,
        ])
        .assert()
        .success()
        .stdout(has(
            "overridden: us-east-1 gcp.cloud_run.instance_based (added)",
        ))
        .stdout(has("Cloud Run billing (derived): instance-based"))
        .stdout(has("Cloud Run (instance-based) vCPU"));
    // Half a section is refused, at its place in the file.
    dir.write(
        "q.yaml",
        "extends: embedded\nregions:\n  - region: us-east-1\n    gcp:\n      cloud_run:\n        instance_based:\n          vcpu_second: { usd: \"0.00001\", per: vCPU-second, source: \"x\", as_of: 2026-12-01 }\n",
    );
    bad_input(
        dir.archway()
            .args(["--pricing", "q.yaml", "cost", "--provider", "gcp", f])
            .assert(),
    )
    .stderr(has("missing field `gib_second`"));
}

/// A rule's effect names only the placements the workload weighs: an AWS architect reads
/// "prefers lambda", not a list of Google Cloud services they did not ask about, and the
/// other way round.
#[test]
fn a_rule_names_only_the_clouds_the_workload_weighs() {
    const AWS_ONLY: &[&str] = &[
        "lambda",
        "lambda-edge",
        "lambda-managed-instances",
        "lambda-durable-functions",
        "fargate",
        "fargate-spot",
        "ec2",
        "eks",
        "step-functions-standard",
        "step-functions-express",
    ];
    for f in example_workloads() {
        for (providers, foreign) in [("aws", GCP), ("gcp", AWS_ONLY)] {
            let (_, v) = evaluate(&f, providers);
            for c in v["components"].as_array().unwrap() {
                for r in c["fired_rules"].as_array().unwrap() {
                    let effect = r["effect"].as_str().unwrap();
                    let named: Vec<&str> = effect
                        .split(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '-'))
                        .collect();
                    for id in foreign {
                        assert!(
                            !named.contains(id),
                            "{} --provider {providers}: rule {} says \"{effect}\"",
                            f.display(),
                            r["id"]
                        );
                    }
                }
            }
        }
    }
}
