//! Property tests: the parser and the query path take arbitrary input without panicking, and
//! well-formed cables survive a render -> parse round trip. `PROPTEST_CASES` sets the budget.

use std::path::Path;
use std::sync::OnceLock;

use cables::index::CableIndex;
use cables::ingest::{build_index, IndexOptions};
use cables::parse::parse_cable;
use cables::search::{search, SearchRequest};
use cables::{Cable, Error};
use proptest::prelude::*;
use tempfile::TempDir;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn parsing_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let text = cables::corpus::decode(&bytes);
        assert_parsed_or_typed_error(parse_cable(&text, Path::new("fuzz.txt")))?;
    }

    #[test]
    fn parsing_cable_shaped_noise_never_panics(
        header in prop::sample::select(vec!["Reference ID: ", "Reference ID\tCreated\n", "Created: ", ""]),
        body in "(TAGS:|SUBJECT:|SUBJ:|REF:|Classified By:|¶1\\.|VZCZC|FM |TO |[A-Za-zÀ-ÿ0-9 .,:/()\t\r\n-]){0,60}",
    ) {
        let text = format!("{header}{body}");
        assert_parsed_or_typed_error(parse_cable(&text, Path::new("fuzz.txt")))?;
    }

    #[test]
    fn well_formed_cables_round_trip(cable in well_formed_cable(), table_header in any::<bool>(), crlf in any::<bool>()) {
        let text = render(&cable, table_header, crlf);
        let parsed = parse_cable(&text, Path::new("round-trip.txt"))
            .map_err(|error| TestCaseError::fail(error.to_string()))?;
        prop_assert_eq!(parsed.id.as_str(), cable.id.as_str());
        prop_assert_eq!(
            parsed.created.map(|date| date.format("%Y-%m-%d %H:%M").to_string()),
            Some(cable.created.clone())
        );
        prop_assert_eq!(parsed.classification.map(|c| c.to_string()), Some(cable.classification.clone()));
        prop_assert_eq!(parsed.origin, Some(cable.origin.clone()));
        // A code repeated on the TAGS line is one tag.
        let mut unique_tags: Vec<String> = Vec::new();
        for tag in &cable.tags {
            if !unique_tags.contains(tag) {
                unique_tags.push(tag.clone());
            }
        }
        prop_assert_eq!(parsed.tags, unique_tags);
        prop_assert_eq!(parsed.subject, Some(cable.subject.clone()));
        prop_assert!(parsed.body.contains(&cable.paragraph), "body keeps the paragraph");
    }

    #[test]
    fn arbitrary_queries_get_an_answer_or_an_error(query in "\\PC{0,80}") {
        let index = fixture_index();
        assert_answer_or_query_error(search(index, &SearchRequest::new(query)))?;
    }

    #[test]
    fn query_shaped_noise_gets_an_answer_or_an_error(
        query in "((smuggling|Salvadoran|tag:|origin:|created:|\\[|\\]| TO |\\*|\"|\\(|\\)| AND | OR | NOT |-|\\^|~|:|[a-z0-9]{1,6}| ){0,24})"
    ) {
        let index = fixture_index();
        assert_answer_or_query_error(search(index, &SearchRequest::new(query)))?;
    }
}

/// The parser either reads a cable or says, with a typed error, why the text is not one.
fn assert_parsed_or_typed_error(parsed: cables::Result<Cable>) -> Result<(), TestCaseError> {
    match parsed {
        Ok(_) | Err(Error::NotACable { .. } | Error::EmptyFile { .. } | Error::Parse { .. }) => {
            Ok(())
        }
        Err(other) => Err(TestCaseError::fail(format!(
            "parse failed with an unexpected error: {other:?}"
        ))),
    }
}

/// A query gets results or an error about the query itself, never an engine failure.
fn assert_answer_or_query_error<T>(answer: cables::Result<T>) -> Result<(), TestCaseError> {
    match answer {
        Ok(_) | Err(Error::Query { .. } | Error::Invalid(_)) => Ok(()),
        Err(other) => Err(TestCaseError::fail(format!(
            "search failed with an error that is not about the query: {other:?}"
        ))),
    }
}

/// The fields a generated cable is rendered from.
#[derive(Debug, Clone)]
struct WellFormed {
    id: String,
    created: String,
    classification: String,
    origin: String,
    tags: Vec<String>,
    subject: String,
    paragraph: String,
}

fn well_formed_cable() -> impl Strategy<Value = WellFormed> {
    (
        "[0-9]{2}[A-Z]{3,12}[0-9]{1,5}",
        (1966u32..2011, 1u32..13, 1u32..29, 0u32..24, 0u32..60),
        prop::sample::select(vec![
            "UNCLASSIFIED",
            "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
            "CONFIDENTIAL",
            "CONFIDENTIAL//NOFORN",
            "SECRET",
            "SECRET//NOFORN",
        ]),
        "(Embassy|Consulate) [A-Z][a-z]{3,10}",
        // Codes only: a word the TAGS reader ends a run-in line at (`TAGS: PREL SUBJ: ...`),
        // which no real TAGS line holds as a code, is left out.
        prop::collection::vec(
            "[A-Z]{4}|[A-Z]{2}".prop_filter("a header key, not a code", |tag| tag != "SUBJ"),
            1..7,
        ),
        "[A-Z][A-Z ]{5,60}[A-Z]",
        "[A-Z][a-z]{2,9}( [a-z]{2,9}){3,20}\\.",
    )
        .prop_map(
            |(
                id,
                (year, month, day, hour, minute),
                classification,
                origin,
                tags,
                subject,
                paragraph,
            )| {
                WellFormed {
                    id,
                    created: format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}"),
                    classification: classification.to_string(),
                    origin,
                    tags,
                    subject: subject.split_whitespace().collect::<Vec<_>>().join(" "),
                    paragraph,
                }
            },
        )
}

fn render(cable: &WellFormed, table_header: bool, crlf: bool) -> String {
    let header = if table_header {
        format!(
            "Reference ID\tCreated\tReleased\tClassification\tOrigin\n{}\t{}\t2011-08-30 01:44\t{}\t{}\n",
            cable.id, cable.created, cable.classification, cable.origin
        )
    } else {
        format!(
            "Reference ID: {}\nCreated: {}\nReleased: 2011-08-30 01:44\nClassification: {}\nOrigin: {}\n",
            cable.id, cable.created, cable.classification, cable.origin
        )
    };
    let text = format!(
        "{header}\nVZCZCXYZ0001\nP 010000Z JAN 05\nFM AMEMBASSY SOMEWHERE\nTO RUEHC/SECSTATE WASHDC 1\n\nUNCLAS SOMEWHERE 000001\n\nE.O. 12958: N/A\nTAGS: {}\nSUBJECT: {}\n\n1. (U) {}\n\nSIGNER\n",
        cable.tags.join(" "),
        cable.subject,
        cable.paragraph
    );
    if crlf {
        text.replace('\n', "\r\n")
    } else {
        text
    }
}

/// One index of the fixture cables, built once for all query cases.
fn fixture_index() -> &'static CableIndex {
    static INDEX: OnceLock<(TempDir, CableIndex)> = OnceLock::new();
    &INDEX
        .get_or_init(|| {
            let dir = TempDir::new().expect("temp dir");
            let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cables");
            build_index(&IndexOptions::new(corpus, dir.path()), &mut |_| {})
                .expect("index fixtures");
            let index = CableIndex::open_read_only(dir.path()).expect("open");
            (dir, index)
        })
        .1
}
