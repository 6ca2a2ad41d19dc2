//! Schema: the one place that maps a `Cable` to a tantivy document and back, with the fields, tokenizers and schema version.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use rustc_hash::FxHashMap;
use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, Schema, TextFieldIndexing,
    TextOptions, Value, STORED,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer,
    Stemmer, TextAnalyzer, TokenFilter, TokenStream, Tokenizer,
};
use tantivy::{Index, TantivyDocument, Term};

use crate::cable::{Cable, CableId, Classification};
use crate::officials::Official;

mod words;

/// Bumped whenever fields or tokenizers change; an index written by another version must be rebuilt.
pub const SCHEMA_VERSION: u32 = 1;

/// Words: split on non-alphanumerics, lower case, accents folded, English stems.
pub const TEXT_TOKENIZER: &str = "cables_text";
/// Names and labels: like words but without stemming, so "Rene" does not become "ren".
pub const FOLDED_TOKENIZER: &str = "cables_folded";
/// Codes and IDs: the whole value, lower-cased.
pub const KEYWORD_TOKENIZER: &str = "cables_keyword";

/// Field names, as the query syntax spells them.
pub mod names {
    pub const ID: &str = "id";
    pub const CREATED: &str = "created";
    pub const RELEASED: &str = "released";
    pub const CLASSIFICATION: &str = "classification";
    pub const ORIGIN: &str = "origin";
    pub const TAG: &str = "tag";
    pub const TOPIC: &str = "topic";
    pub const OFFICIAL: &str = "official";
    pub const SUBJECT: &str = "subject";
    pub const BODY: &str = "body";
    pub const REFERENCE: &str = "reference";
    pub const CLASSIFIED_BY: &str = "classified_by";
    pub const PATH: &str = "path";
    pub const ROUTING: &str = "routing";
    pub const OFFICIAL_TITLE: &str = "official_title";
}

/// Named handles to every field of the schema.
#[derive(Debug, Clone)]
pub struct Fields {
    pub id: Field,
    pub created: Field,
    pub released: Field,
    pub classification: Field,
    pub origin: Field,
    pub tag: Field,
    pub topic: Field,
    pub official: Field,
    pub subject: Field,
    pub body: Field,
    pub reference: Field,
    pub classified_by: Field,
    pub path: Field,
    pub routing: Field,
    /// Each official's title (or ""), parallel to `official`.
    pub official_title: Field,
}

fn text(tokenizer: &str, positions: bool) -> TextOptions {
    let record = if positions {
        IndexRecordOption::WithFreqsAndPositions
    } else {
        IndexRecordOption::Basic
    };
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(record),
    )
}

/// Builds the schema.
pub fn build_schema() -> Schema {
    let mut builder = Schema::builder();
    let keyword = || text(KEYWORD_TOKENIZER, false);
    builder.add_text_field(names::ID, keyword().set_stored().set_fast("raw"));
    let date = DateOptions::default()
        .set_indexed()
        .set_stored()
        .set_fast()
        .set_precision(DateTimePrecision::Seconds);
    builder.add_date_field(names::CREATED, date.clone());
    builder.add_date_field(names::RELEASED, date);
    let label = || text(FOLDED_TOKENIZER, true).set_stored().set_fast("raw");
    builder.add_text_field(names::CLASSIFICATION, label());
    builder.add_text_field(names::ORIGIN, label());
    builder.add_text_field(names::TAG, keyword().set_stored().set_fast("raw"));
    builder.add_text_field(names::TOPIC, text(FOLDED_TOKENIZER, true));
    builder.add_text_field(
        names::OFFICIAL,
        text(FOLDED_TOKENIZER, true).set_stored().set_fast("raw"),
    );
    builder.add_text_field(names::SUBJECT, text(TEXT_TOKENIZER, true).set_stored());
    builder.add_text_field(names::BODY, text(TEXT_TOKENIZER, true).set_stored());
    builder.add_text_field(names::REFERENCE, keyword().set_stored());
    builder.add_text_field(names::CLASSIFIED_BY, STORED);
    builder.add_text_field(names::PATH, STORED);
    builder.add_text_field(names::ROUTING, STORED);
    builder.add_text_field(names::OFFICIAL_TITLE, STORED);
    builder.build()
}

impl Fields {
    /// The term that finds a cable by ID, whatever the case it is written in.
    pub fn id_term(&self, id: &CableId) -> Term {
        Term::from_field_text(self.id, &id.lookup_key())
    }

    /// Looks up every field by name; `None` when the schema is not ours.
    pub fn from_schema(schema: &Schema) -> Option<Fields> {
        let field = |name: &str| schema.get_field(name).ok();
        Some(Fields {
            id: field(names::ID)?,
            created: field(names::CREATED)?,
            released: field(names::RELEASED)?,
            classification: field(names::CLASSIFICATION)?,
            origin: field(names::ORIGIN)?,
            tag: field(names::TAG)?,
            topic: field(names::TOPIC)?,
            official: field(names::OFFICIAL)?,
            subject: field(names::SUBJECT)?,
            body: field(names::BODY)?,
            reference: field(names::REFERENCE)?,
            classified_by: field(names::CLASSIFIED_BY)?,
            path: field(names::PATH)?,
            routing: field(names::ROUTING)?,
            official_title: field(names::OFFICIAL_TITLE)?,
        })
    }
}

/// Registers our tokenizers; tantivy does not persist them, so every opened index needs this.
pub fn register_tokenizers(index: &Index) {
    let manager = index.tokenizers();
    manager.register(
        TEXT_TOKENIZER,
        TextAnalyzer::from(words::WordsTokenizer::default()),
    );
    manager.register(
        FOLDED_TOKENIZER,
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(48))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build(),
    );
    manager.register(
        KEYWORD_TOKENIZER,
        TextAnalyzer::builder(RawTokenizer::default())
            .filter(LowerCaser)
            .build(),
    );
}

/// The words analyzer of [`TEXT_TOKENIZER`] as a chain of filters, with this stemming step.
fn text_analyzer(stemmer: CachedStemmer) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(words::LONGEST_WORD))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(stemmer)
        .build()
}

/// [`TEXT_TOKENIZER`] for finding these stems in a text (snippets): the same tokens at the
/// same offsets, but a word that cannot stem to one of them is left unstemmed and empty, so
/// only the few candidate words of a long body pay for a stem lookup.
pub fn snippet_analyzer<'a>(stems: impl IntoIterator<Item = &'a str>) -> TextAnalyzer {
    text_analyzer(CachedStemmer {
        wanted: Some(StemCandidates::new(stems)),
    })
}

/// Distinct words whose stems each thread remembers before it starts again.
const CACHED_STEMS: usize = 200_000;

/// A word's stem, per thread: tantivy's stemmer and the stems it already gave.
struct StemCache {
    stemmer: TextAnalyzer,
    stems: FxHashMap<String, String>,
}

thread_local! {
    static STEMS: std::cell::RefCell<StemCache> = std::cell::RefCell::new(StemCache {
        stemmer: TextAnalyzer::builder(RawTokenizer::default())
            .filter(Stemmer::new(Language::English))
            .build(),
        stems: FxHashMap::default(),
    });
}

/// tantivy's English `Stemmer`, remembering each word's stem: the same tokens, but a word met
/// again (most are, in cables and in the snippets of every search) costs a lookup instead of
/// the Snowball algorithm, which was most of the time spent making snippets.
#[derive(Clone, Default)]
struct CachedStemmer {
    /// Only these stems matter (snippets); `None` stems every word (the chain as tantivy has
    /// it, which [`words::WordsTokenizer`] does in one pass for indexing and queries).
    wanted: Option<StemCandidates>,
}

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner: tokenizer,
            wanted: self.wanted,
        }
    }
}

/// Stems every word, or (for snippets) only the words that could stem to a wanted term.
#[derive(Clone)]
struct CachedStemmerFilter<T> {
    inner: T,
    wanted: Option<StemCandidates>,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            wanted: self.wanted.as_ref(),
        }
    }
}

struct CachedStemmerStream<'a, T> {
    tail: T,
    wanted: Option<&'a StemCandidates>,
}

/// The words worth stemming when only some stems matter: an English stem keeps its word's
/// first letter and is never longer than the word, so a word whose first byte starts no wanted
/// stem, or that is shorter than every such stem, cannot stem to one.
#[derive(Clone)]
struct StemCandidates {
    /// Per first byte: the length of the shortest wanted stem starting with it.
    shortest: [Option<usize>; 256],
}

impl StemCandidates {
    fn new<'a>(stems: impl IntoIterator<Item = &'a str>) -> StemCandidates {
        let mut shortest = [None; 256];
        for stem in stems {
            if let Some(&first) = stem.as_bytes().first() {
                let slot: &mut Option<usize> = &mut shortest[usize::from(first)];
                *slot = Some(slot.map_or(stem.len(), |length| length.min(stem.len())));
            }
        }
        StemCandidates { shortest }
    }

    fn may_stem_to_one(&self, word: &str) -> bool {
        word.as_bytes()
            .first()
            .and_then(|&first| self.shortest[usize::from(first)])
            .is_some_and(|length| word.len() >= length)
    }
}

/// The stem of one word, from the cache or from tantivy's stemmer.
fn stem(word: &mut String) {
    STEMS.with(|cell| {
        let Ok(mut state) = cell.try_borrow_mut() else {
            return;
        };
        let StemCache { stemmer, stems } = &mut *state;
        if let Some(stem) = stems.get(word.as_str()) {
            if stem != word {
                word.clear();
                word.push_str(stem);
            }
            return;
        }
        let mut stream = stemmer.token_stream(word);
        let stemmed = if stream.advance() {
            stream.token().text.clone()
        } else {
            word.clone()
        };
        drop(stream);
        if stems.len() >= CACHED_STEMS {
            stems.clear();
        }
        stems.insert(std::mem::replace(word, stemmed.clone()), stemmed);
    });
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let text = &mut self.tail.token_mut().text;
        match self.wanted {
            Some(wanted) if !wanted.may_stem_to_one(text) => text.clear(),
            _ => stem(text),
        }
        true
    }
    fn token(&self) -> &tantivy::tokenizer::Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut tantivy::tokenizer::Token {
        self.tail.token_mut()
    }
}

fn to_tantivy_date(date: DateTime<Utc>) -> tantivy::DateTime {
    tantivy::DateTime::from_timestamp_secs(date.timestamp())
}

fn from_tantivy_date(date: tantivy::DateTime) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(date.into_timestamp_secs(), 0)
}

/// Builds the tantivy document for a cable.
pub fn to_document(fields: &Fields, cable: &Cable) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, cable.id.as_str());
    if let Some(created) = cable.created {
        doc.add_date(fields.created, to_tantivy_date(created));
    }
    if let Some(released) = cable.released {
        doc.add_date(fields.released, to_tantivy_date(released));
    }
    if let Some(classification) = &cable.classification {
        doc.add_text(fields.classification, classification.to_string());
    }
    if let Some(origin) = &cable.origin {
        doc.add_text(fields.origin, origin);
    }
    for tag in &cable.tags {
        doc.add_text(fields.tag, tag);
        if let Some(meaning) = crate::topics::tag_meaning(tag) {
            doc.add_text(fields.topic, meaning);
        }
    }
    for official in &cable.officials {
        doc.add_text(fields.official, &official.name);
        doc.add_text(
            fields.official_title,
            official.title.as_deref().unwrap_or_default(),
        );
    }
    if let Some(subject) = &cable.subject {
        doc.add_text(fields.subject, subject);
    }
    doc.add_text(fields.body, &cable.body);
    for reference in &cable.references {
        doc.add_text(fields.reference, reference);
    }
    if let Some(classified_by) = &cable.classified_by {
        doc.add_text(fields.classified_by, classified_by);
    }
    doc.add_text(fields.path, cable.path.to_string_lossy());
    if let Some(routing) = &cable.routing {
        doc.add_text(fields.routing, routing);
    }
    doc
}

fn texts<'a>(doc: &'a TantivyDocument, field: Field) -> impl Iterator<Item = &'a str> + 'a {
    doc.get_all(field).filter_map(|value| value.as_str())
}

fn first_text(doc: &TantivyDocument, field: Field) -> Option<String> {
    texts(doc, field).next().map(str::to_string)
}

fn first_date(doc: &TantivyDocument, field: Field) -> Option<DateTime<Utc>> {
    doc.get_first(field)
        .and_then(|value| value.as_datetime())
        .and_then(from_tantivy_date)
}

/// Rebuilds the stored cable from a document.
pub fn from_document(fields: &Fields, doc: &TantivyDocument) -> Cable {
    Cable {
        id: CableId::from_stored(first_text(doc, fields.id).unwrap_or_default()),
        created: first_date(doc, fields.created),
        released: first_date(doc, fields.released),
        classification: first_text(doc, fields.classification)
            .as_deref()
            .and_then(Classification::parse),
        origin: first_text(doc, fields.origin),
        tags: texts(doc, fields.tag).map(str::to_string).collect(),
        subject: first_text(doc, fields.subject),
        references: texts(doc, fields.reference).map(str::to_string).collect(),
        classified_by: first_text(doc, fields.classified_by),
        officials: {
            let mut titles = texts(doc, fields.official_title);
            texts(doc, fields.official)
                .map(|name| Official {
                    name: name.to_string(),
                    title: titles
                        .next()
                        .filter(|title| !title.is_empty())
                        .map(str::to_string),
                })
                .collect()
        },
        routing: first_text(doc, fields.routing),
        body: first_text(doc, fields.body).unwrap_or_default(),
        path: PathBuf::from(first_text(doc, fields.path).unwrap_or_default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn every_field() -> Cable {
        Cable {
            id: CableId::new("06QUITO1530").unwrap(),
            created: Some(Utc.with_ymd_and_hms(2006, 7, 3, 14, 10, 0).unwrap()),
            released: Some(Utc.with_ymd_and_hms(2011, 8, 30, 1, 44, 0).unwrap()),
            classification: Classification::parse("CONFIDENTIAL//NOFORN"),
            origin: Some("Embassy Quito".to_string()),
            tags: vec!["PGOV".to_string(), "SENV".to_string(), "EC".to_string()],
            subject: Some("PROVINCIAL MAYORS COMPLAIN ABOUT RELIEF SUPPLIES".to_string()),
            references: vec!["06QUITO1402".to_string(), "05QUITO201".to_string()],
            classified_by: Some("PolCouns Ana Whitfield for reasons 1.4 (b) and (d)".to_string()),
            officials: vec![
                Official {
                    name: "Ana Whitfield".to_string(),
                    title: Some("PolCouns".to_string()),
                },
                Official {
                    name: "José Mora".to_string(),
                    title: None,
                },
            ],
            routing: Some("VZCZCXYZ1530\nFM AMEMBASSY QUITO".to_string()),
            body: "¶1. (C/NF) Two provincial mayors told poloff June 30 ...".to_string(),
            path: PathBuf::from("cables/2006/07/06QUITO1530.txt"),
        }
    }

    #[test]
    fn cable_survives_document_round_trip() {
        let fields = Fields::from_schema(&build_schema()).expect("our schema");
        let cable = every_field();
        assert_eq!(from_document(&fields, &to_document(&fields, &cable)), cable);
    }

    #[test]
    fn cable_without_optional_fields_survives_document_round_trip() {
        let fields = Fields::from_schema(&build_schema()).expect("our schema");
        let cable = Cable {
            created: None,
            released: None,
            classification: None,
            origin: None,
            tags: Vec::new(),
            subject: None,
            references: Vec::new(),
            classified_by: None,
            officials: Vec::new(),
            routing: None,
            ..every_field()
        };
        assert_eq!(from_document(&fields, &to_document(&fields, &cable)), cable);
    }

    #[test]
    fn id_term_matches_whatever_the_case() {
        let fields = Fields::from_schema(&build_schema()).expect("our schema");
        let upper = CableId::new("06QUITO1530").unwrap();
        let lower = CableId::new("06quito1530").unwrap();
        assert_eq!(fields.id_term(&upper), fields.id_term(&lower));
    }

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let token = stream.token();
            out.push((
                token.text.clone(),
                token.offset_from,
                token.offset_to,
                token.position,
            ));
        }
        out
    }

    #[test]
    fn cached_stemmer_gives_tantivys_tokens() {
        let build = |cached: bool| {
            let builder = TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(48))
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter);
            if cached {
                builder.filter(CachedStemmer::default()).build()
            } else {
                builder.filter(Stemmer::new(Language::English)).build()
            }
        };
        let text = "Smuggling smuggled SMUGGLERS; the skies were dying, generously lying. \
                    René's traffickers trafficked (trafficking) ¶1. Salvadoran children \
                    smuggling smuggling";
        let (mut plain, mut cached) = (build(false), build(true));
        let expected = tokens(&mut plain, text);
        assert_eq!(tokens(&mut cached, text), expected);
        // Again, now from the cache.
        assert_eq!(tokens(&mut cached, text), expected);
        assert!(expected.iter().any(|token| token.0 == "smuggl"));
    }

    /// Every word of the bundled corpus: a stem keeps the word's first byte and is never longer
    /// (what [`StemCandidates`] relies on), and the snippet analyzer finds each wanted stem at
    /// exactly the offsets the full analyzer does.
    #[test]
    fn snippet_analyzer_finds_the_stems_the_full_analyzer_finds() {
        let mut text = String::new();
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        for entry in walkdir::WalkDir::new(corpus).into_iter().flatten() {
            if entry.file_type().is_file() {
                if let Ok(body) = std::fs::read_to_string(entry.path()) {
                    text.push_str(&body);
                    text.push('\n');
                }
            }
        }
        text.push_str("skies dying lying tying idly gently ugly early only singly news Ångström");
        assert!(text.len() > 100_000, "the bundled corpus is read");
        let full = tokens(
            &mut TextAnalyzer::from(words::WordsTokenizer::default()),
            &text,
        );
        let mut words = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(48))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build();
        for ((word, ..), (stem, ..)) in tokens(&mut words, &text).iter().zip(&full) {
            assert_eq!(
                word.as_bytes().first(),
                stem.as_bytes().first(),
                "{word} -> {stem}"
            );
            assert!(stem.len() <= word.len(), "{word} -> {stem}");
        }
        let wanted = [
            "smuggl",
            "salvadoran",
            "sky",
            "die",
            "onli",
            "trafficking",
            "a",
        ];
        let mut snippet = snippet_analyzer(wanted);
        let found = tokens(&mut snippet, &text);
        assert_eq!(found.len(), full.len());
        for (got, expected) in found.iter().zip(&full) {
            assert_eq!((got.1, got.2, got.3), (expected.1, expected.2, expected.3));
            if wanted.contains(&expected.0.as_str()) {
                assert_eq!(got.0, expected.0);
            } else {
                assert!(
                    !wanted.contains(&got.0.as_str()),
                    "{got:?} for {expected:?}"
                );
            }
        }
    }
}
