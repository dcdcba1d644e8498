//! A generated roster's counts equal the truth the generator computed from its own people.

use std::collections::BTreeMap;

use super::*;

#[test]
fn generated_roster_counts_equal_the_truth() {
    let (text, truth) = roster(7, 10_000);
    assert!(
        truth.variants > 1000,
        "the roster has spelling variants to merge"
    );
    assert!(
        truth.near_misses > 50,
        "the roster has near-misses to keep apart"
    );
    let (_, c) = count_csv(&text);
    assert_eq!(c.rows, truth.rows);
    assert_eq!(c.bad_rows, 0);
    assert_eq!(c.persons, truth.persons);
    assert_eq!(c.entities, truth.entities);
    assert_eq!(c.jurisdictions, truth.jurisdictions);
    let mut egj = BTreeMap::new();
    for (e, gs) in &c.entity_groups {
        for (g, pc) in gs {
            for (j, n) in &pc.residence {
                egj.insert((e.clone(), g.clone(), j.clone()), *n);
            }
        }
    }
    assert_eq!(egj, truth.entity_group_jurisdiction);
}

#[test]
fn same_seed_same_bytes_and_different_seed_different_roster() {
    assert_eq!(roster(3, 500).0, roster(3, 500).0);
    assert_ne!(roster(3, 500).0, roster(4, 500).0);
}

#[test]
fn classes_are_counted_per_jurisdiction() {
    let (text, _) = roster(11, 3000);
    let (_, c) = count_csv(&text);
    // health_medical (a diagnosis flag) is a member of APPI special care, GDPR Art. 9 and
    // HIPAA PHI; card numbers make APPI property-damage data.
    let jp: u64 = c
        .classes
        .iter()
        .filter(|(j, _)| j.starts_with("JP"))
        .filter_map(|(_, cs)| cs.get("jp.appi.special_care"))
        .map(|x| x.persons)
        .sum();
    assert!(jp > 0);
    let card: u64 = c
        .classes
        .values()
        .filter_map(|cs| cs.get("jp.appi.property_damage"))
        .map(|x| x.persons)
        .sum();
    assert!(card > 0);
    // A class count never exceeds the jurisdiction's people.
    for (j, cs) in &c.classes {
        for x in cs.values() {
            assert!(x.persons + x.maybe <= c.jurisdictions[j]);
        }
    }
}

#[test]
fn normalisation_merges_variants_and_keeps_near_misses() {
    let text = "record_id,system,company,family_name,given_name,birth_date,email,phone,address,zip,state,country,prefecture,card_number,diagnosis,minor,deceased
1,crm,SWC,サトウ,タロウ,1980-01-02,,,,,,JP,13,,no,,
2,shop,seiko watch,ｻﾄｳ,ﾀﾛｳ,1980-01-02,,,,,,JP,13,,no,,
3,crm,SWC,サトウ　,　タロウ,1980-01-02,,,,,,JP,13,,no,,
4,crm,SWC,サトウ,タロオ,1980-01-02,,,,,,JP,13,,no,,
5,crm,SWC,Smith,John,1970-05-06,,,,94105,,,,,no,,
6,crm,SWC,ＳＭＩＴＨ,  JOHN ,1970-05-06,,,,,California,,,,no,,
7,crm,SWC,Smith,Jon,1970-05-06,,,,,ca,,,,no,,
";
    let (_, c) = count_csv(text);
    assert_eq!(c.persons, 4);
    assert_eq!(c.jurisdictions["JP-13"], 2);
    assert_eq!(c.jurisdictions["US-CA"], 2);
}
