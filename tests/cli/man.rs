//! `archway man`: a page per command (nested ones too), each with EXAMPLES, EXIT STATUS
//! and a SEE ALSO whose every page exists; `--dir` writes them all, never over a page
//! without `--force`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{Dir, archway, bad_input, has};

/// The pages `archway man --dir` writes, by name (`archway-rules-check`), read back.
fn pages(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            assert_eq!(p.extension().unwrap(), "1", "{}", p.display());
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// Every page a page names as `NAME(1)`, in SEE ALSO or among its subcommands.
fn references(page: &str) -> Vec<String> {
    let text = page
        .replace("\\-", "-")
        .replace("\\fB", "")
        .replace("\\fR", "");
    let mut names = Vec::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find("(1)") {
        let before = &rest[..i];
        let start = before
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .map_or(0, |j| j + 1);
        if before[start..].starts_with("archway") {
            names.push(before[start..].to_string());
        }
        rest = &rest[i + 3..];
    }
    names
}

fn section<'a>(page: &'a str, title: &str) -> &'a str {
    let head = if title.contains(' ') {
        format!(".SH \"{title}\"\n")
    } else {
        format!(".SH {title}\n")
    };
    let at = page
        .find(&head)
        .unwrap_or_else(|| panic!("no {title}:\n{page}"));
    let body = &page[at + head.len()..];
    &body[..body.find("\n.SH").unwrap_or(body.len())]
}

#[test]
fn a_page_per_command_each_with_examples_exit_status_and_pages_that_exist() {
    let d = Dir::new();
    d.archway()
        .args(["man", "--dir", "share/man1"])
        .assert()
        .success()
        .stdout(has("man pages to share/man1"));
    let pages = pages(&d.path().join("share/man1"));
    for name in [
        "archway",
        "archway-evaluate",
        "archway-cost",
        "archway-report",
        "archway-batch",
        "archway-rules",
        "archway-rules-check",
        "archway-rules-export",
        "archway-pricing-show",
        "archway-man",
    ] {
        assert!(
            pages.contains_key(name),
            "no {name}.1 in {:?}",
            pages.keys()
        );
    }
    assert!(
        !pages.contains_key("archway-help"),
        "the help subcommand has no page"
    );
    for (name, page) in &pages {
        assert!(
            page.contains(&format!(".TH {name} 1 ")),
            "{name}: title\n{page}"
        );
        for s in ["NAME", "SYNOPSIS", "DESCRIPTION"] {
            section(page, s);
        }
        assert!(
            section(page, "EXAMPLES").contains("\\fBarchway"),
            "{name}: EXAMPLES\n{page}"
        );
        let status = section(page, "EXIT STATUS");
        for code in ["\\fB0\\fR", "\\fB1\\fR", "\\fB2\\fR"] {
            assert!(status.contains(code), "{name}: status {code}\n{status}");
        }
        let see = references(section(page, "SEE ALSO"));
        assert!(!see.is_empty(), "{name}: SEE ALSO is empty");
        for r in references(page) {
            assert!(
                pages.contains_key(&r),
                "{name} refers to {r}(1), not written"
            );
        }
        assert!(!page.contains("EXTRA"), "{name}: examples went under EXTRA");
    }
    // archway(1) leads to every other page; a nested page to its parent.
    let top = references(section(&pages["archway"], "SEE ALSO"));
    assert_eq!(top.len(), pages.len() - 1, "{top:?}");
    let check = references(section(&pages["archway-rules-check"], "SEE ALSO"));
    assert_eq!(check, ["archway", "archway-rules"]);
    // The examples are the ones --help ends with.
    let help = archway().args(["cost", "--help"]).output().unwrap().stdout;
    let help = String::from_utf8(help).unwrap();
    assert!(
        help.contains("archway cost W --explain  # how tasks"),
        "{help}"
    );
    assert!(
        section(&pages["archway-cost"], "EXAMPLES")
            .contains("\\fBarchway cost W \\-\\-explain\\fR\nhow tasks")
    );
    // What exit status 1 means, for the commands that use it for a finding.
    assert!(section(&pages["archway-evaluate"], "EXIT STATUS").contains("Hard rules exclude"));
    assert!(section(&pages["archway-batch"], "EXIT STATUS").contains("Some workloads failed"));
    assert!(section(&pages["archway-rules-test"], "EXIT STATUS").contains("A test case failed"));
    assert!(section(&pages["archway-report"], "EXIT STATUS").contains("without \\-\\-force"));
}

#[test]
fn man_prints_the_page_asked_for_as_dir_writes_it() {
    let d = Dir::new();
    d.archway().args(["man", "--dir", "m"]).assert().success();
    let pages = pages(&d.path().join("m"));
    for (args, name) in [
        (vec!["man"], "archway"),
        (vec!["man", "evaluate"], "archway-evaluate"),
        (vec!["man", "rules", "check"], "archway-rules-check"),
        (vec!["man", "rules-check"], "archway-rules-check"),
        (vec!["man", "pricing", "show"], "archway-pricing-show"),
    ] {
        let out = archway().args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            pages[name],
            "{args:?}"
        );
    }
    bad_input(archway().args(["man", "rules", "chek"]).assert()).stderr(has(
        "error: archway man: no page for `rules chek`, did you mean `rules check`?",
    ));
}

/// The pages render without a warning where a man reader is installed.
#[cfg(unix)]
#[test]
fn every_page_renders() {
    let d = Dir::new();
    d.archway().args(["man", "--dir", "m"]).assert().success();
    let have_man = std::process::Command::new("man")
        .arg("-l")
        .arg("-")
        .stdin(std::process::Stdio::null())
        .output()
        .is_ok();
    for (name, page) in pages(&d.path().join("m")) {
        assert!(page.starts_with(".ie \\n(.g .ds Aq"), "{name}");
        assert_eq!(page.matches(".TH ").count(), 1, "{name}");
        assert_eq!(
            page.matches(".ie \\n(.g").count(),
            1,
            "{name}: one preamble"
        );
        if have_man {
            let out = std::process::Command::new("man")
                .arg("-l")
                .arg(d.path().join("m").join(format!("{name}.1")))
                .env("MANWIDTH", "80")
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                out.status.success() && err.trim().is_empty(),
                "{name}: {err}"
            );
            // Bold and underline as overstrikes: a character, a backspace, itself.
            let mut text = String::new();
            for c in String::from_utf8_lossy(&out.stdout).chars() {
                if c == '\u{8}' {
                    text.pop();
                } else {
                    text.push(c);
                }
            }
            let text = text.replace("__", "_");
            assert!(text.contains("EXIT STATUS"), "{name}: {text}");
        }
    }
}

#[test]
fn man_dir_never_writes_over_a_page_without_force() {
    let d = Dir::new();
    d.write("m/archway-cost.1", "keep me");
    bad_input(d.archway().args(["man", "--dir", "m"]).assert()).stderr(has(
        "error: m/archway-cost.1: already exists; use --force to overwrite it",
    ));
    // Nothing was written: a refusal leaves the directory as it was.
    let names: Vec<_> = std::fs::read_dir(d.path().join("m")).unwrap().collect();
    assert_eq!(names.len(), 1);
    assert_eq!(
        std::fs::read_to_string(d.path().join("m/archway-cost.1")).unwrap(),
        "keep me"
    );
    d.archway()
        .args(["man", "--dir", "m", "--force"])
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(d.path().join("m/archway-cost.1"))
            .unwrap()
            .contains(".TH archway-cost 1")
    );
    bad_input(d.archway().args(["man", "--force"]).assert()).stderr(has("--dir"));
}
