//! Counts of people or records: exact, approximate, a range, at least, or unknown.

use crate::error::ModelError;
use crate::facts::Tristate;

/// Why a count is unknown.
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    Debug,
    Default,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum UnknownReason {
    /// Still being investigated (調査中).
    #[default]
    ToBeDetermined,
    /// Cannot be determined (for example logs are gone).
    CannotBeDetermined,
}

/// A count of people or records.
///
/// Laws compare counts with thresholds ("more than 1,000 persons", "500 or more"). A count that is
/// not exact answers such a comparison with yes, no or unknown: see [`Count::bounds`].
#[derive(Clone, Copy, PartialEq, Eq, Debug, serde::Serialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Count {
    /// Exactly this many.
    Exact {
        /// The number.
        value: u64,
    },
    /// About this many ("approximately 60,000").
    Approximate {
        /// The stated number.
        value: u64,
    },
    /// Between `min` and `max`, both inclusive.
    Range {
        /// Lower bound.
        min: u64,
        /// Upper bound.
        max: u64,
    },
    /// At least this many; no upper bound known.
    AtLeast {
        /// Lower bound.
        value: u64,
    },
    /// Not known.
    Unknown {
        /// Why.
        #[serde(default)]
        reason: UnknownReason,
    },
}

/// The wire form of [`Count`], read first and then checked: a range is read through
/// [`Count::range`], so an inverted range never becomes a value.
#[derive(serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
enum CountWire {
    Exact {
        value: u64,
    },
    Approximate {
        value: u64,
    },
    Range {
        min: u64,
        max: u64,
    },
    AtLeast {
        value: u64,
    },
    Unknown {
        #[serde(default)]
        reason: UnknownReason,
    },
}

impl<'de> serde::Deserialize<'de> for Count {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match CountWire::deserialize(d)? {
            CountWire::Exact { value } => Count::Exact { value },
            CountWire::Approximate { value } => Count::Approximate { value },
            CountWire::Range { min, max } => Count::range(min, max)
                .map_err(|e| serde::de::Error::custom(crate::error::safe_message(&e)))?,
            CountWire::AtLeast { value } => Count::AtLeast { value },
            CountWire::Unknown { reason } => Count::Unknown { reason },
        })
    }
}

impl Default for Count {
    fn default() -> Self {
        Count::Unknown {
            reason: UnknownReason::ToBeDetermined,
        }
    }
}

/// Lower and upper bounds of a count, as the engine compares them with thresholds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Bounds {
    /// Lowest possible value.
    pub min: u64,
    /// Highest possible value, if bounded.
    pub max: Option<u64>,
}

impl Bounds {
    /// `value > threshold`, three-valued.
    pub fn exceeds(&self, threshold: u64) -> Tristate {
        if self.min > threshold {
            Tristate::Yes
        } else if self.max.is_some_and(|m| m <= threshold) {
            Tristate::No
        } else {
            Tristate::Unknown
        }
    }
    /// `value >= threshold`, three-valued.
    pub fn at_least(&self, threshold: u64) -> Tristate {
        if self.min >= threshold {
            Tristate::Yes
        } else if self.max.is_some_and(|m| m < threshold) {
            Tristate::No
        } else {
            Tristate::Unknown
        }
    }
}

impl Count {
    /// An exact count.
    pub fn exact(value: u64) -> Self {
        Count::Exact { value }
    }

    /// A range, checked.
    ///
    /// # Errors
    /// [`ModelError::InvalidCount`] when `min > max`.
    pub fn range(min: u64, max: u64) -> Result<Self, ModelError> {
        if min > max {
            Err(ModelError::InvalidCount {
                rule: "range minimum is greater than its maximum",
            })
        } else {
            Ok(Count::Range { min, max })
        }
    }

    /// True when the count is not known at all.
    pub fn is_unknown(&self) -> bool {
        matches!(self, Count::Unknown { .. })
    }

    /// The bounds the engine uses.
    ///
    /// An approximate count is taken to lie within a factor of two of its stated value (a
    /// breachkit convention, not law; see docs/design.md): "about 60,000" is above 1,000 and
    /// "about 900" is undecided against 1,000. Write a range when the bounds are known.
    pub fn bounds(&self) -> Bounds {
        match *self {
            Count::Exact { value } => Bounds {
                min: value,
                max: Some(value),
            },
            Count::Approximate { value } => Bounds {
                min: value / 2,
                max: Some(value.saturating_mul(2)),
            },
            Count::Range { min, max } => Bounds {
                min,
                max: Some(max),
            },
            Count::AtLeast { value } => Bounds {
                min: value,
                max: None,
            },
            Count::Unknown { .. } => Bounds { min: 0, max: None },
        }
    }

    /// The number to show to people: the value, or the range's bounds.
    pub fn describe(&self) -> String {
        match *self {
            Count::Exact { value } => value.to_string(),
            Count::Approximate { value } => format!("about {value}"),
            Count::Range { min, max } => format!("{min} to {max}"),
            Count::AtLeast { value } => format!("at least {value}"),
            Count::Unknown {
                reason: UnknownReason::ToBeDetermined,
            } => "to be determined".to_owned(),
            Count::Unknown {
                reason: UnknownReason::CannotBeDetermined,
            } => "cannot be determined".to_owned(),
        }
    }
}

/// Bounds of the number of distinct people across several groups.
///
/// People may belong to more than one group (a customer who is also an employee), so the sum of
/// the groups is an upper bound and the largest group a lower bound.
pub fn union_bounds<'a>(counts: impl IntoIterator<Item = &'a Count>) -> Bounds {
    let mut min = 0u64;
    let mut max = Some(0u64);
    for c in counts {
        let b = c.bounds();
        min = min.max(b.min);
        max = match (max, b.max) {
            (Some(a), Some(b)) => Some(a.saturating_add(b)),
            _ => None,
        };
    }
    Bounds { min, max }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds() {
        assert_eq!(Count::exact(1000).bounds().exceeds(1000), Tristate::No);
        assert_eq!(Count::exact(1001).bounds().exceeds(1000), Tristate::Yes);
        assert_eq!(Count::exact(500).bounds().at_least(500), Tristate::Yes);
        assert_eq!(Count::exact(499).bounds().at_least(500), Tristate::No);
        assert_eq!(
            Count::Approximate { value: 60_000 }.bounds().exceeds(1000),
            Tristate::Yes
        );
        assert_eq!(
            Count::Approximate { value: 900 }.bounds().exceeds(1000),
            Tristate::Unknown
        );
        assert_eq!(Count::default().bounds().exceeds(0), Tristate::Unknown);
        assert_eq!(
            Count::AtLeast { value: 2000 }.bounds().exceeds(1000),
            Tristate::Yes
        );
        assert!(Count::range(5, 4).is_err());
        let inverted: Result<Count, _> =
            serde_json::from_str(r#"{"kind": "range", "min": 5000, "max": 10}"#);
        assert!(inverted.is_err());
    }

    #[test]
    fn union_is_conservative() {
        let b = union_bounds(&[Count::exact(600), Count::exact(600)]);
        assert_eq!(b.min, 600);
        assert_eq!(b.max, Some(1200));
        assert_eq!(b.exceeds(1000), Tristate::Unknown);
        let b = union_bounds(&[Count::exact(600), Count::default()]);
        assert_eq!(b.max, None);
    }
}
