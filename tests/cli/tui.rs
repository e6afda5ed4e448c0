//! The real binary in a pseudo-terminal: answer the interview for a two-component
//! workload, read the recommendation off the screen, export the report, quit, and check
//! that the terminal was given back as it was found.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Session {
    screen: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
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
}

#[test]
fn interview_recommend_export_quit_in_a_real_terminal() {
    let dir = tempfile::tempdir().expect("a scratch directory");
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
    cmd.cwd(dir.path());
    cmd.env("ARCHWAY_STATE_DIR", dir.path().join("state"));
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    let mut child = pair.slave.spawn_command(cmd).expect("archway starts");
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
    let mut s = Session {
        screen,
        writer: pair.master.take_writer().expect("a writer"),
    };

    s.wait_for("New workload");
    s.send("\r");
    s.wait_for("Step 1/9");
    // A second component: a queue worker.
    s.send("a");
    s.wait_for("component-2");
    s.send(&"\x7f".repeat(20));
    s.send("resizer\r");
    s.wait_for("resizer");
    // The recommendation, read off the screen.
    s.send("r");
    s.wait_for("runner-up");
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

    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().expect("wait") {
            break st;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "archway did not exit"
        );
        std::thread::sleep(Duration::from_millis(30));
    };
    assert!(status.success(), "exit status {status:?}");
    std::thread::sleep(Duration::from_millis(200));
    {
        let p = s.screen.lock().expect("screen");
        let t = p.screen();
        assert!(!t.alternate_screen(), "left the alternate screen");
        assert!(!t.hide_cursor(), "cursor shown again");
        assert_eq!(
            t.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse released"
        );
    }
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
