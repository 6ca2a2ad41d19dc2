//! Query: turns a user's query string into a tantivy query, checking its syntax first so errors can name a column.

use std::ops::Bound;
use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use regex::{Captures, Regex};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query, QueryParser,
    QueryParserError, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TokenStream;
use tantivy::Term;

use crate::cable::CableId;
use crate::error::{Error, Result};
use crate::index::CableIndex;
use crate::parse::parse_period;
use crate::schema::names;

/// Fields a query may name (`tag:KTIP`), as the schema spells them.
pub const QUERY_FIELDS: [&str; 11] = [
    names::ID,
    names::SUBJECT,
    names::BODY,
    names::TAG,
    names::TOPIC,
    names::ORIGIN,
    names::CLASSIFICATION,
    names::OFFICIAL,
    names::REFERENCE,
    names::CREATED,
    names::RELEASED,
];

/// Longest query accepted, in characters: long enough for any hand-written query, short
/// enough that a pasted document cannot make a search take minutes.
pub const MAX_QUERY_CHARS: usize = 10_000;
/// Deepest nesting of parentheses accepted.
pub const MAX_NESTING: usize = 32;
/// Most words and phrases accepted in one query.
pub const MAX_TERMS: usize = 1_000;

/// How much more a word in the subject counts than the same word in the body.
pub const SUBJECT_BOOST: f32 = 2.5;

/// How much a word in the meaning of a cable's TAGS counts (`Yemen` for the code `YM`): enough to
/// find a cable about Yemen that only says "Yemeni", too little to outrank one that says "Yemen".
pub const TOPIC_BOOST: f32 = 0.5;

/// Names the cables spell several ways, and State Department abbreviations a reader may not
/// type: a query for any member finds them all.
pub const EQUIVALENTS: &[&[&str]] = &[
    &["north korea", "dprk"],
    &["south korea", "rok"],
    &["china", "prc"],
    &["uae", "united arab emirates", "emirates"],
    &["ussr", "soviet union"],
    &["burma", "myanmar"],
    &["heu", "highly enriched uranium"],
    &["leu", "low enriched uranium"],
    &[
        "qadhafi", "qaddafi", "gaddafi", "gadhafi", "kadhafi", "qadafi",
    ],
    &["qaida", "qaeda"],
    &["ladin", "laden"],
    &["ahmadinejad", "ahmadi-nejad"],
    &["nasrallah", "nasrullah"],
    &["hizballah", "hezbollah", "hizbollah"],
    &["usg", "us government"],
    &["unsc", "security council"],
];

static EQUIVALENT_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    let mut variants: Vec<String> = EQUIVALENTS
        .iter()
        .flat_map(|group| group.iter())
        .map(|variant| {
            variant
                .split_whitespace()
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"\s+")
        })
        .collect();
    // Longest first, so "north korea" wins over any shorter variant at the same place.
    variants.sort_by_key(|variant| std::cmp::Reverse(variant.len()));
    Regex::new(&format!(r"(?i)\b(?:{})\b", variants.join("|"))).expect("constant regex")
});

/// Whether [`EQUIVALENT_WORDS`] could match: an ASCII text holding no variant's first word
/// (in any case) cannot, so most queries skip compiling that regex, the largest of a search
/// process. Other text is left to the regex, whose case folding is Unicode's.
fn may_hold_an_equivalent(text: &str) -> bool {
    if !text.is_ascii() {
        return true;
    }
    let lower = text.to_ascii_lowercase();
    EQUIVALENTS
        .iter()
        .flat_map(|group| group.iter())
        .filter_map(|variant| variant.split_whitespace().next())
        .any(|first| lower.contains(first))
}

fn equivalent_group(matched: &str) -> Option<&'static [&'static str]> {
    let folded = matched
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    EQUIVALENTS
        .iter()
        .copied()
        .find(|group| group.contains(&folded.as_str()))
}

/// Replaces a bare word or name from [`EQUIVALENTS`] with the group of its spellings
/// (`Gaddafi` -> `(qadhafi OR qaddafi OR gaddafi ...)`). Quoted phrases, `field:` values and
/// `-word` exclusions are left as typed.
fn expand_equivalents(text: &str) -> String {
    if !may_hold_an_equivalent(text) {
        return text.to_string();
    }
    text.split('"')
        .enumerate()
        .map(|(position, part)| {
            if position % 2 == 1 {
                return part.to_string();
            }
            let mut out = String::with_capacity(part.len());
            let mut cursor = 0;
            for found in EQUIVALENT_WORDS.find_iter(part) {
                let before = part[..found.start()].chars().next_back();
                let attached = matches!(before, Some(':' | '-' | '+' | '\'' | '/' | '.'));
                let Some(group) = equivalent_group(found.as_str()).filter(|_| !attached) else {
                    continue;
                };
                out.push_str(&part[cursor..found.start()]);
                let alternatives: Vec<String> = group
                    .iter()
                    .map(|variant| {
                        if variant.contains([' ', '-']) {
                            format!("\"{variant}\"")
                        } else {
                            variant.to_string()
                        }
                    })
                    .collect();
                out.push('(');
                out.push_str(&alternatives.join(" OR "));
                out.push(')');
                cursor = found.end();
            }
            out.push_str(&part[cursor..]);
            out
        })
        .collect::<Vec<_>>()
        .join("\"")
}

/// Parses a query: words search subject and body (all must match unless `OR` is used);
/// `AND`, `OR`, `NOT`/`-`, parentheses, `"phrases"` and `field:value` are understood. An empty
/// query or `*` matches every cable.
pub fn parse_query(index: &CableIndex, text: &str) -> Result<Box<dyn Query>> {
    parse_query_with(index, text, true)
}

/// Words only, at least two: a query that can be relaxed to "any of these words".
pub fn is_plain_words(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.len() >= 2
        && words.iter().all(|word| {
            !matches!(*word, "AND" | "OR" | "NOT") && word.chars().all(char::is_alphanumeric)
        })
}

/// Parses a query; `all_words` false joins bare words with OR instead of AND.
pub fn parse_query_with(index: &CableIndex, text: &str, all_words: bool) -> Result<Box<dyn Query>> {
    check_syntax(text)?;
    let trimmed = text.trim();
    if trimmed.is_empty() || trimmed == "*" {
        return Ok(Box::new(AllQuery));
    }
    let fields = &index.fields;
    let mut parser = QueryParser::for_index(
        &index.index,
        vec![fields.subject, fields.body, fields.topic],
    );
    if all_words {
        parser.set_conjunction_by_default();
    }
    parser.set_field_boost(fields.subject, SUBJECT_BOOST);
    parser.set_field_boost(fields.topic, TOPIC_BOOST);
    let with_dates = expand_dates(text, trimmed)?;
    let with_spellings = expand_equivalents(&with_dates);
    parser
        .parse_query(&normalize_operators(&with_spellings))
        .map_err(|error| Error::Query {
            query: shorten(text),
            column: 1,
            message: describe_parser_error(&error),
        })
}

static DATE_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(created|released):([\[{])\s*([^\s\]}]+)\s+TO\s+([^\s\]}]+)\s*([\]}])")
        .expect("constant regex")
});
static DATE_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(created|released):(\d{4}(?:-\d{2}){0,2})(\s|\)|$)").expect("constant regex")
});

/// ISO 8601 with seconds and `Z`: how dates are written in tantivy queries and JSON output.
pub(crate) fn rfc3339(date: DateTime<Utc>) -> String {
    date.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Lets dates in queries be written as people write them: `created:[2003 TO 2004-06]` and
/// `created:2003-07` become the RFC 3339 ranges tantivy reads, inclusive ends covering the
/// whole year, month or day.
fn expand_dates(original: &str, text: &str) -> Result<String> {
    // Both date regexes need a `created:` or `released:` clause.
    if !text.contains("created:") && !text.contains("released:") {
        return Ok(text.to_string());
    }
    let mut failure: Option<Error> = None;
    let bound = |value: &str, upper_inclusive: bool, lower: bool| -> Option<String> {
        if value == "*" || value.contains('T') {
            return Some(value.to_string());
        }
        let (start, end) = parse_period(value)?;
        Some(rfc3339(if lower || !upper_inclusive {
            start
        } else {
            end
        }))
    };
    let ranged = DATE_RANGE.replace_all(text, |captures: &Captures| {
        let field = &captures[1];
        let open = &captures[2];
        let close = &captures[5];
        let lower = bound(&captures[3], close == "]", true);
        let upper = bound(&captures[4], close == "]", false);
        match (lower, upper) {
            (Some(lower), Some(upper)) => format!("{field}:{open}{lower} TO {upper}{close}"),
            _ => {
                let bad = if bound(&captures[3], true, true).is_none() {
                    captures.get(3)
                } else {
                    captures.get(4)
                };
                if let Some(bad) = bad {
                    failure.get_or_insert_with(|| {
                        query_error(
                            original,
                            column_at(original, text, bad.start()),
                            format!(
                                "invalid date `{}`: write YYYY, YYYY-MM or YYYY-MM-DD",
                                bad.as_str()
                            ),
                        )
                    });
                }
                captures[0].to_string()
            }
        }
    });
    if let Some(error) = failure {
        return Err(error);
    }
    let single = DATE_VALUE.replace_all(&ranged, |captures: &Captures| {
        match parse_period(&captures[2]) {
            Some((start, end)) => format!(
                "{}:[{} TO {}]{}",
                &captures[1],
                rfc3339(start),
                rfc3339(end),
                &captures[3]
            ),
            None => captures[0].to_string(),
        }
    });
    Ok(single.into_owned())
}

/// The 1-based column in `original` of byte `offset` in `text`, its trimmed form.
fn column_at(original: &str, text: &str, offset: usize) -> usize {
    let lead = original.len() - original.trim_start().len();
    debug_assert!(original
        .get(lead..)
        .is_some_and(|rest| rest.starts_with(text)));
    original
        .get(..lead + offset)
        .map_or(1, |before| before.chars().count() + 1)
}

static APOSTROPHE_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"[^\s()"]*['`][^\s()"]*"#).expect("constant regex"));

/// Quotes words with an apostrophe (`Sa'ada`, `O'Brien`), which tantivy's grammar rejects; as
/// a phrase they match the same words the tokenizer makes of the text.
fn quote_apostrophes(text: &str) -> String {
    if !text.contains(['\'', '`']) {
        return text.to_string();
    }
    APOSTROPHE_WORD
        .replace_all(text, |captures: &Captures| {
            let word = &captures[0];
            let (sign, rest) = match word.chars().next() {
                Some(sign @ ('-' | '+')) => (sign.to_string(), &word[1..]),
                _ => (String::new(), word),
            };
            let (field, value) = match rest.split_once(':') {
                Some((field, value)) => (format!("{field}:"), value),
                None => (String::new(), rest),
            };
            format!("{sign}{field}\"{value}\"")
        })
        .into_owned()
}

static AND_NOT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bAND\s+NOT\b").expect("constant regex"));

/// Rewrites `a AND NOT b` to `a NOT b`: tantivy reads the former as "a, and a group that only
/// excludes b", which matches nothing, while every user means "a without b". Text inside
/// quotes is left alone.
fn normalize_operators(text: &str) -> String {
    text.split('"')
        .enumerate()
        .map(|(position, part)| {
            if position % 2 == 0 {
                let part = if part.contains("AND") {
                    AND_NOT.replace_all(part, "NOT")
                } else {
                    part.into()
                };
                quote_apostrophes(&part)
            } else {
                part.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\"")
}

fn describe_parser_error(error: &QueryParserError) -> String {
    match error {
        QueryParserError::AllButQueryForbidden => {
            "a query cannot only exclude words: add a word to match, or use `* NOT word`"
                .to_string()
        }
        QueryParserError::FieldDoesNotExist(field) => unknown_field_message(field),
        QueryParserError::SyntaxError(detail) => format!("syntax error ({detail})"),
        other => other.to_string(),
    }
}

fn unknown_field_message(field: &str) -> String {
    format!(
        "unknown field `{field}`; fields are {}",
        QUERY_FIELDS.join(", ")
    )
}

fn query_error(text: &str, column: usize, message: String) -> Error {
    Error::Query {
        query: shorten(text),
        column,
        message,
    }
}

/// The query as error messages quote it: long queries are cut.
fn shorten(text: &str) -> String {
    const SHOWN: usize = 80;
    if text.chars().count() <= SHOWN {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(SHOWN).collect();
    cut.push('…');
    cut
}

/// Checks what tantivy's parser would reject without saying where: quotes, parentheses,
/// unknown fields, dangling operators, and our complexity limits.
pub fn check_syntax(text: &str) -> Result<()> {
    let characters: Vec<char> = text.chars().collect();
    if characters.len() > MAX_QUERY_CHARS {
        return Err(query_error(
            text,
            MAX_QUERY_CHARS + 1,
            format!("the query is longer than {MAX_QUERY_CHARS} characters"),
        ));
    }
    if let Some(position) = characters.iter().position(|c| c.is_control() && *c != '\t') {
        return Err(query_error(
            text,
            position + 1,
            "the query holds a control character".to_string(),
        ));
    }
    let mut open_quote: Option<usize> = None;
    let mut open_parens: Vec<usize> = Vec::new();
    let mut terms = 0usize;
    let mut words: Vec<(usize, String)> = Vec::new();
    let mut index = 0;
    while index < characters.len() {
        let character = characters[index];
        if let Some(_start) = open_quote {
            if character == '"' {
                open_quote = None;
            }
            index += 1;
            continue;
        }
        match character {
            '"' => {
                open_quote = Some(index);
                terms += 1;
                index += 1;
            }
            '(' => {
                open_parens.push(index);
                if open_parens.len() > MAX_NESTING {
                    return Err(query_error(
                        text,
                        index + 1,
                        format!("parentheses nest deeper than {MAX_NESTING} levels"),
                    ));
                }
                index += 1;
            }
            ')' => {
                if open_parens.pop().is_none() {
                    return Err(query_error(
                        text,
                        index + 1,
                        "this `)` closes nothing".to_string(),
                    ));
                }
                index += 1;
            }
            c if c.is_whitespace() => index += 1,
            _ => {
                let start = index;
                while index < characters.len()
                    && !characters[index].is_whitespace()
                    && !matches!(characters[index], '(' | ')' | '"')
                {
                    // A range such as [2003-01-01 TO 2003-12-31] is one unit.
                    if matches!(characters[index], '[' | '{') {
                        while index < characters.len() && !matches!(characters[index], ']' | '}') {
                            index += 1;
                        }
                    }
                    index += 1;
                }
                let word: String = characters[start..index.min(characters.len())]
                    .iter()
                    .collect();
                check_field_prefix(text, start, &word)?;
                terms += 1;
                words.push((start, word));
            }
        }
        if terms > MAX_TERMS {
            return Err(query_error(
                text,
                index,
                format!("the query has more than {MAX_TERMS} words and phrases"),
            ));
        }
    }
    if let Some(start) = open_quote {
        return Err(query_error(
            text,
            start + 1,
            "this `\"` is never closed".to_string(),
        ));
    }
    if let Some(start) = open_parens.last() {
        return Err(query_error(
            text,
            start + 1,
            "this `(` is never closed".to_string(),
        ));
    }
    check_operators(text, &characters, &words)
}

fn check_field_prefix(text: &str, start: usize, word: &str) -> Result<()> {
    let word = word.trim_start_matches(['+', '-']);
    let Some((field, _)) = word.split_once(':') else {
        return Ok(());
    };
    if field.is_empty() || !field.chars().all(|c| c.is_ascii_alphabetic() || c == '_') {
        return Ok(());
    }
    if QUERY_FIELDS.contains(&field) {
        return Ok(());
    }
    Err(query_error(text, start + 1, unknown_field_message(field)))
}

/// `AND`/`OR` need something on both sides, `NOT` something on its right.
fn check_operators(text: &str, characters: &[char], words: &[(usize, String)]) -> Result<()> {
    let last_meaningful = characters
        .iter()
        .rposition(|c| !c.is_whitespace() && *c != ')');
    for (position, (start, word)) in words.iter().enumerate() {
        let is_binary = word == "AND" || word == "OR";
        if !is_binary && word != "NOT" {
            continue;
        }
        let ends_query = last_meaningful.is_none_or(|last| start + word.chars().count() > last);
        if ends_query {
            return Err(query_error(
                text,
                start + 1,
                format!("`{word}` has nothing on its right"),
            ));
        }
        let before = characters[..*start]
            .iter()
            .rev()
            .find(|c| !c.is_whitespace())
            .copied();
        let starts_group = before.is_none() || before == Some('(');
        if is_binary && starts_group {
            return Err(query_error(
                text,
                start + 1,
                format!("`{word}` has nothing on its left"),
            ));
        }
        if let Some((_, next)) = words.get(position + 1) {
            let next_is_operator = next == "AND" || next == "OR";
            let adjacent = words[position + 1].0 > *start;
            if next_is_operator && adjacent {
                let between: String = characters
                    [start + word.chars().count()..words[position + 1].0]
                    .iter()
                    .collect();
                if between.trim().is_empty() {
                    return Err(query_error(
                        text,
                        words[position + 1].0 + 1,
                        format!("`{next}` follows `{word}` with nothing between them"),
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Narrowing conditions that do not change the ranking of what remains.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Every code must be among the cable's TAGS.
    pub tags: Vec<String>,
    pub origin: Option<String>,
    /// `SECRET` also matches `SECRET//NOFORN`.
    pub classification: Option<String>,
    pub official: Option<String>,
    /// Created within these instants, both inclusive.
    pub created: (Option<DateTime<Utc>>, Option<DateTime<Utc>>),
    pub released: (Option<DateTime<Utc>>, Option<DateTime<Utc>>),
    /// Cables whose REF lines cite this ID.
    pub cites: Option<String>,
    /// Cables that this ID cites.
    pub cited_by: Option<String>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        self.tags.is_empty()
            && self.origin.is_none()
            && self.classification.is_none()
            && self.official.is_none()
            && self.created == (None, None)
            && self.released == (None, None)
            && self.cites.is_none()
            && self.cited_by.is_none()
    }
}

/// Which filter of a request a clause comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FilterKind {
    Tag,
    Origin,
    Classification,
    Official,
    Cites,
    CitedBy,
    /// The created date range.
    Created,
    /// The released date range.
    Released,
}

choices!(FilterKind {
    FilterKind::Tag => "tag",
    FilterKind::Origin => "origin",
    FilterKind::Classification => "classification",
    FilterKind::Official => "official",
    FilterKind::Cites => "cites",
    FilterKind::CitedBy => "cited-by",
    FilterKind::Created => "created",
    FilterKind::Released => "released",
});

/// One filter as a query, with the kind and value it came from (for messages).
pub struct FilterClause {
    pub kind: FilterKind,
    pub value: String,
    pub query: Box<dyn Query>,
}

/// A query on a text field matching `value` as a phrase of its tokens, analysed as the field is.
pub fn field_value_query(index: &CableIndex, field: Field, value: &str) -> Result<Box<dyn Query>> {
    let mut analyzer = index
        .index
        .tokenizer_for_field(field)
        .map_err(|source| index.tantivy_error("no tokenizer for a field", source))?;
    let mut stream = analyzer.token_stream(value);
    let mut terms = Vec::new();
    while stream.advance() {
        terms.push(Term::from_field_text(field, &stream.token().text));
    }
    Ok(match terms.len() {
        0 => Box::new(EmptyQuery),
        1 => Box::new(TermQuery::new(terms.remove(0), IndexRecordOption::Basic)),
        _ => Box::new(PhraseQuery::new(terms)),
    })
}

fn date_range(
    field: Field,
    range: (Option<DateTime<Utc>>, Option<DateTime<Utc>>),
) -> Box<dyn Query> {
    let bound = |date: Option<DateTime<Utc>>| match date {
        Some(date) => Bound::Included(Term::from_field_date_for_search(
            field,
            tantivy::DateTime::from_timestamp_secs(date.timestamp()),
        )),
        None => Bound::Unbounded,
    };
    Box::new(RangeQuery::new(bound(range.0), bound(range.1)))
}

/// Turns filters into query clauses. `cited_references` are the IDs the `cited_by` cable cites.
pub fn filter_clauses(
    index: &CableIndex,
    filters: &Filters,
    cited_references: &[String],
) -> Result<Vec<FilterClause>> {
    let fields = &index.fields;
    let mut clauses = Vec::new();
    for tag in &filters.tags {
        clauses.push(FilterClause {
            kind: FilterKind::Tag,
            value: tag.clone(),
            query: field_value_query(index, fields.tag, tag)?,
        });
    }
    let text_filters = [
        (FilterKind::Origin, fields.origin, &filters.origin),
        (
            FilterKind::Classification,
            fields.classification,
            &filters.classification,
        ),
        (FilterKind::Official, fields.official, &filters.official),
        (FilterKind::Cites, fields.reference, &filters.cites),
    ];
    for (kind, field, value) in text_filters {
        if let Some(value) = value {
            clauses.push(FilterClause {
                kind,
                value: value.clone(),
                query: field_value_query(index, field, value)?,
            });
        }
    }
    if filters.created != (None, None) {
        clauses.push(FilterClause {
            kind: FilterKind::Created,
            value: describe_range(filters.created),
            query: date_range(fields.created, filters.created),
        });
    }
    if filters.released != (None, None) {
        clauses.push(FilterClause {
            kind: FilterKind::Released,
            value: describe_range(filters.released),
            query: date_range(fields.released, filters.released),
        });
    }
    if let Some(citing) = &filters.cited_by {
        let ids: Vec<(Occur, Box<dyn Query>)> = cited_references
            .iter()
            .filter_map(|id| CableId::new(id))
            .map(|id| {
                let term = fields.id_term(&id);
                let query: Box<dyn Query> =
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                (Occur::Should, query)
            })
            .collect();
        clauses.push(FilterClause {
            kind: FilterKind::CitedBy,
            value: citing.clone(),
            query: if ids.is_empty() {
                Box::new(EmptyQuery)
            } else {
                Box::new(BooleanQuery::new(ids))
            },
        });
    }
    Ok(clauses)
}

fn describe_range(range: (Option<DateTime<Utc>>, Option<DateTime<Utc>>)) -> String {
    let show = |date: Option<DateTime<Utc>>| {
        date.map_or("*".to_string(), |date| date.format("%Y-%m-%d").to_string())
    };
    format!("{} to {}", show(range.0), show(range.1))
}

/// The user's query narrowed by filters that score nothing, so ranking is the query's alone.
pub fn with_filters(query: Box<dyn Query>, clauses: &[FilterClause]) -> Box<dyn Query> {
    if clauses.is_empty() {
        return query;
    }
    let mut parts: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, query)];
    for clause in clauses {
        parts.push((
            Occur::Must,
            Box::new(ConstScoreQuery::new(clause.query.box_clone(), 0.0)),
        ));
    }
    Box::new(BooleanQuery::new(parts))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column_of(text: &str) -> (usize, String) {
        match check_syntax(text) {
            Err(Error::Query {
                column, message, ..
            }) => (column, message),
            other => panic!("expected a query error for {text:?}, got {other:?}"),
        }
    }

    #[test]
    fn accepts_the_documented_syntax() {
        for query in [
            "smuggling AND Salvadoran",
            "a OR (b AND NOT c)",
            "\"alien smuggling\" -trafficking",
            "tag:KTIP origin:\"Embassy Guatemala\"",
            "created:[2003-01-01T00:00:00Z TO 2003-12-31T00:00:00Z]",
            "*",
            "",
        ] {
            assert!(check_syntax(query).is_ok(), "{query}");
        }
    }

    #[test]
    fn names_the_column_of_an_unclosed_quote() {
        let (column, message) = column_of("smuggling \"alien smug");
        assert_eq!(column, 11);
        assert!(message.contains("never closed"));
    }

    #[test]
    fn names_unbalanced_parentheses() {
        assert_eq!(column_of("(a OR b").0, 1);
        assert_eq!(column_of("a OR b)").0, 7);
    }

    #[test]
    fn names_unknown_fields() {
        let (column, message) = column_of("smuggling colour:red");
        assert_eq!(column, 11);
        assert!(message.contains("unknown field `colour`"), "{message}");
    }

    #[test]
    fn rejects_dangling_operators() {
        assert!(column_of("smuggling AND")
            .1
            .contains("nothing on its right"));
        assert!(column_of("OR smuggling").1.contains("nothing on its left"));
        assert!(column_of("a AND OR b").1.contains("nothing between"));
    }

    #[test]
    fn dates_in_queries_expand_to_whole_periods() {
        assert_eq!(
            expand_dates("", "created:[2003 TO 2003-06]").unwrap(),
            "created:[2003-01-01T00:00:00Z TO 2003-06-30T23:59:59Z]"
        );
        assert_eq!(
            expand_dates("", "smuggling created:2003-07").unwrap(),
            "smuggling created:[2003-07-01T00:00:00Z TO 2003-07-31T23:59:59Z]"
        );
        assert_eq!(
            expand_dates("", "released:{2011-01-01 TO *}").unwrap(),
            "released:{2011-01-01T00:00:00Z TO *}"
        );
        let query = "a created:[2003 TO nope]";
        match expand_dates(query, query) {
            Err(Error::Query {
                column, message, ..
            }) => {
                assert_eq!(column, 20);
                assert!(message.contains("invalid date `nope`"), "{message}");
            }
            other => panic!("expected an error, got {other:?}"),
        }
    }

    #[test]
    fn equivalent_spellings_expand_outside_quotes_and_fields() {
        assert_eq!(
            expand_equivalents("Gaddafi health"),
            "(qadhafi OR qaddafi OR gaddafi OR gadhafi OR kadhafi OR qadafi) health"
        );
        assert_eq!(
            expand_equivalents("Burma North  Korea nuclear"),
            "(burma OR myanmar) (\"north korea\" OR dprk) nuclear"
        );
        assert_eq!(
            expand_equivalents("\"north korea\" -dprk"),
            "\"north korea\" -dprk"
        );
        assert_eq!(
            expand_equivalents("subject:china chinatown"),
            "subject:china chinatown"
        );
        // Text the prefilter lets through untouched, in any case, and text it leaves to the regex.
        assert_eq!(
            expand_equivalents("smuggling AND salvadoran"),
            "smuggling AND salvadoran"
        );
        assert_eq!(
            expand_equivalents("MYANMAR junta"),
            "(burma OR myanmar) junta"
        );
        assert_eq!(
            expand_equivalents("Bogotá DPRK"),
            "Bogotá (\"north korea\" OR dprk)"
        );
        assert!(!may_hold_an_equivalent("smuggling AND salvadoran"));
        assert!(may_hold_an_equivalent("Bogotá talks"));
    }

    #[test]
    fn apostrophes_are_quoted() {
        assert_eq!(quote_apostrophes("Saudi Sa'ada"), "Saudi \"Sa'ada\"");
        assert_eq!(
            quote_apostrophes("-O'Brien official:O'Neil"),
            "-\"O'Brien\" official:\"O'Neil\""
        );
    }

    #[test]
    fn and_not_becomes_not_outside_quotes() {
        assert_eq!(normalize_operators("a AND NOT b"), "a NOT b");
        assert_eq!(
            normalize_operators("\"a AND NOT b\" AND  NOT c"),
            "\"a AND NOT b\" NOT c"
        );
    }

    #[test]
    fn enforces_complexity_limits() {
        let deep = format!("{}a{}", "(".repeat(40), ")".repeat(40));
        assert!(column_of(&deep).1.contains("nest deeper"));
        let many = "word ".repeat(MAX_TERMS + 5);
        assert!(column_of(&many).1.contains("more than"));
        assert!(column_of("a\u{7}b").1.contains("control character"));
    }
}
