//! `archway quiz`: the prompt first, then a graded round in text and JSON, the
//! history it keeps, and clear errors for answers that name nothing.

use crate::support::{Dir, archway, has, no_panic};

/// `archway quiz` in a scratch directory that is also its state directory.
fn quiz(d: &Dir) -> assert_cmd::Command {
    let mut cmd = d.archway();
    cmd.env("ARCHWAY_STATE_DIR", d.path().join("state"));
    cmd.arg("quiz");
    cmd
}

fn json(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).expect("JSON on stdout")
}

#[test]
fn without_answers_it_prints_only_the_prompt() {
    let d = Dir::new();
    let out = quiz(&d)
        .args(["--scenario", "spiky-document-api", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    assert_eq!(v["scenario"], "spiky-document-api");
    assert!(
        v["prompt"]
            .as_str()
            .unwrap()
            .contains("7,200 requests a day"),
        "{v}"
    );
    assert_eq!(v["components"], serde_json::json!(["documents-api"]));
    let keys: Vec<&str> = v["estimates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert!(keys.contains(&"peak_rps"), "{keys:?}");
    // Nothing of the answer shows before the commit.
    let text = String::from_utf8(out).unwrap();
    assert!(!text.contains("\"expected\"") && !text.contains("verdict"));
    assert!(
        !d.path().join("state/practice.jsonl").exists(),
        "a prompt is not a round"
    );
}

#[test]
fn a_graded_round_in_json_and_text_and_kept_in_the_history() {
    let d = Dir::new();
    let out = quiz(&d)
        .args([
            "--scenario",
            "spiky-document-api",
            "--answer",
            "documents-api=lambda",
            "--estimate",
            "peak_rps=30",
            "--estimate",
            "peak_concurrency=100",
            "--factor",
            "documents-api=cost",
            "--format",
            "json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    let c = &v["components"][0];
    assert_eq!(
        (c["answer"].as_str(), c["expected"].as_str()),
        (Some("lambda"), Some("lambda"))
    );
    assert_eq!(c["verdict"], "right");
    let est = &v["estimates"];
    assert_eq!(est[0]["key"], "peak_rps");
    assert_eq!(est[0]["points"], 2);
    assert_eq!(
        est[1]["points"], 0,
        "100 in flight is over 10× the exact figure"
    );
    for k in ["rubric", "score", "max_score", "what_to_say"] {
        assert!(v.get(k).is_some(), "{k}");
    }
    let kept = std::fs::read_to_string(d.path().join("state/practice.jsonl")).unwrap();
    assert_eq!(kept.lines().count(), 1);
    // Text, and the stats over two rounds.
    quiz(&d)
        .args([
            "--scenario",
            "order-fulfilment-saga",
            "--answer",
            "order-saga=lambda",
        ])
        .assert()
        .success()
        .stdout(has("wrong"))
        .stdout(has("Rubric"))
        .stdout(has("What to say"));
    quiz(&d)
        .args(["--stats"])
        .assert()
        .success()
        .stdout(has("2 rounds played"))
        .stdout(has("estimation"));
}

#[test]
fn any_workload_file_or_seed_is_a_scenario() {
    let d = Dir::with(
        "mine.yaml",
        "name: mine\ncomponents:\n  - name: api\n    kind: http-api\n    traffic: { requests_per_day: 50000, shape: steady }\n    duration_ms: 80\n",
    );
    quiz(&d)
        .args(["--scenario", "mine.yaml"])
        .assert()
        .success()
        .stdout(has("1,520,833 requests a month"))
        .stdout(has("80 ms"));
    let a = quiz(&d)
        .args(["--seed", "7", "--format", "json"])
        .output()
        .unwrap();
    let b = quiz(&d)
        .args(["--seed", "7", "--format", "json"])
        .output()
        .unwrap();
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout, "the same seed, the same prompt");
}

#[test]
fn the_list_names_the_library() {
    let d = Dir::new();
    quiz(&d)
        .arg("--list")
        .assert()
        .success()
        .stdout(has("spiky-document-api"))
        .stdout(has("scenarios;"));
}

#[test]
fn answers_that_name_nothing_are_usage_errors() {
    let d = Dir::new();
    for (args, says) in [
        (
            vec!["--scenario", "spiky-docs-api"],
            "did you mean `spiky-document-api`",
        ),
        (
            vec![
                "--scenario",
                "spiky-document-api",
                "--answer",
                "docs=lambda",
            ],
            "did you mean `documents-api`",
        ),
        (
            vec![
                "--scenario",
                "spiky-document-api",
                "--answer",
                "documents-api=lamda",
            ],
            "did you mean `lambda`",
        ),
        (
            vec![
                "--scenario",
                "spiky-document-api",
                "--answer",
                "documents-api",
            ],
            "COMPONENT=VALUE",
        ),
        (
            vec![
                "--scenario",
                "spiky-document-api",
                "--estimate",
                "peak_rps=lots",
            ],
            "expected a number",
        ),
        (
            vec![
                "--scenario",
                "spiky-document-api",
                "--factor",
                "documents-api=vibes",
            ],
            "not a factor",
        ),
    ] {
        quiz(&d)
            .args(&args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(has(says))
            .stderr(no_panic());
    }
    archway()
        .args(["quiz", "--list", "--stats"])
        .assert()
        .code(2);
}
