//! archway: advises where each part of a system should run, with its reasons and its arithmetic.

/// A closed set of words used in files and JSON: an enum with its spelling, `ALL` and `Display`.
macro_rules! word_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, ::serde::Serialize, ::serde::Deserialize, ::schemars::JsonSchema)]
        pub enum $name {
            $($(#[$vm])* #[serde(rename = $text)] $variant),+
        }
        impl $name {
            /// Every value, in the order the file format documents them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// Every value as written in files, in the same order as `ALL`.
            pub const NAMES: &'static [&'static str] = &[$($text),+];
            /// The value as written in workload files.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub mod advisor;
pub mod analysis;
pub mod cli;
pub mod cost;
pub mod examples;
pub mod input;
pub mod migration;
pub mod placement;
pub mod practice;
pub mod present;
pub mod report;
pub mod rules;
pub mod state;
pub mod text;
pub mod topology;
pub mod tui;
pub mod workload;
