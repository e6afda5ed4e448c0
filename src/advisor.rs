//! `advise()`: the one place that joins the workload, the rules and the cost model.
//! It does no I/O and is deterministic: the same inputs give the same Advice.

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use crate::cost::{self, CostAssumptions, CostError, CostOption, WorkloadCost};
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
    pub assumptions: CostAssumptions,
}

impl Advice {
    /// The chosen option of each component that has one.
    pub fn chosen(&self) -> impl Iterator<Item = (&Decision, &CostOption)> {
        self.decisions
            .iter()
            .zip(&self.costs.components)
            .filter_map(|(d, c)| d.placement.and_then(|p| c.option(p)).map(|o| (d, o)))
    }

    pub fn decision(&self, component: &str) -> Option<&Decision> {
        self.decisions.iter().find(|d| d.component == component)
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
    let costs = cost::cost_workload(w, pricing)?;
    let decisions: Vec<Decision> = w
        .components
        .iter()
        .zip(&costs.components)
        .map(|(c, cc)| engine::decide(w, c, cc, rules))
        .collect();
    let (monthly, deduped) = system_total(
        decisions
            .iter()
            .zip(&costs.components)
            .filter_map(|(d, c)| d.placement.and_then(|p| c.option(p))),
    );
    Ok(Advice {
        workload: w.name.clone(),
        assumptions: costs.assumptions.clone(),
        decisions,
        costs,
        monthly,
        shared_fees_deduplicated: deduped,
    })
}

/// Sums options, counting each shared fee (an EKS control plane, a Workers plan) once.
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
