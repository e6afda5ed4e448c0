//! Every `--format json` document opens the same way: what wrote it and the contract's
//! version, the currency, the assumptions every figure rests on, the workload; then the
//! command's own body. One type writes the documents and describes them (`archway schema
//! evaluate` and the others), so the published schema is the shape of the output.

use schemars::JsonSchema;
use serde::Serialize;

use super::Failure;
use crate::cost::CostAssumptions;

/// The version of the JSON contract; it changes when a key changes meaning or goes.
pub const SCHEMA_VERSION: u32 = 1;

/// A document of archway's JSON output: the envelope's keys, then the command's.
#[derive(Serialize, JsonSchema)]
pub struct Document<'a, T> {
    /// The version of this JSON contract: it changes when a key changes meaning or goes.
    pub schema_version: u32,
    /// The archway release that wrote the document.
    pub version: &'static str,
    /// The currency of every `*_usd` figure.
    pub currency: &'static str,
    /// What every figure rests on.
    pub assumptions: Assumptions<'a>,
    /// The workload's name (compare: the two workloads' names).
    pub workload: WorkloadName<'a>,
    #[serde(flatten)]
    pub body: T,
}

/// The assumptions every figure in the document rests on.
#[derive(Serialize, JsonSchema)]
pub struct Assumptions<'a> {
    /// The region whose prices are used.
    pub region: &'a str,
    /// Hours in a month (always-on capacity is priced for this many).
    #[schemars(with = "crate::cost::ExactJson")]
    pub hours_per_month: String,
    /// Whether the providers' free tiers are deducted.
    pub free_tier: bool,
    /// The date the catalog's prices were checked.
    pub pricing_as_of: &'a str,
    /// Prices a partial catalog replaced; empty on the embedded catalog.
    pub overridden: &'a [String],
}

impl<'a> Assumptions<'a> {
    pub fn of(a: &'a CostAssumptions) -> Self {
        Assumptions {
            region: &a.region,
            hours_per_month: a.hours_per_month.normalize().to_string(),
            free_tier: a.free_tier,
            pricing_as_of: &a.pricing_as_of,
            overridden: &a.overridden,
        }
    }
}

/// The workload a document is about: its name, or for `compare` the two names.
#[derive(Serialize, JsonSchema)]
#[serde(untagged)]
pub enum WorkloadName<'a> {
    One(&'a str),
    Two { a: &'a str, b: &'a str },
}

impl<'a, T: Serialize> Document<'a, T> {
    pub fn new(assumptions: &'a CostAssumptions, workload: WorkloadName<'a>, body: T) -> Self {
        Document {
            schema_version: SCHEMA_VERSION,
            version: env!("CARGO_PKG_VERSION"),
            currency: "USD",
            assumptions: Assumptions::of(assumptions),
            workload,
            body,
        }
    }

    /// Writes the document as pretty JSON with a final newline.
    pub fn write_json(&self, out: &mut dyn std::io::Write) -> Result<(), Failure> {
        serde_json::to_writer_pretty(&mut *out, self)?;
        writeln!(out)?;
        Ok(())
    }

    /// Writes the document as YAML.
    pub fn write_yaml(&self, out: &mut dyn std::io::Write) -> Result<(), Failure> {
        let s = serde_yaml::to_string(self).map_err(|e| Failure::Run(e.to_string()))?;
        write!(out, "{s}")?;
        Ok(())
    }
}

/// Writes `body` in its envelope as pretty JSON with a final newline.
pub fn write<T: Serialize>(
    out: &mut dyn std::io::Write,
    assumptions: &CostAssumptions,
    workload: WorkloadName<'_>,
    body: T,
) -> Result<(), Failure> {
    Document::new(assumptions, workload, body).write_json(out)
}

/// The JSON Schema of a command's document, titled as users name it.
pub fn schema<T: JsonSchema>(title: &str, description: &str) -> schemars::Schema {
    // The contract of what is written: a key skipped when empty is not required.
    let mut s = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<Document<'static, T>>();
    s.insert("title".into(), title.into());
    s.insert("description".into(), description.into());
    s
}
