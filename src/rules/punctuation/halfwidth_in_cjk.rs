//! 中文文本中的半角`, ; : ! ? ( )`，以及用于结束中文句子的`.`
//!
//! ## 检查什么
//! 报告属于中文文本的ASCII逗号、分号、冒号、叹号、问号和圆括号，并改为全角标点`，；：！？（）`。标点前一个字符是中文（汉字，或`”》）`之类的全角标点），或者后一个字符是汉字而前一个字符不是拉丁字母或数字（或者虽是，但这段拉丁文字本身处在中文之中，如`中文,bar,中文`），该标点即属于中文文本。因此，`2023年3月31日,番禺`、`发布时间:2023-04-03`、`她说:"…"`和`”,`都会被报告。
//!
//! 一串连续的标点（`;;;`、`?!`、`,,`）根据其两侧的字符作为整体判断，其中每个标点都会转换，因此无论多长，一次修复即可完成（之后由`punctuation/doubled-punctuation`报告重复问题）。
//!
//! 全角点号自带间距，因此转换`, ; : ! ? .`时，修复会一并删去同一行内紧挨该标点的空格、制表符和不换行空格（`发布时间: 2023` → `发布时间：2023`）：`punctuation/space-around-fullwidth`本会对新标点旁的空白提出的问题，在同一次修复中一并解决。换行保持不变；在HTML中，位于标点与空格之间的标签也保持原位。
//!
//! ASCII句点只在明显用于结束中文句子时才报告：即位于汉字或后标号之后，并处在行末或后引号之前（`你好,再见.` → `你好，再见。`）。在其他位置，`.`可能是小数点、缩写点或间隔号的替代写法。
//!
//! 圆括号在同一行内成对判断：括号内含中文，或者括号外相邻的是汉字而括号内只是单个拉丁文或数字词元时，两半都会转换（`阿里巴巴(BABA.N)` → `阿里巴巴（BABA.N）`，`(1)加强学习` → `（1）加强学习`）。半角的一半与全角的一半配对时（`13省(区、市）`），也会转换。
//!
//! ## 不报告的情形
//! - 数字之间的标点：`10:49`、`1,000`、`比分3:1`；
//! - 拉丁文字串内部和整句英文中的标点（`He said: yes, we can (maybe).`），以及内容不含中文且含有空格的圆括号（`(SARS-CoV-2 variant)`）；
//! - 紧贴名称的拉丁文函数调用形式，如`f(x)`、`max(a,b)`；
//! - 紧贴ASCII符号的标点（`:::`、`;-)`）和Markdown链接地址`[文字](url)`；
//! - 网址和电子邮件地址（由引擎屏蔽），以及代码（不属于正文）。
//!
//! ## 修复
//! 安全修复：替换只改变字形宽度。
//!
//! 半角逗号分隔的是以“等”收尾的短并列成分（`各单位,各部门,各学院等`），或三个以上的短名词
//! （`党章,党规,党纪`）时，本意多是顿号：此时建议改为“、”而不是“，”，修复不安全，需确认。
//!
//! ## 依据
//! GB/T 15834—2011第5.1条规定，中文文本中的每个点号和标号都“占一个字位置”；半角标点是网页抓取文本和仓促编辑的公文中最常见的错误。

// English original of the user documentation above (developer notes):
//
// Half-width `, ; : ! ? ( )` in Chinese text, and `.` ending a Chinese sentence.
//
// ## What it does
// Flags the ASCII comma, semicolon, colon, exclamation mark, question mark
// and parentheses when they belong to Chinese text, and replaces them with
// the full-width marks `，；：！？（）`. A mark belongs to Chinese text when
// the character before it is Chinese (a Han character or a full-width mark
// such as `”》）`), or when the character after it is a Han character and
// the one before it is not a Latin letter or digit (or is one, but the
// Latin run itself sits in Chinese text: `中文,bar,中文`). So `2023年3月31日,番禺`,
// `发布时间:2023-04-03`, `她说:"…"` and `”,` are all flagged.
//
// A run of marks (`;;;`, `?!`, `,,`) is judged as a whole by the
// characters around it, and each of its marks is converted, so a fix takes
// one pass however long the run (`punctuation/doubled-punctuation` then
// speaks about the repetition).
//
// A full-width pause mark carries its own spacing, so the fix of a
// converted `, ; : ! ? .` also takes the spaces, tabs and no-break spaces
// right around it on its line (`发布时间: 2023` → `发布时间：2023`): what
// `punctuation/space-around-fullwidth` would report next to the new mark is
// fixed in the same run. Line breaks stay, and in HTML a tag between the
// mark and the spaces stays where it is.
//
// An ASCII full stop is flagged only where it plainly ends a Chinese
// sentence: after a Han character or a closing mark, at the end of a line or
// before a closing quote (`你好,再见.` → `你好，再见。`). Elsewhere `.` may
// be a decimal point, an abbreviation or a stand-in for the 间隔号.
//
// Parentheses are decided as a pair on one line: both halves are converted
// when the content holds Chinese, or when a neighbour outside is a Han
// character and the content is a single Latin or numeric token
// (`阿里巴巴(BABA.N)` → `阿里巴巴（BABA.N）`, `(1)加强学习` → `（1）加强学习`).
// A half-width half paired with a full-width one (`13省(区、市）`) is
// converted too.
//
// ## Why
// GB/T 15834—2011 5.1 gives every 点号 and 标号 of Chinese text a full
// character cell ("占一个字位置"); half-width marks are the single most
// common slip in scraped and hastily edited official prose.
//
// ## What it leaves alone
// - marks between digits: `10:49`, `1,000`, `比分3:1`;
// - marks inside Latin runs and whole English sentences
//   (`He said: yes, we can (maybe).`), and parentheses whose content holds
//   no Chinese and contains a space (`(SARS-CoV-2 variant)`);
// - a Latin function-call shape glued to its name, `f(x)`, `max(a,b)`;
// - marks glued to ASCII symbols (`:::`, `;-)`) and Markdown link
//   destinations `[文字](url)`;
// - URLs and e-mail addresses (masked by the engine), code (not prose).
//
// ## Fix safety
// Safe: the replacement changes the glyph width only.

use crate::fix::{Applicability, Edit, Fix};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::chars::{
    char_before, is_ascii_alnum, is_cjk, is_han, next_non_space, prev_non_space,
};

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(HalfwidthInCjk {
        emit: args.emitter(),
    }))
}

struct HalfwidthInCjk {
    emit: Emitter,
}

fn fullwidth(c: u8) -> char {
    match c {
        b',' => '，',
        b';' => '；',
        b':' => '：',
        b'!' => '！',
        b'?' => '？',
        b'(' => '（',
        b'.' => '。',
        _ => '）',
    }
}

/// Byte classes: 1 = a mark this rule converts, 2 = newline, 3 = a UTF-8
/// lead byte of a full-width parenthesis (EF BC 88/89) or other char.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b',' as usize] = 1;
    t[b';' as usize] = 1;
    t[b':' as usize] = 1;
    t[b'!' as usize] = 1;
    t[b'?' as usize] = 1;
    t[b'(' as usize] = 1;
    t[b')' as usize] = 1;
    t[b'.' as usize] = 4;
    t[b'\n' as usize] = 2;
    t[0xEF] = 3;
    t
};

/// An open parenthesis on the current line: its offset and whether it is full-width.
#[derive(Clone, Copy)]
struct Open {
    at: usize,
    full: bool,
    /// The `(` of a Markdown link destination `](…)`: its `)` is not prose either.
    link: bool,
}

impl HalfwidthInCjk {
    fn finding(&self, span: Span, mark: u8, edits: Vec<Edit>) -> Finding {
        let full = fullwidth(mark);
        self.emit
            .at(
                span,
                &[
                    ("expected", &full.to_string()),
                    ("found", &(mark as char).to_string()),
                ],
            )
            .with_help(format!("改为“{full}”"))
            .with_fix(Fix::new(Applicability::Safe, edits))
    }

    /// A run of half-width marks starting at `i` (`;;;`, `?!`, `,,`),
    /// decided as a whole by what stands around it, so that fixing it takes
    /// one pass however long it is. Returns where the run ends.
    fn mark_run(&self, text: &str, i: usize, out: &mut Vec<Finding>) -> usize {
        let bytes = text.as_bytes();
        let b = bytes[i];
        let end = run_end(bytes, i);
        let before = prev_non_space(text, i);
        let after = next_non_space(text, end);
        let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        let single = end == i + 1;
        if single && matches!(b, b':' | b',') && digit(before) && digit(after) {
            return end;
        }
        if markup_neighbour(text, i, end) {
            return end;
        }
        let latin_before = before.is_some_and(|c| c.is_ascii_alphanumeric());
        // A `)` this rule just converted (`(含青年教师);`) is
        // Chinese context too: judged on the text as it will
        // read, so the fix takes one pass.
        let converted_before = before == Some(')')
            && text[..i].trim_end().len().checked_sub(1).is_some_and(|p| {
                out.last()
                    .and_then(|f| f.fix.as_ref())
                    .is_some_and(|f| f.edits.iter().any(|e| e.span.start == p))
            });
        if converted_before
            || before.is_some_and(is_cjk)
            || (after.is_some_and(is_han) && (!latin_before || latin_run_in_chinese(text, i)))
        {
            for (k, &m) in bytes[i..end].iter().enumerate() {
                self.single(out, text, i + k, m);
            }
        }
        end
    }

    /// One mark. A pause mark's fix also takes the spaces inside the line
    /// right around it (`发布时间: 2023` → `发布时间：2023`), which
    /// `punctuation/space-around-fullwidth` would report next to the
    /// full-width mark: the text is fixed in one run, as `check` shows it.
    fn single(&self, out: &mut Vec<Finding>, text: &str, at: usize, mark: u8) {
        let span = Span::new(at, at + 1);
        let mut edit = Span::new(at, at + 1);
        if mark != b'(' && mark != b')' {
            let space = |c: char| matches!(c, ' ' | '\t' | '\u{a0}' | '\u{3000}');
            let before = &text[..at];
            let kept = before.trim_end_matches(space);
            if kept.len() < before.len() && !kept.is_empty() && !kept.ends_with(['\n', '\r']) {
                edit.start = kept.len();
            }
            let after = &text[at + 1..];
            let rest = after.trim_start_matches(space);
            if rest.len() < after.len() && !rest.is_empty() && !rest.starts_with(['\n', '\r']) {
                edit.end = text.len() - rest.len();
            }
        }
        if mark == b',' && enumeration_comma(text, at) {
            // Short parallel items (`各单位,各部门等`): a 顿号 was meant.
            let edit = Edit::replace(edit, "、");
            out.push(
                self.emit
                    .at(span, &[("expected", "、"), ("found", ",")])
                    .with_help("并列的词语之间用顿号“、”".to_string())
                    .with_fix(Fix::new(Applicability::Unsafe, vec![edit])),
            );
            return;
        }
        let edit = Edit::replace(edit, fullwidth(mark).to_string());
        out.push(self.finding(span, mark, vec![edit]));
    }

    /// A half-width pair `open..=close`: both halves in one finding.
    fn pair(&self, out: &mut Vec<Finding>, open: usize, close: usize) {
        let edits = vec![
            Edit::replace(Span::new(open, open + 1), "（"),
            Edit::replace(Span::new(close, close + 1), "）"),
        ];
        out.push(self.finding(Span::new(open, close + 1), b'(', edits));
    }

    fn close_paren(&self, text: &str, out: &mut Vec<Finding>, open: Option<Open>, i: usize) {
        let Some(open) = open else {
            // A lone `)`: Chinese when what precedes it is Chinese.
            if prev_non_space(text, i).is_some_and(is_cjk) {
                self.single(out, text, i, b')');
            }
            return;
        };
        if open.full {
            // `（…)`: the closing half is half-width by mistake.
            self.single(out, text, i, b')');
            return;
        }
        let inner = &text[open.at + 1..i];
        let before = char_before(text, open.at);
        let outer_han = prev_non_space(text, open.at).is_some_and(is_han)
            || next_non_space(text, i + 1).is_some_and(is_han);
        let inner_han = inner.chars().any(is_han);
        let call_shape = before.is_some_and(is_ascii_alnum);
        if inner_han || (outer_han && !call_shape && !inner.contains(' ') && !inner.is_empty()) {
            self.pair(out, open.at, i);
        }
    }
}

impl Checker for HalfwidthInCjk {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let bytes = text.as_bytes();
        let mut opens: Vec<Open> = Vec::new();
        let flush = |opens: &mut Vec<Open>, out: &mut Vec<Finding>| {
            // Unmatched `(` at the end of a line: Chinese when a Han character follows.
            for o in opens.drain(..) {
                if !o.full && !o.link && next_non_space(text, o.at + 1).is_some_and(is_han) {
                    self.single(out, text, o.at, b'(');
                }
            }
        };
        // Marks of a run already decided (see `run_end`).
        let mut decided_until = 0;
        let mut i = 0;
        while i < bytes.len() {
            if i < decided_until {
                i = decided_until;
                continue;
            }
            let b = bytes[i];
            match CLASS[b as usize] {
                0 => {
                    i = skip_plain(bytes, i + 1);
                    continue;
                }
                2 => flush(&mut opens, out),
                4 => {
                    // A full stop ending a Chinese sentence at the end of a line
                    // (or before a closing quote): `你好,再见.`.
                    let before = char_before(text, i);
                    let after = text[i + 1..].chars().next();
                    if before.is_some_and(|c| is_han(c) || matches!(c, '”' | '’' | '）' | '》'))
                        && after.is_none_or(|c| matches!(c, '\n' | '\r' | '”' | '’'))
                    {
                        self.single(out, text, i, b'.');
                    }
                }
                3 => {
                    // Full-width parentheses take part in pairing.
                    if bytes.get(i + 1) == Some(&0xBC) {
                        match bytes.get(i + 2) {
                            Some(0x88) => opens.push(Open {
                                at: i,
                                full: true,
                                link: false,
                            }),
                            Some(0x89) => {
                                if let Some(o) = opens.pop() {
                                    if !o.full && !o.link {
                                        // `(…）`: the opening half is half-width by mistake.
                                        self.single(out, text, o.at, b'(');
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                }
                _ => match b {
                    b'(' => opens.push(Open {
                        at: i,
                        full: false,
                        // `[text](url)`: a Markdown link destination, never prose.
                        link: i > 0 && bytes[i - 1] == b']',
                    }),
                    b')' => {
                        let open = opens.pop();
                        if !open.is_some_and(|o| o.link) {
                            self.close_paren(text, out, open, i);
                        }
                    }
                    _ => decided_until = self.mark_run(text, i, out),
                },
            }
            i += 1;
        }
        flush(&mut opens, out);
    }
}

/// The first offset at or after `i` whose byte the scan must look at, or
/// one before it: eight bytes at a time are skipped while none is below
/// 0x40 (ASCII punctuation, digits, spaces, line ends) or the 0xEF that
/// starts a full-width parenthesis. Han text is nearly all such bytes, so
/// the scan touches one word in several instead of every byte. In the word
/// that holds such a byte, the answer is that byte: the lowest flag of the
/// tests below is exact (a borrow only carries upwards), so the scan does
/// not step through the word's other bytes one by one.
fn skip_plain(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // "Some byte below 0x40" and "some byte is 0xEF", flagged in each
        // byte's high bit; exact for the lowest flagged byte.
        let low = x.wrapping_sub(ONES * 0x40) & !x & HIGHS;
        let v = x ^ (ONES * 0xEF);
        let ef = v.wrapping_sub(ONES) & !v & HIGHS;
        let flags = low | ef;
        if flags != 0 {
            return i + (flags.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i
}

/// The end of the run of sentence marks (`, ; : ! ?`) that starts at `i`.
fn run_end(bytes: &[u8], i: usize) -> usize {
    i + bytes[i..]
        .iter()
        .take_while(|b| matches!(b, b',' | b';' | b':' | b'!' | b'?'))
        .count()
}

/// Whether the run of marks `start..end` is glued to ASCII symbols, as in
/// markup and emoticons (`:::`, `;-)`, `a:=b`, `::`), where it is not
/// Chinese punctuation.
fn markup_neighbour(text: &str, start: usize, end: usize) -> bool {
    let run = &text.as_bytes()[start..end];
    if run.len() >= 2 && run.iter().all(|&b| b == b':') {
        return true;
    }
    let symbol = |c: Option<char>| {
        c.is_some_and(|c| {
            matches!(
                c,
                '-' | '=' | '<' | '>' | '/' | '\\' | '|' | '*' | '#' | '~' | '^' | '_'
            )
        })
    };
    symbol(char_before(text, start)) || symbol(text[end..].chars().next())
}

/// Whether the Latin or numeric run that ends at `i` is embedded in Chinese
/// text: walking back over printable ASCII and spaces, the first other
/// character is Chinese (`中文,bar,中文`, `截至2023年底,9,000人`,
/// `联系xw@gz.edu.cn,会议指出`).
fn latin_run_in_chinese(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .rev()
        .find(|c| !(c.is_ascii_graphic() || *c == ' '))
        .is_some_and(is_cjk)
}

/// The Han run ending at byte `end` of `text` (at most `max` characters
/// looked at): its start and its length in characters.
fn han_run_before(text: &str, end: usize, max: usize) -> (usize, usize) {
    let mut start = end;
    let mut n = 0;
    for c in text[..end].chars().rev() {
        if n == max || !crate::text::chars::is_han(c) {
            break;
        }
        start -= c.len_utf8();
        n += 1;
    }
    (start, n)
}

/// Whether the half-width comma at `at` separates short parallel items, a
/// list that ends in `等` (`各单位,各部门,各学院等`) or a list of at least
/// three short nouns (`党章,党规,党纪`), where the mark meant is `、`.
fn enumeration_comma(text: &str, at: usize) -> bool {
    const ITEM: usize = 6;
    // Items joined by `、` inside (`副书记、院长李明,委员、副院长赵晓红等`)
    // make the comma the higher-level separator: `，` is right there.
    let is_sep = |c: Option<char>| c == Some(',');
    // Items to the left: inner ones short, the first may carry a verb.
    let mut lens: Vec<usize> = Vec::new();
    let mut end = at;
    loop {
        let (start, n) = han_run_before(text, end, 16);
        if n == 0 {
            return false;
        }
        lens.insert(0, n);
        let before = text[..start].chars().next_back();
        if before == Some('、') {
            return false;
        }
        if lens.len() >= 8 || !is_sep(before) {
            break;
        }
        end = start - before.map_or(1, char::len_utf8);
    }
    // Items to the right, up to the last one.
    let mut pos = at + 1;
    let mut last: &str;
    loop {
        let rest = &text[pos..];
        let run_len: usize = rest
            .chars()
            .take_while(|c| crate::text::chars::is_han(*c))
            .take(16)
            .map(char::len_utf8)
            .sum();
        if run_len == 0 {
            return false;
        }
        last = &rest[..run_len];
        let next = rest[run_len..].chars().next();
        if next == Some('、') {
            return false;
        }
        if lens.len() >= 8 || !is_sep(next) {
            break;
        }
        lens.push(last.chars().count());
        pos += run_len + next.map_or(1, char::len_utf8);
    }
    let inner_short = lens.iter().skip(1).all(|&n| n <= ITEM);
    // A list closed by 等 right after a short last item.
    if let Some(i) = last.find('等')
        && last[..i].chars().count() <= ITEM
        && i > 0
        && inner_short
    {
        return true;
    }
    // A list of at least three short items (the first may carry a verb).
    lens.push(last.chars().count());
    lens.len() >= 3 && lens.iter().skip(1).all(|&n| n <= 4)
}

#[cfg(test)]
mod skip_tests {
    use super::{CLASS, skip_plain};

    /// Skipping never passes a byte the scan must see, and does skip Han
    /// text.
    #[test]
    fn skip_plain_stops_before_every_mark() {
        let texts = [
            "中文，正文（括注）。再来一句;没有半角?a,b",
            "长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长(",
            "数字2024年12月\n下一行.结尾",
            "",
            "全角：冒号、顿号。句号！感叹号？问号",
        ];
        for t in texts {
            let b = t.as_bytes();
            for i in 0..=b.len() {
                let next = (i..b.len())
                    .find(|&j| CLASS[b[j] as usize] != 0)
                    .unwrap_or(b.len());
                let got = skip_plain(b, i);
                assert!(i <= got && got <= next, "{t:?} at {i}: {got} vs {next}");
                // Where a whole word remained, it stops at the first byte
                // below 0x40 or 0xEF exactly.
                let flagged = (i..b.len()).find(|&j| b[j] < 0x40 || b[j] == 0xEF);
                if let Some(j) = flagged
                    && i + (j - i) / 8 * 8 + 8 <= b.len()
                {
                    assert_eq!(got, j, "{t:?} at {i}");
                }
            }
        }
        assert!(skip_plain("长长长长长长".as_bytes(), 0) >= 8);
    }
}
