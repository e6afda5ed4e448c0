//! The fuzzers' regression corpus (`tests/fuzz/TARGET/`): inputs each fuzz target kept for
//! reaching new code, minimized, and any input that once crashed. Each is replayed
//! through the library the way its target runs it: it loads and goes through the whole
//! pipeline, or is refused with a message naming its file; nothing panics.

use std::path::PathBuf;

use archway::cost::Pricing;
use archway::input::InputError;
use archway::rules::RuleBase;
use archway::workload::load_str;

/// The texts of `tests/fuzz/TARGET`, by name; bytes that are not UTF-8 are skipped, as
/// the targets skip them.
fn corpus(target: &str) -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no corpus in {}", dir.display());
    files
        .into_iter()
        .filter_map(|p| {
            let text = String::from_utf8(std::fs::read(&p).unwrap()).ok()?;
            Some((p.file_name().unwrap().to_string_lossy().into_owned(), text))
        })
        .collect()
}

/// A refusal names the file in every diagnostic and says something.
fn refused_properly(name: &str, e: &InputError) {
    assert!(!e.0.is_empty(), "{name}: an error without a diagnostic");
    for d in &e.0 {
        assert_eq!(d.file, name, "{e}");
        assert!(!d.message.trim().is_empty(), "{name}: an empty message");
    }
}

// What each target runs on what loads, the very module the fuzz targets use.
#[path = "../../fuzz/fuzz_targets/common.rs"]
mod common;
use common::{WORKLOAD, pipeline};

#[test]
fn the_workload_corpus_loads_or_is_refused() {
    for (name, text) in corpus("workload") {
        if let Err(e) = load_str(&name, &text) {
            refused_properly(&name, &e);
        }
    }
}

#[test]
fn the_rules_corpus_loads_and_decides_or_is_refused() {
    let (w, _) = load_str("pipeline.yaml", WORKLOAD).unwrap();
    for (name, text) in corpus("rules") {
        match RuleBase::from_sources(vec![(name.clone(), text)]) {
            Ok(rules) => pipeline(&w, &rules, &Pricing::embedded(), false),
            Err(e) => refused_properly(&name, &e),
        }
    }
}

#[test]
fn the_pricing_corpus_loads_and_prices_or_is_refused() {
    let (w, _) = load_str("pipeline.yaml", WORKLOAD).unwrap();
    for (name, text) in corpus("pricing") {
        match Pricing::parse(&name, &text) {
            Ok(pricing) => pipeline(&w, &RuleBase::embedded(), &pricing, false),
            Err(e) => refused_properly(&name, &e),
        }
    }
}

#[test]
fn the_advise_corpus_goes_through_every_report() {
    for (name, text) in corpus("advise") {
        match load_str(&name, &text) {
            Ok((w, _)) => {
                let full = w.components.len() <= 2;
                pipeline(&w, &RuleBase::embedded(), &Pricing::embedded(), full);
            }
            Err(e) => refused_properly(&name, &e),
        }
    }
}
