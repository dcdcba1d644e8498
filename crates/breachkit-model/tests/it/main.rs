//! Integration tests of the model: round trips, validation of a document full of mistakes.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

mod judgement;
mod mistakes;
mod roundtrip;
