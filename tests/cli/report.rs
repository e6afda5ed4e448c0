//! `archway report`: golden snapshots for every example, markdown structure, hostile
//! names, and safe writing.

use pulldown_cmark::Event;

use crate::markdown::{assert_tables_rectangular, events, h2};
use crate::support::{Dir, archway, bad_input, has, yaml};

fn report(args: &[&str]) -> String {
    let out = archway().arg("report").args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

fn examples() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir("workloads")
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn every_example_report_matches_its_snapshot_and_structure() {
    for file in examples() {
        let md = report(&[&file]);
        let name = file
            .trim_start_matches("workloads/")
            .trim_end_matches(".yaml")
            .to_string();
        insta::assert_snapshot!(format!("report_{name}"), md);
        let s = h2(&md);
        assert_eq!(
            &s[..6],
            [
                "Summary",
                "The workload",
                "Decisions",
                "Costs",
                "Sensitivity",
                "Topology"
            ],
            "{file}"
        );
        assert!(s[6].starts_with("Migration plan"), "{file}: {s:?}");
        assert_eq!(
            &s[7..],
            [
                "Risks and mitigations",
                "Notes for the review",
                "Assumptions"
            ],
            "{file}"
        );
        assert_tables_rectangular(&md);
        assert!(md.contains("```mermaid\nflowchart TB"));
        assert!(md.contains("```mermaid\nxychart-beta"));
        assert!(md.contains("<details><summary>Rule trace</summary>"));
    }
}

#[test]
fn every_example_adr_matches_its_snapshot() {
    for file in examples() {
        let md = report(&[&file, "--style", "adr"]);
        let name = file
            .trim_start_matches("workloads/")
            .trim_end_matches(".yaml")
            .to_string();
        insta::assert_snapshot!(format!("adr_{name}"), md);
        assert_eq!(
            h2(&md),
            [
                "Context and Problem Statement",
                "Decision Drivers",
                "Considered Options",
                "Decision Outcome"
            ]
        );
    }
}

#[test]
fn reports_are_reproducible_and_dated_only_on_request() {
    let a = report(&["workloads/spiky-document-api.yaml"]);
    assert_eq!(a, report(&["workloads/spiky-document-api.yaml"]));
    assert!(!a.contains("Date:"));
    let d = report(&["workloads/spiky-document-api.yaml", "--date", "2026-11-22"]);
    assert!(d.contains("Date: 2026-11-22"));
    bad_input(
        archway()
            .args([
                "report",
                "workloads/spiky-document-api.yaml",
                "--date",
                "22/11/2026",
            ])
            .assert(),
    )
    .stderr(has("expected YYYY-MM-DD"));
}

#[test]
fn hostile_names_cannot_break_the_report() {
    let evil = "x|y <script>alert(1)</script> ## *z* [l](http://e) `c`";
    let d = Dir::with(
        "w.yaml",
        yaml(&[
            &format!("name: '{evil}'"),
            &format!("description: '{evil}'"),
            "components:",
            &format!("  - name: '{evil}'"),
            "    kind: http-api",
            "    traffic: { requests_per_month: 1000 }",
            "  - name: 'b\"|<d>'",
            "    kind: worker",
            "    traffic: { requests_per_month: 10 }",
            &format!("    depends_on: ['{evil}']"),
        ]),
    );
    let out = d.archway().args(["report", "w.yaml"]).assert().success();
    let md = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        !events(&md).any(|e| matches!(e, Event::Start(pulldown_cmark::Tag::Link { .. }))),
        "a link was injected"
    );
    // In a code span the name reads exactly as written: not `\#`, not `&lt;`, and its
    // backticks do not end the span (the summary names each component in one).
    assert!(
        events(&md).any(|e| matches!(&e, Event::Code(c) if c.as_ref() == evil)),
        "no code span holds the name as written"
    );
    assert_tables_rectangular(&md);
    let s = h2(&md);
    assert_eq!(s.len(), 10, "{s:?}");
    // No HTML beyond the report's own <details>/<summary>/<br/> survives parsing.
    for e in events(&md) {
        if let Event::Html(h) | Event::InlineHtml(h) = e {
            let tag = h.trim();
            assert!(
                tag.starts_with("<details")
                    || tag.starts_with("</details")
                    || tag.starts_with("<summary")
                    || tag.starts_with("</summary"),
                "{tag}"
            );
        }
    }
}

#[test]
fn reports_are_written_atomically_and_never_overwritten_without_force() {
    let d = Dir::new();
    let w = std::fs::read_to_string("workloads/spiky-document-api.yaml").unwrap();
    d.write("w.yaml", w);
    d.archway()
        .args(["report", "w.yaml", "-o", "r.md"])
        .assert()
        .success()
        .stderr(has("wrote r.md"));
    let first = std::fs::read_to_string(d.path().join("r.md")).unwrap();
    assert!(first.starts_with("# Placement decision: spiky-document-api"));
    d.write("r.md", "keep me");
    bad_input(
        d.archway()
            .args(["report", "w.yaml", "-o", "r.md"])
            .assert(),
    )
    .stderr(has("r.md: already exists; use --force to overwrite it"));
    assert_eq!(
        std::fs::read_to_string(d.path().join("r.md")).unwrap(),
        "keep me"
    );
    d.archway()
        .args(["report", "w.yaml", "-o", "r.md", "--force"])
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(d.path().join("r.md")).unwrap(),
        first
    );
    let leftovers: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        2,
        "temporary files left behind: {leftovers:?}"
    );
}

#[test]
fn the_report_gives_the_seed_break_even_exactly() {
    // Seed 002's 200 ms / 512 MB API: Lambda costs $0.00000186667 a request and two
    // 0.25 vCPU / 0.5 GB Fargate tasks $18.02005 a month, so they meet at the first whole
    // volume above 18.02005 ÷ 0.00000186667 = 9,653,580.9…; with duration, Lambda's
    // 10,000,000 × 0.5 GB × d × $0.0000166667 + $2.00 meets $18.02005 at d = 192.241 ms.
    // Both also log 0.5 KB a request, which moves the totals and not the break-evens.
    let md = report(&["workloads/rest-api-10m.yaml", "-o", "-"]);
    assert!(md.contains(
        "| orders-api | requests_per_month | 10,000,000 | 9,653,581 | lambda | fargate | lambda $20.32 vs fargate $20.32 \\(fargate overloaded\\) |\n"
    ), "{md}");
    assert!(md.contains(
        "| orders-api | duration_ms | 200 | 192.241 | lambda | fargate | lambda $20.40 vs fargate $20.40 \\(fargate overloaded\\) |\n"
    ));
    // A hard limit is a break-even too, and the report names it.
    let md = report(&["workloads/cron-report.yaml", "-o", "-"]);
    assert!(md.contains("| daily-report | duration_ms | 300,000 | 900,000.001 | lambda | fargate | lambda excluded by lambda-15-minute-limit; fargate $0.75 |\n"), "{md}");
}
