//! `docs/regimes/us-states.md`, generated from the US rule files (`cargo xtask regimes-doc`);
//! `cargo xtask test` checks that the committed copy is current.

use std::fmt::Write;
use std::path::PathBuf;

use breachkit_model::RecipientKind;
use breachkit_rules::{
    BUILTIN_RULE_FILES, ClockKind, ClockRule, Condition, Confidence, ObligationRule, Relation,
    Ruleset, StartEvent,
};

pub(crate) fn path() -> PathBuf {
    crate::root().join("docs/regimes/us-states.md")
}

fn grade(c: Confidence) -> &'static str {
    match c {
        Confidence::High => "high",
        Confidence::Medium => "medium",
        Confidence::Low => "low",
    }
}

fn threshold(o: &ObligationRule) -> Option<String> {
    o.requires.iter().find_map(|c| match &c.when {
        Condition::ResidentsOver(rc) => Some(format!("> {}", rc.count)),
        Condition::ResidentsAtLeast(rc) => Some(format!("≥ {}", rc.count)),
        _ => None,
    })
}

fn clock(c: &ClockRule) -> String {
    let unit = |k: ClockKind| match k {
        ClockKind::BusinessDays => "business days",
        ClockKind::Hours => "hours",
        _ => "days",
    };
    match (c.start, c.relation, c.kind, c.amount) {
        (StartEvent::Obligation, Some(Relation::NoLaterThan), _, _) => {
            "no later than the individual notice".into()
        }
        (StartEvent::Obligation, Some(Relation::Before), _, _) => {
            "before the individual notice".into()
        }
        (StartEvent::Obligation, Some(Relation::After), k, Some(n)) => {
            format!("{n} {} after the individual notice", unit(k))
        }
        (_, _, ClockKind::None, _) | (_, _, _, None) => "no fixed period".into(),
        (_, _, k, Some(n)) => format!("{n} {}", unit(k)),
    }
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

/// The document, from the built-in rule files.
pub(crate) fn render() -> Result<String, String> {
    let mut rows = Vec::new();
    let mut below_high = Vec::new();
    let mut sources = String::new();
    for (name, text) in BUILTIN_RULE_FILES
        .iter()
        .filter(|(n, _)| n.starts_with("us/"))
    {
        let mut rs = Ruleset::with_builtin_classes().map_err(|e| e.to_string())?;
        rs.load_regime(name, text).map_err(|e| e.to_string())?;
        let rf = rs.regimes().first().ok_or("no regime")?;
        let m = &rf.regime;
        let checked = text
            .lines()
            .find_map(|l| l.strip_prefix("# checked twice: "))
            .unwrap_or("not recorded");
        let checked_short = checked.split(" - ").next().unwrap_or(checked);
        let weakest = rf
            .obligation
            .iter()
            .map(|o| o.confidence)
            .max()
            .unwrap_or(Confidence::Low);
        let find = |id: &str| rf.obligation.iter().find(|o| o.id == id);
        let individual = find("individual-notice").map_or_else(String::new, |o| clock(&o.clock));
        let mut regulators = Vec::new();
        for o in &rf.obligation {
            if o.recipient.kind == RecipientKind::Regulator && o.id != "ag-no-harm-notice" {
                let who = o.recipient.name.clone().unwrap_or_default();
                let th = threshold(o).unwrap_or_else(|| "any".to_owned());
                regulators.push(format!("{who}: {th} → {}", clock(&o.clock)));
            }
        }
        let cra = find("cra-notice").map_or_else(
            || "—".to_owned(),
            |o| {
                format!(
                    "{} → {}",
                    threshold(o).unwrap_or_else(|| "any".into()),
                    clock(&o.clock)
                )
            },
        );
        let harm = find("individual-notice")
            .and_then(|o| o.exemptions.iter().find(|e| e.id == "no-harm"))
            .map_or("none", |_| "yes");
        let paper = find("individual-notice")
            .map(|o| o.exemptions.iter().any(|e| e.id == "paper-only"))
            .map_or("", |electronic_only| {
                if electronic_only {
                    "electronic only"
                } else {
                    "not verified / covers paper"
                }
            });
        let from = m
            .effective_from
            .map_or_else(|| "(not fixed)".to_owned(), |d| d.to_string());
        let version = match m.effective_to {
            Some(t) => format!("{from} to {t}"),
            None => format!("from {from}"),
        };
        rows.push(format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            m.jurisdiction,
            cell(&m.name),
            version,
            cell(&individual),
            cell(&regulators.join("; ")),
            cell(&cra),
            harm,
            paper,
            grade(weakest),
            cell(checked_short),
        ));
        for o in &rf.obligation {
            if o.confidence != Confidence::High {
                below_high.push(format!(
                    "- {} ({}) `{}`: {}",
                    m.jurisdiction,
                    version,
                    o.id,
                    grade(o.confidence)
                ));
            }
        }
        let _ = writeln!(
            sources,
            "\n**{} ({version})** — `crates/breachkit-rules/rules/{name}`; checked twice: {}",
            m.jurisdiction,
            cell(checked)
        );
        for s in &m.sources {
            let _ = writeln!(sources, "- {}: <{}>", s.title, s.url);
        }
    }
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<!-- Generated by `cargo xtask regimes-doc` from crates/breachkit-rules/rules/us/*.toml; do not edit by hand. `cargo xtask test` checks it is current. -->"
    );
    s.push_str(
        "# United States — state and territory breach laws\n\n\
        One rule file per jurisdiction and version (50 states, DC, Puerto Rico, Guam, the US Virgin \
        Islands; earlier versions of California, New York, Oklahoma and Pennsylvania). Each row is \
        read from the rule data. Thresholds count the residents of that jurisdiction only; \
        \"individual notice\" periods are counted from the recorded awareness in the law's own \
        zone (a date recorded without a time stays that calendar day). Confidence is the weakest \
        obligation of the file; \"checked twice\" records whether the sources were read a second \
        time (see the file header for what was re-read). breachkit is not legal advice.\n\n\
        The federal sector rules have their own files: FTC Safeguards Rule (`us-ftc-safeguards.toml`), \
        SEC Form 8-K Item 1.05 (`us-sec-8k.toml`), NYDFS 23 NYCRR 500.17 (`us-nydfs-500-17.toml`); HIPAA \
        is `us-hipaa.toml` ([us-hipaa.md](us-hipaa.md)).\n\n",
    );
    s.push_str("| jurisdiction | law | version | individual notice | regulators (threshold → period) | CRAs | harm test | records | confidence | checked twice |\n");
    s.push_str("|---|---|---|---|---|---|---|---|---|---|\n");
    for r in rows {
        s.push_str(&r);
        s.push('\n');
    }
    let _ = writeln!(s, "\n## Rules graded below high ({})\n", below_high.len());
    for b in below_high {
        s.push_str(&b);
        s.push('\n');
    }
    s.push_str("\n## Sources\n");
    s.push_str(&sources);
    Ok(s)
}

pub(crate) fn write() -> Result<(), String> {
    let text = render()?;
    std::fs::write(path(), text).map_err(|e| format!("{}: {e}", path().display()))
}

pub(crate) fn check() -> Result<(), String> {
    let want = render()?;
    let have = std::fs::read_to_string(path()).unwrap_or_default();
    if want == have {
        Ok(())
    } else {
        Err(
            "docs/regimes/us-states.md is stale: run `cargo xtask regimes-doc` and commit it"
                .into(),
        )
    }
}
