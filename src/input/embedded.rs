//! The embedded rule and pricing files, read into YAML events at build time (`build.rs`)
//! and replayed here into any `Deserialize` type, as the YAML reader would build it: a
//! process loads its rule base and catalog without scanning 100 KB of YAML text.
//!
//! The replay resolves a plain scalar as the YAML reader does (null, true/false, an
//! integer, a float, else a string) when the type asks for "any" value, and hands its
//! text over unchanged when the type asks for a string (so `Dec` keeps every digit). A
//! test checks, for every embedded file, that the replay and the YAML reader give the
//! same rule files, catalog and YAML values.

use std::fmt;

use serde::de::{self, DeserializeSeed, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};
use serde::forward_to_deserialize_any;

/// One YAML event: the start or end of a mapping or sequence, or a scalar's text
/// (plain, or quoted in any style: quoted and block scalars are strings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ev {
    Map,
    MapEnd,
    Seq,
    SeqEnd,
    Plain(&'static str),
    Quoted(&'static str),
}

include!(concat!(env!("OUT_DIR"), "/embedded_yaml.rs"));

/// What the build script reads a file into, for the tests to read any text alike.
#[cfg(test)]
#[path = "../../build/events.rs"]
mod build_events;

/// The events of `src` if it is the text of an embedded file.
pub fn events_for(src: &str) -> Option<&'static [Ev]> {
    FILES
        .iter()
        .find(|(text, _)| text.len() == src.len() && *text == src)
        .map(|(_, events)| *events)
}

/// `T` built from `events`; an error means the type does not fit the file (the YAML
/// reader then reports it with its line and column).
pub fn replay<T: de::DeserializeOwned>(events: &'static [Ev]) -> Result<T, Error> {
    let mut de = Replay { events, pos: 0 };
    let value = T::deserialize(&mut de)?;
    if de.pos != events.len() {
        return Err(Error("events left over after the document".into()));
    }
    Ok(value)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

struct Replay {
    events: &'static [Ev],
    pos: usize,
}

impl Replay {
    fn next(&mut self) -> Result<Ev, Error> {
        let ev = self.peek()?;
        self.pos += 1;
        Ok(ev)
    }

    fn peek(&self) -> Result<Ev, Error> {
        self.events
            .get(self.pos)
            .copied()
            .ok_or_else(|| Error("the events end early".into()))
    }

    /// Passes over one whole node.
    fn skip(&mut self) -> Result<(), Error> {
        let mut depth = 0usize;
        loop {
            match self.next()? {
                Ev::Map | Ev::Seq => depth += 1,
                Ev::MapEnd | Ev::SeqEnd => depth -= 1,
                Ev::Plain(_) | Ev::Quoted(_) => {}
            }
            if depth == 0 {
                return Ok(());
            }
        }
    }

    fn unexpected(ev: Ev, exp: &dyn de::Expected) -> Error {
        let found = match ev {
            Ev::Map => de::Unexpected::Map,
            Ev::Seq => de::Unexpected::Seq,
            Ev::Plain(s) | Ev::Quoted(s) => de::Unexpected::Str(s),
            Ev::MapEnd | Ev::SeqEnd => de::Unexpected::Other("the end of a collection"),
        };
        de::Error::invalid_type(found, exp)
    }
}

/// A plain scalar as the YAML reader resolves it for a type that takes any value: null,
/// a boolean, an integer (decimal, 0x, 0o, 0b; leading zeros make a string), a float,
/// else a string.
fn untagged<'de, V: Visitor<'de>>(visitor: V, s: &'static str) -> Result<V::Value, Error> {
    if s.is_empty() || matches!(s, "null" | "Null" | "NULL" | "~") {
        return visitor.visit_unit();
    }
    match s {
        "true" | "True" | "TRUE" => return visitor.visit_bool(true),
        "false" | "False" | "FALSE" => return visitor.visit_bool(false),
        _ => {}
    }
    match integer(s) {
        Some((false, n)) => match u64::try_from(n) {
            Ok(u) => return visitor.visit_u64(u),
            Err(_) => return visitor.visit_u128(n),
        },
        Some((true, n)) => {
            if let Ok(i) = i64::try_from(n).map(|i| -i) {
                return visitor.visit_i64(i);
            }
            if let Ok(i) = i128::try_from(n).map(|i| -i) {
                return visitor.visit_i128(i);
            }
        }
        None => {}
    }
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    let leading_zero =
        digits.len() > 1 && digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit());
    if !leading_zero && let Some(f) = float(s) {
        return visitor.visit_f64(f);
    }
    visitor.visit_borrowed_str(s)
}

/// An integer as the YAML reader reads one, as (negative, magnitude): an optional sign,
/// then decimal digits without a leading zero, or 0x, 0o or 0b and digits.
fn integer(s: &str) -> Option<(bool, u128)> {
    let (negative, rest) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let (radix, digits) = if let Some(d) = rest.strip_prefix("0x") {
        (16, d)
    } else if let Some(d) = rest.strip_prefix("0o") {
        (8, d)
    } else if let Some(d) = rest.strip_prefix("0b") {
        (2, d)
    } else if rest.len() > 1 && rest.starts_with('0') {
        return None;
    } else {
        (10, rest)
    };
    if digits.starts_with(['+', '-']) {
        return None;
    }
    u128::from_str_radix(digits, radix)
        .ok()
        .map(|n| (negative, n))
}

/// A float as the YAML reader reads one: `.inf`, `-.inf`, `.nan`, or finite digits.
fn float(s: &str) -> Option<f64> {
    let unsigned = match s.strip_prefix('+') {
        Some(r) if r.starts_with(['+', '-']) => return None,
        Some(r) => r,
        None => s,
    };
    match (unsigned, s) {
        (".inf" | ".Inf" | ".INF", _) => Some(f64::INFINITY),
        (_, "-.inf" | "-.Inf" | "-.INF") => Some(f64::NEG_INFINITY),
        (_, ".nan" | ".NaN" | ".NAN") => Some(f64::NAN),
        _ => unsigned.parse::<f64>().ok().filter(|f| f.is_finite()),
    }
}

impl<'de> de::Deserializer<'de> for &mut Replay {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.next()? {
            Ev::Map => visitor.visit_map(Entries { de: self }),
            Ev::Seq => visitor.visit_seq(Entries { de: self }),
            Ev::Plain(s) => untagged(visitor, s),
            Ev::Quoted(s) => visitor.visit_borrowed_str(s),
            ev @ (Ev::MapEnd | Ev::SeqEnd) => Err(Replay::unexpected(ev, &visitor)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.next()? {
            Ev::Plain(s) | Ev::Quoted(s) => visitor.visit_borrowed_str(s),
            ev => Err(Replay::unexpected(ev, &visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.peek()? {
            Ev::Plain(s) if s.is_empty() || matches!(s, "null" | "Null" | "NULL" | "~") => {
                self.pos += 1;
                visitor.visit_none()
            }
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.peek()? {
            Ev::Plain(_) | Ev::Quoted(_) => visitor.visit_enum(Unit { de: self }),
            ev => Err(Replay::unexpected(ev, &"a word naming one of the variants")),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.skip()?;
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf unit
        unit_struct seq tuple tuple_struct map struct
    }
}

/// The entries of a mapping or the items of a sequence, up to its end.
struct Entries<'a> {
    de: &'a mut Replay,
}

impl<'de> Entries<'_> {
    /// The next key or item, or `None` at the collection's end (passed over).
    fn next<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, Error> {
        match self.de.peek()? {
            Ev::MapEnd | Ev::SeqEnd => {
                self.de.pos += 1;
                Ok(None)
            }
            _ => seed.deserialize(&mut *self.de).map(Some),
        }
    }
}

impl<'de> MapAccess<'de> for Entries<'_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        self.next(seed)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(&mut *self.de)
    }
}

impl<'de> SeqAccess<'de> for Entries<'_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.next(seed)
    }
}

/// A unit variant written as a word.
struct Unit<'a> {
    de: &'a mut Replay,
}

impl<'de, 'a> EnumAccess<'de> for Unit<'a> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let v = seed.deserialize(&mut *self.de)?;
        Ok((v, self))
    }
}

impl<'de> VariantAccess<'de> for Unit<'_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _seed: T) -> Result<T::Value, Error> {
        Err(de::Error::invalid_type(
            de::Unexpected::UnitVariant,
            &"a variant with a value",
        ))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, Error> {
        Err(de::Error::invalid_type(
            de::Unexpected::UnitVariant,
            &"a tuple variant",
        ))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Error> {
        Err(de::Error::invalid_type(
            de::Unexpected::UnitVariant,
            &"a struct variant",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cost::Pricing;
    use crate::rules::RuleFile;

    /// Every embedded file was read into events (none is left to the YAML reader), and
    /// the replay builds what the YAML reader builds from its text: the same YAML values
    /// (every scalar resolved alike), the same rule files, the same catalog, to the
    /// digit and the decimal place.
    #[test]
    fn the_replay_builds_what_the_yaml_reader_builds_from_every_embedded_file() {
        let names = [
            "cost",
            "latency",
            "limits",
            "operations",
            "pricing",
            "state",
            "workloads",
        ];
        assert_eq!(FILES.len(), names.len(), "every rules/*.yaml is replayed");
        for (text, events) in FILES {
            let file = "embedded";
            assert_eq!(events_for(text), Some(*events));
            let yaml: serde_yaml::Value = crate::input::parse_yaml(file, text).unwrap();
            let replayed: serde_yaml::Value = replay(events).unwrap();
            assert_eq!(replayed, yaml);
            if text.contains("\nregions:") {
                let yaml: Pricing = crate::input::parse_yaml(file, text).unwrap();
                let replayed: Pricing = replay(events).unwrap();
                assert_eq!(format!("{replayed:?}"), format!("{yaml:?}"));
                assert_eq!(replayed, yaml);
            } else {
                let yaml: RuleFile = crate::input::parse_yaml(file, text).unwrap();
                let replayed: RuleFile = replay(events).unwrap();
                assert_eq!(format!("{replayed:?}"), format!("{yaml:?}"));
            }
        }
    }

    /// `text` through the build script's reader and the replay, and through the YAML reader.
    fn both(text: &str) -> (Option<serde_yaml::Value>, Option<serde_yaml::Value>) {
        let events: Vec<Ev> = build_events::events(text)
            .unwrap_or_else(|| panic!("the build script reads {text:?}"))
            .into_iter()
            .map(|e| match e {
                build_events::Owned::Map => Ev::Map,
                build_events::Owned::MapEnd => Ev::MapEnd,
                build_events::Owned::Seq => Ev::Seq,
                build_events::Owned::SeqEnd => Ev::SeqEnd,
                build_events::Owned::Plain(s) => Ev::Plain(s.leak()),
                build_events::Owned::Quoted(s) => Ev::Quoted(s.leak()),
            })
            .collect();
        (replay(events.leak()).ok(), serde_yaml::from_str(text).ok())
    }

    /// The ways the embedded files write things, and ways they may: quoting, escapes,
    /// block scalars, flow collections, comments, empty values, number-like words.
    #[test]
    fn every_style_of_scalar_and_collection_reads_alike() {
        let texts = [
            "a: 1\nb: -2.50\nc: '0.0000166667'\nd: \"x\\ty \\u00e9\"\ne: ~\nf:\n",
            "list: [1, two, 'three', {k: v}]\nmap: {a: 1, 'b': [ ] }\n",
            "text: |\n  line one\n  line two\nfolded: >\n  one\n  two\n",
            "# a comment\nrules:\n  - id: x   # trailing\n    when: {trait: gpu, eq: true}\n",
            "'quoted key': 1\n\"007\": 007\n1e6: 0x1F\nyes: no\n",
            "- - nested\n  - [deeper, [still]]\n- {}\n- []\n",
            "plain: it's a word, with a colon:in it\nurl: https://aws.amazon.com/lambda/pricing/\n",
        ];
        for t in texts {
            let (replayed, yaml) = both(t);
            assert!(yaml.is_some(), "{t}");
            assert_eq!(replayed, yaml, "{t}");
        }
        // What the replay does not read is left to the YAML reader.
        for t in [
            "a: &x 1\nb: *x\n",
            "a: !tag 1\n",
            "a: 1\n---\nb: 2\n",
            "a: [1\n",
        ] {
            assert_eq!(build_events::events(t), None, "{t}");
        }
    }

    proptest::proptest! {
        /// Any document the YAML writer writes reads back alike through the build
        /// script's reader and the replay as through the YAML reader.
        #[test]
        fn any_written_document_reads_alike(v in value()) {
            let text = serde_yaml::to_string(&v).unwrap();
            let (replayed, yaml) = both(&text);
            proptest::prop_assert_eq!(replayed, yaml, "{}", text);
        }
    }

    fn scalar() -> impl proptest::strategy::Strategy<Value = serde_yaml::Value> {
        use proptest::prelude::*;
        use serde_yaml::Value;
        prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| Value::Number(n.into())),
            any::<u64>().prop_map(|n| Value::Number(n.into())),
            (-1e12f64..1e12).prop_map(|f| Value::Number(f.into())),
            "[ -~]{0,12}".prop_map(Value::String),
            "(0x[0-9a-f]{1,4}|0o[0-7]{1,3}|[+-]?0[0-9]{1,3}|[+-]?[0-9]{1,4}\\.[0-9]{0,3}|\\.(inf|nan|NaN)|~|null|True|FALSE)"
                .prop_map(Value::String),
            "[a-z\u{e9}\u{2192}\t\n\"'#:]{1,10}".prop_map(Value::String),
        ]
    }

    fn value() -> impl proptest::strategy::Strategy<Value = serde_yaml::Value> {
        use proptest::prelude::*;
        use serde_yaml::Value;
        scalar().prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Sequence),
                proptest::collection::vec(("[a-z_'0-9 ]{1,8}", inner), 0..4).prop_map(|kv| {
                    Value::Mapping(kv.into_iter().map(|(k, v)| (Value::String(k), v)).collect())
                }),
            ]
        })
    }

    /// A text that is not embedded is read as YAML, even one an embedded file starts with.
    #[test]
    fn only_an_embedded_files_whole_text_is_replayed() {
        let (text, _) = FILES[0];
        assert_eq!(events_for(&text[..text.len() - 1]), None);
        assert_eq!(events_for(&format!("{text}\n")), None);
        assert_eq!(events_for("rules: []\n"), None);
    }

    /// A type the events do not fit is an error, not a panic (the YAML reader then
    /// reports it with its position).
    #[test]
    fn a_type_the_events_do_not_fit_is_an_error() {
        let (_, events) = FILES[0];
        assert!(replay::<Vec<String>>(events).is_err());
        assert!(replay::<String>(events).is_err());
        assert!(replay::<std::collections::BTreeMap<String, u8>>(events).is_err());
    }

    /// Plain scalars resolve as the YAML reader resolves them when the type takes any
    /// value, and keep their text when it asks for a string.
    #[test]
    fn plain_scalars_resolve_as_the_yaml_reader_resolves_them() {
        let words: &[&'static str] = &[
            "",
            "~",
            "null",
            "NULL",
            "true",
            "False",
            "0",
            "-0",
            "+5",
            "007",
            "-007",
            "0x1F",
            "-0x10",
            "0o17",
            "0b101",
            "0x",
            "1e6",
            "1.10",
            "-2.5",
            ".5",
            "5.",
            ".inf",
            "-.Inf",
            "+.inf",
            ".nan",
            "inf",
            "NaN",
            "+-5",
            "18446744073709551616",
            "-9223372036854775809",
            "340282366920938463463374607431768211456",
            "12:30",
            "1_000",
            "yes",
            "0.0000166667",
        ];
        for w in words {
            let events: &'static [Ev] = Box::leak(Box::new([Ev::Plain(w)]));
            // A value too large for a YAML value is an error both ways.
            let yaml = serde_yaml::from_str::<serde_yaml::Value>(&format!("{w}\n")).ok();
            let replayed = replay::<serde_yaml::Value>(events).ok();
            // NaN is not equal to itself.
            if yaml
                .as_ref()
                .and_then(|y| y.as_f64())
                .is_some_and(f64::is_nan)
            {
                assert!(
                    replayed.and_then(|r| r.as_f64()).is_some_and(f64::is_nan),
                    "{w}"
                );
            } else {
                assert_eq!(replayed, yaml, "`{w}`");
            }
            let text: String = replay(events).unwrap();
            assert_eq!(text, *w);
        }
    }
}
