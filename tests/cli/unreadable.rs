//! Files that are not a workload at all: empty, binary, not UTF-8, a directory, missing.
//! There is no line to point at; the message names the file and what was expected.

use predicates::prelude::*;

use crate::support::{Dir, bad_input, has, rejects, yaml};

#[test]
fn empty_file_says_a_mapping_was_expected() {
    rejects("")
        .stderr(has("w.yaml: "))
        .stderr(has("empty"))
        .stderr(has("expected a YAML mapping"));
}

#[test]
fn whitespace_only_file_is_empty() {
    rejects("  \n\n   \n\t\n")
        .stderr(has("w.yaml: "))
        .stderr(has("empty"));
}

#[test]
fn comment_only_file_is_refused() {
    rejects(yaml(&["# a workload, one day", "", "# nothing yet"]))
        .stderr(has("w.yaml:"))
        .stderr(
            predicate::str::contains("missing field `name`").or(predicate::str::contains("empty")),
        );
}

#[test]
fn binary_file_is_refused() {
    let bytes: Vec<u8> = (0..4096).map(|i| (i % 256) as u8).collect();
    rejects(bytes).stderr(has("w.yaml: ")).stderr(has("binary"));
}

#[test]
fn non_utf8_file_is_refused() {
    // Latin-1 `é` (0xE9) where UTF-8 is expected.
    rejects(b"name: caf\xe9\ncomponents: []\n")
        .stderr(has("w.yaml: "))
        .stderr(has("UTF-8"));
}

#[test]
fn utf8_byte_order_mark_is_ignored() {
    let mut src = b"\xef\xbb\xbf".to_vec();
    src.extend_from_slice(
        yaml(&[
            "name: x",
            "components:",
            "  - name: api",
            "    kind: worker",
            "    traffic: { requests_per_month: 10 }",
        ])
        .as_bytes(),
    );
    let dir = Dir::with("w.yaml", src);
    dir.archway()
        .args(["cost", "w.yaml"])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn directory_given_as_the_file_is_refused() {
    let dir = Dir::new();
    std::fs::create_dir(dir.path().join("w.yaml")).expect("create a directory");
    bad_input(dir.archway().args(["cost", "w.yaml"]).assert())
        .stderr(has("w.yaml: "))
        .stderr(has("cannot read"));
}

#[test]
fn missing_file_is_bad_input_naming_the_path() {
    let dir = Dir::new();
    bad_input(
        dir.archway()
            .args(["cost", "no-such-dir/missing.yaml"])
            .assert(),
    )
    .stderr(has("no-such-dir/missing.yaml: "))
    .stderr(has("cannot read"));
}

#[test]
fn several_yaml_documents_in_one_file_are_refused() {
    rejects(yaml(&[
        "name: x",
        "components:",
        "  - name: api",
        "    kind: worker",
        "    traffic: { requests_per_month: 10 }",
        "---",
        "name: y",
    ]))
    .stderr(has("w.yaml"))
    .stderr(has("more than one document"));
}
