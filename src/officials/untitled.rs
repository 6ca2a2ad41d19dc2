//! Officials without a title: a known given name before a surname, a speaker before a verb of saying, a well-known person.

use super::candidates::{make_candidate, Candidate};
use super::lexicon::{
    known_full_names, ALONE, ARTICLE, COMMON, COMPLEMENT, CONNECTOR, GEO, GIVEN, HEAD, INSTITUTION,
    KNOWN, MODIFIER, NAMESAKE, SPEECH, STOP,
};
use super::titles::{confirm_span, is_determiner, name_ending_at};
use super::tokens::{all_upper, has_at_least_chars, starts_upper, Prose, Token};
use super::words::{is_initial, is_name_word, is_particle, take_name, NameSpan};
use crate::text::fold_name;

/// One pass over the tokens: given-name runs ("Dmitry Kovtun had"), speakers ("Corado said",
/// "Sonia Gandhi told"), sources ("according to Machevskiy"), and well-known people
/// ("talks between Mubarak and Olmert").
pub(super) fn scan_untitled(
    tokens: &[Token<'_>],
    prose: &Prose<'_, '_>,
    candidates: &mut Vec<Candidate>,
) {
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        if !t.is_word() {
            i += 1;
            continue;
        }
        let span = if t.flags & SPEECH != 0 {
            speaker_before(tokens, i, prose)
        } else if t.text == "according" || t.text == "ACCORDING" {
            source_after(tokens, i, prose)
        } else if t.poss && t.unclassified() {
            owner(tokens, i, prose)
        } else if is_given(t) && starts_run(tokens, i) {
            given_name_run(tokens, i, prose)
        } else {
            None
        }
        .or_else(|| {
            t.has(KNOWN)
                .then(|| known_person(tokens, i, prose))
                .flatten()
        });
        match span {
            Some(span) => {
                if let Some(c) = make_candidate(tokens, &span, None) {
                    candidates.push(c);
                }
                i = span.end.max(i + 1);
            }
            None => i += 1,
        }
    }
}

/// "between Bashir and Deby", "Presidents Obama and Medvedev": a lone word joined by "and" to
/// the surname of a person already found is another person. Runs after the other rules.
pub(super) fn scan_coordinated(
    tokens: &[Token<'_>],
    prose: &Prose<'_, '_>,
    candidates: &mut Vec<Candidate>,
) {
    let known = |t: &Token<'_>| {
        let key = fold_name(t.text);
        candidates.iter().any(|c| c.core.contains(&key))
    };
    let lone = |k: usize| {
        let t = &tokens[k];
        is_name_word(t, false)
            && (!t.confirm || prose.confirms(t.text))
            && (k == 0 || !is_name_word(&tokens[k - 1], true) && !is_particle(&tokens[k - 1]))
            && tokens
                .get(k + 1)
                .is_none_or(|n| t.poss || !is_name_word(n, true))
    };
    let mut found = Vec::new();
    for i in 1..tokens.len().saturating_sub(1) {
        let and = tokens[i].has(CONNECTOR) && tokens[i].text.eq_ignore_ascii_case("and");
        if !and || !lone(i - 1) || !lone(i + 1) {
            continue;
        }
        let (left, right) = (&tokens[i - 1], &tokens[i + 1]);
        let may_be_new = |t: &Token<'_>| t.unclassified() && has_at_least_chars(t.text, 4);
        if !may_be_new(left) && !may_be_new(right) {
            continue;
        }
        let new = match (known(left), known(right)) {
            (true, false) => i + 1,
            (false, true) => i - 1,
            _ => continue,
        };
        let t = &tokens[new];
        // "General Mohaidan and Helmand Police Chief": the new word opens a longer proper noun.
        let outer = if new > i {
            tokens.get(new + 1)
        } else {
            tokens.get(new.wrapping_sub(1))
        };
        let longer = outer.is_some_and(|o| {
            o.has(HEAD | STOP | COMPLEMENT | MODIFIER)
                || o.is_word() && !o.caps && o.text.starts_with(char::is_uppercase)
        });
        if t.unclassified() && !left.poss && !longer && has_at_least_chars(t.text, 4) {
            found.push(NameSpan {
                words: vec![new],
                end: new + 1,
            });
        }
    }
    for span in found {
        if let Some(c) = make_candidate(tokens, &span, None) {
            candidates.push(c);
        }
    }
}

/// "talks between Mubarak and Olmert", "DENG XIAOPING'S REFORMS": a well-known person
/// (data/known_people.txt) without a title. The full name as the list writes it counts in any
/// text; a surname alone where the text vouches for it (see [`lone_surname`]).
fn known_person(tokens: &[Token<'_>], i: usize, prose: &Prose<'_, '_>) -> Option<NameSpan> {
    let t = &tokens[i];
    if t.confirm && !prose.confirms(t.text) {
        return None;
    }
    let span = full_known_name(tokens, i).or_else(|| lone_surname(tokens, i))?;
    let last = &tokens[span.end - 1];
    let named_after = !last.poss && tokens.get(span.end).is_some_and(|n| n.has(INSTITUTION));
    (!named_after).then_some(span)
}

/// A known surname alone, with the particles before it ("bin Laden"), where the text vouches
/// for it: no English word of the lexicon and no given name ("Young", "Charles" name others as
/// often), not after an article ("the Hague"), not inside a longer proper noun ("Capitol
/// Hill", "White House", "Despite Medvedev" in a heading). In mixed-case prose a capitalized
/// word, a short one not opening a sentence ("Rice prices rose"); in ALL CAPS, where every
/// word is capitalized, only a long one (seven letters or more: "KHOMEINI", not "BROWN").
fn lone_surname(tokens: &[Token<'_>], i: usize) -> Option<NameSpan> {
    let t = &tokens[i];
    let capitalized = |k: usize| {
        tokens.get(k).is_some_and(|n| {
            n.is_word()
                && if t.caps {
                    is_name_word(n, false)
                } else {
                    !n.caps && starts_upper(n.text)
                }
        })
    };
    let mut s = i;
    while s > 0 && i - s < 2 && is_particle(&tokens[s - 1]) {
        s -= 1;
    }
    let before = s.checked_sub(1).map(|p| &tokens[p]);
    let mid_sentence = before.is_some_and(|p| p.is_word() || p.is_punct(',') || p.is_punct('('));
    let letters = t.text.chars().count();
    let fits_case = if t.caps {
        letters >= 7
    } else {
        !all_upper(t.text) && (mid_sentence || letters >= 6)
    };
    let trusted = fits_case
        && t.has(ALONE)
        && is_name_word(t, false)
        && !t.has(GIVEN)
        && !before.is_some_and(is_determiner)
        && !(s > 0 && capitalized(s - 1))
        && (t.poss || !capitalized(i + 1));
    trusted.then(|| NameSpan {
        words: (s..=i).collect(),
        end: i + 1,
    })
}

/// The longest full name of a known person with the surname at `i` that the tokens around it
/// spell out word for word (case aside).
fn full_known_name(tokens: &[Token<'_>], i: usize) -> Option<NameSpan> {
    let same = |t: &Token<'_>, w: &str| {
        t.is_word()
            && if t.text.is_ascii() {
                t.text.eq_ignore_ascii_case(w)
            } else {
                t.text.to_lowercase() == w
            }
    };
    known_full_names(tokens[i].text)
        .iter()
        .filter_map(|full| {
            let at = full.iter().rposition(|w| same(&tokens[i], w))?;
            let start = i.checked_sub(at)?;
            let end = start + full.len();
            let spelled = (start..end)
                .zip(full)
                .all(|(k, w)| tokens.get(k).is_some_and(|t| same(t, w)));
            spelled.then(|| NameSpan {
                words: (start..end).collect(),
                end,
            })
        })
        .max_by_key(|span| span.words.len())
}

/// A given name from the list, or a hyphenated one whose first part is ("Jean-Claude"): the
/// tokenizer's GIVEN flag.
fn is_given(t: &Token<'_>) -> bool {
    t.flags & GIVEN != 0
}

/// The word opens a name: no name word, particle or initial right before it.
fn starts_run(tokens: &[Token<'_>], i: usize) -> bool {
    i == 0 || {
        let p = &tokens[i - 1];
        // A period ends a sentence unless it follows an initial ("J. Smith").
        let after_initial = p.is_punct('.') && i >= 2 && is_initial(&tokens[i - 2], Some(p));
        !(is_name_word(p, true) || is_particle(p) || after_initial || p.has(HEAD))
    }
}

/// Name words actually read as names (not initials or particles).
fn real_words(tokens: &[Token<'_>], span: &NameSpan) -> usize {
    span.words
        .iter()
        .filter(|&&w| is_name_word(&tokens[w], true))
        .count()
}

/// "Dmitry Kovtun", "JESSE JACKSON": a given name, then at least one more name word, and no
/// institution named after the person right after it ("George Washington University").
fn given_name_run(tokens: &[Token<'_>], i: usize, prose: &Prose<'_, '_>) -> Option<NameSpan> {
    if !is_name_word(&tokens[i], false) {
        return None;
    }
    let span = take_name(tokens, i).and_then(|s| confirm_span(tokens, s, prose))?;
    if span.words.len() == 1 {
        return title_word_surname(tokens, i);
    }
    let span = plain_words(tokens, span)?;
    if real_words(tokens, &span) < 2 || span.words.first() != Some(&i) {
        return None;
    }
    let last = &tokens[*span.words.last()?];
    if !last.poss && tokens.get(span.end).is_some_and(|n| n.has(NAMESAKE)) {
        return None;
    }
    Some(span)
}

/// "TOM KING DECLARED", "John Major said": a given name before a title word that is also a
/// surname, when no name follows that word.
fn title_word_surname(tokens: &[Token<'_>], i: usize) -> Option<NameSpan> {
    let next = tokens.get(i + 1)?;
    let surname = [
        "king", "major", "bishop", "marshal", "judge", "dean", "prince",
    ]
    .iter()
    .any(|w| next.text.eq_ignore_ascii_case(w))
        && next.text.starts_with(char::is_uppercase)
        && (next.caps || !all_upper(next.text));
    let named_after = tokens
        .get(i + 2)
        .is_some_and(|n| is_name_word(n, false) || n.has(NAMESAKE));
    (surname && !tokens[i].poss && !named_after).then(|| NameSpan {
        words: vec![i, i + 1],
        end: i + 2,
    })
}

/// Ends an untitled name before its first ordinary word ("Sonia Most Popular", "Deepak Kapoor
/// Other"); a law or institution named after the person ("Lacey Act") is no name at all.
fn plain_words(tokens: &[Token<'_>], mut span: NameSpan) -> Option<NameSpan> {
    let plain = span
        .words
        .iter()
        .skip(1)
        .position(|&w| tokens[w].has(COMMON | NAMESAKE))
        .map(|n| n + 1);
    if let Some(n) = plain {
        if tokens[span.words[n]].has(NAMESAKE) {
            return None;
        }
        span.words.truncate(n);
        while span
            .words
            .last()
            .is_some_and(|&w| !is_name_word(&tokens[w], true))
        {
            span.words.pop();
        }
        span.end = span.words.last().map(|&w| w + 1)?;
    }
    Some(span)
}

/// A speaker's name read backwards starts at its given name when it has one: "Democracy
/// Alejandro Negrin" -> "Alejandro Negrin".
fn from_given_name(tokens: &[Token<'_>], mut span: NameSpan) -> NameSpan {
    let first_given = span.words.iter().position(|&w| is_given(&tokens[w]));
    if let Some(n) = first_given {
        if n > 0 && span.words.len() - n >= 2 {
            span.words.drain(..n);
        }
    }
    span
}

/// "Corado said", "Sonia Gandhi told", "MOOSA EXPRESSED": the name right before a verb of saying.
fn speaker_before(tokens: &[Token<'_>], verb: usize, prose: &Prose<'_, '_>) -> Option<NameSpan> {
    let v = &tokens[verb];
    // Mixed-case prose writes the verb in lower case; a capitalized one is a heading word.
    if !v.caps && !v.text.starts_with(|c: char| c.is_lowercase()) {
        return None;
    }
    if verb == 0 {
        return None;
    }
    if let Some(span) = name_ending_at(tokens, verb, prose) {
        return Some(from_given_name(tokens, span));
    }
    let w = verb - 1;
    let t = &tokens[w];
    if !is_name_word(t, false) || t.poss || t.confirm && !prose.confirms(t.text) {
        return None;
    }
    // ALL CAPS text: short words are acronyms ("ANC SAID").
    if t.caps && all_upper(t.text) && !has_at_least_chars(t.text, 4) {
        return None;
    }
    if w > 0 {
        let p = &tokens[w - 1];
        // "the Arab League said", "Hamburg Police said": part of a longer proper noun.
        let capitalized_before = !p.caps && p.text.starts_with(char::is_uppercase);
        if is_determiner(p)
            || p.poss
            || capitalized_before
            || p.has(ARTICLE | HEAD | GEO | STOP | COMPLEMENT | MODIFIER)
            || is_name_word(p, true)
            || is_initial(p, Some(t))
        {
            return None;
        }
    }
    Some(NameSpan {
        words: vec![w],
        end: verb,
    })
}

/// "Preval's closest advisor", "DE KLERK'S SPEECH": a lone word outside the lexicon that owns something.
fn owner(tokens: &[Token<'_>], i: usize, prose: &Prose<'_, '_>) -> Option<NameSpan> {
    let t = &tokens[i];
    if !is_name_word(t, false) || t.confirm && !prose.confirms(t.text) {
        return None;
    }
    if !has_at_least_chars(t.text, 4) || is_given(t) {
        return None;
    }
    // Places and firms own things too; only kin and what a person does mark a person.
    let owned = tokens.get(i + 1).map_or("", |n| n.text);
    let personal = [
        "wife",
        "husband",
        "son",
        "sons",
        "daughter",
        "daughters",
        "brother",
        "brothers",
        "sister",
        "sisters",
        "father",
        "mother",
        "parents",
        "family",
        "fiancee",
        "fiance",
        "widow",
        "cousin",
        "nephew",
        "niece",
        "uncle",
        "assassination",
        "murder",
        "death",
        "arrest",
        "speech",
        "remarks",
        "resignation",
        "funeral",
        "trial",
        "release",
        "successor",
        "predecessor",
        "supporters",
        "loyalists",
        "campaign",
        "candidacy",
        "presidency",
        "tenure",
        "health",
        "own",
        "return",
        "statement",
        "friend",
        "friends",
        "closest",
        "half-brother",
    ]
    .iter()
    .any(|w| owned.eq_ignore_ascii_case(w));
    if !personal {
        return None;
    }
    let start = if i >= 1 && is_particle(&tokens[i - 1]) {
        i - 1
    } else {
        i
    };
    if start > 0 {
        let p = &tokens[start - 1];
        let capitalized_before = !p.caps && p.text.starts_with(char::is_uppercase);
        if is_name_word(p, true)
            || capitalized_before
            || p.has(GEO | STOP | COMPLEMENT | MODIFIER)
            || is_determiner(p)
        {
            return None;
        }
    }
    Some(NameSpan {
        words: (start..=i).collect(),
        end: i + 1,
    })
}

/// "according to Machevskiy,": a name right after "according to", closed by punctuation.
fn source_after(tokens: &[Token<'_>], at: usize, prose: &Prose<'_, '_>) -> Option<NameSpan> {
    if !tokens.get(at + 1)?.text.eq_ignore_ascii_case("to") {
        return None;
    }
    let start = at + 2;
    if !is_name_word(tokens.get(start)?, false) {
        return None;
    }
    let span = take_name(tokens, start).and_then(|s| confirm_span(tokens, s, prose))?;
    let t = &tokens[start];
    if span.words.len() == 1 && t.caps && all_upper(t.text) && !has_at_least_chars(t.text, 4) {
        return None;
    }
    let closed = tokens
        .get(span.end)
        .is_none_or(|n| !n.is_word() || n.poss || n.flags & SPEECH != 0);
    (closed && real_words(tokens, &span) >= 1).then_some(span)
}

#[cfg(test)]
mod tests {
    use crate::officials::tests::names;

    #[test]
    fn given_names_open_untitled_names() {
        assert_eq!(
            names("Police confirmed that Dmitry Kovtun had left traces. Later Kovtun flew home."),
            vec!["Dmitry Kovtun"]
        );
        assert_eq!(
            names("HE DID TRANSMIT THEM TO ALFRED NZO AND THABO MBEKI."),
            vec!["Alfred Nzo", "Thabo Mbeki"]
        );
        assert!(names("She studied at George Washington University in 1990.").is_empty());
        assert_eq!(
            names("SECRETARY FOR NORTHERN IRELAND TOM KING DECLARED THAT"),
            vec!["Tom King"]
        );
        assert_eq!(
            names("On Monday, King Mohammed VI called. Mohammed VI left."),
            vec!["Mohammed VI"]
        );
    }

    #[test]
    fn well_known_people_need_no_title() {
        assert_eq!(
            names(
                "The talks between Mubarak and Olmert ended early; a visit by Putin was put off."
            ),
            vec!["Mubarak", "Olmert", "Putin"]
        );
        assert_eq!(
            names("Reforms begun by Deng Xiaoping in 1978 continue."),
            vec!["Deng Xiaoping"]
        );
        assert_eq!(
            names("REFORMS BEGUN BY DENG XIAOPING IN 1978 CONTINUE."),
            vec!["Deng Xiaoping"]
        );
        // A surname that is also an English word counts only in the full name.
        assert_eq!(
            names("Rice prices rose. Brown coal burned. The visit by Rice and Gordon Brown."),
            vec!["Gordon Brown"]
        );
        assert_eq!(
            names("RICE PRICES ROSE AND BROWN COAL WAS BURNED."),
            Vec::<String>::new()
        );
        // In ALL CAPS a surname alone counts when it is long.
        assert_eq!(
            names("THE LEGACY OF KHOMEINI IS FELT. HU JINTAO AND LI PENG MET."),
            vec!["Khomeini", "Hu Jintao", "Li Peng"]
        );
        assert_eq!(
            names("Talks with Sarkozy at The Hague went well; Capitol Hill and the White House agreed."),
            vec!["Sarkozy"]
        );
        assert_eq!(
            names("He met Osama bin Laden's envoy. Later bin Laden spoke."),
            vec!["Osama bin Laden"]
        );
        // Institutions named after a person are not mentions of the person.
        assert!(names("He studied at the Mubarak Library and the Carter Center.").is_empty());
    }

    #[test]
    fn speakers_and_sources() {
        assert_eq!(
            names("He met his assistant on March 21. Corado said the MFA agreed."),
            vec!["Corado"]
        );
        assert_eq!(
            names("Forces are smaller, according to Machevskiy, than in 2006."),
            vec!["Machevskiy"]
        );
        assert!(names("The Embassy said so. The MFA said no. ANC SAID NO.").is_empty());
        assert_eq!(
            names("AFTER DE KLERK'S SPEECH, SOWETO'S MAYOR LEFT."),
            vec!["De Klerk"]
        );
        assert!(names("He toured Chechnya's capital and Boeing's plant.").is_empty());
        assert_eq!(
            names("President Bashir met rebels. Talks between Bashir and Deby failed."),
            vec!["Bashir", "Deby"]
        );
    }
}
