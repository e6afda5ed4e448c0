#![no_main]
//! The rule loader on any text; a rule base that loads decides a workload end to end.
//! (`rules check`'s coverage lint prices a grid of components on every run, too slow
//! to fuzz; the decisions it makes are the ones the pipeline makes here.)

use archway::cost::Pricing;
use archway::rules::RuleBase;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let sources = vec![("fuzz.yaml".to_string(), text.to_string())];
    if let Ok(rules) = RuleBase::from_sources(sources) {
        let (w, _) = archway::workload::load_str("w.yaml", common::WORKLOAD).unwrap();
        common::pipeline(&w, &rules, &Pricing::embedded(), false);
    }
});
