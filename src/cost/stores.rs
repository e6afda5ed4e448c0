//! Data stores: what a database, table, bucket or cache costs the system, once, however
//! many components use it. (The requests each component makes to it are on that
//! component's bill.)

use crate::cost::{charge, derivation, derivation_as};
use rust_decimal::Decimal;
use rust_decimal::dec;
use serde::Serialize;

use super::catalog::{DbClass, RegionPrices};
use super::money::prod;
use super::{Bill, Derivation, Figure, Line, Overflow, Qty, money};
use crate::cost::money::RoundEven;
use crate::workload::{Engine, Origin, StoreDef, Workload};

/// A store's monthly bill.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct StoreCost {
    pub name: String,
    pub engine: Engine,
    /// Declared under `stores:` (otherwise implied by the components that name its engine).
    pub declared: bool,
    /// The components that use it, in file order.
    pub used_by: Vec<String>,
    #[schemars(with = "crate::cost::MoneyJson")]
    #[serde(rename = "monthly_usd", serialize_with = "super::money2")]
    pub monthly: Decimal,
    pub lines: Vec<Line>,
    pub derivations: Vec<Derivation>,
    /// Why it is not priced, when it is not.
    pub not_priced: Option<String>,
}

/// Prices every store of the workload.
pub fn price_all(w: &Workload, r: &RegionPrices) -> Result<Vec<StoreCost>, Overflow> {
    w.stores
        .iter()
        .enumerate()
        .map(|(i, s)| price(w, i, s, r))
        .collect()
}

fn class<'a>(list: &'a [DbClass], s: &StoreDef, default: &str) -> Result<&'a DbClass, String> {
    let want = s.instance_class.as_deref().unwrap_or(default);
    list.iter().find(|c| c.class == want).ok_or_else(|| {
        format!(
            "the catalog has no {} class `{want}` (it has: {})",
            s.engine.title(),
            list.iter()
                .map(|c| c.class.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}

fn price(
    w: &Workload,
    index: usize,
    s: &StoreDef,
    r: &RegionPrices,
) -> Result<StoreCost, Overflow> {
    let users: Vec<&crate::workload::Component> = w
        .components
        .iter()
        .filter(|c| c.data.store_index == Some(index))
        .collect();
    let hours = w.assumptions.hours_per_month;
    let mut b = Bill::default();
    let given = |f: &str| match s.origin(f) {
        Origin::Given => "",
        _ => " (default)",
    };
    let not_priced: Option<String> = match s.engine {
        Engine::Postgres => match class(&r.rds.postgres, s, "db.t4g.medium") {
            Err(e) => Some(e),
            Ok(k) => {
                let copies = if s.multi_az {
                    Decimal::TWO
                } else {
                    Decimal::ONE
                };
                // A Multi-AZ writer keeps a standby; readers are single copies.
                let instances = s.instances + copies - Decimal::ONE;
                charge!(b,
                    "rds.instances",
                    format!("{}: {}{}", s.engine.title(), k.class, if s.multi_az { " Multi-AZ" } else { "" }),
                    prod("instance-hours", &[instances, hours])?,
                    "instance-hour",
                    &k.hour,
                    &format!(
                        "{} instance{}{} × {} h",
                        Qty(instances),
                        if instances == Decimal::ONE { "" } else { "s" },
                        if s.multi_az { " (a writer and its standby)" } else { "" },
                        Qty(hours)
                    ),
                )?;
                derivation_as!(b,
                    "database",
                    format!("{} ({} vCPU, {} GB)", k.class, Qty(k.vcpu.0), Qty(k.memory_gb.0)),
                    format!(
                        "class{}, {}{}",
                        given("instance_class"),
                        if s.multi_az { "Multi-AZ" } else { "single-AZ" },
                        given("multi_az")
                    ),
                    s.origin("instance_class"),
                );
                charge!(b,
                    "rds.storage",
                    format!("{} storage (gp3)", s.engine.title()),
                    prod("storage GB-months", &[s.storage_gb, copies])?,
                    "GB-month",
                    &r.rds.storage_gb_month,
                    &format!(
                        "{} GB{}{}",
                        Qty(s.storage_gb),
                        given("storage_gb"),
                        if s.multi_az { " × 2 copies" } else { "" }
                    ),
                )?;
                None
            }
        },
        Engine::AuroraServerless => {
            // Capacity follows the load between the range's ends: the users' average
            // against their peak says where in the range it sits on average.
            let avg: Decimal = users
                .iter()
                .map(|c| c.requests_per_month / (hours * dec!(3600)))
                .sum();
            let peak: Decimal = users.iter().map(|c| c.peak_rps).sum();
            let load = if peak.is_zero() {
                Decimal::ZERO
            } else {
                (avg / peak).min(Decimal::ONE)
            };
            let acu = s.acu_min + (s.acu_max - s.acu_min) * load;
            derivation_as!(b,
                "average ACUs",
                Figure::count(acu.round_even(4), "ACU"),
                format!(
                    "{} + ({} − {}) × {} (the users' average ÷ peak load); range{}",
                    Qty(s.acu_min),
                    Qty(s.acu_max),
                    Qty(s.acu_min),
                    Qty(load.round_even(4)),
                    given("acu")
                ),
                s.origin("acu"),
            );
            charge!(b,
                "aurora.acu",
                "Aurora Serverless v2 capacity",
                prod("ACU-hours", &[acu, hours])?,
                "ACU-hour",
                &r.aurora.serverless_acu_hour,
                &format!("{} ACUs × {} h", Qty(acu.round_even(4)), Qty(hours)),
            )?;
            charge!(b,
                "aurora.storage",
                "Aurora storage",
                s.storage_gb,
                "GB-month",
                &r.aurora.storage_gb_month,
                &format!("{} GB{}", Qty(s.storage_gb), given("storage_gb")),
            )?;
            None
        }
        Engine::Dynamodb => {
            let d = &r.dynamodb;
            let free = if w.assumptions.free_tier {
                d.free_storage_gb.quantity.0
            } else {
                Decimal::ZERO
            };
            charge!(b,
                "dynamodb.storage",
                "DynamoDB storage",
                (s.storage_gb - free).max(Decimal::ZERO),
                "GB-month",
                &d.storage_gb_month,
                &format!(
                    "max(0, {} GB{} − {} free)",
                    Qty(s.storage_gb),
                    given("storage_gb"),
                    Qty(free)
                ),
            )?;
            None
        }
        Engine::S3 => {
            charge!(b,
                "s3.storage",
                "S3 Standard storage",
                s.storage_gb,
                "GB-month",
                &r.s3.storage_gb_month,
                &format!("{} GB{}", Qty(s.storage_gb), given("storage_gb")),
            )?;
            None
        }
        Engine::Redis => match class(&r.elasticache.redis, s, "cache.t4g.small") {
            Err(e) => Some(e),
            Ok(k) => {
                charge!(b,
                    "elasticache.nodes",
                    format!("ElastiCache for Redis: {}", k.class),
                    prod("node-hours", &[s.instances, hours])?,
                    "node-hour",
                    &k.hour,
                    &format!(
                        "{} node{}{} × {} h",
                        Qty(s.instances),
                        if s.instances == Decimal::ONE { "" } else { "s" },
                        given("instances"),
                        Qty(hours)
                    ),
                )?;
                derivation_as!(b,
                    "cache",
                    format!("{} ({} GB)", k.class, Qty(k.memory_gb.0)),
                    format!("node type{}", given("instance_class")),
                    s.origin("instance_class"),
                );
                None
            }
        },
        Engine::Mysql => Some(
            "the catalog has no RDS for MySQL prices yet; declare the store as postgres to price a like-for-like instance".into(),
        ),
        Engine::Aurora => Some(
            "the catalog has no provisioned Aurora instance prices yet; aurora-serverless is priced".into(),
        ),
        Engine::Memcached => Some("the catalog has no ElastiCache for Memcached prices yet".into()),
        Engine::Mongodb => Some(
            "MongoDB Atlas and DocumentDB are not in the catalog; a key-value design on DynamoDB is".into(),
        ),
    };
    if !s.declared {
        derivation!(
            b,
            "sizing",
            "defaults",
            format!(
                "no store is declared under `stores:`; `{}` was named by {} and priced at the defaults above (declare it to size it)",
                s.name,
                users
                    .iter()
                    .map(|c| c.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
    }
    let monthly = money::sum("the store's total", b.lines.iter().map(|l| l.amount))?;
    let monthly = money::monthly(&format!("store `{}`", s.name), monthly)?;
    Ok(StoreCost {
        name: s.name.clone(),
        engine: s.engine,
        declared: s.declared,
        used_by: users.iter().map(|c| c.name.clone()).collect(),
        monthly,
        lines: b.lines,
        derivations: b.derivations,
        not_priced,
    })
}
