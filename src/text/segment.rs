//! Word segmentation with jieba, loaded once per process.
//!
//! Chinese has no spaces, so "the whole word" means "aligned with jieba's
//! tokens". The dictionary takes a noticeable time to load, so it is built
//! lazily, once, and only when some enabled rule asks for word boundaries.

use crate::span::Span;
use jieba_rs::Jieba;
use std::sync::LazyLock;

static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// The shared jieba instance.
pub fn jieba() -> &'static Jieba {
    &JIEBA
}

/// Byte spans of jieba's words in `text` (HMM on, for unknown words).
pub fn words(text: &str) -> Vec<Span> {
    JIEBA
        .cut(text, true)
        .into_iter()
        .map(|t| Span::new(t.byte_start, t.byte_end))
        .collect()
}
