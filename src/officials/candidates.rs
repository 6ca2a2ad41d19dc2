//! Officials candidates: a found name with its title, title casing of ALL CAPS names.

use crate::text::fold_name;

use super::lexicon::{COMPLEMENT, CONNECTOR, HEAD, MODIFIER, NAME_PARTICLES};
use super::tokens::{all_upper, has_at_least_chars, Kind, Token};
use super::words::{is_regnal_number, NameSpan};

#[derive(Debug, Clone)]
pub(super) struct Candidate {
    pub(super) words: Vec<String>,
    pub(super) keys: Vec<String>,
    /// Keys of the real name words (no initials or particles), computed once for merging.
    pub(super) core: Vec<String>,
    pub(super) title: Option<String>,
    pub(super) pos: usize,
    pub(super) from_caps: bool,
    pub(super) signature: bool,
}

pub(super) fn make_candidate(
    tokens: &[Token<'_>],
    span: &NameSpan,
    title: Option<String>,
) -> Option<Candidate> {
    let mut words = Vec::with_capacity(span.words.len());
    let mut from_caps = false;
    for (n, &i) in span.words.iter().enumerate() {
        let t = &tokens[i];
        let caps_word = all_upper(t.text) && has_at_least_chars(t.text, 2) && !is_regnal_number(t);
        from_caps |= caps_word;
        let mut w = if caps_word {
            title_case_word(t.text, n == 0)
        } else {
            t.text.to_string()
        };
        // Initials keep the period they were written with ("Philip S. Goldberg").
        if !has_at_least_chars(t.text, 2) && tokens.get(i + 1).is_some_and(|p| p.is_punct('.')) {
            w.push('.');
        }
        words.push(w);
    }
    candidate_from_words(
        words,
        title,
        tokens.get(span.words[0]).map_or(0, |t| t.pos),
        from_caps,
    )
}

pub(super) fn candidate_from_words(
    words: Vec<String>,
    title: Option<String>,
    pos: usize,
    from_caps: bool,
) -> Option<Candidate> {
    let keys: Vec<String> = words
        .iter()
        .map(|w| fold_name(w))
        .filter(|k| !k.is_empty())
        .collect();
    if keys.is_empty() {
        return None;
    }
    let core = core_keys(&keys);
    Some(Candidate {
        words,
        keys,
        core,
        title,
        pos,
        from_caps,
        signature: false,
    })
}

/// Keys of the real name words (initials and particles do not identify a person).
pub(super) fn core_keys(keys: &[String]) -> Vec<String> {
    keys.iter()
        .filter(|k| k.chars().count() > 1 && !NAME_PARTICLES.contains(&k.as_str()))
        // "al-Maliki" and "Maliki" are one person.
        .map(|k| {
            k.strip_prefix("al-")
                .or_else(|| k.strip_prefix("el-"))
                .unwrap_or(k)
                .to_string()
        })
        .collect()
}

/// Title case for an ALL CAPS name word: "MCCLINTOCK" -> "McClintock", "O'BRIEN" -> "O'Brien", "DE" -> "de".
pub(crate) fn title_case_word(w: &str, first: bool) -> String {
    let lower = w.to_lowercase();
    if !first && NAME_PARTICLES.contains(&lower.as_str()) {
        return lower;
    }
    let mut out = String::with_capacity(w.len());
    let mut up_next = true;
    for c in lower.chars() {
        if up_next && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            up_next = false;
        } else {
            out.push(c);
        }
        if c == '-' || c == '\'' || c == '’' {
            up_next = true;
        }
    }
    // Arabic article stays lower case inside a name: "Bashar al-Assad".
    if !first {
        for (p, r) in [("Al-", "al-"), ("El-", "el-")] {
            if let Some(rest) = out.strip_prefix(p) {
                out = format!("{r}{rest}");
                break;
            }
        }
    }
    // Gaelic "Mc" prefix: McClintock.
    if out.len() > 3 && out.starts_with("Mc") {
        let (head, tail) = out.split_at(2);
        let mut cs = tail.chars();
        if let Some(c) = cs.next() {
            out = format!("{head}{}{}", c.to_uppercase(), cs.as_str());
        }
    }
    out
}

/// Joins title tokens into display text, title-casing ALL CAPS words.
pub(super) fn title_text(tokens: &[Token<'_>]) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for t in tokens {
        match t.kind {
            Kind::Word => {
                let w = if t.caps && all_upper(t.text) && t.has(CONNECTOR) {
                    t.text.to_lowercase()
                } else if t.caps
                    && all_upper(t.text)
                    && has_at_least_chars(t.text, 4)
                    && !t.text.contains('/')
                {
                    if t.text.len() <= 4 && !t.has(HEAD | MODIFIER | COMPLEMENT) {
                        t.text.to_string()
                    } else {
                        title_case_word(t.text, true)
                    }
                } else {
                    t.text.to_string()
                };
                parts.push(w);
            }
            Kind::Punct('.') => {
                if let Some(last) = parts.last_mut() {
                    last.push('.');
                }
            }
            _ => {}
        }
    }
    if parts.is_empty() {
        None
    } else {
        Some(parts.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::officials::tests::names;

    #[test]
    fn title_cases_all_caps() {
        assert_eq!(title_case_word("MCCLINTOCK", true), "McClintock");
        assert_eq!(title_case_word("O'BRIEN", true), "O'Brien");
        assert_eq!(title_case_word("DE", false), "de");
        assert_eq!(title_case_word("AL-ASSAD", false), "al-Assad");
        assert_eq!(
            names("AMBASSADOR MCCLINTOCK CALLED ON FOREIGN MINISTER ZAHEDI."),
            vec!["McClintock", "Zahedi"]
        );
        assert_eq!(names("GENERAL AZIMI, MINISTER OF WAR, SAID"), vec!["Azimi"]);
    }

    #[test]
    fn particles_stay_lower_case() {
        assert_eq!(
            names("SECRETARY OF SOCIAL WELFARE MARILYS BARRIENTOS DE ESTRADA SAID"),
            vec!["Marilys Barrientos de Estrada"]
        );
        assert_eq!(
            names("He met Minister Hans van der Berg and President Bashar al-Assad."),
            vec!["Hans van der Berg", "Bashar al-Assad"]
        );
    }
}
