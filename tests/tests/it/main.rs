//! Conformance: scenarios, examples, privacy canaries, determinism.

mod examples;
mod privacy;
mod scenarios;
