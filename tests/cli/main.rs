//! Integration tests of the `archway` command line (DESIGN.md, "The command line").
//!
//! Every integration test builds into this one binary: `cargo test --test cli`.

mod absurd;
mod bad_input;
mod bad_pricing;
mod batch;
mod colour;
mod compare;
mod contract;
mod examples;
mod fuzz_corpus;
mod graph;
mod hostile;
mod inputs;
mod man;
mod markdown;
mod output;
mod overrides;
mod providers;
mod quiz;
mod report;
mod rules_cli;
mod schemas;
mod seeds;
mod support;
mod tui;
mod unreadable;
mod usage;
