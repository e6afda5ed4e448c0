//! `-o FILE` on every command that prints a document: the file holds exactly what
//! standard output would have, is written atomically, and an existing one is replaced
//! only with `--force`.

use crate::support::{Dir, bad_input, has, yaml};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn workload(name: &str) -> String {
    format!("{ROOT}/workloads/{name}.yaml")
}

/// `archway ARGS` to standard output, then `archway ARGS -o out`: the same bytes, the
/// same exit code, nothing on standard output the second time.
fn same_as_stdout(dir: &Dir, args: &[&str]) {
    let printed = dir.archway().args(args).output().unwrap();
    let _ = std::fs::remove_file(dir.path().join("out"));
    let written = dir
        .archway()
        .args(args)
        .args(["-o", "out"])
        .output()
        .unwrap();
    assert_eq!(written.status.code(), printed.status.code(), "{args:?}");
    assert!(written.stdout.is_empty(), "{args:?} printed with -o");
    let stderr = String::from_utf8_lossy(&written.stderr);
    assert!(stderr.starts_with("wrote out\n"), "{args:?}: {stderr}");
    assert!(!printed.stdout.is_empty(), "{args:?} printed nothing");
    let file = std::fs::read(dir.path().join("out")).unwrap();
    assert!(
        file == printed.stdout,
        "{args:?}: the file differs from standard output"
    );
}

#[test]
fn every_document_goes_to_a_file_byte_for_byte() {
    let d = Dir::new();
    let (rails, api, spiky) = (
        workload("rails-monolith"),
        workload("sustained-api"),
        workload("spiky-document-api"),
    );
    for args in [
        vec!["evaluate", &rails],
        vec!["evaluate", &rails, "--format", "json"],
        vec!["evaluate", &rails, "--format", "yaml"],
        vec!["cost", &api, "--explain"],
        vec!["cost", &api, "--format", "json"],
        vec!["graph", &rails, "--width", "100"],
        vec!["graph", &rails, "--format", "dot"],
        vec!["migrate", &rails, "--format", "markdown"],
        vec![
            "sweep",
            &api,
            "--vary",
            "requests_per_month",
            "--from",
            "1000",
            "--to",
            "1e9",
            "--format",
            "csv",
        ],
        vec!["compare", &rails, &spiky],
        vec!["report", &spiky, "--style", "adr"],
        vec!["schema", "workload"],
        vec!["pricing", "show", "--format", "json"],
        vec!["quiz", "--list"],
        vec!["quiz", "--seed", "7", "--format", "json"],
    ] {
        same_as_stdout(&d, &args);
    }
}

#[test]
fn a_portfolio_goes_to_a_file_as_a_summary_csv_or_json_lines() {
    let d = Dir::new();
    let dir = format!("{ROOT}/workloads");
    for format in ["text", "csv", "jsonl"] {
        same_as_stdout(&d, &["batch", &dir, "--quiet", "--format", format]);
    }
    // A portfolio with a failure: the summary names it and exits 1, in the file too.
    d.write(
        "p/good.yaml",
        std::fs::read(workload("cron-report")).unwrap(),
    );
    d.write("p/bad.yaml", "name: [");
    same_as_stdout(&d, &["batch", "p", "--quiet"]);
    assert!(
        std::fs::read_to_string(d.path().join("out"))
            .unwrap()
            .contains("bad.yaml")
    );
}

#[test]
fn a_document_with_a_component_nothing_can_run_is_still_written_and_exits_1() {
    let d = Dir::with(
        "w.yaml",
        yaml(&[
            "name: x",
            "components:",
            "  - { name: c0, kind: worker, traffic: { requests_per_month: 1000 }, memory_mb: 1048576 }",
        ]),
    );
    same_as_stdout(&d, &["evaluate", "w.yaml"]);
    let out = std::fs::read_to_string(d.path().join("out")).unwrap();
    assert!(out.contains("NO PLACEMENT"), "{out}");
}

#[test]
fn an_existing_file_is_replaced_only_with_force() {
    let d = Dir::new();
    let w = workload("cron-report");
    d.write("out.txt", "keep me");
    for args in [
        vec!["evaluate", w.as_str()],
        vec!["cost", w.as_str()],
        vec!["schema", "pricing"],
        vec!["pricing", "show"],
        vec!["batch", w.as_str(), "--format", "csv"],
    ] {
        bad_input(d.archway().args(&args).args(["-o", "out.txt"]).assert()).stderr(has(
            "error: out.txt: already exists; use --force to overwrite it",
        ));
        assert_eq!(
            std::fs::read_to_string(d.path().join("out.txt")).unwrap(),
            "keep me",
            "{args:?}"
        );
    }
    d.archway()
        .args(["cost", &w, "-o", "out.txt", "--force"])
        .assert()
        .success()
        .stdout("");
    assert!(
        std::fs::read_to_string(d.path().join("out.txt"))
            .unwrap()
            .starts_with("cron-report — monthly cost by placement")
    );
    // Bad input writes nothing, and leaves no temporary file behind.
    d.write("bad.yaml", "name: [");
    bad_input(
        d.archway()
            .args(["evaluate", "bad.yaml", "-o", "new.txt"])
            .assert(),
    );
    let mut names: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["bad.yaml", "out.txt"]);
    // `-o -` is standard output.
    d.archway()
        .args(["schema", "workload", "-o", "-"])
        .assert()
        .success()
        .stdout(has("json-schema.org"));
}
