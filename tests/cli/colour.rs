//! Colour in the command line's text: on a terminal the recommended placement and the
//! cheapest marker are bold green, excluded alternatives dim, warnings yellow; a pipe, a
//! file (`-o`), `--no-color` and `NO_COLOR` get plain text.

use std::io::Read;

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

use crate::support::Dir;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// `archway ARGS` in a 200×400 pseudo-terminal, NO_COLOR set to `no_color`: its bytes as
/// the terminal got them, and the screen they draw.
fn in_a_terminal(args: &[&str], no_color: Option<&str>, dir: &Dir) -> (Vec<u8>, vt100::Parser) {
    let (rows, cols) = (400, 200);
    let pair = native_pty_system()
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_archway"));
    cmd.args(args);
    cmd.cwd(dir.path());
    cmd.env("TERM", "xterm-256color");
    cmd.env("ARCHWAY_STATE_DIR", dir.path().join("state"));
    match no_color {
        Some(v) => cmd.env("NO_COLOR", v),
        None => cmd.env_remove("NO_COLOR"),
    }
    let mut child = pair.slave.spawn_command(cmd).expect("archway starts");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("a reader");
    let reading = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let mut buf = [0u8; 4096];
        // The terminal reports an error (EIO) once the program has exited and closed it.
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            bytes.extend_from_slice(&buf[..n]);
        }
        bytes
    });
    child.wait().expect("archway exits");
    drop(pair.master);
    let bytes = reading.join().expect("the output");
    let mut screen = vt100::Parser::new(rows, cols, 0);
    screen.process(&bytes);
    (bytes, screen)
}

/// The first cell of the first `text` on the screen.
fn cell_of(screen: &vt100::Screen, text: &str) -> vt100::Cell {
    let (rows, _) = screen.size();
    for row in 0..rows {
        let line = screen.contents_between(row, 0, row, 200);
        if let Some(at) = line.find(text) {
            let col = line[..at].chars().count() as u16;
            return screen.cell(row, col).expect("a cell").clone();
        }
    }
    panic!("no {text:?} on the screen:\n{}", screen.contents());
}

fn has_escapes(bytes: &[u8]) -> bool {
    bytes.contains(&0x1b)
}

#[test]
fn a_terminal_shows_the_placement_and_the_cheapest_in_colour() {
    let d = Dir::new();
    let w = format!("{ROOT}/workloads/cron-report.yaml");
    let (bytes, p) = in_a_terminal(&["cost", &w], None, &d);
    assert!(has_escapes(&bytes), "no colour on a terminal");
    let s = p.screen();
    let cheapest = cell_of(s, "◀ cheapest");
    assert!(cheapest.bold(), "the cheapest marker is bold");
    assert_eq!(cheapest.fgcolor(), vt100::Color::Idx(2), "and green");
    assert!(
        cell_of(s, "gpu-instance").dim(),
        "what cannot be priced is dim"
    );

    let (_, p) = in_a_terminal(&["evaluate", &w], None, &d);
    let s = p.screen();
    let placed = cell_of(s, "lambda  $0.00");
    assert!(placed.bold() && placed.fgcolor() == vt100::Color::Idx(2));
    assert!(
        cell_of(s, "lambda-edge ").dim(),
        "an excluded alternative is dim"
    );
    assert!(!cell_of(s, "why:").bold(), "the rest is plain");
}

#[test]
fn no_color_a_flag_or_a_file_mean_no_escape_codes() {
    let d = Dir::new();
    let w = format!("{ROOT}/workloads/cron-report.yaml");
    for args in [vec!["cost", w.as_str()], vec!["evaluate", w.as_str()]] {
        let (bytes, p) = in_a_terminal(&args, Some("1"), &d);
        assert!(!has_escapes(&bytes), "{args:?} with NO_COLOR=1");
        assert!(p.screen().contents().contains("cron-report"));
        let mut flagged = vec!["--no-color"];
        flagged.extend(&args);
        let (bytes, _) = in_a_terminal(&flagged, None, &d);
        assert!(!has_escapes(&bytes), "{flagged:?}");
        // NO_COLOR set but empty does not count.
        let (bytes, _) = in_a_terminal(&args, Some(""), &d);
        assert!(has_escapes(&bytes), "{args:?} with NO_COLOR empty");
        let mut to_file = args.clone();
        to_file.extend(["-o", "out.txt", "--force"]);
        let (_, _) = in_a_terminal(&to_file, None, &d);
        let file = std::fs::read(d.path().join("out.txt")).unwrap();
        assert!(!has_escapes(&file), "{to_file:?} wrote colour to a file");
    }
}

#[test]
fn a_pipe_gets_plain_text_without_no_color() {
    let w = format!("{ROOT}/workloads/cron-report.yaml");
    for args in [
        vec!["cost", w.as_str()],
        vec!["evaluate", w.as_str()],
        vec!["rules", "check"],
    ] {
        let out = assert_cmd::cargo::cargo_bin_cmd!("archway")
            .env_remove("NO_COLOR")
            .args(&args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        assert!(!has_escapes(&out.stdout), "{args:?} coloured a pipe");
    }
}
