//! Demonyms: a country's name and the words for its people and things (`france`, `french`), so a query naming the country finds the ranking evidence of a cable that says `French`.

static TABLE: &str = include_str!("../../data/demonyms.tsv");

/// The other words for the country `word` names or belongs to (any case), empty if none.
///
/// A scan of the table's 4 KB per query word: cheaper than building a map in a search
/// process that asks for two to five words.
pub fn other_forms(word: &str) -> Vec<&'static str> {
    let Some(line) = TABLE.lines().find(|line| {
        !line.starts_with('#')
            && line
                .split_whitespace()
                .any(|form| form.eq_ignore_ascii_case(word))
    }) else {
        return Vec::new();
    };
    line.split_whitespace()
        .filter(|form| !form.eq_ignore_ascii_case(word))
        .collect()
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
        assert!(other_forms("").is_empty());
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
