//! Report drafting: every kind × language × format on the examples (snapshots), the seed's facts
//! in the drafted announcement, the PPC final reports of the three Seiko companies, catalogue
//! completeness.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use breachkit_model::{Cause, DataCategory, GroupKind, Incident, MeasureKind};
use breachkit_report::{Catalogue, Draft, Format, Lang, Options, ReportKind, draft, render};

fn example(name: &str) -> Incident {
    let text = std::fs::read_to_string(format!(
        "{}/../../docs/examples/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    Incident::from_json(&text).unwrap()
}

fn drafts(inc: &Incident, kind: ReportKind, lang: Lang, as_of: &str) -> (Vec<Draft>, Catalogue) {
    let as_of = as_of.parse().unwrap();
    let a = breachkit_rules::assess(inc, as_of).unwrap();
    let cat = Catalogue::builtin(lang).unwrap();
    (
        draft(inc, &a, &cat, &Options::new(kind, lang, as_of)).unwrap(),
        cat,
    )
}

#[test]
fn snapshots_of_every_kind_language_and_format() {
    let cases: &[(&str, &str, &[ReportKind])] = &[
        (
            "seiko-2023.json",
            "2023-10-25T12:00:00+09:00",
            &[
                ReportKind::PpcPreliminary,
                ReportKind::PpcFinal,
                ReportKind::IndividualNotice,
                ReportKind::Announcement,
            ],
        ),
        (
            "booking-2019-gdpr.json",
            "2019-02-06T12:00:00+01:00",
            &[
                ReportKind::GdprArt33,
                ReportKind::IndividualNotice,
                ReportKind::Announcement,
            ],
        ),
        (
            "anthem-2015-hipaa.json",
            "2015-03-13T12:00:00-05:00",
            &[
                ReportKind::Hhs,
                ReportKind::IndividualNotice,
                ReportKind::Announcement,
            ],
        ),
    ];
    for (file, as_of, kinds) in cases {
        let inc = example(file);
        for kind in *kinds {
            for lang in [Lang::En, Lang::Ja] {
                let (ds, cat) = drafts(&inc, *kind, lang, as_of);
                for (fmt, ext) in [
                    (Format::Markdown, "md"),
                    (Format::Html, "html"),
                    (Format::Json, "json"),
                ] {
                    let out = render(&ds, &cat, fmt);
                    assert!(
                        !out.contains('⟦'),
                        "{file} {kind:?} {lang:?}: a template key is missing: {out}"
                    );
                    let name = format!(
                        "{}__{}__{}__{ext}",
                        file.trim_end_matches(".json"),
                        kind.code(),
                        lang.tag()
                    );
                    insta::assert_snapshot!(name, out);
                }
            }
        }
    }
}

/// The drafted third announcement carries every fact of the seed report.
#[test]
fn announcement_carries_every_fact_of_the_seed() {
    let (ds, cat) = drafts(
        &example("seiko-2023.json"),
        ReportKind::Announcement,
        Lang::En,
        "2023-10-25T12:00:00+09:00",
    );
    let md = render(&ds, &cat, Format::Markdown);
    // Every fact of the seed, in the seed's order: each is found after the one before it.
    let mut at = 0;
    for fact in [
        "Regarding Our Recent Data Breach (Third Report)",
        "October 25, 2023 by Seiko Group Corporation",
        "August 10, 2023 (https://www.seiko.co.jp/en/information/202308101100.html)",
        "August 22, 2023 (https://www.seiko.co.jp/en/information/202308221300.html)",
        "a ransomware attack",
        "On July 28, 2023, we detected unauthorized access",
        "which later turned into a ransomware attack",
        "the Personal Information Protection Committee and the Tokyo Metropolitan Police",
        "Following a comprehensive review by both the Company and cybersecurity experts",
        "approximately 60,000 items of personal data held by Seiko Group Corporation (SGC), Seiko Watch Corporation (SWC) and Seiko Instruments Inc. (SII)",
        "Emergency response team established",
        "professional cybersecurity experts",
        "Emergency inspection of all servers",
        "External communication with the affected servers temporarily blocked",
        "Clean system restoration initiated",
        "EDR installed on all servers and PCs",
        "Multi-factor authentication implemented, among other measures",
        "SWC customers, including names, addresses, telephone numbers and/or email addresses",
        "credit card numbers",
        "were not compromised",
        "SGC, SWC and/or SII, including names, company affiliations, job titles and/or company addresses, phone numbers and email addresses",
        "Applicants for employment with SGC and/or SWC",
        "email addresses and/or educational background",
        "Current and former employees of SGC and its group companies, including names and/or email addresses",
        "In conjunction with cybersecurity experts and others, we are continuing to",
        "Review all IT operations and systems",
        "Identify the scope of the data breach",
        "Assess the cause and full picture",
        "Enhance system security and monitoring",
        "Strengthen corporate governance",
        "Review the Business Continuity Plan",
        "Implement third-party assessments",
        "We sincerely apologize",
        "reaching out to each of the affected parties individually",
        "Email privacy@seiko.co.jp",
        "Email yserv@seiko-watch.co.jp",
        "URL https://krs.bz/sii/m/sii_inquiry_en",
    ] {
        match md[at..].find(fact) {
            Some(p) => at += p + fact.len(),
            None => panic!(
                "missing or out of the seed's order: {fact}\n{}",
                if md.contains(fact) {
                    "(present, but earlier)"
                } else {
                    "(absent)"
                }
            ),
        }
    }
    // No tool language in a public text.
    for tool in [
        "recorded",
        "incident file",
        "breachkit",
        "[to be determined]",
    ] {
        let body = md.split("\n---\n").next().unwrap();
        assert!(!body.contains(tool), "tool language: {tool}");
    }
    // The seed's structure: background, leaked data, future actions, contact — in that order.
    let pos = |h: &str| md.find(h).unwrap_or_else(|| panic!("{h}"));
    assert!(pos("## Background and response") < pos("## Summary of leaked personal data"));
    assert!(pos("## Summary of leaked personal data") < pos("## Future actions"));
    assert!(pos("## Future actions") < pos("## Contact"));
    assert!(ds[0].complete, "{:?}", ds[0].missing);
}

#[test]
fn japanese_announcement_is_japanese() {
    let (ds, cat) = drafts(
        &example("seiko-2023.json"),
        ReportKind::Announcement,
        Lang::Ja,
        "2023-10-25T12:00:00+09:00",
    );
    let md = render(&ds, &cat, Format::Markdown);
    for fact in [
        "（第3報）",
        "2023年7月28日",
        "ランサムウェア攻撃",
        "個人情報保護委員会及び警視庁",
        "約60,000件",
        "セイコーウオッチ株式会社のお客様の氏名、住所、電話番号、メールアドレス（対象者により異なる）",
        "漏えいしておりません",
        "学歴",
        "深くお詫び申し上げます",
        "privacy@seiko.co.jp",
    ] {
        assert!(md.contains(fact), "missing: {fact}\n{md}");
    }
    // No English labels leak into the Japanese draft (URLs, e-mail and the EDR acronym aside).
    for en in ["names", "customers", "Background", "Email ", "unauthorized"] {
        assert!(!md.contains(en), "English in the Japanese draft: {en}");
    }
}

/// The PPC final report of each Seiko company has all nine items, each filled or flagged with a
/// path, and says loudly when it is incomplete.
#[test]
fn ppc_final_for_each_company() {
    for lang in [Lang::En, Lang::Ja] {
        let (ds, cat) = drafts(
            &example("seiko-2023.json"),
            ReportKind::PpcFinal,
            lang,
            "2023-10-25T12:00:00+09:00",
        );
        assert_eq!(
            ds.iter()
                .map(|d| d.entity.clone().unwrap())
                .collect::<Vec<_>>(),
            ["sgc", "swc", "sii"]
        );
        for d in &ds {
            let ids: Vec<&str> = d.sections.iter().map(|s| s.id.as_str()).collect();
            // Item 8 is split into measures taken and measures planned (a heading-less part).
            let planned = ids.iter().position(|i| *i == "ppc.item8.planned");
            assert_eq!(
                planned,
                ids.iter().position(|i| *i == "ppc.item8").map(|p| p + 1)
            );
            let items: Vec<&str> = ids
                .iter()
                .copied()
                .filter(|i| *i != "ppc.item8.planned")
                .collect();
            assert_eq!(
                items,
                [
                    "ppc.item1",
                    "ppc.item2",
                    "ppc.item3",
                    "ppc.item4",
                    "ppc.item5",
                    "ppc.item6",
                    "ppc.item7",
                    "ppc.item8",
                    "ppc.item9"
                ]
            );
            assert!(d.must_be_complete);
            assert_eq!(d.complete, d.missing.is_empty());
            // The seed gives no per-company head count: item 3 is flagged with its path.
            assert!(
                d.missing
                    .iter()
                    .any(|m| m.item == "ppc.item3" && m.path.ends_with("/count")),
                "{:?}",
                d.missing
            );
            for m in &d.missing {
                assert!(m.path.starts_with('/'), "{m:?}");
            }
            let md = breachkit_report::markdown(d, &cat);
            assert!(md.contains(&cat.get("text.incomplete_final")));
            // Due 2023-09-25 (60 days, item iii): a month late on 2023-10-25, and it says so.
            assert_eq!(d.fields.get("ppc.late"), Some(&serde_json::json!(true)));
            assert!(
                d.intro.iter().any(|p| p.contains(
                    &cat.date(&breachkit_model::PartialTime::date(2023, 9, 25).unwrap())
                )),
                "{:?}",
                d.intro
            );
        }
    }
    // Filling the counts completes item 3.
    let mut inc = example("seiko-2023.json");
    for g in &mut inc.groups {
        g.count = breachkit_model::Count::exact(100);
    }
    let (ds, _) = drafts(
        &inc,
        ReportKind::PpcFinal,
        Lang::En,
        "2023-10-25T12:00:00+09:00",
    );
    assert!(
        ds.iter()
            .all(|d| !d.missing.iter().any(|m| m.item == "ppc.item3"))
    );
}

#[test]
fn catalogues_cover_every_code_in_both_languages() {
    let en = Catalogue::builtin(Lang::En).unwrap();
    let ja = Catalogue::builtin(Lang::Ja).unwrap();
    let mut ek: Vec<&str> = en.keys().collect();
    let mut jk: Vec<&str> = ja.keys().collect();
    ek.sort_unstable();
    jk.sort_unstable();
    assert_eq!(ek, jk, "en and ja catalogues must have the same keys");
    let mut keys: Vec<String> = Vec::new();
    keys.extend(
        DataCategory::KNOWN
            .iter()
            .map(|c| format!("category.{}", c.code())),
    );
    keys.extend(Cause::KNOWN.iter().map(|c| format!("cause.{}", c.code())));
    keys.extend(
        GroupKind::KNOWN
            .iter()
            .map(|c| format!("group.{}", c.code())),
    );
    keys.extend(
        MeasureKind::KNOWN
            .iter()
            .map(|c| format!("measure.{}", c.code())),
    );
    keys.extend(
        breachkit_model::ReportKind::KNOWN
            .iter()
            .map(|c| format!("value.report_{}", c.code())),
    );
    keys.extend(
        breachkit_model::ContactKind::KNOWN
            .iter()
            .map(|c| format!("contact.{}", c.code())),
    );
    for k in keys {
        assert!(en.opt(&k).is_some() && ja.opt(&k).is_some(), "{k}");
    }
}

#[test]
fn templates_can_be_overridden() {
    let mut cat = Catalogue::builtin(Lang::En).unwrap();
    cat.load_overrides("[text]\napology = \"We are sorry.\"\n")
        .unwrap();
    let inc = example("seiko-2023.json");
    let as_of = "2023-10-25T12:00:00+09:00".parse().unwrap();
    let a = breachkit_rules::assess(&inc, as_of).unwrap();
    let ds = draft(
        &inc,
        &a,
        &cat,
        &Options::new(ReportKind::Announcement, Lang::En, as_of),
    )
    .unwrap();
    assert!(render(&ds, &cat, Format::Markdown).contains("We are sorry."));
    assert!(cat.load_overrides("[text]\napology = 3\n").is_err());
}

#[test]
fn html_is_self_contained_and_accessible() {
    let (ds, cat) = drafts(
        &example("seiko-2023.json"),
        ReportKind::Announcement,
        Lang::Ja,
        "2023-10-25T12:00:00+09:00",
    );
    let html = render(&ds, &cat, Format::Html);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"));
    assert!(html.contains("<svg") && html.contains("role=\"img\"") && html.contains("<title id="));
    assert!(html.contains("<figcaption>"));
    for external in ["<script", "<link", "src=\"http", "@import"] {
        assert!(!html.contains(external), "{external}");
    }
}

#[test]
fn no_regulator_report_where_the_law_does_not_apply() {
    let inc = example("seiko-2023.json");
    let as_of = "2023-10-25T12:00:00+09:00".parse().unwrap();
    let a = breachkit_rules::assess(&inc, as_of).unwrap();
    let cat = Catalogue::builtin(Lang::En).unwrap();
    for kind in [ReportKind::GdprArt33, ReportKind::Hhs] {
        let e = draft(&inc, &a, &cat, &Options::new(kind, Lang::En, as_of)).unwrap_err();
        assert_eq!(e, breachkit_report::ReportError::NothingToDraft);
    }
}

/// Wraps every catalogue value in ⟪…⟫ and every placeholder in ⁅…⁆ (the language tag aside).
fn pseudo_value(key: &str, v: &toml::Value) -> toml::Value {
    match v {
        toml::Value::String(s) if key == "meta.lang" => toml::Value::String(s.clone()),
        toml::Value::String(s) => {
            let mut out = String::from("⟪");
            let mut rest = s.as_str();
            while let Some(open) = rest.find('{') {
                let (before, from) = rest.split_at(open);
                out.push_str(before);
                match from.find('}') {
                    Some(close) => {
                        out.push('⁅');
                        out.push_str(&from[..=close]);
                        out.push('⁆');
                        rest = &from[close + 1..];
                    }
                    None => {
                        out.push_str(from);
                        rest = "";
                    }
                }
            }
            out.push_str(rest);
            out.push('⟫');
            toml::Value::String(out)
        }
        toml::Value::Array(a) => {
            toml::Value::Array(a.iter().map(|x| pseudo_value(key, x)).collect())
        }
        toml::Value::Table(t) => toml::Value::Table(
            t.iter()
                .map(|(k, x)| {
                    let key = if key.is_empty() {
                        k.clone()
                    } else {
                        format!("{key}.{k}")
                    };
                    (k.clone(), pseudo_value(&key, x))
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

/// The pseudo-locale catalogue of a language: the built-in one with every value wrapped.
fn pseudo_catalogue(lang: Lang) -> Catalogue {
    let text = breachkit_report::BUILTIN
        .iter()
        .find(|(l, _)| *l == lang)
        .map(|(_, t)| *t)
        .unwrap();
    let table: toml::Table = toml::from_str(text).unwrap();
    let wrapped = pseudo_value("", &toml::Value::Table(table));
    let mut cat = Catalogue::builtin(lang).unwrap();
    cat.load_overrides(&toml::to_string(&wrapped).unwrap())
        .unwrap();
    cat
}

fn strings_of(v: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
    match v {
        serde_json::Value::String(s) => {
            out.insert(s.trim().to_owned());
            // Custom codes are shown with spaces for underscores.
            out.insert(s.replace('_', " ").trim().to_owned());
            // A subdivision code ("US-IN") is shown as its subdivision ("IN").
            if let Some((_, sub)) = s.split_once('-') {
                out.insert(sub.to_owned());
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings_of(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| strings_of(x, out)),
        _ => {}
    }
}

/// Every string of the law data (rule files and their translations): clause labels and citations
/// come from there, not from the report catalogue.
fn rule_strings(out: &mut std::collections::BTreeSet<String>) {
    fn walk(dir: &std::path::Path, out: &mut std::collections::BTreeSet<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "toml") {
                let t: toml::Value = toml::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
                strings_of(&serde_json::to_value(t).unwrap(), out);
            }
        }
    }
    let root = format!("{}/../breachkit-rules", env!("CARGO_MANIFEST_DIR"));
    walk(std::path::Path::new(&format!("{root}/rules")), out);
    walk(std::path::Path::new(&format!("{root}/i18n")), out);
    // The forms' own field labels (used for fields a draft lists as missing).
    walk(
        std::path::Path::new(&format!("{}/forms", env!("CARGO_MANIFEST_DIR"))),
        out,
    );
}

/// The runs of `text` that no catalogue template wrote: outside every ⟪…⟫, or inside a
/// placeholder ⁅…⁆ and outside any ⟪…⟫ nested in it.
fn free_runs(text: &str) -> Vec<String> {
    // true = template text (inside ⟪ ⟫), false = free text (top level or a placeholder's value).
    let mut stack = vec![false];
    let mut runs = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, runs: &mut Vec<String>| {
        if !cur.trim().is_empty() {
            runs.push(cur.trim().to_owned());
        }
        cur.clear();
    };
    for ch in text.chars() {
        match ch {
            '⟪' => {
                flush(&mut cur, &mut runs);
                stack.push(true);
            }
            '⁅' => {
                flush(&mut cur, &mut runs);
                stack.push(false);
            }
            '⟫' | '⁆' => {
                flush(&mut cur, &mut runs);
                stack.pop();
            }
            c if stack.last() == Some(&false) => cur.push(c),
            _ => {}
        }
    }
    flush(&mut cur, &mut runs);
    runs
}

/// Pseudo-locale test: with a catalogue whose every value is wrapped, every text run of every
/// draft (kind × language × example) is either catalogue text or a value of the incident or of
/// the law data (a name, a label, a URL, a number). Nothing is ever written by the code itself.
#[test]
fn pseudo_locale_every_text_run_comes_from_the_catalogue_or_the_incident() {
    let cases: &[(&str, &str)] = &[
        ("seiko-2023.json", "2023-10-25T12:00:00+09:00"),
        ("seiko-2023.json", "2023-08-01T12:00:00+09:00"),
        ("booking-2019-gdpr.json", "2019-02-06T12:00:00+01:00"),
        ("anthem-2015-hipaa.json", "2015-03-13T12:00:00-05:00"),
    ];
    let mut law = std::collections::BTreeSet::new();
    rule_strings(&mut law);
    let mut checked = 0;
    let mut bad: Vec<String> = Vec::new();
    for (file, as_of) in cases {
        let inc = example(file);
        let mut allowed = law.clone();
        strings_of(&serde_json::to_value(&inc).unwrap(), &mut allowed);
        let as_of = as_of.parse().unwrap();
        let a = breachkit_rules::assess(&inc, as_of).unwrap();
        for kind in ReportKind::ALL {
            for lang in [Lang::En, Lang::Ja] {
                let cat = pseudo_catalogue(lang);
                let Ok(ds) = draft(&inc, &a, &cat, &Options::new(*kind, lang, as_of)) else {
                    continue;
                };
                for d in &ds {
                    let mut texts: Vec<&str> = vec![&d.title, &d.footer];
                    texts.extend(d.header.iter().map(String::as_str));
                    texts.extend(d.intro.iter().map(String::as_str));
                    texts.extend(d.closing.iter().map(String::as_str));
                    texts.extend(d.missing.iter().map(|m| m.label.as_str()));
                    for t in &d.timeline {
                        texts.push(&t.label);
                        texts.push(&t.label_date);
                    }
                    for s in &d.sections {
                        texts.push(&s.heading);
                        texts.extend(s.cite.as_deref());
                        texts.extend(s.paragraphs.iter().map(String::as_str));
                        texts.extend(s.items.iter().map(String::as_str));
                    }
                    for t in texts {
                        for run in free_runs(t) {
                            let number = run.chars().all(|c| c.is_ascii_digit() || c == ',');
                            if !(number || allowed.contains(&run)) {
                                bad.push(format!(
                                    "{file} {} {}: {run:?} in {t:?}",
                                    kind.code(),
                                    lang.tag()
                                ));
                            }
                        }
                    }
                    // The rendered Markdown adds only markup to the draft's text.
                    let md = render(std::slice::from_ref(d), &cat, Format::Markdown);
                    assert!(!md.contains('⟦'), "a catalogue key is missing: {md}");
                    checked += 1;
                }
            }
        }
    }
    bad.dedup();
    assert!(
        bad.is_empty(),
        "text written by code, not the catalogue ({}):\n{}",
        bad.len(),
        bad.join("\n")
    );
    // Every example drafts its own regulator's report, notices and the announcement.
    assert!(checked >= 30, "only {checked} drafts checked");
}

/// No Japanese draft of the Seiko incident carries an English citation, a rule id, a half-width
/// colon after a label, or 滅失 (the ransomware made data unavailable, it did not destroy it).
#[test]
fn japanese_seiko_drafts_use_japanese_legal_terms() {
    let inc = example("seiko-2023.json");
    for as_of in ["2023-08-01T12:00:00+09:00", "2023-10-25T12:00:00+09:00"] {
        for kind in [
            ReportKind::PpcPreliminary,
            ReportKind::PpcFinal,
            ReportKind::IndividualNotice,
            ReportKind::Announcement,
        ] {
            let (ds, cat) = drafts(&inc, kind, Lang::Ja, as_of);
            let md = render(&ds, &cat, Format::Markdown);
            for bad in [
                "Art.",
                "Rules",
                "r7-",
                "ppc-",
                "滅失",
                "機密性",
                "可用性",
                ": ",
                "(",
                ")",
            ] {
                assert!(
                    !md.contains(bad),
                    "{} {as_of}: {bad:?} in the Japanese draft:\n{md}",
                    kind.code()
                );
            }
        }
    }
}

/// Facts as known on the day: the 速報 of 2023-08-01 states nothing the incident records as first
/// known on 2023-10-25 (the ~60,000 total, the data items, the seven future actions), and marks
/// the undated measures "date unknown"; the drafts of 2023-10-25 state them all, unmarked.
#[test]
fn drafts_state_only_facts_known_on_their_day() {
    let inc = example("seiko-2023.json");
    let later: breachkit_model::PartialTime = "2023-10-25".parse().unwrap();
    let planned: Vec<&breachkit_model::Measure> = inc
        .measures
        .iter()
        .filter(|m| m.known_since == Some(later))
        .collect();
    assert_eq!(
        planned.len(),
        7,
        "the seven future actions of the third report"
    );
    assert!(inc.groups.iter().all(|g| g.known_since == Some(later)));
    for lang in [Lang::En, Lang::Ja] {
        let cat = Catalogue::builtin(lang).unwrap();
        let mark = cat.get("meta.date_unknown");
        let later_texts: Vec<String> = planned
            .iter()
            .map(|m| match (lang, &m.description) {
                (Lang::En, Some(d)) => d.to_string(),
                _ => cat.get(&format!("measure.{}", m.kind.code())),
            })
            .chain(["60,000".to_owned(), cat.get("category.education")])
            .collect();
        for kind in [
            ReportKind::PpcPreliminary,
            ReportKind::Announcement,
            ReportKind::IndividualNotice,
        ] {
            let (early, cat) = drafts(&inc, kind, lang, "2023-08-01T12:00:00+09:00");
            let md = render(&early, &cat, Format::Markdown);
            for t in &later_texts {
                assert!(
                    !md.contains(t.as_str()),
                    "{} {lang:?} as of 2023-08-01 states {t:?}, first known 2023-10-25:\n{md}",
                    kind.code()
                );
            }
            let (late, cat) = drafts(&inc, kind, lang, "2023-10-25T12:00:00+09:00");
            let md_late = render(&late, &cat, Format::Markdown);
            assert!(!md_late.contains(&mark), "{}: not back-dated", kind.code());
            if kind != ReportKind::IndividualNotice {
                assert!(md_late.contains("60,000"), "{}", kind.code());
            }
        }
        // The measures taken are undated in the incident: the 速報 marks them.
        let (early, cat) = drafts(
            &inc,
            ReportKind::PpcPreliminary,
            lang,
            "2023-08-01T12:00:00+09:00",
        );
        let md = render(&early, &cat, Format::Markdown);
        assert!(md.contains(&mark), "{md}");
    }
}

/// Every field of each form (forms/*.toml) is, in every draft of its kind for every example and
/// language, either filled in the JSON fields or listed as missing with its JSON pointer.
#[test]
fn every_form_field_is_filled_or_listed_missing_with_its_pointer() {
    let cases: &[(&str, &str, ReportKind, &str)] = &[
        (
            "seiko-2023.json",
            "2023-08-01T12:00:00+09:00",
            ReportKind::PpcPreliminary,
            "ppc",
        ),
        (
            "seiko-2023.json",
            "2023-10-25T12:00:00+09:00",
            ReportKind::PpcFinal,
            "ppc",
        ),
        (
            "booking-2019-gdpr.json",
            "2019-02-06T12:00:00+01:00",
            ReportKind::GdprArt33,
            "edpb-art33",
        ),
        (
            "anthem-2015-hipaa.json",
            "2015-03-13T12:00:00-05:00",
            ReportKind::Hhs,
            "hhs",
        ),
    ];
    for (file, as_of, kind, form) in cases {
        let text =
            std::fs::read_to_string(format!("{}/forms/{form}.toml", env!("CARGO_MANIFEST_DIR")))
                .unwrap();
        let f: toml::Table = toml::from_str(&text).unwrap();
        let fields = f["field"].as_array().unwrap();
        assert!(fields.len() >= 10, "{form}");
        for lang in [Lang::En, Lang::Ja] {
            let (ds, _) = drafts(&example(file), *kind, lang, as_of);
            for d in &ds {
                assert_eq!(d.fields.get("form"), Some(&serde_json::json!(form)));
                for x in fields {
                    let id = x["id"].as_str().unwrap();
                    let filled = d.fields.get(id).is_some_and(|v| !v.is_null());
                    let missing = d.missing.iter().find(|m| m.item == id);
                    assert!(
                        filled || missing.is_some_and(|m| m.path.starts_with('/')),
                        "{file} {} {lang:?} {:?}: form field {id} neither filled nor listed missing",
                        kind.code(),
                        d.entity
                    );
                }
            }
        }
    }
}

/// The core Drafter: the same drafts as assess + draft with the built-in rules, and a counsel's
/// broken rule file is an error with the rules' code, never ignored.
#[test]
fn drafter_assesses_with_its_rule_files() {
    let inc = example("seiko-2023.json");
    let as_of = "2023-10-25T12:00:00+09:00".parse().unwrap();
    let opts = Options::new(ReportKind::PpcFinal, Lang::Ja, as_of);
    let cat = Catalogue::builtin(Lang::Ja).unwrap();
    let a = breachkit_rules::assess(&inc, as_of).unwrap();
    let direct = draft(&inc, &a, &cat, &opts).unwrap();
    let drafter = breachkit_report::Drafter::new(cat.clone());
    assert_eq!(drafter.draft(&inc, &opts).unwrap(), direct);
    let broken = breachkit_report::Drafter::new(cat)
        .with_rule_files(vec![("counsel.toml".into(), "[regime\nid = 1".into())]);
    let e = broken.draft(&inc, &opts).unwrap_err();
    assert!(
        matches!(e, breachkit_report::ReportError::Rules(_)),
        "{e:?}"
    );
    assert_ne!(e.code(), "template");
}

/// The third Seiko announcement drafted from the incident's history: "what changed since the
/// second report" lists what the investigation learned between the revision current on
/// 2023-08-22 and the one current on 2023-10-25 (the ~60,000 items, the groups found, the data
/// categories established), in both languages; without the history those lines are absent.
#[test]
fn announcement_changes_come_from_the_revision_diff() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/examples/seiko-2023-history.json"
    ))
    .unwrap();
    let h = breachkit_model::IncidentHistory::from_json(&text).unwrap();
    let as_of = "2023-10-25T12:00:00+09:00".parse().unwrap();
    let now = h.current_at(as_of).unwrap();
    let before = breachkit_report::previous_known(&h, as_of, None).unwrap();
    // The revision current at the end of 2023-08-22 (JST), the day of the second announcement.
    assert_eq!(
        Some(&before),
        h.current_at("2023-08-22T14:59:59Z".parse().unwrap())
            .map(|r| &r.incident)
    );
    assert_ne!(before, now.incident);
    let a = breachkit_rules::assess(&now.incident, as_of).unwrap();
    for (lang, total, group) in [
        (
            Lang::En,
            "Items of personal data affected: approximately 60,000",
            "Also found to be affected: ",
        ),
        (
            Lang::Ja,
            "漏えいした個人情報の件数：約60,000件",
            "新たに漏えいが判明した情報：",
        ),
    ] {
        let cat = Catalogue::builtin(lang).unwrap();
        let changes = |prev: Option<Incident>| -> Vec<String> {
            let mut o = Options::new(ReportKind::Announcement, lang, as_of);
            o.previous_known = prev;
            let d = draft(&now.incident, &a, &cat, &o).unwrap();
            d[0].sections
                .iter()
                .find(|s| s.id == "changes")
                .map(|s| s.items.clone())
                .unwrap_or_default()
        };
        let with = changes(Some(before.clone()));
        let without = changes(None);
        assert!(with.iter().any(|l| l == total), "{lang:?}: {with:#?}");
        // Two groups were found after the second report (customers of one company, job applicants).
        assert_eq!(
            with.iter().filter(|l| l.starts_with(group)).count(),
            2,
            "{lang:?}: {with:#?}"
        );
        assert!(!without.iter().any(|l| l == total || l.starts_with(group)));
        // Everything listed without the history is still listed with it.
        assert!(without.iter().all(|l| with.contains(l)), "{lang:?}");
    }
}
