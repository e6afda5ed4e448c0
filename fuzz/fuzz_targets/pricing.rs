#![no_main]
//! The pricing loader on any text; a catalog that loads prices a workload end to end.

use archway::cost::Pricing;
use archway::rules::RuleBase;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(pricing) = Pricing::parse("fuzz.yaml", text) {
        let (w, _) = archway::workload::load_str("w.yaml", common::WORKLOAD).unwrap();
        common::pipeline(&w, &RuleBase::embedded(), &pricing, false);
    }
});
