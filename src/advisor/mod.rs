//! `advise()`: the one place that joins the workload, the rules and the cost model.
//! It does no I/O and is deterministic: the same inputs give the same Advice.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use crate::cost::{
    self, CostAssumptions, CostError, CostOption, Detail, Line, WorkloadCost, money,
};
use crate::placement::Placement;
use crate::rules::RuleBase;
use crate::rules::engine::{self, Decision};
use crate::workload::Workload;

/// Everything archway concludes about a workload.
#[derive(Debug, Clone, PartialEq)]
pub struct Advice {
    pub workload: String,
    pub decisions: Vec<Decision>,
    pub costs: WorkloadCost,
    /// The recommended system's monthly cost, each shared fee counted once.
    pub monthly: Decimal,
    /// Shared fees that more than one component's option carried, counted once in `monthly`.
    pub shared_fees_deduplicated: Vec<String>,
    /// Corrections to the sum of the chosen options (pooled Lambda free tier and tiers).
    pub adjustments: Vec<Line>,
    pub assumptions: CostAssumptions,
    /// When the workload names several clouds: the same system on each of them alone.
    pub elsewhere: Vec<Elsewhere>,
    /// Each component's index in `decisions`, by name.
    by_name: BTreeMap<String, usize>,
    /// Whether the bills and decisions keep their words (what [`advise_after`] may reuse).
    detail: Detail,
}

/// The same system with one cloud's placements only (and Cloudflare Workers).
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct Elsewhere {
    pub provider: crate::placement::Provider,
    /// Its monthly total, of what it can run and price.
    #[schemars(with = "crate::cost::MoneyJson")]
    #[serde(rename = "monthly_usd", serialize_with = "crate::cost::money2")]
    pub monthly: Decimal,
    /// Each component's placement on that cloud alone.
    pub placements: Vec<PlacedOn>,
    /// The components no placement of that cloud can run: the total leaves them out.
    pub unplaced: Vec<String>,
    /// The stores that cloud's catalog does not price: the total leaves them out.
    pub stores_not_priced: Vec<String>,
}

/// A component's placement on one cloud alone.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct PlacedOn {
    pub component: String,
    /// `null` when no placement of that cloud can run it.
    pub placement: Option<Placement>,
}

/// One row of the system's bill; the rows add up to [`Advice::monthly`].
#[derive(Debug, Clone, PartialEq)]
pub struct BillRow {
    pub what: String,
    pub kind: RowKind,
    pub monthly: Decimal,
}

/// What a row of the system's bill is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A component on its placement (a shared fee counted at its first user).
    Component,
    /// A data store, priced once.
    Store,
    /// A correction across components (pooled free tier and volume tiers).
    Adjustment,
}

impl Advice {
    /// The system's bill as rows that add up to the total: each component's option with
    /// a shared fee (a control plane, a plan, NAT gateways) counted at its first user,
    /// then the stores, then the adjustments.
    pub fn bill(&self) -> Vec<BillRow> {
        let mut seen = BTreeSet::new();
        let mut rows: Vec<BillRow> = self
            .chosen()
            .map(|(d, o)| BillRow {
                what: d.component.clone(),
                kind: RowKind::Component,
                monthly: o
                    .lines
                    .iter()
                    .filter(|l| l.shared.is_none_or(|k| seen.insert(k)))
                    .map(|l| l.amount)
                    .sum(),
            })
            .collect();
        rows.extend(self.costs.stores.iter().map(|s| BillRow {
            what: s.name.clone(),
            kind: RowKind::Store,
            monthly: s.monthly,
        }));
        rows.extend(self.adjustments.iter().map(|l| BillRow {
            what: l.item.clone(),
            kind: RowKind::Adjustment,
            monthly: l.amount,
        }));
        rows
    }

    /// The chosen option of each component that has one.
    pub fn chosen(&self) -> impl Iterator<Item = (&Decision, &CostOption)> {
        self.decisions
            .iter()
            .zip(&self.costs.components)
            .filter_map(|(d, c)| d.placement.and_then(|p| c.option(p)).map(|o| (d, o)))
    }

    pub fn decision(&self, component: &str) -> Option<&Decision> {
        self.by_name
            .get(component)
            .and_then(|&i| self.decisions.get(i))
    }

    pub fn placement(&self, component: &str) -> Option<Placement> {
        self.decision(component).and_then(|d| d.placement)
    }
}

/// Advises on a workload: prices every placement, runs the rules, picks and explains.
pub fn advise(
    w: &Workload,
    rules: &RuleBase,
    pricing: &cost::Pricing,
) -> Result<Advice, CostError> {
    advise_with(w, rules, pricing, Detail::Words)
}

/// [`advise`] with or without the words. Without them every figure, placement, score and
/// exclusion is the same; the bills' items, formulas, sources and derivations and the
/// decisions' reasons are left empty. For what shows only figures: sweeps, portfolios.
pub fn advise_with(
    w: &Workload,
    rules: &RuleBase,
    pricing: &cost::Pricing,
    detail: Detail,
) -> Result<Advice, CostError> {
    advise_reusing(w, rules, pricing, detail, |_| None)
}

/// [`advise_with`] of `w` after `before`, the advice on `was` with the same rules,
/// pricing and detail: the components `w` has as `was` had them (a what-if on one of
/// them leaves the rest as they were) keep their bills and decisions, and only the others
/// are priced and decided again. The answer is the same as [`advise_with`]'s: a
/// component's options and decision depend on it and the workload's settings (region,
/// clouds, assumptions, stores, today's platform, how many components: [`same_settings`]),
/// not on the other components, so nothing is reused when a setting differs; the
/// system's total, pooled free tiers and other clouds are worked out again from the
/// components'.
pub fn advise_after(
    (was, before): (&Workload, &Advice),
    w: &Workload,
    rules: &RuleBase,
    pricing: &cost::Pricing,
    detail: Detail,
) -> Result<Advice, CostError> {
    if before.detail != detail
        || !same_settings(was, w)
        || was.components.len() != before.decisions.len()
    {
        return advise_with(w, rules, pricing, detail);
    }
    advise_reusing(w, rules, pricing, detail, |i| {
        (was.components.get(i) == w.components.get(i)).then(|| {
            (
                before.costs.components[i].clone(),
                before.decisions[i].clone(),
            )
        })
    })
}

/// Whether two workloads have the same settings: everything but their components (and
/// their name and description, which no figure reads), and as many components (a rule
/// may weigh the size of the system). What a component's options and decision depend
/// on, besides the component itself.
pub fn same_settings(a: &Workload, b: &Workload) -> bool {
    // Spelled out so that a new setting is not forgotten here.
    let Workload {
        name: _,
        description: _,
        region,
        providers,
        assumptions,
        current,
        stores,
        components,
    } = a;
    components.len() == b.components.len()
        && *region == b.region
        && *providers == b.providers
        && *assumptions == b.assumptions
        && *current == b.current
        && *stores == b.stores
}

fn advise_reusing(
    w: &Workload,
    rules: &RuleBase,
    pricing: &cost::Pricing,
    detail: Detail,
    known: impl Fn(usize) -> Option<(cost::ComponentCost, Decision)>,
) -> Result<Advice, CostError> {
    let (costs, decisions) = cost::cost_workload_reusing(w, pricing, detail, known, |c, cc| {
        engine::decide_with(w, c, cc, rules, detail).map_err(|source| CostError::Overflow {
            component: c.name.clone(),
            source,
        })
    })?;
    let system = |source| CostError::Overflow {
        component: "(system total)".into(),
        source,
    };
    let (chosen_total, deduped) = system_total(
        decisions
            .iter()
            .zip(&costs.components)
            .filter_map(|(d, c)| d.placement.and_then(|p| c.option(p))),
    );
    let stores =
        money::sum("the stores", costs.stores.iter().map(|s| s.monthly)).map_err(system)?;
    let mut monthly = money::sum("the system total", [chosen_total, stores]).map_err(system)?;
    let mut adjustments = Vec::new();
    let alone = chosen(&decisions, &costs, Placement::Lambda);
    if alone.len() > 1 {
        let region = cost::region(w, pricing)?;
        let adj = cost::lambda_pool_adjustment(&alone, region, w.assumptions.free_tier)
            .map_err(system)?;
        if let Some(line) = adj {
            monthly = money::sum("the system total", [monthly, line.amount]).map_err(system)?;
            adjustments.push(line);
        }
    }
    // Cloud Run's free grant is per billing account too: services and functions together.
    let on_cloud_run = |p: Option<Placement>| {
        matches!(p, Some(Placement::CloudRun | Placement::CloudRunFunctions))
    };
    let alone: Vec<&CostOption> = decisions
        .iter()
        .zip(&costs.components)
        .filter(|(d, _)| on_cloud_run(d.placement))
        .filter_map(|(d, c)| d.placement.and_then(|p| c.option(p)))
        .collect();
    if alone.len() > 1 {
        let region = cost::region(w, pricing)?;
        let adj = cost::cloud_run_pool_adjustment(&alone, region, w.assumptions.free_tier)
            .map_err(system)?;
        if let Some(line) = adj {
            monthly = money::sum("the system total", [monthly, line.amount]).map_err(system)?;
            adjustments.push(line);
        }
    }
    // With several clouds, the same system on each alone (each priced like this one).
    let mut elsewhere = Vec::new();
    if w.providers.len() > 1 {
        for p in &w.providers {
            let mut alone = w.clone();
            alone.providers = vec![*p];
            let a = advise_with(&alone, rules, pricing, detail)?;
            elsewhere.push(Elsewhere {
                provider: *p,
                monthly: a.monthly,
                placements: a
                    .decisions
                    .iter()
                    .map(|d| PlacedOn {
                        component: d.component.clone(),
                        placement: d.placement,
                    })
                    .collect(),
                unplaced: a
                    .decisions
                    .iter()
                    .filter(|d| d.placement.is_none())
                    .map(|d| d.component.clone())
                    .collect(),
                stores_not_priced: a
                    .costs
                    .stores
                    .iter()
                    .filter(|s| s.not_priced.is_some())
                    .map(|s| s.name.clone())
                    .collect(),
            });
        }
    }
    let mut by_name = BTreeMap::new();
    for (i, d) in decisions.iter().enumerate() {
        by_name.entry(d.component.clone()).or_insert(i);
    }
    Ok(Advice {
        by_name,
        detail,
        workload: w.name.clone(),
        assumptions: costs.assumptions.clone(),
        decisions,
        costs,
        monthly,
        shared_fees_deduplicated: deduped,
        adjustments,
        elsewhere,
    })
}

/// The options of the components placed on `p`.
fn chosen<'a>(
    decisions: &[Decision],
    costs: &'a WorkloadCost,
    p: Placement,
) -> Vec<&'a CostOption> {
    decisions
        .iter()
        .zip(&costs.components)
        .filter(|(d, _)| d.placement == Some(p))
        .filter_map(|(_, c)| c.option(p))
        .collect()
}

/// Sums options, counting each shared fee (an EKS control plane, a Workers plan) once.
///
/// Plain sums are exact here: each option's total is at most [`cost::MAX_MONTHLY`]
/// (the cost model refuses more), so a sum over any workload archway can read stays
/// far inside the range of a decimal.
pub fn system_total<'a>(options: impl Iterator<Item = &'a CostOption>) -> (Decimal, Vec<String>) {
    let mut seen = BTreeSet::new();
    let mut deduped = BTreeSet::new();
    let mut total = Decimal::ZERO;
    for o in options {
        for l in &o.lines {
            match l.shared {
                Some(key) if !seen.insert(key) => {
                    deduped.insert(key.to_string());
                }
                _ => total += l.amount,
            }
        }
    }
    (total, deduped.into_iter().collect())
}

#[cfg(test)]
mod extremes;
#[cfg(test)]
mod invariants;

#[cfg(test)]
mod tests {
    use rust_decimal::dec;

    use super::*;
    use crate::workload::load_str;

    #[test]
    fn lambda_free_tier_counts_once_per_system() {
        // Each function alone fits the free tier exactly (1M requests, 400,000 GB-s) and is
        // free; together they pay for the second million and the second 400,000 GB-s.
        let yaml = "name: two\ncomponents:\n  - { name: a, kind: worker, traffic: { requests_per_month: 1000000 }, duration_ms: 400, memory_mb: 1024 }\n  - { name: b, kind: worker, traffic: { requests_per_month: 1000000 }, duration_ms: 400, memory_mb: 1024 }\n";
        let (w, _) = load_str("two.yaml", yaml).unwrap();
        let a = advise(&w, &RuleBase::embedded(), &cost::Pricing::embedded()).unwrap();
        assert_eq!(a.placement("a"), Some(Placement::Lambda));
        assert_eq!(a.placement("b"), Some(Placement::Lambda));
        let lambda_lines = |o: &CostOption| -> Decimal {
            o.lines
                .iter()
                .filter(|l| l.item.starts_with("Lambda"))
                .map(|l| l.amount)
                .sum()
        };
        assert!(a.chosen().all(|(_, o)| lambda_lines(o).is_zero()));
        // $0.20 of requests + 400,000 × $0.0000166667 = $6.67.
        assert_eq!(a.adjustments.len(), 1);
        assert_eq!(a.adjustments[0].amount, dec!(6.87));
        // The rest of each option (its queue, its logs) is added as it is.
        let rest: Decimal = a.chosen().map(|(_, o)| o.monthly).sum();
        assert_eq!(a.monthly, dec!(6.87) + rest);
        // The bill's rows add up to the total.
        assert_eq!(
            a.bill().iter().map(|r| r.monthly).sum::<Decimal>(),
            a.monthly
        );
    }

    #[test]
    fn shared_fees_are_counted_once() {
        let yaml = "name: k8s\ncomponents:\n  - { name: a, kind: worker, traffic: { requests_per_month: 1 }, container: { instance_type: m5.large, nodes: 1 } }\n";
        let (w, _) = load_str("k.yaml", yaml).unwrap();
        let c = cost::cost_workload(&w, &cost::Pricing::embedded()).unwrap();
        let eks = c.components[0].option(Placement::Eks).unwrap();
        let (total, deduped) = system_total([eks, eks].into_iter());
        // Control plane $73.00 once, m5.large 730 h × $0.096 = $70.08 twice.
        assert_eq!(total, dec!(73.00) + dec!(70.08) * dec!(2));
        assert_eq!(deduped, ["eks-control-plane"]);
    }
}
