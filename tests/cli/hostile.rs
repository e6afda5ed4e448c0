//! A hostile corpus through the real binary: files built to crash archway, hang it or
//! make it eat the machine. Each run is limited in memory and time (see
//! `support::bounded`) and must end with the right exit code and a located message.

use std::io::Write;

use predicates::prelude::*;

use crate::support::{Dir, bad_input, bounded, has, no_panic, yaml};

/// The three kinds of input file and how each is given to `archway`.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Workload,
    Rules,
    Pricing,
}

const KINDS: [Kind; 3] = [Kind::Workload, Kind::Rules, Kind::Pricing];

fn small_workload() -> String {
    yaml(&[
        "name: x",
        "components:",
        "  - { name: api, kind: http-api, traffic: { requests_per_month: 1000 } }",
    ])
}

/// A directory holding `text` as a file of `kind` (named `f.yaml`, or `r/f.yaml` for a
/// rule file), a small valid workload beside it, and the arguments that load it.
fn setup(kind: Kind, text: impl AsRef<[u8]>) -> (Dir, Vec<&'static str>, &'static str) {
    let dir = Dir::new();
    dir.write("w.yaml", small_workload());
    match kind {
        Kind::Workload => {
            dir.write("f.yaml", text);
            (dir, vec!["evaluate", "f.yaml"], "f.yaml")
        }
        Kind::Rules => {
            std::fs::create_dir(dir.path().join("r")).unwrap();
            dir.write("r/f.yaml", text);
            (dir, vec!["--rules", "r", "evaluate", "w.yaml"], "r/f.yaml")
        }
        Kind::Pricing => {
            dir.write("f.yaml", text);
            (
                dir,
                vec!["--pricing", "f.yaml", "evaluate", "w.yaml"],
                "f.yaml",
            )
        }
    }
}

/// `text` as a file of each kind must be refused as bad input within 256 MB and 20 s,
/// with a message naming the file and containing `says`.
fn refused_everywhere(text: &[u8], says: &str) {
    for kind in KINDS {
        let (dir, args, file) = setup(kind, text);
        bad_input(bounded(&dir, 256, 20, &args).assert())
            .stderr(has(file))
            .stderr(has(says));
    }
}

/// The line and column an error names: `file:L:C:` must be in stderr.
fn located(file: &str) -> impl Predicate<str> + use<> {
    predicate::str::is_match(format!(r"{}:\d+:\d+: ", regex_escape(file))).expect("a pattern")
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            if r"\.+*?()|[]{}^$".contains(c) {
                vec!['\\', c]
            } else {
                vec![c]
            }
        })
        .collect()
}

#[test]
fn a_billion_laughs_is_refused_at_the_alias_for_every_kind_of_file() {
    // Ten aliases of ten aliases … nine levels deep: 10^9 copies of a short string.
    let mut s = String::from("a0: &a0 \"lol\"\n");
    for i in 1..10 {
        let refs: Vec<String> = (0..10).map(|_| format!("*a{}", i - 1)).collect();
        s.push_str(&format!("a{i}: &a{i} [{}]\n", refs.join(", ")));
    }
    for kind in KINDS {
        let (dir, args, file) = setup(kind, &s);
        bad_input(bounded(&dir, 256, 20, &args).assert())
            .stderr(located(file))
            .stderr(has("aliases (`*name`) expand this document"));
    }
}

#[test]
fn aliases_of_a_long_string_are_refused_before_they_are_copied() {
    // A 1 MB string named 3,000 times would be 3 GB once expanded.
    let mut s = format!("name: &s \"{}\"\ncomponents:\n", "z".repeat(1 << 20));
    for i in 0..3000 {
        s.push_str(&format!(
            "  - {{ name: c{i}, kind: worker, depends_on: [*s] }}\n"
        ));
    }
    let (dir, args, file) = setup(Kind::Workload, &s);
    bad_input(bounded(&dir, 256, 20, &args).assert())
        .stderr(located(file))
        .stderr(has("aliases"));
}

#[test]
fn an_anchor_for_shared_settings_is_fine() {
    let dir = Dir::with(
        "w.yaml",
        yaml(&[
            "name: x",
            "components:",
            "  - { name: a, kind: worker, traffic: &t { requests_per_month: 1000 } }",
            "  - { name: b, kind: worker, traffic: *t }",
        ]),
    );
    bounded(&dir, 256, 20, &["cost", "w.yaml"])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn deep_flow_nesting_is_refused_quickly_for_every_kind_of_file() {
    // 100,000 nested brackets took the YAML parser half a minute (quadratic in depth).
    let s = format!("a: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    for kind in KINDS {
        let (dir, args, file) = setup(kind, &s);
        bad_input(bounded(&dir, 256, 10, &args).assert())
            .stderr(has(&format!("{file}:1:")))
            .stderr(has("nested more than 100 levels"));
    }
}

#[test]
fn deep_block_nesting_is_refused_at_its_depth() {
    let mut s = String::from("name: x\ncomponents:\n");
    for i in 0..300 {
        s.push_str(&" ".repeat(2 * i + 2));
        s.push_str("-\n");
    }
    let (dir, args, file) = setup(Kind::Workload, &s);
    bad_input(bounded(&dir, 256, 10, &args).assert())
        .stderr(located(file))
        .stderr(has("nested more than 100 levels"));
}

#[test]
fn brackets_inside_quotes_and_comments_are_not_nesting() {
    let deep = "[".repeat(500);
    let dir = Dir::with(
        "w.yaml",
        yaml(&[
            &format!("# {deep}"),
            "name: x",
            &format!("description: \"{deep}\""),
            "components:",
            &format!(
                "  - {{ name: 'it''s {deep}', kind: worker, traffic: {{ requests_per_month: 1 }} }}"
            ),
        ]),
    );
    bounded(&dir, 256, 20, &["cost", "w.yaml"])
        .assert()
        .success();
}

#[test]
fn a_100_mb_file_is_refused_by_its_size_before_it_is_read() {
    for kind in KINDS {
        let (dir, args, file) = setup(kind, "");
        // A sparse file: 100 MB long, no disk used.
        let f = std::fs::File::options()
            .write(true)
            .open(dir.path().join(file))
            .unwrap();
        f.set_len(100 * 1024 * 1024).unwrap();
        bad_input(bounded(&dir, 128, 10, &args).assert())
            .stderr(has(&format!("{file}: is 104,857,600 bytes")))
            .stderr(has("up to 16 MB"))
            .stderr(has("ARCHWAY_MAX_INPUT_MB"));
    }
}

#[test]
fn a_50_mb_line_is_refused_by_its_size() {
    let line = format!("name: {}\n", "x".repeat(50 * 1024 * 1024));
    let (dir, args, _) = setup(Kind::Workload, line);
    bad_input(bounded(&dir, 128, 10, &args).assert()).stderr(has("f.yaml: is 52,428,807 bytes"));
}

#[test]
fn the_size_limit_can_be_lowered_and_must_be_a_number() {
    let (dir, args, _) = setup(Kind::Workload, small_workload());
    bounded(&dir, 256, 10, &args).assert().success();
    bad_input(
        bounded(&dir, 256, 10, &args)
            .env("ARCHWAY_MAX_INPUT_MB", "lots")
            .assert(),
    )
    .stderr(has("ARCHWAY_MAX_INPUT_MB: `lots` is not a size"));
    // A workload with two megabytes of comments is over a one-megabyte limit.
    dir.write(
        "f.yaml",
        format!("# {}\n{}", "x".repeat(2 << 20), small_workload()),
    );
    bad_input(
        bounded(&dir, 256, 10, &args)
            .env("ARCHWAY_MAX_INPUT_MB", "1")
            .assert(),
    )
    .stderr(has("up to 1 MB"));
}

#[test]
fn dev_zero_is_cut_off_at_the_limit() {
    let dir = Dir::with("w.yaml", small_workload());
    bad_input(bounded(&dir, 256, 10, &["evaluate", "/dev/zero"]).assert())
        .stderr(has("/dev/zero: holds more than 16 MB"));
    bad_input(
        bounded(
            &dir,
            256,
            10,
            &["--pricing", "/dev/zero", "evaluate", "w.yaml"],
        )
        .assert(),
    )
    .stderr(has("/dev/zero: holds more than 16 MB"));
}

#[test]
fn standard_input_endless_or_not() {
    let dir = Dir::with("w.yaml", small_workload());
    bounded(&dir, 256, 10, &["cost", "-"])
        .write_stdin(small_workload())
        .assert()
        .success()
        .stdout(has("api"));
    bad_input(
        bounded(&dir, 256, 10, &["cost", "-"])
            .write_stdin("name: x\ncomponents: [\n")
            .assert(),
    )
    .stderr(located("<stdin>"));
    // Standard input from an endless source (the shell redirects it; a test that read
    // /dev/zero itself to pass it on would never finish).
    let mut zero = std::process::Command::new("sh");
    zero.arg("-c")
        .arg("ulimit -v 262144; exec \"$0\" cost - < /dev/zero")
        .arg(assert_cmd::cargo::cargo_bin!("archway"))
        .current_dir(dir.path())
        .env_remove("ARCHWAY_MAX_INPUT_MB");
    bad_input(
        assert_cmd::Command::from_std(zero)
            .timeout(std::time::Duration::from_secs(10))
            .assert(),
    )
    .stderr(has("<stdin>: holds more than 16 MB"));
}

#[cfg(unix)]
fn mkfifo(dir: &Dir, name: &str) -> std::path::PathBuf {
    let path = dir.path().join(name);
    let ok = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .expect("run mkfifo")
        .success();
    assert!(ok, "mkfifo {}", path.display());
    path
}

#[cfg(unix)]
#[test]
fn a_named_pipe_without_a_writer_does_not_hang() {
    let dir = Dir::with("w.yaml", small_workload());
    mkfifo(&dir, "p.yaml");
    bad_input(bounded(&dir, 256, 10, &["evaluate", "p.yaml"]).assert())
        .stderr(has("p.yaml: is a named pipe with nothing written to it"));
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_read_and_an_endless_one_cut_off() {
    let dir = Dir::with("w.yaml", small_workload());
    let path = mkfifo(&dir, "p.yaml");
    let text = small_workload();
    let writer = {
        let path = path.clone();
        std::thread::spawn(move || {
            let mut f = std::fs::File::options().write(true).open(path).unwrap();
            f.write_all(text.as_bytes()).unwrap();
        })
    };
    // The writer opens the pipe once a reader has; archway is that reader.
    bounded(&dir, 256, 10, &["cost", "p.yaml"])
        .assert()
        .success()
        .stdout(has("api"));
    writer.join().unwrap();

    let endless = std::thread::spawn(move || {
        let mut f = std::fs::File::options().write(true).open(path).unwrap();
        let chunk = vec![b'#'; 1 << 16];
        // Until archway stops reading (a broken pipe).
        while f.write_all(&chunk).is_ok() {}
    });
    bad_input(bounded(&dir, 256, 10, &["cost", "p.yaml"]).assert())
        .stderr(has("p.yaml: holds more than 16 MB"));
    endless.join().unwrap();
}

#[test]
fn a_directory_is_refused_for_every_kind_of_file() {
    let dir = Dir::with("w.yaml", small_workload());
    std::fs::create_dir(dir.path().join("d.yaml")).unwrap();
    for args in [
        vec!["evaluate", "d.yaml"],
        vec!["--pricing", "d.yaml", "evaluate", "w.yaml"],
    ] {
        bad_input(bounded(&dir, 256, 10, &args).assert())
            .stderr(has("d.yaml: cannot read: it is a directory"));
    }
}

#[test]
fn utf16_nul_bytes_and_invalid_utf8_are_refused_for_every_kind_of_file() {
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain("name: x\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    refused_everywhere(&utf16, "UTF-16");
    refused_everywhere(b"name: x\0\ncomponents: []\n", "a NUL byte at offset 7");
    refused_everywhere(
        b"name: \xff\xfe\xfd\n",
        "not UTF-8 text (invalid byte at offset 6)",
    );
}

#[test]
fn numbers_yaml_cannot_hold_exactly_are_located_errors() {
    for (value, says) in [
        ("1e400", "out of range"),
        (".nan", "expected a number, found `.nan`"),
        (".inf", "expected a number, found `.inf`"),
        ("-.inf", "expected a number, found `-.inf`"),
        ("123456789012345678901234567890123", "out of range"),
        ("0x1F", "expected a number"),
    ] {
        let src = yaml(&[
            "name: x",
            "components:",
            &format!("  - {{ name: a, kind: worker, traffic: {{ requests_per_month: {value} }} }}"),
        ]);
        let dir = Dir::with("w.yaml", src);
        bad_input(bounded(&dir, 256, 10, &["cost", "w.yaml"]).assert())
            .stderr(has("w.yaml:3:"))
            .stderr(has(says));
    }
}

#[test]
fn yaml_number_forms_and_negative_zero_are_numbers() {
    // `.5`, `5.` and `-0` are numbers in YAML; `-0` is zero, shown without a sign.
    let src = yaml(&[
        "name: x",
        "components:",
        "  - { name: a, kind: worker, traffic: { requests_per_month: 1000 }, duration_ms: .5, memory_mb: 512. }",
        "  - { name: b, kind: worker, traffic: { requests_per_month: -0 } }",
    ]);
    let dir = Dir::with("w.yaml", src);
    let out = bounded(&dir, 256, 20, &["cost", "w.yaml", "--format", "json"])
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(!text.contains("\"-0"), "{text}");
}

#[test]
fn ten_thousand_bad_references_are_reported_in_bounded_time_and_size() {
    // Every error used to list every component name: 224 s for this file.
    let mut s = String::from("name: x\ncomponents:\n");
    for i in 0..10_000 {
        s.push_str(&format!(
            "  - {{ name: c{i}, kind: worker, traffic: {{ requests_per_month: 1 }}, depends_on: [missing{i}] }}\n"
        ));
    }
    let dir = Dir::with("w.yaml", s);
    let out = bad_input(bounded(&dir, 512, 60, &["cost", "w.yaml"]).assert())
        .stderr(has("w.yaml:3:"))
        .stderr(has("no component is named `missing0`"))
        .stderr(has("and 9990 more)"))
        .stderr(has("and 9950 more problems"));
    assert!(out.get_output().stderr.len() < 20_000);
}

#[test]
fn self_and_missing_dependencies_are_located() {
    let dir = Dir::with(
        "w.yaml",
        yaml(&[
            "name: x",
            "components:",
            "  - { name: a, kind: worker, depends_on: [a] }",
            "  - { name: b, kind: worker, depends_on: [nowhere] }",
        ]),
    );
    bad_input(bounded(&dir, 256, 10, &["cost", "w.yaml"]).assert())
        .stderr(has("w.yaml:3:"))
        .stderr(has("`a` depends on itself"))
        .stderr(has("w.yaml:4:"))
        .stderr(has("no component is named `nowhere`"))
        .stderr(no_panic());
}
