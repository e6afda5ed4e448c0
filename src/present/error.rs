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
    /// The reader closed its end (`archway man | head`): their choice, not an error.
    #[error("the reader closed the pipe")]
    ClosedPipe,
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Failure::ClosedPipe
        } else {
            Failure::Run(e.to_string())
        }
    }
}

impl From<serde_json::Error> for Failure {
    fn from(e: serde_json::Error) -> Self {
        match e.io_error_kind() {
            Some(io::ErrorKind::BrokenPipe) => Failure::ClosedPipe,
            _ => Failure::Run(e.to_string()),
        }
    }
}
