//! The example workloads, embedded so an installed binary can open and test them.

/// Every file in `workloads/`, by path.
pub const WORKLOADS: &[(&str, &str)] = &[(
    "workloads/spiky-document-api.yaml",
    include_str!("../workloads/spiky-document-api.yaml"),
)];
