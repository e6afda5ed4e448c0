//! The user's state directory, shared with the command line.

pub use crate::state::Store;
