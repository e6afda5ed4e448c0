#![no_main]
//! The workload loader on any text.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = archway::workload::load_str("fuzz.yaml", text);
    }
});
