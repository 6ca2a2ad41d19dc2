//! Topics: the State Department TAGS code list (`KTIP` -> "Trafficking in persons"), embedded from `data/tags.tsv`.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Serialize;

static TAG_LIST: &str = include_str!("../data/tags.tsv");

static MEANINGS: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| entries().collect());

/// Every (code, meaning) of the list, in the list's order: subject codes, then country codes,
/// then organisations.
pub fn entries() -> impl Iterator<Item = (&'static str, &'static str)> {
    TAG_LIST
        .lines()
        .skip(1) // the column names
        .filter_map(|line| line.split_once('\t'))
        .map(|(code, meaning)| (code.trim(), meaning.trim()))
        .filter(|(code, meaning)| !code.is_empty() && !meaning.is_empty())
}

/// A TAGS code with its meaning, as JSON output shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Topic {
    pub code: String,
    pub name: Option<String>,
}

/// Every code of the list.
pub fn codes() -> impl Iterator<Item = &'static str> {
    MEANINGS.keys().copied()
}

/// The meaning of a TAGS code, if the code list has it.
pub fn tag_meaning(code: &str) -> Option<&'static str> {
    MEANINGS.get(code.trim().to_uppercase().as_str()).copied()
}

/// The codes with their meanings, in the given order.
pub fn topics_for(codes: &[String]) -> Vec<Topic> {
    codes
        .iter()
        .map(|code| Topic {
            code: code.clone(),
            name: tag_meaning(code).map(str::to_string),
        })
        .collect()
}

/// How many codes the embedded list knows.
pub fn known_codes() -> usize {
    MEANINGS.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_trafficking_and_country_codes() {
        assert_eq!(tag_meaning("KTIP"), Some("Trafficking in persons"));
        assert_eq!(tag_meaning("gt"), Some("Guatemala"));
        assert_eq!(tag_meaning("ZZZZ"), None);
        assert!(known_codes() > 300);
    }
}
