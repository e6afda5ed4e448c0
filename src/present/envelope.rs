//! Every `--format json` document opens the same way: what wrote it and the contract's
//! version, the currency, the assumptions every figure rests on, the workload; then the
//! command's own body.

use serde::Serialize;
use serde_json::{Map, Value};

use super::Failure;
use crate::cost::CostAssumptions;

/// The version of the JSON contract; it changes when a key changes meaning or goes.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Assumptions<'a> {
    region: &'a str,
    hours_per_month: String,
    free_tier: bool,
    pricing_as_of: &'a str,
    /// Prices a partial catalog replaced; empty on the embedded catalog.
    overridden: &'a [String],
}

/// `body` inside the envelope: the envelope's keys first, then the body's (a body key of
/// the same name gives way to the envelope's).
pub fn envelope<T: Serialize>(
    assumptions: Option<&CostAssumptions>,
    workload: Value,
    body: &T,
) -> Result<Value, Failure> {
    let body = serde_json::to_value(body).map_err(|e| Failure::Run(e.to_string()))?;
    let mut m = Map::new();
    m.insert("schema_version".into(), SCHEMA_VERSION.into());
    m.insert("version".into(), env!("CARGO_PKG_VERSION").into());
    m.insert("currency".into(), "USD".into());
    if let Some(a) = assumptions {
        let a = Assumptions {
            region: &a.region,
            hours_per_month: a.hours_per_month.normalize().to_string(),
            free_tier: a.free_tier,
            pricing_as_of: &a.pricing_as_of,
            overridden: &a.overridden,
        };
        m.insert(
            "assumptions".into(),
            serde_json::to_value(a).map_err(|e| Failure::Run(e.to_string()))?,
        );
    }
    m.insert("workload".into(), workload);
    if let Value::Object(b) = body {
        for (k, v) in b {
            if !m.contains_key(&k) {
                m.insert(k, v);
            }
        }
    } else {
        m.insert("body".into(), body);
    }
    Ok(Value::Object(m))
}

/// Writes an envelope as pretty JSON with a final newline.
pub fn write<T: Serialize>(
    out: &mut dyn std::io::Write,
    assumptions: Option<&CostAssumptions>,
    workload: Value,
    body: &T,
) -> Result<(), Failure> {
    let v = envelope(assumptions, workload, body)?;
    serde_json::to_writer_pretty(&mut *out, &v)?;
    writeln!(out)?;
    Ok(())
}
