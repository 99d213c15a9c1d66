//! Word documents end to end: `fixtures/docx/report.docx` (made by
//! python-docx with `fixtures/docx/make.py`) checked as its text view,
//! fixed in place without touching anything but the text nodes, and every
//! kind of bad input answered with a per-file error and exit 2.

mod support;
use std::fs;
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/docx/report.docx")
}

use support::guifan;

use support::docx_text as text_view;

fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The diagnostics of a JSON report without their path.
fn findings(v: &serde_json::Value) -> Vec<serde_json::Value> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let mut d = d.clone();
            d.as_object_mut().unwrap().remove("path");
            d
        })
        .collect()
}

/// Every entry of a package: name, compression method and raw
/// (still compressed) bytes, in order.
fn entries(bytes: &[u8]) -> Vec<(String, String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index_raw(i).unwrap();
            let mut raw = Vec::new();
            f.read_to_end(&mut raw).unwrap();
            (f.name().to_string(), format!("{:?}", f.compression()), raw)
        })
        .collect()
}

fn entry(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// The XML with the content of every `w:t` node (and any
/// `xml:space="preserve"`) taken out: what must not change in a fix.
fn without_text(xml: &str) -> String {
    let xml = xml.replace(" xml:space=\"preserve\"", "");
    let mut out = String::new();
    let mut rest = xml.as_str();
    while let Some(i) = rest.find("<w:t>") {
        out.push_str(&rest[..i + 5]);
        let j = rest[i..].find("</w:t>").unwrap();
        rest = &rest[i + j..];
    }
    out.push_str(rest);
    out
}

#[test]
fn findings_are_those_of_the_text_view() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = fs::read(fixture()).unwrap();
    fs::write(dir.path().join("report.docx"), &bytes).unwrap();
    let view = text_view(&bytes);
    assert!(view.starts_with(
        "学院党委召开理论学习中心组(扩大)学习会\n会议强调,要深入学习贯彻党的二十大精神,"
    ));
    // Tabs, tables cell by cell, hyperlinks, inserted text, field results,
    // line breaks, header, footer, footnote; no deleted, hidden or field-code text.
    for part in [
        "会议地点\t𠮷祥楼",
        "详见学院官网,欢迎关注。",
        "\n姓名\n职务\n张明\n党委书记,院长\n",
        "会议要求各支部认真组织学习,抓好落实。",
        "本文共2页。",
        "联系人:王红\n电话:010-12345678",
        "学院新闻(内部资料)\n党委宣传部编印,仅供参考\n 材料来源于党委宣传部(内部)。",
    ] {
        assert!(view.contains(part), "{part:?} not in {view:?}");
    }
    for absent in ["删除的文字", "隐藏的文字", "NUMPAGES"] {
        assert!(!view.contains(absent), "{absent}");
    }
    fs::write(dir.path().join("report.txt"), &view).unwrap();
    let docx = guifan(dir.path())
        .args(["check", "--no-config", "--format", "json", "report.docx"])
        .output()
        .unwrap();
    let txt = guifan(dir.path())
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "--as-of",
            "2024-03-18",
        ])
        .arg("report.txt")
        .output()
        .unwrap();
    assert_eq!(docx.status.code(), Some(1));
    let (a, b) = (findings(&json(&docx)), findings(&json(&txt)));
    assert!(a.len() >= 10, "{a:?}");
    assert_eq!(a.len(), b.len());
    let position = |d: &serde_json::Value| {
        ["line", "column", "end_line", "end_column"].map(|k| d[k].as_u64().unwrap())
    };
    for (x, y) in a.iter().zip(&b) {
        let strip = |d: &serde_json::Value| {
            let mut d = d.clone();
            for k in ["line", "column", "end_line", "end_column"] {
                d.as_object_mut().unwrap().remove(k);
            }
            d
        };
        assert_eq!(strip(x), strip(y));
        // line = paragraph, column = character in it: the same as in the
        // text up to the paragraph with a manual line break (11, 联系人 /
        // 电话), one line less after it.
        let (px, py) = (position(x), position(y));
        if py[0] < 11 {
            assert_eq!(px, py);
        } else if py[0] > 12 {
            assert_eq!(px, [py[0] - 1, py[1], py[2] - 1, py[3]]);
        }
    }
    let first = &a[0];
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(1), Some(14))
    );
    // The colon after 电话, after the line break: paragraph 11, column 10
    // (the break counts as one character).
    let phone = view.find("电话:").unwrap() + "电话".len();
    let d = a.iter().find(|d| d["start"] == phone).unwrap();
    assert_eq!(position(d), [11, 10, 11, 11]);
    let d = b.iter().find(|d| d["start"] == phone).unwrap();
    assert_eq!(position(d), [12, 3, 12, 4]);
}

#[test]
fn json_files_entry_names_the_view_and_the_date() {
    let out = guifan(Path::new(env!("CARGO_MANIFEST_DIR")))
        .args(["check", "--no-config", "--format", "json", "--show-date"])
        .arg(fixture())
        .output()
        .unwrap();
    let v = json(&out);
    let f = &v["files"][0];
    assert_eq!(f["view"], "docx-text");
    assert_eq!(f["date"], "2024-03-18");
    assert_eq!(f["date_source"], "properties");
}

const FIXED: &str = "学院党委召开理论学习中心组（扩大）学习会
会议强调，要深入学习贯彻党的二十大精神，坚持以习近平新时代中国特色社会思想为指导。
会议地点\t𠮷祥楼三楼会议室，全体委员出席。
详见学院官网，欢迎关注。
姓名
职务
张明
党委书记，院长
会议要求各支部认真组织学习，抓好落实。
本文共2页。
联系人：王红
电话：010-12345678
学院新闻（内部资料）
党委宣传部编印，仅供参考
 材料来源于党委宣传部（内部）。";

#[test]
fn fix_edits_only_the_text_nodes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.docx");
    let before = fs::read(fixture()).unwrap();
    fs::write(&path, &before).unwrap();
    let out = guifan(dir.path())
        .args(["fix", "--no-config", "report.docx"])
        .output()
        .unwrap();
    // The unsafe terminology fix and the tab between Han characters remain.
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let after = fs::read(&path).unwrap();
    assert_eq!(text_view(&after), FIXED);

    // Same entries, same order, same methods; only the parts with prose
    // changed, and in them only the text of w:t nodes.
    let (old, new) = (entries(&before), entries(&after));
    assert_eq!(old.len(), new.len());
    for (o, n) in old.iter().zip(&new) {
        assert_eq!((&o.0, &o.1), (&n.0, &n.1));
        let prose = [
            "word/document.xml",
            "word/header1.xml",
            "word/footer1.xml",
            "word/footnotes.xml",
        ];
        if !prose.contains(&o.0.as_str()) {
            assert_eq!(o.2, n.2, "{} changed", o.0);
        }
    }
    for part in [
        "word/document.xml",
        "word/header1.xml",
        "word/footer1.xml",
        "word/footnotes.xml",
    ] {
        let (o, n) = (entry(&before, part), entry(&after, part));
        assert_ne!(o, n, "{part} not fixed");
        assert_eq!(without_text(&o), without_text(&n), "{part}");
    }
    // The word split across runs keeps both runs and their formatting.
    let xml = entry(&after, "word/document.xml");
    assert!(xml.contains("<w:r><w:rPr><w:b/></w:rPr><w:t>会议强调，要深入学习贯彻党的二十大精</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>神，坚持"));
    // Deleted and hidden text are left alone.
    assert!(xml.contains("删除的文字,") && xml.contains("隐藏的文字,不检查"));

    // A second fix changes nothing.
    let out = guifan(dir.path())
        .args(["fix", "--no-config", "report.docx"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(fs::read(&path).unwrap(), after);
}

#[test]
fn check_diff_shows_the_text_view() {
    let out = guifan(Path::new(env!("CARGO_MANIFEST_DIR")))
        .args(["check", "--no-config", "--diff"])
        .arg(fixture())
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("-会议强调,要深入学习贯彻党的二十大精神,"), "{s}");
    assert!(
        s.contains("+会议强调，要深入学习贯彻党的二十大精神，"),
        "{s}"
    );
}

fn package(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    for (name, body) in entries {
        w.start_file(*name, o).unwrap();
        w.write_all(body).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn bad_documents_are_per_file_errors() {
    let good = fs::read(fixture()).unwrap();
    let doc = |body: &str| {
        format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body>{body}</w:body></w:document>"#
        )
    };
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    let bomb_xml = doc(&format!(
        "<w:p><w:r><w:t>{}</w:t></w:r></w:p>",
        " ".repeat(8 << 20)
    ));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "truncated.docx",
            good[..good.len() / 2].to_vec(),
            "不是有效的 .docx 文件",
        ),
        ("empty.docx", Vec::new(), "不是有效的 .docx 文件"),
        (
            "no-document.docx",
            package(&[("[Content_Types].xml", b"<Types/>")]),
            "没有 word/document.xml",
        ),
        ("encrypted.docx", ole, "受密码保护"),
        (
            "bomb.docx",
            package(&[("word/document.xml", bomb_xml.as_bytes())]),
            "疑似压缩炸弹",
        ),
        (
            "malformed.docx",
            package(&[(
                "word/document.xml",
                doc("<w:p><w:r><w:t>会议</w:r></w:p>").as_bytes(),
            )]),
            "不是格式正确的 XML",
        ),
        (
            "old.doc",
            b"\xD0\xCF\x11\xE0 legacy".to_vec(),
            "请另存为 .docx 后再检查",
        ),
        ("old.wps", b"legacy".to_vec(), "请另存为 .docx 后再检查"),
    ];
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("ok.txt"), "会议指出,要深入学习。\n").unwrap();
    for (name, bytes, _) in &cases {
        fs::write(dir.path().join(name), bytes).unwrap();
    }
    for command in ["check", "fix"] {
        for (name, bytes, message) in &cases {
            let out = guifan(dir.path())
                .args([command, "--no-config", name, "ok.txt"])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{name}");
            let all = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(all.contains(name) && all.contains(message), "{name}: {all}");
            // The other file is still checked.
            assert!(
                all.contains("检查了 1 个文件") || all.contains("已修复"),
                "{all}"
            );
            assert_eq!(
                &fs::read(dir.path().join(name)).unwrap(),
                bytes,
                "{name} written"
            );
        }
        fs::write(dir.path().join("ok.txt"), "会议指出,要深入学习。\n").unwrap();
    }
    // A small --max-file-size bounds the decompressed size as well.
    let out = guifan(dir.path())
        .args(["check", "--no-config", "--max-file-size", "20KiB"])
        .arg(fixture())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("--max-file-size"));
}

#[test]
fn walks_take_docx_and_report_legacy_documents() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(fixture(), dir.path().join("a.docx")).unwrap();
    fs::write(dir.path().join("b.doc"), b"\xD0\xCF\x11\xE0").unwrap();
    fs::write(dir.path().join("c.txt"), "会议指出,要深入学习。\n").unwrap();
    fs::write(dir.path().join("d.xls"), b"\xD0\xCF\x11\xE0").unwrap();
    let out = guifan(dir.path())
        .args(["check", "--no-config", "--format", "json", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v = json(&out);
    let paths: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert!(
        paths.contains(&"a.docx") && paths.contains(&"c.txt"),
        "{paths:?}"
    );
    let errors = v["file_errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["path"], "b.doc");
    assert!(
        errors[0]["error"]
            .as_str()
            .unwrap()
            .contains("请另存为 .docx 后再检查")
    );
}

#[test]
fn fix_can_write_tracked_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.docx");
    let before = fs::read(fixture()).unwrap();
    fs::write(&path, &before).unwrap();
    let run = || {
        guifan(dir.path())
            .args(["fix", "--no-config", "--track-changes", "report.docx"])
            .output()
            .unwrap()
    };
    assert_eq!(run().status.code(), Some(1));
    let after = fs::read(&path).unwrap();
    // Inserted text counts, deleted text does not: the view is the fixed one.
    assert_eq!(text_view(&after), FIXED);
    let xml = entry(&after, "word/document.xml");
    assert!(xml.contains(r#"<w:delText xml:space="preserve">,</w:delText>"#));
    assert!(xml.contains(r#"w:author="guifan""#));
    let (old, new) = (entries(&before), entries(&after));
    assert_eq!(old.len(), new.len());
    for (o, n) in old.iter().zip(&new) {
        assert_eq!((&o.0, &o.1), (&n.0, &n.1));
        if !o.0.starts_with("word/document")
            && !o.0.starts_with("word/header")
            && !o.0.starts_with("word/footer")
            && !o.0.starts_with("word/footnotes")
        {
            assert_eq!(o.2, n.2, "{} changed", o.0);
        }
    }
    assert_eq!(run().status.code(), Some(1));
    assert_eq!(fs::read(&path).unwrap(), after);
}

/// The `w:comment` elements of a package's comments part: (id, text).
fn comments_of(bytes: &[u8]) -> Vec<(u64, String)> {
    let xml = entry(bytes, "word/comments.xml");
    let mut out = Vec::new();
    let mut rest = xml.as_str();
    while let Some(i) = rest.find("<w:comment ") {
        rest = &rest[i..];
        let id_at = rest.find("w:id=\"").unwrap() + 6;
        let id_len = rest[id_at..].find('"').unwrap();
        let id: u64 = rest[id_at..id_at + id_len].parse().unwrap();
        let end = rest.find("</w:comment>").unwrap();
        let mut text = String::new();
        let mut body = &rest[..end];
        while let Some(t) = body.find("<w:t xml:space=\"preserve\">") {
            body = &body[t + 26..];
            let e = body.find("</w:t>").unwrap();
            text.push_str(&body[..e]);
            text.push('\n');
            body = &body[e..];
        }
        out.push((id, text));
        rest = &rest[end..];
    }
    out
}

#[test]
fn annotate_writes_word_comments_at_findings() {
    let dir = tempfile::tempdir().unwrap();
    let before = fs::read(fixture()).unwrap();
    fs::write(dir.path().join("report.docx"), &before).unwrap();
    let out = guifan(dir.path())
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "--annotate",
            "-o",
            "reviewed.docx",
            "report.docx",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("已写入批注版 reviewed.docx：1 条批注"),
        "{stderr}"
    );
    let all = findings(&json(&out));
    assert_eq!(fs::read(dir.path().join("report.docx")).unwrap(), before);
    let reviewed = fs::read(dir.path().join("reviewed.docx")).unwrap();

    // The one finding without a safe fix is commented, around its exact
    // characters: the run is split there and keeps its formatting.
    let unfixed: Vec<_> = all
        .iter()
        .filter(|d| d["fix"].is_null() || d["fix"]["applicability"] != "safe")
        .collect();
    assert_eq!(unfixed.len(), 1, "{unfixed:?}");
    let comments = comments_of(&reviewed);
    assert_eq!(comments.len(), 1);
    let (id, text) = &comments[0];
    assert_eq!(*id, 3, "above the document's tracked-change ids");
    assert!(text.starts_with(unfixed[0]["message"].as_str().unwrap()));
    assert!(text.contains(&format!("建议：{}", unfixed[0]["help"].as_str().unwrap())));
    assert!(
        text.contains("规则：terminology/canonical-near-miss（错误）"),
        "{text}"
    );
    let comments_xml = entry(&reviewed, "word/comments.xml");
    assert!(comments_xml.contains(r#"w:author="guifan""#) && comments_xml.contains("w:date=\""));
    let xml = entry(&reviewed, "word/document.xml");
    assert!(xml.contains(r#"<w:r><w:rPr><w:i/></w:rPr><w:t>神,坚持以</w:t></w:r><w:commentRangeStart w:id="3"/><w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">习近平新时代中国特色社会思想</w:t></w:r><w:commentRangeEnd w:id="3"/><w:r><w:commentReference w:id="3"/></w:r><w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">为指导。</w:t></w:r>"#), "{xml}");

    // The package: its part, relationship and content type; every other
    // entry as it was, in the same order; the text view unchanged.
    let (old, new) = (entries(&before), entries(&reviewed));
    assert_eq!(new.len(), old.len() + 1);
    assert_eq!(new.last().unwrap().0, "word/comments.xml");
    for (o, n) in old.iter().zip(&new) {
        assert_eq!((&o.0, &o.1), (&n.0, &n.1));
        if ![
            "word/document.xml",
            "word/_rels/document.xml.rels",
            "[Content_Types].xml",
        ]
        .contains(&o.0.as_str())
        {
            assert_eq!(o.2, n.2, "{} changed", o.0);
        }
    }
    let rels = entry(&reviewed, "word/_rels/document.xml.rels");
    assert!(rels.contains(r#"<Relationship Id="rId13" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>"#), "{rels}");
    let types = entry(&reviewed, "[Content_Types].xml");
    assert!(types.contains(r#"<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>"#), "{types}");
    assert_eq!(text_view(&reviewed), text_view(&before));

    // Comments are not prose: the reviewed copy has the same findings.
    let again = guifan(dir.path())
        .args(["check", "--no-config", "--format", "json", "reviewed.docx"])
        .output()
        .unwrap();
    assert_eq!(findings(&json(&again)), all);

    // --annotate=all: a comment per finding; a document that already has
    // comments gets more in the same part, with fresh ids.
    let out = guifan(dir.path())
        .args([
            "check",
            "--no-config",
            "--annotate=all",
            "-o",
            "twice.docx",
            "reviewed.docx",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let twice = fs::read(dir.path().join("twice.docx")).unwrap();
    let comments = comments_of(&twice);
    assert_eq!(comments.len(), 1 + all.len());
    let mut ids: Vec<u64> = comments.iter().map(|c| c.0).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), comments.len(), "ids not unique: {comments:?}");
    for d in &all {
        let rule = d["rule"].as_str().unwrap();
        assert!(
            comments.iter().any(|c| c.1.contains(rule)),
            "{rule} not commented"
        );
    }
    let rels = entry(&twice, "word/_rels/document.xml.rels");
    assert_eq!(rels.matches("relationships/comments\"").count(), 1);
    assert_eq!(entries(&twice).len(), entries(&reviewed).len());
    let xml = entry(&twice, "word/document.xml");
    for (id, _) in &comments {
        for mark in ["commentRangeStart", "commentRangeEnd", "commentReference"] {
            assert_eq!(
                xml.matches(&format!("<w:{mark} w:id=\"{id}\"/>")).count(),
                1,
                "{mark} {id}"
            );
        }
    }
    // The header, footer and footnote findings are anchored at the start
    // of the body and say where they are.
    for place in ["页眉", "页脚", "脚注"] {
        assert!(
            comments
                .iter()
                .any(|c| c.1.contains(&format!("（此问题位于{place}）"))),
            "{place}"
        );
    }
    assert!(!entry(&twice, "word/footnotes.xml").contains("comment"));
}

#[test]
fn annotate_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(fixture(), dir.path().join("report.docx")).unwrap();
    fs::write(dir.path().join("a.txt"), "会议指出,要深入学习。\n").unwrap();
    for (args, message) in [
        (
            &["--annotate", "report.docx"][..],
            "--annotate 需要用 -o 指定批注版文件的保存位置",
        ),
        (
            &["--annotate", "-o", "x.docx", "a.txt"][..],
            "--annotate 只适用于 Word 文档（.docx）：a.txt 不是 .docx 文件",
        ),
        (
            &["--annotate", "-o", "report.docx", "report.docx"][..],
            "-o 不能是输入文件本身",
        ),
        (
            &["--annotate", "-o", "./x/../report.docx", "report.docx"][..],
            "-o 不能是输入文件本身",
        ),
        (
            &["--annotate", "-o", "x.docx", "report.docx", "a.txt"][..],
            "--annotate 一次只处理一个 .docx 文件",
        ),
    ] {
        let out = guifan(dir.path())
            .args(["check", "--no-config"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
    assert!(!dir.path().join("x.docx").exists());
    assert_eq!(
        fs::read(dir.path().join("report.docx")).unwrap(),
        fs::read(fixture()).unwrap()
    );
    // A broken document: a per-file error, nothing written.
    fs::write(dir.path().join("bad.docx"), b"PK\x03\x04junk").unwrap();
    let out = guifan(dir.path())
        .args([
            "check",
            "--no-config",
            "--annotate",
            "-o",
            "x.docx",
            "bad.docx",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("不是有效的 .docx 文件"));
    assert!(!dir.path().join("x.docx").exists());
}
