//! `archway cost FILE` on workload files that are wrong: each exits 2 and names
//! file, line and column, what was expected, and the nearest valid name.
//!
//! Positions are counted by hand from the `yaml(&[...])` lines: the first line is 1,
//! the first column is 1, and a value's column is where its first character is.

use predicates::prelude::*;

use crate::support::{Dir, bad_input, has, rejects, yaml};

// ---- malformed YAML ----

#[test]
fn tab_indentation_is_reported_at_the_tab() {
    rejects(yaml(&[
        "name: x",
        "components:",
        "\t- name: api",
        "\t  kind: worker",
    ]))
    .stderr(has("w.yaml:3:1: "));
}

#[test]
fn tab_indentation_message_says_tabs_are_not_allowed() {
    rejects(yaml(&[
        "name: x",
        "components:",
        "\t- name: api",
        "\t  kind: worker",
    ]))
    .stderr(has("w.yaml:3:1: "))
    .stderr(predicate::str::contains("tab").or(predicate::str::contains("Tab")));
}

#[test]
fn unclosed_flow_mapping_says_which_closing_character_was_expected() {
    // The mapping opened on line 3 is still open at the end of the file (line 4, column 1).
    rejects(yaml(&[
        "name: x",
        "components:",
        "  - { name: api, kind: worker",
    ]))
    .stderr(has("w.yaml:4:1: "))
    .stderr(has("expected ',' or '}'"))
    .stderr(has("flow mapping"));
}

// ---- unknown keys and values ----

#[test]
fn misspelt_component_key_suggests_the_nearest_key() {
    rejects(yaml(&[
        "name: x",
        "components:",
        "  - name: api",
        "    kind: worker",
        "    memroy_mb: 512",
    ]))
    .stderr(has(
        "w.yaml:5:5: components[0]: unknown key `memroy_mb`, did you mean `memory_mb`?",
    ));
}

#[test]
fn misspelt_top_level_key_suggests_the_nearest_key() {
    rejects(yaml(&["name: x", "regoin: us-east-1", "components: []"]))
        .stderr(has("w.yaml:2:1: "))
        .stderr(has("unknown key `regoin`, did you mean `region`?"));
}

#[test]
fn misspelt_kind_suggests_the_nearest_kind() {
    rejects(yaml(&[
        "name: x",
        "components:",
        "  - name: api",
        "    kind: wroker",
    ]))
    .stderr(has(
        "w.yaml:4:11: components[0].kind: unknown value `wroker`, did you mean `worker`?",
    ))
    .stderr(has("http-api"));
}

#[test]
fn misspelt_shape_suggests_the_nearest_shape() {
    rejects(yaml(&[
        "name: x",
        "components:",
        "  - name: api",
        "    kind: worker",
        "    traffic:",
        "      requests_per_month: 10",
        "      shape: spikey",
    ]))
    .stderr(has(
        "w.yaml:7:14: components[0].traffic.shape: unknown value `spikey`, did you mean `spiky`?",
    ));
}

// ---- wrong types ----

#[test]
fn word_where_a_number_belongs_says_a_number_was_expected() {
    rejects(yaml(&[
        "name: x",
        "components:",
        "  - name: api",
        "    kind: worker",
        "    memory_mb: lots",
    ]))
    .stderr(has(
        "w.yaml:5:16: components[0].memory_mb: expected a number, found `lots`",
    ));
}

#[test]
fn list_where_a_number_belongs_says_a_number_was_expected() {
    rejects(yaml(&[
        "name: x",
        "components:",
        "  - name: api",
        "    kind: worker",
        "    memory_mb: [1, 2]",
    ]))
    .stderr(has("w.yaml:5:16: components[0].memory_mb: "))
    .stderr(has("found a list"))
    .stderr(has("expected a number"));
}

#[test]
fn malformed_number_says_a_number_was_expected() {
    rejects(yaml(&[
        "name: x",
        "components:",
        "  - name: api",
        "    kind: worker",
        "    memory_mb: 1.2.3",
    ]))
    .stderr(has("w.yaml:5:16: components[0].memory_mb: "))
    .stderr(has("expected a number"))
    .stderr(has("out of range").not());
}

#[test]
fn word_where_a_boolean_belongs_says_a_boolean_was_expected() {
    rejects(yaml(&[
        "name: x",
        "assumptions:",
        "  free_tier: maybe",
        "components:",
        "  - name: api",
        "    kind: worker",
        "    traffic: { requests_per_month: 10 }",
    ]))
    .stderr(has("w.yaml:3:14: assumptions.free_tier: "))
    .stderr(has("expected a boolean"));
}

// ---- ranges ----

#[test]
fn negative_request_count_is_out_of_range() {
    rejects(yaml(&[
        "name: x",
        "components:",
        "  - name: api",
        "    kind: worker",
        "    traffic:",
        "      requests_per_month: -5",
    ]))
    .stderr(has(
        "w.yaml:6:27: components[0].traffic.requests_per_month: -5 is out of range: expected 0 to",
    ));
}

#[test]
fn negative_duration_is_out_of_range() {
    rejects(yaml(&[
        "name: x",
        "components:",
        "  - name: api",
        "    kind: worker",
        "    traffic:",
        "      requests_per_month: 10",
        "    duration_ms: -1",
    ]))
    .stderr(has(
        "w.yaml:7:18: components[0].duration_ms: -1 is out of range: expected 0.001 to",
    ));
}

#[test]
fn zero_memory_is_out_of_range() {
    rejects(yaml(&[
        "name: x",
        "components:",
        "  - name: api",
        "    kind: worker",
        "    traffic: { requests_per_month: 10 }",
        "    memory_mb: 0",
    ]))
    .stderr(has(
        "w.yaml:6:16: components[0].memory_mb: 0 is out of range: expected 1 to 1048576 MB",
    ));
}

#[test]
fn memory_over_one_tib_is_out_of_range() {
    rejects(yaml(&[
        "name: x",
        "components:",
        "  - name: api",
        "    kind: worker",
        "    traffic: { requests_per_month: 10 }",
        "    memory_mb: 1048577",
    ]))
    .stderr(has(
        "w.yaml:6:16: components[0].memory_mb: 1048577 is out of range: expected 1 to 1048576 MB",
    ));
}

#[test]
fn memory_of_exactly_one_tib_is_accepted() {
    let dir = Dir::with(
        "w.yaml",
        yaml(&[
            "name: x",
            "components:",
            "  - name: api",
            "    kind: worker",
            "    traffic: { requests_per_month: 10 }",
            "    memory_mb: 1048576",
        ]),
    );
    dir.archway()
        .args(["cost", "w.yaml"])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn month_longer_than_744_hours_is_out_of_range() {
    rejects(yaml(&[
        "name: x",
        "assumptions:",
        "  hours_per_month: 800",
        "components:",
        "  - name: api",
        "    kind: worker",
        "    traffic: { requests_per_month: 10 }",
    ]))
    .stderr(has(
        "w.yaml:3:20: assumptions.hours_per_month: 800 is out of range: expected 1 to 744 hours",
    ));
}

#[test]
fn request_count_in_scientific_notation_beyond_decimal_range_is_out_of_range() {
    rejects(yaml(&[
        "name: x",
        "components:",
        "  - name: api",
        "    kind: worker",
        "    traffic:",
        "      requests_per_month: 1e30",
    ]))
    .stderr(has(
        "w.yaml:6:27: components[0].traffic.requests_per_month: `1e30` is out of range",
    ));
}

#[test]
fn request_count_of_thirty_one_digits_is_out_of_range() {
    rejects(yaml(&[
        "name: x",
        "components:",
        "  - name: api",
        "    kind: worker",
        "    traffic:",
        "      requests_per_month: 1000000000000000000000000000000",
    ]))
    .stderr(has(
        "w.yaml:6:27: components[0].traffic.requests_per_month: `1000000000000000000000000000000` is out of range",
    ));
}

#[test]
fn fractional_request_count_is_not_a_whole_number() {
    rejects(yaml(&[
        "name: x",
        "components:",
        "  - name: api",
        "    kind: worker",
        "    traffic:",
        "      requests_per_month: 1.5",
    ]))
    .stderr(has(
        "w.yaml:6:27: components[0].traffic.requests_per_month: 1.5 is not a whole number",
    ));
}

// ---- references between components ----

#[test]
fn duplicate_component_name_points_at_the_second_one() {
    rejects(yaml(&[
        "name: x",
        "components:",
        "  - name: api",
        "    kind: worker",
        "    traffic: { requests_per_month: 10 }",
        "  - name: api",
        "    kind: worker",
        "    traffic: { requests_per_month: 10 }",
    ]))
    .stderr(has(
        "w.yaml:6:11: components[1].name: `api` is already the name of components[0]",
    ));
}

#[test]
fn dependency_on_a_misspelt_component_suggests_the_nearest_name() {
    rejects(yaml(&[
        "name: x",
        "components:",
        "  - name: api",
        "    kind: worker",
        "    traffic: { requests_per_month: 10 }",
        "    depends_on: [storr]",
        "  - name: store",
        "    kind: worker",
        "    traffic: { requests_per_month: 10 }",
    ]))
    .stderr(has(
        "w.yaml:6:18: components[0].depends_on[0]: no component is named `storr`, did you mean `store`?",
    ));
}

#[test]
fn dependency_on_an_unknown_component_lists_the_components() {
    rejects(yaml(&[
        "name: x",
        "components:",
        "  - name: api",
        "    kind: worker",
        "    traffic: { requests_per_month: 10 }",
        "    depends_on: [zzzzzz]",
    ]))
    .stderr(has(
        "w.yaml:6:18: components[0].depends_on[0]: no component is named `zzzzzz`",
    ))
    .stderr(has("did you mean").not())
    .stderr(has("(components: api)"));
}

#[test]
fn component_depending_on_itself_is_refused() {
    rejects(yaml(&[
        "name: x",
        "components:",
        "  - name: api",
        "    kind: worker",
        "    traffic: { requests_per_month: 10 }",
        "    depends_on:",
        "      - api",
    ]))
    .stderr(has(
        "w.yaml:7:9: components[0].depends_on[0]: `api` depends on itself",
    ));
}

#[test]
fn every_problem_in_a_file_is_reported_in_reading_order() {
    let assert = rejects(yaml(&[
        "name: x",
        "components:",
        "  - name: api",
        "    kind: worker",
        "    traffic: { requests_per_month: 10 }",
        "    memory_mb: 0",
        "    depends_on: [nobody]",
    ]));
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    let memory = stderr.find("w.yaml:6:16: components[0].memory_mb:");
    let dep = stderr.find("w.yaml:7:18: components[0].depends_on[0]:");
    assert!(
        matches!((memory, dep), (Some(m), Some(d)) if m < d),
        "both problems, line 6 before line 7:\n{stderr}"
    );
}

// ---- the document's shape ----

#[test]
fn document_that_is_a_list_is_refused_at_its_start() {
    rejects(yaml(&["- name: api", "  kind: worker"]))
        .stderr(has("w.yaml:1:1: "))
        .stderr(has("found a list, expected a mapping of keys"));
}

#[test]
fn document_that_is_a_scalar_is_refused_at_its_start() {
    rejects(yaml(&["just some words"]))
        .stderr(has("w.yaml:1:1: "))
        .stderr(has(
            "found string \"just some words\", expected a mapping of keys",
        ));
}

#[test]
fn document_that_is_not_a_mapping_is_described_in_the_users_terms() {
    rejects(yaml(&["- name: api", "  kind: worker"]))
        .stderr(has("w.yaml:1:1: "))
        .stderr(has("mapping"))
        .stderr(has("Raw").not());
}

#[test]
fn missing_workload_name_is_reported() {
    rejects(yaml(&[
        "components:",
        "  - name: api",
        "    kind: worker",
        "    traffic: { requests_per_month: 10 }",
    ]))
    .stderr(has("w.yaml:1:1: missing field `name`"));
}

#[test]
fn missing_components_are_reported() {
    rejects(yaml(&["name: x", "region: us-east-1"]))
        .stderr(has("w.yaml:1:1: missing field `components`"));
}

#[test]
fn missing_component_kind_is_reported_at_the_component() {
    rejects(yaml(&[
        "name: x",
        "components:",
        "  - name: api",
        "    traffic: { requests_per_month: 10 }",
    ]))
    .stderr(has("w.yaml:3:5: components[0]: missing field `kind`"));
}

// ---- region ----

#[test]
fn unknown_region_names_the_known_region_and_suggests_it() {
    rejects(yaml(&[
        "name: x",
        "region: us-east-9",
        "components:",
        "  - name: api",
        "    kind: worker",
        "    traffic: { requests_per_month: 10 }",
    ]))
    .stderr(has(
        "w.yaml:2:9: region: the pricing catalog has no region `us-east-9`, did you mean `us-east-1`?",
    ))
    .stderr(has("(it has: us-east-1)"));
}

// ---- the same refusal in every output format ----

#[test]
fn bad_input_is_refused_the_same_way_with_format_json() {
    let dir = Dir::with(
        "w.yaml",
        yaml(&[
            "name: x",
            "components:",
            "  - name: api",
            "    kind: worker",
            "    memroy_mb: 512",
        ]),
    );
    bad_input(
        dir.archway()
            .args(["cost", "--format", "json", "w.yaml"])
            .assert(),
    )
    .stderr(has(
        "w.yaml:5:5: components[0]: unknown key `memroy_mb`, did you mean `memory_mb`?",
    ));
}
