//! `archway schema WHAT`: the JSON Schemas of the files archway reads (so editors complete
//! and check them) and of every JSON document it writes (so scripts can rely on them).
//! Each is generated from the types that read or write the format.

use std::io::Write;

use clap::ValueEnum;

use super::Failure;
use crate::cost::Pricing;
use crate::present::envelope;
use crate::rules::RuleFile;
use crate::workload::RawWorkload;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A workload file (workloads/*.yaml).
    Workload,
    /// The pricing catalog (`archway pricing show`; a partial one starts `extends: embedded`).
    Pricing,
    /// A rule pack (a file of rules in a `--rules` directory).
    Rules,
    /// The output of `evaluate --format json`.
    Evaluate,
    /// The output of `cost --format json`.
    Cost,
    /// The output of `graph --format json`.
    Graph,
    /// The output of `migrate --format json`.
    Migrate,
    /// The output of `sweep --format json`.
    Sweep,
    /// The output of `compare --format json`.
    Compare,
    /// The output of `quiz --format json`.
    Quiz,
}

impl Format {
    /// The schema, titled as users name the format.
    pub fn schema(self) -> schemars::Schema {
        match self {
            Format::Workload => titled(
                schemars::schema_for!(RawWorkload),
                "archway workload",
                "A system to advise on: its components, their traits and the assumptions used to price them.",
            ),
            Format::Pricing => titled(
                schemars::schema_for!(Pricing),
                "archway pricing catalog",
                "Unit prices and platform limits, each with its official source and the date it was checked.",
            ),
            Format::Rules => titled(
                schemars::schema_for!(RuleFile),
                "archway rule pack",
                "Rules that exclude, favour or warn about placements, each citing its source.",
            ),
            Format::Evaluate => envelope::schema::<crate::present::evaluate::View<'static>>(
                "archway evaluate",
                "`archway evaluate --format json`: each component's placement, the alternatives with their costs and the rules that excluded them, the fired rules with their sources, and the system's bill.",
            ),
            Format::Cost => envelope::schema::<crate::present::cost::JsonCost<'static>>(
                "archway cost",
                "`archway cost --format json`: every component on every placement, line by line, the data stores, and with --explain how each quantity was derived.",
            ),
            Format::Graph => envelope::schema::<crate::topology::export::JsonTopology<'static>>(
                "archway graph",
                "`archway graph --format json`: the recommended topology's nodes (components, supporting pieces, stores) with their monthly cost, and its edges.",
            ),
            Format::Migrate => envelope::schema::<crate::present::migrate::JsonPlan<'static>>(
                "archway migrate",
                "`archway migrate --format json`: the phased plan from today's deployment to the recommendation, with the cost during and after each phase.",
            ),
            Format::Sweep => super::sweep::schema(),
            Format::Compare => super::compare::schema(),
            Format::Quiz => super::quiz::schema(),
        }
    }
}

fn titled(mut s: schemars::Schema, title: &str, description: &str) -> schemars::Schema {
    s.insert("title".into(), title.into());
    s.insert("description".into(), description.into());
    s
}

impl Format {
    /// The schema as the file `archway schema` prints, with its final newline.
    pub fn text(self) -> Result<String, Failure> {
        let mut s = serde_json::to_string_pretty(&self.schema())?;
        s.push('\n');
        Ok(s)
    }
}

pub fn run(what: Format, out: &mut dyn Write) -> Result<(), Failure> {
    out.write_all(what.text()?.as_bytes())?;
    Ok(())
}
