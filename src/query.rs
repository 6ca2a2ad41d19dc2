//! Query: turns a user's query string into a tantivy query, checking its syntax first so errors can name a column.

use std::sync::LazyLock;

use regex::Regex;
use tantivy::query::{AllQuery, Query, QueryParser, QueryParserError};

use crate::error::{Error, Result};
use crate::index::CableIndex;
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

/// Parses a query: words search subject and body (all must match unless `OR` is used);
/// `AND`, `OR`, `NOT`/`-`, parentheses, `"phrases"` and `field:value` are understood. An empty
/// query or `*` matches every cable.
pub fn parse_query(index: &CableIndex, text: &str) -> Result<Box<dyn Query>> {
    check_syntax(text)?;
    let trimmed = text.trim();
    if trimmed.is_empty() || trimmed == "*" {
        return Ok(Box::new(AllQuery));
    }
    let fields = &index.fields;
    let mut parser = QueryParser::for_index(&index.index, vec![fields.subject, fields.body]);
    parser.set_conjunction_by_default();
    parser.set_field_boost(fields.subject, SUBJECT_BOOST);
    parser
        .parse_query(&normalize_operators(trimmed))
        .map_err(|error| Error::Query {
            query: shorten(text),
            column: 1,
            message: describe_parser_error(&error),
        })
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
                AND_NOT.replace_all(part, "NOT").into_owned()
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
