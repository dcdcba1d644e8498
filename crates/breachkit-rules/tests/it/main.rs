//! Integration tests of the engine: deadline properties, determinism, rule files.

mod deadlines;
mod rulefiles;
