use proptest::prelude::*;

use super::*;
use crate::advisor::advise;
use crate::cost::Pricing;
use crate::rules::RuleBase;
use crate::workload::load_str;

/// A workload of `n` components; component i depends on the j < i its mask selects.
fn workload(kinds: &[(usize, usize)], deps: &[u8], current: Option<u32>) -> String {
    const KINDS: [&str; 4] = ["http-api", "worker", "http-api", "scheduled"];
    const ACCESS: [&str; 3] = ["read-only", "eventual-writes", "transactional"];
    let mut s = String::from("name: random\n");
    if let Some(c) = current {
        s.push_str(&format!(
            "current: {{ platform: monolith, monthly_cost_usd: \"{c}\" }}\n"
        ));
    }
    s.push_str("components:\n");
    for (i, (k, a)) in kinds.iter().enumerate() {
        let kind = KINDS[k % 4];
        s.push_str(&format!(
            "  - name: c{i}\n    kind: {kind}\n    access: {}\n",
            ACCESS[a % 3]
        ));
        if kind == "scheduled" {
            s.push_str("    schedule: { runs_per_day: 24, run_seconds: 60 }\n");
        } else {
            s.push_str(&format!(
                "    traffic: {{ requests_per_month: {} }}\n",
                10_000 * (i + 1)
            ));
        }
        let d: Vec<String> = (0..i)
            .filter(|j| deps[i] >> (j % 8) & 1 == 1)
            .map(|j| format!("c{j}"))
            .collect();
        if !d.is_empty() {
            s.push_str(&format!("    depends_on: [{}]\n", d.join(", ")));
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_dependency_moves_no_later_than_its_dependents_and_costs_end_at_the_target(
        kinds in prop::collection::vec((0usize..4, 0usize..3), 1..9),
        deps in prop::collection::vec(any::<u8>(), 9),
        current in prop::option::of(100u32..10_000),
    ) {
        let yaml = workload(&kinds, &deps, current);
        let (w, _) = load_str("r.yaml", &yaml).unwrap();
        let a = advise(&w, &RuleBase::embedded(), &Pricing::embedded()).unwrap();
        let p = plan(&w, &a);
        let phase_of = |name: &str| p.phases.iter().position(|ph| ph.moves.iter().any(|m| m.component == name));
        for c in &w.components {
            let mine = phase_of(&c.name);
            prop_assert!(mine.is_some(), "{} never moves", c.name);
            prop_assert_eq!(p.phases.iter().flat_map(|ph| &ph.moves).filter(|m| m.component == c.name).count(), 1);
            let order: Vec<&str> = p.phases.iter().flat_map(|ph| &ph.moves).map(|m| m.component.as_str()).collect();
            let at = |name: &str| order.iter().position(|m| *m == name);
            for d in &c.depends_on {
                prop_assert!(phase_of(d) <= mine, "{} moves after its dependent {}\n{}", d, c.name, yaml);
                prop_assert!(at(d) < at(&c.name), "{} is listed after its dependent {}\n{}", d, c.name, yaml);
            }
        }
        prop_assert_eq!(p.phases.last().unwrap().cost_after, a.monthly);
        if let Some(first) = p.phases.first().filter(|_| current.is_some()) {
            // Today's system runs in full through the first phase; what the phase builds
            // comes on top (nothing, for foundations that move no component).
            let today = Decimal::from(current.unwrap());
            if first.moves.is_empty() {
                prop_assert_eq!(first.cost_during, today);
            } else {
                prop_assert!(first.cost_during >= today, "{} < {}\n{}", first.cost_during, today, yaml);
            }
        }
    }
}

#[test]
fn strangler_order_follows_the_seed() {
    let yaml = "name: m
current: { platform: monolith, monthly_cost_usd: \"2840\" }
components:
  - { name: core, kind: http-api, traffic: { requests_per_month: 1000000 }, access: transactional }
  - { name: comments, kind: http-api, traffic: { requests_per_month: 1000000 }, access: eventual-writes }
  - { name: search, kind: http-api, traffic: { requests_per_month: 1000000 }, access: read-only }
  - { name: emails, kind: worker, traffic: { requests_per_month: 1000000 } }
";
    let (w, _) = load_str("m.yaml", yaml).unwrap();
    let a = advise(&w, &RuleBase::embedded(), &Pricing::embedded()).unwrap();
    let p = plan(&w, &a);
    let order: Vec<Vec<&str>> = p
        .phases
        .iter()
        .map(|ph| ph.moves.iter().map(|m| m.component.as_str()).collect())
        .collect();
    assert_eq!(
        order,
        [
            vec![],
            vec!["emails"],
            vec!["search"],
            vec!["comments"],
            vec!["core"],
            vec![]
        ]
    );
    assert_eq!(p.phases[0].cost_after, Decimal::from(2840));
    // Each component carries a quarter of today's load, so each phase retires $710.
    assert_eq!(
        p.phases[1].cost_after,
        Decimal::from(2130)
            + a.chosen()
                .find(|(d, _)| d.component == "emails")
                .unwrap()
                .1
                .monthly
    );
    assert_eq!(p.phases.last().unwrap().cost_after, a.monthly);
}
