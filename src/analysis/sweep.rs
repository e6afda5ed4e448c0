//! What-if sweeps: how each placement's monthly cost moves as one trait varies, and the
//! exact values where the cheapest placement changes (found by bisection on exact costs,
//! down to the trait's resolution, not read off the grid).

use rust_decimal::Decimal;
use rust_decimal::dec;

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use crate::cost::catalog::RegionPrices;
use crate::cost::vary::bisect;
pub use crate::cost::vary::{Range, Vary, component_with_value, current, grid, with_value};
use crate::cost::{self, ComponentCost, CostError, Detail, Overflow, Pricing};
use crate::placement::Placement;
use crate::rules::RuleBase;
use crate::rules::engine::{decide_with, excluded, excluded_unpriced, limits_read_costs};
use crate::workload::{Component, Workload};

/// One placement's cost at a value: exact (sum of exact line amounts) and as billed.
#[derive(Debug, Clone, PartialEq)]
pub struct PointCost {
    pub placement: Placement,
    pub exact: Decimal,
    pub monthly: Decimal,
    /// The option's pinned capacity cannot carry the load here.
    pub overloaded: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub value: Decimal,
    /// Placements that can run the component there (priced, not excluded by a hard rule).
    pub costs: Vec<PointCost>,
    pub cheapest: Option<Placement>,
    pub recommended: Option<Placement>,
    /// Placements a hard rule excludes there, with the rules.
    pub excluded: Vec<(Placement, Vec<String>)>,
}

/// Where the cheapest placement changes from `from` to `to`: at `value`, `to` costs no
/// more, or `from` can no longer run the component at all.
#[derive(Debug, Clone, PartialEq)]
pub struct BreakEven {
    pub value: Decimal,
    pub from: Placement,
    pub to: Placement,
    /// `from`'s exact monthly cost at `value`; `None` when a hard rule excludes it there.
    pub from_cost: Option<Decimal>,
    /// The hard rules that exclude `from` at `value` (empty for a break-even on cost).
    pub from_excluded_by: Vec<String>,
    /// `to`'s exact monthly cost at `value`.
    pub to_cost: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sweep {
    pub component: String,
    pub vary: Vary,
    pub points: Vec<Point>,
    pub break_evens: Vec<BreakEven>,
    /// Where a placement's pinned capacity stops carrying the load, exact to the trait's
    /// resolution: its figures from there on price capacity that would fall over.
    pub overloaded_from: Vec<(Placement, Decimal)>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SweepError {
    #[error("{0}")]
    Input(String),
    #[error(transparent)]
    Cost(#[from] CostError),
}

/// Component `index` priced and decided with the trait at `value` ([`Site::point`]).
#[cfg(test)]
fn point(
    w: &Workload,
    index: usize,
    vary: Vary,
    value: Decimal,
    rules: &RuleBase,
    pricing: &Pricing,
) -> Result<Point, CostError> {
    Points::new(w, index, vary, rules, pricing)
        .site
        .point(value, &mut None)
}

/// One component and the trait that moves: what pricing a point needs.
#[derive(Clone, Copy)]
struct Site<'a> {
    w: &'a Workload,
    index: usize,
    vary: Vary,
    rules: &'a RuleBase,
    pricing: &'a Pricing,
    /// Whether a hard limit reads a cost ([`limits_read_costs`]): if none does, a bisection's
    /// probe knows the exclusions before pricing and prices only what its answer needs.
    limits_read_costs: bool,
}

impl<'a> Site<'a> {
    /// The component priced and decided with the trait at `value`. Only that component is
    /// priced: its options and its decision do not depend on the others. The workload's
    /// region is looked up once into `region`.
    fn point(
        &self,
        value: Decimal,
        region: &mut Option<&'a RegionPrices>,
    ) -> Result<Point, CostError> {
        let failed = |e| self.overflow(e);
        let (c, cc) = self.priced(value, region)?;
        let d = decide_with(self.w, &c, &cc, self.rules, Detail::Numbers).map_err(failed)?;
        let costs: Vec<PointCost> = d
            .alternatives
            .iter()
            .filter(|x| x.excluded_by.is_empty())
            .filter_map(|x| cc.option(x.placement))
            .map(|o| {
                Ok(PointCost {
                    placement: o.placement,
                    exact: o.exact()?,
                    monthly: o.monthly,
                    overloaded: !o.warnings.is_empty(),
                })
            })
            .collect::<Result<_, Overflow>>()
            .map_err(failed)?;
        Ok(Point {
            value,
            cheapest: cheapest_of(costs.iter().map(|c| (c.placement, c.exact))),
            recommended: d.placement,
            costs,
            excluded: d
                .alternatives
                .iter()
                .filter(|x| !x.excluded_by.is_empty())
                .map(|x| (x.placement, x.excluded_by.clone()))
                .collect(),
        })
    }

    /// The cheapest placement of [`Site::point`] alone: the component priced, and only the
    /// hard limits applied (no scores), as a bisection for a break-even asks at each
    /// midpoint.
    fn cheapest(
        &self,
        value: Decimal,
        region: &mut Option<&'a RegionPrices>,
    ) -> Result<Option<Placement>, CostError> {
        let (c, cc) = self.priced(value, region)?;
        let out = excluded(self.w, &c, &cc, self.rules);
        let mut costs = Vec::with_capacity(cc.options.len());
        for o in cc.options.iter().filter_map(|p| p.option()) {
            if out & o.placement.bit() == 0 {
                costs.push((o.placement, o.exact().map_err(|e| self.overflow(e))?));
            }
        }
        Ok(cheapest_of(costs.into_iter()))
    }

    /// Whether `p` is [`Site::cheapest`] at `value`, pricing no more than that takes when the
    /// limits read no cost: the exclusions first (`p` excluded is not the cheapest), then
    /// `p`, then `rival` (the placement a bisection expects to take over), then the rest
    /// until one costs less (ties go to the placement order, as [`cheapest_of`]'s). The
    /// same answer as asking [`Site::cheapest`]; a placement whose figures would overflow
    /// is an error only if it had to be priced.
    fn is_cheapest(
        &self,
        value: Decimal,
        p: Placement,
        rival: Placement,
        region: &mut Option<&'a RegionPrices>,
    ) -> Result<bool, CostError> {
        if self.limits_read_costs {
            return Ok(self.cheapest(value, region)? == Some(p));
        }
        let w = self.w;
        let (c, region) = self.at_value(value, region)?;
        let out = excluded_unpriced(w, &c, self.rules);
        if out & p.bit() != 0 {
            return Ok(false);
        }
        let priced = cost::OneByOne::new(w, &c, region);
        let exact = |q: Placement| priced.exact(q).map_err(|e| self.overflow(e));
        let Some(mine) = exact(p)? else {
            return Ok(false);
        };
        let others = std::iter::once(rival)
            .chain(Placement::offered_to(&w.providers).filter(|q| *q != rival));
        for q in others {
            if q == p || out & q.bit() != 0 || !q.offered(&w.providers) {
                continue;
            }
            if let Some(theirs) = exact(q)?
                && (theirs, q) < (mine, p)
            {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The component with the trait at `value`, priced without words, beside the others
    /// as they are (its options do not depend on them).
    fn priced(
        &self,
        value: Decimal,
        region: &mut Option<&'a RegionPrices>,
    ) -> Result<(Component, ComponentCost), CostError> {
        let (c, region) = self.at_value(value, region)?;
        let cc = cost::price_with(self.w, &c, region, Detail::Numbers)?;
        Ok((c, cc))
    }

    /// The component with the trait at `value`, and the workload's region prices (looked
    /// up once into `region`).
    fn at_value(
        &self,
        value: Decimal,
        region: &mut Option<&'a RegionPrices>,
    ) -> Result<(Component, &'a RegionPrices), CostError> {
        let c = component_with_value(self.w, self.index, self.vary, value)
            .map_err(|e| self.overflow(e))?;
        let region = match *region {
            Some(r) => r,
            None => *region.insert(cost::region(self.w, self.pricing)?),
        };
        Ok((c, region))
    }

    /// An overflow working out the component.
    fn overflow(&self, source: Overflow) -> CostError {
        CostError::Overflow {
            component: self.w.components[self.index].name.clone(),
            source,
        }
    }
}

/// The cheapest of (placement, exact monthly cost) pairs; ties go to the placement order.
fn cheapest_of(costs: impl Iterator<Item = (Placement, Decimal)>) -> Option<Placement> {
    costs
        .min_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)))
        .map(|(p, _)| p)
}

/// The points of one component as one trait moves, each priced once: a sweep, its
/// bisections and a search for a flip ask for the same values again and again.
pub struct Points<'a> {
    site: Site<'a>,
    /// The workload's region, looked up at the first point.
    region: Option<&'a RegionPrices>,
    /// Each value priced so far, by its exact representation (1.0 and 1.00 apart).
    memo: HashMap<[u8; 16], Point>,
}

impl<'a> Points<'a> {
    pub fn new(
        w: &'a Workload,
        index: usize,
        vary: Vary,
        rules: &'a RuleBase,
        pricing: &'a Pricing,
    ) -> Self {
        Points {
            site: Site {
                w,
                index,
                vary,
                rules,
                pricing,
                limits_read_costs: limits_read_costs(rules),
            },
            region: None,
            memo: HashMap::new(),
        }
    }

    /// The trait that moves.
    pub fn vary(&self) -> Vary {
        self.site.vary
    }

    /// The same component and trait with none of the points: for a search run beside
    /// this one, whose points this one keeps after ([`Points::keep`]).
    fn fork(&self) -> Points<'a> {
        Points {
            region: self.region,
            memo: HashMap::new(),
            ..*self
        }
    }

    /// Keeps the points another search priced.
    fn keep(&mut self, other: HashMap<[u8; 16], Point>) {
        for (k, p) in other {
            self.memo.entry(k).or_insert(p);
        }
    }

    /// Prices the values not priced yet side by side (each point is independent).
    fn fill(&mut self, values: &[Decimal]) -> Result<(), CostError> {
        let missing: Vec<Decimal> = values
            .iter()
            .copied()
            .filter(|v| !self.memo.contains_key(&v.serialize()))
            .collect();
        if self.region.is_none() && !missing.is_empty() {
            self.region = Some(cost::region(self.site.w, self.site.pricing)?);
        }
        let (site, region) = (self.site, self.region);
        let priced = cost::each(&missing, |v| {
            let mut region = region;
            site.point(*v, &mut region)
        })?;
        for (v, p) in missing.iter().zip(priced) {
            self.memo.insert(v.serialize(), p);
        }
        Ok(())
    }

    /// Whether `p` is the cheapest placement at `value` ([`Site::is_cheapest`] unless the
    /// point is priced already; not kept). `rival` is the one expected to take over.
    fn is_cheapest(
        &mut self,
        value: Decimal,
        p: Placement,
        rival: Placement,
    ) -> Result<bool, CostError> {
        if let Some(pt) = self.memo.get(&value.serialize()) {
            return Ok(pt.cheapest == Some(p));
        }
        self.site.is_cheapest(value, p, rival, &mut self.region)
    }

    /// The recommended placement at `value` (the point priced the first time it is asked for).
    fn recommended(&mut self, value: Decimal) -> Result<Option<Placement>, CostError> {
        Ok(self.at(value)?.recommended)
    }

    /// The point at `value`, priced the first time it is asked for.
    fn at(&mut self, value: Decimal) -> Result<&Point, CostError> {
        Ok(match self.memo.entry(value.serialize()) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => e.insert(self.site.point(value, &mut self.region)?),
        })
    }
}

fn exact_of(p: &Point, pl: Placement) -> Option<Decimal> {
    p.costs.iter().find(|c| c.placement == pl).map(|c| c.exact)
}

impl Point {
    pub fn overloaded(&self, pl: Placement) -> bool {
        self.costs.iter().any(|c| c.placement == pl && c.overloaded)
    }
}

/// Sweeps component `index` of `w` over the range.
pub fn sweep(
    w: &Workload,
    index: usize,
    range: Range,
    rules: &RuleBase,
    pricing: &Pricing,
) -> Result<Sweep, SweepError> {
    sweep_in(
        &mut Points::new(w, index, range.vary, rules, pricing),
        range,
    )
}

/// [`sweep`] on `points`, the component's points as `range.vary` moves.
pub fn sweep_in(points_of: &mut Points, range: Range) -> Result<Sweep, SweepError> {
    debug_assert_eq!(points_of.site.vary, range.vary);
    let (w, index) = (points_of.site.w, points_of.site.index);
    let Range {
        vary,
        from,
        to,
        steps,
    } = range;
    if from >= to {
        return Err(SweepError::Input(format!(
            "--from ({from}) must be below --to ({to})"
        )));
    }
    if from < Decimal::ZERO || (from.is_zero() && vary != Vary::RequestsPerMonth) {
        return Err(SweepError::Input(format!(
            "{vary} must stay above 0 (--from {from})"
        )));
    }
    let top = vary.ceiling(w);
    if to > top {
        return Err(SweepError::Input(format!(
            "{vary} cannot exceed {top} (--to {to})"
        )));
    }
    let values = grid(from, to, steps, vary);
    points_of.fill(&values)?;
    let mut points = Vec::with_capacity(values.len());
    for v in values {
        points.push(points_of.at(v)?.clone());
    }
    // Each change of the cheapest between grid points, bisected for the first value where
    // the earlier one is no longer the cheapest: the changes side by side, each on its own
    // points, kept after for the searches that follow.
    let changes: Vec<(&Point, &Point, Placement, Placement)> = points
        .windows(2)
        .filter_map(|pair| {
            let (a, b) = (&pair[0], &pair[1]);
            match (a.cheapest, b.cheapest) {
                (Some(f), Some(t)) if f != t => Some((a, b, f, t)),
                _ => None,
            }
        })
        .collect();
    let shared = &*points_of;
    let found = cost::each_of_at_least(2, &changes, |&(a, b, from_p, to_p)| {
        let mut mine = shared.fork();
        let hi = bisect(a.value, b.value, vary.resolution(), |mid| {
            Ok(!mine.is_cheapest(mid, from_p, to_p)?)
        })?;
        let at = mine.at(hi)?;
        let winner = at.cheapest.unwrap_or(to_p);
        let b = BreakEven {
            value: hi,
            from: from_p,
            to: winner,
            from_cost: exact_of(at, from_p),
            from_excluded_by: at
                .excluded
                .iter()
                .find(|(p, _)| *p == from_p)
                .map(|(_, rules)| rules.clone())
                .unwrap_or_default(),
            to_cost: exact_of(at, winner).unwrap_or_default(),
        };
        Ok::<_, CostError>((b, mine.memo))
    })?;
    let mut break_evens = Vec::with_capacity(found.len());
    for (b, memo) in found {
        break_evens.push(b);
        points_of.keep(memo);
    }
    // Where pinned capacity starts to fall over, bisected like a break-even.
    let mut overloaded_from = Vec::new();
    for pl in Placement::ALL {
        let Some(i) = points.iter().position(|p| p.overloaded(*pl)) else {
            continue;
        };
        if i == 0 {
            overloaded_from.push((*pl, points[0].value));
            continue;
        }
        let hi = bisect(
            points[i - 1].value,
            points[i].value,
            vary.resolution(),
            |mid| Ok(points_of.at(mid)?.overloaded(*pl)),
        )?;
        overloaded_from.push((*pl, hi));
    }
    Ok(Sweep {
        component: w.components[index].name.clone(),
        vary,
        points,
        break_evens,
        overloaded_from,
    })
}

/// The nearest value of `vary` (up or down from today's) at which the recommended
/// placement of component `index` changes, and what it changes to.
#[derive(Debug, Clone, PartialEq)]
pub struct Flip {
    pub vary: Vary,
    pub from_value: Decimal,
    pub value: Decimal,
    pub from: Option<Placement>,
    pub to: Option<Placement>,
}

/// Searches by doubling and halving (up to 1,024×) for a change of recommendation, then
/// bisects to the trait's resolution; the nearer of the two directions (by ratio) wins.
pub fn flip(
    w: &Workload,
    index: usize,
    vary: Vary,
    rules: &RuleBase,
    pricing: &Pricing,
) -> Result<Option<Flip>, CostError> {
    flip_in(&mut Points::new(w, index, vary, rules, pricing))
}

/// [`flip`] on `points`, the component's points as the trait moves.
///
/// The two directions are searched a doubling at a time each, in turn; a direction stops
/// once every change it could still find is no nearer than the one the other found (at
/// the k-th doubling a change is more than 2^(k−1) times away). The answer is the one
/// searching up to the end and then down gives: up, unless down's is strictly nearer.
pub fn flip_in(points: &mut Points) -> Result<Option<Flip>, CostError> {
    let Some(search) = FlipSearch::start(points)? else {
        return Ok(None);
    };
    // Per direction (up, down): the last value with today's recommendation while the
    // search goes on, and the change it found with how many times away it is.
    let mut prev = [Some(search.v0), Some(search.v0)];
    let mut found: [Option<(Decimal, Flip)>; 2] = [None, None];
    for k in 1..=10 {
        let beyond = Decimal::from(1u32 << (k - 1));
        for (d, up) in [(0, true), (1, false)] {
            let Some(last) = prev[d] else {
                continue;
            };
            if found[1 - d].as_ref().is_some_and(|(r, _)| beyond >= *r) {
                prev[d] = None;
                continue;
            }
            let v = search.step(k, up);
            if v == last || v <= Decimal::ZERO {
                prev[d] = None;
                continue;
            }
            if points.recommended(v)? == search.p0 {
                prev[d] = Some(v);
                continue;
            }
            found[d] = Some(search.flip(points, last, v, up)?);
            prev[d] = None;
        }
    }
    Ok(match found {
        [Some((ru, fu)), Some((rd, fd))] => Some(if rd < ru { fd } else { fu }),
        [u, d] => u.or(d).map(|(_, f)| f),
    })
}

/// A search for a flip: today's value and recommendation, and how it steps away from them.
struct FlipSearch {
    vary: Vary,
    v0: Decimal,
    p0: Option<Placement>,
    res: Decimal,
    cap: Decimal,
}

impl FlipSearch {
    /// Today's value and recommendation; `None` when the trait is zero today.
    fn start(points: &mut Points) -> Result<Option<FlipSearch>, CostError> {
        let Site { w, index, vary, .. } = points.site;
        let v0 = current(w, index, vary);
        if v0 <= Decimal::ZERO {
            return Ok(None);
        }
        Ok(Some(FlipSearch {
            vary,
            v0,
            p0: points.recommended(v0)?,
            res: vary.resolution(),
            cap: vary.ceiling(w),
        }))
    }

    /// The value the k-th step tries: today's doubled k times (at most the ceiling), or
    /// halved k times (down to the resolution).
    fn step(&self, k: u32, up: bool) -> Decimal {
        let factor = Decimal::from(1u32 << k);
        if up {
            (self.v0 * factor).min(self.cap)
        } else {
            ((self.v0 / factor) / self.res).floor() * self.res
        }
    }

    /// The change between `last` (today's recommendation) and `v` (another), bisected to
    /// the resolution, with how many times away from today's value it is.
    fn flip(
        &self,
        points: &mut Points,
        last: Decimal,
        v: Decimal,
        up: bool,
    ) -> Result<(Decimal, Flip), CostError> {
        let changed = nearest_change(last, v, self.res, |x| Ok(points.recommended(x)? == self.p0))?;
        let ratio = if up {
            changed / self.v0
        } else {
            self.v0 / changed
        };
        let flip = Flip {
            vary: self.vary,
            from_value: self.v0,
            value: changed,
            from: self.p0,
            to: points.recommended(changed)?,
        };
        Ok((ratio, flip))
    }
}

/// Bisects between `same` (today's recommendation) and `changed` (another) to the
/// resolution `res`, midpoints rounded to it: the value nearest `same` found changed.
fn nearest_change(
    mut same: Decimal,
    mut changed: Decimal,
    res: Decimal,
    mut as_today: impl FnMut(Decimal) -> Result<bool, CostError>,
) -> Result<Decimal, CostError> {
    while (changed - same).abs() > res {
        let mid = (((same + changed) / dec!(2)) / res).round() * res;
        if mid == same || mid == changed {
            break;
        }
        if as_today(mid)? {
            same = mid
        } else {
            changed = mid
        }
    }
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The search as it was first written: all the way up, then all the way down.
    fn flip_one_way_then_the_other(points: &mut Points) -> Result<Option<Flip>, CostError> {
        let Some(search) = FlipSearch::start(points)? else {
            return Ok(None);
        };
        let mut best: Option<(Decimal, Flip)> = None;
        for up in [true, false] {
            let mut prev = search.v0;
            for k in 1..=10 {
                let v = search.step(k, up);
                if v == prev || v <= Decimal::ZERO {
                    break;
                }
                if points.recommended(v)? != search.p0 {
                    let (ratio, flip) = search.flip(points, prev, v, up)?;
                    if best.as_ref().is_none_or(|(r, _)| ratio < *r) {
                        best = Some((ratio, flip));
                    }
                    break;
                }
                prev = v;
            }
        }
        Ok(best.map(|(_, f)| f))
    }

    /// `check` on every component of every example workload, with each of `traits`.
    fn each_example(traits: &[Vary], mut check: impl FnMut(&str, &Workload, usize, Vary)) {
        for (file, text) in crate::examples::WORKLOADS {
            let w = load_str(file, text).unwrap().0;
            for index in 0..w.components.len() {
                for &vary in traits {
                    check(file, &w, index, vary);
                }
            }
        }
    }

    #[test]
    fn a_flip_is_the_same_found_both_ways_at_once() {
        let rules = RuleBase::embedded();
        let pricing = Pricing::embedded();
        let mut flips = 0;
        let traits = [Vary::RequestsPerMonth, Vary::DurationMs, Vary::MemoryMb];
        each_example(&traits, |file, w, index, vary| {
            let new = flip_in(&mut Points::new(w, index, vary, &rules, &pricing)).unwrap();
            let old =
                flip_one_way_then_the_other(&mut Points::new(w, index, vary, &rules, &pricing))
                    .unwrap();
            assert_eq!(new, old, "{file} #{index} {vary}");
            flips += usize::from(new.is_some());
        });
        assert!(flips > 20, "{flips} flips");
    }
    use crate::workload::load_str;

    #[test]
    fn the_cheapest_without_scores_is_the_points() {
        let rules = RuleBase::embedded();
        let pricing = Pricing::embedded();
        let mut excluded_somewhere = 0;
        let mut probes = 0;
        let traits = [
            Vary::RequestsPerMonth,
            Vary::DurationMs,
            Vary::ActiveHoursPerDay,
        ];
        each_example(&traits, |file, w, index, vary| {
            let today = current(w, index, vary);
            if today <= Decimal::ZERO {
                return;
            }
            let top = vary.ceiling(w).min(today * dec!(1000));
            for v in grid(vary.resolution(), top, 12, vary) {
                let site = Points::new(w, index, vary, &rules, &pricing).site;
                let p = site.point(v, &mut None).unwrap();
                let light = site.cheapest(v, &mut None).unwrap();
                assert_eq!(light, p.cheapest, "{file} #{index} {vary} at {v}");
                excluded_somewhere += usize::from(!p.excluded.is_empty());
                // The exclusions known before pricing are those after it, and a probe that
                // prices one placement at a time answers as the cheapest does, whichever
                // placement it asks about and whichever rival it expects.
                assert!(!site.limits_read_costs);
                let (c, cc) = site.priced(v, &mut None).unwrap();
                assert_eq!(
                    excluded_unpriced(w, &c, &rules),
                    excluded(w, &c, &cc, &rules),
                    "{file} #{index} {vary} at {v}"
                );
                for asked in Placement::offered_to(&w.providers) {
                    for rival in [asked, p.cheapest.unwrap_or(asked), Placement::Ec2] {
                        let yes = site.is_cheapest(v, asked, rival, &mut None).unwrap();
                        assert_eq!(
                            yes,
                            p.cheapest == Some(asked),
                            "{file} #{index} {vary} at {v}: {asked} (rival {rival})"
                        );
                        probes += 1;
                    }
                }
            }
        });
        // The hard limits took part: placements were excluded at many of the points.
        assert!(excluded_somewhere > 100, "{excluded_somewhere}");
        assert!(probes > 10_000, "{probes}");
    }

    #[test]
    fn limits_that_read_a_cost_are_applied_after_pricing() {
        // A hard limit on a cost: the probe cannot know the exclusions before pricing, so
        // it asks the cheapest placement of the whole component.
        let pricing = Pricing::embedded();
        let rules = RuleBase::embedded();
        assert!(!limits_read_costs(&rules));
        let mut strict = rules.clone();
        let cap = strict
            .rules
            .iter()
            .position(|r| !r.exclude.is_empty() && r.placed_on.is_empty() && r.add.is_empty())
            .unwrap();
        strict.rules[cap].exclude = vec![Placement::Lambda];
        strict.rules[cap].when = crate::rules::Cond::Cmp {
            trait_: crate::rules::facts::TraitRef::resolve("cost.lambda").unwrap(),
            op: crate::rules::Op::Ge,
            rhs: vec![crate::rules::Rhs::Value(
                crate::rules::facts::Value::Number(dec!(1)),
            )],
        };
        assert!(limits_read_costs(&strict));
        let (w, _) = load_str("w.yaml", include_str!("../../workloads/rest-api-10m.yaml")).unwrap();
        let mut moved = 0;
        for v in grid(dec!(1000), dec!(10000000000), 12, Vary::RequestsPerMonth) {
            let site = Points::new(&w, 0, Vary::RequestsPerMonth, &strict, &pricing).site;
            assert!(site.limits_read_costs);
            let p = site.point(v, &mut None).unwrap();
            let plain = Points::new(&w, 0, Vary::RequestsPerMonth, &rules, &pricing)
                .site
                .point(v, &mut None)
                .unwrap();
            moved += usize::from(p.cheapest != plain.cheapest);
            for asked in Placement::offered_to(&w.providers) {
                let yes = site
                    .is_cheapest(v, asked, Placement::Fargate, &mut None)
                    .unwrap();
                assert_eq!(yes, p.cheapest == Some(asked), "{asked} at {v}");
            }
        }
        // The limit on Lambda's cost changed the cheapest placement somewhere.
        assert!(moved > 0);
    }

    #[test]
    fn lambda_meets_two_fargate_tasks_at_the_hand_computed_volume() {
        // Seed 002's API: 200 ms at 512 MB, no free tier, no gateway. Lambda costs
        // $0.0000002 + 0.1 GB-s × $0.0000166667 = $0.00000186667 a request; two 0.25 vCPU /
        // 0.5 GB tasks cost exactly $14.7752 + $3.24485 = $18.02005 a month.
        // 18.02005 ÷ 0.00000186667 = 9,653,580.9…, so the first whole volume is 9,653,581.
        let (w, _) = load_str("w.yaml", include_str!("../../workloads/rest-api-10m.yaml")).unwrap();
        let range = Range {
            vary: Vary::RequestsPerMonth,
            from: dec!(100000),
            to: dec!(100000000),
            steps: 8,
        };
        let s = sweep(&w, 0, range, &RuleBase::embedded(), &Pricing::embedded()).unwrap();
        assert_eq!(s.break_evens.len(), 1);
        let b = &s.break_evens[0];
        assert_eq!((b.from, b.to), (Placement::Lambda, Placement::Fargate));
        assert_eq!(b.value, dec!(9653581));
        // Both placements log the same 0.5 KB a request, so the logs move the totals, not
        // the break-even: at it Fargate also pays 9,653,581 × 0.5 KB of log ingestion.
        let logs = dec!(9653581) * dec!(0.5) / dec!(1048576) * dec!(0.50);
        assert_eq!(b.to_cost, dec!(18.02005) + logs);
        assert!(b.from_cost.unwrap() >= b.to_cost);
        assert!(b.from_excluded_by.is_empty());
        let below = point(
            &w,
            0,
            Vary::RequestsPerMonth,
            dec!(9653580),
            &RuleBase::embedded(),
            &Pricing::embedded(),
        )
        .unwrap();
        assert_eq!(below.cheapest, Some(Placement::Lambda));
    }

    #[test]
    fn the_smallest_flip_is_found_exactly() {
        let (w, _) = load_str("w.yaml", include_str!("../../workloads/rest-api-10m.yaml")).unwrap();
        let f = flip(
            &w,
            0,
            Vary::RequestsPerMonth,
            &RuleBase::embedded(),
            &Pricing::embedded(),
        )
        .unwrap()
        .unwrap();
        assert_eq!(f.from, Some(Placement::Fargate));
        assert_eq!(f.to, Some(Placement::Lambda));
        // Just below the value Lambda is recommended, at it Fargate still is.
        let at = point(
            &w,
            0,
            Vary::RequestsPerMonth,
            f.value,
            &RuleBase::embedded(),
            &Pricing::embedded(),
        )
        .unwrap();
        let next = point(
            &w,
            0,
            Vary::RequestsPerMonth,
            f.value + Decimal::ONE,
            &RuleBase::embedded(),
            &Pricing::embedded(),
        )
        .unwrap();
        assert_eq!(at.recommended, Some(Placement::Lambda));
        assert_eq!(next.recommended, Some(Placement::Fargate));
    }

    fn example(file: &str) -> Workload {
        let text =
            std::fs::read_to_string(format!("{}/workloads/{file}", env!("CARGO_MANIFEST_DIR")))
                .unwrap();
        load_str(file, &text).unwrap().0
    }

    fn at(w: &Workload, vary: Vary, value: Decimal) -> Point {
        point(
            w,
            0,
            vary,
            value,
            &RuleBase::embedded(),
            &Pricing::embedded(),
        )
        .unwrap()
    }

    fn exact(p: &Point, pl: Placement) -> Decimal {
        exact_of(p, pl).unwrap()
    }

    #[test]
    fn active_hours_lengthen_a_scheduled_run_until_lambda_cannot_run_it() {
        // cron-report runs once a day for 300 s: 0.083 h. At 0.25 h a run is exactly
        // Lambda's 900 s limit; at 0.251 h it is 903.6 s and only the others are left.
        let w = example("cron-report.yaml");
        assert_eq!(current(&w, 0, Vary::ActiveHoursPerDay), dec!(0.083));
        let v = with_value(&w, 0, Vary::ActiveHoursPerDay, dec!(0.25)).unwrap();
        let c = &v.components[0];
        assert_eq!(c.schedule.as_ref().unwrap().run_seconds, dec!(900));
        assert_eq!((c.duration_ms, c.max_duration_s), (dec!(900000), dec!(900)));
        let range = Range {
            vary: Vary::ActiveHoursPerDay,
            from: dec!(0.01),
            to: dec!(24),
            steps: 8,
        };
        let s = sweep(&w, 0, range, &RuleBase::embedded(), &Pricing::embedded()).unwrap();
        assert_eq!(s.break_evens.len(), 2, "{:?}", s.break_evens);
        let b = &s.break_evens[0];
        assert_eq!(
            (b.value, b.from, b.to),
            (dec!(0.251), Placement::Lambda, Placement::Fargate)
        );
        assert_eq!(b.from_cost, None);
        assert_eq!(b.from_excluded_by, ["lambda-15-minute-limit"]);
        // Fargate: 30.41666… runs × (903.6 s + 2.15 s start-up for the 30 MB image) of a
        // 2 vCPU / 4 GB task (the 1.158 vCPU the 2,048 MB function ran with, rounded up to a
        // Fargate size), plus 31 runs' logs (its EventBridge invocations are in the free tier).
        let hours = dec!(730) / dec!(24) * dec!(905.75) / dec!(3600);
        let fargate = hours * dec!(2) * dec!(0.04048)
            + hours * dec!(4) * dec!(0.004445)
            + dec!(31) * dec!(0.5) / dec!(1048576) * dec!(0.50);
        assert_eq!(b.to_cost.round_dp(10), fargate.round_dp(10));
        // Longer runs amortise an instance's one-minute boot: an m5.large per run (2 vCPU,
        // 8 GB at $0.096 an hour) undercuts the 2 vCPU / 4 GB task ($0.09875 an hour).
        let e = &s.break_evens[1];
        assert_eq!((e.from, e.to), (Placement::Fargate, Placement::Ec2));
        let too_long = Range {
            to: dec!(25),
            ..range
        };
        let e = sweep(&w, 0, too_long, &RuleBase::embedded(), &Pricing::embedded()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "active_hours_per_day cannot exceed 24 (--to 25)"
        );
    }

    #[test]
    fn active_hours_of_a_service_bound_its_fargate_tasks() {
        // rest-api-10m fixes 2 tasks: up 12 hours a day they cost half of $18.02005;
        // Lambda bills the same requests whenever they come. Both log 10M × 0.5 KB.
        let w = example("rest-api-10m.yaml");
        assert_eq!(current(&w, 0, Vary::ActiveHoursPerDay), dec!(24));
        let day = at(&w, Vary::ActiveHoursPerDay, dec!(24));
        let half = at(&w, Vary::ActiveHoursPerDay, dec!(12));
        let logs = dec!(10000000) * dec!(0.5) / dec!(1048576) * dec!(0.50);
        assert_eq!(exact(&day, Placement::Fargate), dec!(18.02005) + logs);
        assert_eq!(exact(&half, Placement::Fargate), dec!(9.010025) + logs);
        assert_eq!(
            exact(&half, Placement::Lambda),
            exact(&day, Placement::Lambda)
        );
        // The month's requests arrive within the 12 hours: the peak doubles.
        let v = with_value(&w, 0, Vary::ActiveHoursPerDay, dec!(12)).unwrap();
        assert_eq!(v.components[0].peak_rps, w.components[0].peak_rps * dec!(2));
    }
}
