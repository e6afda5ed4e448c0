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

/// Escape sequences, OSC (window title, clipboard), BEL, a C1 CSI, NUL and a
/// right-to-left override.
const HOSTILE: &str =
    "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{1b}]52;c;ZXZpbA==\u{7}\u{9b}31m\0\u{202e}gnp.exe";

/// Bytes that would drive a terminal: ESC, BEL, NUL, C1 CSI, U+202E.
fn drives_a_terminal(out: &[u8]) -> bool {
    let text = String::from_utf8_lossy(out);
    text.chars()
        .any(|c| matches!(c, '\u{1b}' | '\u{7}' | '\0' | '\u{9b}' | '\u{202e}'))
}

#[test]
fn control_characters_in_names_are_refused_where_they_are_written() {
    for (line, yaml_text) in [
        (1, "name: \"evil\\e[2J\"\ncomponents:\n  - { name: a, kind: worker }\n".to_string()),
        (3, "name: x\ncomponents:\n  - { name: \"a\\u202eb\", kind: worker }\n".to_string()),
        (3, "name: x\ncomponents:\n  - { name: \"a\\x9b31m\", kind: worker }\n".to_string()),
        (3, "name: x\ncomponents:\n  - { name: \"two\\nlines\", kind: worker }\n".to_string()),
        (3, "name: x\nstores:\n  - { name: \"db\\a\", engine: postgres }\ncomponents:\n  - { name: a, kind: worker }\n".to_string()),
    ] {
        let dir = Dir::with("w.yaml", &yaml_text);
        let out = bad_input(bounded(&dir, 256, 20, &["evaluate", "w.yaml"]).assert())
            .stderr(has(&format!("w.yaml:{line}:")))
            .stderr(has("holds a control character"));
        assert!(!drives_a_terminal(&out.get_output().stderr), "{yaml_text}");
    }
}

#[test]
fn control_characters_in_descriptions_rules_and_catalogs_never_reach_the_terminal() {
    // A description, a rule's note and title, and a catalog's unit are free text; every
    // text output shows their control characters as `?`.
    let escaped = HOSTILE
        .replace('\u{1b}', "\\e")
        .replace('\u{7}', "\\a")
        .replace('\0', "\\0")
        .replace('\u{9b}', "\\x9b")
        .replace('\u{202e}', "\\u202e");
    let dir = Dir::new();
    dir.write(
        "w.yaml",
        format!(
            "name: x\ndescription: \"{escaped}\"\ncomponents:\n  - {{ name: api, kind: http-api, traffic: {{ requests_per_month: 1000 }} }}\n  - {{ name: jobs, kind: worker, traffic: {{ requests_per_month: 10 }}, depends_on: [api] }}\n"
        ),
    );
    dir.write(
        "b.yaml",
        "name: y\ncomponents:\n  - { name: api, kind: http-api, traffic: { requests_per_month: 100000 } }\n",
    );
    std::fs::create_dir(dir.path().join("r")).unwrap();
    dir.write(
        "r/r.yaml",
        format!("rules:\n  - id: noisy\n    title: \"t {escaped}\"\n    when: {{ trait: kind, eq: worker }}\n    note: \"n {escaped}\"\n    rationale: \"r {escaped}\"\n    source: \"s {escaped}\"\n"),
    );
    let catalog =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/pricing.yaml"))
            .unwrap()
            .replacen(
                "per: request, as_of",
                &format!("per: \"request {escaped}\", as_of"),
                1,
            );
    dir.write("p.yaml", catalog);
    let runs: Vec<Vec<&str>> = vec![
        vec!["evaluate", "w.yaml"],
        vec!["--rules", "r", "evaluate", "w.yaml"],
        vec!["--pricing", "p.yaml", "cost", "w.yaml", "--explain"],
        vec!["migrate", "w.yaml"],
        vec!["migrate", "w.yaml", "--format", "markdown"],
        vec!["--rules", "r", "report", "w.yaml"],
        vec!["--rules", "r", "report", "w.yaml", "--style", "adr"],
        vec!["graph", "w.yaml"],
        vec!["graph", "w.yaml", "--format", "dot"],
        vec!["graph", "w.yaml", "--format", "mermaid"],
        vec!["compare", "w.yaml", "b.yaml"],
        vec!["compare", "w.yaml", "b.yaml", "--format", "markdown"],
        vec!["--rules", "r", "rules", "list"],
        vec![
            "sweep",
            "w.yaml",
            "--vary",
            "duration_ms",
            "--from",
            "10",
            "--to",
            "1000",
        ],
    ];
    for args in runs {
        let out = bounded(&dir, 512, 60, &args).assert().success();
        let o = out.get_output();
        assert!(
            !drives_a_terminal(&o.stdout),
            "{args:?} printed a control character"
        );
        assert!(
            !drives_a_terminal(&o.stderr),
            "{args:?} printed a control character"
        );
    }
    // The report written to a file holds none either.
    bounded(
        &dir,
        512,
        60,
        &["--rules", "r", "report", "w.yaml", "-o", "r.md"],
    )
    .assert()
    .success();
    assert!(!drives_a_terminal(
        &std::fs::read(dir.path().join("r.md")).unwrap()
    ));
    // JSON keeps a rule's note exactly, escaped as JSON requires.
    let out = bounded(
        &dir,
        512,
        60,
        &["--rules", "r", "evaluate", "w.yaml", "--format", "json"],
    )
    .assert()
    .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert!(v.to_string().contains("\\u001b[2J"), "{v}");
}

#[test]
fn markup_in_names_is_fine_and_shown_as_written() {
    let name = "a<b>|c*d*`e`#f\\\\g";
    let dir = Dir::with(
        "w.yaml",
        format!(
            "name: x\ncomponents:\n  - {{ name: '{name}', kind: worker, traffic: {{ requests_per_month: 10 }} }}\n"
        ),
    );
    bounded(&dir, 256, 20, &["evaluate", "w.yaml"])
        .assert()
        .success()
        .stdout(has(name));
}

#[cfg(unix)]
#[test]
fn report_output_never_replaces_a_link_a_device_or_a_pipe() {
    let dir = Dir::with("w.yaml", small_workload());
    dir.write("target.md", "keep me");
    std::os::unix::fs::symlink("target.md", dir.path().join("link.md")).unwrap();
    // A symbolic link is refused, with or without --force; its target is untouched.
    for force in [false, true] {
        let mut args = vec!["report", "w.yaml", "-o", "link.md"];
        if force {
            args.push("--force");
        }
        bad_input(bounded(&dir, 256, 20, &args).assert())
            .stderr(has("link.md: is a symbolic link"));
        let link = std::fs::symlink_metadata(dir.path().join("link.md")).unwrap();
        assert!(link.file_type().is_symlink());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("target.md")).unwrap(),
            "keep me"
        );
    }
    // A device is written to, not replaced.
    bounded(
        &dir,
        256,
        20,
        &["report", "w.yaml", "-o", "/dev/null", "--force"],
    )
    .assert()
    .success();
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    // A named pipe is written to when someone reads it, and refused when nobody does.
    let fifo = mkfifo(&dir, "out.md");
    bounded(
        &dir,
        256,
        20,
        &["report", "w.yaml", "-o", "out.md", "--force"],
    )
    .assert()
    .code(1)
    .stderr(has("out.md: is a named pipe nobody is reading"));
    let reader = std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap());
    // The reader opens first; give it a moment.
    std::thread::sleep(std::time::Duration::from_millis(200));
    bounded(&dir, 256, 20, &["report", "w.yaml", "-o", "out.md"])
        .assert()
        .success();
    assert!(
        reader
            .join()
            .unwrap()
            .starts_with("# Placement decision: x")
    );
    // A directory is refused.
    std::fs::create_dir(dir.path().join("d")).unwrap();
    bad_input(bounded(&dir, 256, 20, &["report", "w.yaml", "-o", "d", "--force"]).assert())
        .stderr(has("d: is a directory"));
}

#[cfg(unix)]
#[test]
fn a_report_keeps_the_permissions_of_the_file_it_replaces() {
    use std::os::unix::fs::PermissionsExt;
    let dir = Dir::with("w.yaml", small_workload());
    bounded(&dir, 256, 20, &["report", "w.yaml", "-o", "r.md"])
        .assert()
        .success();
    let mode = |d: &Dir| {
        std::fs::metadata(d.path().join("r.md"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    // A new file is readable by others (as the umask allows), not only by its owner.
    assert_ne!(mode(&dir) & 0o044, 0, "{:o}", mode(&dir));
    std::fs::set_permissions(
        dir.path().join("r.md"),
        std::fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    bounded(
        &dir,
        256,
        20,
        &["report", "w.yaml", "-o", "r.md", "--force"],
    )
    .assert()
    .success();
    assert_eq!(mode(&dir), 0o640);
}

#[test]
fn more_than_a_thousand_rules_are_refused_at_the_first_past_the_limit() {
    let dir = Dir::new();
    std::fs::create_dir(dir.path().join("r")).unwrap();
    let mut s = String::from("rules:\n");
    for i in 0..1001 {
        s.push_str(&format!(
            "  - {{ id: r{i}, title: t, when: {{ trait: memory_mb, ge: 1 }}, note: n, rationale: r, source: s }}\n"
        ));
    }
    dir.write("r/r.yaml", s);
    bad_input(bounded(&dir, 256, 30, &["rules", "check", "r"]).assert()).stderr(has(
        "r/r.yaml:1002:5: rules[1000]: a rule base holds at most 1000 rules",
    ));
}

#[test]
fn ten_thousand_components_are_advised_in_bounded_time_and_memory() {
    let mut s = String::from("name: x\ncomponents:\n");
    for i in 0..10_000 {
        let deps = if i > 0 {
            format!(", depends_on: [c{}]", i / 2)
        } else {
            String::new()
        };
        s.push_str(&format!(
            "  - {{ name: c{i}, kind: http-api, traffic: {{ requests_per_month: 1000000 }}{deps} }}\n"
        ));
    }
    let dir = Dir::with("w.yaml", s);
    // Advice on every component, then its topology: a drawing of 10,000 boxes would grow
    // with the square of its size, so it is a list. (A release build takes about two
    // seconds; this test runs the unoptimised one.)
    bounded(&dir, 1536, 240, &["graph", "w.yaml"])
        .assert()
        .success()
        .stdout(has("more than a terminal drawing shows legibly"))
        .stderr("");
}

#[test]
fn numbers_yaml_cannot_hold_exactly_are_located_in_rules_and_catalogs() {
    for value in [
        "1e400",
        ".nan",
        ".inf",
        "-.inf",
        "123456789012345678901234567890123",
    ] {
        // As a threshold (line 4) and as a weight (line 6).
        for (line, threshold, weight) in [(4, value, "1"), (6, "1", value)] {
            let rule = format!(
                "rules:\n  - id: r\n    title: t\n    when: {{ trait: memory_mb, ge: {threshold} }}\n    prefer: [lambda]\n    weight: {weight}\n    rationale: r\n    source: s\n"
            );
            let (dir, args, _) = setup(Kind::Rules, rule);
            bad_input(bounded(&dir, 256, 20, &args).assert())
                .stderr(has(&format!("r/f.yaml:{line}:")));
        }
        let catalog =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/pricing.yaml"))
                .unwrap()
                .replacen("usd: \"0.0000002\"", &format!("usd: {value}"), 1);
        let (dir, args, _) = setup(Kind::Pricing, catalog);
        bad_input(bounded(&dir, 256, 20, &args).assert())
            .stderr(has("f.yaml:11:"))
            .stderr(has("number").or(has("out of range")));
    }
}

#[test]
fn deep_block_nesting_is_refused_for_rules_and_catalogs() {
    let mut s = String::from("rules:\n");
    for i in 0..300 {
        s.push_str(&" ".repeat(2 * i + 2));
        s.push_str("-\n");
    }
    refused_everywhere(s.as_bytes(), "nested more than 100 levels");
}

#[test]
fn a_megabyte_long_key_or_value_is_quoted_short() {
    let long = "k".repeat(1 << 20);
    for text in [
        format!("name: x\n{long}: 1\ncomponents: []\n"),
        format!("name: x\ncomponents:\n  - {{ name: a, kind: {long} }}\n"),
        format!("name: [\"{long}\"]\ncomponents: []\n"),
    ] {
        let dir = Dir::with("w.yaml", text);
        let out = bad_input(bounded(&dir, 256, 20, &["evaluate", "w.yaml"]).assert())
            .stderr(has("w.yaml:"));
        assert!(
            out.get_output().stderr.len() < 2_000,
            "{}",
            out.get_output().stderr.len()
        );
    }
}
