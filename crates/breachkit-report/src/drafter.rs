//! The one drafting path the front ends share: a catalogue (built-in or overridden) and a
//! counsel's rule files, assessed and drafted with the same options everywhere.

use breachkit_model::Incident;
use breachkit_rules::AssessOptions;

use crate::ReportError;
use crate::catalogue::Catalogue;
use crate::draft::{Draft, Options, draft};

/// Drafts with a catalogue and the built-in rules plus a counsel's rule files.
#[derive(Clone, Debug)]
pub struct Drafter {
    catalogue: Catalogue,
    rule_files: Vec<(String, String)>,
}

impl Drafter {
    /// A drafter with a catalogue and the built-in rules.
    pub fn new(catalogue: Catalogue) -> Drafter {
        Drafter {
            catalogue,
            rule_files: Vec::new(),
        }
    }

    /// Adds rule files `(name, text)`, loaded on top of the built-in rules in order.
    #[must_use]
    pub fn with_rule_files(mut self, files: Vec<(String, String)>) -> Drafter {
        self.rule_files.extend(files);
        self
    }

    /// The catalogue drafts are written with (render with the same one).
    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }

    /// Assesses the incident as of `opts.as_of` with this drafter's rules, then drafts.
    ///
    /// # Errors
    /// [`ReportError::Rules`] for a broken rule file; the errors of [`draft`] otherwise.
    pub fn draft(&self, incident: &Incident, opts: &Options) -> Result<Vec<Draft>, ReportError> {
        let mut a = AssessOptions::new(opts.as_of);
        a.rule_files.clone_from(&self.rule_files);
        // An incident that contradicts itself is the incident's error, as in `draft`, not the rules'.
        let assessment =
            breachkit_rules::assess_with_options(incident, &a).map_err(|e| match e {
                breachkit_rules::RulesError::Incident(m) => ReportError::Incident(m),
                e => ReportError::Rules(e),
            })?;
        draft(incident, &assessment, &self.catalogue, opts)
    }
}
