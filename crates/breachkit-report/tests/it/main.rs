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
    for fact in [
        "Regarding Our Recent Data Breach (Third Report)",
        "October 25, 2023 by Seiko Group Corporation",
        "August 10, 2023 (https://www.seiko.co.jp/en/information/202308101100.html)",
        "August 22, 2023 (https://www.seiko.co.jp/en/information/202308221300.html)",
        "On July 28, 2023, we detected unauthorized access",
        "which later turned into a ransomware attack",
        "the Personal Information Protection Committee and the Tokyo Metropolitan Police",
        "approximately 60,000 items of personal data held by Seiko Group Corporation, Seiko Watch Corporation and Seiko Instruments Inc.",
        "Emergency response team established",
        "professional cybersecurity experts",
        "External communication with the affected servers temporarily blocked",
        "EDR installed on all servers and PCs",
        "Multi-factor authentication implemented",
        "SWC customers, including names, addresses, telephone numbers and email addresses",
        "credit card numbers",
        "were not compromised",
        "company affiliations, job titles and company addresses, phone numbers and email addresses",
        "Applicants for employment with SGC and/or SWC",
        "educational background",
        "Current and former employees of SGC and its group companies, including names and email addresses",
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
        assert!(md.contains(fact), "missing: {fact}\n{md}");
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
        "セイコーウオッチ株式会社のお客様の氏名、住所、電話番号及びメールアドレス",
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
            let items: Vec<&str> = d.sections.iter().map(|s| s.id.as_str()).collect();
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

/// Japanese drafts of every kind carry no English labels (URLs, e-mail addresses, the acronyms
/// EDR/BCP and the HHS portal's own enumeration values aside).
#[test]
fn japanese_drafts_have_no_english_labels() {
    let cases: &[(&str, &str, ReportKind)] = &[
        (
            "seiko-2023.json",
            "2023-10-25T12:00:00+09:00",
            ReportKind::Announcement,
        ),
        (
            "seiko-2023.json",
            "2023-10-25T12:00:00+09:00",
            ReportKind::PpcPreliminary,
        ),
        (
            "seiko-2023.json",
            "2023-10-25T12:00:00+09:00",
            ReportKind::PpcFinal,
        ),
        (
            "seiko-2023.json",
            "2023-10-25T12:00:00+09:00",
            ReportKind::IndividualNotice,
        ),
        (
            "booking-2019-gdpr.json",
            "2019-02-06T12:00:00+01:00",
            ReportKind::GdprArt33,
        ),
        (
            "booking-2019-gdpr.json",
            "2019-02-06T12:00:00+01:00",
            ReportKind::IndividualNotice,
        ),
    ];
    for (file, as_of, kind) in cases {
        let (ds, cat) = drafts(&example(file), *kind, Lang::Ja, as_of);
        let md = render(&ds, &cat, Format::Markdown);
        for en in [
            "names",
            "customers",
            "Background",
            "Email ",
            "unauthorized",
            "Notification",
            "To be determined",
            "Detection by",
            "phishing",
            "the ",
        ] {
            assert!(
                !md.contains(en),
                "{file} {kind:?}: English in the Japanese draft: {en}\n{md}"
            );
        }
    }
}
