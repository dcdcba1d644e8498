//! Integration tests of the engine: deadline properties, determinism, rule files.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

mod deadlines;
mod judgement;
mod probe;
mod rulefiles;
mod typed;
mod us_states;
