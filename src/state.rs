//! What archway keeps between runs, in the user's state directory: the TUI's unfinished
//! session (written atomically on every change), the recently used files, and the
//! practice rounds played.
//!
//! The directory is `$ARCHWAY_STATE_DIR` when set, else the platform's state directory
//! (`~/.local/state/archway` on Linux).

use std::path::{Path, PathBuf};

use etcetera::BaseStrategy;

const AUTOSAVE: &str = "autosave.yaml";
/// The file the unfinished session was editing, beside the autosave.
const AUTOSAVE_OF: &str = "autosave.path";
const RECENT: &str = "recent";
const KEEP: usize = 8;
/// Practice rounds, one JSON object a line.
const PRACTICE: &str = "practice.jsonl";

#[derive(Debug, Clone, Default)]
pub struct Store {
    dir: Option<PathBuf>,
}

impl Store {
    /// Nowhere: nothing is kept (tests, or no home directory).
    pub fn none() -> Store {
        Store { dir: None }
    }

    pub fn at(dir: PathBuf) -> Store {
        Store { dir: Some(dir) }
    }

    /// The user's state directory.
    pub fn user() -> Store {
        if let Some(d) = std::env::var_os("ARCHWAY_STATE_DIR").filter(|d| !d.is_empty()) {
            return Store::at(PathBuf::from(d));
        }
        match etcetera::choose_base_strategy() {
            Ok(s) => Store::at(
                s.state_dir()
                    .unwrap_or_else(|| s.data_dir())
                    .join("archway"),
            ),
            Err(_) => Store::none(),
        }
    }

    fn file(&self, name: &str) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join(name))
    }

    /// The unfinished session, if one was left behind.
    pub fn autosave_exists(&self) -> Option<PathBuf> {
        self.file(AUTOSAVE).filter(|p| p.is_file())
    }

    /// The file the unfinished session was editing, if it had one.
    pub fn autosave_of(&self) -> Option<PathBuf> {
        self.autosave_exists()?;
        let p = self.file(AUTOSAVE_OF)?;
        let text = std::fs::read_to_string(p).ok()?;
        let line = text.lines().next()?.trim();
        (!line.is_empty()).then(|| PathBuf::from(line))
    }

    /// The unfinished session: its text and the file it was editing.
    pub fn resume(&self) -> std::io::Result<(String, Option<PathBuf>)> {
        let p = self
            .autosave_exists()
            .ok_or_else(|| std::io::Error::other("no unfinished session"))?;
        Ok((std::fs::read_to_string(p)?, self.autosave_of()))
    }

    /// Keeps the draft (and the file it belongs to), written atomically.
    pub fn autosave(&self, yaml: &str, of: Option<&Path>) -> std::io::Result<()> {
        let Some(dir) = &self.dir else { return Ok(()) };
        std::fs::create_dir_all(dir)?;
        let of = of
            .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf()))
            .map(|p| format!("{}\n", p.display()))
            .unwrap_or_default();
        for (name, text) in [(AUTOSAVE_OF, of.as_str()), (AUTOSAVE, yaml)] {
            keep(&dir.join(name), text)?;
        }
        Ok(())
    }

    /// The session ended cleanly (saved or discarded on purpose).
    pub fn clear_autosave(&self) {
        for name in [AUTOSAVE, AUTOSAVE_OF] {
            if let Some(p) = self.file(name) {
                let _ = std::fs::remove_file(p);
            }
        }
    }

    /// Recently opened or saved files that still exist, newest first.
    pub fn recent(&self) -> Vec<PathBuf> {
        let Some(p) = self.file(RECENT) else {
            return Vec::new();
        };
        std::fs::read_to_string(p)
            .unwrap_or_default()
            .lines()
            .map(PathBuf::from)
            .filter(|p| p.is_file())
            .take(KEEP)
            .collect()
    }

    pub fn remember(&self, path: &Path) {
        let Some(dir) = &self.dir else { return };
        let full = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let mut list = vec![full.clone()];
        list.extend(self.recent().into_iter().filter(|p| *p != full));
        list.truncate(KEEP);
        let text: String = list.iter().map(|p| format!("{}\n", p.display())).collect();
        let _ = std::fs::create_dir_all(dir).and_then(|()| keep(&dir.join(RECENT), &text));
    }

    /// The practice rounds played, one JSON object each, oldest first.
    pub fn practice_rounds(&self) -> Vec<String> {
        self.file(PRACTICE)
            .and_then(|p| std::fs::read_to_string(p).ok())
            .map(|t| t.lines().map(str::to_string).collect())
            .unwrap_or_default()
    }

    /// Keeps a practice round (a line of JSON), appending atomically: the file is
    /// rewritten through a temporary file, so a crash never leaves half a line.
    pub fn record_practice(&self, line: &str) -> std::io::Result<()> {
        let Some(dir) = &self.dir else { return Ok(()) };
        std::fs::create_dir_all(dir)?;
        let mut text = self.practice_rounds().join("\n");
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(line.trim_end());
        text.push('\n');
        keep(&dir.join(PRACTICE), &text)
    }
}

/// Replaces a state file atomically, through the one writer archway has.
fn keep(path: &Path, text: &str) -> std::io::Result<()> {
    crate::present::write_file(path, text.as_bytes(), true)
        .map_err(|e| std::io::Error::other(e.to_string()))
}
