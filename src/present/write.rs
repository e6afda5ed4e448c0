//! The one way archway writes a file: atomically, never replacing what it should not.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::Failure;
use crate::input::InputError;

/// Writes a file atomically (a temporary file in the same directory, then renamed), and
/// refuses to replace an existing file unless `force`.
///
/// Only regular files are replaced, keeping their permissions (a new file gets the
/// umask's). A terminal, `/dev/null` or a named pipe is written to, not replaced; a
/// symbolic link, a directory, a disk or a socket is refused.
pub fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<(), Failure> {
    let mut f = AtomicFile::create(path, force)?;
    f.write_all(bytes).map_err(|e| f.failure(e))?;
    f.commit()
}

/// A file being written: everything goes to a temporary file beside it, which
/// [`commit`](AtomicFile::commit) puts in place (dropped without a commit, it leaves
/// nothing behind). A device or a named pipe is written through as the bytes come.
pub struct AtomicFile {
    path: PathBuf,
    force: bool,
    to: To,
    written: u64,
    /// A write failed: what is in the temporary file is not the document.
    broken: bool,
}

enum To {
    Temp(tempfile::NamedTempFile),
    Through(std::fs::File),
}

impl AtomicFile {
    /// Checks `path` as [`write_file`] does and opens its temporary file (or the device),
    /// so a refusal comes before any work.
    pub fn create(path: &Path, force: bool) -> Result<AtomicFile, Failure> {
        let name = path.display().to_string();
        let refuse = |why: &str| Failure::Input(InputError::file(&name, why.to_string()));
        let existing = match std::fs::symlink_metadata(path) {
            Ok(m) => Some(m),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(Failure::Run(format!("{name}: {e}"))),
        };
        let file = |to| AtomicFile {
            path: path.to_path_buf(),
            force,
            to,
            written: 0,
            broken: false,
        };
        if let Some(m) = &existing {
            let t = m.file_type();
            if t.is_symlink() {
                return Err(refuse(
                    "is a symbolic link; archway writes regular files only: name the file it points to, or remove the link",
                ));
            }
            if t.is_dir() {
                return Err(refuse("is a directory; expected a file name"));
            }
            if let Some(target) = stream(&t) {
                let f =
                    open_through(path, target).map_err(|e| Failure::Run(format!("{name}: {e}")))?;
                return Ok(file(To::Through(f)));
            }
            if !t.is_file() {
                return Err(refuse(
                    "is not a regular file (a disk or a socket); archway writes regular files only",
                ));
            }
            if !force {
                return Err(refuse("already exists; use --force to overwrite it"));
            }
        }
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let mut builder = tempfile::Builder::new();
        // A replaced file keeps its permissions; a new one gets what the umask allows.
        let permissions = match &existing {
            Some(m) => Some(m.permissions()),
            None => new_file_permissions(),
        };
        if let Some(p) = permissions {
            builder.permissions(p);
        }
        let tmp = builder.tempfile_in(dir).map_err(|e| {
            Failure::Run(format!(
                "{name}: cannot create a file in {}: {e}",
                dir.display()
            ))
        })?;
        Ok(file(To::Temp(tmp)))
    }

    /// How many bytes were written so far.
    pub fn written(&self) -> u64 {
        self.written
    }

    /// Whether a write failed (what was written is not the whole document).
    pub fn broken(&self) -> bool {
        self.broken
    }

    /// A failed write, named after the file.
    pub fn failure(&self, e: io::Error) -> Failure {
        Failure::Run(format!("{}: {e}", self.path.display()))
    }

    /// Puts the file in place (a device or a pipe already has its bytes).
    pub fn commit(self) -> Result<(), Failure> {
        let name = self.path.display().to_string();
        if self.broken {
            return Err(Failure::Run(format!(
                "{name}: not written, a write to it failed"
            )));
        }
        match self.to {
            To::Through(mut f) => f.flush().map_err(|e| Failure::Run(format!("{name}: {e}"))),
            To::Temp(tmp) => {
                let result = if self.force {
                    tmp.persist(&self.path).map(|_| ())
                } else {
                    tmp.persist_noclobber(&self.path).map(|_| ())
                };
                result.map_err(|e| Failure::Run(format!("{name}: {}", e.error)))
            }
        }
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = match &mut self.to {
            To::Temp(t) => t.write(buf),
            To::Through(f) => write_through(f, buf),
        };
        match &result {
            Ok(n) => self.written += *n as u64,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => self.broken = true,
        }
        result
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.to {
            To::Temp(t) => t.flush(),
            To::Through(f) => f.flush(),
        }
    }
}

/// Where output to an existing path goes through instead of replacing it.
#[derive(Clone, Copy)]
enum Stream {
    /// A terminal or `/dev/null`.
    Device,
    /// A named pipe, with a reader at the other end.
    Pipe,
}

#[cfg(unix)]
fn stream(t: &std::fs::FileType) -> Option<Stream> {
    use std::os::unix::fs::FileTypeExt;
    if t.is_char_device() {
        Some(Stream::Device)
    } else if t.is_fifo() {
        Some(Stream::Pipe)
    } else {
        None
    }
}

#[cfg(not(unix))]
fn stream(_: &std::fs::FileType) -> Option<Stream> {
    None
}

/// Read and write for all, less the umask (which the system applies on creation); a
/// temporary file alone would be readable by its owner only.
#[cfg(unix)]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o666))
}

#[cfg(not(unix))]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    None
}

/// Opens a device or a named pipe to write to as it is. A pipe is opened without waiting,
/// so one nobody reads is an error rather than a hang.
#[cfg(unix)]
fn open_through(path: &Path, target: Stream) -> io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if let Stream::Pipe = target {
        options.custom_flags(libc::O_NONBLOCK);
    }
    match options.open(path) {
        Err(e) if e.raw_os_error() == Some(libc::ENXIO) => Err(io::Error::other(
            "is a named pipe nobody is reading; start the reader first",
        )),
        other => other,
    }
}

#[cfg(not(unix))]
fn open_through(path: &Path, _: Stream) -> io::Result<std::fs::File> {
    std::fs::OpenOptions::new().write(true).open(path)
}

/// Writes to a device or a pipe, waiting while the reader has not caught up.
fn write_through(f: &mut std::fs::File, buf: &[u8]) -> io::Result<usize> {
    loop {
        match f.write(buf) {
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            other => return other,
        }
    }
}
