//! Officials Classified By rules: the classifying officer on the Classified By and E.O. lines.

use std::sync::LazyLock;

use regex::Regex;

use crate::telegram;

use super::candidates::{
    candidate_from_words, make_candidate, title_case_word, title_text, Candidate,
};
use super::lexicon::{
    flags_of, COMMON, COMPLEMENT, CONNECTOR, D_AFFAIRES, HEAD, HONORIFIC, MODIFIER, STOP,
};
use super::tokens::{all_upper, has_at_least_chars, tokenize, Kind, Token};
use super::words::take_name;

// ASCII word boundaries keep the regexes on the fast DFA even when the cable has "¶" or accents.
pub(super) static CLASSIFIED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i-u:\b{}\b)\s*:?", telegram::CLASSIFIED_BY)).expect("constant regex")
});
pub(super) static CLASSIFIED_STOP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u:\bfor\s+reasons?\b|\breasons?\b|\b1\.[4-6]\b|;|\be\.\s?o\.|\bdecl\b)")
        .expect("constant regex")
});

// Old cables name the classifying officer on the E.O. line: "E.O. 12065: GDS 7/17/85 (STEMPEL, JOHN D.) OR-P".
pub(super) static EO_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*E\.\s?O\.?\s*[0-9]{4,5}[^\n(]{0,60}\(([A-Za-z][A-Za-z'\-]{1,24}),[ \t]*([A-Za-z][A-Za-z'\-]{1,24})(?:[ \t]+([A-Za-z])\.?)?[ \t]*\)")
        .expect("constant regex")
});

pub(super) fn scan_eo_line(text: &str, candidates: &mut Vec<Candidate>) {
    if !text.contains("E.O") && !text.contains("E. O") {
        return;
    }
    for c in EO_NAME.captures_iter(text) {
        let (Some(sur), Some(given)) = (c.get(1), c.get(2)) else {
            continue;
        };
        if flags_of(sur.as_str()) & (STOP | COMMON | HEAD | MODIFIER | COMPLEMENT) != 0
            || flags_of(given.as_str()) & (STOP | COMMON | HEAD | MODIFIER | COMPLEMENT) != 0
        {
            continue;
        }
        let fix = |w: &str| {
            if all_upper(w) {
                title_case_word(w, true)
            } else {
                w.to_string()
            }
        };
        let mut words = vec![fix(given.as_str())];
        if let Some(ini) = c.get(3) {
            words.push(format!("{}.", ini.as_str().to_uppercase()));
        }
        words.push(fix(sur.as_str()));
        if let Some(candidate) =
            candidate_from_words(words, None, sur.start(), all_upper(sur.as_str()))
        {
            candidates.push(candidate);
        }
    }
}

pub(super) fn scan_classified_by(text: &str, candidates: &mut Vec<Candidate>) {
    for m in CLASSIFIED_BY.find_iter(text) {
        let rest = &text[m.end()..];
        let line_end = rest.find('\n').unwrap_or(rest.len());
        let mut snippet_end = line_end;
        // Wrapped lines: "KATHELEEN\nMORENSKI FOR REASONS".
        if !CLASSIFIED_STOP.is_match(&rest[..line_end]) && line_end < rest.len() {
            let next = &rest[line_end + 1..];
            let next_end = next.find('\n').unwrap_or(next.len());
            snippet_end = line_end + 1 + next_end;
        }
        // Bound the snippet (a huge line must not be re-tokenized whole) on a character boundary.
        let mut cut = snippet_end.min(400).min(rest.len());
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let mut snippet = &rest[..cut];
        if let Some(s) = CLASSIFIED_STOP.find(snippet) {
            snippet = &snippet[..s.start()];
        }
        let caps = !snippet.chars().any(|c| c.is_lowercase());
        let tokens = tokenize(snippet, caps, false);
        if let Some(c) = classified_name(&tokens, m.end()) {
            candidates.push(c);
        }
    }
}

/// Title-like words in a Classified By line: heads, modifiers, office codes ("A/DCM", "ECONMIN", "MC").
pub(super) fn is_classified_title_word(t: &Token<'_>) -> bool {
    if !t.is_word() {
        return false;
    }
    if t.has(HEAD | MODIFIER | HONORIFIC | CONNECTOR | COMPLEMENT | D_AFFAIRES)
        || ["classified", "by", "mc", "ai", "i"]
            .iter()
            .any(|w| t.text.eq_ignore_ascii_case(w))
    {
        return true;
    }
    t.text.contains('/') || (!t.caps && all_upper(t.text) && has_at_least_chars(t.text, 2))
}

pub(super) fn classified_name(tokens: &[Token<'_>], pos_base: usize) -> Option<Candidate> {
    let mut segments: Vec<&[Token<'_>]> = Vec::new();
    let mut seg_start = 0;
    for (i, t) in tokens.iter().enumerate() {
        let period_ends = t.is_punct('.') && i > 0 && {
            let p = &tokens[i - 1];
            !(p.is_word() && (!has_at_least_chars(p.text, 2) || p.has(HONORIFIC)))
        };
        if t.is_punct(',') || t.kind == Kind::Break || period_ends {
            segments.push(&tokens[seg_start..i]);
            seg_start = i + 1;
            if period_ends {
                break;
            }
        }
    }
    if seg_start <= tokens.len() {
        segments.push(&tokens[seg_start.min(tokens.len())..]);
    }
    for (n, seg) in segments.iter().enumerate() {
        let mut k = 0;
        while k < seg.len() && (is_classified_title_word(&seg[k]) || seg[k].is_punct('.')) {
            k += 1;
        }
        if k >= seg.len() {
            continue;
        }
        let span = take_name(seg, k)?;
        // Whatever follows the name must be more title words ("ERIC WONG" then ", CHARGE D'AFFAIRES").
        if seg[span.end..]
            .iter()
            .any(|t| t.is_word() && !is_classified_title_word(t))
        {
            return None;
        }
        let mut title = title_text(&seg[..k]);
        if title.is_none() {
            title = segments.get(n + 1).and_then(|s| {
                if !s.is_empty()
                    && s.iter()
                        .all(|t| !t.is_word() || is_classified_title_word(t))
                {
                    title_text(s)
                } else {
                    None
                }
            });
        }
        let mut c = make_candidate(seg, &span, title)?;
        // Login-style names: "Classified By: RBlau, CDA" is R. Blau.
        if c.words.len() == 1 {
            let w = c.words[0].clone();
            let b = w.as_bytes();
            if b.len() >= 5
                && b[0].is_ascii_uppercase()
                && b[1].is_ascii_uppercase()
                && b[2..].iter().all(|x| x.is_ascii_lowercase())
            {
                c = candidate_from_words(
                    vec![format!("{}.", &w[..1]), w[1..].to_string()],
                    c.title,
                    c.pos,
                    false,
                )?;
            }
        }
        c.pos += pos_base;
        return Some(c);
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::officials::tests::names;

    #[test]
    fn classified_by_forms() {
        assert_eq!(
            names("Classified By: PolCouns David Lindwall for reasons 1.4 (b) and (d)"),
            vec!["David Lindwall"]
        );
        assert_eq!(
            names("CLASSIFIED BY: AMBASSADOR JAMES DERHAM. REASONS: 1.4 (B) AND (D)."),
            vec!["James Derham"]
        );
        assert_eq!(
            names("Classified By: ERIC WONG, CHARGE D’AFFAIRES, A.I."),
            vec!["Eric Wong"]
        );
        assert_eq!(
            names("Classified By: A/DCM Tamir G. Waser.  Reason: 1.4 (d)"),
            vec!["Tamir G. Waser"]
        );
        assert!(names("Classified By: Charge d'Affaires, for reasons 1.4 (b) and (d)").is_empty());
        assert!(names("E.O. 12958: DECL: DECLASSIFIED BY NARA 09/02/2009").is_empty());
    }
}
