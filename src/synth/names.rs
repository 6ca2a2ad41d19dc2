//! Synthetic people: first and last names per region and job titles (`data/synth/`), and drawing a person.

use std::collections::HashSet;
use std::sync::LazyLock;

use rand::Rng;

use super::random::pick;

pub(super) static SPANISH_FIRST: LazyLock<Vec<&str>> = list!("spanish_first.txt");
// Names of the hand-written sample cables (Contreras, Lindwall) are kept out, so a query for
// them in the bundled corpus finds only the people the sample cables are about.
pub(super) static SPANISH_LAST: LazyLock<Vec<&str>> = list!("spanish_last.txt");
pub(super) static ARABIC_FIRST: LazyLock<Vec<&str>> = list!("arabic_first.txt");
pub(super) static ARABIC_LAST: LazyLock<Vec<&str>> = list!("arabic_last.txt");
pub(super) static GERMANIC_FIRST: LazyLock<Vec<&str>> = list!("germanic_first.txt");
pub(super) static GERMANIC_LAST: LazyLock<Vec<&str>> = list!("germanic_last.txt");
pub(super) static FRENCH_FIRST: LazyLock<Vec<&str>> = list!("french_first.txt");
pub(super) static FRENCH_LAST: LazyLock<Vec<&str>> = list!("french_last.txt");
pub(super) static SLAVIC_FIRST: LazyLock<Vec<&str>> = list!("slavic_first.txt");
pub(super) static SLAVIC_LAST: LazyLock<Vec<&str>> = list!("slavic_last.txt");
pub(super) static TURKIC_FIRST: LazyLock<Vec<&str>> = list!("turkic_first.txt");
pub(super) static TURKIC_LAST: LazyLock<Vec<&str>> = list!("turkic_last.txt");
pub(super) static AFRICAN_FIRST: LazyLock<Vec<&str>> = list!("african_first.txt");
pub(super) static AFRICAN_LAST: LazyLock<Vec<&str>> = list!("african_last.txt");
pub(super) static ASIAN_FIRST: LazyLock<Vec<&str>> = list!("asian_first.txt");
pub(super) static ASIAN_LAST: LazyLock<Vec<&str>> = list!("asian_last.txt");
pub(super) static MIXED_FIRST: LazyLock<Vec<&str>> = list!("mixed_first.txt");
pub(super) static MIXED_LAST: LazyLock<Vec<&str>> = list!("mixed_last.txt");
pub(super) static US_FIRST: LazyLock<Vec<&str>> = list!("us_first.txt");
pub(super) static US_LAST: LazyLock<Vec<&str>> = list!("us_last.txt");

pub(super) static HOST_TITLES: LazyLock<Vec<&str>> = list!("host_titles.txt");
pub(super) static STATE_TITLES: LazyLock<Vec<&str>> = list!("state_titles.txt");
pub(super) static MISSION_TITLES: LazyLock<Vec<&str>> = list!("mission_titles.txt");
pub(super) static OFFICER_TITLES: LazyLock<Vec<&str>> = list!("officer_titles.txt");
pub(super) static CONSULATE_OFFICERS: LazyLock<Vec<&str>> = list!("consulate_officers.txt");
pub(super) static STATE_OFFICERS: LazyLock<Vec<&str>> = list!("state_officers.txt");

pub(super) struct Person {
    pub(super) display: String,
    /// First mention: "Director of Immigration Oscar Contreras Hernandez".
    pub(super) titled: String,
    /// Later mentions: "Contreras Hernandez".
    pub(super) last: String,
}

pub(super) fn name_pools(region: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match region {
        "s" => (&SPANISH_FIRST, &SPANISH_LAST),
        "a" => (&ARABIC_FIRST, &ARABIC_LAST),
        "g" => (&GERMANIC_FIRST, &GERMANIC_LAST),
        "f" => (&FRENCH_FIRST, &FRENCH_LAST),
        "r" => (&SLAVIC_FIRST, &SLAVIC_LAST),
        "t" => (&TURKIC_FIRST, &TURKIC_LAST),
        "k" => (&AFRICAN_FIRST, &AFRICAN_LAST),
        "e" => (&ASIAN_FIRST, &ASIAN_LAST),
        "u" => (&US_FIRST, &US_LAST),
        _ => (&MIXED_FIRST, &MIXED_LAST),
    }
}

pub(super) fn person<R: Rng>(
    rng: &mut R,
    region: &str,
    title: &str,
    used: &mut HashSet<String>,
) -> Person {
    let (firsts, lasts) = name_pools(region);
    loop {
        let first = pick(rng, firsts);
        let mut last = pick(rng, lasts).to_string();
        // Hispanic officials usually carry both family names.
        if region == "s" && rng.random_bool(0.6) {
            let second = pick(rng, lasts);
            if second != last {
                last = format!("{last} {second}");
            }
        }
        let display = format!("{first} {last}");
        if used.insert(display.clone()) {
            return Person {
                titled: format!("{title} {display}"),
                display,
                last,
            };
        }
    }
}
