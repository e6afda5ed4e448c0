//! Rule tests as data (`rules/tests/*.yaml`): a workload, inline or by path, and the
//! placement expected for each component, optionally with rules that must (not) fire.

use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::RuleBase;
use crate::advisor::advise;
use crate::cost::Pricing;
use crate::input::{Findings, InputError, YamlPath, parse_yaml, read_text};
use crate::placement::Placement;
use crate::workload::{RawWorkload, Workload, from_raw_at, load_str};

/// The rule test files embedded in the binary, and the example workloads they refer to.
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "rules/tests/seeds.yaml",
        include_str!("../../rules/tests/seeds.yaml"),
    ),
    (
        "rules/tests/examples.yaml",
        include_str!("../../rules/tests/examples.yaml"),
    ),
    (
        "rules/tests/boundaries.yaml",
        include_str!("../../rules/tests/boundaries.yaml"),
    ),
    (
        "rules/tests/coverage.yaml",
        include_str!("../../rules/tests/coverage.yaml"),
    ),
];

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseFile {
    pub cases: Vec<RawCase>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Case")]
pub struct RawCase {
    /// What the case checks, in a sentence.
    pub name: String,
    /// A workload file, relative to this test file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// An inline workload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workload: Option<RawWorkload>,
    /// `--no-free-tier` for this case.
    #[serde(default)]
    pub no_free_tier: bool,
    pub expect: Vec<Expect>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    pub component: String,
    /// The expected placement; `none` when hard rules should exclude everything.
    pub placement: Option<Placement>,
    /// Rules that must fire for this component.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fired: Vec<String>,
    /// Rules that must not fire for this component.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_fired: Vec<String>,
    /// Placements that must be excluded by a hard rule.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded: Vec<Placement>,
}

/// A case ready to run.
#[derive(Debug, Clone)]
pub struct Case {
    pub name: String,
    pub workload: Workload,
    pub expect: Vec<Expect>,
}

/// A case's outcome: empty `failures` means it passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub name: String,
    pub failures: Vec<String>,
}

/// The embedded cases; their workload files resolve to the embedded examples.
pub fn embedded() -> Result<Vec<Case>, InputError> {
    let mut cases = Vec::new();
    for (name, src) in EMBEDDED {
        cases.extend(parse(name, src, &|path: &Path| {
            let file = path
                .file_name()
                .and_then(|f| f.to_str())
                .unwrap_or_default();
            crate::examples::WORKLOADS
                .iter()
                .find(|(n, _)| n.ends_with(&format!("/{file}")))
                .map(|(n, s)| (n.to_string(), s.to_string()))
                .ok_or_else(|| {
                    InputError::file(
                        &path.display().to_string(),
                        "no embedded example workload has this name",
                    )
                })
        })?);
    }
    Ok(cases)
}

/// Every `*.yaml` case file in `dir`, in name order.
pub fn load_dir(dir: &Path) -> Result<Vec<Case>, InputError> {
    let name = dir.display().to_string();
    let entries = std::fs::read_dir(dir).map_err(|e| {
        InputError::file(&name, format!("cannot read the rule tests directory: {e}"))
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    paths.sort();
    let mut cases = Vec::new();
    for p in paths {
        let src = read_text(&p)?;
        cases.extend(parse(&p.display().to_string(), &src, &|path: &Path| {
            Ok((path.display().to_string(), read_text(path)?))
        })?);
    }
    Ok(cases)
}

type Resolve<'a> = dyn Fn(&Path) -> Result<(String, String), InputError> + 'a;

fn parse(file: &str, src: &str, resolve: &Resolve) -> Result<Vec<Case>, InputError> {
    let cf: CaseFile = parse_yaml(file, src)?;
    let mut f = Findings::default();
    let mut cases = Vec::new();
    let base = Path::new(file).parent().unwrap_or(Path::new("."));
    for (i, c) in cf.cases.iter().enumerate() {
        let p = YamlPath::default().key("cases").index(i);
        let w = match (&c.file, &c.workload) {
            (Some(rel), None) => {
                let (wname, wsrc) = resolve(&base.join(rel))?;
                load_str(&wname, &wsrc)?.0
            }
            (None, Some(raw)) => from_raw_at(raw, &p.key("workload"), &mut f),
            _ => {
                f.push(
                    &p,
                    "give exactly one of `file` (a path) or `workload` (inline)",
                );
                continue;
            }
        };
        let mut w = w;
        if c.no_free_tier {
            w.assumptions.free_tier = false;
        }
        for (j, e) in c.expect.iter().enumerate() {
            if w.component(&e.component).is_none() {
                f.push(
                    &p.key("expect").index(j).key("component"),
                    format!("the workload has no component `{}`", e.component),
                );
            }
        }
        cases.push(Case {
            name: c.name.clone(),
            workload: w,
            expect: c.expect.clone(),
        });
    }
    f.into_result(file, src)?;
    Ok(cases)
}

/// Runs every case against a rule base and catalog.
pub fn run(cases: &[Case], rules: &RuleBase, pricing: &Pricing) -> Vec<Outcome> {
    cases
        .iter()
        .map(|c| {
            let mut failures = Vec::new();
            match advise(&c.workload, rules, pricing) {
                Err(e) => failures.push(e.to_string()),
                Ok(a) => {
                    for e in &c.expect {
                        let Some(d) = a.decision(&e.component) else {
                            failures.push(format!("{}: no such component", e.component));
                            continue;
                        };
                        if d.placement != e.placement {
                            let show = |p: Option<Placement>| {
                                p.map(|p| p.to_string()).unwrap_or_else(|| "none".into())
                            };
                            failures.push(format!(
                                "{}: expected {}, got {} — {}",
                                e.component,
                                show(e.placement),
                                show(d.placement),
                                d.why
                            ));
                        }
                        for id in &e.fired {
                            if !d.fired.iter().any(|f| &f.id == id) {
                                failures.push(format!("{}: rule `{id}` did not fire", e.component));
                            }
                        }
                        for id in &e.not_fired {
                            if d.fired.iter().any(|f| &f.id == id) {
                                failures.push(format!("{}: rule `{id}` fired", e.component));
                            }
                        }
                        for p in &e.excluded {
                            if d.alternative(*p).is_none_or(|a| a.excluded_by.is_empty()) {
                                failures.push(format!(
                                    "{}: {p} was not excluded by a hard rule",
                                    e.component
                                ));
                            }
                        }
                    }
                }
            }
            Outcome {
                name: c.name.clone(),
                failures,
            }
        })
        .collect()
}
