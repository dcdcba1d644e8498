//! The rule-file checker: everything a loaded file must satisfy, with the JSON pointer of the problem.

use breachkit_model::{Cause, ReportKind, Sector};

use crate::Ruleset;
use crate::error::RulesError;
use crate::ruleset::*;

impl Ruleset {
    pub(crate) fn check(&self, file: &str, rf: &RegimeFile) -> Result<(), RulesError> {
        let bad = |path: String, message: String| RulesError::Invalid {
            file: file.to_owned(),
            path,
            message,
        };
        let m = &rf.regime;
        if m.time_zone.parse::<chrono_tz::Tz>().is_err() {
            return Err(bad(
                "/regime/time_zone".into(),
                "not an IANA time-zone name".into(),
            ));
        }
        if m.effective_to
            .is_some_and(|t| m.effective_from.is_some_and(|f| t < f))
        {
            return Err(bad(
                "/regime/effective_to".into(),
                "ends before effective_from".into(),
            ));
        }
        match (m.effective_from, m.status) {
            (None, RegimeStatus::PendingCommencement) => {}
            (None, _) => {
                return Err(bad(
                    "/regime/effective_from".into(),
                    "only a version pending commencement may omit effective_from".into(),
                ));
            }
            (Some(_), RegimeStatus::PendingCommencement) => {
                return Err(bad(
                    "/regime/effective_from".into(),
                    "a version pending commencement has no effective_from yet".into(),
                ));
            }
            _ => {}
        }
        for (i, c) in m.applies.iter().enumerate() {
            self.check_condition(&c.when, &format!("/regime/applies/{i}/when"), &bad)?;
        }
        if m.sources.is_empty() {
            return Err(bad(
                "/regime/sources".into(),
                "a regime cites at least one source".into(),
            ));
        }
        for (i, src) in m.sources.iter().enumerate() {
            if !src.url.starts_with("https://") || src.title.trim().is_empty() {
                return Err(bad(
                    format!("/regime/sources/{i}"),
                    "a source needs a title and an https URL".into(),
                ));
            }
        }
        let source_keys: std::collections::HashSet<&str> =
            m.sources.iter().map(|s| s.key.as_str()).collect();
        let mut obligation_ids = std::collections::HashSet::new();
        for (i, o) in rf.obligation.iter().enumerate() {
            let p = format!("/obligation/{i}");
            if !obligation_ids.insert(o.id.as_str()) {
                return Err(bad(
                    format!("{p}/id"),
                    "obligation ids must be unique within a regime".into(),
                ));
            }
            if o.citations.is_empty() {
                return Err(bad(
                    format!("{p}/citations"),
                    "every obligation must cite its article and source".into(),
                ));
            }
            for (j, c) in o.citations.iter().enumerate() {
                if c.article.trim().is_empty() {
                    return Err(bad(
                        format!("{p}/citations/{j}/article"),
                        "a citation names its article".into(),
                    ));
                }
                if !source_keys.contains(&c.source.as_str()) {
                    return Err(bad(
                        format!("{p}/citations/{j}/source"),
                        "not a key of /regime/sources".into(),
                    ));
                }
            }
            if o.roles.is_empty() {
                return Err(bad(
                    format!("{p}/roles"),
                    "at least one role must bear the obligation".into(),
                ));
            }
            if o.retain_months.is_some_and(|n| n == 0 || n > 1200) {
                return Err(bad(
                    format!("{p}/retain_months"),
                    "between 1 and 1200 months".into(),
                ));
            }
            if o.recipient.body.is_none()
                && o.recipient.resolve.is_none()
                && o.recipient.name.is_none()
            {
                return Err(bad(
                    format!("{p}/recipient"),
                    "a recipient needs a body, a name or a resolve rule".into(),
                ));
            }
            // A route's condition is checked like a trigger's: an undefined data class or a bad
            // country code would otherwise make the route silently never taken.
            for (j, r) in o.recipient.routes.iter().enumerate() {
                self.check_condition(&r.when, &format!("{p}/recipient/routes/{j}/when"), &bad)?;
            }
            for (j, k) in o.satisfied_by.iter().enumerate() {
                if k.parse::<ReportKind>().is_err() {
                    return Err(bad(
                        format!("{p}/satisfied_by/{j}"),
                        "not a report kind code of the model".into(),
                    ));
                }
            }
            let mut ids = std::collections::HashSet::new();
            for (list, name) in [
                (&o.requires, "requires"),
                (&o.triggers, "triggers"),
                (&o.exemptions, "exemptions"),
            ] {
                for (j, c) in list.iter().enumerate() {
                    if !ids.insert(c.id.as_str()) {
                        return Err(bad(
                            format!("{p}/{name}/{j}/id"),
                            "clause ids must be unique within an obligation".into(),
                        ));
                    }
                    self.check_condition(&c.when, &format!("{p}/{name}/{j}/when"), &bad)?;
                }
            }
            let clock = &o.clock;
            match (clock.kind, clock.amount) {
                (ClockKind::None, Some(_)) => {
                    return Err(bad(
                        format!("{p}/clock/amount"),
                        "a clock of kind none has no amount".into(),
                    ));
                }
                (ClockKind::None, None) => {}
                (_, None) => {
                    return Err(bad(
                        format!("{p}/clock/amount"),
                        "this clock kind needs an amount".into(),
                    ));
                }
                (_, Some(0 | 3651..)) => {
                    return Err(bad(
                        format!("{p}/clock/amount"),
                        "the amount must be between 1 and 3650".into(),
                    ));
                }
                _ => {}
            }
            if clock.kind == ClockKind::BusinessDays && clock.calendar.is_none() {
                return Err(bad(
                    format!("{p}/clock/calendar"),
                    "business days need a calendar".into(),
                ));
            }
            if clock.kind == ClockKind::Months && clock.amount.is_some_and(|a| a > 120) {
                return Err(bad(
                    format!("{p}/clock/amount"),
                    "at most 120 months".into(),
                ));
            }
            for (j, v) in clock.variants.iter().enumerate() {
                if !(1..=3650).contains(&v.amount) {
                    return Err(bad(
                        format!("{p}/clock/variants/{j}/amount"),
                        "the amount must be between 1 and 3650".into(),
                    ));
                }
                let selectors = [
                    v.when_trigger.is_some(),
                    v.when.is_some(),
                    v.when_designation.is_some(),
                ]
                .into_iter()
                .filter(|b| *b)
                .count();
                if selectors != 1 {
                    return Err(bad(
                        format!("{p}/clock/variants/{j}"),
                        "a variant names exactly one of when_trigger, when or when_designation"
                            .into(),
                    ));
                }
                match (&v.when_trigger, &v.when) {
                    (Some(t), None) if !o.triggers.iter().any(|x| &x.id == t) => {
                        return Err(bad(
                            format!("{p}/clock/variants/{j}/when_trigger"),
                            "not the id of a trigger of this obligation".into(),
                        ));
                    }
                    (None, Some(c)) => {
                        self.check_condition(c, &format!("{p}/clock/variants/{j}/when"), &bad)?
                    }
                    _ => {}
                }
            }
            let needs_determination =
                matches!(clock.start, StartEvent::Determined | StartEvent::Classified);
            if needs_determination != clock.determination.is_some() {
                return Err(bad(
                    format!("{p}/clock/determination"),
                    "start determined or classified needs a determination, and only they take one"
                        .into(),
                ));
            }
            let earlier = |id: &str| {
                rf.obligation
                    .get(..i)
                    .unwrap_or_default()
                    .iter()
                    .find(|x| x.id == id)
            };
            match (&clock.start, &clock.after) {
                (StartEvent::Report, Some(a)) if earlier(a).is_some() => {}
                (StartEvent::Report, _) => {
                    return Err(bad(
                        format!("{p}/clock/after"),
                        "start report needs after = the id of an earlier obligation of this regime"
                            .into(),
                    ));
                }
                (_, Some(_)) => {
                    return Err(bad(
                        format!("{p}/clock/after"),
                        "only start report takes after".into(),
                    ));
                }
                _ => {}
            }
            if let Some(a) = &clock.until_determined {
                if !needs_determination || earlier(a).is_none_or(|x| x.stage != Stage::Assessment) {
                    return Err(bad(
                        format!("{p}/clock/until_determined"),
                        "needs a determined start and the id of an earlier assessment obligation"
                            .into(),
                    ));
                }
            }
            if let Some(b) = &clock.backstop {
                if !(1..=3650).contains(&b.amount)
                    || b.kind != ClockKind::Hours
                    || !matches!(b.start, StartEvent::Aware | StartEvent::Detected)
                {
                    return Err(bad(
                        format!("{p}/clock/backstop"),
                        "a backstop counts 1 to 3650 hours from awareness or detection".into(),
                    ));
                }
            }
            match (clock.start, &clock.relative_to, clock.relation) {
                (StartEvent::Obligation, Some(other), Some(rel)) => {
                    if !rf.obligation.iter().take(i).any(|x| &x.id == other) {
                        return Err(bad(
                            format!("{p}/clock/relative_to"),
                            "not the id of an earlier obligation of this regime".into(),
                        ));
                    }
                    let timed = matches!(
                        clock.kind,
                        ClockKind::CalendarDays | ClockKind::BusinessDays
                    );
                    match rel {
                        Relation::After if !timed => {
                            return Err(bad(
                                format!("{p}/clock/kind"),
                                "a clock running after another notice counts calendar or business days".into(),
                            ));
                        }
                        Relation::NoLaterThan | Relation::Before
                            if clock.kind != ClockKind::None =>
                        {
                            return Err(bad(
                                format!("{p}/clock/kind"),
                                "\"no later than\" and \"before\" another notice take kind none"
                                    .into(),
                            ));
                        }
                        _ => {}
                    }
                }
                (StartEvent::Obligation, _, _) => {
                    return Err(bad(
                        format!("{p}/clock"),
                        "a clock starting from another obligation needs relative_to and relation"
                            .into(),
                    ));
                }
                (_, None, None) => {}
                (_, _, _) => {
                    return Err(bad(
                        format!("{p}/clock/start"),
                        "relative_to and relation need start = \"obligation\"".into(),
                    ));
                }
            }
            if let Some(g) = &clock.guidance {
                if g.min_days == 0 || g.min_days > g.max_days || g.max_days > 3650 {
                    return Err(bad(
                        format!("{p}/clock/guidance"),
                        "need 1 <= min_days <= max_days".into(),
                    ));
                }
            }
        }
        Ok(())
    }

    pub(crate) fn check_condition(
        &self,
        c: &Condition,
        path: &str,
        bad: &dyn Fn(String, String) -> RulesError,
    ) -> Result<(), RulesError> {
        // Each pointer names the key of the condition and the index in its list, exactly as in
        // the file: `/when/all/1/cause_in/0`, `/when/not/any/1/established_in/0`.
        let list_key = match c {
            Condition::All(_) => "all",
            Condition::Any(_) => "any",
            Condition::EntityCountryIn(_) => "entity_country_in",
            Condition::EstablishedIn(_) => "established_in",
            Condition::ResidentsIn(_) => "residents_in",
            Condition::MarketsIn(_) => "markets_in",
            _ => "",
        };
        match c {
            Condition::All(cs) | Condition::Any(cs) => {
                for (i, c) in cs.iter().enumerate() {
                    self.check_condition(c, &format!("{path}/{list_key}/{i}"), bad)?;
                }
                Ok(())
            }
            Condition::Not(c) => self.check_condition(c, &format!("{path}/not"), bad),
            Condition::DataClass(id) if !self.classes.contains_key(id) => Err(bad(
                format!("{path}/data_class"),
                "not a defined data class".into(),
            )),
            Condition::CauseIn(list) => {
                for (i, code) in list.iter().enumerate() {
                    if code.parse::<Cause>().is_err() {
                        return Err(bad(
                            format!("{path}/cause_in/{i}"),
                            "not a cause code of the model".into(),
                        ));
                    }
                }
                Ok(())
            }
            Condition::Sector(code) if code.parse::<Sector>().is_err() => Err(bad(
                format!("{path}/sector"),
                "not a sector code of the model".into(),
            )),
            Condition::ResidentsIn(list) => {
                for (i, code) in list.iter().enumerate() {
                    if code != "@eea"
                        && code != "@eu"
                        && breachkit_model::Jurisdiction::try_new(code).is_err()
                    {
                        return Err(bad(
                            format!("{path}/residents_in/{i}"),
                            "not an ISO 3166-1 country or ISO 3166-2 subdivision code, @eea or @eu"
                                .into(),
                        ));
                    }
                }
                Ok(())
            }
            Condition::SectorIn(list) => {
                for (i, code) in list.iter().enumerate() {
                    if code.parse::<Sector>().is_err() {
                        return Err(bad(
                            format!("{path}/sector_in/{i}"),
                            "not a sector code of the model".into(),
                        ));
                    }
                }
                Ok(())
            }
            Condition::ResidentsOver(rc) | Condition::ResidentsAtLeast(rc) => {
                if breachkit_model::Jurisdiction::try_new(&rc.region).is_err() {
                    return Err(bad(
                        format!("{path}/region"),
                        "not an ISO 3166-1 country or ISO 3166-2 subdivision code".into(),
                    ));
                }
                Ok(())
            }
            Condition::Determined(code) | Condition::Designation(code)
                if breachkit_model::TestCode::try_new(code.as_str()).is_err() =>
            {
                let key = if matches!(c, Condition::Determined(_)) {
                    "determined"
                } else {
                    "designation"
                };
                Err(bad(
                    format!("{path}/{key}"),
                    "not a valid code (letters, digits, _ . -)".into(),
                ))
            }
            Condition::EntityCountryIn(list)
            | Condition::EstablishedIn(list)
            | Condition::MarketsIn(list) => {
                for (i, code) in list.iter().enumerate() {
                    if code != "@eea"
                        && code != "@eu"
                        && breachkit_model::CountryCode::try_new(code).is_err()
                    {
                        return Err(bad(
                            format!("{path}/{list_key}/{i}"),
                            "not an ISO 3166-1 alpha-2 code, @eea or @eu".into(),
                        ));
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }
}
