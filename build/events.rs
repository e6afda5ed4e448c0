//! A YAML document as the events the replay reads (`src/input/embedded.rs`): shared by
//! the build script, which writes them into the binary, and by the tests, which check
//! the replay against the YAML reader on generated documents.

use saphyr_parser::{Event, Parser, ScalarStyle};

/// One event, owning its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owned {
    Map,
    MapEnd,
    Seq,
    SeqEnd,
    Plain(String),
    Quoted(String),
}

/// The events of a one-document text, or `None` when it uses what the replay does not
/// read (anchors, aliases, tags, several documents) or does not parse.
pub fn events(text: &str) -> Option<Vec<Owned>> {
    let mut out = Vec::new();
    let mut documents = 0;
    for ev in Parser::new_from_str(text) {
        let (ev, _) = ev.ok()?;
        match ev {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return None;
                }
            }
            Event::Scalar(value, style, 0, None) => out.push(if style == ScalarStyle::Plain {
                Owned::Plain(value.into_owned())
            } else {
                Owned::Quoted(value.into_owned())
            }),
            Event::SequenceStart(0, None) => out.push(Owned::Seq),
            Event::MappingStart(0, None) => out.push(Owned::Map),
            Event::SequenceEnd => out.push(Owned::SeqEnd),
            Event::MappingEnd => out.push(Owned::MapEnd),
            Event::Alias(_)
            | Event::Scalar(..)
            | Event::SequenceStart(..)
            | Event::MappingStart(..) => return None,
        }
    }
    (documents == 1).then_some(out)
}
