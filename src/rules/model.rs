//! The rule format as written (`rules/*.yaml`) and as loaded.

use std::fmt;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::facts::{TraitRef, Value};
use crate::input::{Dec, parse_decimal};
use crate::placement::Placement;

word_enum!(
    /// A supporting piece a rule adds to the topology.
    Support {
        ApiGateway = "api-gateway", Alb = "alb", Queue = "queue", DeadLetterQueue = "dead-letter-queue",
        EventBus = "event-bus", RdsProxy = "rds-proxy", RelationalDb = "relational-db", Dynamodb = "dynamodb",
        S3 = "s3", Redis = "redis", Cdn = "cdn", EdgeCache = "edge-cache", StepFunctions = "step-functions",
        Temporal = "temporal", GpuPool = "gpu-pool", WebsocketGateway = "websocket-gateway",
        NatGateway = "nat-gateway",
    }
);

word_enum!(
    /// What a rule speaks to: what an architect would name as the deciding factor.
    Concern {
        Limit = "limit",
        Cost = "cost",
        ColdStart = "cold-start",
        State = "state",
        Gpu = "gpu",
        DataLocation = "data-location",
        Compliance = "compliance",
        Async = "async",
        Edge = "edge",
        Operations = "operations",
    }
);

impl Concern {
    /// How the concern reads in a list.
    pub fn label(self) -> &'static str {
        match self {
            Concern::Limit => "a platform limit (time, memory, size)",
            Concern::Cost => "cost at this volume and shape",
            Concern::ColdStart => "cold starts vs the latency target",
            Concern::State => "state and long-lived connections",
            Concern::Gpu => "GPU need",
            Concern::DataLocation => "where the data lives",
            Concern::Compliance => "compliance (dedicated hardware)",
            Concern::Async => "async work: queues, retries, waits",
            Concern::Edge => "latency to users (the edge)",
            Concern::Operations => "operational work (servers, clusters)",
        }
    }
}

/// A rule file: a list of rules.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    #[serde(deserialize_with = "crate::input::bounded_list")]
    #[schemars(length(max = 10000))]
    pub rules: Vec<RawRule>,
}

/// A rule as written. Rules are data only: a condition over traits and the effects it has.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Rule")]
pub struct RawRule {
    /// Unique across the rule base, kebab-case.
    pub id: String,
    /// One line a reader can scan.
    pub title: String,
    /// What it speaks to (limit, cost, cold-start, state, gpu, data-location,
    /// compliance, async, edge, operations). Default: limit for a rule that excludes,
    /// else cost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concern: Option<Concern>,
    /// When the rule fires.
    pub when: RawCond,
    /// Evaluate after the choice, and fire only when the component was placed on one of these.
    /// Such rules may add pieces, risks, notes and hints, but not exclude or score.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub placed_on: Vec<Placement>,
    /// Hard: placements that cannot run the component.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<Placement>,
    /// Soft: placements the rule favours, by `weight`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prefer: Vec<Placement>,
    /// Soft: placements the rule disfavours, by `weight`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub avoid: Vec<Placement>,
    /// Points for prefer and avoid (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<Dec>,
    /// Supporting pieces for the topology.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add: Vec<Support>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk: Option<RawRisk>,
    /// A note for the report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// A hint for the migration plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub migration: Option<String>,
    /// Why, in one or two sentences of the rule's own.
    pub rationale: String,
    /// A seed file and section, or a provider's documented limit.
    #[serde(default)]
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Risk")]
pub struct RawRisk {
    pub risk: String,
    pub mitigation: String,
}

/// A condition as written: exactly one of `all`, `any`, `not`, or a comparison of `trait`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Cond")]
pub struct RawCond {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all: Option<Vec<RawCond>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub any: Option<Vec<RawCond>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not: Option<Box<RawCond>>,
    /// The trait compared (see `archway rules traits`).
    #[serde(default, rename = "trait", skip_serializing_if = "Option::is_none")]
    pub trait_: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eq: Option<Operand>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ne: Option<Operand>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lt: Option<Operand>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub le: Option<Operand>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gt: Option<Operand>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ge: Option<Operand>,
    #[serde(default, rename = "in", skip_serializing_if = "Option::is_none")]
    pub in_: Option<Vec<Operand>>,
    /// Inclusive bounds: [low, high].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub between: Option<Vec<Operand>>,
}

/// The right-hand side of a comparison: a number, a word, true/false, or another trait
/// written `{ trait: NAME }`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Operand {
    Value(#[schemars(with = "serde_json::Value")] ValueRepr),
    Trait {
        #[serde(rename = "trait")]
        trait_: String,
    },
}

/// A literal value in a rule file.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueRepr(pub Value);

impl Serialize for ValueRepr {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Value::Number(d) => Dec(*d).serialize(s),
            Value::Word(w) => s.serialize_str(w),
            Value::Bool(b) => s.serialize_bool(*b),
        }
    }
}

impl<'de> Deserialize<'de> for Operand {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Operand;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number, a word, true/false, or { trait: NAME }")
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<Operand, E> {
                Ok(Operand::Value(ValueRepr(Value::Bool(b))))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Operand, E> {
                Ok(Operand::Value(ValueRepr(Value::Number(Decimal::from(n)))))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Operand, E> {
                Ok(Operand::Value(ValueRepr(Value::Number(Decimal::from(n)))))
            }
            fn visit_i128<E: de::Error>(self, n: i128) -> Result<Operand, E> {
                parse_decimal(&n.to_string())
                    .map(|d| Operand::Value(ValueRepr(Value::Number(d))))
                    .map_err(E::custom)
            }
            fn visit_u128<E: de::Error>(self, n: u128) -> Result<Operand, E> {
                parse_decimal(&n.to_string())
                    .map(|d| Operand::Value(ValueRepr(Value::Number(d))))
                    .map_err(E::custom)
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Operand, E> {
                // Display gives the shortest text that reads back as the same f64, which is
                // the literal as written for any threshold of up to 15 significant digits.
                parse_decimal(&n.to_string())
                    .map(|d| Operand::Value(ValueRepr(Value::Number(d))))
                    .map_err(E::custom)
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Operand, E> {
                Ok(Operand::Value(ValueRepr(Value::Word(s.to_string().into()))))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Operand, A::Error> {
                let mut name = None;
                while let Some(k) = m.next_key::<String>()? {
                    if k != "trait" {
                        return Err(de::Error::unknown_field(&k, &["trait"]));
                    }
                    name = Some(m.next_value::<String>()?);
                }
                name.map(|trait_| Operand::Trait { trait_ })
                    .ok_or_else(|| de::Error::missing_field("trait"))
            }
        }
        d.deserialize_any(V)
    }
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    Between,
}

impl Op {
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Ne => "≠",
            Op::Lt => "<",
            Op::Le => "≤",
            Op::Gt => ">",
            Op::Ge => "≥",
            Op::In => "in",
            Op::Between => "between",
        }
    }
}

/// A right-hand side, resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum Rhs {
    Value(Value),
    Trait(TraitRef),
}

/// A validated condition: trait names resolved against the registry.
#[derive(Debug, Clone, PartialEq)]
pub enum Cond {
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
    Cmp {
        trait_: TraitRef,
        op: Op,
        rhs: Vec<Rhs>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Risk {
    pub risk: String,
    pub mitigation: String,
}

/// A loaded rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub id: String,
    pub title: String,
    pub concern: Concern,
    pub when: Cond,
    pub placed_on: Vec<Placement>,
    pub exclude: Vec<Placement>,
    pub prefer: Vec<Placement>,
    pub avoid: Vec<Placement>,
    /// The placements `exclude`, `prefer` and `avoid` name, as a set of bits
    /// ([`Placement::bit`]): asked of every rule for every component decided.
    pub named: u64,
    pub weight: Decimal,
    pub add: Vec<Support>,
    pub risk: Option<Risk>,
    pub note: Option<String>,
    pub migration: Option<String>,
    pub rationale: String,
    pub source: String,
    /// The file the rule came from, and its index there, for lint positions.
    pub file: String,
    pub index: usize,
}

/// The ids of the placements in `ps` that `offered` keeps, comma-separated.
pub fn ids_among(ps: &[Placement], offered: impl Fn(Placement) -> bool) -> String {
    ps.iter()
        .filter(|p| offered(**p))
        .map(|p| p.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

impl Rule {
    /// A short statement of the rule's decision effects: "excludes lambda; prefers fargate (+2)".
    pub fn effect_summary(&self) -> String {
        self.effect_summary_among(|_| true)
    }

    /// [`Rule::effect_summary`] naming only the placements `offered` keeps: a workload on
    /// one cloud reads the rule's effect on its own placements, not on another cloud's.
    pub fn effect_summary_among(&self, offered: impl Fn(Placement) -> bool) -> String {
        let list = |ps: &[Placement]| ids_among(ps, &offered);
        let w = crate::cost::qty(self.weight);
        let mut parts = Vec::new();
        let exclude = list(&self.exclude);
        if !exclude.is_empty() {
            parts.push(format!("excludes {exclude}"));
        }
        let prefer = list(&self.prefer);
        if !prefer.is_empty() {
            parts.push(format!("prefers {prefer} (+{w})"));
        }
        let avoid = list(&self.avoid);
        if !avoid.is_empty() {
            parts.push(format!("avoids {avoid} (−{w})"));
        }
        if !self.add.is_empty() {
            parts.push(format!(
                "adds {}",
                self.add
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if self.risk.is_some() {
            parts.push("raises a risk".into());
        }
        if parts.is_empty() {
            parts.push(if self.migration.is_some() {
                "shapes the migration plan".into()
            } else {
                "leaves a note".into()
            });
        }
        parts.join("; ")
    }
}
