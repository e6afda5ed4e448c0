//! `archway compare A B`: two workloads (or two versions of one) side by side: the inputs
//! that changed, the placements that moved and the rules behind each move, and the cost
//! difference per component and in total.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use rust_decimal::Decimal;
use serde::Serialize;

use super::{Failure, Global};
use crate::analysis::compare::{
    self, Change, Comparison, ComponentDiff, InputChange, InputValue, Placed, Presence, Side,
    Standing,
};
use crate::cost::{money2, qty, signed_usd, usd};
use crate::placement::Placement;
use crate::present::table::columns;
use crate::report::escape::{inline, table_cell};
use crate::rules::engine::Alternative;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Markdown,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  archway compare before.yaml after.yaml  # what changed, what moved, why, the delta\n  archway compare A B --format markdown >> review.md"
)]
pub struct Args {
    /// The first workload file (YAML): the "before".
    pub a: PathBuf,
    /// The second workload file (YAML): the "after".
    pub b: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    #[command(flatten)]
    pub output: super::Output,
}

/// The two files compared, as named on the command line, and their workloads' names.
struct Names<'a> {
    a_file: String,
    b_file: String,
    a: &'a str,
    b: &'a str,
}

pub fn run(g: &Global, args: &Args, out: &mut dyn Write) -> Result<(), Failure> {
    if args.a.as_os_str() == crate::input::STDIN && args.b.as_os_str() == crate::input::STDIN {
        return Err(Failure::Input(crate::input::InputError::file(
            "<stdin>",
            "standard input can be read once: give A or B as a file",
        )));
    }
    let (wa, aa) = g.load_and_advise(&args.a)?;
    let (wb, ab) = g.load_and_advise(&args.b)?;
    let c = compare::compare((&wa, &aa), (&wb, &ab));
    let names = Names {
        a_file: file(&args.a),
        b_file: file(&args.b),
        a: &wa.name,
        b: &wb.name,
    };
    match args.format {
        Format::Text => out.write_all(text(&names, &c).as_bytes())?,
        Format::Markdown => out.write_all(markdown(&names, &c).as_bytes())?,
        Format::Json => {
            crate::present::envelope::write(
                out,
                &aa.assumptions,
                crate::present::envelope::WorkloadName::Two {
                    a: &wa.name,
                    b: &wb.name,
                },
                view(&names, &c),
            )?;
        }
    }
    super::require_placements(&aa)?;
    super::require_placements(&ab)
}

fn file(p: &Path) -> String {
    crate::input::display_name(p)
}

/// An amount that may be negative: `$22.60`, `−$0.01`.
fn amount(d: Decimal) -> String {
    match signed_usd(d).strip_prefix('+') {
        Some(positive) => positive.to_string(),
        None => signed_usd(d),
    }
}

/// A percent change with one decimal and its sign: `+5,626.2%`, `−33.3%`, `0.0%`.
fn signed_percent(p: Decimal) -> String {
    let mut a = p.abs();
    a.rescale(1);
    let digits = a.to_string();
    let frac = digits.rsplit('.').next().unwrap_or("0");
    let body = format!("{}.{frac}%", qty(a.trunc()));
    if a.is_zero() {
        body
    } else if p.is_sign_negative() {
        format!("−{body}")
    } else {
        format!("+{body}")
    }
}

fn percent_text(p: Option<Decimal>) -> String {
    p.map(signed_percent)
        .unwrap_or_else(|| "n/a (A costs $0.00)".into())
}

fn label(side: Side) -> &'static str {
    match side {
        Side::A => "A",
        Side::B => "B",
    }
}

fn placement(p: Option<&Placed>) -> String {
    match p {
        None => "—".into(),
        Some(Placed {
            placement: None, ..
        }) => "no placement".into(),
        Some(Placed {
            placement: Some(p), ..
        }) => p.as_str().into(),
    }
}

fn monthly(p: Option<&Placed>) -> String {
    p.and_then(|p| p.monthly)
        .map(usd)
        .unwrap_or_else(|| "—".into())
}

fn status(c: &ComponentDiff) -> &'static str {
    match c.presence {
        Presence::Added => "added",
        Presence::Removed => "removed",
        Presence::Both if c.placement_changed => "moved",
        Presence::Both => "same",
    }
}

/// One side of an input change as a person reads it.
fn value(ch: &InputChange, side: Side) -> String {
    let v = match side {
        Side::A => &ch.a,
        Side::B => &ch.b,
    };
    let whole_component = matches!(ch.change, Change::ComponentAdded | Change::ComponentRemoved);
    match v {
        None if whole_component => "absent".into(),
        None => "none".into(),
        Some(InputValue { text, .. }) if whole_component => format!("{text} component"),
        Some(InputValue {
            text,
            defaulted: true,
        }) => format!("{text} (default)"),
        Some(InputValue { text, .. }) => text.clone(),
    }
}

/// One side of a [`Standing`]: the placement's monthly cost and where it stood.
fn stood(x: Option<&Alternative>) -> (String, String) {
    match x {
        Some(x) => (
            x.monthly.map(usd).unwrap_or_else(|| "—".into()),
            x.standing(),
        ),
        None => ("—".into(), "not considered".into()),
    }
}

fn side_of(s: &Standing, side: Side) -> Option<&Alternative> {
    match side {
        Side::A => s.a.as_ref(),
        Side::B => s.b.as_ref(),
    }
}

/// Whether the system totals differ from the sum of their components.
fn has_adjustment(c: &Comparison) -> bool {
    !(c.total.adjustment_a.is_zero() && c.total.adjustment_b.is_zero())
}

const ADJUSTMENT: &str = "shared fees, pooled free tier";
const STORES: &str = "data stores";

/// Whether either system pays for data stores.
fn has_stores(c: &Comparison) -> bool {
    !(c.total.stores_a.is_zero() && c.total.stores_b.is_zero())
}

// ----- text -----

/// Each line indented by two more spaces.
fn indent(block: &str) -> String {
    block.lines().map(|l| format!("  {l}\n")).collect()
}

fn text(n: &Names, c: &Comparison) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "A: {} ({})", n.a_file, n.a);
    let _ = writeln!(s, "B: {} ({})", n.b_file, n.b);

    s.push_str("\nInputs changed\n");
    if c.inputs_unchanged() {
        s.push_str("  No input changes.\n");
    } else {
        let rows: Vec<Vec<String>> = c
            .input_changes
            .iter()
            .map(|ch| {
                vec![
                    ch.path.clone(),
                    value(ch, Side::A),
                    "→".into(),
                    value(ch, Side::B),
                ]
            })
            .collect();
        s.push_str(&columns(&rows, &[], "  "));
    }

    s.push_str("\nPlacements\n");
    let mut rows = vec![vec![
        "component".to_string(),
        "A".into(),
        "B".into(),
        String::new(),
    ]];
    rows.extend(c.components.iter().map(|x| {
        vec![
            x.name.clone(),
            placement(x.a.as_ref()),
            placement(x.b.as_ref()),
            status(x).into(),
        ]
    }));
    s.push_str(&columns(&rows, &[], "  "));
    for x in c.components.iter().filter(|x| x.placement_changed) {
        let _ = writeln!(
            s,
            "\n  {}: {} → {}",
            x.name,
            placement(x.a.as_ref()),
            placement(x.b.as_ref())
        );
        s.push_str("    how each side scored the two:\n");
        let mut rows = Vec::new();
        for st in &x.standings {
            for side in [Side::A, Side::B] {
                let (money, standing) = stood(side_of(st, side));
                let name = if side == Side::A {
                    st.placement.as_str()
                } else {
                    ""
                };
                rows.push(vec![
                    format!("  {name}"),
                    label(side).into(),
                    money,
                    standing,
                ]);
            }
        }
        s.push_str(&indent(&columns(&rows, &[false, false, true, false], "  ")));
        if x.rules.is_empty() {
            s.push_str("    The same rules fired in both; the costs moved the decision.\n");
        }
        for side in [Side::A, Side::B] {
            let rules: Vec<_> = x.rules.iter().filter(|r| r.fired_in == side).collect();
            if rules.is_empty() {
                continue;
            }
            let _ = writeln!(s, "    rules that fired only in {}:", label(side));
            for r in rules {
                let after = if r.after_choice {
                    " (after the choice)"
                } else {
                    ""
                };
                let _ = writeln!(s, "      {} — {}{after}", r.id, r.effect);
                let _ = writeln!(s, "        {}", r.title);
                let _ = writeln!(s, "        because {}", r.because);
                let _ = writeln!(s, "        source: {}", r.source);
            }
        }
        for (side, p) in [(Side::A, &x.a), (Side::B, &x.b)] {
            if let Some(p) = p {
                let _ = writeln!(s, "    why in {}: {}", label(side), p.why);
            }
        }
    }

    s.push_str("\nCost (monthly)\n");
    let mut rows = vec![vec![
        "component".to_string(),
        "A".into(),
        "B".into(),
        "delta".into(),
        String::new(),
    ]];
    rows.extend(c.components.iter().map(|x| {
        vec![
            x.name.clone(),
            monthly(x.a.as_ref()),
            monthly(x.b.as_ref()),
            signed_usd(x.delta),
            String::new(),
        ]
    }));
    let t = &c.total;
    if has_stores(c) {
        rows.push(vec![
            STORES.into(),
            usd(t.stores_a),
            usd(t.stores_b),
            signed_usd(t.stores_b - t.stores_a),
            String::new(),
        ]);
    }
    if has_adjustment(c) {
        rows.push(vec![
            ADJUSTMENT.into(),
            amount(t.adjustment_a),
            amount(t.adjustment_b),
            signed_usd(t.adjustment_b - t.adjustment_a),
            String::new(),
        ]);
    }
    rows.push(vec![
        "total".into(),
        usd(t.a),
        usd(t.b),
        signed_usd(t.delta),
        percent_text(t.percent),
    ]);
    s.push_str(&columns(&rows, &[false, true, true, true, true], "  "));
    s
}

// ----- markdown -----

fn markdown(n: &Names, c: &Comparison) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Comparison: {} → {}\n", inline(n.a), inline(n.b));
    let _ = writeln!(s, "- A: {} ({})", inline(&n.a_file), inline(n.a));
    let _ = writeln!(s, "- B: {} ({})\n", inline(&n.b_file), inline(n.b));

    s.push_str("## Inputs changed\n\n");
    if c.inputs_unchanged() {
        s.push_str("No input changes.\n\n");
    } else {
        s.push_str("| Input | A | B |\n|---|---|---|\n");
        for ch in &c.input_changes {
            let _ = writeln!(
                s,
                "| {} | {} | {} |",
                table_cell(&ch.path),
                table_cell(&value(ch, Side::A)),
                table_cell(&value(ch, Side::B))
            );
        }
        s.push('\n');
    }

    s.push_str("## Placements\n\n");
    s.push_str("| Component | A | B | Change |\n|---|---|---|---|\n");
    for x in &c.components {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            table_cell(&x.name),
            placement(x.a.as_ref()),
            placement(x.b.as_ref()),
            status(x)
        );
    }
    s.push('\n');
    for x in c.components.iter().filter(|x| x.placement_changed) {
        let _ = writeln!(
            s,
            "### {}: {} → {}\n",
            inline(&x.name),
            placement(x.a.as_ref()),
            placement(x.b.as_ref())
        );
        s.push_str("| Placement | A | B |\n|---|---|---|\n");
        for st in &x.standings {
            let cell = |side| {
                let (money, standing) = stood(side_of(st, side));
                table_cell(&format!("{money} · {standing}"))
            };
            let _ = writeln!(
                s,
                "| {} | {} | {} |",
                st.placement,
                cell(Side::A),
                cell(Side::B)
            );
        }
        s.push('\n');
        if x.rules.is_empty() {
            s.push_str("The same rules fired in both; the costs moved the decision.\n\n");
        }
        for side in [Side::A, Side::B] {
            let rules: Vec<_> = x.rules.iter().filter(|r| r.fired_in == side).collect();
            if rules.is_empty() {
                continue;
            }
            let _ = writeln!(s, "Rules that fired only in {}:\n", label(side));
            for r in rules {
                let after = if r.after_choice {
                    " (after the choice)"
                } else {
                    ""
                };
                let _ = writeln!(
                    s,
                    "- **{}**{after}: {}. Effect: {}. Because {}. Source: {}",
                    inline(&r.id),
                    inline(&r.title),
                    inline(&r.effect),
                    inline(&r.because),
                    inline(&r.source)
                );
            }
            s.push('\n');
        }
        for (side, p) in [(Side::A, &x.a), (Side::B, &x.b)] {
            if let Some(p) = p {
                let _ = writeln!(s, "Why in {}: {}\n", label(side), inline(&p.why));
            }
        }
    }

    s.push_str("## Cost\n\n");
    s.push_str("| Component | A | B | Delta |\n|---|---:|---:|---:|\n");
    for x in &c.components {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            table_cell(&x.name),
            monthly(x.a.as_ref()),
            monthly(x.b.as_ref()),
            signed_usd(x.delta)
        );
    }
    let t = &c.total;
    if has_stores(c) {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            inline(STORES),
            usd(t.stores_a),
            usd(t.stores_b),
            signed_usd(t.stores_b - t.stores_a)
        );
    }
    if has_adjustment(c) {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            inline(ADJUSTMENT),
            amount(t.adjustment_a),
            amount(t.adjustment_b),
            signed_usd(t.adjustment_b - t.adjustment_a)
        );
    }
    let _ = writeln!(
        s,
        "| **Total** | **{}** | **{}** | **{}** ({}) |",
        usd(t.a),
        usd(t.b),
        signed_usd(t.delta),
        percent_text(t.percent)
    );
    s
}

// ----- JSON -----

#[derive(Serialize, schemars::JsonSchema)]
struct View<'a> {
    a: WorkloadView<'a>,
    b: WorkloadView<'a>,
    input_changes: Vec<ChangeView<'a>>,
    components: Vec<ComponentView<'a>>,
    total: TotalView,
}

#[derive(Serialize, schemars::JsonSchema)]
struct WorkloadView<'a> {
    file: &'a str,
    workload: &'a str,
}

#[derive(Serialize, schemars::JsonSchema)]
struct ChangeView<'a> {
    path: &'a str,
    change: &'static str,
    a: Option<&'a str>,
    b: Option<&'a str>,
    a_defaulted: bool,
    b_defaulted: bool,
}

#[derive(Serialize, schemars::JsonSchema)]
struct ComponentView<'a> {
    name: &'a str,
    presence: &'static str,
    a: Option<PlacedView<'a>>,
    b: Option<PlacedView<'a>>,
    #[schemars(with = "crate::cost::MoneyJson")]
    #[serde(serialize_with = "money2")]
    delta_usd: Decimal,
    placement_changed: bool,
    rules: Vec<RuleView<'a>>,
    standings: Vec<StandingView<'a>>,
}

#[derive(Serialize, schemars::JsonSchema)]
struct StandingView<'a> {
    placement: Placement,
    a: Option<AlternativeView<'a>>,
    b: Option<AlternativeView<'a>>,
}

/// A placement as one side judged it; the numbers as strings, like the money.
#[derive(Serialize, schemars::JsonSchema)]
struct AlternativeView<'a> {
    #[schemars(with = "Option<crate::cost::MoneyJson>")]
    #[serde(serialize_with = "crate::cost::money2_opt")]
    monthly_usd: Option<Decimal>,
    score: Option<String>,
    rule_points: String,
    cost_points: Option<String>,
    excluded_by: &'a [String],
    not_priced: Option<&'a str>,
    standing: String,
}

#[derive(Serialize, schemars::JsonSchema)]
struct PlacedView<'a> {
    placement: Option<Placement>,
    #[schemars(with = "Option<crate::cost::MoneyJson>")]
    #[serde(serialize_with = "crate::cost::money2_opt")]
    monthly_usd: Option<Decimal>,
    why: &'a str,
}

#[derive(Serialize, schemars::JsonSchema)]
struct RuleView<'a> {
    fired_in: &'static str,
    id: &'a str,
    title: &'a str,
    effect: &'a str,
    because: &'a str,
    source: &'a str,
    after_choice: bool,
}

#[derive(Serialize, schemars::JsonSchema)]
struct TotalView {
    #[schemars(with = "crate::cost::MoneyJson")]
    #[serde(serialize_with = "money2")]
    a_monthly_usd: Decimal,
    #[schemars(with = "crate::cost::MoneyJson")]
    #[serde(serialize_with = "money2")]
    b_monthly_usd: Decimal,
    #[schemars(with = "crate::cost::MoneyJson")]
    #[serde(serialize_with = "money2")]
    delta_usd: Decimal,
    /// One decimal, as a string like the money; null when A costs nothing.
    percent_change: Option<String>,
    /// The data stores each system pays for, once.
    #[schemars(with = "crate::cost::MoneyJson")]
    #[serde(serialize_with = "money2")]
    a_stores_usd: Decimal,
    #[schemars(with = "crate::cost::MoneyJson")]
    #[serde(serialize_with = "money2")]
    b_stores_usd: Decimal,
    #[schemars(with = "crate::cost::MoneyJson")]
    #[serde(serialize_with = "money2")]
    a_adjustment_usd: Decimal,
    #[schemars(with = "crate::cost::MoneyJson")]
    #[serde(serialize_with = "money2")]
    b_adjustment_usd: Decimal,
}

fn alternative(x: &Alternative) -> AlternativeView<'_> {
    let num = |d: Decimal| d.round_dp(2).normalize().to_string();
    AlternativeView {
        monthly_usd: x.monthly,
        score: x.score.map(num),
        rule_points: num(x.rule_points),
        cost_points: x.cost_points.map(num),
        excluded_by: &x.excluded_by,
        not_priced: x.not_priced.as_deref(),
        standing: x.standing(),
    }
}

fn view<'a>(n: &'a Names, c: &'a Comparison) -> View<'a> {
    let placed = |p: &'a Option<Placed>| {
        p.as_ref().map(|p| PlacedView {
            placement: p.placement,
            monthly_usd: p.monthly,
            why: &p.why,
        })
    };
    let text = |v: &'a Option<InputValue>| v.as_ref().map(|v| v.text.as_str());
    let defaulted = |v: &Option<InputValue>| v.as_ref().is_some_and(|v| v.defaulted);
    View {
        a: WorkloadView {
            file: &n.a_file,
            workload: n.a,
        },
        b: WorkloadView {
            file: &n.b_file,
            workload: n.b,
        },
        input_changes: c
            .input_changes
            .iter()
            .map(|ch| ChangeView {
                path: &ch.path,
                change: ch.change.as_str(),
                a: text(&ch.a),
                b: text(&ch.b),
                a_defaulted: defaulted(&ch.a),
                b_defaulted: defaulted(&ch.b),
            })
            .collect(),
        components: c
            .components
            .iter()
            .map(|x| ComponentView {
                name: &x.name,
                presence: x.presence.as_str(),
                a: placed(&x.a),
                b: placed(&x.b),
                delta_usd: x.delta,
                placement_changed: x.placement_changed,
                rules: x
                    .rules
                    .iter()
                    .map(|r| RuleView {
                        fired_in: r.fired_in.as_str(),
                        id: &r.id,
                        title: &r.title,
                        effect: &r.effect,
                        because: &r.because,
                        source: &r.source,
                        after_choice: r.after_choice,
                    })
                    .collect(),
                standings: x
                    .standings
                    .iter()
                    .map(|st| StandingView {
                        placement: st.placement,
                        a: st.a.as_ref().map(alternative),
                        b: st.b.as_ref().map(alternative),
                    })
                    .collect(),
            })
            .collect(),
        total: TotalView {
            a_monthly_usd: c.total.a,
            b_monthly_usd: c.total.b,
            delta_usd: c.total.delta,
            percent_change: c.total.percent.map(|p| {
                let mut p = p;
                p.rescale(1);
                p.to_string()
            }),
            a_stores_usd: c.total.stores_a,
            b_stores_usd: c.total.stores_b,
            a_adjustment_usd: c.total.adjustment_a,
            b_adjustment_usd: c.total.adjustment_b,
        },
    }
}

/// The JSON Schema of `compare --format json`.
pub fn schema() -> schemars::Schema {
    crate::present::envelope::schema::<View<'static>>(
        "archway compare",
        "`archway compare --format json`: two workloads side by side: the inputs that changed, each component's placement and cost on both sides, the rules that decided them, and the difference in the total.",
    )
}

#[cfg(test)]
mod tests {
    use rust_decimal::dec;

    use super::*;

    #[test]
    fn signed_money_and_percent() {
        assert_eq!(amount(dec!(22.6)), "$22.60");
        assert_eq!(amount(dec!(-0.01)), "−$0.01");
        assert_eq!(signed_percent(dec!(5626.2)), "+5,626.2%");
        assert_eq!(signed_percent(dec!(-33.3)), "−33.3%");
        assert_eq!(signed_percent(dec!(12)), "+12.0%");
        assert_eq!(signed_percent(Decimal::ZERO), "0.0%");
    }
}
