//! How far a recommendation is from changing: for each component, the break-evens of the
//! cheapest placement as one trait moves over a wide range around today's value, the
//! smallest change in one trait that changes the recommended placement, and the whole
//! system's bill as all traffic scales together. The report's sensitivity section renders
//! it; the numbers are computed here, on the same sweeps as `archway sweep`.

use rust_decimal::Decimal;
use rust_decimal::dec;

use crate::advisor::{Advice, advise_with};
use rayon::prelude::*;

use crate::analysis::sweep::{self, Flip, Points, Range, Sweep, SweepError, Vary};
use crate::cost::{CostError, Detail, Pricing};
use crate::rules::RuleBase;
use crate::workload::Workload;

/// The most components whose break-evens and flips a report solves: each takes a few
/// hundred pricings, so a system of thousands is reported on its costliest parts.
pub const SENSITIVITY_COMPONENTS: usize = 100;

/// The traits whose break-evens are solved, and the range around today's value (as
/// factors of it).
pub const BREAK_EVEN_TRAITS: [(Vary, Decimal, Decimal); 3] = [
    (Vary::RequestsPerMonth, dec!(0.001), dec!(1000)),
    (Vary::DurationMs, dec!(0.01), dec!(100)),
    (Vary::ActiveHoursPerDay, dec!(0.01), dec!(100)),
];

/// The traits searched for a change of recommendation.
pub const FLIP_TRAITS: [Vary; 3] = [Vary::RequestsPerMonth, Vary::DurationMs, Vary::MemoryMb];

/// The factors every component's traffic is scaled by together.
pub const TRAFFIC_FACTORS: [Decimal; 7] = [
    dec!(0.01),
    dec!(0.1),
    dec!(0.5),
    dec!(1),
    dec!(2),
    dec!(10),
    dec!(100),
];

/// The whole analysis of one workload.
#[derive(Debug, Clone, PartialEq)]
pub struct Sensitivity {
    /// The components covered (indices in file order): all of them, or the
    /// [`SENSITIVITY_COMPONENTS`] costliest.
    pub components: Vec<usize>,
    /// One sweep per covered component and trait of [`BREAK_EVEN_TRAITS`] whose range is
    /// not empty, in that order.
    pub break_evens: Vec<TraitSweep>,
    /// One search per covered component and trait of [`FLIP_TRAITS`], in that order.
    pub flips: Vec<TraitFlip>,
    /// (factor, monthly cost of the recommended system with every component's traffic
    /// scaled by it, placements re-chosen), for each of [`TRAFFIC_FACTORS`].
    pub scaling: Vec<(Decimal, Decimal)>,
}

/// Component `component`'s sweep over one trait around today's value.
#[derive(Debug, Clone, PartialEq)]
pub struct TraitSweep {
    pub component: usize,
    pub vary: Vary,
    pub today: Decimal,
    pub sweep: Sweep,
}

/// The nearest change of component `component`'s recommendation as one trait moves.
#[derive(Debug, Clone, PartialEq)]
pub struct TraitFlip {
    pub component: usize,
    pub vary: Vary,
    /// Today's value of the trait.
    pub today: Decimal,
    /// `None`: no change within 1,024× either way.
    pub flip: Option<Flip>,
}

/// Break-evens, flips and scaling of `w`, whose advice is `a`.
pub fn analyse(
    w: &Workload,
    a: &Advice,
    rules: &RuleBase,
    pricing: &Pricing,
) -> Result<Sensitivity, CostError> {
    let components = covered(w, a);
    let (solved, scaling) = rayon::join(
        || solve(w, &components, rules, pricing),
        || scaling(w, rules, pricing),
    );
    let (break_evens, flips) = solved?;
    let scaling = scaling?;
    Ok(Sensitivity {
        components,
        break_evens,
        flips,
        scaling,
    })
}

/// The components the analysis covers, in file order: all of them, or the
/// [`SENSITIVITY_COMPONENTS`] costliest on their chosen placements.
pub fn covered(w: &Workload, a: &Advice) -> Vec<usize> {
    if w.components.len() <= SENSITIVITY_COMPONENTS {
        return (0..w.components.len()).collect();
    }
    let cost = |i: usize| {
        let d = &a.decisions[i];
        d.placement
            .and_then(|p| a.costs.components[i].option(p))
            .map(|o| o.monthly)
            .unwrap_or_default()
    };
    let mut by_cost: Vec<usize> = (0..w.components.len()).collect();
    by_cost.sort_by(|x, y| cost(*y).cmp(&cost(*x)).then(x.cmp(y)));
    by_cost.truncate(SENSITIVITY_COMPONENTS);
    by_cost.sort_unstable();
    by_cost
}

/// Where the cheapest placement of each component in `which` changes as one trait of
/// [`BREAK_EVEN_TRAITS`] moves over its range around today's value, solved exactly.
pub fn break_evens(
    w: &Workload,
    which: &[usize],
    rules: &RuleBase,
    pricing: &Pricing,
) -> Result<Vec<TraitSweep>, CostError> {
    let mut out = Vec::new();
    for &idx in which {
        for t in BREAK_EVEN_TRAITS {
            let mut points = Points::new(w, idx, t.0, rules, pricing);
            out.extend(trait_break_even(w, idx, t, &mut points)?);
        }
    }
    Ok(out)
}

/// The smallest change in each trait of [`FLIP_TRAITS`] that changes the recommended
/// placement of each component in `which`.
pub fn flips(
    w: &Workload,
    which: &[usize],
    rules: &RuleBase,
    pricing: &Pricing,
) -> Result<Vec<TraitFlip>, CostError> {
    let mut out = Vec::new();
    for &idx in which {
        for vary in FLIP_TRAITS {
            let mut points = Points::new(w, idx, vary, rules, pricing);
            out.push(trait_flip(w, idx, vary, &mut points)?);
        }
    }
    Ok(out)
}

/// [`break_evens`] and [`flips`] together: each component's trait on one set of points (a
/// value priced for a break-even is not priced again for a flip), every component's traits
/// side by side on every core (a component's traits are independent of each other, and
/// one component may take far longer than the rest), the traits both searches move first.
/// The same results, and the same first error, as the two in turn.
fn solve(
    w: &Workload,
    which: &[usize],
    rules: &RuleBase,
    pricing: &Pricing,
) -> Result<(Vec<TraitSweep>, Vec<TraitFlip>), CostError> {
    // Every trait moved, once each: the break-evens' in their order, then the flips' not
    // among them (FLIP_TRAITS lists the shared ones in the break-evens' order, so each
    // list's results come out in its own order).
    let moved: Vec<Vary> = BREAK_EVEN_TRAITS
        .iter()
        .map(|t| t.0)
        .chain(
            FLIP_TRAITS
                .iter()
                .copied()
                .filter(|v| BREAK_EVEN_TRAITS.iter().all(|t| t.0 != *v)),
        )
        .collect();
    let tasks: Vec<(usize, Vary)> = which
        .iter()
        .flat_map(|&idx| moved.iter().map(move |&vary| (idx, vary)))
        .collect();
    type Solved = (
        Option<Result<Option<TraitSweep>, CostError>>,
        Option<Result<TraitFlip, CostError>>,
    );
    let run = |&(idx, vary): &(usize, Vary)| -> Solved {
        let mut points = Points::new(w, idx, vary, rules, pricing);
        let sweep = BREAK_EVEN_TRAITS
            .iter()
            .find(|(v, _, _)| *v == vary)
            .map(|&(_, down, up)| trait_break_even(w, idx, (vary, down, up), &mut points));
        // A break-even's error is the answer whatever the flip gives.
        let flip = match &sweep {
            Some(Err(_)) => None,
            _ => FLIP_TRAITS
                .contains(&vary)
                .then(|| trait_flip(w, idx, vary, &mut points)),
        };
        (sweep, flip)
    };
    let solved = longest_first(&tasks, |&(_, vary)| searches(vary), run);
    let (sweeps, flips): (Vec<_>, Vec<_>) = solved.into_iter().unzip();
    // In the order of the components, then of each list of traits.
    let sweeps = sweeps
        .into_iter()
        .flatten()
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .flatten()
        .collect();
    let flips = flips.into_iter().flatten().collect::<Result<Vec<_>, _>>()?;
    Ok((sweeps, flips))
}

/// How many of the two searches (a break-even sweep, a flip search) move `vary`: a rough
/// measure of how long its task takes.
fn searches(vary: Vary) -> usize {
    usize::from(BREAK_EVEN_TRAITS.iter().any(|t| t.0 == vary))
        + usize::from(FLIP_TRAITS.contains(&vary))
}

/// `run` on every task, on every core, the results in the tasks' order. The tasks are
/// taken one at a time by whichever core is free, those `weight` says are longest first
/// (ties in their order): a long task started last would otherwise run alone at the end
/// while the other cores wait.
fn longest_first<T: Sync, R: Send>(
    tasks: &[T],
    weight: impl Fn(&T) -> usize,
    run: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let mut order: Vec<usize> = (0..tasks.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(weight(&tasks[i])));
    let next = AtomicUsize::new(0);
    let done: Vec<Vec<(usize, R)>> = (0..rayon::current_num_threads().min(tasks.len()))
        .into_par_iter()
        .map(|_| {
            let mut mine = Vec::new();
            while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                mine.push((i, run(&tasks[i])));
            }
            mine
        })
        .collect();
    let mut all: Vec<(usize, R)> = done.into_iter().flatten().collect();
    all.sort_unstable_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, r)| r).collect()
}

/// Component `idx`'s sweep over one trait of [`BREAK_EVEN_TRAITS`], from `down` to `up`
/// times today's value; `None` when the range is empty.
fn trait_break_even(
    w: &Workload,
    idx: usize,
    (vary, down, up): (Vary, Decimal, Decimal),
    points: &mut Points,
) -> Result<Option<TraitSweep>, CostError> {
    let today = sweep::current(w, idx, vary);
    let res = vary.resolution();
    let from = ((today * down) / res).floor().max(Decimal::ONE) * res;
    // Within what a workload file accepts (today's value is, so the product fits).
    let to = (today * up).min(vary.ceiling(w));
    if today <= Decimal::ZERO || from >= to {
        return Ok(None);
    }
    let range = Range {
        vary,
        from,
        to,
        steps: 12,
    };
    match sweep::sweep_in(points, range) {
        Ok(sweep) => Ok(Some(TraitSweep {
            component: idx,
            vary,
            today,
            sweep,
        })),
        Err(SweepError::Cost(e)) => Err(e),
        Err(SweepError::Input(_)) => Ok(None),
    }
}

/// Component `idx`'s flip over one trait.
fn trait_flip(
    w: &Workload,
    idx: usize,
    vary: Vary,
    points: &mut Points,
) -> Result<TraitFlip, CostError> {
    Ok(TraitFlip {
        component: idx,
        vary,
        today: sweep::current(w, idx, vary),
        flip: sweep::flip_in(points)?,
    })
}

/// The monthly cost of the recommended system (placements re-chosen) with every
/// component's traffic scaled together by each of [`TRAFFIC_FACTORS`].
pub fn scaling(
    w: &Workload,
    rules: &RuleBase,
    pricing: &Pricing,
) -> Result<Vec<(Decimal, Decimal)>, CostError> {
    // The factors side by side; the first error in their order, as one at a time gives.
    TRAFFIC_FACTORS
        .par_iter()
        .map(|&f| {
            let mut scaled = w.clone();
            for (idx, c) in w.components.iter().enumerate() {
                let value = (c.requests_per_month * f).round();
                scaled.components[idx] =
                    sweep::component_with_value(w, idx, Vary::RequestsPerMonth, value).map_err(
                        |source| CostError::Overflow {
                            component: c.name.clone(),
                            source,
                        },
                    )?;
            }
            Ok((
                f,
                advise_with(&scaled, rules, pricing, Detail::Numbers)?.monthly,
            ))
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_first_runs_each_task_once_and_answers_in_their_order() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let tasks: Vec<usize> = (0..100).collect();
        let runs = AtomicUsize::new(0);
        let out = longest_first(
            &tasks,
            |t| t % 7,
            |t| {
                runs.fetch_add(1, Ordering::Relaxed);
                t * 2
            },
        );
        assert_eq!(out, (0..100).map(|t| t * 2).collect::<Vec<_>>());
        assert_eq!(runs.load(Ordering::Relaxed), 100);
        assert!(longest_first(&[] as &[usize], |_| 0, |t| *t).is_empty());
    }

    #[test]
    fn solved_side_by_side_as_one_after_the_other() {
        let rules = RuleBase::embedded();
        let pricing = Pricing::embedded();
        for (file, text) in crate::examples::WORKLOADS
            .iter()
            .filter(|(f, _)| f.contains("rails-monolith") || f.contains("order-workflow"))
        {
            let w = crate::workload::load_str(file, text).unwrap().0;
            let all: Vec<usize> = (0..w.components.len()).collect();
            let (sweeps, flips) = solve(&w, &all, &rules, &pricing).unwrap();
            assert!(!sweeps.is_empty() && !flips.is_empty(), "{file}");
            assert_eq!(
                sweeps,
                break_evens(&w, &all, &rules, &pricing).unwrap(),
                "{file}"
            );
            assert_eq!(
                flips,
                super::flips(&w, &all, &rules, &pricing).unwrap(),
                "{file}"
            );
        }
    }
}
