//! Officials signature rule: the surname that signs the end of a cable.

use super::candidates::{candidate_from_words, title_case_word, Candidate};
use super::lexicon::{
    flags_of, COMMON, COMPLEMENT, CONNECTOR, GEO, HEAD, MODIFIER, PARTICLE, STOP,
};
use super::tokens::{all_upper, has_lower, starts_upper};
use super::words::looks_like_abstract_noun;

/// Trailer lines that may follow the signature: classification repeated, "NNNN", "BT", "GP-3", page junk.
pub(super) fn is_trailer_line(line: &str) -> bool {
    if !line.chars().any(char::is_alphabetic) || line.contains('@') || line.contains("://") {
        return true;
    }
    let l = line.trim().trim_end_matches('.').to_ascii_lowercase();
    l.starts_with("gp-")
        || l.starts_with("gds")
        || l.starts_with("visit ")
        || l.starts_with("declassified")
        || l.starts_with("systematic review")
        || matches!(
            l.as_str(),
            "nnnn"
                | "nnn"
                | "bt"
                | "exempt"
                | "confidential"
                | "secret"
                | "unclassified"
                | "unclas"
                | "sensitive"
                | "noforn"
                | "sipdis"
                | "limited official use"
                | "end of text"
                | "end text"
                | "secret noforn"
                | "confidential noforn"
        )
}

/// A single surname as a signature: "HAMILTON", "Derham", "MCFARLAND".
pub(super) fn signature_word(w: &str) -> bool {
    let n = w.chars().count();
    (3..=20).contains(&n)
        && w.chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        && starts_upper(w)
        && w.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && flags_of(w) & (STOP | COMMON | HEAD | MODIFIER | COMPLEMENT | CONNECTOR | PARTICLE | GEO)
            == 0
        && !looks_like_abstract_noun(w)
        && (all_upper(w) || w.chars().skip(1).all(|c| !c.is_uppercase() || c == 'C'))
}

/// The chief of mission's (or the Secretary's) surname that signs the cable: the last line that is not
/// trailer junk, alone ("HAMILTON") or after the last sentence ("... END COMMENT. WONG").
pub(super) fn scan_signature(text: &str, candidates: &mut Vec<Candidate>) {
    let tail_start = text.len().saturating_sub(3000);
    let mut start = tail_start;
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let tail = &text[start..];
    let mut offset = tail.len();
    let doc_lower = has_lower(tail);
    for (seen, line) in tail.rsplit('\n').enumerate() {
        offset = offset.saturating_sub(line.len() + 1);
        let w = line.trim();
        if w.is_empty() || is_trailer_line(w) {
            if seen > 8 {
                return;
            }
            continue;
        }
        let (word, word_pos) = if signature_word(w) {
            (w, start + offset + (line.len() - line.trim_start().len()))
        } else {
            // "... END COMMENT. WONG" or "... the economy. Ford": the signature run on to the last paragraph.
            let mut it = w.rsplitn(2, char::is_whitespace);
            let (Some(last), Some(before)) = (it.next(), it.next()) else {
                return;
            };
            let before = before.trim_end();
            let sentence_end =
                before.ends_with('.') || before.ends_with('"') || before.ends_with('”');
            let caps_ok = all_upper(last) && (doc_lower || before.len() > 3);
            let mixed_ok = doc_lower && !all_upper(last);
            if !(sentence_end && signature_word(last) && (caps_ok || mixed_ok)) {
                return;
            }
            (last, start + offset + line.rfind(last).unwrap_or(0))
        };
        let from_caps = all_upper(word);
        let display = if from_caps {
            title_case_word(word, true)
        } else {
            word.to_string()
        };
        if let Some(mut c) =
            candidate_from_words(vec![display], None, word_pos.min(text.len()), from_caps)
        {
            c.signature = true;
            candidates.push(c);
        }
        return;
    }
}

#[cfg(test)]
mod tests {
    use crate::officials::tests::names;

    #[test]
    fn signature_ties_or_stands_alone() {
        assert_eq!(
            names("Ambassador John Hamilton met them.\n\nHAMILTON\n"),
            vec!["John Hamilton"]
        );
        // The signer is a person even when the body never names him.
        assert_eq!(names("The team met them.\n\nHAMILTON\n"), vec!["Hamilton"]);
        assert_eq!(names("It ended. END COMMENT. WONG\n\nNNNN\n"), vec!["Wong"]);
        // Trailer junk and ordinary words are not signatures.
        assert!(names("The team met them.\n\nEXEMPT\n").is_empty());
        assert!(names("The team met them.\nof the country.\n").is_empty());
        assert!(names("The team met them.\n\nCONFIDENTIAL\n").is_empty());
    }
}
