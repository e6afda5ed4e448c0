#![no_main]
//! advise() and every report on any workload that loads.

use archway::cost::Pricing;
use archway::rules::RuleBase;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok((w, _)) = archway::workload::load_str("fuzz.yaml", text) else {
        return;
    };
    // The full report sweeps every component: keep an execution short.
    let full = w.components.len() <= 3;
    common::pipeline(&w, &RuleBase::embedded(), &Pricing::embedded(), full);
});
