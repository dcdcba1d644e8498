//! Normalisation of key fields before they are hashed.
//!
//! Two spellings of one person must give the same key; two different people must not. The
//! normaliser therefore removes only differences that never distinguish people:
//!
//! - Unicode compatibility forms (NFKC): full-width Latin letters and digits become ASCII
//!   (`ＳＡＴＯ` → `SATO`), half-width katakana become full-width (`ｻﾄｳ` → `サトウ`), the
//!   ideographic space becomes a space, composed and decomposed accents become one form;
//! - case (full Unicode lowercase);
//! - white space: leading and trailing space is cut, runs of space inside become one space.
//!
//! It keeps everything else: `Jon` and `John`, `佐藤` and `佐籐`, `Müller` and `Muller` stay
//! different (near-misses are different people until an investigator says otherwise).

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// Normalises one field into `out` (cleared first). Returns `false` when the result is empty.
pub fn normalize_into(value: &str, out: &mut String) -> bool {
    out.clear();
    if value.is_ascii() || is_nfkc_quick(value.chars()) == IsNormalized::Yes {
        push_folded(value.chars(), out);
    } else {
        push_folded(value.nfkc(), out);
    }
    // Lowercasing can produce characters that NFKC would change again (rare; e.g. U+0130).
    if !out.is_ascii() && is_nfkc_quick(out.chars()) != IsNormalized::Yes {
        let again: String = out.nfkc().collect();
        *out = again;
    }
    !out.is_empty()
}

/// Normalises one field into a new string.
pub fn normalize(value: &str) -> String {
    let mut s = String::with_capacity(value.len());
    normalize_into(value, &mut s);
    s
}

fn push_folded(chars: impl Iterator<Item = char>, out: &mut String) {
    let mut pending_space = false;
    for c in chars {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn merges_width_case_and_space() {
        assert_eq!(normalize("  ＳＡＴＯ　 Taro "), "sato taro");
        assert_eq!(normalize("ｻﾄｳ ﾀﾛｳ"), normalize("サトウ　タロウ"));
        assert_eq!(normalize("ｶﾞｸ"), "ガク");
        assert_eq!(normalize("Mu\u{308}ller"), normalize("Müller"));
        assert_eq!(normalize("０９０-１２３４"), "090-1234");
    }

    #[test]
    fn keeps_near_misses_apart() {
        assert_ne!(normalize("Jon Smith"), normalize("John Smith"));
        assert_ne!(normalize("Müller"), normalize("Muller"));
        assert_ne!(normalize("佐藤"), normalize("佐籐"));
        assert_ne!(normalize("サトウ"), normalize("さとう"));
    }

    #[test]
    fn blank_is_empty() {
        assert_eq!(normalize(" \u{3000}\t"), "");
    }
}
