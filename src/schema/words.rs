//! The words tokenizer in one pass: tantivy's simple split, long-word removal, lower case,
//! ASCII folding and English stems, with each distinct word's term remembered per thread.

use std::cell::RefCell;

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, Stemmer, TextAnalyzer, Token,
    TokenStream, Tokenizer,
};

/// Words this long or longer (in bytes) are dropped, as tantivy's `RemoveLongFilter` does.
pub(super) const LONGEST_WORD: usize = 48;

/// Distinct words whose terms each thread remembers before it starts again.
const CACHED_WORDS: usize = 200_000;

/// Splits on non-alphanumerics and turns each word into its term (lower case, accents folded,
/// English stem): the same tokens, offsets and positions as tantivy's `SimpleTokenizer`,
/// `RemoveLongFilter::limit(48)`, `LowerCaser`, `AsciiFoldingFilter` and `Stemmer` chained,
/// but a word met again (most are: the vocabulary is Zipfian) costs one lookup of its bytes as
/// written instead of four filters.
#[derive(Clone, Default)]
pub(super) struct WordsTokenizer {
    token: Token,
}

pub(super) struct WordsStream<'a> {
    text: &'a str,
    chars: std::str::CharIndices<'a>,
    token: &'a mut Token,
}

impl Tokenizer for WordsTokenizer {
    type TokenStream<'a> = WordsStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordsStream<'a> {
        self.token.reset();
        WordsStream {
            text,
            chars: text.char_indices(),
            token: &mut self.token,
        }
    }
}

impl TokenStream for WordsStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            // Every word takes a position, a dropped long one too (as the filter chain does).
            self.token.position = self.token.position.wrapping_add(1);
            let Some((start, _)) = self.chars.find(|(_, c)| c.is_alphanumeric()) else {
                self.token.text.clear();
                return false;
            };
            let end = self
                .chars
                .find(|(_, c)| !c.is_alphanumeric())
                .map_or(self.text.len(), |(offset, _)| offset);
            let word = &self.text[start..end];
            if word.len() >= LONGEST_WORD {
                continue;
            }
            self.token.offset_from = start;
            self.token.offset_to = end;
            term_of(word, &mut self.token.text);
            return true;
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Up to 24 bytes of a word, zero padded: no word holds a zero byte (it is not alphanumeric),
/// so the padding is unambiguous, and a key compares and hashes in place, without following a
/// pointer.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Short([u8; 24]);

impl Short {
    fn new(text: &str) -> Option<Short> {
        let bytes = text.as_bytes();
        let mut short = [0u8; 24];
        short.get_mut(..bytes.len())?.copy_from_slice(bytes);
        Some(Short(short))
    }
}

/// A term as cached: its bytes and its length, so reading it back needs no scan for the end.
#[derive(Clone, Copy)]
struct Term {
    bytes: [u8; 24],
    length: u8,
}

impl Term {
    fn new(text: &str) -> Option<Term> {
        let short = Short::new(text)?;
        let length = u8::try_from(text.len()).ok()?;
        Some(Term {
            bytes: short.0,
            length,
        })
    }

    fn as_str(&self) -> &str {
        let bytes = self
            .bytes
            .get(..usize::from(self.length))
            .unwrap_or_default();
        std::str::from_utf8(bytes).unwrap_or_default()
    }
}

/// A thread's analyzer for one word and the terms it already gave.
struct TermCache {
    analyzer: TextAnalyzer,
    terms: FxHashMap<Short, Term>,
}

thread_local! {
    static TERMS: RefCell<TermCache> = RefCell::new(TermCache {
        analyzer: word_analyzer(),
        terms: FxHashMap::default(),
    });
}

/// The filters applied to one word, in the order of the chain this tokenizer replaces.
pub(super) fn word_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// Writes the term of `word` (a run of alphanumerics shorter than [`LONGEST_WORD`]) to `out`.
fn term_of(word: &str, out: &mut String) {
    TERMS.with(|cell| match cell.try_borrow_mut() {
        Ok(mut cache) => {
            let TermCache { analyzer, terms } = &mut *cache;
            let key = Short::new(word);
            if let Some(term) = key.and_then(|key| terms.get(&key)) {
                out.clear();
                out.push_str(term.as_str());
                return;
            }
            analyze(analyzer, word, out);
            if let (Some(key), Some(term)) = (key, Term::new(out)) {
                if terms.len() >= CACHED_WORDS {
                    terms.clear();
                }
                terms.insert(key, term);
            }
        }
        // Only a re-entrant call (none today) finds the cache busy: analyse without it.
        Err(_) => analyze(&mut word_analyzer(), word, out),
    });
}

fn analyze(analyzer: &mut TextAnalyzer, word: &str, out: &mut String) {
    out.clear();
    let mut stream = analyzer.token_stream(word);
    if stream.advance() {
        out.push_str(&stream.token().text);
    } else {
        out.push_str(word);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use tantivy::tokenizer::{RemoveLongFilter, SimpleTokenizer};

    /// The chain [`WordsTokenizer`] replaces.
    fn chained() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(LONGEST_WORD))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(Language::English))
            .build()
    }

    fn tokens(mut analyzer: TextAnalyzer, text: &str) -> Vec<Token> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().clone());
        }
        out
    }

    fn assert_same(text: &str) {
        let fused = TextAnalyzer::from(WordsTokenizer::default());
        // Twice: once filling the cache, once reading it.
        for _ in 0..2 {
            assert_eq!(
                tokens(fused.clone(), text),
                tokens(chained(), text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn same_tokens_as_the_filter_chain() {
        for text in [
            "",
            "   ",
            "The Ministers' meetings, Contreras said: ÉLYSÉE talks on 12/03/2009.",
            "SMUGGLING AND SALVADORAN smuggling and salvadoran Smuggled",
            "İstanbul ß straße ﬁnancial Ⅻ ２０１０ naïve café Œuvre",
            "a-very-long-wordthatgoesonandonandonandonandonandonandonandon then short",
            "exactlytwentyfourbytes!! twentyfivebytesxxxxxxxxx ok",
            "Москва 北京 مصر Ελλάδα",
            "x\u{0}y\u{301}z",
        ] {
            assert_same(text);
        }
    }

    proptest! {
        #[test]
        fn same_tokens_as_the_filter_chain_on_any_text(text in "\\PC{0,200}") {
            assert_same(&text);
        }

        #[test]
        fn same_tokens_on_word_like_text(text in "([A-Za-zÀ-ÿİıßﬁ0-9]{1,60}[ ,.'-]{1,3}){0,30}") {
            assert_same(&text);
        }
    }
}
