//! What the TUI keeps between runs, in the user's state directory: the unfinished
//! session (written atomically on every change) and the recently used files.
//!
//! The directory is `$ARCHWAY_STATE_DIR` when set, else the platform's state directory
//! (`~/.local/state/archway` on Linux).

use std::io::Write;
use std::path::{Path, PathBuf};

use etcetera::BaseStrategy;

const AUTOSAVE: &str = "autosave.yaml";
const RECENT: &str = "recent";
const KEEP: usize = 8;

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

    pub fn autosave(&self, yaml: &str) -> std::io::Result<()> {
        let Some(dir) = &self.dir else { return Ok(()) };
        std::fs::create_dir_all(dir)?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
        tmp.write_all(yaml.as_bytes())?;
        tmp.persist(dir.join(AUTOSAVE)).map_err(|e| e.error)?;
        Ok(())
    }

    /// The session ended cleanly (saved or discarded on purpose).
    pub fn clear_autosave(&self) {
        if let Some(p) = self.file(AUTOSAVE) {
            let _ = std::fs::remove_file(p);
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
        let _ = std::fs::create_dir_all(dir).and_then(|()| {
            let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
            tmp.write_all(text.as_bytes())?;
            tmp.persist(dir.join(RECENT)).map_err(|e| e.error)?;
            Ok(())
        });
    }
}
