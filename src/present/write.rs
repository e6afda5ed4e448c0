//! The one way archway writes a file: atomically, never replacing what it should not.

use std::io::{self, Write};
use std::path::Path;

use super::Failure;
use crate::input::InputError;

/// Writes a file atomically (a temporary file in the same directory, then renamed), and
/// refuses to replace an existing file unless `force`.
///
/// Only regular files are replaced, keeping their permissions (a new file gets the
/// umask's). A terminal, `/dev/null` or a named pipe is written to, not replaced; a
/// symbolic link, a directory, a disk or a socket is refused.
pub fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<(), Failure> {
    let name = path.display().to_string();
    let refuse = |why: &str| Failure::Input(InputError::file(&name, why.to_string()));
    let existing = match std::fs::symlink_metadata(path) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(Failure::Run(format!("{name}: {e}"))),
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
            return write_through(path, bytes, target)
                .map_err(|e| Failure::Run(format!("{name}: {e}")));
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
    let mut tmp = builder.tempfile_in(dir).map_err(|e| {
        Failure::Run(format!(
            "{name}: cannot create a file in {}: {e}",
            dir.display()
        ))
    })?;
    tmp.write_all(bytes)
        .map_err(|e| Failure::Run(format!("{name}: {e}")))?;
    let result = if force {
        tmp.persist(path).map(|_| ())
    } else {
        tmp.persist_noclobber(path).map(|_| ())
    };
    result.map_err(|e| Failure::Run(format!("{name}: {}", e.error)))
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

/// Writes to a device or a named pipe as it is. A pipe is opened without waiting, so one
/// nobody reads is an error rather than a hang.
#[cfg(unix)]
fn write_through(path: &Path, bytes: &[u8], target: Stream) -> io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if let Stream::Pipe = target {
        options.custom_flags(libc::O_NONBLOCK);
    }
    let mut f = match options.open(path) {
        Err(e) if e.raw_os_error() == Some(libc::ENXIO) => {
            return Err(io::Error::other(
                "is a named pipe nobody is reading; start the reader first",
            ));
        }
        other => other?,
    };
    let mut rest = bytes;
    while !rest.is_empty() {
        match f.write(rest) {
            Ok(0) => return Err(io::Error::from(io::ErrorKind::WriteZero)),
            Ok(n) => rest = &rest[n..],
            // The reader has not caught up.
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

#[cfg(not(unix))]
fn write_through(path: &Path, bytes: &[u8], _: Stream) -> io::Result<()> {
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)?
        .write_all(bytes)
}
