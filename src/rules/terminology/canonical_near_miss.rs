//! 与规范表述相近的误写（规范表述的错字、漏字、多字、颠倒）
//!
//! ## 检查什么
//! 给定一份规范表述清单（`params.canonical`，如`习近平新时代中国特色社会主义思想`、`以习近平同志为核心的党中央`、`不忘初心、牢记使命`、`全过程人民民主`），报告几乎就是其中某一条、但漏字、多字、错字或相邻两字颠倒的文字，并建议改为规范形式：`习近平新时代中国特色社会思想`（漏了“主义”）、`以习近平同志为核心的党中中央`、`全过程人民名主`、`不忘初心，牢记使命`。差异更大的已知错误写法（`以习近平总书记为核心的党中央`、`第二个百年目标`）列在`params.variants`中（错误写法 → 规范写法），由同一个自动机精确匹配。
//!
//! 容许的差异按编辑距离计算（增一字、漏一字、错一字或相邻两字颠倒各算一处）：6至11个字的表述容许1处，12个字及以上的容许2处；更短的表述只按`variants`精确匹配。
//!
//! ## 不报告的情形
//! - 任何规范形式或`valid`形式的原样出现，以及与之重叠的文字（`习近平新时代中国特色社会主义思想的`没有问题）；但候选文字内部包含一个较短的正确形式，并不能使它免于报告。
//! - `params.valid`中所列的短语：相差几处编辑的正当近邻（在正文中作动词短语用的`不忘初心，牢记使命`，`伟大的建党精神`，外事报道中的`以习近平同志为核心的中共中央`）。
//! - 规范形式本身不含标点、而文中在其内部加了标点的情形（`“以人民为中心”的发展思想`引用了该表述的一部分）。
//! - 只有数字不同的情形（`中国共产党第十九次全国代表大会`是另一次代表大会，不是“第二十次”的笔误），或只有标点和空格不同的情形（标题中用空格代替`、`）。
//! - 只有开头的动词不同的情形：`学习贯彻…主题教育`、`深入贯彻…学习教育`这类以动词开头的名称，文中写成`组织党员学习习近平新时代中国特色社会主义思想主题教育读本`时，“学习”是句子自己的动词，后面是它的宾语，不是写错的名称。
//! - 相邻两个字被替换、构成另一个双字词的情形（`中国特色社会主义法治体系`不是`…理论体系`的笔误）。已知的错误词语另列在`variants`中。
//! - 在开头或结尾（前两个字或后两个字）被截短或改动、且旁边还有其他汉字的形式，此时匹配会切断一个结巴分词的词：这段文字是与该表述部分相同的另一个短语（`社会主义核心价值体系`与`社会主义核心价值观`；`学习贯彻新时代…`与`习近平新时代…`）。只有存在此类候选的文档才进行分词。
//!
//! ## 参数
//! `canonical`（字符串列表，必填），`valid`（列表），`variants`（错误写法 → 规范写法的表）。消息中可以使用`{match}`和`{canonical}`。
//!
//! ## 修复
//! 不安全修复：建议的是最接近的规范形式，须由人工确认。
//!
//! ## 依据
//! 规范表述“不得随意增加、更改”；固定提法不容改字、增字、漏字，也不能颠倒语序。已知错误写法的清单永远覆盖不了作者实际打错的字，因此本规则按编辑距离搜索。

// English original of the user documentation above (developer notes):
//
// Near-misses of canonical formulations (规范表述的错字、漏字、多字、颠倒).
//
// ## What it does
// Given a list of canonical formulations (`params.canonical`, e.g.
// 习近平新时代中国特色社会主义思想, 以习近平同志为核心的党中央,
// 不忘初心、牢记使命, 全过程人民民主), flags text that is *almost* one of
// them — a missing, extra, wrong or swapped character — and suggests the
// canonical form: 习近平新时代中国特色社会思想 (missing 主义),
// 以习近平同志为核心的党中中央, 全过程人民名主, 不忘初心，牢记使命.
// Known wrong variants that are further away (以习近平总书记为核心的党中央,
// 第二个百年目标) are listed in `params.variants` (wrong → canonical) and
// matched exactly by the same automaton.
//
// ## Why
// Official formulas "不得随意增加、更改"; fixed terms admit no changed,
// added or missing character and no change of word order. A list of known
// wrong strings never covers the typo a writer actually makes, so the rule
// searches by edit distance instead.
//
// ## How it works
// A form of *n* characters tolerates *k* edits (Damerau/OSA distance:
// insertion, deletion, substitution, transposition of neighbours): *k* = 1
// for 6–11 characters, 2 for 12 or more; shorter forms are matched only
// exactly (as `variants`). Each form is cut into *k*+1 disjoint pieces: a
// text within *k* edits of it keeps at least one piece intact
// (pigeonhole). All pieces, all canonical forms, all `valid` forms and all
// variants go into one Aho-Corasick automaton searched once per document.
// A piece occurrence proposes where the form would start; only the local
// window around it (the form's length ± *k*, on the same line) is verified
// with a bounded edit distance.
//
// ## What it leaves alone
// * Exact occurrences of any canonical or valid form, and text overlapping
//   one (习近平新时代中国特色社会主义思想的 is fine); a shorter right form
//   *inside* a candidate does not protect it.
// * Phrases listed in `params.valid`: legitimate neighbours a few edits
//   away (不忘初心，牢记使命 as a verb phrase in running text, 伟大的建党精神,
//   以习近平同志为核心的中共中央 in foreign-affairs reports).
// * Punctuation inside a form written without any (“以人民为中心”的发展思想
//   quotes part of the form).
// * Differences in numerals only (中国共产党第十九次全国代表大会 is another
//   congress, not a typo of the twentieth), or in punctuation and spaces
//   only (a headline writing 、 as a space).
// * A difference only in the leading verb of a form that opens with one
//   (学习贯彻…主题教育): in 组织党员学习习近平…主题教育读本 the sentence's
//   own verb 学习 takes the rest of the form as its object.
// * Two neighbouring characters replaced, which makes another two-character
//   word (中国特色社会主义法治体系 is not a typo of …理论体系). Known wrong
//   words are listed in `variants` instead.
// * A form cut short or changed at its start or end (its first two or last
//   two characters) next to further Han characters, where the match would
//   cut a jieba word: the text is then another phrase that shares part of
//   the form (社会主义核心价值体系 vs 社会主义核心价值观; 学习贯彻新时代…
//   vs 习近平新时代…). Segmentation runs only for documents that have
//   such a candidate.
//
// ## Parameters
// `canonical` (list of strings, required), `valid` (list), `variants`
// (table wrong → canonical). The message may use `{match}` and
// `{canonical}`.
//
// ## Fix safety
// Unsafe: the suggestion is the nearest canonical form; a human confirms.

use crate::fix::{Applicability, Fix};
use crate::rule::message::Emitter;
use crate::rule::params::{deny_unknown_params, param_strings};
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::chars::is_han;
use crate::text::segment::{block_around, is_block_char};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    deny_unknown_params(args.params, &["canonical", "valid", "variants"])?;
    let canonical = param_strings(args.params, "canonical")?
        .ok_or_else(|| "缺少参数 `canonical`（规范表述列表）".to_string())?;
    let valid = param_strings(args.params, "valid")?.unwrap_or_default();
    let mut variants = Vec::new();
    match args.params.get("variants") {
        None => {}
        Some(toml::Value::Table(t)) => {
            for (wrong, right) in t {
                let right = right
                    .as_str()
                    .ok_or_else(|| format!("参数 `variants` 中“{wrong}”的值应为字符串"))?;
                if wrong.is_empty() || wrong == right {
                    return Err(format!("参数 `variants` 中“{wrong}”无效"));
                }
                variants.push((wrong.clone(), right.to_string()));
            }
        }
        Some(other) => {
            return Err(format!(
                "参数 `variants` 应为表（错误写法 = 规范写法），实际为 {}",
                other.type_str()
            ));
        }
    }
    NearMiss::new(
        args.emitter(),
        args.meta.fix.unwrap_or(Applicability::Unsafe),
        canonical,
        valid,
        variants,
    )
    .map(|c| Box::new(c) as Box<dyn Checker>)
}

struct Form {
    text: String,
    chars: Vec<char>,
    /// Edits tolerated.
    k: usize,
}

/// Buffers reused across verifications.
#[derive(Default)]
struct Scratch {
    window: Vec<(usize, char)>,
    w: Vec<char>,
    row_prev2: Vec<usize>,
    row_prev: Vec<usize>,
    row: Vec<usize>,
}

enum Pattern {
    /// An exact canonical or valid form: text overlapping it is right.
    Good,
    /// A known wrong variant → index of the replacement string.
    Variant(String),
    /// A piece of form `form` starting `offset` characters into it.
    Pieces(Vec<(usize, usize)>),
}

pub struct NearMiss {
    emit: Emitter,
    applicability: Applicability,
    forms: Vec<Form>,
    patterns: Vec<Pattern>,
    automaton: AhoCorasick,
}

/// Edits tolerated for a form of `n` characters.
fn tolerance(n: usize) -> usize {
    match n {
        0..=5 => 0,
        6..=11 => 1,
        _ => 2,
    }
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "〇零一二三四五六七八九十百千两".contains(c)
}

impl NearMiss {
    fn new(
        emit: Emitter,
        applicability: Applicability,
        canonical: Vec<String>,
        valid: Vec<String>,
        variants: Vec<(String, String)>,
    ) -> Result<Self, String> {
        if canonical.is_empty() {
            return Err("参数 `canonical` 不能为空".into());
        }
        let mut strings: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut add = |s: &str, p: Pattern, strings: &mut Vec<String>| {
            if let Some(i) = strings.iter().position(|x| x == s) {
                // A string already present: pieces merge, a good form wins.
                match (&mut patterns[i], p) {
                    (Pattern::Pieces(v), Pattern::Pieces(w)) => v.extend(w),
                    (slot, Pattern::Good) => *slot = Pattern::Good,
                    _ => {}
                }
            } else {
                strings.push(s.to_string());
                patterns.push(p);
            }
        };
        let mut forms = Vec::new();
        for c in &canonical {
            if c.is_empty() {
                return Err("参数 `canonical` 中有空字符串".into());
            }
            let chars: Vec<char> = c.chars().collect();
            forms.push(Form {
                text: c.clone(),
                k: tolerance(chars.len()),
                chars,
            });
        }
        for v in canonical.iter().chain(&valid) {
            add(v, Pattern::Good, &mut strings);
        }
        for (wrong, right) in &variants {
            if canonical.contains(wrong) || valid.contains(wrong) {
                return Err(format!("“{wrong}”既是规范写法又被列为错误写法"));
            }
            add(wrong, Pattern::Variant(right.clone()), &mut strings);
        }
        for (fi, form) in forms.iter().enumerate() {
            if form.k == 0 {
                continue;
            }
            let pieces = form.k + 1;
            let n = form.chars.len();
            for p in 0..pieces {
                let (a, b) = (p * n / pieces, (p + 1) * n / pieces);
                let piece: String = form.chars[a..b].iter().collect();
                add(&piece, Pattern::Pieces(vec![(fi, a)]), &mut strings);
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&strings)
            .map_err(|e| format!("无法构建自动机：{e}"))?;
        Ok(NearMiss {
            emit,
            applicability,
            forms,
            patterns,
            automaton,
        })
    }

    fn finding(&self, span: Span, found: &str, canonical: &str) -> Finding {
        self.emit
            .at(span, &[("match", found), ("canonical", canonical)])
            .with_help(format!("规范表述为“{canonical}”"))
            .with_fix(Fix::replace(self.applicability, span, canonical))
    }

    /// Verify a candidate: a piece of form `fi`, `offset` characters into
    /// the form, occurs at byte `piece_at`. Returns the span of the nearest
    /// text within the form's tolerance around it, unless that text is the
    /// form itself or one of the excluded cases.
    fn verify(
        &self,
        text: &str,
        piece_at: usize,
        offset: usize,
        fi: usize,
        scratch: &mut Scratch,
    ) -> Option<(Span, bool, bool)> {
        let form = &self.forms[fi];
        let (m, k) = (form.chars.len(), form.k);
        // Window: up to `offset + k` characters before the piece, on the same line …
        let mut start = piece_at;
        let mut back = 0;
        for (i, c) in text[..piece_at].char_indices().rev() {
            if back == offset + k || c == '\n' {
                break;
            }
            start = i;
            back += 1;
        }
        // … and up to `m - offset + k` characters from the piece on.
        let Scratch {
            window,
            w,
            row_prev2,
            row_prev,
            row,
        } = scratch;
        window.clear();
        for (i, c) in text[start..].char_indices().take(back + m - offset + k) {
            if c == '\n' {
                break;
            }
            window.push((start + i, c));
        }
        w.clear();
        w.extend(window.iter().map(|(_, c)| *c));
        let window: &[(usize, char)] = window;
        let w: &[char] = w;
        // Cheap lower bound first: every character of the form missing from
        // the whole window costs at least one edit.
        if form.chars.iter().filter(|c| !w.contains(c)).count() > k {
            return None;
        }
        let end_byte = |j: usize| match window.get(j) {
            Some((i, _)) => *i,
            None => window.last().map_or(start, |(i, c)| i + c.len_utf8()),
        };
        let (d, s, len) = best_alignment(form, w, back, offset, row_prev2, row_prev, row)?;
        if d == 0 {
            return None;
        }
        let e = s + len;
        let found = &w[s..e];
        if !reads_as_a_typo(form, found, d) || verb_only_difference(form, found) {
            return None;
        }
        // A form cut short (or changed at its end) next to more Han text may
        // be another phrase sharing part of the form (社会主义核心价值体系 and
        // 社会主义核心价值观): such an end is *uncertain*, and the caller
        // keeps the finding only if jieba puts a word boundary there (体|系
        // is one word 体系, so the match cuts a word; 思相|武装 does not).
        // Likewise two edits reaching the second (or second-last) character
        // (学习贯彻新时代… shares 习 with 习近平新时代…).
        let before = text[..window[s].0].chars().next_back();
        let after = text[end_byte(e)..].chars().next();
        let n = found.len();
        let start_uncertain = before.is_some_and(is_han)
            && (found.first() != form.chars.first()
                || (d >= 2 && n >= 2 && found[1] != form.chars[1]));
        let end_uncertain = after.is_some_and(is_han)
            && (found.last() != form.chars.last()
                || (d >= 2 && n >= 2 && found[n - 2] != form.chars[m - 2]));
        Some((
            Span::new(window[s].0, end_byte(e)),
            start_uncertain,
            end_uncertain,
        ))
    }
}

impl Checker for NearMiss {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let mut good: Vec<Span> = Vec::new();
        let mut variants: Vec<(Span, &str)> = Vec::new();
        let mut candidates: Vec<(usize, usize, usize)> = Vec::new(); // (piece_at, offset, form)
        for m in self.automaton.find_overlapping_iter(text) {
            let span = Span::new(m.start(), m.end());
            match &self.patterns[m.pattern().as_usize()] {
                Pattern::Good => good.push(span),
                Pattern::Variant(right) => variants.push((span, right)),
                Pattern::Pieces(v) => {
                    for &(fi, off) in v {
                        candidates.push((span.start, off, fi));
                    }
                }
            }
        }
        if variants.is_empty() && candidates.is_empty() {
            return;
        }
        // Text overlapping a right form is right, unless the right form is a
        // shorter one inside the candidate (习近平新时代中国特色社会主义思想
        // inside a near-miss of 确立…思想的指导地位).
        // Most pieces occur inside an exact occurrence of their own form (or
        // of a right form as long): those need no verification.
        good.sort_unstable();
        let inside_good = |at: usize, fi: usize| {
            let form_len = self.forms[fi].text.len();
            let i = good.partition_point(|g| g.start <= at);
            good[..i]
                .iter()
                .rev()
                .take_while(|g| g.start + 3 * form_len >= at)
                .any(|g| g.end > at && g.len() + 3 * self.forms[fi].k >= form_len)
        };
        let overlaps_good = |s: Span| {
            good.iter()
                .any(|g| g.overlaps(s) && !(s.contains_span(*g) && s != *g))
        };
        let mut found: Vec<(Span, usize)> = Vec::new();
        for (span, right) in variants {
            if !overlaps_good(span) {
                out.push(self.finding(span, &text[span.range()], right));
                found.push((span, usize::MAX));
            }
        }
        let mut scratch = Scratch::default();
        let mut words = LocalWords::default();
        for (at, off, fi) in candidates {
            if inside_good(at, fi) {
                continue;
            }
            let Some((span, start_uncertain, end_uncertain)) =
                self.verify(text, at, off, fi, &mut scratch)
            else {
                continue;
            };
            if overlaps_good(span) || found.iter().any(|(s, _)| s.overlaps(span)) {
                continue;
            }
            if (start_uncertain && !words.is_boundary(text, span.start))
                || (end_uncertain && !words.is_boundary(text, span.end))
            {
                continue;
            }
            found.push((span, fi));
            out.push(self.finding(span, &text[span.range()], &self.forms[fi].text));
        }
    }
}

/// Jieba's word boundaries found locally: only the run of text that jieba
/// segments as one block around an offset is cut, so the cost (and memory)
/// follows the candidates, not the document. The last block's words are
/// kept, since candidates cluster.
///
/// Jieba splits its input into blocks of Han, ASCII letters and digits and
/// `+#&._%-` ([`crate::text::segment::is_block_char`]), cuts each block on its own, and emits
/// every other character as a word of its own (`\r\n` as one). So an offset
/// between two block characters is a boundary exactly when the block cut
/// alone puts one there, and any other offset is a boundary unless it splits
/// `\r\n`: the same answer as segmenting the whole text.
#[derive(Default)]
struct LocalWords {
    /// Byte range of the last block segmented.
    block: Option<(usize, usize)>,
    /// Starts of its words, in document offsets.
    starts: Vec<usize>,
}

impl LocalWords {
    /// Whether byte `offset` of `text` falls between two of jieba's words.
    fn is_boundary(&mut self, text: &str, offset: usize) -> bool {
        if offset == 0 || offset >= text.len() {
            return true;
        }
        let (Some(before), Some(after)) = (
            text[..offset].chars().next_back(),
            text[offset..].chars().next(),
        ) else {
            return true;
        };
        if !is_block_char(before) || !is_block_char(after) {
            return !(before == '\r' && after == '\n');
        }
        let inside = |(a, b): (usize, usize)| a < offset && offset < b;
        if !self.block.is_some_and(inside) {
            let (start, end) = block_around(text, Span::empty(offset));
            self.block = Some((start, end));
            self.starts.clear();
            self.starts.extend(
                crate::text::segment::words(&text[start..end])
                    .iter()
                    .map(|w| start + w.start),
            );
        }
        self.starts.binary_search(&offset).is_ok()
    }
}

/// The best alignment of `form` in the window `w`: the form is expected to
/// start `back - offset` characters in, give or take its tolerance `k`.
/// For each start, the optimal-string-alignment distance of the form
/// against every prefix from there (three rolling rows); the best is the
/// fewest edits, then a span that begins and ends like the form (党中中央 is
/// an extra 中, not 央 → 中), then the length closest to the form's.
/// Returns `(edits, start, length)` in window characters.
fn best_alignment(
    form: &Form,
    w: &[char],
    back: usize,
    offset: usize,
    row_prev2: &mut Vec<usize>,
    row_prev: &mut Vec<usize>,
    row: &mut Vec<usize>,
) -> Option<(usize, usize, usize)> {
    let (m, k) = (form.chars.len(), form.k);
    // The form would start at window index back - offset, give or take k.
    let s_hi = (back + k).checked_sub(offset)?;
    let s_lo = s_hi.saturating_sub(2 * k);
    let mut best: Option<((usize, usize, usize), usize, usize)> = None; // (key, s, e)
    for r in [&mut *row_prev2, &mut *row_prev, &mut *row] {
        r.clear();
        r.resize(w.len() + 1, 0);
    }
    for s in s_lo..=s_hi.min(w.len()) {
        let b = &w[s..];
        let n = b.len();
        if n + k < m {
            break;
        }
        // OSA distance of the form against every prefix of b.
        for (j, x) in row_prev.iter_mut().enumerate().take(n + 1) {
            *x = j;
        }
        for i in 1..=m {
            row[0] = i;
            for j in 1..=n {
                let cost = usize::from(form.chars[i - 1] != b[j - 1]);
                let mut v = (row_prev[j] + 1)
                    .min(row[j - 1] + 1)
                    .min(row_prev[j - 1] + cost);
                if i > 1 && j > 1 && form.chars[i - 1] == b[j - 2] && form.chars[i - 2] == b[j - 1]
                {
                    v = v.min(row_prev2[j - 2] + 1);
                }
                row[j] = v;
            }
            std::mem::swap(row_prev2, row_prev);
            std::mem::swap(row_prev, row);
        }
        // row_prev now holds the last row (the whole form).
        for e in m.saturating_sub(k).max(1)..=(m + k).min(n) {
            let d = row_prev[e];
            // Prefer fewer edits, then a span that begins and ends like
            // the form (党中中央 is an extra 中, not 央 → 中), then the
            // length closest to the form's.
            let anchored = usize::from(b[0] != form.chars[0] || b[e - 1] != form.chars[m - 1]);
            let key = (d, anchored, e.abs_diff(m));
            if d <= k && best.is_none_or(|(bk, _, _)| key < bk) {
                best = Some((key, s, e));
            }
        }
    }
    best.map(|((d, _, _), s, len)| (d, s, len))
}

/// Whether `found` (at `d` edits from `form`) reads as a misspelling of the
/// form rather than as other text: Han at both ends, no punctuation inside a
/// form without any, not only numerals, punctuation or spaces changed, and
/// not two neighbouring characters replaced (another two-character word).
/// Verbs (and their adverbs) that open a canonical form such as
/// 学习贯彻…主题教育 or 深入贯彻…学习教育, and that a sentence uses as its
/// own verb before the rest of the form.
const LEADING_VERBS: &[&str] = &[
    "学习",
    "贯彻",
    "学习贯彻",
    "深入",
    "深入贯彻",
    "深入学习",
    "深入学习贯彻",
    "认真学习",
    "认真贯彻",
    "学好",
    "领会",
    "落实",
    "贯彻落实",
    "宣传",
    "学习宣传",
    "学习宣传贯彻",
    "宣讲",
    "研读",
    "学",
];

/// Whether `found` differs from the form only in the form's leading verb:
/// 组织党员学习习近平…主题教育读本 has the sentence's verb 学习 where the
/// campaign's name begins with 学习贯彻; the text is a verb and its object,
/// not a misspelt name.
fn verb_only_difference(form: &Form, found: &[char]) -> bool {
    let common = form
        .chars
        .iter()
        .rev()
        .zip(found.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let q: String = form.chars[..form.chars.len() - common].iter().collect();
    let p: String = found[..found.len() - common].iter().collect();
    LEADING_VERBS.contains(&q.as_str()) && (p.is_empty() || LEADING_VERBS.contains(&p.as_str()))
}

fn reads_as_a_typo(form: &Form, found: &[char], d: usize) -> bool {
    let m = form.chars.len();
    // Both ends must be Han: punctuation at an end is context, not the
    // term. Punctuation inside a form that has none (“以人民为中心”的发展思想,
    // 中国，现代化) is a quotation or a clause break, not a typo.
    if !found.first().is_some_and(|c| is_han(*c)) || !found.last().is_some_and(|c| is_han(*c)) {
        return false;
    }
    if form.chars.iter().all(|c| is_han(*c)) && found.iter().any(|c| !is_han(*c)) {
        return false;
    }
    // Differences in numerals only: another congress, another goal.
    let mut extra: Vec<char> = found.to_vec();
    let mut missing: Vec<char> = Vec::new();
    for c in &form.chars {
        if let Some(p) = extra.iter().position(|x| x == c) {
            extra.swap_remove(p);
        } else {
            missing.push(*c);
        }
    }
    if extra.iter().chain(&missing).all(|c| is_numeral(*c)) {
        return false;
    }
    // Differences in punctuation or spaces only (、 written as ， or a
    // space in a headline): a matter for the punctuation family.
    if extra.iter().chain(&missing).all(|c| !is_han(*c)) {
        return false;
    }
    // Two neighbouring characters replaced: a different two-character
    // word (法治体系 and 理论体系; 坚持 and 贯彻), not a typo. Known
    // wrong words are listed as `variants` instead.
    if d == 2 && found.len() == m {
        let diff: Vec<usize> = (0..m).filter(|&i| found[i] != form.chars[i]).collect();
        if diff.len() == 2 && diff[1] == diff[0] + 1 {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::LocalWords;

    #[test]
    fn local_boundaries_are_those_of_the_whole_text() {
        let text = "学习贯彻习近平新时代中国特色社会主义思想，GDP增长3.5%以上\r\n\
                    社会主义核心价值体系建设 不断推进。Hello世界！以习近平同志为核心的党中央";
        let whole = crate::text::segment::words(text);
        let mut local = LocalWords::default();
        let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        // In order and in reverse, so the cached block is both reused and replaced.
        for &i in offsets.iter().chain(offsets.iter().rev()) {
            let expected = i == 0 || whole.binary_search_by_key(&i, |w| w.start).is_ok();
            assert_eq!(local.is_boundary(text, i), expected, "offset {i}");
        }
        assert!(local.is_boundary(text, text.len()));
    }
}
