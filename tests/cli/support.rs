//! Helpers shared by the CLI tests: a scratch directory, the binary, and the
//! bad-input contract (exit 2, nothing on stdout, never a panic).

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use assert_cmd::assert::Assert;
use assert_fs::TempDir;
use assert_fs::prelude::*;
use predicates::prelude::*;

/// The `archway` binary, with plain output.
pub fn archway() -> Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("archway");
    cmd.env("NO_COLOR", "1");
    cmd
}

/// A YAML document from its lines, so a test can count lines by eye: `lines[0]` is line 1.
pub fn yaml(lines: &[&str]) -> String {
    let mut s = lines.join("\n");
    s.push('\n');
    s
}

/// A temporary directory that `archway` runs in, so messages show short relative names.
pub struct Dir(TempDir);

impl Dir {
    pub fn new() -> Dir {
        Dir(TempDir::new().expect("a temporary directory"))
    }

    pub fn with(name: &str, contents: impl AsRef<[u8]>) -> Dir {
        let d = Dir::new();
        d.write(name, contents);
        d
    }

    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> &Dir {
        self.0
            .child(name)
            .write_binary(contents.as_ref())
            .expect("write a test file");
        self
    }

    pub fn path(&self) -> &Path {
        self.0.path()
    }

    /// `archway` with this directory as its working directory.
    pub fn archway(&self) -> Command {
        let mut cmd = archway();
        cmd.current_dir(self.path());
        cmd
    }
}

/// Stderr never reports a panic.
pub fn no_panic() -> impl Predicate<str> {
    predicate::str::contains("panicked").not()
}

/// The contract for bad input: exit code 2, nothing on stdout, no panic.
pub fn bad_input(a: Assert) -> Assert {
    a.code(2).stdout("").stderr(no_panic())
}

/// Writes `src` to `w.yaml` and runs `archway cost w.yaml`, which must refuse it as bad input.
pub fn rejects(src: impl AsRef<[u8]>) -> Assert {
    let dir = Dir::with("w.yaml", src);
    bad_input(dir.archway().args(["cost", "w.yaml"]).assert())
}

/// Stderr contains `text`.
pub fn has(text: &str) -> impl Predicate<str> + use<> {
    predicate::str::contains(text.to_string())
}

/// `archway ARGS` in `dir` with at most `mb` megabytes of address space and `secs`
/// seconds: a run that needs more memory aborts and one that needs more time is killed,
/// so the assertions on its exit code fail instead of the machine.
pub fn bounded(dir: &Dir, mb: u64, secs: u64, args: &[&str]) -> Command {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("ulimit -v {}; exec \"$0\" \"$@\"", mb * 1024))
        .arg(assert_cmd::cargo::cargo_bin!("archway"))
        .args(args)
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .env_remove("ARCHWAY_MAX_INPUT_MB")
        .timeout(std::time::Duration::from_secs(secs));
    cmd
}

/// The example workloads shipped in workloads/, in name order.
pub fn example_workloads() -> Vec<PathBuf> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/workloads");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read workloads/")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "workloads/ has no YAML files");
    files
}
