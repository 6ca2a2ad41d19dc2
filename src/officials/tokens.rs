//! Officials tokenizer: cable text -> tokens with case, line and prose context; routing and headline lines.

use std::cell::OnceCell;
use std::collections::HashSet;
use std::hash::BuildHasherDefault;

use super::lexicon::{
    word_flags, WordHasher, ALONE, COMMON, COMPLEMENT, CONNECTOR, HEAD, KNOWN, MODIFIER,
};
use crate::telegram;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Word,
    Punct(char),
    /// Paragraph break, skipped routing line, or "¶": names never span it.
    Break,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Token<'a> {
    pub(super) text: &'a str,
    pub(super) pos: usize,
    pub(super) kind: Kind,
    /// True when the word sits in ALL CAPS text (caps document or a line without lower case).
    pub(super) caps: bool,
    /// The word was written with a possessive "'s", which ends a name.
    pub(super) poss: bool,
    /// Sits in a caps or headline line of a mixed-case cable: as a name word it needs support from the prose.
    pub(super) confirm: bool,
    pub(super) flags: u32,
}

impl Token<'_> {
    pub(super) fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
    pub(super) fn has(&self, f: u32) -> bool {
        self.kind == Kind::Word && self.flags & f != 0
    }
    /// A word of no class of the lexicon but, perhaps, a known person's surname: what the
    /// rules for lone words outside the lexicon may read as a name.
    pub(super) fn unclassified(&self) -> bool {
        self.flags & !(KNOWN | ALONE) == 0
    }
    pub(super) fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
}

/// A cable is treated as ALL CAPS when nearly none of its letters are lower case.
pub(super) fn is_caps_document(text: &str) -> bool {
    let (mut lower, mut upper) = (0usize, 0usize);
    // The first line is the extraction header ("Reference ID ..."), never part of the cable.
    let body = text.split_once('\n').map_or(text, |(_, b)| b);
    // ASCII letters decide; accented letters are too rare to change the verdict. Counted a block
    // at a time, stopping once the lower case seen outweighs any upper case the rest could hold:
    // mixed-case cables are settled after a few hundred bytes.
    for block in body.as_bytes().chunks(256) {
        lower += block.iter().filter(|b| b.is_ascii_lowercase()).count();
        upper += block.iter().filter(|b| b.is_ascii_uppercase()).count();
        if lower * 20 >= body.len() {
            return false;
        }
    }
    upper > 0 && lower * 20 < upper
}

/// Lines that carry addresses and codes, not people: the routing block as
/// [`telegram::is_routing_line`] knows it, the metadata rows, header labels (TAGS, REF, E.O.),
/// and address lines (`DE ...`, precedence lines, `RUEHXX/POST`, anything to Washington).
pub(super) fn is_header_line(line: &str, line_no: usize) -> bool {
    let t = line.trim_start();
    if (line_no < 3 && line.contains('\t')) || telegram::is_routing_line(t) {
        return true;
    }
    let first = t.split_whitespace().next().unwrap_or("");
    if matches!(
        first,
        "DE" | "TAGS"
            | "TAGS:"
            | "REF:"
            | "REF"
            | "REFS:"
            | "EO"
            | "E.O."
            | "E.O"
            | "PP"
            | "RR"
            | "OO"
    ) || first.starts_with("E.O.")
    {
        return true;
    }
    // Routing indicators such as "RUEHC/SECSTATE WASHDC" or "RHEFDIA/DIA".
    if first.len() > 4
        && first.starts_with('R')
        && first.contains('/')
        && first[..1].chars().all(|c| c.is_ascii_uppercase())
    {
        return true;
    }
    t.contains("WASHDC") || t.contains("SECSTATE")
}

/// Whether `s` has at least `n` characters, without counting all of them.
pub(super) fn has_at_least_chars(s: &str, n: usize) -> bool {
    if s.is_ascii() {
        s.len() >= n
    } else {
        n == 0 || s.chars().nth(n - 1).is_some()
    }
}

pub(super) fn has_lower(s: &str) -> bool {
    if s.is_ascii() {
        s.bytes().any(|b| b.is_ascii_lowercase())
    } else {
        s.chars().any(char::is_lowercase)
    }
}

pub(super) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// The character starting at byte `i` of `line` (always a character boundary here), read
/// without decoding when it is ASCII.
fn char_at(line: &str, i: usize) -> Option<char> {
    match line.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => line.get(i..).and_then(|rest| rest.chars().next()),
        None => None,
    }
}

/// Splits text into words and punctuation, marking ALL CAPS context per line.
pub(super) fn tokenize(text: &str, doc_caps: bool, main: bool) -> Vec<Token<'_>> {
    let mut tokens: Vec<Token<'_>> = Vec::with_capacity(text.len() / 5 + 1);
    let short_line = if main { short_line_width(text) } else { 0 };
    let mut offset = 0usize;
    // Whether the previous line was blank or a rule of dashes: only such lines can open a heading.
    let mut after_gap = true;
    for (line_no, line) in text.split('\n').enumerate() {
        let base = offset;
        offset += line.len() + 1;
        let opens = after_gap;
        let trimmed = line.trim();
        after_gap = trimmed.is_empty()
            || trimmed
                .bytes()
                .all(|b| matches!(b, b'-' | b'=' | b'_' | b' ' | b'*'));
        if trimmed.is_empty() || (main && is_header_line(line, line_no)) {
            push_break(&mut tokens, base);
            continue;
        }
        let caps = doc_caps || !has_lower(line);
        let first_tok = tokens.len();
        let mut i = 0;
        while let Some(c) = char_at(line, i) {
            if is_word_char(c) {
                let start = i;
                let mut end = i + c.len_utf8();
                while let Some(d) = char_at(line, end) {
                    // Joiners stay only when a word character follows (O'Brien, Jean-François, G/TIP).
                    let joins = matches!(d, '\'' | '’' | '-' | '/')
                        && char_at(line, end + d.len_utf8()).is_some_and(is_word_char);
                    if !(is_word_char(d) || joins) {
                        break;
                    }
                    end += d.len_utf8();
                }
                i = end;
                let mut word = &line[start..end];
                let mut poss = false;
                let possessive = matches!(word.as_bytes().last(), Some(b's' | b'S'));
                for suffix in ["'s", "’s", "'S", "’S"].into_iter().filter(|_| possessive) {
                    if word.len() > suffix.len() + 1 {
                        if let Some(stem) = word.strip_suffix(suffix) {
                            word = stem;
                            poss = true;
                            break;
                        }
                    }
                }
                tokens.push(Token {
                    text: word,
                    pos: base + start,
                    kind: Kind::Word,
                    caps,
                    poss,
                    confirm: false,
                    flags: word_flags(word),
                });
                continue;
            }
            if c == '¶' {
                push_break(&mut tokens, base + i);
            } else if !c.is_whitespace() {
                tokens.push(Token {
                    text: "",
                    pos: base + i,
                    kind: Kind::Punct(c),
                    caps,
                    poss: false,
                    confirm: false,
                    flags: 0,
                });
            }
            i += c.len_utf8();
        }
        if main {
            if !doc_caps
                && (caps
                    || is_subject_line(line)
                    || (opens && is_headline(&tokens[first_tok..], line)))
            {
                for t in &mut tokens[first_tok..] {
                    t.confirm = true;
                }
            }
            // Short lines are list entries or headings, not wrapped prose: names do not continue past them.
            if line.trim().len() < short_line {
                push_break(&mut tokens, base + line.len());
            }
        }
    }
    tokens
}

/// Lines shorter than this are list entries or headings: three quarters of the usual wrap width.
pub(super) fn short_line_width(text: &str) -> usize {
    // A histogram of trimmed line lengths (longer lines counted at the top), so the 90th
    // percentile needs no list of lengths.
    const TOP: usize = 101;
    let mut counts = [0u32; TOP + 1];
    let mut lines = 0usize;
    // The TAB header row is not wrapped prose.
    for l in text.split('\n').filter(|l| !l.contains('\t')) {
        let n = l.trim().len();
        if n > 0 {
            counts[n.min(TOP)] += 1;
            lines += 1;
        }
    }
    if lines == 0 {
        return 40;
    }
    let k = (lines * 9 / 10).min(lines - 1);
    let mut seen = 0usize;
    let mut p90 = TOP;
    for (n, &c) in counts.iter().enumerate() {
        seen += c as usize;
        if seen > k {
            p90 = n;
            break;
        }
    }
    match p90 {
        50..=100 => p90 * 3 / 4,
        // Unwrapped cables keep a paragraph on one line, so every line end is a hard break.
        101.. => usize::MAX,
        _ => 40,
    }
}

pub(super) fn is_subject_line(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("SUBJECT") || t.starts_with("Subject") || t.starts_with("SUBJ:")
}

/// Title-case headings ("But Auto Leader Welcomes the Move") and SUBJECT lines capitalize verbs too.
pub(super) fn is_headline(tokens: &[Token<'_>], line: &str) -> bool {
    let t = line.trim_start();
    // Numbered paragraphs ("¶1. (C) Summary: Director of ...") are prose, however capitalized.
    if t.starts_with('¶')
        || t.starts_with('(')
        || t.bytes().next().is_some_and(|b| b.is_ascii_digit())
    {
        return false;
    }
    // Prose lines fail at their first long lower-case word, so this stays cheap.
    let mut words = 0;
    let mut cap_common = false;
    for t in tokens.iter().filter(|t| t.is_word() && !has_digit(t.text)) {
        words += 1;
        if has_at_least_chars(t.text, 4) && !starts_upper(t.text) {
            return false;
        }
        cap_common |= has_at_least_chars(t.text, 3)
            && starts_upper(t.text)
            && t.has(COMMON | CONNECTOR)
            && !t.has(HEAD | MODIFIER | COMPLEMENT);
    }
    words >= 4 && cap_common
}

/// Capitalized words of the mixed-case prose: evidence that a caps-line word is a name.
/// Built only when a caps-line name needs it, since most cables never ask; it holds hashes of
/// the lower-case words, so building and asking allocate no string.
pub(super) struct Prose<'t, 'a> {
    pub(super) tokens: &'t [Token<'a>],
    pub(super) words: OnceCell<HashSet<u64, BuildHasherDefault<WordHasher>>>,
}

impl Prose<'_, '_> {
    pub(super) fn confirms(&self, w: &str) -> bool {
        let set = self.words.get_or_init(|| {
            self.tokens
                .iter()
                .filter(|t| {
                    t.is_word()
                        && !t.confirm
                        && !t.caps
                        && starts_upper(t.text)
                        && !all_upper(t.text)
                })
                .map(|t| lower_hash(t.text))
                .collect()
        });
        set.contains(&lower_hash(w))
    }
}

/// FNV-1a hash of a word's lower-case form, without building it.
pub(super) fn lower_hash(w: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    if w.is_ascii() {
        w.bytes().for_each(|b| eat(b.to_ascii_lowercase()));
    } else {
        let mut buf = [0u8; 4];
        for c in w.chars().flat_map(char::to_lowercase) {
            c.encode_utf8(&mut buf).bytes().for_each(&mut eat);
        }
    }
    h
}

pub(super) fn push_break(tokens: &mut Vec<Token<'_>>, pos: usize) {
    if tokens.last().is_some_and(|t| t.kind == Kind::Break) {
        return;
    }
    tokens.push(Token {
        text: "",
        pos,
        kind: Kind::Break,
        caps: false,
        poss: false,
        confirm: false,
        flags: 0,
    });
}

pub(super) fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

pub(super) fn all_upper(w: &str) -> bool {
    w.chars().all(|c| !c.is_lowercase())
}

pub(super) fn has_digit(w: &str) -> bool {
    w.bytes().any(|b| b.is_ascii_digit())
}
