//! How a command failed, for both front ends: bad input (exit 2) or a failure while
//! running (exit 1).

use std::io;

use crate::input::InputError;

/// How a command failed: bad input (exit 2) or a failure while running (exit 1).
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("{0}")]
    Input(#[from] InputError),
    #[error("{0}")]
    Run(String),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Run(e.to_string())
    }
}
