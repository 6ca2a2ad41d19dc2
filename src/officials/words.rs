//! Officials word predicates: which tokens can be name words, initials or particles, and name spans.

use super::lexicon::{COMMON, COMPLEMENT, CONNECTOR, HEAD, HONORIFIC, MODIFIER, PARTICLE, STOP};
use super::tokens::{all_upper, has_at_least_chars, has_digit, starts_upper, Kind, Token};

/// "al-Assad", "el-Sisi", "bin-Laden": an Arabic article joined to a capitalized name.
pub(super) fn is_article_prefixed(w: &str) -> bool {
    if w.as_bytes().get(2) != Some(&b'-') {
        return false;
    }
    for p in ["al-", "el-", "Al-", "El-", "AL-", "EL-"] {
        if let Some(rest) = w.strip_prefix(p) {
            return starts_upper(rest) && has_at_least_chars(rest, 2);
        }
    }
    false
}

/// Short upper-case words that are abbreviations rather than names in ALL CAPS text.
pub(super) fn looks_like_acronym(w: &str) -> bool {
    let n = w.chars().count();
    if w.contains('/') {
        return true;
    }
    let vowels = w
        .chars()
        .filter(|c| matches!(c.to_ascii_uppercase(), 'A' | 'E' | 'I' | 'O' | 'U' | 'Y'))
        .count();
    if vowels == 0 {
        return true;
    }
    // Government-of acronyms: GOG, GOI, GODJ...
    if n <= 4 && (w.starts_with("GO") || w.starts_with("go")) && n >= 3 {
        return true;
    }
    n <= 2
}

/// Verb and adverb forms that follow a title in ALL CAPS prose ("AMBASSADOR RAISED").
pub(super) fn looks_like_caps_verb(w: &str) -> bool {
    let n = w.len();
    const LONG: [&str; 31] = [
        "TION", "SION", "MENT", "NESS", "ANCE", "ENCE", "ATES", "IZES", "ISES", "EDES", "ATED",
        "IZED", "ISED", "AYED", "CKED", "ILED", "RTED", "NTED", "SSED", "ITY", "CTED", "RMED",
        "LLED", "SHED", "IVED", "OVED", "URED", "ERED", "ORED", "ARED", "CHED",
    ];
    (n >= 6 && w.ends_with("ING"))
        || (n >= 5 && w.ends_with("LY"))
        || (n >= 6 && LONG.iter().any(|s| w.ends_with(s)))
}

/// "Negotiations", "Complaints"-like abstract nouns: suffixes that (almost) no personal name has.
pub(super) fn looks_like_abstract_noun(w: &str) -> bool {
    if w.len() < 6 || !w.is_ascii() {
        return false;
    }
    let mut buf = [0u8; 8];
    let tail = &w.as_bytes()[w.len().saturating_sub(buf.len())..];
    let n = tail.len();
    for (d, s) in buf.iter_mut().zip(tail) {
        *d = s.to_ascii_lowercase();
    }
    let tail = &buf[..n];
    const SUFFIXES: [&[u8]; 11] = [
        b"tion", b"tions", b"sion", b"ation", b"ments", b"ness", b"ship", b"ships", b"ities",
        b"ism", b"isms",
    ];
    SUFFIXES.iter().any(|s| tail.ends_with(s))
}

/// Can this token be a (non-particle, non-initial) name word?
pub(super) fn is_name_word(t: &Token<'_>, allow_caps_in_mixed: bool) -> bool {
    // Most tokens are lower-case prose words or lexicon words: rejected before any scan of the text.
    if !t.is_word()
        || !t.caps
            && t.text
                .as_bytes()
                .first()
                .is_some_and(u8::is_ascii_lowercase)
            && !is_article_prefixed(t.text)
        || t.flags & (HEAD | MODIFIER | COMPLEMENT | STOP | CONNECTOR | PARTICLE | HONORIFIC) != 0
    {
        return false;
    }
    if has_digit(t.text) || t.text.contains('/') {
        return false;
    }
    // Mixed-case prose writes verbs in lower case, so a capitalized common word inside a name is a name ("Hassan Said Khaireh").
    let capitalized_in_prose =
        allow_caps_in_mixed && !t.caps && starts_upper(t.text) && !all_upper(t.text);
    if t.flags & COMMON != 0 && !capitalized_in_prose {
        return false;
    }
    if !has_at_least_chars(t.text, 2) {
        return false;
    }
    if is_article_prefixed(t.text) {
        return true;
    }
    if looks_like_abstract_noun(t.text) {
        return false;
    }
    if t.caps {
        if !all_upper(t.text) {
            // A mixed-case word inside a caps line still reads as a name when capitalized.
            return starts_upper(t.text);
        }
        !looks_like_acronym(t.text) && !looks_like_caps_verb(t.text)
    } else {
        if !starts_upper(t.text) {
            return false;
        }
        if all_upper(t.text) {
            // Mixed-case prose: an upper-case word is an acronym unless it continues a name ("Juan PEREZ").
            return allow_caps_in_mixed
                && has_at_least_chars(t.text, 3)
                && !looks_like_acronym(t.text);
        }
        true
    }
}

pub(super) fn is_initial(t: &Token<'_>, next: Option<&Token<'_>>) -> bool {
    if !t.is_word() {
        return false;
    }
    let mut cs = t.text.chars();
    let single = matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase());
    if !single {
        return false;
    }
    let dotted = next.is_some_and(|n| n.is_punct('.'));
    // In caps prose a bare "A" is an article; require the period there.
    dotted || !t.caps
}

pub(super) fn is_particle(t: &Token<'_>) -> bool {
    t.has(PARTICLE)
        && (t.caps
            || !starts_upper(t.text)
            || matches!(
                t.text,
                "De" | "Del" | "Van" | "Von" | "Bin" | "Ibn" | "Abu" | "Al" | "El"
            ))
}

/// Can a name read by `take_name` end on this word: a name word, or (after the first word,
/// the only place `take_name` admits one) a short rank that is a surname ("Hun Sen").
pub(super) fn can_end_name(t: &Token<'_>) -> bool {
    is_name_word(t, true) || t.has(HONORIFIC) && t.text.len() == 3
}

/// A short abbreviated rank ("Sen", "Gen") that, after a name word, can only be a surname: no
/// name word, particle or initial follows that it could introduce, even across a period
/// ("Hun Sen. The talks", not "Sen. Kennedy").
fn is_surname_abbreviation(tokens: &[Token<'_>], k: usize) -> bool {
    let t = &tokens[k];
    let introduces =
        |n: &Token<'_>| is_name_word(n, true) || n.has(PARTICLE) || is_initial(n, None);
    let after = match tokens.get(k + 1) {
        Some(n) if n.is_punct('.') => tokens.get(k + 2),
        other => other,
    };
    t.is_word()
        && t.has(HONORIFIC)
        && t.text.len() == 3
        && (t.text.bytes().skip(1).all(|b| b.is_ascii_lowercase()) || t.caps && all_upper(t.text))
        && after.is_none_or(|n| !introduces(n))
}

/// "II", "VI", "XIII": a Roman numeral of two to four letters, in upper case.
pub(super) fn is_regnal_number(t: &Token<'_>) -> bool {
    t.is_word()
        && (2..=4).contains(&t.text.len())
        && t.text.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'))
}

/// A name found at `start`: token indices of its words (initial dots skipped) and where it ends.
pub(super) struct NameSpan {
    pub(super) words: Vec<usize>,
    pub(super) end: usize,
}

/// Reads a name forward from `start`: name words, initials, particles between words.
pub(super) fn take_name(tokens: &[Token<'_>], start: usize) -> Option<NameSpan> {
    let mut words: Vec<usize> = Vec::new();
    let mut k = start;
    let mut real = 0usize;
    while k < tokens.len() && words.len() < 7 {
        let t = &tokens[k];
        let next = tokens.get(k + 1);
        if is_name_word(t, real > 0) {
            words.push(k);
            real += 1;
            k += 1;
            if t.poss {
                break;
            }
        } else if real > 0 && is_surname_abbreviation(tokens, k) {
            // A short rank word after a name, with no name after it that it could introduce
            // (even across a period), is the surname: "Hun Sen", "Amartya Sen" (not the
            // "Sen." of "Sen. Kennedy").
            words.push(k);
            real += 1;
            k += 1;
            if t.poss {
                break;
            }
        } else if is_initial(t, next) && real < 3 {
            // An initial must be followed by more name.
            let after = if next.is_some_and(|n| n.is_punct('.')) {
                k + 2
            } else {
                k + 1
            };
            match tokens.get(after) {
                Some(n) if is_name_word(n, true) || is_initial(n, tokens.get(after + 1)) => {
                    words.push(k);
                    k = after;
                }
                _ => break,
            }
        } else if real > 0 && matches!(t.kind, Kind::Punct('"' | '“' | '&')) {
            // Quoted nickname inside a name: Guillermo "Billy" Ford, Jose Manuel &Mel8 Zelaya.
            let close = (k + 2..(k + 5).min(tokens.len()))
                .find(|&j| matches!(tokens[j].kind, Kind::Punct(_)) || !tokens[j].is_word());
            match close {
                Some(j)
                    if matches!(tokens[j].kind, Kind::Punct('"' | '”'))
                        || (tokens[j].kind == Kind::Punct('&')
                            || tokens[j - 1].text.ends_with('8')) =>
                {
                    match tokens.get(j + 1) {
                        Some(n) if is_name_word(n, true) => k = j + 1,
                        _ => break,
                    }
                }
                _ => break,
            }
        } else if is_particle(t)
            && (real > 0
                || k == start && (t.caps && all_upper(t.text) || matches!(t.text, "al" | "el")))
        {
            // Particles only inside a name: "Barrientos de Estrada", "van der Berg".
            let mut j = k;
            while j < tokens.len() && is_particle(&tokens[j]) && j - k < 3 {
                j += 1;
            }
            match tokens.get(j) {
                Some(n) if is_name_word(n, true) => {
                    words.extend(k..j);
                    k = j;
                }
                _ => break,
            }
        } else {
            break;
        }
    }
    // Trailing initials never end a name.
    while words.last().is_some_and(|&w| !can_end_name(&tokens[w])) {
        words.pop();
    }
    if real == 0 || words.is_empty() {
        return None;
    }
    // A regnal number ends the name: "Mohammed VI", "John Paul II".
    if let Some(&last) = words.last() {
        if !tokens[last].poss && tokens.get(last + 1).is_some_and(is_regnal_number) {
            words.push(last + 1);
        }
    }
    let end = words.last().map_or(start, |&w| w + 1);
    Some(NameSpan { words, end })
}

#[cfg(test)]
mod tests {
    use crate::officials::tests::names;

    #[test]
    fn a_rank_word_after_a_name_is_a_surname() {
        assert_eq!(
            names("THE AMBASSADOR MET SECOND PRIME MINISTER HUN SEN. THEN HE SPOKE OF SEN. KENNEDY AND HUN SEN'S VIEWS WERE CLEAR."),
            vec!["Hun Sen", "Kennedy"]
        );
    }
}
