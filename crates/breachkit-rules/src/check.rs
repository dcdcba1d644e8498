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
        if m.effective_to.is_some_and(|t| t < m.effective_from) {
            return Err(bad(
                "/regime/effective_to".into(),
                "ends before effective_from".into(),
            ));
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
            for (j, v) in clock.variants.iter().enumerate() {
                if !(1..=3650).contains(&v.amount) {
                    return Err(bad(
                        format!("{p}/clock/variants/{j}/amount"),
                        "the amount must be between 1 and 3650".into(),
                    ));
                }
                if !o.triggers.iter().any(|t| t.id == v.when_trigger) {
                    return Err(bad(
                        format!("{p}/clock/variants/{j}/when_trigger"),
                        "not the id of a trigger of this obligation".into(),
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
            Condition::EntityCountryIn(list)
            | Condition::EstablishedIn(list)
            | Condition::ResidentsIn(list)
            | Condition::MarketsIn(list) => {
                for (i, code) in list.iter().enumerate() {
                    if code != "@eea" && breachkit_model::CountryCode::try_new(code).is_err() {
                        return Err(bad(
                            format!("{path}/{list_key}/{i}"),
                            "not an ISO 3166-1 alpha-2 code or @eea".into(),
                        ));
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }
}
