//! Everyday ways of describing a workload: volumes per day or per second, scheduled work
//! given as a count and a duration, stores named the way people name them, shared stores
//! declared once, and "did you mean" by meaning as well as spelling.

use serde_json::Value;

use crate::support::{Dir, bad_input, has, rejects, yaml};

fn evaluate_json(src: &str) -> Value {
    let d = Dir::with("w.yaml", src);
    let out = d
        .archway()
        .args(["evaluate", "w.yaml", "--format", "json"])
        .assert()
        .success();
    serde_json::from_slice(&out.get_output().stdout).expect("JSON")
}

fn cost_json(src: &str) -> Value {
    let d = Dir::with("w.yaml", src);
    let out = d
        .archway()
        .args(["cost", "w.yaml", "--format", "json", "--explain"])
        .assert()
        .success();
    serde_json::from_slice(&out.get_output().stdout).expect("JSON")
}

fn lambda_requests(v: &Value) -> String {
    v["components"][0]["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["placement"] == "lambda")
        .unwrap()["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["item"] == "Lambda requests")
        .unwrap()["quantity"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn a_volume_per_day_or_per_second_is_the_same_month() {
    let per = |traffic: &str| {
        let src = yaml(&[
            "name: v",
            "assumptions: { free_tier: false }",
            "components:",
            &format!("  - {{ name: api, kind: http-api, traffic: {{ {traffic} }} }}"),
        ]);
        lambda_requests(&cost_json(&src))
    };
    // 730 h is 30.41666… days: 7,200 a day is 219,000 a month; 1 a second is 2,628,000.
    assert_eq!(per("requests_per_day: 7200"), "219000");
    assert_eq!(per("requests_per_second: 1"), "2628000");
    assert_eq!(per("requests_per_month: 2628000"), "2628000");
}

#[test]
fn two_volumes_are_refused_with_the_second_named() {
    rejects(yaml(&[
        "name: v",
        "components:",
        "  - name: api",
        "    kind: http-api",
        "    traffic:",
        "      requests_per_month: 1000",
        "      requests_per_day: 10",
    ]))
    .stderr(has(
        "w.yaml:7:25: components[0].traffic.requests_per_day: give one of requests_per_month, requests_per_day or requests_per_second, not both requests_per_month and requests_per_day",
    ));
}

#[test]
fn scheduled_work_given_as_a_count_and_a_duration_runs_once_per_request() {
    let v = evaluate_json(&yaml(&[
        "name: s",
        "components:",
        "  - { name: nightly, kind: scheduled, traffic: { requests_per_month: 30 }, duration_ms: 600000 }",
    ]));
    let c = &v["components"][0];
    assert_eq!(c["placement"], "lambda");
    // A timetable is its own shape: the spiky-traffic rule stays quiet.
    let fired: Vec<&str> = c["fired_rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(fired.contains(&"cron-minutes-a-day"), "{fired:?}");
    assert!(
        !fired.contains(&"spiky-traffic-favours-functions"),
        "{fired:?}"
    );
    // Without either, the error says both ways.
    rejects(yaml(&[
        "name: s",
        "components:",
        "  - { name: nightly, kind: scheduled }",
    ]))
    .stderr(has("a scheduled component needs `schedule: { runs_per_day, run_seconds }`, or a request count under traffic and duration_ms"));
}

#[test]
fn a_request_count_beside_a_schedule_is_the_runs_on_every_placement() {
    let v = cost_json(&yaml(&[
        "name: s",
        "assumptions: { free_tier: false }",
        "components:",
        "  - name: checks",
        "    kind: scheduled",
        "    schedule: { runs_per_day: 9600, run_seconds: 1 }",
        "    traffic: { requests_per_month: 288000 }",
    ]));
    assert_eq!(lambda_requests(&v), "288000");
    let fargate = v["components"][0]["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["placement"] == "fargate")
        .unwrap();
    let how: Vec<&str> = fargate["derivations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["how"].as_str().unwrap())
        .collect();
    // 288,000 one-second runs a month are one every 9.1 s: a task kept running is cheaper
    // than 288,000 one-minute minimums.
    assert!(
        how.iter()
            .any(|h| h.starts_with("kept running: 1 task × 730 h, one run every 9.1 s")),
        "{how:#?}"
    );
}

#[test]
fn a_schedule_sets_the_shape() {
    rejects(yaml(&[
        "name: s",
        "components:",
        "  - name: nightly",
        "    kind: scheduled",
        "    schedule: { runs_per_day: 1, run_seconds: 60 }",
        "    traffic: { shape: spiky }",
    ]))
    .stderr(has("w.yaml:6:23: components[0].traffic.shape: a schedule sets the traffic's shape to `timetable`"));
}

#[test]
fn stores_are_named_as_people_name_them_and_priced_once() {
    let v = evaluate_json(&yaml(&[
        "name: shop",
        "stores:",
        "  - { name: orders-db, engine: postgresql, instance_class: db.r6g.large, multi_az: true, storage_gb: 100 }",
        "components:",
        "  - { name: api, kind: http-api, traffic: { requests_per_month: 1000000 }, data: { store: orders-db } }",
        "  - { name: jobs, kind: worker, traffic: { requests_per_month: 100000 }, data: { store: orders-db } }",
        "  - { name: carts, kind: http-api, traffic: { requests_per_month: 1000000 }, data: { store: redis } }",
        "  - { name: uploads, kind: worker, traffic: { requests_per_month: 1000 }, data: { store: s3 } }",
    ]));
    let stores = v["stores"].as_array().unwrap();
    let names: Vec<(&str, &str)> = stores
        .iter()
        .map(|s| (s["name"].as_str().unwrap(), s["engine"].as_str().unwrap()))
        .collect();
    assert_eq!(
        names,
        [("orders-db", "postgres"), ("redis", "redis"), ("s3", "s3")]
    );
    // db.r6g.large Multi-AZ: a writer and its standby, 2 × 730 h × $0.225 = $328.50;
    // 100 GB of gp3 twice, 200 × $0.115 = $23.00.
    assert_eq!(stores[0]["monthly_usd"], "351.50");
    assert_eq!(stores[0]["used_by"], serde_json::json!(["api", "jobs"]));
    // cache.t4g.small, 730 h × $0.032 = $23.36.
    assert_eq!(stores[1]["monthly_usd"], "23.36");
    // The bill's rows add up to the total, each store once.
    let rows = v["bill"].as_array().unwrap();
    let money = |x: &Value| {
        x.as_str()
            .unwrap()
            .parse::<rust_decimal::Decimal>()
            .unwrap()
    };
    let sum: rust_decimal::Decimal = rows.iter().map(|r| money(&r["monthly_usd"])).sum();
    assert_eq!(sum, money(&v["monthly_usd"]));
    assert_eq!(
        rows.iter().filter(|r| r["kind"] == "store").count(),
        3,
        "{rows:#?}"
    );
}

#[test]
fn an_unknown_store_suggests_declared_names_and_engines() {
    rejects(yaml(&[
        "name: shop",
        "stores:",
        "  - { name: orders-db, engine: postgres }",
        "components:",
        "  - { name: api, kind: http-api, traffic: { requests_per_month: 1 }, data: { store: order-db } }",
    ]))
    .stderr(has("unknown store `order-db`, did you mean `orders-db`?"));
    rejects(yaml(&[
        "name: shop",
        "stores:",
        "  - { name: cache, engine: valkee }",
        "components:",
        "  - { name: api, kind: http-api, traffic: { requests_per_month: 1 } }",
    ]))
    .stderr(has(
        "w.yaml:3:28: stores[0].engine: unknown engine `valkee`, did you mean `valkey`?",
    ));
}

#[test]
fn did_you_mean_reads_meaning_as_well_as_spelling() {
    for (line, want) in [
        (
            "  - { name: a, kind: cron, schedule: { runs_per_day: 1, run_seconds: 1 } }",
            "unknown value `cron`, did you mean `scheduled`?",
        ),
        (
            "  - { name: a, kind: http-api, traffic: { requests_per_month: 1, shape: bursty } }",
            "unknown value `bursty`, did you mean `spiky`?",
        ),
        (
            "  - { name: a, kind: http-api, gateway: api-gateway, traffic: { requests_per_month: 1 } }",
            "unknown value `api-gateway`, did you mean `rest`?",
        ),
        (
            "  - { name: a, kind: http-api, runtime: golang, traffic: { requests_per_month: 1 } }",
            "unknown value `golang`, did you mean `go`?",
        ),
    ] {
        rejects(yaml(&["name: m", "components:", line])).stderr(has(want));
    }
}

#[test]
fn a_default_never_excludes_alone() {
    // An average of 240 s with no longest run given: 4 × 240 = 960 s would exclude Lambda,
    // so Lambda stays and the finding asks for the value.
    let src = yaml(&[
        "name: long",
        "components:",
        "  - { name: ocr, kind: worker, traffic: { requests_per_month: 3000 }, duration_ms: 240000, memory_mb: 2048 }",
    ]);
    let v = evaluate_json(&src);
    let c = &v["components"][0];
    assert_eq!(c["placement"], "lambda");
    let risks = c["risks"].as_array().unwrap();
    let finding = risks
        .iter()
        .find(|r| r["rule"] == "lambda-15-minute-limit")
        .expect("a finding about the assumed longest run");
    assert!(
        finding["risk"]
            .as_str()
            .unwrap()
            .starts_with("Not given: longest single execution (`max_duration_s`, assumed 960)"),
        "{finding}"
    );
    // Given, the same value excludes.
    let given =
        evaluate_json(&src.replace("memory_mb: 2048", "memory_mb: 2048, max_duration_s: 960"));
    let lambda = given["components"][0]["alternatives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["placement"] == "lambda")
        .unwrap()
        .clone();
    assert_eq!(
        lambda["excluded_by"],
        serde_json::json!(["lambda-15-minute-limit"])
    );
    let d = Dir::with("w.yaml", &src);
    d.archway()
        .args(["evaluate", "w.yaml"])
        .assert()
        .success()
        .stdout(has("because max_duration_s = 960 (default) > 900"));
    bad_input(d.archway().args(["evaluate", "missing.yaml"]).assert());
}
