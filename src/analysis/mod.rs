//! The analyses built on `advise()` and the rule engine: what-if sweeps and their
//! break-evens, the sensitivity of a recommendation, two workloads compared, a portfolio
//! advised in batch.
//!
//! Layering: this module sits above `topology`, `migration`, `advisor`, `rules`, `cost` and
//! `workload`, and below the front ends, `present`, `report` and `practice`. Nothing in
//! `cost/`, `rules/`, `workload/` or `advisor/` may import it (the test below reads their
//! sources to hold that); the cost model's own what-if arithmetic (moving one trait,
//! the grid, where two bills cross) is `crate::cost::vary`.

pub mod batch;
pub mod compare;
pub mod sensitivity;
pub mod sweep;

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Every `.rs` file under `dir`.
    fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                sources(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }

    #[test]
    fn the_layers_below_never_import_the_analyses() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        for layer in ["cost", "rules", "workload", "advisor"] {
            sources(&root.join(layer), &mut files);
        }
        assert!(files.len() > 10, "found only {files:?}");
        let offenders: Vec<String> = files
            .iter()
            .filter(|f| {
                let text = std::fs::read_to_string(f).unwrap();
                text.contains("crate::analysis") || text.contains("super::analysis")
            })
            .map(|f| f.display().to_string())
            .collect();
        assert!(
            offenders.is_empty(),
            "import crate::analysis: {offenders:?}"
        );
    }
}
