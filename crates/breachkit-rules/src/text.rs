//! A plain-text rendering of an assessment, for people (`breachkit assess`), in the language of
//! its sentences: the headings come from the same message catalogue.

use std::fmt::Write;

use crate::assessment::{Assessment, Status, StepKind};
use crate::i18n::{Messages, fill};

impl Assessment {
    /// The assessment as text: per entity, each obligation with its status, deadline, filing
    /// state, reasons and citations; then the open questions. In the assessment's language
    /// ([`Assessment::lang`]).
    pub fn to_text(&self) -> String {
        let m = Messages::builtin(self.lang);
        let line = |key: &str, args: &[(&str, String)]| {
            fill(&m.t(&format!("text.{key}")), &|n| {
                args.iter().find(|(k, _)| *k == n).map(|(_, v)| v.clone())
            })
        };
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{}",
            line(
                "title",
                &[
                    ("incident", self.incident.clone()),
                    ("as_of", self.as_of.to_rfc3339())
                ]
            )
        );
        let _ = writeln!(s, "{}", line("rules", &[("rules", self.rules.join(", "))]));
        // A counsel's rule files: which file each version came from and what it replaced.
        for o in &self.overrides {
            let mut args = vec![("rules", o.rules.clone()), ("file", o.file.clone())];
            let key = match &o.replaces {
                Some(r) => {
                    args.push(("replaces", r.clone()));
                    "rule_override_replaces"
                }
                None => "rule_override",
            };
            let _ = writeln!(s, "{}", line(key, &args));
        }
        let mut current = None;
        for o in &self.obligations {
            if current != Some(&o.obligor) {
                let _ = writeln!(
                    s,
                    "\n{}",
                    line(
                        "entity",
                        &[
                            ("name", o.obligor_name.clone()),
                            ("id", o.obligor.to_string())
                        ]
                    )
                );
                current = Some(&o.obligor);
            }
            let _ = writeln!(
                s,
                "\n  [{}] {} → {}",
                m.t(&format!("status.{}", o.status.code())),
                o.name,
                o.recipient.name
            );
            let _ = writeln!(
                s,
                "      {}",
                line(
                    "regime_line",
                    &[
                        ("regime", o.regime.clone()),
                        ("version", o.regime_version.clone()),
                        ("rule", o.rule.clone()),
                        (
                            "confidence",
                            m.t(&format!("arg.confidence.{}", o.confidence.code()))
                        ),
                    ]
                )
            );
            if o.status != crate::Status::NotRequired {
                let due = match (&o.deadline.due_local, &o.deadline.guidance) {
                    (Some(d), _) => line(
                        "due",
                        &[
                            ("due", d.clone()),
                            ("zone", o.deadline.time_zone.clone()),
                            (
                                "provisional",
                                match (o.deadline.provisional, o.deadline.start_basis) {
                                    (false, _) => String::new(),
                                    // From the end of an assessment period or an earlier
                                    // report's deadline: the latest it can be.
                                    (
                                        true,
                                        crate::assessment::StartBasis::AssessmentPeriodEnd
                                        | crate::assessment::StartBasis::PriorDeadline
                                        | crate::assessment::StartBasis::OtherNotice,
                                    ) => m.t("text.provisional_latest"),
                                    (true, _) => m.t("text.provisional"),
                                },
                            ),
                        ],
                    ),
                    (None, Some(g)) => line(
                        "due_guidance",
                        &[
                            ("standard", o.deadline.standard.clone()),
                            ("from", g.from.clone()),
                            ("to", g.to.clone()),
                            ("cite", g.cite.clone()),
                        ],
                    ),
                    (None, None) => line("due_none", &[("standard", o.deadline.standard.clone())]),
                };
                let _ = writeln!(s, "      {due}");
                let _ = writeln!(
                    s,
                    "      {}",
                    line("counting", &[("counting", o.deadline.counting.clone())])
                );
            }
            let _ = writeln!(
                s,
                "      {}",
                line(
                    "filing",
                    &[
                        (
                            "state",
                            m.t(&format!("filing_state.{}", o.filing.state.code()))
                        ),
                        ("note", o.filing.note.clone()),
                    ]
                )
            );
            let reasons: Vec<String> = o
                .trace
                .iter()
                .filter(|t| {
                    matches!(
                        t.kind,
                        StepKind::Trigger
                            | StepKind::Exemption
                            | StepKind::Requires
                            | StepKind::ClockVariant
                            | StepKind::Recipient
                            | StepKind::RiskFactor
                    )
                })
                .map(|t| crate::i18n::step_head(t, self.lang))
                .collect();
            if !reasons.is_empty() {
                let _ = writeln!(
                    s,
                    "      {}",
                    line(
                        "why",
                        &[("reasons", reasons.join(&m.t("text.sentence_separator")))]
                    )
                );
            }
            let cites: Vec<String> = o.citations.iter().map(|c| c.article.clone()).collect();
            let _ = writeln!(
                s,
                "      {}",
                line(
                    "cites",
                    &[("cites", cites.join(&m.t("text.sentence_separator")))]
                )
            );
            for q in &o.questions {
                let _ = writeln!(s, "      ? {}", q.text);
            }
        }
        s.push_str(&self.us_summary());
        let _ = writeln!(
            s,
            "\n{}",
            line(
                "not_covered",
                &[("count", self.not_covered.len().to_string())]
            )
        );
        if self.not_covered.is_empty() {
            let _ = writeln!(s, "  {}", m.t("text.not_covered_none"));
        }
        for n in &self.not_covered {
            let _ = writeln!(
                s,
                "  {}",
                line(
                    "not_covered_line",
                    &[
                        ("jurisdiction", n.jurisdiction.clone()),
                        ("statement", n.statement.clone())
                    ]
                )
            );
        }
        if !self.not_applicable.is_empty() {
            let _ = writeln!(s, "\n{}", m.t("text.not_applicable"));
            // One line per entity and reason for the US state laws: the 54 that do not reach an
            // entity share a reason once the jurisdiction list is left out. Every other regime
            // keeps its own line.
            let mut lines: Vec<(String, String, Vec<&str>)> = Vec::new();
            for n in &self.not_applicable {
                let key = if is_us_state(&n.regime) {
                    reason_shape(&n.reason)
                } else {
                    format!("\u{0}{}", n.regime)
                };
                match lines
                    .iter_mut()
                    .find(|(e, k, _)| e.as_str() == n.entity.as_str() && *k == key)
                {
                    Some(l) => l.2.push(&n.regime),
                    None => lines.push((n.entity.to_string(), key, vec![&n.regime])),
                }
            }
            for (entity, key, regimes) in lines {
                if regimes.len() == 1 {
                    let n = self.not_applicable.iter().find(|n| {
                        n.entity.as_str() == entity
                            && regimes.first().is_some_and(|r| n.regime == *r)
                    });
                    if let Some(n) = n {
                        let _ = writeln!(s, "  {} / {}: {}", n.entity, n.regime, n.reason);
                    }
                } else {
                    let _ = writeln!(
                        s,
                        "  {}",
                        line(
                            "not_applicable_grouped",
                            &[
                                ("entity", entity.clone()),
                                ("regimes", regimes.join(", ")),
                                ("count", regimes.len().to_string()),
                                ("reason", key.clone()),
                            ]
                        )
                    );
                }
            }
        }
        let _ = writeln!(
            s,
            "\n{}",
            line(
                "open_questions",
                &[("count", self.questions.len().to_string())]
            )
        );
        for q in &self.questions {
            let _ = writeln!(s, "  - {} [{}]", q.text, q.path);
        }
        s
    }
}

impl Assessment {
    /// One line per entity and US state or territory whose law applies: the notice to
    /// residents, the regulator notices and the CRA notice, so a 50-state incident stays
    /// readable. Empty when no state law applies.
    pub fn us_summary(&self) -> String {
        let is_state = is_us_state;
        let mut entities: Vec<&str> = Vec::new();
        for o in self.obligations.iter().filter(|o| is_state(&o.regime)) {
            if !entities.contains(&o.obligor.as_str()) {
                entities.push(o.obligor.as_str());
            }
        }
        let m = Messages::builtin(self.lang);
        let word = |key: &str, date: Option<&str>| {
            fill(&m.t(&format!("text.{key}")), &|n| {
                (n == "date").then(|| date.unwrap_or_default().to_owned())
            })
        };
        let mut s = String::new();
        for e in entities {
            let _ = writeln!(
                s,
                "\n{}\n  {:<6} {:<34} {:<44} {}",
                fill(&m.t("text.us_summary"), &|n| (n == "entity")
                    .then(|| e.to_owned())),
                m.t("text.us_state"),
                m.t("text.us_individuals"),
                m.t("text.us_regulators"),
                m.t("text.us_cras"),
            );
            let mut regimes: Vec<&str> = Vec::new();
            for o in self.for_entity(e).filter(|o| is_state(&o.regime)) {
                if !regimes.contains(&o.regime.as_str()) {
                    regimes.push(&o.regime);
                }
            }
            for r in regimes {
                let obs: Vec<_> = self.for_entity(e).filter(|o| o.regime == r).collect();
                let short = |o: &crate::assessment::Obligation| {
                    let due = o
                        .deadline
                        .due_local
                        .as_deref()
                        .map(|d| d.get(..10).unwrap_or(d));
                    match (o.status, due) {
                        (Status::NotRequired, _) => word("us_not_required", None),
                        (Status::Required, Some(d)) => word("us_due", Some(d)),
                        (Status::Required, None) => word("us_required_no_date", None),
                        (Status::Undetermined, Some(d)) => word("us_undetermined_due", Some(d)),
                        (Status::Undetermined, None) => word("us_undetermined", None),
                    }
                };
                let individuals = obs
                    .iter()
                    .find(|o| o.rule == "individual-notice")
                    .map_or_else(|| "—".to_owned(), |o| short(o));
                let regulators: Vec<String> = obs
                    .iter()
                    .filter(|o| o.recipient.kind == breachkit_model::RecipientKind::Regulator)
                    .filter(|o| o.status != Status::NotRequired)
                    .map(|o| short(o))
                    .collect();
                let regulators = if regulators.is_empty() {
                    word("us_none", None)
                } else {
                    regulators.join(&m.t("text.sentence_separator"))
                };
                let cra = obs
                    .iter()
                    .find(|o| o.rule == "cra-notice")
                    .map_or_else(|| "—".to_owned(), |o| short(o));
                let state = r.trim_start_matches("us.").to_uppercase();
                let _ = writeln!(s, "  {state:<6} {individuals:<34} {regulators:<44} {cra}");
            }
        }
        s
    }
}

/// A condition in words, for the regime table.
fn condition_words(c: &crate::ruleset::Condition) -> String {
    use crate::ruleset::Condition as C;
    let list = |v: &[String]| v.join(", ");
    match c {
        C::All(cs) => cs
            .iter()
            .map(condition_words)
            .collect::<Vec<_>>()
            .join(" and "),
        C::Any(cs) => format!(
            "({})",
            cs.iter()
                .map(condition_words)
                .collect::<Vec<_>>()
                .join(" or ")
        ),
        C::Not(c) => format!("not {}", condition_words(c)),
        C::DataClass(id) => format!("data class {id}"),
        C::PersonsOver(n) => format!("more than {n} people"),
        C::PersonsAtLeast(n) => format!("{n} or more people"),
        C::Fact(f) => format!(
            "fact {}",
            serde_json::to_value(f)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
        ),
        C::NatureIn(n) => format!("nature in {n:?}").to_lowercase(),
        C::CauseIn(v) => format!("cause in [{}]", list(v)),
        C::EntityCountryIn(v) => format!("incorporated in [{}]", list(v)),
        C::EstablishedIn(v) => format!("established in [{}]", list(v)),
        C::ResidentsIn(v) => format!("residents in [{}]", list(v)),
        C::ResidentsInSubdivision(v) => format!("residents in [{}]", list(v)),
        C::ResidentsOver(rc) => format!("more than {} residents of {}", rc.count, rc.region),
        C::ResidentsAtLeast(rc) => format!("{} or more residents of {}", rc.count, rc.region),
        C::MarketsIn(v) => format!("market in [{}]", list(v)),
        C::Sector(s) => format!("sector {s}"),
        C::SectorIn(v) => format!("sector in [{}]", list(v)),
        C::SizeClassIn(v) => format!(
            "size class in [{}]",
            v.iter().map(|c| c.code()).collect::<Vec<_>>().join(", ")
        ),
        C::HeldAs(r) => format!("held as {r:?}").to_lowercase(),
        C::Determined(t) => format!("determined {t}"),
        C::Designation(d) => format!("designated {d}"),
    }
}

impl crate::Ruleset {
    /// A Markdown table of every loaded regime version and obligation: trigger, recipients,
    /// deadline and confidence (`docs/regimes/world.md` is this table for the built-in rules; a
    /// test keeps it current).
    pub fn regime_table_markdown(&self) -> String {
        use crate::ruleset::{ClockKind, Duty, RegimeStatus, StartEvent};
        let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
        let mut s = String::new();
        let _ = writeln!(
            s,
            "# Regimes and obligations (generated)\n\n\
             Generated from the built-in rule files by `Ruleset::regime_table_markdown`; the test \
             `world_table_is_current` fails when this file is stale (regenerate with \
             `BREACHKIT_UPDATE_DOCS=1 cargo test -p breachkit-rules world_table`). One row per \
             obligation; triggers are any-of, requirements all-of. Dates are the versions' \
             effective dates; a version pending commencement is never applied.\n"
        );
        let _ = writeln!(
            s,
            "| regime | version (status) | obligation | trigger | recipients | deadline | confidence |\n|---|---|---|---|---|---|---|"
        );
        for r in self.regimes() {
            let m = &r.regime;
            let status = match m.status {
                RegimeStatus::InForce => format!(
                    "from {}{}",
                    m.effective_from.map(|d| d.to_string()).unwrap_or_default(),
                    m.effective_to
                        .map(|d| format!(" to {d}"))
                        .unwrap_or_default()
                ),
                RegimeStatus::Proposed => "proposed".to_owned(),
                RegimeStatus::PendingCommencement => "enacted, commencement not fixed".to_owned(),
            };
            for o in &r.obligation {
                let mut trig: Vec<String> = o
                    .requires
                    .iter()
                    .map(|c| format!("requires {}", condition_words(&c.when)))
                    .collect();
                if !o.triggers.is_empty() {
                    trig.push(
                        o.triggers
                            .iter()
                            .map(|c| condition_words(&c.when))
                            .collect::<Vec<_>>()
                            .join("; or "),
                    );
                }
                if !o.exemptions.is_empty() {
                    trig.push(format!(
                        "unless {}",
                        o.exemptions
                            .iter()
                            .map(|c| condition_words(&c.when))
                            .collect::<Vec<_>>()
                            .join("; or ")
                    ));
                }
                let trigger = if trig.is_empty() {
                    "every breach in scope".to_owned()
                } else {
                    trig.join("; ")
                };
                let mut recipients = vec![o.recipient.name.clone().unwrap_or_else(|| {
                    o.recipient
                        .body
                        .clone()
                        .unwrap_or_else(|| o.recipient.kind.code().into_owned())
                })];
                recipients.extend(o.recipient.also_to.iter().map(|a| a.name.clone()));
                let c = &o.clock;
                let unit = match c.kind {
                    ClockKind::None => String::new(),
                    ClockKind::Hours => format!("{} h", c.amount.unwrap_or_default()),
                    ClockKind::CalendarDays => format!("{} days", c.amount.unwrap_or_default()),
                    ClockKind::BusinessDays => format!(
                        "{} working days ({})",
                        c.amount.unwrap_or_default(),
                        c.calendar.map(|k| k.code()).unwrap_or_default()
                    ),
                    ClockKind::DaysAfterYearEnd => {
                        format!("{} days after year end", c.amount.unwrap_or_default())
                    }
                    ClockKind::Months => format!("{} month(s)", c.amount.unwrap_or_default()),
                };
                let from = match c.start {
                    StartEvent::Aware => "awareness".to_owned(),
                    StartEvent::Detected => "detection".to_owned(),
                    StartEvent::Determined | StartEvent::Classified => format!(
                        "determination {}",
                        c.determination.clone().unwrap_or_default()
                    ),
                    StartEvent::Report => {
                        format!("report under {}", c.after.clone().unwrap_or_default())
                    }
                    StartEvent::MaterialityDetermined => "materiality determination".to_owned(),
                    StartEvent::RansomPaid => "ransom payment".to_owned(),
                    StartEvent::Obligation => format!(
                        "{} notice under {}",
                        match c.relation {
                            Some(crate::ruleset::Relation::Before) => "before the",
                            Some(crate::ruleset::Relation::After) => "after the",
                            _ => "no later than the",
                        },
                        c.relative_to.clone().unwrap_or_default()
                    ),
                };
                let mut deadline = if unit.is_empty() {
                    format!("{} (from {from})", c.standard)
                } else {
                    format!("{unit} from {from}")
                };
                if let Some(b) = &c.backstop {
                    deadline.push_str(&format!("; at most {} h from awareness", b.amount));
                }
                for v in &c.variants {
                    deadline.push_str(&format!(
                        "; {} if {}",
                        v.amount,
                        v.when_trigger
                            .clone()
                            .or_else(|| v.when_designation.clone())
                            .unwrap_or_default()
                    ));
                }
                let duty = match o.duty {
                    Duty::Voluntary => " (voluntary)",
                    Duty::Mandatory => "",
                };
                let _ = writeln!(
                    s,
                    "| `{}` {} | {} ({}) | {}{duty} | {} | {} | {} | {:?} |",
                    m.id,
                    cell(&m.jurisdiction),
                    cell(&m.version),
                    cell(&status),
                    cell(&o.name),
                    cell(&trigger),
                    cell(&recipients.join(" + ")),
                    cell(&deadline),
                    o.confidence
                );
            }
        }
        s
    }
}

/// True for the regime id of a US state or territory law (`us.ny`), not the federal rules.
fn is_us_state(regime: &str) -> bool {
    regime
        .strip_prefix("us.")
        .is_some_and(|x| x.len() == 2 && x.bytes().all(|b| b.is_ascii_lowercase()))
}

/// A not-applicable reason without its bracketed lists ("residence recorded in one of [US-CA]
/// …" and "… [US-NY] …" become the same line).
fn reason_shape(reason: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for ch in reason.chars() {
        match ch {
            '[' => {
                depth = depth.saturating_add(1);
                if depth == 1 {
                    out.push_str("[…]");
                }
            }
            ']' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}
