//! GDPR and UK GDPR: the advisory risk level.
//!
//! First the guidance rules (`rules/judgement.toml`, topic `gdpr_risk`): the EDPB's and WP29's
//! conclusions on their own examples. When none decides, the ENISA 2013 severity method:
//! `SE = DPC × EI + CB`, where DPC scores the data processing context (the kind of data, raised
//! for profiling volume and vulnerable people), EI the ease of identification, and CB the
//! circumstances of the breach (loss of confidentiality, integrity, availability; malicious
//! intent). Unknown inputs are evaluated as ranges; a range whose ends fall in different levels
//! gives "undetermined" with the questions that would close it.

use breachkit_model::{DataVolume, DecisionTopic, Identifiability, Incident, Tristate};

use super::facts::Facts;
use super::{Advisory, Draft, Factor, JudgementRules, Severity, Verdict, finish};

/// The ENISA 2013 parameters, as data.
#[derive(Clone, Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EnisaParams {
    pub(crate) source: String,
    pub(crate) sensitive: Vec<String>,
    pub(crate) financial: Vec<String>,
    behavioural: Vec<String>,
    base: Base,
    profile_increase: f64,
    vulnerable_increase: f64,
    max_dpc: f64,
    ei: Ei,
    cb_confidentiality: ConfKeys,
    cb_integrity: IntKeys,
    cb_availability: AvKeys,
    cb_malicious: f64,
    bands: Vec<Band>,
}

#[derive(Clone, Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Base {
    simple: f64,
    behavioural: f64,
    financial: f64,
    sensitive: f64,
}

#[derive(Clone, Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Ei {
    direct: f64,
    indirect: f64,
    only_with_extra_information: f64,
    negligible: f64,
}

#[derive(Clone, Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfKeys {
    none: f64,
    known_recipients: f64,
    unknown_recipients: f64,
}

#[derive(Clone, Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct IntKeys {
    none: f64,
    recoverable: f64,
    not_recoverable: f64,
}

#[derive(Clone, Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct AvKeys {
    none: f64,
    temporary: f64,
    permanent: f64,
}

#[derive(Clone, Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Band {
    below: f64,
    band: String,
    level: Verdict,
}

impl EnisaParams {
    pub(crate) fn check(&self) -> Result<(), (String, &'static str)> {
        let mut last = f64::NEG_INFINITY;
        for (i, b) in self.bands.iter().enumerate() {
            if b.below <= last {
                return Err((format!("bands/{i}/below"), "bands must ascend"));
            }
            if !matches!(b.level, Verdict::NoRisk | Verdict::Risk | Verdict::HighRisk) {
                return Err((
                    format!("bands/{i}/level"),
                    "a band maps to no_risk, risk or high_risk",
                ));
            }
            last = b.below;
        }
        if self.bands.is_empty() {
            return Err(("bands".into(), "at least one band is needed"));
        }
        Ok(())
    }

    fn band(&self, score: f64) -> (&str, Verdict) {
        for b in &self.bands {
            if score < b.below {
                return (&b.band, b.level);
            }
        }
        self.bands
            .last()
            .map_or(("", Verdict::Undetermined), |b| (b.band.as_str(), b.level))
    }
}

/// A closed interval of scores.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Range(f64, f64);

impl Range {
    fn point(v: f64) -> Range {
        Range(v, v)
    }
    fn add(self, o: Range) -> Range {
        Range(self.0 + o.0, self.1 + o.1)
    }
    fn mul(self, o: Range) -> Range {
        // All scores are non-negative.
        Range(self.0 * o.0, self.1 * o.1)
    }
    fn pair(self) -> [f64; 2] {
        [self.0, self.1]
    }
    fn text(self) -> String {
        if (self.0 - self.1).abs() < f64::EPSILON {
            format!("{}", self.0)
        } else {
            format!("{} to {}", self.0, self.1)
        }
    }
}

/// Chooses by a tristate: the value for yes, for no, and the range of both when unknown.
fn by(t: Tristate, yes: f64, no: f64) -> Range {
    match t {
        Tristate::Yes => Range::point(yes),
        Tristate::No => Range::point(no),
        Tristate::Unknown => Range(yes.min(no), yes.max(no)),
    }
}

struct Enisa {
    se: Range,
    factors: Vec<Factor>,
    open: Vec<String>,
}

fn enisa(p: &EnisaParams, f: &Facts<'_>, cite: &str) -> Enisa {
    let mut open = Vec::new();
    let mut factors = Vec::new();

    // DPC.
    let (codes, cats_known) = f.categories();
    let kind_of = |c: &String| {
        if p.sensitive.contains(c) {
            (p.base.sensitive, "sensitive")
        } else if p.financial.contains(c) {
            (p.base.financial, "financial")
        } else if p.behavioural.contains(c) {
            (p.base.behavioural, "behavioural")
        } else {
            (p.base.simple, "simple")
        }
    };
    let (base, kind) =
        codes.iter().map(kind_of).fold(
            (p.base.simple, "simple"),
            |a, b| if b.0 > a.0 { b } else { a },
        );
    let base_r = if cats_known {
        Range::point(base)
    } else {
        open.push("credentials_only".to_owned());
        Range(base, p.base.sensitive)
    };
    let (volume, volume_unknown) = f.volume();
    // ENISA: simple or behavioural data whose volume allows profiling scores higher; a single
    // piece of behavioural data that gives no real insight scores lower.
    let profile = if base <= p.base.behavioural {
        match (volume, volume_unknown) {
            (Some(DataVolume::FullProfile), _) => Range::point(p.profile_increase),
            (_, true) => Range(0.0, p.profile_increase),
            _ => Range::point(0.0),
        }
    } else {
        Range::point(0.0)
    };
    let lower = if kind == "behavioural" && volume == Some(DataVolume::Limited) && !volume_unknown {
        1.0
    } else {
        0.0
    };
    let vulnerable = f.value("vulnerable");
    if vulnerable == Tristate::Unknown {
        open.push("vulnerable".to_owned());
    }
    let vuln = by(vulnerable, p.vulnerable_increase, 0.0);
    let raw = base_r.add(profile).add(vuln);
    let dpc = Range(
        (raw.0 - lower).clamp(p.base.simple, p.max_dpc),
        (raw.1 - lower).clamp(p.base.simple, p.max_dpc),
    );
    factors.push(Factor {
        id: "enisa.dpc".into(),
        label: "data processing context (kind and volume of data, vulnerable people)".into(),
        value: format!(
            "most sensitive kind: {kind}{}; volume per person: {}; vulnerable: {}",
            if cats_known {
                ""
            } else {
                " (categories not all recorded)"
            },
            volume.map_or("unknown", DataVolume::code),
            vulnerable.code()
        ),
        weight: Some(dpc.pair()),
        paths: vec!["/groups".into()],
        cite: format!("{cite}, DPC"),
    });

    // EI.
    let protected = f.value("protected");
    let (ident, ident_unknown) = f.identifiability();
    let ei_of = |i: Identifiability| match i {
        Identifiability::Direct => p.ei.direct,
        Identifiability::Indirect => p.ei.indirect,
        Identifiability::OnlyWithExtraInformation => p.ei.only_with_extra_information,
        _ => p.ei.negligible,
    };
    let raw_ei = match (ident, ident_unknown) {
        (Some(i), false) => Range::point(ei_of(i)),
        (Some(i), true) => Range(ei_of(i), p.ei.direct),
        (None, _) => Range(p.ei.negligible, p.ei.direct),
    };
    if ident_unknown {
        open.push("identifiability".to_owned());
    }
    let ei = match protected {
        Tristate::Yes => Range::point(p.ei.negligible),
        Tristate::No => raw_ei,
        Tristate::Unknown => Range(p.ei.negligible, raw_ei.1),
    };
    factors.push(Factor {
        id: "enisa.ei".into(),
        label: "ease of identification".into(),
        value: format!(
            "identifiability: {}; data unintelligible to the recipient: {}",
            ident.map_or("unknown", Identifiability::code),
            protected.code()
        ),
        weight: Some(ei.pair()),
        paths: vec!["/groups".into(), "/breach/encryption".into()],
        cite: format!("{cite}, EI"),
    });

    // CB: confidentiality.
    let conf = f.value("confidentiality");
    let safe = f.value("recipient_safe");
    // ENISA distinguishes known recipients from an unknown number of them; a known third party
    // without a duty of confidentiality is still a known recipient.
    let known_or_safe = if f.recipient == breachkit_model::RecipientType::KnownThirdParty {
        Tristate::Yes
    } else {
        safe
    };
    let c = &p.cb_confidentiality;
    let disclosed = by(known_or_safe, c.known_recipients, c.unknown_recipients);
    let cb_c = match conf {
        Tristate::No => Range::point(c.none),
        Tristate::Yes => disclosed,
        Tristate::Unknown => Range(c.none, disclosed.1),
    };
    factors.push(Factor {
        id: "enisa.cb.confidentiality".into(),
        label: "circumstances: loss of confidentiality".into(),
        value: format!(
            "disclosed or accessed: {}; recipient known or bound to confidentiality: {}",
            conf.code(),
            known_or_safe.code()
        ),
        weight: Some(cb_c.pair()),
        paths: vec![
            "/breach/data_effects".into(),
            "/breach/recipient/kind".into(),
        ],
        cite: format!("{cite}, CB"),
    });
    // Integrity.
    let integ = f.value("integrity_lost");
    let copy = f.value("copy_exists");
    let i = &p.cb_integrity;
    let altered = by(copy, i.recoverable, i.not_recoverable);
    let cb_i = match integ {
        Tristate::No => Range::point(i.none),
        Tristate::Yes => altered,
        Tristate::Unknown => Range(i.none, altered.1),
    };
    factors.push(Factor {
        id: "enisa.cb.integrity".into(),
        label: "circumstances: loss of integrity".into(),
        value: format!(
            "altered: {}; a good copy exists: {}",
            integ.code(),
            copy.code()
        ),
        weight: Some(cb_i.pair()),
        paths: vec!["/breach/data_effects".into(), "/breach/availability".into()],
        cite: format!("{cite}, CB"),
    });
    // Availability.
    let avail = f.value("availability_lost");
    let without_effect = f.value("restored_without_effect");
    let a = &p.cb_availability;
    let lost = match without_effect {
        Tristate::Yes => Range::point(a.none),
        _ => by(copy, a.temporary, a.permanent),
    };
    let cb_a = match avail {
        Tristate::No => Range::point(a.none),
        Tristate::Yes => lost,
        Tristate::Unknown => Range(a.none, lost.1),
    };
    factors.push(Factor {
        id: "enisa.cb.availability".into(),
        label: "circumstances: loss of availability".into(),
        value: format!(
            "lost: {}; restored without noticeable effect: {}; a good copy exists: {}",
            avail.code(),
            without_effect.code(),
            copy.code()
        ),
        weight: Some(cb_a.pair()),
        paths: vec!["/breach/data_effects".into(), "/breach/availability".into()],
        cite: format!("{cite}, CB"),
    });
    // Malicious intent.
    let mal = f.value("malicious");
    let cb_m = by(mal, p.cb_malicious, 0.0);
    factors.push(Factor {
        id: "enisa.cb.malicious".into(),
        label: "circumstances: malicious intent".into(),
        value: format!("malicious: {}", mal.code()),
        weight: Some(cb_m.pair()),
        paths: vec!["/breach/wrongful_purpose".into(), "/breach/causes".into()],
        cite: format!("{cite}, CB"),
    });
    for (name, v) in [
        ("confidentiality", conf),
        (
            "recipient_safe",
            if conf == Tristate::No {
                Tristate::No
            } else {
                known_or_safe
            },
        ),
        ("integrity_lost", integ),
        ("availability_lost", avail),
        ("malicious", mal),
        ("protected", protected),
    ] {
        if v == Tristate::Unknown {
            open.push(name.to_owned());
        }
    }
    let se = dpc.mul(ei).add(cb_c).add(cb_i).add(cb_a).add(cb_m);
    Enisa { se, factors, open }
}

pub(super) fn judge(jr: &JudgementRules, f: &Facts<'_>, incident: &Incident) -> Advisory {
    let run = jr.run(DecisionTopic::GdprRisk, f);
    let p = &jr.enisa;
    let cite = jr.title(&p.source);
    // The ENISA factors are computed and shown even when a guidance rule decides.
    let e = enisa(p, f, &cite);
    let (lo_band, lo_level) = p.band(e.se.0);
    let (hi_band, hi_level) = p.band(e.se.1);
    let severity = Severity {
        score: e.se.pair(),
        bands: [lo_band.to_owned(), hi_band.to_owned()],
    };
    let factors = e.factors.clone();
    let decided = run.decided.is_some();
    let mut adv = finish(
        jr,
        DecisionTopic::GdprRisk,
        f,
        run,
        || {
            if lo_level == hi_level {
                Draft {
                    verdict: lo_level,
                    basis: "enisa".into(),
                    reason: format!(
                        "no guidance example decides it; ENISA severity {} ({lo_band}) is read as {}",
                        e.se.text(),
                        lo_level.code()
                    ),
                    cite: cite.clone(),
                    factors: Vec::new(),
                    severity: None,
                    open: Vec::new(),
                }
            } else {
                let mut open: Vec<String> = e
                    .open
                    .iter()
                    .filter(|n| *n != "identifiability")
                    .cloned()
                    .collect();
                if e.open.iter().any(|n| n == "identifiability") {
                    open.push("identifiability".into());
                }
                Draft {
                    verdict: Verdict::Undetermined,
                    basis: "undetermined".into(),
                    reason: format!(
                        "no guidance example decides it, and the ENISA severity ranges from {} ({lo_band}) to {} ({hi_band}) over the unknown facts",
                        e.se.0, e.se.1
                    ),
                    cite: cite.clone(),
                    factors: Vec::new(),
                    severity: None,
                    open,
                }
            }
        },
        incident,
    );
    adv.factors = factors;
    adv.severity = Some(severity);
    if !decided && adv.advisory == Verdict::Undetermined {
        // "identifiability" is not a rule fact; ask it as a question of its own.
        adv.questions
            .retain(|q| q.id != "judgement.identifiability");
        if e.open.iter().any(|n| n == "identifiability") {
            adv.questions.push(crate::assessment::Question {
                id: "judgement.identifiability".into(),
                kind: crate::assessment::QuestionKind::Judgement,
                args: [("fact".to_owned(), "identifiability".to_owned())].into(),
                path: "/groups".into(),
                text: "How easily can the people be identified from the affected data (directly, indirectly, only with extra information, practically not)?".into(),
            });
            adv.questions.sort();
        }
    }
    adv
}
