//! Integration tests of the model: round trips, validation of a document full of mistakes.

mod mistakes;
mod roundtrip;
