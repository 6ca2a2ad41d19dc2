//! Text folding shared by search, facets and officials.

use unicode_normalization::UnicodeNormalization;

/// Case- and accent-folded key for a name ("Mario René Cifuentes" -> "mario rene cifuentes"); used to dedupe, search and facet.
pub fn fold_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    for c in name.nfd() {
        if is_combining(c) {
            continue;
        }
        // Letters that do not decompose under NFD still need an ASCII key.
        let mapped: &str = match c {
            'ø' | 'Ø' => "o",
            'ł' | 'Ł' => "l",
            'đ' | 'Đ' => "d",
            'æ' | 'Æ' => "ae",
            'œ' | 'Œ' => "oe",
            'ß' => "ss",
            'ı' => "i",
            '’' | '‘' | '`' | 'ʼ' => "'",
            '‐' | '‑' | '–' => "-",
            _ => "",
        };
        if !mapped.is_empty() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push_str(mapped);
        } else if c.is_alphanumeric() || c == '\'' || c == '-' {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == ',' {
            pending_space = true;
        }
        // Periods and other punctuation are dropped so "S." and "S" fold alike.
    }
    out
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_case_and_accents() {
        assert_eq!(fold_name("Mario René Cifuentes"), "mario rene cifuentes");
        assert_eq!(
            fold_name("  Jean-François  O’Brien "),
            "jean-francois o'brien"
        );
        assert_eq!(fold_name("Philip S. Goldberg"), "philip s goldberg");
        assert_eq!(fold_name(""), "");
    }
}
