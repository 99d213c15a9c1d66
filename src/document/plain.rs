//! Plain text: the whole file is prose, each non-blank line a block.

use super::{Block, BlockKind, ProseView, SourceMap};
use crate::span::Span;

const BOM: &str = "\u{feff}";

pub(crate) fn read(source: &str) -> ProseView {
    let shift = if source.starts_with(BOM) {
        BOM.len()
    } else {
        0
    };
    let prose = &source[shift..];
    ProseView {
        text: None,
        map: SourceMap::identity(shift),
        blocks: line_blocks(prose, 0),
        directives: Vec::new(),
        masks: Vec::new(),
        date: None,
    }
}

/// Each non-blank line of `text` as a paragraph block, shifted by `base`.
/// Lines are found with SIMD `memchr`: this runs over every document.
pub(crate) fn line_blocks(text: &str, base: usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    for newline in ends {
        let end = start + text[start..newline].trim_end_matches('\r').len();
        if text[start..end].chars().any(|c| !c.is_whitespace()) {
            blocks.push(Block {
                span: Span::new(base + start, base + end),
                kind: BlockKind::Paragraph,
            });
        }
        start = newline + 1;
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_outside_the_prose() {
        let v = read("\u{feff}第一段\r\n\r\n第二段");
        assert_eq!(v.map.to_source(Span::new(0, 3)), Span::new(3, 6));
        assert_eq!(v.blocks.len(), 2);
        assert_eq!(v.blocks[0].span, Span::new(0, 9));
    }
}
