//! Costing and advising on the largest example workload (loading measured apart).

/// The allocator the archway binary uses.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;

use archway::advisor::advise;
use archway::cost::{Pricing, cost_workload};
use archway::rules::RuleBase;
use archway::workload::Workload;
use criterion::{Criterion, criterion_group, criterion_main};

fn largest_workload() -> Workload {
    let mut best: Option<Workload> = None;
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/workloads"))
        .expect("workloads/ exists")
    {
        let path = entry.expect("readable entry").path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let w = Workload::load(&path).expect("example workloads are valid");
            if best
                .as_ref()
                .is_none_or(|b| w.components.len() > b.components.len())
            {
                best = Some(w);
            }
        }
    }
    best.expect("at least one example workload")
}

/// The rails-monolith marketplace with eight more services: 20 components.
fn twenty() -> Workload {
    Workload::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/benches/marketplace-20.yaml"
    )))
    .expect("the 20-component workload loads")
}

fn bench(c: &mut Criterion) {
    let pricing = Pricing::embedded();
    let rules = RuleBase::embedded();
    let w20 = twenty();
    assert_eq!(w20.components.len(), 20);
    c.bench_function("advise(marketplace-20, 20 components)", |b| {
        b.iter(|| advise(black_box(&w20), black_box(&rules), black_box(&pricing)).expect("advises"))
    });
    for (name, detail) in [
        ("numbers only", archway::cost::Detail::Numbers),
        (
            "reasons, bills' figures (the TUI)",
            archway::cost::Detail::Reasons,
        ),
    ] {
        c.bench_function(
            &format!("advise(marketplace-20, 20 components, {name})"),
            |b| {
                b.iter(|| {
                    archway::advisor::advise_with(
                        black_box(&w20),
                        black_box(&rules),
                        black_box(&pricing),
                        detail,
                    )
                    .expect("advises")
                })
            },
        );
    }
    // A what-if on one component (its traffic doubled), advised after the workload as read:
    // the other 19 keep their bills and decisions.
    let before =
        archway::advisor::advise_with(&w20, &rules, &pricing, archway::cost::Detail::Reasons)
            .expect("advises");
    let doubled = archway::analysis::sweep::with_value(
        &w20,
        0,
        archway::analysis::sweep::Vary::RequestsPerMonth,
        w20.components[0].requests_per_month * rust_decimal::Decimal::TWO,
    )
    .expect("doubles");
    c.bench_function(
        "advise after a what-if on 1 of 20 components (marketplace-20, reasons)",
        |b| {
            b.iter(|| {
                archway::advisor::advise_after(
                    (black_box(&w20), black_box(&before)),
                    black_box(&doubled),
                    &rules,
                    &pricing,
                    archway::cost::Detail::Reasons,
                )
                .expect("advises")
            })
        },
    );
    let w = largest_workload();
    c.bench_function(
        &format!(
            "cost_workload({}, {} components)",
            w.name,
            w.components.len()
        ),
        |b| b.iter(|| cost_workload(black_box(&w), black_box(&pricing)).expect("prices")),
    );
    c.bench_function(&format!("advise({})", w.name), |b| {
        b.iter(|| advise(black_box(&w), black_box(&rules), black_box(&pricing)).expect("advises"))
    });
    c.bench_function(&format!("advise({}, numbers only)", w.name), |b| {
        b.iter(|| {
            archway::advisor::advise_with(
                black_box(&w),
                black_box(&rules),
                black_box(&pricing),
                archway::cost::Detail::Numbers,
            )
            .expect("advises")
        })
    });
    let advice = advise(&w, &rules, &pricing).expect("advises");
    let t = archway::topology::build(&w, &advice);
    for width in [80, 160] {
        c.bench_function(
            &format!("topology text({}, {width} columns)", w.name),
            |b| b.iter(|| archway::topology::text(black_box(&t), width)),
        );
    }
    // One component swept over traffic (12 points plus the bisections of its break-evens),
    // and the whole report, which sweeps every component over three traits.
    let range = archway::analysis::sweep::Range {
        vary: archway::analysis::sweep::Vary::RequestsPerMonth,
        from: rust_decimal::Decimal::from(100_000),
        to: rust_decimal::Decimal::from(10_000_000_000u64),
        steps: 12,
    };
    c.bench_function(&format!("sweep requests({}, web-core)", w.name), |b| {
        b.iter(|| {
            archway::analysis::sweep::sweep(black_box(&w), 0, range, &rules, &pricing)
                .expect("sweeps")
        })
    });
    let inputs = archway::report::Inputs {
        workload: &w,
        rules: &rules,
        pricing: &pricing,
        date: None,
    };
    c.bench_function(&format!("report full({})", w.name), |b| {
        b.iter(|| {
            archway::report::render(black_box(&inputs), archway::report::Style::Full)
                .expect("renders")
        })
    });
    // A portfolio: 200 generated workloads (about 5 components each), loaded and
    // advised on every core, as `archway batch` does.
    let docs: Vec<String> = (0..200)
        .map(|i| archway::workload::generate::workload(1, i))
        .collect();
    let (rules, pricing) = (RuleBase::embedded(), Pricing::embedded());
    c.bench_function(
        "batch of 200 generated workloads (load + advise, all cores)",
        |b| {
            use rayon::prelude::*;
            b.iter(|| {
                docs.par_iter()
                    .map(|d| {
                        let (w, _) = archway::workload::load_str("g.yaml", d).expect("loads");
                        archway::advisor::advise_with(
                            &w,
                            &rules,
                            &pricing,
                            archway::cost::Detail::Numbers,
                        )
                        .expect("advised")
                        .monthly
                    })
                    .sum::<rust_decimal::Decimal>()
            })
        },
    );
    // A process's first load reads the embedded files (from the events read at build
    // time); later loads copy what the first one read.
    c.bench_function(
        "read embedded pricing catalog (a process's first load)",
        |b| {
            b.iter(|| {
                Pricing::parse(
                    archway::cost::catalog::EMBEDDED_NAME,
                    archway::cost::catalog::EMBEDDED,
                )
                .expect("valid")
            })
        },
    );
    c.bench_function("read embedded rule base (a process's first load)", |b| {
        b.iter(|| {
            RuleBase::from_sources(
                archway::rules::EMBEDDED
                    .iter()
                    .map(|(n, s)| (n.to_string(), s.to_string()))
                    .collect(),
            )
            .expect("valid")
        })
    });
    c.bench_function("load pricing catalog (a copy of the first load)", |b| {
        b.iter(Pricing::embedded)
    });
    c.bench_function("load rule base (a copy of the first load)", |b| {
        b.iter(RuleBase::embedded)
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
