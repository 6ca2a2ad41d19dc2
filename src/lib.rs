//! `cables`: full-text search over leaked diplomatic cables.
//!
//! Data flows through one module per stage: [`corpus`] (walk, read, decode) -> [`parse`]
//! (text -> [`Cable`]) -> [`officials`] and [`topics`] (extraction) -> [`schema`] (Cable <->
//! tantivy document) -> [`index`] (create, open, check) -> [`ingest`] (fill an index) ->
//! [`query`] (query string -> tantivy query) -> [`search`] (collectors ->
//! [`search::SearchResults`]) -> [`output`] (rendering). [`telegram`] (what telegram lines look
//! like) and [`text`] (name folding) are vocabulary shared by those stages.
//! [`cli`] maps the command line onto those stages.

pub mod bench;
pub mod cable;
pub mod cli;
pub mod collect;
pub mod corpus;
pub mod error;
pub mod formats;
pub mod index;
pub mod ingest;
pub mod officials;
pub mod output;
pub mod parse;
pub mod query;
pub mod schema;
pub mod search;
pub mod synth;
pub mod telegram;
pub mod text;
pub mod topics;

pub use cable::{Cable, CableId, Classification, ClassificationLevel};
pub use error::{Error, Result};
