//! Property tests: any valid document → JSON → document is the identity; likewise for TOML.

use breachkit_model::*;
use proptest::prelude::*;

fn id<T: std::str::FromStr>(s: &str) -> T
where
    T::Err: std::fmt::Debug,
{
    s.parse().unwrap_or_else(|e| panic!("{e:?}"))
}

fn arb_text() -> impl Strategy<Value = Text> {
    "[ -~あ-ん]{0,12}".prop_map(Text::new)
}

fn arb_time() -> impl Strategy<Value = PartialTime> {
    (
        2000i32..2100,
        1u32..13,
        1u32..29,
        0u32..24,
        0u32..60,
        0u8..5,
        -12i32..14,
    )
        .prop_map(|(y, m, d, h, mi, p, off)| {
            let s = match p {
                0 => format!("{y:04}"),
                1 => format!("{y:04}-{m:02}"),
                2 => format!("{y:04}-{m:02}-{d:02}"),
                3 => format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}"),
                _ => {
                    let sign = if off < 0 { '-' } else { '+' };
                    format!(
                        "{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:30{sign}{:02}:00",
                        off.abs()
                    )
                }
            };
            id(&s)
        })
}

fn arb_count() -> impl Strategy<Value = Count> {
    prop_oneof![
        any::<u32>().prop_map(|v| Count::Exact {
            value: u64::from(v)
        }),
        any::<u32>().prop_map(|v| Count::Approximate {
            value: u64::from(v)
        }),
        (0u64..1000, 0u64..1000).prop_map(|(a, b)| Count::Range {
            min: a.min(b),
            max: a.max(b)
        }),
        any::<u32>().prop_map(|v| Count::AtLeast {
            value: u64::from(v)
        }),
        Just(Count::Unknown {
            reason: UnknownReason::CannotBeDetermined
        }),
        Just(Count::default()),
    ]
}

fn pick<T: Clone + std::fmt::Debug + 'static>(list: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(list)
}

fn arb_category() -> impl Strategy<Value = DataCategory> {
    prop_oneof![
        pick(DataCategory::KNOWN),
        "[a-z][a-z0-9_]{0,10}".prop_map(|c| id::<DataCategory>(&format!("other:{c}")))
    ]
}

fn arb_tristate() -> impl Strategy<Value = Tristate> {
    prop_oneof![
        Just(Tristate::Yes),
        Just(Tristate::No),
        Just(Tristate::Unknown)
    ]
}

prop_compose! {
    fn arb_group(i: usize)(kind in pick(GroupKind::KNOWN), count in arb_count(), records in proptest::option::of(arb_count()),
        cats in proptest::collection::vec(arb_category(), 0..5), label in proptest::option::of(arb_text()),
        contact in arb_tristate(), role in pick(&[Role::Controller, Role::Processor, Role::JointController])) -> AffectedGroup {
        AffectedGroup {
            id: id(&format!("g{i}")),
            kind,
            label,
            holders: vec![Holding { entity: id("e0"), role, on_behalf_of: None }],
            count,
            records,
            residence: vec![Residence { jurisdiction: id("JP-13"), count: Count::default() }],
            categories: cats,
            not_affected: vec![],
            contact_details_available: contact,
            includes_children: Tristate::Unknown,
            vulnerable: contact,
            vulnerabilities: vec![],
            identifiability: Default::default(),
            volume_per_person: Default::default(),
            notes: None,
            categories_vary: Tristate::Unknown,
            known_since: None,
        }
    }
}

prop_compose! {
    fn arb_incident()(groups in proptest::collection::vec(arb_group(0), 0..3), times in proptest::collection::vec(arb_time(), 0..4),
        kinds in proptest::collection::vec(pick(EventKind::KNOWN), 4), title in proptest::option::of(arb_text()),
        wp in arb_tristate(), causes in proptest::collection::vec(pick(Cause::KNOWN), 0..3),
        measures in proptest::collection::vec((pick(MeasureKind::KNOWN), proptest::option::of(arb_time())), 0..3)) -> Incident {
        let mut inc = Incident::new(id("prop"));
        inc.title = title;
        inc.time_zone = Some(TimeZoneName::try_new("Asia/Tokyo").unwrap_or_else(|e| panic!("{e}")));
        let mut org = Organisation {
            id: id("e0"), name: Text::new("E"), local_name: None, short_name: None, country: id("JP"), subdivision: None, parent: None,
            sectors: vec![], size_class: None, designations: vec![], establishments: vec![], markets: vec![], contacts: vec![], notes: None,
        };
        org.contacts.push(Contact { kind: ContactKind::Email, value: Text::new("a@b.example"), audience: None, dpo: false });
        inc.organisations.push(org);
        inc.groups = groups.into_iter().enumerate().map(|(i, mut g)| { g.id = id(&format!("g{i}")); g }).collect();
        inc.timeline = times.into_iter().zip(kinds).map(|(t, kind)| Event { kind, at: Some(t), after: None, before: None, time_zone: None, entities: vec![], note: None }).collect();
        inc.breach.wrongful_purpose = wp;
        inc.breach.causes = causes;
        inc.measures = measures.into_iter().map(|(kind, at)| Measure { kind, status: MeasureStatus::Planned, at, entities: vec![], description: None, known_since: None }).collect();
        inc
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn json_round_trip_is_identity(inc in arb_incident()) {
        let json = inc.to_json();
        let back = Incident::from_json(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back, &inc);
        prop_assert_eq!(back.to_json(), json);
    }

    #[test]
    fn toml_round_trip_is_identity(inc in arb_incident()) {
        let toml = inc.to_toml().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = Incident::from_toml(&toml).map_err(|e| TestCaseError::fail(format!("{e}\n{toml}")))?;
        prop_assert_eq!(back, inc);
    }

    #[test]
    fn partial_time_round_trips(t in arb_time()) {
        let s = t.to_string();
        prop_assert_eq!(s.parse::<PartialTime>().ok(), Some(t));
        let r = t.resolve(Some(chrono_tz::Asia::Tokyo));
        prop_assert!(r.is_some_and(|r| r.earliest <= r.latest));
    }

    #[test]
    fn any_string_is_parsed_or_rejected_without_panic(s in "\\PC{0,40}") {
        let _ = s.parse::<PartialTime>();
        let _ = s.parse::<DataCategory>();
        let _ = Jurisdiction::try_new(&s);
        let _ = Incident::from_json(&s);
        let _ = Incident::from_toml(&s);
    }
}
