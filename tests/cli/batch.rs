//! `archway batch` and `archway generate`: a portfolio in one run — files, directories,
//! multi-document YAML and stdin — summarised, or a row per component; failures reported
//! while the rest still run.

use crate::support::{Dir, archway, has, no_panic};

/// `archway batch - --format jsonl` on `docs`: its exit code and its rows.
fn jsonl_from_stdin(docs: &str) -> (Option<i32>, Vec<serde_json::Value>) {
    let out = archway()
        .args(["batch", "-", "--format", "jsonl"])
        .write_stdin(docs)
        .output()
        .unwrap();
    let rows = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (out.status.code(), rows)
}

#[test]
fn generated_workloads_are_the_same_for_a_seed_and_all_advised() {
    let d = Dir::new();
    d.archway()
        .args(["generate", "--seed", "5", "--count", "12", "-o", "fleet"])
        .assert()
        .success()
        .stdout(has("wrote 12 workloads"));
    let names: Vec<String> = std::fs::read_dir(d.path().join("fleet"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 12);
    // Nothing to write is a mistake, said before anything is created.
    d.archway()
        .args(["generate", "--count", "0", "-o", "none"])
        .assert()
        .code(2)
        .stderr(has("0 is not in 1.."));
    assert!(!d.path().join("none").exists());
    let a = d
        .archway()
        .args(["generate", "--seed", "5", "--count", "12", "-o", "-"])
        .output()
        .unwrap();
    let b = d
        .archway()
        .args(["generate", "--seed", "5", "--count", "12", "-o", "-"])
        .output()
        .unwrap();
    assert_eq!(a.stdout, b.stdout);
    let text = String::from_utf8(a.stdout).unwrap();
    assert_eq!(text.matches("\n---\n").count() + 1, 12, "twelve documents");
    d.archway()
        .args(["batch", "fleet"])
        .assert()
        .success()
        .stdout(has("12 workloads"))
        .stdout(has("0 failed"));
}

#[test]
fn a_portfolio_with_a_broken_file_reports_it_and_runs_the_rest() {
    let d = Dir::new();
    d.write("svc/a.yaml", "name: a\ncomponents:\n  - name: api\n    kind: http-api\n    traffic: { requests_per_day: 7200, shape: spiky }\n");
    d.write("svc/deeper/b.yml", "name: b\ncurrent: { platform: vms, monthly_cost_usd: \"500\" }\ncomponents:\n  - name: jobs\n    kind: worker\n    traffic: { requests_per_month: 100000 }\n");
    d.write("svc/broken.yaml", "name: [\n");
    d.write("svc/notes.txt", "not a workload");
    let out = d
        .archway()
        .args(["batch", "svc", "--format", "csv"])
        .assert()
        .code(1)
        .stderr(has("1 of 3 workloads failed"))
        .stderr(no_panic())
        .get_output()
        .stdout
        .clone();
    let csv = String::from_utf8(out).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "file,workload,component,placement,monthly_usd,runner_up,margin_usd,current_platform,saving_usd,error"
        )
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert!(
        rows.iter()
            .any(|r| r.starts_with("svc/a.yaml,a,api,lambda,")),
        "{csv}"
    );
    // b's today's bill is all the worker's: the saving is $500 less its new bill.
    let b = rows.iter().find(|r| r.contains(",b,jobs,")).unwrap();
    assert!(b.contains(",vms,"), "{b}");
    assert!(
        rows.iter()
            .any(|r| r.starts_with("svc/broken.yaml,") && r.contains("expected a string")),
        "{csv}"
    );
    // The summary names the failure with its position.
    d.archway()
        .args(["batch", "svc"])
        .assert()
        .code(1)
        .stdout(has("2 workloads, 2 components; 1 failed"))
        .stdout(has(
            "\n  svc/broken.yaml:1:7: name: found a list, expected a string",
        ));
}

#[test]
fn nothing_readable_is_a_usage_error_and_stdin_streams() {
    let d = Dir::with("broken.yaml", "name: [\n");
    d.archway()
        .args(["batch", "broken.yaml"])
        .assert()
        .code(2)
        .stderr(has("the one workload found could not be read"));
    d.archway()
        .args(["batch", "empty-dir-that-is-missing"])
        .assert()
        .code(2);
    let docs = "name: one\ncomponents:\n  - name: a\n    kind: worker\n    traffic: { requests_per_month: 10 }\n---\nname: two\ncomponents:\n  - name: b\n    kind: worker\n    traffic: { requests_per_month: 20 }\n";
    let (code, rows) = jsonl_from_stdin(docs);
    assert_eq!(code, Some(0));
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["file"], "-#1");
    assert_eq!(rows[1]["workload"], "two");
    for k in [
        "file",
        "workload",
        "component",
        "placement",
        "monthly_usd",
        "runner_up",
        "margin_usd",
        "current_platform",
        "saving_usd",
    ] {
        assert!(rows[0].get(k).is_some(), "{k}");
    }
}

/// The global flags reach every workload of a portfolio as they reach one: `--no-free-tier`
/// bills the free tier, `--provider` sets the candidate clouds.
#[test]
fn global_flags_apply_to_every_workload_of_a_portfolio() {
    let d = Dir::new();
    d.write("svc/a.yaml", "name: a\ncomponents:\n  - name: jobs\n    kind: worker\n    traffic: { requests_per_month: 1000000 }\n    duration_ms: 400\n    memory_mb: 1024\n");
    let row = |args: &[&str]| {
        let out = d
            .archway()
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let csv = String::from_utf8(out).unwrap();
        csv.lines().nth(1).unwrap().to_string()
    };
    // The same figures as `archway evaluate`: within the free tier the function's requests
    // and GB-seconds cost nothing; SQS polling and logs make $1.30 (Fargate $36.36).
    assert_eq!(
        row(&["batch", "svc", "--format", "csv"]),
        "svc/a.yaml,a,jobs,lambda,1.30,fargate,35.06,,,"
    );
    // Billed: + 1,000,000 × $0.0000002 = $0.20 and 400,000 GB-s × $0.0000166667 = $6.67,
    // and SQS's free million requests: $8.57 (Fargate $36.76).
    assert_eq!(
        row(&["batch", "svc", "--format", "csv", "--no-free-tier"]),
        "svc/a.yaml,a,jobs,lambda,8.57,fargate,28.19,,,"
    );
    let gcp = row(&["batch", "svc", "--format", "csv", "--provider", "gcp"]);
    assert!(gcp.contains(",cloud-run"), "{gcp}");
}

/// A component nothing can run is counted as such, and counts read with separators.
#[test]
fn the_summary_names_what_nothing_can_run() {
    let d = Dir::new();
    // Dedicated hardware on Google Cloud: Cloud Run and GKE Autopilot have no sole-tenant
    // nodes, and every other candidate is shared too.
    d.write("svc/vault.yaml", "name: vault\ncomponents:\n  - name: vault\n    kind: http-api\n    traffic: { requests_per_month: 1000000 }\n    compliance: { dedicated_hardware: true }\n");
    d.archway()
        .args(["batch", "svc", "--provider", "gcp"])
        .assert()
        .success()
        .stdout(has("1 workload, 1 component; 0 failed"))
        .stdout(has("(none can run it)"));
}

/// An error in the second document of a file, or of standard input, names the line an
/// editor shows (counted from the top of the file, its `---` lines included), and an
/// empty file is reported rather than passed over.
#[test]
fn errors_in_documents_name_the_files_lines_and_empty_files_fail() {
    let ok = "name: one\ncomponents:\n  - name: a\n    kind: worker\n    traffic: { requests_per_month: 10 }\n";
    // Line 1 `---`, lines 2-6 the first document, line 7 `---`, then the second: its
    // `kind` is on line 11, column 11.
    let docs = format!("---\n{ok}---\nname: two\ncomponents:\n  - name: b\n    kind: web\n");
    let d = Dir::new();
    d.write("two.yaml", &docs);
    d.write("empty.yaml", "");
    d.write(
        "lone.yaml",
        format!("---\n{}", ok.replace("worker", "wroker")),
    );
    let out = d
        .archway()
        .args([
            "batch",
            "two.yaml",
            "empty.yaml",
            "lone.yaml",
            "--format",
            "csv",
        ])
        .assert()
        .code(1)
        .stderr(has("3 of 4 workloads failed"))
        .get_output()
        .stdout
        .clone();
    let csv = String::from_utf8(out).unwrap();
    assert!(csv.contains("\ntwo.yaml#1,one,a,"), "{csv}");
    assert!(
        csv.contains(
            "\ntwo.yaml#2,,,,,,,,,\"two.yaml:11:11: components[0].kind: unknown value `web`"
        ),
        "{csv}"
    );
    assert!(
        csv.contains("\nempty.yaml,,,,,,,,,empty.yaml: the file is empty"),
        "{csv}"
    );
    // One document after a `---`: its lines are the file's too.
    assert!(
        csv.contains("\nlone.yaml,,,,,,,,,\"lone.yaml:5:11: "),
        "{csv}"
    );
    let (code, rows) = jsonl_from_stdin(&docs);
    assert_eq!(code, Some(1));
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1]["file"], "-#2");
    let e = rows[1]["error"].as_str().unwrap();
    assert!(e.starts_with("stdin:11:11: components[0].kind"), "{e}");
}

/// A symbolic link back up the tree is not followed round again, and a file named twice
/// (directly and inside a directory given too) is counted once: a portfolio's totals count
/// each workload once.
#[cfg(unix)]
#[test]
fn a_link_back_up_the_tree_and_a_file_named_twice_count_once() {
    let d = Dir::new();
    d.write("svc/a/api.yaml", "name: a\ncomponents:\n  - name: api\n    kind: http-api\n    traffic: { requests_per_day: 7200 }\n");
    std::os::unix::fs::symlink(d.path().join("svc"), d.path().join("svc/a/back")).unwrap();
    d.archway()
        .args(["batch", "svc", "svc/a/api.yaml"])
        .assert()
        .success()
        .stdout(has("1 workload, 1 component; 0 failed"));
}
