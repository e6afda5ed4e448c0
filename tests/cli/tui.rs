//! The real binary in a pseudo-terminal: answer the interview for a two-component
//! workload, read the recommendation off the screen, export the report, quit, and check
//! that the terminal was given back as it was found; a what-if there and back; a killed
//! session resumed with its file; the command palette.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use std::path::Path;

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

struct Session {
    screen: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
}

/// Starts archway in an 80×24 pseudo-terminal in `dir`, its state kept in `dir/state`.
fn start(dir: &Path, args: &[&str]) -> Session {
    let pty = native_pty_system();
    let pair = pty
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_archway"));
    cmd.args(args);
    cmd.cwd(dir);
    cmd.env("ARCHWAY_STATE_DIR", dir.join("state"));
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    let child = pair.slave.spawn_command(cmd).expect("archway starts");
    drop(pair.slave);
    let screen = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
    let mut reader = pair.master.try_clone_reader().expect("a reader");
    let feed = Arc::clone(&screen);
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            feed.lock().expect("screen").process(&buf[..n]);
        }
    });
    Session {
        screen,
        writer: pair.master.take_writer().expect("a writer"),
        child,
    }
}

impl Session {
    fn contents(&self) -> String {
        self.screen.lock().expect("screen").screen().contents()
    }

    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!("`{text}` never appeared; the screen:\n{}", self.contents());
    }

    fn send(&mut self, bytes: &str) {
        self.writer
            .write_all(bytes.as_bytes())
            .expect("write to the terminal");
        self.writer.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(60));
    }

    /// Waits for archway to exit; its status.
    fn exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(st) = self.child.try_wait().expect("wait") {
                return st;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "archway did not exit"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Sends a signal (`-9`, `-TERM`) to archway.
    fn signal(&mut self, sig: &str) {
        let pid = self.child.process_id().expect("a pid");
        let ok = std::process::Command::new("kill")
            .args([sig, &pid.to_string()])
            .status()
            .expect("kill runs")
            .success();
        assert!(ok, "kill {sig} {pid}");
        self.exit();
    }

    /// The terminal is as archway found it: main screen, cursor shown, mouse released.
    fn assert_restored(&self) {
        std::thread::sleep(Duration::from_millis(200));
        let p = self.screen.lock().expect("screen");
        let t = p.screen();
        assert!(!t.alternate_screen(), "left the alternate screen");
        assert!(!t.hide_cursor(), "cursor shown again");
        assert_eq!(
            t.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse released"
        );
    }
}

#[test]
fn interview_recommend_export_quit_in_a_real_terminal() {
    let dir = tempfile::tempdir().expect("a scratch directory");
    let mut s = start(dir.path(), &[]);

    s.wait_for("New workload");
    s.send("\r");
    s.wait_for("Step 1/10");
    // A second component: a queue worker.
    s.send("a");
    s.wait_for("component-2");
    s.send(&"\x7f".repeat(20));
    s.send("resizer\r");
    s.wait_for("resizer");
    // The recommendation, read off the screen.
    s.send("r");
    s.wait_for("runner-up");
    s.wait_for("total $");
    let shown = s.contents();
    assert!(
        shown.contains("api") && shown.contains("resizer"),
        "{shown}"
    );
    assert!(shown.contains("lambda"), "{shown}");
    assert!(shown.contains("total $"), "{shown}");
    // Export the report.
    s.send("e");
    s.wait_for("Markdown report");
    s.send("\r");
    s.wait_for("my-system.md");
    s.send("\r");
    s.wait_for("Wrote my-system.md");
    // Quit: unsaved work makes it ask first.
    s.send("q");
    s.wait_for("Unsaved changes");
    s.send("y");

    let status = s.exit();
    assert!(status.success(), "exit status {status:?}");
    s.assert_restored();
    let report = std::fs::read_to_string(dir.path().join("my-system.md")).expect("report written");
    assert!(report.starts_with("# "), "{report}");
    assert!(
        report.contains("resizer"),
        "the report covers the new component"
    );
    assert!(
        !dir.path().join("state/autosave.yaml").exists(),
        "a deliberate quit leaves no session to resume"
    );
}

/// The example the tests open, written as the user's own file.
fn shop(dir: &Path) -> std::path::PathBuf {
    let file = dir.join("shop.yaml");
    std::fs::write(
        &file,
        "name: shop\ncomponents:\n  - name: api\n    kind: http-api\n    traffic: { requests_per_month: 1000000, shape: spiky }\n",
    )
    .expect("a workload file");
    file
}

#[test]
fn a_what_if_there_and_back_leaves_the_file_alone() {
    let dir = tempfile::tempdir().expect("a scratch directory");
    let file = shop(dir.path());
    // `archway FILE` opens the UI on the file.
    let mut s = start(dir.path(), &["shop.yaml"]);
    s.wait_for("runner-up");
    // The frame arrives in pieces: wait for its last lines too.
    s.wait_for("total $");
    s.wait_for("? help");
    let total = |s: &Session| {
        let c = s.contents();
        c.lines()
            .find(|l| l.starts_with("total $"))
            .map(|l| l.split_whitespace().nth(1).unwrap_or("").to_string())
            .expect("the summary line")
    };
    let before = total(&s);
    s.send("tt");
    s.wait_for("from what-ifs");
    assert_ne!(total(&s), before, "traffic ×4 changes the bill");
    s.send("0");
    s.wait_for("What-ifs dropped");
    assert_eq!(total(&s), before);
    s.send("q");
    let status = s.exit();
    assert!(
        status.success(),
        "nothing to save, so no question: {status:?}"
    );
    s.assert_restored();
    assert!(
        std::fs::read_to_string(&file)
            .expect("the file")
            .contains("name: shop"),
        "what-ifs never touch the file"
    );
}

#[test]
fn a_killed_session_resumes_with_its_file() {
    let dir = tempfile::tempdir().expect("a scratch directory");
    let file = shop(dir.path());
    let mut s = start(dir.path(), &["tui", "shop.yaml"]);
    s.wait_for("runner-up");
    // Rename the system in the interview, then the process dies.
    s.send("\x1b");
    s.wait_for("Step 1/10");
    s.send("\r");
    s.send(&"\x7f".repeat(10));
    s.send("boutique\r");
    s.wait_for("shop.yaml ●");
    s.signal("-9");

    let mut s = start(dir.path(), &["tui", "shop.yaml"]);
    s.wait_for("Unsaved edits of");
    s.send("y");
    s.wait_for("Resumed the unfinished session");
    s.wait_for("shop.yaml ●");
    // `w` writes the file it was editing, without asking for a name.
    s.send("w");
    s.wait_for("Wrote ");
    let saved = std::fs::read_to_string(&file).expect("the file");
    assert!(saved.contains("name: boutique"), "{saved}");
    // A terminal closed on it (SIGTERM) gives the terminal back and keeps the work.
    s.send("\x1b");
    s.send("\r");
    s.send(&"\x7f".repeat(10));
    s.send("atelier\r");
    s.wait_for("shop.yaml ●");
    s.signal("-TERM");
    s.assert_restored();
    let kept = std::fs::read_to_string(dir.path().join("state/autosave.yaml")).expect("autosave");
    assert!(kept.contains("atelier"), "{kept}");
}

#[test]
fn the_palette_runs_an_action_by_name() {
    let dir = tempfile::tempdir().expect("a scratch directory");
    shop(dir.path());
    let mut s = start(dir.path(), &["shop.yaml"]);
    s.wait_for("runner-up");
    s.send(":");
    s.wait_for("Command palette");
    s.send("exp");
    s.wait_for("export report, ADR, graph");
    s.send("\r");
    s.wait_for("Export · Enter names the file");
    s.send("\x1b");
    s.send("q");
    s.exit();
    s.assert_restored();
}

#[test]
fn a_practice_round_in_a_real_terminal() {
    let dir = tempfile::tempdir().expect("a scratch directory");
    let mut s = start(dir.path(), &[]);
    s.wait_for("Practice an interview round");
    s.send("\x1b[B"); // down to the practice entry
    s.send("\r");
    s.wait_for("1 Read");
    s.send("\r");
    s.wait_for("Before placing anything, estimate");
    s.send("10");
    s.send("\t");
    s.wait_for("Where it runs");
    s.send(" ");
    s.send("c");
    s.wait_for("you 10");
    s.send("\r");
    // A twist when the scenario has one, then the rubric.
    let start = Instant::now();
    while !s.contents().contains("points") {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{}",
            s.contents()
        );
        if s.contents().contains("The requirement changed") {
            s.send(" ");
            s.send("c");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    s.wait_for("estimation");
    s.send("\r");
    s.wait_for("New workload");
    s.send("q");
    let status = s.exit();
    assert!(status.success(), "{status:?}");
    s.assert_restored();
    let kept = std::fs::read_to_string(dir.path().join("state/practice.jsonl")).expect("kept");
    assert_eq!(kept.lines().count(), 1, "{kept}");
}
