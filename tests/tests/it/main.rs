//! Conformance: scenarios, examples, privacy canaries, determinism.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

mod examples;
mod history;
mod privacy;
mod probe;
mod regulators;
mod scenarios;
