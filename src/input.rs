//! Reading YAML input files: exact decimals, errors that name file, line and column,
//! and did-you-mean suggestions for misspelt keys and values.
//!
//! Loading happens in two stages, as DESIGN.md asks: serde deserializes raw structs
//! (`deny_unknown_fields`, so unknown keys and wrong types are caught with their
//! position), then a validation pass checks ranges and references. Validation reports
//! a path (`components[2].memory_mb`); [`locate`] turns that path into a line and
//! column by replaying the document.

use std::fmt;
use std::path::Path;

pub mod embedded;

use rust_decimal::Decimal;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A problem in an input file, with its position when one is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{}:{}:{}: {}", self.file, l, c, self.message),
            (Some(l), None) => write!(f, "{}:{}: {}", self.file, l, self.message),
            _ => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// One or more problems found in input files; loading reports all it can find at once.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct InputError(pub Vec<Diagnostic>);

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl InputError {
    /// An error about a whole file (unreadable, empty, not text).
    pub fn file(file: &str, message: impl Into<String>) -> Self {
        InputError(vec![Diagnostic {
            file: file.to_string(),
            line: None,
            column: None,
            message: message.into(),
        }])
    }
}

/// A step in a path into a YAML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// A key: most are the format's own field names, held without a copy.
    Key(std::borrow::Cow<'static, str>),
    Index(usize),
}

/// A path into a YAML document, shown as `components[2].traffic.peak_rps`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YamlPath(pub Vec<Seg>);

impl YamlPath {
    pub fn key(&self, k: impl Into<std::borrow::Cow<'static, str>>) -> YamlPath {
        let mut p = self.clone();
        p.0.push(Seg::Key(k.into()));
        p
    }
    pub fn index(&self, i: usize) -> YamlPath {
        let mut p = self.clone();
        p.0.push(Seg::Index(i));
        p
    }
}

impl fmt::Display for YamlPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, s) in self.0.iter().enumerate() {
            match s {
                Seg::Key(k) if i == 0 => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// A validation finding before it is given a position.
#[derive(Debug, Clone)]
pub struct Finding {
    pub path: YamlPath,
    pub message: String,
}

/// Collects validation findings, then resolves them to positions in the source.
#[derive(Debug, Default)]
pub struct Findings(pub Vec<Finding>);

impl Findings {
    pub fn push(&mut self, path: &YamlPath, message: impl Into<String>) {
        self.0.push(Finding {
            path: path.clone(),
            message: message.into(),
        });
    }

    /// Turns the findings into an error naming line and column, or `Ok` if there are none.
    ///
    /// The first [`MAX_REPORTED`] findings are located and shown; the rest are counted, so
    /// a file with ten thousand mistakes is reported in the time it takes to read it.
    pub fn into_result(self, file: &str, src: &str) -> Result<(), InputError> {
        if self.0.is_empty() {
            return Ok(());
        }
        let more = self.0.len().saturating_sub(MAX_REPORTED);
        let mut diags: Vec<Diagnostic> = self
            .0
            .into_iter()
            .take(MAX_REPORTED)
            .map(|f| {
                let pos = locate(src, &f.path);
                Diagnostic {
                    file: file.to_string(),
                    line: pos.map(|p| p.0),
                    column: pos.map(|p| p.1),
                    message: format!("{}: {}", f.path, f.message),
                }
            })
            .collect();
        // Report in reading order: line, then column; unplaced findings last.
        diags.sort_by_key(|d| (d.line.is_none(), d.line, d.column));
        if more > 0 {
            diags.push(Diagnostic {
                file: file.to_string(),
                line: None,
                column: None,
                message: format!(
                    "and {more} more problem{} like these (the first {MAX_REPORTED} are shown)",
                    if more == 1 { "" } else { "s" }
                ),
            });
        }
        Err(InputError(diags))
    }
}

/// Problems shown for one file; the rest are counted.
pub const MAX_REPORTED: usize = 50;

const PROBE: &str = "\u{1}archway-probe";

/// Finds the line and column (1-based) of the node at `path` in a YAML document.
///
/// It replays the document through a deserializer that walks to the node and fails
/// there on purpose; the YAML deserializer attaches the node's position to that error.
pub fn locate(src: &str, path: &YamlPath) -> Option<(usize, usize)> {
    let de = serde_yaml::Deserializer::from_str(src);
    match (Probe { path: &path.0 }).deserialize(de) {
        Ok(()) => None,
        Err(e) if e.to_string().contains(PROBE) => e.location().map(|l| (l.line(), l.column())),
        Err(_) => None,
    }
}

struct Probe<'a> {
    path: &'a [Seg],
}

impl<'de> DeserializeSeed<'de> for Probe<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Probe<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(PROBE)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some((Seg::Key(want), rest)) = self.path.split_first() else {
            return Err(de::Error::custom(PROBE));
        };
        while let Some(key) = map.next_key::<serde_yaml::Value>()? {
            if key.as_str() == Some(want.as_ref()) {
                return map.next_value_seed(Probe { path: rest });
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Some((Seg::Index(want), rest)) = self.path.split_first() else {
            return Err(de::Error::custom(PROBE));
        };
        for _ in 0..*want {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
        }
        seq.next_element_seed(Probe { path: rest })?;
        Ok(())
    }
}

/// [`parse_yaml`], except that the text of an embedded rule or pricing file is built
/// from the events read at build time (`build.rs`) instead of being scanned again.
pub fn parse_rules_yaml<T: de::DeserializeOwned>(file: &str, src: &str) -> Result<T, InputError> {
    if let Some(events) = embedded::events_for(src)
        && let Ok(value) = embedded::replay(events)
    {
        return Ok(value);
    }
    parse_yaml(file, src)
}

/// Parses a YAML document into `T`, turning serde's errors into diagnostics with
/// position and, for a misspelt key or value, the nearest valid name.
///
/// Before `T` is built the document is measured: nesting deeper than [`MAX_DEPTH`] and
/// aliases that expand it far past its own size (see [`Budget`]) are refused, so a small
/// file cannot take minutes or gigabytes to load.
pub fn parse_yaml<T: de::DeserializeOwned>(file: &str, src: &str) -> Result<T, InputError> {
    let blank = src
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
    if blank {
        return Err(InputError::file(
            file,
            "the file is empty (nothing but blank lines and comments); expected a YAML mapping",
        ));
    }
    let at = |file: &str, (line, column): (usize, usize), message: String| {
        InputError(vec![Diagnostic {
            file: file.to_string(),
            line: Some(line),
            column: Some(column),
            message,
        }])
    };
    // Flow collections nested less than half the limit need no second look.
    let shallow_flow = flow_too_deep(src, MAX_DEPTH / 2).is_none();
    if !shallow_flow && let Some(pos) = flow_too_deep(src, MAX_DEPTH) {
        return Err(at(file, pos, too_deep()));
    }
    let mut budget = Budget::for_text(src);
    if may_exceed(src, shallow_flow)
        && let Err(e) = (&mut budget).deserialize(serde_yaml::Deserializer::from_str(src))
    {
        let msg = e.to_string();
        let pos = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((1, 1));
        // yaml_serde's own limit on alias jumps is an expansion limit too.
        if msg.contains(OVER_BUDGET) || msg.starts_with("repetition limit exceeded") {
            return Err(at(file, pos, budget.exceeded()));
        }
        if msg.contains(TOO_DEEP) || msg.starts_with("recursion limit exceeded") {
            return Err(at(file, pos, too_deep()));
        }
        // Anything else is reported by the typed parse below, in its own words.
    }
    serde_yaml::from_str(src).map_err(|e| {
        let loc = e.location();
        // serde quotes the value it refused: a megabyte of it is no help.
        let mut message = friendly(&e.to_string());
        if let Some((i, _)) = message.char_indices().nth(400) {
            message.truncate(i);
            message.push('…');
        }
        let line_text = loc
            .as_ref()
            .and_then(|l| src.lines().nth(l.line().saturating_sub(1)));
        if line_text.is_some_and(|t| {
            t.trim_end().starts_with(|c: char| c.is_whitespace()) && t.contains('\t')
        }) {
            message = "a tab indents this line: YAML indents with spaces only".to_string();
        }
        InputError(vec![Diagnostic {
            file: file.to_string(),
            line: loc.as_ref().map(|l| l.line()),
            column: loc.as_ref().map(|l| l.column()),
            message,
        }])
    })
}

/// Lists and mappings nested deeper than this are refused; archway's files need five.
pub const MAX_DEPTH: usize = 100;
/// What aliases may add to a document beyond its own size: this many nodes (scalars,
/// lists, mappings) and as much text again as the file holds plus this many bytes.
pub const ALIAS_NODES: u64 = 1_000_000;
pub const ALIAS_BYTES: u64 = 1024 * 1024;

fn too_deep() -> String {
    format!(
        "lists and mappings are nested more than {MAX_DEPTH} levels deep here; archway's files need a few levels"
    )
}

const OVER_BUDGET: &str = "\u{1}archway-over-budget";
const TOO_DEEP: &str = "\u{1}archway-too-deep";

/// Counts the nodes and scalar bytes of a document as its aliases expand, failing as soon
/// as either passes its limit; stores nothing, so it runs in the memory of the parse.
///
/// Without aliases a document cannot reach the limits (a node takes at least a byte of
/// the file); with them it may grow by [`ALIAS_NODES`] nodes and by its own size plus
/// [`ALIAS_BYTES`] of text: anchors for shared settings fit, a billion laughs does not.
struct Budget {
    nodes: u64,
    bytes: u64,
    max_nodes: u64,
    max_bytes: u64,
    depth: usize,
}

impl Budget {
    fn for_text(src: &str) -> Budget {
        let len = src.len() as u64;
        Budget {
            nodes: 0,
            bytes: 0,
            max_nodes: len.saturating_add(ALIAS_NODES),
            max_bytes: len.saturating_mul(2).saturating_add(ALIAS_BYTES),
            depth: 0,
        }
    }

    fn exceeded(&self) -> String {
        format!(
            "aliases (`*name`) expand this document far beyond its size (past {} values or {} MB of text); write the repeated values out or use fewer aliases",
            crate::cost::qty(rust_decimal::Decimal::from(self.max_nodes)),
            self.max_bytes / (1024 * 1024)
        )
    }

    fn take<E: de::Error>(&mut self, bytes: usize) -> Result<(), E> {
        self.nodes += 1;
        self.bytes = self.bytes.saturating_add(bytes as u64);
        if self.nodes > self.max_nodes || self.bytes > self.max_bytes {
            return Err(E::custom(OVER_BUDGET));
        }
        Ok(())
    }

    fn nested<E: de::Error>(&mut self) -> Result<(), E> {
        self.take::<E>(0)?;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(E::custom(TOO_DEEP));
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for &mut Budget {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for &mut Budget {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.take(1)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.take(8)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.take(8)
    }
    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        self.take(16)
    }
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        self.take(16)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.take(8)
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<(), E> {
        self.take(s.len())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.take(0)
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.take(0)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.nested::<A::Error>()?;
        while seq.next_element_seed(&mut *self)?.is_some() {}
        self.depth -= 1;
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.nested::<A::Error>()?;
        while map.next_key_seed(&mut *self)?.is_some() {
            map.next_value_seed(&mut *self)?;
        }
        self.depth -= 1;
        Ok(())
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        // A tagged value (`!tag value`): the tag, then the value.
        let ((), variant) = data.variant_seed(&mut *self)?;
        de::VariantAccess::newtype_variant_seed(variant, self)
    }
}

/// Where flow lists and mappings (`[`, `{`) first nest deeper than `limit`, if they do.
///
/// The YAML parser takes time quadratic in this depth, so it is measured on the text
/// before parsing: brackets count where YAML reads them as structure, not inside quoted
/// scalars or comments.
/// Whether the document could break the budget: it may hold an alias (a `*` anywhere), or
/// nest near [`MAX_DEPTH`]. A block collection nested in another starts at a further
/// column, so a document whose lines all start their content (after indentation, `- ` and
/// `? `) before column `MAX_DEPTH / 2`, and whose flow collections nest less than
/// `MAX_DEPTH / 2` deep, nests less than `MAX_DEPTH` in all. Most files pass this test
/// and are parsed once, not twice.
fn may_exceed(src: &str, shallow_flow: bool) -> bool {
    let half = MAX_DEPTH / 2;
    src.contains('*')
        || src.lines().any(|line| {
            let mut col = 0;
            let b = line.as_bytes();
            while col < b.len()
                && (b[col] == b' '
                    || b[col] == b'\t'
                    || ((b[col] == b'-' || b[col] == b'?')
                        && b.get(col + 1).is_none_or(|c| *c == b' ' || *c == b'\t')))
            {
                col += 1;
            }
            col >= half
        })
        || !shallow_flow
}

fn flow_too_deep(src: &str, limit: usize) -> Option<(usize, usize)> {
    // Depth only grows at an opening bracket: a file with no more of them than the limit
    // cannot pass it (most files, read without the scan below).
    if src.bytes().filter(|b| matches!(b, b'[' | b'{')).count() <= limit {
        return None;
    }
    let mut depth = 0usize;
    // Inside a quoted scalar: its quote character.
    let mut quote: Option<char> = None;
    for (ln, line) in src.lines().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        // Where a token may start: after indentation or an indicator, not inside a word.
        let mut token_start = quote.is_none();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if let Some(q) = quote {
                if c == '\\' && q == '"' {
                    i += 2;
                    continue;
                }
                if c == q {
                    if q == '\'' && chars.get(i + 1) == Some(&'\'') {
                        i += 2;
                        continue;
                    }
                    quote = None;
                    token_start = false;
                }
                i += 1;
                continue;
            }
            match c {
                '#' if i == 0 || chars[i - 1].is_whitespace() => break,
                '[' | '{' => {
                    depth += 1;
                    if depth > limit {
                        return Some((ln + 1, i + 1));
                    }
                    token_start = true;
                }
                ']' | '}' => {
                    depth = depth.saturating_sub(1);
                    token_start = false;
                }
                ',' => token_start = true,
                '"' | '\'' if token_start => quote = Some(c),
                ':' | '-' | '?' if chars.get(i + 1).is_none_or(|n| n.is_whitespace()) => {
                    token_start = true
                }
                ':' if depth > 0 => token_start = true,
                c if c.is_whitespace() => {}
                _ => token_start = false,
            }
            i += 1;
        }
    }
    None
}

/// The largest input file archway reads unless `ARCHWAY_MAX_INPUT_MB` says otherwise: a
/// workload of 10,000 components is about 1 MB, so 16 MB leaves room and still bounds the
/// memory a parse can take.
pub const DEFAULT_MAX_INPUT_MB: u64 = 16;

/// The environment variable that raises or lowers the input size limit (whole megabytes).
pub const MAX_INPUT_ENV: &str = "ARCHWAY_MAX_INPUT_MB";

/// The path that stands for standard input.
pub const STDIN: &str = "-";

/// How a file is named in messages: `<stdin>` for `-`, else its path.
pub fn display_name(path: &Path) -> String {
    if path.as_os_str() == STDIN {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// The input size limit in bytes, from `ARCHWAY_MAX_INPUT_MB` or the default.
pub fn max_input_bytes() -> Result<u64, InputError> {
    let mb = match std::env::var(MAX_INPUT_ENV) {
        Err(_) => DEFAULT_MAX_INPUT_MB,
        Ok(v) => match v.trim().parse::<u64>() {
            Ok(n) if (1..=4096).contains(&n) => n,
            _ => {
                return Err(InputError::file(
                    MAX_INPUT_ENV,
                    format!(
                        "`{v}` is not a size: expected a whole number of megabytes from 1 to 4096"
                    ),
                ));
            }
        },
    };
    Ok(mb * 1024 * 1024)
}

/// Reads a file as UTF-8 text, refusing binary content with a clear message.
///
/// `-` reads standard input. Whatever the path is, reading stops at the size limit
/// ([`max_input_bytes`]): a regular file over it is refused before it is read, and an
/// endless source (`/dev/zero`, a pipe that keeps writing) is cut off there. A named pipe
/// is opened without waiting for a writer: with none, it reads as empty.
pub fn read_text(path: &Path) -> Result<String, InputError> {
    let name = display_name(path);
    let limit = max_input_bytes()?;
    let bytes = if path.as_os_str() == STDIN {
        read_capped(std::io::stdin().lock(), limit)
    } else {
        read_path(path, limit)
    }
    .map_err(|e| match e {
        ReadError::TooLarge(size) => too_large(&name, limit, size),
        ReadError::Io(e) => InputError::file(&name, format!("cannot read: {e}")),
        ReadError::Refused(m) => InputError::file(&name, m),
    })?;
    decode(&name, bytes)
}

fn too_large(name: &str, limit: u64, size: Option<u64>) -> InputError {
    let what = match size {
        Some(n) => format!(
            "is {} bytes",
            crate::cost::qty(rust_decimal::Decimal::from(n))
        ),
        None => format!("holds more than {} MB", limit / (1024 * 1024)),
    };
    InputError::file(
        name,
        format!(
            "{what}; archway reads input files up to {} MB (set {MAX_INPUT_ENV} to change the limit)",
            limit / (1024 * 1024)
        ),
    )
}

enum ReadError {
    /// Over the limit: the file's size when it is known before reading.
    TooLarge(Option<u64>),
    Io(std::io::Error),
    Refused(String),
}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> Self {
        ReadError::Io(e)
    }
}

fn read_path(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(ReadError::Refused(
            "cannot read: it is a directory; expected a YAML file".into(),
        ));
    }
    if meta.is_file() && meta.len() > limit {
        return Err(ReadError::TooLarge(Some(meta.len())));
    }
    if is_fifo(&meta) {
        return read_fifo(path, limit);
    }
    read_capped(std::fs::File::open(path)?, limit)
}

/// Reads at most `limit` bytes; more is an error, not a truncation.
fn read_capped(r: impl std::io::Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let mut bytes = Vec::new();
    r.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(None));
    }
    Ok(bytes)
}

#[cfg(unix)]
fn is_fifo(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_fifo()
}

#[cfg(not(unix))]
fn is_fifo(_: &std::fs::Metadata) -> bool {
    false
}

/// A named pipe, opened without blocking so that a pipe nobody writes to reads as empty
/// instead of waiting forever; data from a writer is read as it comes.
#[cfg(unix)]
fn read_fifo(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::{ErrorKind, Read};
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    let mut bytes = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    loop {
        match f.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                bytes.extend_from_slice(&buf[..n]);
                if bytes.len() as u64 > limit {
                    return Err(ReadError::TooLarge(None));
                }
            }
            // A writer is there but has not written yet.
            Err(e) if e.kind() == ErrorKind::WouldBlock => {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(e.into()),
        }
    }
    if bytes.is_empty() {
        return Err(ReadError::Refused(
            "is a named pipe with nothing written to it (no writer); expected a YAML file".into(),
        ));
    }
    Ok(bytes)
}

#[cfg(not(unix))]
fn read_fifo(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    read_capped(std::fs::File::open(path)?, limit)
}

/// The bytes as text: UTF-8 without NUL bytes, a leading byte-order mark dropped.
fn decode(name: &str, bytes: Vec<u8>) -> Result<String, InputError> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(InputError::file(
            name,
            "is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8",
        ));
    }
    if let Some(at) = bytes.iter().position(|b| *b == 0) {
        return Err(InputError::file(
            name,
            format!("this is a binary file, not YAML text (a NUL byte at offset {at})"),
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        InputError::file(
            name,
            format!(
                "not UTF-8 text (invalid byte at offset {}); expected a YAML file",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    // Editors on Windows may start a file with a byte-order mark; it is not content.
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// Rewrites serde's messages in the user's terms and adds a did-you-mean suggestion.
fn friendly(msg: &str) -> String {
    // serde_yaml appends " at line L column C"; the diagnostic shows that position itself,
    // but a second one ("while parsing a flow mapping at line 2 column 10") is kept.
    let owned = strip_first_position(msg);
    let owned = internal_names(&owned);
    let msg = owned.as_str();
    for (prefix, what) in [("unknown field `", "key"), ("unknown variant `", "value")] {
        if let Some(rest) = msg.split_once(prefix).map(|(_, r)| r) {
            let Some((bad, tail)) = rest.split_once('`') else {
                continue;
            };
            let expected = expected_names(tail);
            let mut out = format!("unknown {what} `{}`", shown(bad));
            let by_meaning = meaning(bad, &expected);
            if let Some(s) =
                by_meaning.or_else(|| suggest(bad, expected.iter().map(String::as_str)))
            {
                out.push_str(&format!(", did you mean `{s}`?"));
            }
            if !expected.is_empty() {
                out.push_str(&format!(" (expected one of: {})", expected.join(", ")));
            }
            return with_path_prefix(msg, out);
        }
    }
    msg.to_string()
}

fn strip_first_position(msg: &str) -> String {
    let Some(i) = msg.find(" at line ") else {
        return msg.to_string();
    };
    let rest = &msg[i + " at line ".len()..];
    let digits = |t: &str| t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let n = digits(rest);
    let Some(after) = rest[n..].strip_prefix(" column ") else {
        return msg.to_string();
    };
    let m = digits(after);
    format!("{}{}", &msg[..i], &after[m..])
}

/// serde names the Rust types it expected ("expected struct RawWorkload"); say "a mapping".
fn internal_names(msg: &str) -> String {
    let mut out = String::new();
    let mut rest = msg;
    while let Some(i) = rest.find("struct ") {
        out.push_str(&rest[..i]);
        let tail = &rest[i + "struct ".len()..];
        let end = tail
            .find(|c: char| !c.is_alphanumeric() && c != '_')
            .unwrap_or(tail.len());
        out.push_str("a mapping of keys");
        rest = &tail[end..];
    }
    out.push_str(rest);
    out.replace("invalid type: sequence", "found a list")
        .replace("invalid type: ", "found ")
}

/// serde_yaml prefixes messages with the path ("components[0].traffic: ..."); keep it.
fn with_path_prefix(msg: &str, body: String) -> String {
    match msg.split_once(": unknown ") {
        Some((path, _)) if !path.contains(' ') => format!("{path}: {body}"),
        _ => body,
    }
}

fn expected_names(tail: &str) -> Vec<String> {
    tail.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// Words people use for a value, by the value archway spells: `kind: cron` means
/// `scheduled`, `shape: bursty` means `spiky`.
const SYNONYMS: &[(&str, &[&str])] = &[
    (
        "scheduled",
        &[
            "cron",
            "cronjob",
            "cron-job",
            "schedule",
            "timer",
            "periodic",
            "job-scheduler",
        ],
    ),
    (
        "http-api",
        &[
            "api", "rest-api", "rest", "web", "service", "endpoint", "http", "graphql", "backend",
        ],
    ),
    (
        "worker",
        &[
            "consumer",
            "queue-worker",
            "background",
            "job",
            "jobs",
            "async",
            "task",
            "queue",
        ],
    ),
    (
        "stream",
        &[
            "kinesis",
            "kafka",
            "stream-consumer",
            "events",
            "event-stream",
        ],
    ),
    (
        "websocket",
        &[
            "websockets",
            "ws",
            "socket",
            "realtime",
            "real-time",
            "socket.io",
        ],
    ),
    (
        "workflow",
        &[
            "saga",
            "orchestration",
            "state-machine",
            "step-function",
            "pipeline-orchestrator",
        ],
    ),
    ("batch", &["etl", "pipeline", "report", "export"]),
    ("ml-training", &["training", "train", "fine-tuning"]),
    (
        "ml-inference",
        &["inference", "model", "ml", "llm", "prediction"],
    ),
    (
        "static-site",
        &["static", "website", "frontend", "spa", "site", "cdn"],
    ),
    (
        "spiky",
        &["bursty", "burst", "bursts", "peaky", "campaign", "flash"],
    ),
    (
        "steady",
        &["constant", "flat", "uniform", "stable", "sustained"],
    ),
    (
        "diurnal",
        &["daily", "day-night", "business-hours", "daytime", "cyclic"],
    ),
    (
        "sporadic",
        &["rare", "occasional", "intermittent", "idle", "irregular"],
    ),
    ("timetable", &["cron", "schedule", "scheduled"]),
    (
        "rest",
        &["api-gateway", "apigateway", "apigw", "rest-api", "gateway"],
    ),
    ("http", &["http-api", "httpapi"]),
    (
        "alb",
        &[
            "load-balancer",
            "elb",
            "lb",
            "loadbalancer",
            "application-load-balancer",
        ],
    ),
    (
        "node",
        &[
            "nodejs",
            "node.js",
            "javascript",
            "js",
            "typescript",
            "ts",
            "deno",
            "bun",
        ],
    ),
    ("python", &["py", "python3", "django", "flask", "fastapi"]),
    ("go", &["golang"]),
    ("java", &["jvm", "kotlin", "scala", "spring"]),
    ("dotnet", &["csharp", "c#", ".net", "net"]),
    (
        "container",
        &["docker", "image", "oci", "ruby", "rails", "php"],
    ),
    ("x86_64", &["x86", "amd64", "intel", "x64"]),
    ("arm64", &["arm", "aarch64", "graviton"]),
    ("in-memory", &["stateful", "memory", "session"]),
    ("external", &["database", "db", "redis"]),
    ("durable-workflow", &["durable", "workflow"]),
    ("websocket", &["socket"]),
    (
        "long-lived",
        &[
            "persistent",
            "keepalive",
            "keep-alive",
            "tcp",
            "grpc-stream",
        ],
    ),
    ("inference", &["yes", "true", "gpu"]),
    (
        "reserved-1y",
        &["reserved", "ri", "savings-plan", "1y", "one-year"],
    ),
];

/// The value `bad` means, if it is a word people use for one of `expected`.
fn meaning<'a>(bad: &str, expected: &'a [String]) -> Option<&'a str> {
    let b = bad.trim().to_ascii_lowercase();
    SYNONYMS
        .iter()
        .filter(|(_, words)| words.contains(&b.as_str()))
        .find_map(|(good, _)| expected.iter().find(|e| e == good))
        .map(String::as_str)
}

/// The nearest candidate to `bad`, if one is close enough to be a likely misspelling.
pub fn suggest<'a>(bad: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(bad, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// An exact decimal read from YAML: `33.3`, `"0.0000166667"`, `2592000000` or `1e6`.
///
/// The YAML deserializer would turn `33.3` into an `f64` on the way to `Decimal`; this
/// type reads the scalar's text instead, so no digit is lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Dec(pub Decimal);

impl<'de> Deserialize<'de> for Dec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Dec;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number (like 512 or 0.25)")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Dec, E> {
                parse_decimal(s).map(Dec).map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

impl Serialize for Dec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Whole numbers and short decimals stay numbers in YAML; long ones stay exact as text.
        let n = self.0.normalize();
        if let Ok(i) = i64::try_from(n)
            && Decimal::from(i) == n
        {
            return s.serialize_i64(i);
        }
        s.serialize_str(&n.to_string())
    }
}

impl schemars::JsonSchema for Dec {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Number".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An exact number: a YAML number, or a string of digits for prices with many decimals",
            "anyOf": [
                {"type": "number"},
                {"type": "string", "pattern": "^[+-]?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?$"}
            ]
        })
    }
}

/// A number as people write it: `350,000`, `350k`, `1.2M`, `2.5B`.
pub fn human_number(text: &str) -> Result<Decimal, String> {
    let t: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' ' | '$'))
        .collect();
    let (digits, factor) = match t.char_indices().last() {
        Some((i, 'k' | 'K')) => (&t[..i], Decimal::from(1_000)),
        Some((i, 'm' | 'M')) => (&t[..i], Decimal::from(1_000_000)),
        Some((i, 'b' | 'B')) => (&t[..i], Decimal::from(1_000_000_000)),
        _ => (t.as_str(), Decimal::ONE),
    };
    let d = parse_decimal(digits).map_err(|_| {
        format!(
            "expected a number (like 350000, 350k or 1.2M), found `{}`",
            text.trim()
        )
    })?;
    d.checked_mul(factor)
        .ok_or_else(|| format!("`{}` is too large", text.trim()))
}

/// Parses decimal text exactly, with a message a user can act on.
///
/// The syntax is YAML's for numbers (`12`, `-0.25`, `.5`, `5.`, `1e6`); `-0` reads as 0.
pub fn parse_decimal(s: &str) -> Result<Decimal, String> {
    let t = s.trim();
    if !is_number_syntax(t) {
        return Err(format!("expected a number, found `{}`", shown(s)));
    }
    // `.5` and `5.` as rust_decimal reads them: `0.5` and `5`.
    let (sign, rest) = match t.strip_prefix(['+', '-']) {
        Some(r) => (&t[..1], r),
        None => ("", t),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let trimmed = mantissa.strip_suffix('.');
    let mantissa = trimmed.unwrap_or(mantissa);
    let zero = if mantissa.starts_with('.') { "0" } else { "" };
    // Most numbers read as they are written; only the others are rewritten.
    let t: std::borrow::Cow<str> = if sign != "+" && zero.is_empty() && trimmed.is_none() {
        t.into()
    } else {
        format!("{sign}{zero}{mantissa}{exponent}").into()
    };
    let parsed = if exponent.is_empty() {
        Decimal::from_str_exact(&t)
    } else {
        Decimal::from_scientific(&t)
    };
    let mut d = parsed.map_err(|_| {
        let magnitude = t.parse::<f64>().map(f64::abs).unwrap_or(f64::INFINITY);
        if magnitude >= 1.0 {
            format!(
                "`{}` is out of range: archway computes exactly with numbers below about 7.9e28",
                shown(s)
            )
        } else {
            format!(
                "`{}` has more digits than archway keeps exactly (28 decimal places)",
                shown(s)
            )
        }
    })?;
    if d.is_zero() {
        d.set_sign_positive(true);
    }
    Ok(d)
}

/// The most components (or stores) a workload may hold: enough for any system a review
/// discusses, and a bound on the memory and time an analysis takes.
pub const MAX_ITEMS: usize = 10_000;

/// A list of at most [`MAX_ITEMS`] entries, refused at the list as soon as it has more
/// (the rest are not read into memory). For `#[serde(deserialize_with)]`.
pub fn bounded_list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct V<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(f, "a list of at most {MAX_ITEMS} entries")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut out = Vec::new();
            while let Some(x) = seq.next_element()? {
                if out.len() == MAX_ITEMS {
                    return Err(de::Error::custom(format!(
                        "this list has more than {} entries, the most archway reads; split it into smaller files",
                        crate::cost::qty(Decimal::from(MAX_ITEMS))
                    )));
                }
                out.push(x);
            }
            Ok(out)
        }
    }
    d.deserialize_seq(V(std::marker::PhantomData))
}

/// A calendar date written `YYYY-MM-DD` (2026-02-29 is not one; 2028-02-29 is), or what
/// is wrong with `s`.
pub fn check_date(s: &str) -> Result<(), String> {
    let wrong = || format!("`{}` is not a date: expected YYYY-MM-DD", shown(s));
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(wrong());
    }
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return Err(wrong());
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(wrong()),
    };
    if day == 0 || day > days {
        return Err(format!(
            "`{}` is not a date: {year}-{month:02} has {days} days",
            shown(s)
        ));
    }
    Ok(())
}

/// User text quoted in a message: at most 60 characters, the rest cut with `…`.
pub fn shown(s: &str) -> String {
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// YAML's number syntax: `[+-](digits[.digits*] | .digits)[(e|E)[+-]digits]`.
fn is_number_syntax(t: &str) -> bool {
    let t = t.strip_prefix(['+', '-']).unwrap_or(t);
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((a, b)) => (digits(a) && (b.is_empty() || digits(b))) || (a.is_empty() && digits(b)),
        None => digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    /// A document parsed once (no alias, shallow) is refused for its depth all the same
    /// when it nests too deep, however it nests: by indentation, compact `- - -`, flow
    /// collections, or block and flow together.
    #[test]
    fn deep_documents_are_refused_without_the_second_parse_too() {
        let by_indent: String = (0..120)
            .map(|i| format!("{}a:\n", "  ".repeat(i)))
            .collect::<String>()
            + &"  ".repeat(120)
            + "b: 1\n";
        let compact = format!("{}x\n", "- ".repeat(120));
        let flow = format!("a: {}1{}\n", "[".repeat(120), "]".repeat(120));
        let mixed: String = (0..45)
            .map(|i| format!("{}a:\n", " ".repeat(i)))
            .collect::<String>()
            + &" ".repeat(45)
            + "b: "
            + &"[".repeat(60)
            + "1"
            + &"]".repeat(60)
            + "\n";
        for doc in [by_indent, compact, flow, mixed] {
            let e = parse_yaml::<serde_yaml::Value>("deep.yaml", &doc).unwrap_err();
            assert!(e.to_string().contains("nested more than 100 levels"), "{e}");
        }
        // What is shallow and alias-free is parsed once.
        assert!(!may_exceed(
            "name: a\ncomponents:\n  - { name: b, kind: worker }\n",
            true
        ));
        assert!(may_exceed("a: &x [1]\nb: *x\n", true));
    }

    #[test]
    fn decimals_keep_every_digit() {
        let d: Dec = serde_yaml::from_str("0.0000166667").unwrap();
        assert_eq!(d.0.to_string(), "0.0000166667");
        let d: Dec = serde_yaml::from_str("33.3").unwrap();
        assert_eq!(d.0.to_string(), "33.3");
        let d: Dec = serde_yaml::from_str("1e6").unwrap();
        assert_eq!(d.0, Decimal::from(1_000_000));
    }

    #[test]
    fn yaml_number_forms_are_numbers() {
        for (text, want) in [
            (".5", dec!(0.5)),
            ("5.", dec!(5)),
            ("-.25", dec!(-0.25)),
            ("+5.", dec!(5)),
            ("5.e2", dec!(500)),
            (".5e1", dec!(5)),
            ("-0", Decimal::ZERO),
            ("-0.0", Decimal::ZERO),
        ] {
            let d = parse_decimal(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(d, want, "{text}");
            assert!(
                !d.is_sign_negative() || !d.is_zero(),
                "{text} keeps a sign on zero"
            );
        }
        assert_eq!(parse_decimal("-0").unwrap().to_string(), "0");
        for bad in [
            ".", "-.", "e5", ".e5", "5.5.", "1e", "0x10", ".nan", ".inf", "-.inf", "1_000",
        ] {
            assert!(parse_decimal(bad).is_err(), "{bad} is not a number");
        }
    }

    #[test]
    fn dates_are_calendar_dates() {
        for good in [
            "2026-11-01",
            "2028-02-29",
            "2000-02-29",
            "2026-12-31",
            "0001-01-01",
        ] {
            assert_eq!(check_date(good), Ok(()), "{good}");
        }
        for (bad, says) in [
            ("2026-02-30", "2026-02 has 28 days"),
            ("2026-02-29", "2026-02 has 28 days"),
            ("1900-02-29", "1900-02 has 28 days"),
            ("2026-04-31", "2026-04 has 30 days"),
            ("2026-13-01", "expected YYYY-MM-DD"),
            ("2026-00-10", "expected YYYY-MM-DD"),
            ("2026-01-00", "2026-01 has 31 days"),
            ("26-01-01", "expected YYYY-MM-DD"),
            ("2026-1-011", "expected YYYY-MM-DD"),
            ("2026-é1-01", "expected YYYY-MM-DD"),
            ("+026-01-01", "expected YYYY-MM-DD"),
        ] {
            let e = check_date(bad).unwrap_err();
            assert!(e.contains(says), "{bad}: {e}");
        }
    }

    #[test]
    fn a_long_bad_number_is_quoted_short() {
        let long = "9".repeat(10_000);
        let e = parse_decimal(&long).unwrap_err();
        assert!(e.len() < 200, "{e}");
        assert!(e.contains("out of range"), "{e}");
    }

    #[test]
    fn absurd_and_wrong_numbers_are_errors() {
        let e = serde_yaml::from_str::<Dec>("1e30").unwrap_err().to_string();
        assert!(e.contains("out of range"), "{e}");
        let e = serde_yaml::from_str::<Dec>("1.2.3")
            .unwrap_err()
            .to_string();
        assert!(e.contains("expected a number, found `1.2.3`"), "{e}");
        let e = serde_yaml::from_str::<Dec>("many").unwrap_err().to_string();
        assert!(e.contains("expected a number"), "{e}");
    }

    #[test]
    fn locate_finds_nested_nodes() {
        let src = "name: x\ncomponents:\n  - name: a\n  - name: b\n    memory_mb: 0\n";
        let p = YamlPath::default()
            .key("components")
            .index(1)
            .key("memory_mb");
        assert_eq!(locate(src, &p), Some((5, 16)));
        assert_eq!(locate(src, &YamlPath::default().key("nope")), None);
    }

    #[test]
    fn suggests_by_meaning_as_well_as_spelling() {
        let expected = |ws: &[&str]| ws.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        let kinds = expected(&["http-api", "worker", "scheduled", "batch"]);
        assert_eq!(meaning("cron", &kinds), Some("scheduled"));
        assert_eq!(meaning("CronJob", &kinds), Some("scheduled"));
        let shapes = expected(&["steady", "diurnal", "spiky", "sporadic", "timetable"]);
        assert_eq!(meaning("bursty", &shapes), Some("spiky"));
        let gateways = expected(&["none", "rest", "http", "alb", "websocket"]);
        assert_eq!(meaning("api-gateway", &gateways), Some("rest"));
        assert_eq!(meaning("load-balancer", &gateways), Some("alb"));
        assert_eq!(meaning("nothing-like-it", &gateways), None);
    }

    #[test]
    fn suggests_near_names_only() {
        assert_eq!(
            suggest("memroy_mb", ["memory_mb", "name"]),
            Some("memory_mb")
        );
        assert_eq!(suggest("zzz", ["memory_mb", "name"]), None);
    }
}
