//! The markdown decision report.

pub mod escape;
