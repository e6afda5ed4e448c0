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
    Key(String),
    Index(usize),
}

/// A path into a YAML document, shown as `components[2].traffic.peak_rps`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YamlPath(pub Vec<Seg>);

impl YamlPath {
    pub fn key(&self, k: &str) -> YamlPath {
        let mut p = self.clone();
        p.0.push(Seg::Key(k.to_string()));
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
    pub fn into_result(self, file: &str, src: &str) -> Result<(), InputError> {
        if self.0.is_empty() {
            return Ok(());
        }
        let mut diags: Vec<Diagnostic> = self
            .0
            .into_iter()
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
        Err(InputError(diags))
    }
}

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
            if key.as_str() == Some(want.as_str()) {
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

/// Parses a YAML document into `T`, turning serde's errors into diagnostics with
/// position and, for a misspelt key or value, the nearest valid name.
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
    serde_yaml::from_str(src).map_err(|e| {
        let loc = e.location();
        let mut message = friendly(&e.to_string());
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

/// Reads a file as UTF-8 text, refusing binary content with a clear message.
pub fn read_text(path: &Path) -> Result<String, InputError> {
    let name = path.display().to_string();
    let bytes =
        std::fs::read(path).map_err(|e| InputError::file(&name, format!("cannot read: {e}")))?;
    if bytes.contains(&0) {
        return Err(InputError::file(
            &name,
            "this is a binary file, not YAML text",
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        InputError::file(
            &name,
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
            let mut out = format!("unknown {what} `{bad}`");
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
pub fn parse_decimal(s: &str) -> Result<Decimal, String> {
    let t = s.trim();
    if !is_number_syntax(t) {
        return Err(format!("expected a number, found `{s}`"));
    }
    let parsed = if t.contains(['e', 'E']) {
        Decimal::from_scientific(t)
    } else {
        Decimal::from_str_exact(t)
    };
    parsed.map_err(|_| {
        let magnitude = t.parse::<f64>().map(f64::abs).unwrap_or(f64::INFINITY);
        if magnitude >= 1.0 {
            format!(
                "`{s}` is out of range: archway computes exactly with numbers below about 7.9e28"
            )
        } else {
            format!("`{s}` has more digits than archway keeps exactly (28 decimal places)")
        }
    })
}

/// `[+-]digits[.digits][(e|E)[+-]digits]`
fn is_number_syntax(t: &str) -> bool {
    let t = t.strip_prefix(['+', '-']).unwrap_or(t);
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((a, b)) => digits(a) && digits(b),
        None => digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;

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
