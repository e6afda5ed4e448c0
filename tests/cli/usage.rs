//! Usage errors exit 2; `schema`, `man` and `completions` print what they promise and
//! never panic, even when the reader closes its end of the pipe early.

use predicates::prelude::*;

use crate::support::{Dir, archway, has, no_panic, yaml};

fn valid_workload_dir() -> Dir {
    Dir::with(
        "w.yaml",
        yaml(&[
            "name: x",
            "components:",
            "  - name: api",
            "    kind: worker",
            "    traffic: { requests_per_month: 10 }",
        ]),
    )
}

// ---- usage errors ----

#[test]
fn unknown_subcommand_is_a_usage_error() {
    archway()
        .arg("frobnicate")
        .assert()
        .code(2)
        .stdout("")
        .stderr(has("frobnicate"))
        .stderr(no_panic());
}

#[test]
fn unknown_flag_is_a_usage_error() {
    valid_workload_dir()
        .archway()
        .args(["cost", "--bogus", "w.yaml"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(has("--bogus"))
        .stderr(no_panic());
}

#[test]
fn unknown_output_format_lists_the_formats() {
    valid_workload_dir()
        .archway()
        .args(["cost", "--format", "xml", "w.yaml"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(has("xml"))
        .stderr(has("text, json"))
        .stderr(no_panic());
}

#[test]
fn cost_without_a_workload_is_a_usage_error() {
    archway()
        .arg("cost")
        .assert()
        .code(2)
        .stdout("")
        .stderr(has("<WORKLOAD>"))
        .stderr(no_panic());
}

#[test]
fn unknown_schema_is_a_usage_error() {
    archway()
        .args(["schema", "nope"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(has("workload, pricing"))
        .stderr(no_panic());
}

// ---- schema, man, completions ----

#[test]
fn schemas_are_json_schema_documents() {
    for what in ["workload", "pricing"] {
        let out = archway()
            .args(["schema", what])
            .assert()
            .success()
            .stderr("");
        let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout)
            .unwrap_or_else(|e| panic!("`archway schema {what}` is not JSON: {e}"));
        assert!(
            v["$schema"]
                .as_str()
                .is_some_and(|s| s.contains("json-schema.org")),
            "`archway schema {what}` has no $schema"
        );
    }
}

#[test]
fn man_prints_a_roff_page() {
    archway()
        .arg("man")
        .assert()
        .success()
        .stderr("")
        .stdout(has(".TH archway 1"))
        .stdout(has(".SH NAME"));
}

#[test]
fn bash_completions_print_a_script() {
    archway()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stderr("")
        .stdout(has("_archway()"))
        .stdout(has("complete -F _archway"));
}

// ---- a reader that closes early (`archway man | head -1`) ----

/// Runs archway with stdout connected to a socket whose other end is already closed, so
/// every write fails with EPIPE as it does into a pipe whose reader has gone. (A socket pair
/// rather than `std::io::pipe`, which is newer than the crate's rust-version.)
#[cfg(unix)]
fn run_into_closed_reader(args: &[&str]) -> std::process::Output {
    use std::os::fd::OwnedFd;
    use std::os::unix::net::UnixStream;
    use std::process::Stdio;

    let (reader, writer) = UnixStream::pair().expect("a socket pair");
    drop(reader);
    std::process::Command::new(assert_cmd::cargo::cargo_bin!("archway"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::from(OwnedFd::from(writer)))
        .stderr(Stdio::piped())
        .output()
        .expect("run archway")
}

#[cfg(unix)]
fn assert_quiet_success(args: &[&str]) {
    let out = run_into_closed_reader(args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked"),
        "`archway {}` panicked:\n{stderr}",
        args.join(" ")
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "`archway {}` into a closed reader:\n{stderr}",
        args.join(" ")
    );
}

#[cfg(unix)]
#[test]
fn man_into_a_closed_reader_exits_quietly() {
    assert_quiet_success(&["man"]);
}

#[cfg(unix)]
#[test]
fn schema_into_a_closed_reader_exits_quietly() {
    assert_quiet_success(&["schema", "workload"]);
}

#[cfg(unix)]
#[test]
fn cost_into_a_closed_reader_exits_quietly() {
    let w = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/workloads/spiky-document-api.yaml"
    );
    assert_quiet_success(&["cost", w]);
    assert_quiet_success(&["cost", "--format", "json", w]);
}

#[cfg(unix)]
#[test]
fn completions_into_a_closed_reader_exit_quietly() {
    assert_quiet_success(&["completions", "bash"]);
}

#[test]
fn help_mentions_every_subcommand_under_test() {
    archway().arg("--help").assert().success().stdout(
        has("cost")
            .and(has("schema"))
            .and(has("completions"))
            .and(has("man")),
    );
}

#[test]
fn a_workload_file_alone_opens_the_ui_on_it() {
    // `archway FILE` is `archway tui FILE`: without a terminal it says so, after
    // checking the file (a missing one is named).
    valid_workload_dir()
        .archway()
        .arg("w.yaml")
        .assert()
        .code(2)
        .stderr(has("the interactive UI needs a terminal"))
        .stderr(no_panic());
    valid_workload_dir()
        .archway()
        .args(["--no-color", "missing.yaml"])
        .assert()
        .code(2)
        .stderr(has("missing.yaml"))
        .stderr(no_panic());
    // A misspelt subcommand with a file is still a misspelt subcommand.
    valid_workload_dir()
        .archway()
        .args(["evalute", "w.yaml"])
        .assert()
        .code(2)
        .stderr(has("evaluate"))
        .stderr(no_panic());
}
