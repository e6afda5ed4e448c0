//! The JSON contract scripts build on: every `--format json` document of every
//! subcommand, on every example, opens with the same envelope.

use crate::support::archway;

fn json(args: &[&str]) -> serde_json::Value {
    let out = archway().args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

#[test]
fn every_json_document_opens_with_the_envelope() {
    for (path, _) in archway::examples::WORKLOADS {
        let w = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
        let docs = [
            json(&["evaluate", &w, "--format", "json"]),
            json(&["cost", &w, "--format", "json"]),
            json(&["graph", &w, "--format", "json"]),
            json(&["migrate", &w, "--format", "json"]),
            json(&["compare", &w, &w, "--format", "json"]),
            json(&[
                "sweep",
                &w,
                "--vary",
                "memory_mb",
                "--from",
                "256",
                "--to",
                "2048",
                "--steps",
                "3",
                "--format",
                "json",
            ]),
        ];
        for d in docs {
            let keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
            assert_eq!(
                keys[..5],
                [
                    "schema_version",
                    "version",
                    "currency",
                    "assumptions",
                    "workload"
                ],
                "{path}: {keys:?}"
            );
            assert_eq!(d["schema_version"], 1);
            assert_eq!(d["version"], env!("CARGO_PKG_VERSION"));
            assert_eq!(d["currency"], "USD");
            let a = &d["assumptions"];
            assert!(
                a["region"].is_string() && a["pricing_as_of"].is_string(),
                "{path}: {a}"
            );
            assert!(
                a["hours_per_month"].is_string() && a["free_tier"].is_boolean(),
                "{path}: {a}"
            );
        }
    }
}
