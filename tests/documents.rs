//! The Markdown and HTML readers: prose views of our fixtures, the source-map
//! invariants on real documents (the 62 saved web pages, the zhlint cases),
//! findings mapped back to the exact source bytes, suppression comments.
//! The tests on the saved pages and the zhlint cases are corpus tests
//! (ignored by default, see `support`).

use chrono::NaiveDate;
use guifan::document::{BlockKind, ChunkKind};
use guifan::{Document, DocumentOptions, Format, Span, default_linter};
use std::path::Path;
use std::time::Instant;

mod support;

const HALFWIDTH: &str = "punctuation/halfwidth-in-cjk";

fn options(format: Format) -> DocumentOptions {
    DocumentOptions::new(format, NaiveDate::from_ymd_opt(2024, 6, 1).unwrap())
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/documents")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn html_pages() -> Vec<(String, String)> {
    let dir = support::shared_path("corpus/web-pages-html");
    let mut pages: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, String::from_utf8_lossy(&bytes).into_owned())
        })
        .collect();
    pages.sort();
    pages
}

fn zhlint_inputs() -> Vec<String> {
    let text = support::read_shared("peer/zhlint-cases.jsonl");
    let inputs: Vec<String> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("input").and_then(|i| i.as_str()).map(str::to_string))
        .collect();
    assert!(
        !inputs.is_empty(),
        "no zhlint inputs in peer/zhlint-cases.jsonl"
    );
    inputs
}

/// Every structural invariant of a prose view.
fn check_invariants(doc: &Document, what: &str) {
    let source = doc.source();
    let prose = doc.prose();
    let map = doc.source_map();
    if !map.is_identity() {
        let mut next = 0;
        for c in map.chunks() {
            assert_eq!(c.prose_start, next, "{what}: chunks leave a gap at {next}");
            next = c.prose_start + c.prose_len;
            assert!(prose.is_char_boundary(c.prose_start) && prose.is_char_boundary(next));
            match c.kind {
                ChunkKind::Verbatim => assert_eq!(
                    &prose.as_bytes()[c.prose_start..next],
                    &source.as_bytes()[c.source_start..c.source_start + c.prose_len],
                    "{what}: verbatim chunk {c:?} differs from its source"
                ),
                ChunkKind::Replaced { source_len } => {
                    assert!(source_len > 0, "{what}: empty replaced chunk");
                    assert!(source.is_char_boundary(c.source_start));
                    assert!(source.is_char_boundary(c.source_start + source_len));
                }
                ChunkKind::Synthetic => assert!(c.source_start <= source.len()),
            }
        }
        assert_eq!(next, prose.len(), "{what}: chunks do not cover the prose");
    }
    let mut end = 0;
    for b in doc.blocks() {
        assert!(
            b.span.start >= end,
            "{what}: blocks overlap or are unsorted"
        );
        assert!(b.span.start < b.span.end && b.span.end <= prose.len());
        let text = &prose[b.span.range()];
        assert_eq!(text, text.trim(), "{what}: block not trimmed");
        end = b.span.end;
    }
    for m in doc.masks() {
        assert!(m.end <= prose.len());
    }
}

/// Blocks as `Kind<TAB>text`, newlines as ⏎, NBSP as ␣, inline code as {code}.
fn block_listing(doc: &Document) -> String {
    let mut out = String::new();
    for b in doc.blocks() {
        let text = doc.prose()[b.span.range()]
            .replace('\n', "⏎")
            .replace('\u{a0}', "␣")
            .replace('\u{fffc}', "{code}");
        out.push_str(&format!("{:?}\t{text}\n", b.kind));
    }
    out
}

fn assert_listing(doc: &Document, expected_file: &str) {
    let expected = fixture(expected_file);
    let got = block_listing(doc);
    assert_eq!(
        got, expected,
        "prose blocks differ from {expected_file}:\n{got}"
    );
}

/// Source text of each diagnostic of `rule`, with its line.
/// The source bytes each fix edit of `rule` replaces, with their line: one
/// entry per flagged mark (a parenthesis pair is one finding with two edits).
fn flagged(doc: &Document, rule: &str) -> Vec<(usize, String)> {
    let linter = default_linter().unwrap();
    linter
        .check(doc)
        .into_iter()
        .filter(|d| d.rule == rule)
        .flat_map(|d| d.fix.map(|f| f.edits).unwrap_or_default())
        .map(|e| {
            (
                doc.line_col(e.span.start).line,
                doc.source()[e.span.range()].to_string(),
            )
        })
        .collect()
}

#[test]
fn markdown_fixture_prose_view() {
    let doc = Document::new(fixture("report.md"), &options(Format::Markdown));
    check_invariants(&doc, "report.md");
    assert_listing(&doc, "report.md.blocks");
    assert!(!doc.prose().contains("半角逗号"), "code block leaked");
    assert!(!doc.prose().contains("example.edu.cn"), "link URL leaked");
    assert!(!doc.prose().contains("title:"), "front matter leaked");
    assert!(!doc.prose().contains("会议现场"), "image alt text leaked");
    assert_eq!(doc.directives().len(), 1);
    // The date comes from the front matter.
    assert_eq!(
        doc.date().date,
        NaiveDate::from_ymd_opt(2024, 3, 5).unwrap()
    );
    assert_eq!(doc.date().source, guifan::document::DateSource::Metadata);
}

#[test]
fn markdown_crlf_matches_lf() {
    let lf = fixture("report.md");
    let crlf = lf.replace('\n', "\r\n");
    let a = Document::new(lf, &options(Format::Markdown));
    let b = Document::new(crlf, &options(Format::Markdown));
    check_invariants(&b, "report.md (CRLF)");
    assert_eq!(a.prose(), b.prose());
    assert_eq!(block_listing(&a), block_listing(&b));
    let fa: Vec<String> = flagged(&a, HALFWIDTH).into_iter().map(|f| f.1).collect();
    let fb = flagged(&b, HALFWIDTH);
    assert_eq!(fa.len(), fb.len());
    for (_, text) in fb {
        assert_eq!(text.len(), 1, "CRLF finding covers {text:?}");
    }
}

#[test]
fn html_fixture_prose_view() {
    let doc = Document::new(fixture("report.html"), &options(Format::Html));
    check_invariants(&doc, "report.html");
    assert_listing(&doc, "report.html.blocks");
    for leaked in [
        "font-family",
        "config",
        "代码块",
        "请启用脚本",
        "图标",
        "脚本,文字",
        "新闻,动态",
    ] {
        assert!(!doc.prose().contains(leaked), "{leaked} leaked into prose");
    }
    // The date comes from the page's metadata line.
    assert_eq!(
        doc.date().date,
        NaiveDate::from_ymd_opt(2024, 3, 5).unwrap()
    );
}

#[test]
fn markdown_findings_map_to_source_bytes_and_directives_apply() {
    let doc = Document::new(fixture("report.md"), &options(Format::Markdown));
    let found = flagged(&doc, HALFWIDTH);
    let lines: Vec<usize> = found.iter().map(|f| f.0).collect();
    let marks: String = found.iter().map(|f| f.1.as_str()).collect();
    // Lines are 1-based; the front matter, the URL, the code block and the
    // image hold half-width marks too, none reported; line 28 is under
    // `guifan-disable-next-line`.
    // Line 13: `(…);` — the `;` after a converted `)` is Chinese context.
    assert_eq!(lines, [8, 8, 11, 11, 13, 13, 13, 16, 20, 30]);
    assert_eq!(marks, ",,:,();,,,");
}

#[test]
fn html_findings_map_to_source_bytes_and_directives_apply() {
    let doc = Document::new(fixture("report.html"), &options(Format::Html));
    let found = flagged(&doc, HALFWIDTH);
    let lines: Vec<usize> = found.iter().map(|f| f.0).collect();
    let marks: String = found.iter().map(|f| f.1.as_str()).collect();
    // Line 20 is between guifan-disable/enable; scripts, styles, attributes,
    // <pre>, <noscript> and <svg> are never read.
    assert_eq!(lines, [12, 12, 14, 14, 15, 15, 15, 17, 17, 17, 18, 22]);
    assert_eq!(marks, "::,,:,,();,,");
}

#[test]
fn html_fix_edits_only_the_marks() {
    let linter = default_linter().unwrap();
    let src = fixture("report.html");
    let out = linter.fix(&src, &options(Format::Html), guifan::Applicability::Safe);
    assert!(out.converged);
    let fixed = &out.text;
    assert!(fixed.contains("工作报告<b>，</b>党委书记"));
    assert!(fixed.contains("发布时间：2024-03-05&nbsp;&nbsp;来源："));
    assert!(fixed.contains("这一段的逗号,被注释豁免"));
    assert!(fixed.contains("{a: 1, b: \"中文,中文\"}"));
    assert!(fixed.contains("title=\"新闻,动态\""));
    // Only the flagged marks changed: same text once full-width marks are narrowed.
    let narrowed: String = fixed
        .chars()
        .map(|c| match c {
            '，' => ',',
            '：' => ':',
            '；' => ';',
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect();
    // The navigation line is site chrome: its text goes, its tags stay.
    let expected = src
        .replace(">首页</a> | <a", "></a><a")
        .replace(">新闻动态</a>", "></a>");
    assert_eq!(narrowed, expected);
    assert!(
        out.remaining.iter().all(|d| d.rule != HALFWIDTH),
        "{:?}",
        out.remaining
    );
}

#[test]
fn suppression_end_to_end() {
    let linter = default_linter().unwrap();
    let md = "第一段,报告。\n\n<!-- guifan-disable-next-line punctuation/halfwidth-in-cjk -->\n第二段,豁免。\n\n\
              <!-- guifan-disable-next-line dates -->\n第三段,其他规则的豁免不影响。\n\n\
              <!-- guifan-disable punctuation -->\n第四段,豁免。\n\n第五段,豁免。\n\n<!-- guifan-enable -->\n第六段,报告。\n";
    let doc = Document::new(md, &options(Format::Markdown));
    let lines: Vec<usize> = linter
        .check(&doc)
        .iter()
        .filter(|d| d.rule == HALFWIDTH)
        .map(|d| doc.line_col(d.span.start).line)
        .collect();
    assert_eq!(lines, [1, 7, 15]);

    let html = "<p>第一段,报告。</p>\n<!-- guifan-disable punctuation/halfwidth-in-cjk -->\n<p>第二段,豁免。</p>\n\
                <!-- guifan-enable punctuation/halfwidth-in-cjk -->\n<p>第三段,报告。</p>\n";
    let doc = Document::new(html, &options(Format::Html));
    let lines: Vec<usize> = linter
        .check(&doc)
        .iter()
        .filter(|d| d.rule == HALFWIDTH)
        .map(|d| doc.line_col(d.span.start).line)
        .collect();
    assert_eq!(lines, [1, 5]);
}

#[test]
#[ignore = "corpus: needs ../shared/peer (or GUIFAN_SHARED); run with: cargo test --release -- --ignored"]
fn zhlint_cases_as_markdown_keep_the_invariants() {
    let inputs = zhlint_inputs();
    for (i, input) in inputs.iter().enumerate() {
        for format in [Format::Markdown, Format::Html] {
            let doc = Document::new(input.as_str(), &options(format));
            check_invariants(&doc, &format!("zhlint case {i} as {format:?}"));
        }
    }
    println!("{} zhlint inputs read as Markdown and HTML", inputs.len());
}

/// Sorted byte offsets where each needle starts (ASCII case-insensitive).
fn positions(haystack_lower: &str, needle: &str) -> Vec<usize> {
    haystack_lower
        .match_indices(needle)
        .map(|(i, _)| i)
        .collect()
}

/// The last element of `sorted` that is `< at`.
fn last_before(sorted: &[usize], at: usize) -> Option<usize> {
    let i = sorted.partition_point(|&p| p < at);
    i.checked_sub(1).map(|i| sorted[i])
}

#[test]
#[ignore = "corpus: needs ../shared/corpus (or GUIFAN_SHARED); run with: cargo test --release -- --ignored"]
fn web_pages_read_prose_only() {
    let pages = html_pages();
    let linter = default_linter().unwrap();
    let mut total = 0;
    let mut slowest = (String::new(), 0.0f64, 0usize);
    for (name, source) in &pages {
        let started = Instant::now();
        let doc = Document::new(source.as_str(), &options(Format::Html));
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        if source.len() > slowest.2 {
            slowest = (name.clone(), ms, source.len());
        }
        check_invariants(&doc, name);
        assert!(!doc.blocks().is_empty(), "{name}: no prose found");

        // Independent view of the markup: the last '<' / '>' before an offset
        // says whether it is inside a tag; <script>/<style> by their tags.
        let lower = source.to_ascii_lowercase();
        let lt = positions(&lower, "<");
        let gt = positions(&lower, ">");
        let raw: Vec<(Vec<usize>, Vec<usize>)> = ["script", "style"]
            .iter()
            .map(|t| {
                (
                    positions(&lower, &format!("<{t}")),
                    positions(&lower, &format!("</{t}")),
                )
            })
            .collect();

        let diagnostics = linter.check(&doc);
        let mut count = 0;
        for d in &diagnostics {
            let at = d.span.start;
            let text = &source[d.span.range()];
            if d.rule == HALFWIDTH {
                count += 1;
                // Each edit replaces exactly one half-width mark (a pair of
                // parentheses is one finding with two edits), with the spaces
                // a pause mark takes along inside its line; where a tag
                // separates the mark from those spaces, they are deleted by
                // an edit of their own and the tag stays.
                for e in d.fix.iter().flat_map(|f| &f.edits) {
                    let edited = &source[e.span.range()];
                    let mark = edited.trim_matches([' ', '\t', '\u{a0}', '\u{3000}']);
                    let spaces_only =
                        mark.is_empty() && !edited.is_empty() && e.replacement.is_empty();
                    assert!(
                        spaces_only
                            || matches!(mark, "," | ";" | ":" | "!" | "?" | "(" | ")" | "."),
                        "{name}: {HALFWIDTH} edits {mark:?} at {}",
                        e.span.start
                    );
                }
            }
            let open = last_before(&lt, at);
            let close = last_before(&gt, at);
            assert!(
                open.is_none() || close > open,
                "{name}: finding at {at} ({text:?}) is inside a tag: {:?}",
                &source[open.unwrap()..(at + 1).min(source.len())]
            );
            for (starts, ends) in &raw {
                if let Some(s) = last_before(starts, at) {
                    assert!(
                        last_before(ends, at).is_some_and(|e| e > s),
                        "{name}: finding at {at} is inside a script or style element"
                    );
                }
            }
        }
        println!("{name:<28} {:>8} bytes {count:>4} findings", source.len());
        total += count;
    }
    println!(
        "{} pages, {total} {HALFWIDTH} findings; largest page {} ({} bytes) read in {:.1} ms",
        pages.len(),
        slowest.0,
        slowest.2,
        slowest.1
    );
    assert_eq!(pages.len(), 62);
}

#[test]
#[ignore = "corpus: needs ../shared/corpus (or GUIFAN_SHARED); run with: cargo test --release -- --ignored"]
fn web_pages_as_markdown_do_not_panic() {
    let pages = html_pages();
    assert_eq!(pages.len(), 62);
    for (name, source) in pages {
        let doc = Document::new(source.as_str(), &options(Format::Markdown));
        check_invariants(&doc, &format!("{name} as Markdown"));
    }
}

#[test]
fn html_inline_code_and_entities_do_not_glue_or_shift() {
    let src = "<p>中文<code>x</code>,中文&nbsp;,中文&amp;(说明)</p>";
    let doc = Document::new(src, &options(Format::Html));
    check_invariants(&doc, "inline");
    assert_eq!(doc.prose(), "中文\u{fffc},中文\u{a0},中文&(说明)");
    let found = flagged(&doc, HALFWIDTH);
    // A pause mark's fix takes the no-break space before it along (as
    // `punctuation/space-around-fullwidth` would report it next to `，`):
    // the entity is prose, not markup.
    for (_, text) in &found {
        let mark = text.strip_prefix("&nbsp;").unwrap_or(text);
        assert!(matches!(mark, "," | "(" | ")"), "{text:?}");
    }
    // The comma after the code placeholder touches no Chinese on its left
    // through the mask, but the one after `&nbsp;` does.
    assert!(found.len() >= 2, "{found:?}");
}

#[test]
fn blocks_separate_table_cells_and_list_items() {
    let md = "| 甲 | 乙 |\n|---|---|\n| 丙 | 丁 |\n\n1. 一\n2. 二\n";
    let doc = Document::new(md, &options(Format::Markdown));
    let kinds: Vec<BlockKind> = doc.blocks().iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds.iter().filter(|k| **k == BlockKind::TableCell).count(),
        4
    );
    assert_eq!(
        kinds.iter().filter(|k| **k == BlockKind::ListItem).count(),
        2
    );
    // Adjacent cells never glue: a synthetic newline sits between them.
    assert!(doc.prose().contains("甲\n乙"));
    let map = doc.source_map();
    let at = doc.prose().find("\n乙").unwrap();
    assert_eq!(map.edit_to_source(Span::new(at, at + 1)), None);
}

/// Tag soup and Markdown debris, stitched together at random (fixed seed):
/// neither reader may panic or break an invariant on any of it.
#[test]
fn random_markup_keeps_the_invariants() {
    const PIECES: &[&str] = &[
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<b>",
        "</b>",
        "<code>",
        "</code>",
        "<pre>",
        "</pre>",
        "<script>",
        "</script>",
        "<style>",
        "</style>",
        "<svg/>",
        "<svg>",
        "</svg>",
        "<title>",
        "</title>",
        "<head>",
        "</head>",
        "<body>",
        "<br>",
        "<li>",
        "<td>",
        "<!--",
        "-->",
        "<!-- guifan-disable -->",
        "<![CDATA[",
        "]]>",
        "&amp;",
        "&nbsp;",
        "&#x4E2D;",
        "&#",
        "&",
        "&copy",
        "&ldquo;",
        "<",
        ">",
        "\"",
        "'",
        "=",
        " ",
        "\n",
        "\r\n",
        "\t",
        "中文",
        ",",
        "：",
        "`",
        "```\n",
        "    ",
        "# ",
        "- ",
        "> ",
        "| a | b |\n|---|---|\n",
        "*",
        "**",
        "_",
        "\\",
        "\\*",
        "[",
        "](",
        ")",
        "![",
        "---\n",
        "+++\n",
        "<a href=\"x,y\">",
        "</a>",
        "\u{feff}",
        "\u{0}",
        "<plaintext>",
        "<textarea>",
        "</textarea>",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let linter = default_linter().unwrap();
    for case in 0..1500 {
        let len = (next() % 40) as usize;
        let text: String = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        for format in [Format::Html, Format::Markdown] {
            let doc = Document::new(text.as_str(), &options(format));
            check_invariants(&doc, &format!("random case {case} as {format:?}: {text:?}"));
            for d in linter.check(&doc) {
                assert!(d.span.end <= text.len());
                assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
            }
        }
    }
}
