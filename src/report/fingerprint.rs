//! Fingerprints of findings that survive edits elsewhere in the file.
//!
//! A finding is identified by its rule, the text it covers and a little
//! context on either side (up to [`CONTEXT_CHARS`] characters, never across
//! a line break), not by its line or offset: inserting or deleting lines
//! above it changes nothing. Two findings of one rule on the same text in
//! the same context share a fingerprint; consumers that need them apart
//! (baselines, GitLab) count occurrences.
//!
//! The fingerprint is the first 16 hex digits of SHA-256 over those parts,
//! so it is stable across runs, machines and guifan versions that keep this
//! scheme (the baseline file records the scheme's version).

use crate::diagnostic::Diagnostic;
use sha2::{Digest, Sha256};

/// Characters of context taken on each side of the finding.
pub const CONTEXT_CHARS: usize = 8;

/// The fingerprint scheme's version (written into baseline files).
pub const FINGERPRINT_VERSION: u32 = 1;

/// Hex SHA-256 of `parts` joined by NUL bytes, cut to `len` hex digits.
pub fn hash_hex(parts: &[&str], len: usize) -> String {
    let mut h = Sha256::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h.update([0u8]);
        }
        h.update(p.as_bytes());
    }
    let digest = h.finalize();
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out.truncate(len);
    out
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The text of `d`, and its context before and after (same line only).
pub fn parts<'a>(source: &'a str, d: &Diagnostic) -> (&'a str, &'a str, &'a str) {
    let start = floor(source, d.span.start);
    let end = floor(source, d.span.end.max(start));
    let text = &source[start..end];
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let before_all = &source[line_start..start];
    let before_from = before_all
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    let before = before_all[before_from..].trim_start();
    let line_end = source[end..].find('\n').map_or(source.len(), |i| end + i);
    let after_all = &source[end..line_end];
    let after_to = after_all
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(after_all.len(), |(i, _)| i);
    let after = after_all[..after_to].trim_end_matches(['\r', ' ', '\t']);
    (text, before, after)
}

/// The fingerprint of `d` in `source`: 16 hex digits.
pub fn fingerprint(source: &str, d: &Diagnostic) -> String {
    let (text, before, after) = parts(source, d);
    hash_hex(&[&d.rule, text, before, after], 16)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::span::Span;

    fn diag(start: usize, end: usize) -> Diagnostic {
        Diagnostic {
            rule: "punctuation/x".into(),
            severity: Severity::Error,
            message: "m".into(),
            help: None,
            span: Span::new(start, end),
            fix: None,
        }
    }

    #[test]
    fn ignores_lines_elsewhere_but_not_context() {
        let a = "标题\n会议指出,要深入学习。\n";
        let b = "新的一行\n\n标题\n会议指出,要深入学习。\n";
        let ia = a.find(',').unwrap();
        let ib = b.find(',').unwrap();
        assert_eq!(
            fingerprint(a, &diag(ia, ia + 1)),
            fingerprint(b, &diag(ib, ib + 1))
        );
        let c = "标题\n会议强调,要深入学习。\n";
        let ic = c.find(',').unwrap();
        assert_ne!(
            fingerprint(a, &diag(ia, ia + 1)),
            fingerprint(c, &diag(ic, ic + 1))
        );
        let (text, before, after) = parts(a, &diag(ia, ia + 1));
        assert_eq!((text, before, after), (",", "会议指出", "要深入学习。"));
        assert_eq!(fingerprint(a, &diag(ia, ia + 1)).len(), 16);
    }
}
