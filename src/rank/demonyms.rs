//! Demonyms: a country's name and the words for its people and things (`france`, `french`), so a query naming the country finds the ranking evidence of a cable that says `French`.

use std::collections::HashMap;
use std::sync::LazyLock;

static TABLE: &str = include_str!("../../data/demonyms.tsv");

/// Each word of the table -> the other words of its line.
static FORMS: LazyLock<HashMap<&'static str, Vec<&'static str>>> = LazyLock::new(|| {
    let mut forms: HashMap<&'static str, Vec<&'static str>> = HashMap::new();
    for line in TABLE
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
    {
        let words: Vec<&'static str> = line.split_whitespace().collect();
        for word in &words {
            let others = forms.entry(word).or_default();
            others.extend(words.iter().filter(|other| *other != word));
        }
    }
    forms
});

/// The other words for the country `word` names or belongs to (any case), empty if none.
pub fn other_forms(word: &str) -> &'static [&'static str] {
    let lower = word.to_lowercase();
    FORMS.get(lower.as_str()).map_or(&[], Vec::as_slice)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_country_and_its_people_name_each_other() {
        assert_eq!(other_forms("France"), ["french"]);
        assert_eq!(other_forms("french"), ["france"]);
        assert_eq!(other_forms("IRANIANS"), ["iran", "iranian"]);
        assert!(other_forms("minister").is_empty());
        // Words with another common sense are not in the table.
        assert!(other_forms("persian").is_empty());
    }

    #[test]
    fn every_line_is_lower_case_single_words_seen_once() {
        let mut seen = std::collections::HashSet::new();
        for line in TABLE.lines().filter(|line| !line.starts_with('#')) {
            let words: Vec<&str> = line.split_whitespace().collect();
            assert!(words.len() >= 2, "{line:?}");
            for word in words {
                assert!(
                    word.chars().all(|c| c.is_ascii_lowercase()),
                    "{word:?} in {line:?}"
                );
                assert!(seen.insert(word), "{word:?} twice");
            }
        }
    }
}
