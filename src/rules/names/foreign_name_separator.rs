//! 音译人名中用句点代替了间隔号：`马克.吐温` → `马克·吐温`
//!
//! ## 检查什么
//! 当ASCII句点`.`或全角句点`．`（`U+FF0E`）位于两个汉字之间，且其周围是用于音译外国人名的字（`马克`、`吐温`、`约翰`、`伊丽莎白`、`阿卜杜勒`），两侧各至少一个、合计至少三个时，予以报告，并改为间隔号`·`（`U+00B7`）。
//!
//! ## 不报告的情形
//! - 汉字之间形似间隔号的符号`•`、`・`、`‧`、`∙`：这些由`punctuation/interpunct-form`处理；
//! - 复名中的连字符，译名保留这种写法：`让-保罗·萨特`；
//! - 小数和章节号（`3.5`、`第1.2节`），缩写和拉丁文字（`U.S.`），网址和电子邮件地址（已屏蔽）；
//! - 普通词语之间用于结束句子的句点（`完成任务.下一步`）：这类情况由`punctuation/halfwidth-in-cjk`和人工审读判断；本规则要求两侧都是音译用字。
//!
//! ## 修复
//! 安全修复：在音译用字之间，这个符号只能是间隔号。
//!
//! ## 依据
//! GB/T 15834—2011第4.14条：间隔号`·`用于分隔外国人名（`马克·吐温`、`列奥纳多·达·芬奇`）和某些少数民族人名的各部分。在这里用句点是输入失误：句点位于基线上，读起来像句子结束。

// English original of the user documentation above (developer notes):
//
// A full stop instead of the 间隔号 in a transliterated name: `马克.吐温` → `马克·吐温`.
//
// ## What it does
// Flags an ASCII full stop `.` or a full-width full stop `．` (U+FF0E)
// between two Han characters when the characters around it are
// transliteration characters — the ones used to write foreign names
// (`马克`, `吐温`, `约翰`, `伊丽莎白`, `阿卜杜勒`) — at least one on each side
// and at least three together, and replaces it with the 间隔号 `·` (U+00B7).
//
// ## Why
// GB/T 15834—2011 4.14: the 间隔号 `·` separates the parts of foreign names
// (`马克·吐温`, `列奥纳多·达·芬奇`) and of some minority names. A full
// stop there is a typing slip: it sits on the baseline and reads as the end
// of a sentence.
//
// ## What it leaves alone
// - the look-alikes `•`, `・`, `‧`, `∙` between Han characters: those are
//   `punctuation/interpunct-form`'s;
// - a hyphen in a compound given name, which translations keep:
//   `让-保罗·萨特`;
// - decimals and section numbers (`3.5`, `第1.2节`), abbreviations and
//   Latin text (`U.S.`), URLs and e-mail addresses (masked);
// - a full stop between ordinary words, which ends a sentence
//   (`完成任务.下一步`): `punctuation/halfwidth-in-cjk` and review decide
//   those; this rule needs transliteration characters on both sides.
//
// ## Fix safety
// Safe: between transliteration characters the mark can only be the
// 间隔号.

use crate::fix::{Applicability, Fix};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::chars::{char_at, char_before, is_han};

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(ForeignNameSeparator {
        emit: args.emitter(),
    }))
}

struct ForeignNameSeparator {
    emit: Emitter,
}

/// Characters of the transliteration of foreign personal names (after the
/// Xinhua name-translation tables): the syllables of `马克`, `约翰`,
/// `伊丽莎白`, `阿卜杜勒`, `弗拉基米尔`…
const TRANSLITERATION: &str = "阿埃艾爱安昂敖奥巴拜班邦鲍贝本比彼毕庇宾波玻伯勃博卜布\
查察柴楚茨措达戴丹道德登迪狄蒂丁东杜敦多铎厄恩尔法凡范菲斐费芬丰佛夫弗伏福富\
盖甘冈高戈哥格根古瓜圭果哈海汉豪赫亨洪胡华怀惠霍基吉加嘉迦贾简杰捷金晋久居\
卡凯坎康考柯科克肯库夸奎昆拉莱赖兰朗劳勒雷蕾黎里理丽利莉列林琳琪隆卢鲁路\
露伦罗洛吕马玛迈麦曼芒梅门蒙米密敏明莫默姆穆纳娜乃奈南内尼妮涅宁纽努诺欧\
帕潘庞佩彭皮珀普齐奇恰乔切钦琴琼丘萨塞赛桑瑟森沙莎尚绍舍申什施史舒斯松苏\
索塔泰坦汤唐陶特滕提廷图托吐瓦万旺威韦维温文翁沃乌伍西希锡席夏谢辛欣休\
雅亚扬耶伊依因英尤于约泽扎詹兹佐祖娅黛茜薇蒂杰迈贡喀赞津焦孔卓朱策丝黑\
霍伯翰汀芙洁琦瑞珊";

fn is_translit(c: char) -> bool {
    TRANSLITERATION.contains(c)
}

/// How many transliteration characters end at `i` (going left) or start
/// there (going right), up to six.
fn run(text: &str, i: usize, left: bool) -> usize {
    let mut n = 0;
    let mut at = i;
    while n < 6 {
        let c = if left {
            char_before(text, at)
        } else {
            char_at(text, at)
        };
        match c {
            Some(c) if is_translit(c) => {
                n += 1;
                if left {
                    at -= c.len_utf8();
                } else {
                    at += c.len_utf8();
                }
            }
            _ => break,
        }
    }
    n
}

impl Checker for ForeignNameSeparator {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let bytes = text.as_bytes();
        let fullwidth = memchr::memmem::Finder::new("．".as_bytes());
        let mut dots: Vec<(usize, usize)> = memchr::memchr_iter(b'.', bytes)
            .map(|p| (p, p + 1))
            .collect();
        dots.extend(fullwidth.find_iter(bytes).map(|p| (p, p + "．".len())));
        dots.sort_unstable();
        for (s, e) in dots {
            if !(char_before(text, s).is_some_and(is_han) && char_at(text, e).is_some_and(is_han)) {
                continue;
            }
            let (l, r) = (run(text, s, true), run(text, e, false));
            if l == 0 || r == 0 || l + r < 3 {
                continue;
            }
            let span = Span::new(s, e);
            out.push(
                self.emit
                    .at(span, &[("found", &text[s..e])])
                    .with_help("外国人名各部分之间用间隔号“·”")
                    .with_fix(Fix::replace(Applicability::Safe, span, "·")),
            );
        }
    }
}
