//! The integration tests, one crate so tantivy and the library are linked once: each module
//! drives the real binary (or the library) on the fixture cables in temp dirs. `csv_stream` is
//! its own crate, as it measures the peak memory of its process.
//!
//! Run one module with `cargo test --test it cli::`.

mod bench;
mod browse;
mod browser;
mod cli;
mod common;
mod export;
mod ingest_report;
mod layouts;
mod officials_eval;
mod officials_real;
mod properties;
mod ranking_tuning;
mod relevance;
mod reliability;
mod serve;
mod serve_support;
