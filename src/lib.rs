//! `cables`: full-text search over leaked diplomatic cables.
//!
//! Data flows through one module per stage: [`corpus`] (walk, read, decode) -> [`parse`]
//! (text -> [`Cable`]) -> [`officials`] and [`topics`] (extraction) -> [`schema`] (Cable <->
//! tantivy document) -> [`index`] (create, open, check) -> [`ingest`] (fill an index) ->
//! [`query`] (query string -> tantivy query) -> [`search`] (collectors ->
//! [`search::SearchResults`]) -> [`output`] (rendering). [`telegram`] (what telegram lines look
//! like) and [`text`] (name folding) are vocabulary shared by those stages. The binary's command
//! line maps flags onto those stages; [`serve`] puts the same searches behind a read-only web
//! interface and JSON API, and [`export`] hands an index's cables to another engine (Quickwit,
//! OpenSearch).

pub mod bench;
pub mod cable;
#[macro_use]
pub mod choice;
pub mod collect;
pub mod corpus;
pub mod error;
pub mod export;
pub mod formats;
pub mod index;
pub mod ingest;
pub mod officials;
pub mod output;
pub mod parse;
pub mod query;
pub mod rank;
pub mod schema;
pub mod search;
pub mod serve;
pub mod synth;
pub mod telegram;
pub mod text;
pub mod topics;

pub use cable::{Cable, CableId, Classification, ClassificationLevel};
pub use error::{Error, Result};
