//! Officials: finds the people a cable names (titles, Classified By, signature) and merges the
//! mentions of one person within a cable. One file per layer: lexicon -> tokens -> words ->
//! candidates -> rules (titles, classified_by, signature) -> merge (here).

mod candidates;
mod classified_by;
mod lexicon;
mod signature;
mod titles;
mod tokens;
mod untitled;
mod words;

pub(crate) use candidates::title_case_word;
pub(crate) use lexicon::NAME_PARTICLES;

use std::cell::OnceCell;

use candidates::Candidate;
use classified_by::{scan_classified_by, scan_eo_line};
use signature::scan_signature;
use titles::{scan_cues, scan_titles};
use tokens::{is_caps_document, tokenize, Prose};
use untitled::{scan_coordinated, scan_untitled};

/// A person named in a cable, as a reader would write the name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Official {
    /// Display name, accents kept, ALL CAPS input converted to title case.
    pub name: String,
    /// The title the cable gives the person, if any ("Director of Immigration").
    pub title: Option<String>,
}

/// Finds the people named in a cable's full text (header lines, routing, body; any case).
/// Deterministic, never panics, order = first mention.
pub fn extract_officials(text: &str) -> Vec<Official> {
    let doc_caps = is_caps_document(text);
    let tokens = tokenize(text, doc_caps, true);
    let prose = Prose {
        tokens: &tokens,
        words: OnceCell::new(),
    };
    let mut candidates: Vec<Candidate> = Vec::new();
    scan_titles(&tokens, &prose, &mut candidates);
    scan_cues(&tokens, &prose, &mut candidates);
    scan_untitled(&tokens, &prose, &mut candidates);
    scan_eo_line(text, &mut candidates);
    scan_classified_by(text, &mut candidates);
    scan_signature(text, &mut candidates);
    scan_coordinated(&tokens, &prose, &mut candidates);
    merge(candidates)
}

/// Does `short` name the same person as the fuller `long`?
fn joins(short: &Candidate, long: &Candidate) -> bool {
    let (s, l) = (&short.core, &long.core);
    if s.is_empty() || s.len() > l.len() {
        return false;
    }
    if s.len() == 1 && l.len() > 1 {
        // A bare surname (or the given name alone, "Prince Khalid") names the fuller person in the same cable.
        return l.contains(&s[0]);
    }
    // Ordered subsequence: "Philip Goldberg" -> "Philip S. Goldberg".
    let mut it = l.iter();
    s.iter().all(|w| it.any(|x| x == w))
}

struct Group {
    rep: Candidate,
    pos: usize,
    title: Option<(usize, String)>,
    only_signature: bool,
}

fn better_display(a: &Candidate, b: &Candidate) -> bool {
    // More words first, then text as written over converted ALL CAPS, then more characters.
    let (la, lb) = (a.core.len(), b.core.len());
    if la != lb {
        return la > lb;
    }
    if a.keys.len() != b.keys.len() {
        return a.keys.len() > b.keys.len();
    }
    if a.from_caps != b.from_caps {
        return !a.from_caps;
    }
    let non_ascii = |c: &Candidate| {
        c.words
            .iter()
            .map(|w| w.chars().filter(|ch| !ch.is_ascii()).count())
            .sum::<usize>()
    };
    non_ascii(a) > non_ascii(b)
}

fn merge(mut candidates: Vec<Candidate>) -> Vec<Official> {
    // Longest names first so shorter mentions find their full form.
    candidates.sort_by(|a, b| {
        b.core
            .len()
            .cmp(&a.core.len())
            .then(b.keys.len().cmp(&a.keys.len()))
            .then(a.pos.cmp(&b.pos))
    });
    let mut groups: Vec<Group> = Vec::new();
    for c in candidates {
        let mut target: Option<usize> = None;
        for (gi, g) in groups.iter().enumerate() {
            if joins(&c, &g.rep) && target.is_none_or(|t: usize| groups[t].pos > g.pos) {
                target = Some(gi);
            }
        }
        match target {
            Some(gi) => {
                let g = &mut groups[gi];
                g.pos = g.pos.min(c.pos);
                g.only_signature &= c.signature;
                if let Some(t) = &c.title {
                    if g.title.as_ref().is_none_or(|(p, _)| *p > c.pos) {
                        g.title = Some((c.pos, t.clone()));
                    }
                }
                if better_display(&c, &g.rep) {
                    g.rep = c;
                }
            }
            None => {
                let title = c.title.clone().map(|t| (c.pos, t));
                groups.push(Group {
                    pos: c.pos,
                    title,
                    only_signature: c.signature,
                    rep: c,
                });
            }
        }
    }
    groups.sort_by_key(|g| g.pos);
    groups
        .into_iter()
        .map(|g| Official {
            name: g.rep.words.join(" "),
            title: g.title.map(|(_, t)| t),
        })
        .collect()
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// The names `extract_officials` finds, in order.
    pub(crate) fn names(text: &str) -> Vec<String> {
        extract_officials(text)
            .into_iter()
            .map(|o| o.name)
            .collect()
    }

    #[test]
    fn surname_joins_full_name() {
        let n = names("Director of Immigration Oscar Contreras Hernandez spoke. Later Mr. Contreras added that Contreras would act.");
        assert_eq!(n, vec!["Oscar Contreras Hernandez"]);
    }

    #[test]
    fn odd_input_never_panics() {
        for s in [
            "",
            "Ambassador",
            "Ambassador ",
            "¶",
            "¶1.",
            "Classified By:",
            "Classified By: ",
            ",",
            "Mr.",
            "\n\n\n",
            "é",
            "Dr. É",
            "Minister of",
        ] {
            let _ = extract_officials(s);
        }
        let long = "Ambassador John Hamilton x ".repeat(40_000);
        assert!(long.len() > 1_000_000);
        assert_eq!(names(&long), vec!["John Hamilton"]);
        let weird: String = (0u32..5000).filter_map(char::from_u32).collect();
        let _ = extract_officials(&weird);
    }
}
