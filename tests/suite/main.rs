//! Integration tests, one binary: the bundled sample, the fixtures, the
//! development corpus, and properties.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

mod concurrency;
mod corpus;
mod fixtures;
mod golden;
mod hostile;
mod metadata;
mod properties;
mod regressions;
mod sample;
