//! Synthetic word tables: origins, phrases, topics and the vocabulary (`data/synth/`), months, banned words.

use std::sync::LazyLock;

/// Origins in rough order of Cablegate volume (the order is the Zipf rank).
/// `kind|city|country code|name region|flags` with kind S/E/C/M; flag `o` = may author
/// pre-1990 cables, `O` = pre-1980 only (Tehran closed in 1979).
pub(super) static ORIGINS: &str = include_str!("../../data/synth/origins.txt");

pub(super) static LISTENERS: LazyLock<Vec<&str>> = list!("listeners.txt");
pub(super) static SPEECH_VERBS: LazyLock<Vec<&str>> = list!("speech_verbs.txt");
pub(super) static ACRONYMS: LazyLock<Vec<&str>> = list!("acronyms.txt");
pub(super) static PHRASES: LazyLock<Vec<&str>> = list!("phrases.txt");
pub(super) static TOPICS: LazyLock<Vec<&str>> = list!("topics.txt");
pub(super) static BUREAUS: LazyLock<Vec<&str>> = list!("bureaus.txt");
pub(super) static COLLECTIVES: LazyLock<Vec<&str>> = list!("collectives.txt");

/// Common English words, most frequent first; they take the head of the Zipf ranking.
pub(super) static FUNCTION_WORDS: &str = include_str!("../../data/synth/function_words.txt");

/// Domain and general content words; they are shuffled per seed into the ranks after the
/// function words so every corpus has them frequently but in a different order.
pub(super) static CONTENT_WORDS: &str = include_str!("../../data/synth/content_words.txt");

pub(super) const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
pub(super) const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Words that must appear only in the planted marker cables; anything containing them is
/// kept out of the generated text.
pub(super) const BANNED: &[&str] = &["amber", "falcon", "protocol", "xq"];

pub(super) fn is_banned(word: &str) -> bool {
    let lower = word.to_lowercase();
    BANNED.iter().any(|b| lower.contains(b))
}
