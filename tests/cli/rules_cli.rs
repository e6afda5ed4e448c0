//! `archway evaluate`, `archway rules list|check|test` and broken rule bases.

use serde_json::Value;

use crate::support::{Dir, archway, bad_input, has, yaml};

#[test]
fn evaluate_json_has_the_documented_shape() {
    let out = archway()
        .args([
            "evaluate",
            "workloads/spiky-document-api.yaml",
            "--format",
            "json",
        ])
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["workload"], "spiky-document-api");
    // The seed's $1.95 of Lambda and API Gateway, and $0.08 of access logs.
    assert_eq!(v["monthly_usd"], "2.03");
    let c = &v["components"][0];
    assert_eq!(c["name"], "documents-api");
    assert_eq!(c["placement"], "lambda");
    let alts = c["alternatives"].as_array().unwrap();
    assert_eq!(alts.len(), 16);
    let workers = alts
        .iter()
        .find(|a| a["placement"] == "cloudflare-workers")
        .unwrap();
    assert_eq!(
        workers["excluded_by"],
        serde_json::json!(["workers-128-mb-memory", "workers-script-size"])
    );
    assert_eq!(workers["monthly_usd"], "6.08");
    let fired = c["fired_rules"].as_array().unwrap();
    let spiky = fired
        .iter()
        .find(|f| f["id"] == "spiky-traffic-favours-functions")
        .unwrap();
    assert_eq!(
        spiky["because"],
        "shape = spiky in [spiky, sporadic]; kind = http-api in [http-api, websocket, ml-inference, static-site]"
    );
    // Sources name the article by its title, never by an internal file name.
    let source = spiky["source"].as_str().unwrap();
    assert!(
        source.contains("“Serverless in 2026: durable execution and state”"),
        "{source}"
    );
    assert!(
        !source.contains("seed 0") && !source.contains("fcca85"),
        "{source}"
    );
}

#[test]
fn evaluate_is_deterministic_byte_for_byte() {
    let run = || {
        archway()
            .args([
                "evaluate",
                "workloads/spiky-document-api.yaml",
                "--format",
                "yaml",
            ])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    assert_eq!(run(), run());
}

#[test]
fn rules_list_check_and_test_pass_on_the_embedded_base() {
    archway()
        .args(["rules", "list"])
        .assert()
        .success()
        .stdout(has("lambda-15-minute-limit"));
    archway()
        .args(["rules", "list", "--traits"])
        .assert()
        .success()
        .stdout(has("cold_start_p99_ms"));
    archway()
        .args(["rules", "check"])
        .assert()
        .success()
        .stdout(has("0 errors, 0 warnings"));
    archway()
        .args(["rules", "test"])
        .assert()
        .success()
        .stdout(has(" passed, 0 failed"));
    archway()
        .args(["rules", "check", "rules"])
        .assert()
        .success();
    archway()
        .args(["rules", "test", "rules"])
        .assert()
        .success();
}

const GOOD: &str = "rules:\n  - id: a\n    title: A\n    when: { trait: memory_mb, gt: 10 }\n    prefer: [lambda]\n    rationale: r\n    source: s\n";

fn check(rules: &str) -> assert_cmd::assert::Assert {
    let d = Dir::with("r.yaml", rules);
    d.archway().args(["rules", "check", "."]).assert()
}

#[test]
fn lint_accepts_a_minimal_good_rule() {
    check(GOOD).success().stdout(has("0 errors, 0 warnings"));
}

#[test]
fn lint_finds_an_unknown_trait_with_a_suggestion() {
    bad_input(check(&GOOD.replace("memory_mb", "memroy_mb"))).stderr(has(
        "r.yaml:4:20: rules[0].when.trait: unknown trait `memroy_mb`, did you mean `memory_mb`?",
    ));
}

#[test]
fn lint_finds_an_unknown_placement() {
    bad_input(check(&GOOD.replace("[lambda]", "[lamda]")))
        .stderr(has("r.yaml:5:"))
        .stderr(has("did you mean `lambda`?"));
}

#[test]
fn lint_finds_a_type_mismatch() {
    bad_input(check(&GOOD.replace("gt: 10", "gt: lots"))).stderr(has("r.yaml:4:35: rules[0].when.gt: type mismatch: `memory_mb` is a number, compared with `lots`"));
    bad_input(check(&GOOD.replace(
        "{ trait: memory_mb, gt: 10 }",
        "{ trait: kind, eq: wroker }",
    )))
    .stderr(has(
        "`wroker` is not a value of `kind`, did you mean `worker`?",
    ));
    bad_input(check(&GOOD.replace(
        "{ trait: memory_mb, gt: 10 }",
        "{ trait: kind, gt: 3 }",
    )))
    .stderr(has("`gt` compares numbers, but `kind` is one of"));
}

#[test]
fn lint_finds_duplicate_ids_and_missing_sources() {
    let twice = format!("{GOOD}{}", GOOD.trim_start_matches("rules:\n"));
    bad_input(check(&twice)).stderr(has("r.yaml:8:9: rules[1].id: duplicate rule id `a`"));
    bad_input(check(&GOOD.replace("    source: s\n", "")))
        .stderr(has("r.yaml:2:9: rules[0].id: the rule has no source"));
}

#[test]
fn lint_warns_about_conditions_that_can_never_be_true() {
    let never = GOOD.replace(
        "{ trait: memory_mb, gt: 10 }",
        "{ all: [{ trait: memory_mb, gt: 10 }, { trait: memory_mb, lt: 5 }] }",
    );
    check(&never).success().stdout(has(
        "warning: r.yaml:4:11: rule `a` can never fire: the bounds on memory_mb leave no value",
    ));
    let util = GOOD.replace(
        "{ trait: memory_mb, gt: 10 }",
        "{ trait: utilisation, gt: 1 }",
    );
    check(&util)
        .success()
        .stdout(has("can never fire: utilisation is at most 1"));
    let words = GOOD.replace(
        "{ trait: memory_mb, gt: 10 }",
        "{ all: [{ trait: kind, eq: worker }, { trait: kind, eq: batch }] }",
    );
    check(&words)
        .success()
        .stdout(has("kind cannot take two different values at once"));
}

#[test]
fn lint_warns_when_hard_rules_leave_a_plausible_component_nowhere_to_run() {
    let all = "rules:\n  - id: no-big-memory\n    title: T\n    when: { trait: memory_mb, gt: 8192 }\n    exclude: [lambda, lambda-edge, cloudflare-workers, fargate, eks, ec2, gpu-instance, serverless-gpu, step-functions-standard, step-functions-express, fargate-spot, lambda-managed-instances, modal, replicate, temporal-cloud, lambda-durable-functions]\n    rationale: r\n    source: s\n";
    check(all).success().stdout(has("warning: r.yaml:2:9: hard rules no-big-memory together exclude every placement for a plausible component"));
}

#[test]
fn a_broken_rule_file_is_bad_input_for_evaluate_too() {
    let d = Dir::with("r.yaml", "rules:\n  - id: a\n    tittle: x\n");
    d.write(
        "w.yaml",
        yaml(&[
            "name: x",
            "components:",
            "  - { name: a, kind: worker, traffic: { requests_per_month: 5 } }",
        ]),
    );
    bad_input(
        d.archway()
            .args(["--rules", ".", "evaluate", "w.yaml"])
            .assert(),
    )
    .stderr(has(
        "r.yaml:3:5: rules[0]: unknown key `tittle`, did you mean `title`?",
    ));
}

#[test]
fn no_placement_is_said_plainly_with_the_conflicting_rules() {
    let rules = "rules:\n  - id: x\n    title: T\n    when: { trait: kind, eq: worker }\n    exclude: [lambda, fargate, eks, ec2, lambda-managed-instances]\n    rationale: r\n    source: s\n";
    let d = Dir::new();
    std::fs::create_dir(d.path().join("rules")).unwrap();
    d.write("rules/r.yaml", rules);
    d.write(
        "w.yaml",
        yaml(&[
            "name: x",
            "components:",
            "  - { name: a, kind: worker, traffic: { requests_per_month: 5 } }",
        ]),
    );
    // The evaluation is printed, the total says what it leaves out, and the command fails
    // (exit 1) rather than report a partial total as the system's.
    d.archway()
        .args(["--rules", "rules", "evaluate", "w.yaml"])
        .assert()
        .code(1)
        .stdout(has("a → NO PLACEMENT"))
        .stdout(has("hard rules exclude every candidate (x)"))
        .stdout(has(
            "system total: $0.00 a month for 0 of 1 component; no placement can run `a`",
        ))
        .stderr(has(
            "error: no placement can run `a`: hard rules exclude every candidate",
        ));
    for cmd in ["graph", "migrate", "report"] {
        d.archway()
            .args(["--rules", "rules", cmd, "w.yaml"])
            .assert()
            .code(1)
            .stdout(has("a"))
            .stderr(has("error: no placement can run `a`"));
    }
}

#[test]
fn sweep_solves_the_break_even_and_exports_json_and_csv() {
    let args = [
        "sweep",
        "workloads/rest-api-10m.yaml",
        "--vary",
        "requests_per_month",
        "--from",
        "100000",
        "--to",
        "100000000",
        "--steps",
        "6",
    ];
    // Both log the same 0.5 KB a request, so the break-even holds where the seed's
    // arithmetic puts it; past 7,566,622 requests the two pinned tasks cannot carry the
    // diurnal peak at 200 ms of CPU a request, and the sweep says so.
    archway().args(args).assert().success().stdout(has("break-even: at requests_per_month = 9,653,581, fargate ($20.32) costs no more than lambda ($20.32) — but fargate's pinned capacity is overloaded there")).stdout(has("overloaded: from requests_per_month = 7,566,622, fargate's pinned capacity cannot carry the load"));
    let out = archway()
        .args(args)
        .args(["--format", "json"])
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["break_evens"][0]["value"], "9653581");
    assert_eq!(
        v["overloaded_from"][0],
        serde_json::json!({ "placement": "fargate", "value": "7566622" })
    );
    assert_eq!(v["points"].as_array().unwrap().len(), 6);
    let out = archway()
        .args(args)
        .args(["--format", "csv"])
        .assert()
        .success();
    let csv = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(csv.starts_with("requests_per_month,lambda,lambda-edge,fargate,eks,ec2,lambda-managed-instances,cheapest,recommended\n100000,0.21,"), "{csv}");
}

#[test]
fn sweep_over_active_hours_names_the_limit_that_ends_lambda() {
    // cron-report's run fills 0.25 h a day at 900 s, Lambda's longest; past it only the
    // containers are left, and the sweep says so instead of pricing Lambda at $0.
    let args = [
        "sweep",
        "workloads/cron-report.yaml",
        "--vary",
        "active_hours_per_day",
        "--from",
        "0.01",
        "--to",
        "24",
        "--steps",
        "8",
    ];
    archway().args(args).assert().success().stdout(has(
        "limit: at active_hours_per_day = 0.251, lambda can no longer run it (excluded by lambda-15-minute-limit); fargate ($0.76) is the cheapest left",
    ));
    let out = archway()
        .args(args)
        .args(["--format", "json"])
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let b = &v["break_evens"][0];
    assert_eq!(b["value"], "0.251");
    assert_eq!(b["from_exact_usd"], Value::Null);
    assert_eq!(b["from_excluded_by"][0], "lambda-15-minute-limit");
    bad_input(
        archway()
            .args([
                "sweep",
                "workloads/cron-report.yaml",
                "--vary",
                "active_hours_per_day",
                "--from",
                "1",
                "--to",
                "48",
            ])
            .assert(),
    )
    .stderr(has("active_hours_per_day cannot exceed 24 (--to 48)"));
}

#[test]
fn sweep_refuses_bad_ranges_and_names() {
    bad_input(
        archway()
            .args([
                "sweep",
                "workloads/rest-api-10m.yaml",
                "--vary",
                "requests",
                "--from",
                "1",
                "--to",
                "2",
            ])
            .assert(),
    )
    .stderr(has("invalid value 'requests' for '--vary <TRAIT>'"))
    .stderr(has("a similar value exists: 'requests_per_month'"));
    bad_input(
        archway()
            .args([
                "sweep",
                "workloads/rest-api-10m.yaml",
                "--vary",
                "memory_mb",
                "--from",
                "512",
                "--to",
                "128",
            ])
            .assert(),
    )
    .stderr(has("--from (512) must be below --to (128)"));
    bad_input(
        archway()
            .args([
                "sweep",
                "workloads/rest-api-10m.yaml",
                "--vary",
                "memory_mb",
                "--from",
                "128",
                "--to",
                "512",
                "--component",
                "nope",
            ])
            .assert(),
    )
    .stderr(has("no component is named `nope` (components: orders-api)"));
}
