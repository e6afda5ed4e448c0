//! The workload being edited: the document (a YAML value, so a file opened here keeps
//! every key it had), the file it belongs to, whether it is saved, its edit history for
//! undo and redo, and the what-ifs layered over it.

use std::path::PathBuf;

use serde_yaml::Value;

use super::fields;
use super::whatif::Layer;

/// Edits remembered for undo.
const HISTORY: usize = 200;

#[derive(Debug, Clone)]
pub struct Draft {
    pub doc: Value,
    pub path: Option<PathBuf>,
    pub dirty: bool,
    undo: Vec<Value>,
    redo: Vec<Value>,
    pub whatifs: Layer,
}

impl Draft {
    pub fn new(doc: Value, path: Option<PathBuf>) -> Draft {
        Draft {
            doc,
            path,
            dirty: false,
            undo: Vec::new(),
            redo: Vec::new(),
            whatifs: Layer::default(),
        }
    }

    /// Remembers the document before an edit.
    pub fn before_edit(&mut self) {
        self.undo.push(self.doc.clone());
        if self.undo.len() > HISTORY {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// Takes back the last edit; false when there is none.
    pub fn undo(&mut self) -> bool {
        match self.undo.pop() {
            Some(prev) => {
                self.redo.push(std::mem::replace(&mut self.doc, prev));
                self.dirty = true;
                true
            }
            None => false,
        }
    }

    pub fn redo(&mut self) -> bool {
        match self.redo.pop() {
            Some(next) => {
                self.undo.push(std::mem::replace(&mut self.doc, next));
                self.dirty = true;
                true
            }
            None => false,
        }
    }

    pub fn yaml(&self) -> String {
        fields::to_yaml(&self.doc)
    }

    pub fn names(&self) -> Vec<String> {
        fields::names(&self.doc)
    }

    /// The file's name for messages, or "unsaved".
    pub fn label(&self) -> String {
        match &self.path {
            Some(p) => p.display().to_string(),
            None => "unsaved".into(),
        }
    }

    /// The system's name as a file stem: `order-platform`.
    pub fn stem(&self) -> String {
        let name = self
            .doc
            .get("name")
            .map(fields::show)
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| "workload".into());
        name.chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '-'
                }
            })
            .collect()
    }

    /// A file beside the open workload (or in the working directory), named after the
    /// system: `beside("-adr.md")`.
    pub fn beside(&self, suffix: &str) -> PathBuf {
        let name = format!("{}{suffix}", self.stem());
        match self.path.as_ref().and_then(|p| p.parent()) {
            Some(dir) if !dir.as_os_str().is_empty() => dir.join(name),
            _ => PathBuf::from(name),
        }
    }
}
