//! The published schemas are the contract: each is snapshot-tested (a change to the
//! contract is a visible diff), and every `--format json` document of every subcommand on
//! every example validates against its schema, with no key the schema does not name.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::support::{Dir, archway};

const OUTPUTS: &[&str] = &[
    "evaluate", "cost", "graph", "migrate", "sweep", "compare", "quiz",
];

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("workloads");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    v.sort();
    assert!(v.len() >= 10, "the examples are found");
    v
}

fn schema(what: &str) -> Value {
    let out = archway().args(["schema", what]).output().unwrap();
    assert!(out.status.success(), "archway schema {what}");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The schema as the test holds the output to it: every object that names its
/// properties allows no others (`unevaluatedProperties`, so a document whose body is one
/// of several shapes still validates). The published schema leaves room for keys added
/// later; the output must not have keys the schema does not describe.
fn strict(mut s: Value) -> Value {
    // Bodies the root chooses between are checked against the whole document, envelope
    // included: only the root closes them.
    let branches: Vec<String> = ["anyOf", "oneOf"]
        .iter()
        .filter_map(|k| s.get(*k))
        .flat_map(|v| v.as_array().cloned().unwrap_or_default())
        .filter_map(|b| {
            b["$ref"]
                .as_str()
                .map(|r| r.rsplit('/').next().unwrap().to_string())
        })
        .collect();
    fn close(v: &mut Value, skip: &[String], name: Option<&str>) {
        match v {
            Value::Object(m) => {
                if m.contains_key("properties")
                    && !name.is_some_and(|n| skip.iter().any(|s| s == n))
                {
                    m.insert("unevaluatedProperties".into(), Value::Bool(false));
                }
                for (k, child) in m.iter_mut() {
                    let is_defs = k == "$defs";
                    if is_defs {
                        if let Value::Object(defs) = child {
                            for (dn, d) in defs.iter_mut() {
                                close(d, skip, Some(dn));
                            }
                        }
                    } else {
                        close(child, skip, None);
                    }
                }
            }
            Value::Array(a) => a.iter_mut().for_each(|x| close(x, skip, None)),
            _ => {}
        }
    }
    close(&mut s, &branches, None);
    s
}

fn validate(what: &str, validator: &jsonschema::Validator, doc: &[u8], case: &str) {
    let v: Value =
        serde_json::from_slice(doc).unwrap_or_else(|e| panic!("{what} on {case}: not JSON: {e}"));
    let errors: Vec<String> = validator
        .iter_errors(&v)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .take(5)
        .collect();
    assert!(
        errors.is_empty(),
        "{what} on {case} does not match `archway schema {what}`:\n{}",
        errors.join("\n")
    );
}

fn run_json(args: &[&str], dir: &Dir) -> Vec<u8> {
    let out = archway()
        .env("ARCHWAY_STATE_DIR", dir.path().join("state"))
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some_and(|c| c == 0 || c == 1),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// `schemas/WHAT.schema.json`, committed beside the examples that point at it: the
/// contract as a file a change shows up in.
fn committed(what: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schemas")
        .join(format!("{what}.schema.json"))
}

#[test]
fn every_schema_is_the_committed_file() {
    // A change to a format or to the output is a visible diff of schemas/; after a
    // deliberate change: ARCHWAY_WRITE_SCHEMAS=1 cargo test --test cli schema
    let write = std::env::var_os("ARCHWAY_WRITE_SCHEMAS").is_some();
    for what in ["workload", "pricing", "rules"].iter().chain(OUTPUTS) {
        let out = archway().args(["schema", what]).output().unwrap();
        assert!(out.status.success());
        let path = committed(what);
        if write {
            std::fs::write(&path, &out.stdout).unwrap();
        }
        let file = std::fs::read(&path).unwrap_or_default();
        assert!(
            file == out.stdout,
            "`archway schema {what}` differs from {}: if the change is meant, run \
             ARCHWAY_WRITE_SCHEMAS=1 cargo test --test cli schema, and bump \
             SCHEMA_VERSION when a key changed meaning or went",
            path.display()
        );
    }
}

#[test]
fn every_example_points_its_editor_at_the_schema() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (folder, what) in [("workloads", "workload"), ("rules", "rules")] {
        for e in std::fs::read_dir(dir.join(folder)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_none_or(|x| x != "yaml") {
                continue;
            }
            let what = if p.ends_with("pricing.yaml") {
                "pricing"
            } else {
                what
            };
            let text = std::fs::read_to_string(&p).unwrap();
            let first = text.lines().next().unwrap_or_default();
            assert_eq!(
                first,
                format!("# yaml-language-server: $schema=../schemas/{what}.schema.json"),
                "{}",
                p.display()
            );
        }
    }
}

#[test]
fn every_json_document_on_every_example_matches_its_schema() {
    let dir = Dir::new();
    let validators: Vec<(&str, jsonschema::Validator)> = OUTPUTS
        .iter()
        .map(|w| {
            let v = jsonschema::validator_for(&strict(schema(w)))
                .unwrap_or_else(|e| panic!("`archway schema {w}` is a schema: {e}"));
            (*w, v)
        })
        .collect();
    let check = |what: &str, args: &[&str], case: &str| {
        let v = &validators.iter().find(|(w, _)| *w == what).unwrap().1;
        validate(what, v, &run_json(args, &dir), case);
    };
    let all = examples();
    for (i, ex) in all.iter().enumerate() {
        let f = ex.to_str().unwrap();
        let case = ex.file_name().unwrap().to_str().unwrap();
        check("evaluate", &["evaluate", f], case);
        check("cost", &["cost", f], case);
        check("cost", &["cost", f, "--explain"], case);
        check("graph", &["graph", f], case);
        check("migrate", &["migrate", f], case);
        check(
            "sweep",
            &[
                "sweep",
                f,
                "--vary",
                "requests_per_month",
                "--from",
                "1000",
                "--to",
                "1000000000",
                "--steps",
                "5",
            ],
            case,
        );
        let other = all[(i + 1) % all.len()].to_str().unwrap();
        check("compare", &["compare", f, other], case);
    }
    // The catalog as `pricing show --format json` prints it reads as a catalog.
    let pricing = jsonschema::validator_for(&strict(schema("pricing"))).unwrap();
    validate(
        "pricing",
        &pricing,
        &run_json(&["pricing", "show"], &dir),
        "pricing show",
    );
    // The quiz: the prompt, and a graded round with every kind of answer.
    check(
        "quiz",
        &["quiz", "--scenario", "spiky-document-api"],
        "a prompt",
    );
    check(
        "quiz",
        &[
            "quiz",
            "--scenario",
            "spiky-document-api",
            "--answer",
            "documents-api=lambda",
            "--estimate",
            "peak_rps=30",
            "--factor",
            "documents-api=cost",
            "--mitigation",
            "documents-api=provisioned-concurrency",
        ],
        "a graded round",
    );
}

#[test]
fn the_strict_check_catches_a_key_the_schema_does_not_name() {
    // The test above can fail: a document with one extra key is refused.
    let v = jsonschema::validator_for(&strict(schema("migrate"))).unwrap();
    let dir = Dir::new();
    let ex = examples()[0].clone();
    let mut doc: Value =
        serde_json::from_slice(&run_json(&["migrate", ex.to_str().unwrap()], &dir)).unwrap();
    assert!(v.is_valid(&doc));
    doc["phases"][0]["surprise"] = json!(1);
    assert!(!v.is_valid(&doc));
    doc["phases"][0].as_object_mut().unwrap().remove("surprise");
    doc["target_monthly_usd"] = json!(12.3);
    assert!(!v.is_valid(&doc), "money is a string with two decimals");
}
