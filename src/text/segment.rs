//! Word segmentation with jieba, without paying for its dictionary up front.
//!
//! Chinese has no spaces, so "the whole word" means "aligned with jieba's
//! tokens". jieba's dictionary holds 349,045 words and takes 60–110 ms to
//! load — more than everything else a check of a short draft costs, and a
//! pre-commit hook or an editor runs guifan once per file.
//!
//! How a text is cut and tagged depends only on the dictionary words that
//! occur in it (their frequencies and tags) and on the dictionary's total
//! frequency. So a process starts with an empty jieba and, before a text is
//! segmented, adds the dictionary words that occur in that text, looked up
//! in a transducer that the build script compiled from jieba-rs's own
//! dictionary file and that is read in place from the binary (no load). A
//! placeholder word that no text contains carries the rest of the total.
//! The results are exactly those of the full dictionary (the tests compare
//! both on many windows of text). Once a process has segmented
//! [`LOOKUP_BUDGET`] bytes this way, the lookups would soon cost more than
//! the load, so the full dictionary is loaded, once. Without a prebuilt
//! transducer (the build script could not find the dictionary file) the
//! full dictionary is loaded on first use.
//!
//! jieba's part-of-speech model for unknown words is parsed on its first
//! use (about 20 ms); [`warm_up`] lets a caller do that on another thread
//! while it reads rule sets and files.

use crate::span::Span;
use fst::raw::{CompiledAddr, Fst, Output};
use jieba_rs::Jieba;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, RwLock};

mod prebuilt {
    include!(concat!(env!("OUT_DIR"), "/jieba_dict.rs"));
}

/// jieba's dictionary as a transducer, `word → frequency << 8 | tag index`.
static DICTIONARY: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/jieba_dict.fst"));

/// Bytes of text segmented with looked-up words before the process loads
/// the whole dictionary instead (a look-up costs about 40 ns per byte, the
/// load 60–110 ms).
pub const LOOKUP_BUDGET: usize = 1 << 20;

/// A word that no text contains (two noncharacters of plane 16), whose
/// frequency makes up the rest of the dictionary's total.
const PLACEHOLDER: &str = "\u{10FFFE}\u{10FFFE}";

/// A jieba that holds the dictionary words needed so far, or all of them.
pub(crate) struct Segmenter {
    jieba: Jieba,
    /// The prebuilt dictionary, while words are looked up one text at a time.
    lookup: Option<Fst<&'static [u8]>>,
    /// Sum of the frequencies of the words added so far.
    added: usize,
}

impl Segmenter {
    /// Words looked up per text when a prebuilt dictionary exists, else the
    /// whole dictionary.
    pub(crate) fn new() -> Segmenter {
        match Fst::new(DICTIONARY) {
            Ok(fst) if prebuilt::TOTAL > 0 && fst.len() == prebuilt::WORDS => Segmenter {
                jieba: Jieba::empty(),
                lookup: Some(fst),
                added: 0,
            },
            _ => Segmenter::full(),
        }
    }

    /// The whole dictionary, loaded.
    pub(crate) fn full() -> Segmenter {
        Segmenter {
            jieba: Jieba::new(),
            lookup: None,
            added: 0,
        }
    }

    /// The dictionary words occurring in `text` that are not added yet,
    /// with their transducer values.
    fn missing<'t>(&self, text: &'t str) -> Vec<(&'t str, u64)> {
        let Some(fst) = &self.lookup else {
            return Vec::new();
        };
        let mut out = Vec::new();
        STEPS.with(|steps| {
            let mut steps = steps.borrow_mut();
            if steps.len() >= STEPS_MAX {
                steps.clear();
            }
            let root = fst.root().addr();
            for (start, _) in text.char_indices() {
                let mut addr = root;
                let mut value = 0;
                for (k, c) in text[start..].char_indices() {
                    let Some(step) = *steps
                        .entry((addr, c))
                        .or_insert_with(|| Step::follow(fst, addr, c))
                    else {
                        break;
                    };
                    value += step.out;
                    addr = step.addr;
                    if let Some(last) = step.word_ends {
                        let word = &text[start..start + k + c.len_utf8()];
                        if !self.jieba.has_word(word) {
                            out.push((word, value + last));
                        }
                    }
                }
            }
        });
        out
    }

    /// Add `words` (from [`Segmenter::missing`]) and keep the total exact.
    fn add(&mut self, words: &[(&str, u64)]) {
        for &(word, value) in words {
            if self.jieba.has_word(word) {
                continue;
            }
            let freq = (value >> 8) as usize;
            let tag = prebuilt::TAGS[(value & 0xFF) as usize];
            self.jieba.add_word(word, Some(freq), Some(tag));
            self.added += freq;
        }
        self.jieba.add_word(
            PLACEHOLDER,
            Some(prebuilt::TOTAL.saturating_sub(self.added)),
            Some("x"),
        );
    }

    /// Make sure every dictionary word in `text` is present.
    #[cfg(test)]
    pub(crate) fn prepare(&mut self, text: &str) {
        let missing = self.missing(text);
        if !missing.is_empty() {
            self.add(&missing);
        }
    }

    /// The jieba to segment a prepared text with.
    pub(crate) fn jieba(&self) -> &Jieba {
        &self.jieba
    }
}

/// One character followed in the dictionary's transducer: the state its
/// bytes lead to from a state, the output on the way, and the final output
/// when a word ends after it.
#[derive(Clone, Copy)]
struct Step {
    addr: CompiledAddr,
    out: u64,
    word_ends: Option<u64>,
}

impl Step {
    /// `c` followed from the state at `addr`, if the transducer goes on.
    fn follow(fst: &Fst<&'static [u8]>, addr: CompiledAddr, c: char) -> Option<Step> {
        let mut node = fst.node(addr);
        let mut out = Output::zero();
        for &b in c.encode_utf8(&mut [0; 4]).as_bytes() {
            let t = node.transition(node.find_input(b)?);
            out = out.cat(t.out);
            node = fst.node(t.addr);
        }
        Some(Step {
            addr: node.addr(),
            out: out.value(),
            word_ends: node.is_final().then(|| node.final_output().value()),
        })
    }
}

/// How many steps [`STEPS`] keeps at most (about a megabyte).
const STEPS_MAX: usize = 1 << 14;

/// [`STEPS`]' keys (a state address and a character) take a light hash.
type StepMap = HashMap<(CompiledAddr, char), Option<Step>, rustc_hash::FxBuildHasher>;

thread_local! {
    /// The transducer followed one character at a time, as far as this
    /// thread has followed it: dictionary look-ups walk the same few
    /// thousand states again and again (a character is three bytes, each
    /// a state to decode), so each character's step is decoded once.
    static STEPS: RefCell<StepMap> = RefCell::default();
}

static SEGMENTER: LazyLock<RwLock<Segmenter>> = LazyLock::new(|| RwLock::new(Segmenter::new()));

/// Bytes segmented with looked-up words so far in this process.
static LOOKED_UP: AtomicUsize = AtomicUsize::new(0);

/// Run `f` with a jieba that knows every dictionary word of `text`. `f`
/// must not segment (it runs under a read lock).
fn with_jieba<R>(text: &str, f: impl FnOnce(&Jieba) -> R) -> R {
    let lock = &*SEGMENTER;
    {
        let s = lock.read().unwrap_or_else(|e| e.into_inner());
        if s.lookup.is_none() {
            return f(s.jieba());
        }
        let spent = LOOKED_UP.fetch_add(text.len(), Ordering::Relaxed) + text.len();
        if spent <= LOOKUP_BUDGET {
            let missing = s.missing(text);
            if missing.is_empty() {
                return f(s.jieba());
            }
            drop(s);
            let mut w = lock.write().unwrap_or_else(|e| e.into_inner());
            if w.lookup.is_some() {
                w.add(&missing);
            }
        } else {
            drop(s);
            let mut w = lock.write().unwrap_or_else(|e| e.into_inner());
            if w.lookup.is_some() {
                *w = Segmenter::full();
            }
        }
    }
    let s = lock.read().unwrap_or_else(|e| e.into_inner());
    f(s.jieba())
}

/// jieba-rs's block character class (`RE_HAN_DEFAULT`: CJK ideographs,
/// ASCII letters and digits, `+#&._%-`). jieba cuts each maximal run of
/// these on its own and emits every other character as a word of its own,
/// so the words inside a run do not depend on anything outside it: a rule
/// that needs word boundaries near a span segments only [`block_around`] it.
pub fn is_block_char(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2A6DF}'
        | '\u{2A700}'..='\u{2EBEF}'
        | '\u{2F800}'..='\u{2FA1F}'
        | 'a'..='z' | 'A'..='Z' | '0'..='9'
        | '+' | '#' | '&' | '.' | '_' | '%' | '-')
}

/// The run of [`is_block_char`] characters around `span` (plus `span`
/// itself), as a byte range of `text`.
pub fn block_around(text: &str, span: Span) -> (usize, usize) {
    let start = text[..span.start]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_block_char(c))
        .last()
        .map_or(span.start, |(i, _)| i);
    let end = text[span.end..]
        .char_indices()
        .find(|&(_, c)| !is_block_char(c))
        .map_or(text.len(), |(i, _)| span.end + i);
    (start, end)
}

/// Byte spans of jieba's words in `text` (HMM on, for unknown words).
pub fn words(text: &str) -> Vec<Span> {
    with_jieba(text, |j| {
        j.cut(text, true)
            .into_iter()
            .map(|t| Span::new(t.byte_start, t.byte_end))
            .collect()
    })
}

/// jieba's words of `text` with their part-of-speech tags, each handed to
/// `each(span, tag)` in order (HMM on). `each` must not segment.
pub fn tag_each(text: &str, mut each: impl FnMut(Span, &str)) {
    with_jieba(text, |j| {
        for t in j.tag(text, true) {
            each(Span::new(t.byte_start, t.byte_end), t.tag);
        }
    })
}

/// Parse jieba's model for unknown words now (it is otherwise parsed on the
/// first unknown word, ~20 ms).
pub fn warm_up() {
    // A word jieba cannot know: tagging it consults the model.
    let _ = Jieba::empty().tag("\u{9fa0}\u{9fa1}", true);
}

/// [`warm_up`] on a thread of its own, once per process: for a caller that
/// will tag words soon (the names rules) and has rule sets to compile and
/// files to read meanwhile. Whoever tags first waits for it, if it is not
/// done yet, inside jieba.
pub fn warm_up_in_background() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        let spawned = std::thread::Builder::new()
            .name("guifan-jieba-model".into())
            .spawn(warm_up);
        // No thread to be had: the first unknown word pays instead.
        drop(spawned);
    });
}

/// Whether this build carries the prebuilt dictionary (else the first
/// segmentation loads the whole dictionary).
pub fn is_prebuilt() -> bool {
    prebuilt::TOTAL > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every window of `text` of 2..=`width` characters at every `step`-th
    /// character, cut and tagged by a segmenter that looks words up and by
    /// the full dictionary.
    fn agree(text: &str, width: usize, step: usize) -> usize {
        let full = Jieba::new();
        let mut sub = Segmenter::new();
        assert!(sub.lookup.is_some(), "no prebuilt dictionary in this build");
        let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let mut n = 0;
        for (k, &a) in starts.iter().enumerate().step_by(step) {
            for w in 2..=width {
                let b = starts.get(k + w).copied().unwrap_or(text.len());
                let window = &text[a..b];
                sub.prepare(window);
                let got: Vec<_> = sub
                    .jieba()
                    .tag(window, true)
                    .into_iter()
                    .map(|t| (t.word, t.tag))
                    .collect();
                let want: Vec<_> = full
                    .tag(window, true)
                    .into_iter()
                    .map(|t| (t.word, t.tag))
                    .collect();
                assert_eq!(got, want, "window {window:?}");
                n += 1;
            }
        }
        n
    }

    #[test]
    fn the_build_carries_the_dictionary() {
        assert!(is_prebuilt());
        // Read at run time: a build without the dictionary must fail here,
        // not fail to compile.
        assert!(std::hint::black_box(prebuilt::WORDS) > 300_000);
        assert!(Fst::new(DICTIONARY).is_ok_and(|f| f.len() == prebuilt::WORDS));
    }

    #[test]
    fn looked_up_words_segment_like_the_full_dictionary() {
        // Our own fixtures: names, titles, dates and terms of the kind the
        // rules segment.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut text = String::new();
        for family in ["names", "terminology", "punctuation"] {
            let mut files: Vec<_> = std::fs::read_dir(dir.join(family))
                .unwrap()
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "txt"))
                .collect();
            files.sort();
            for f in files {
                text.push_str(&std::fs::read_to_string(f).unwrap());
            }
        }
        assert!(text.len() > 2_000);
        assert!(agree(&text, 12, 3) > 1_000);
    }

    #[test]
    fn the_shared_segmenter_answers_like_jieba() {
        let text = "学院党委书记区向丽主持会议，锁志海表示要抓好落实。";
        let want: Vec<Span> = Jieba::new()
            .cut(text, true)
            .into_iter()
            .map(|t| Span::new(t.byte_start, t.byte_end))
            .collect();
        assert_eq!(words(text), want);
        let mut tags = Vec::new();
        tag_each(text, |sp, t| tags.push((sp, t.to_string())));
        assert_eq!(tags.len(), want.len());
        assert!(
            tags.iter()
                .any(|(sp, t)| &text[sp.range()] == "区向丽" && t.starts_with("nr"))
        );
    }
}
