//! `guifan report` on Parquet findings (what the Spark job writes: one row
//! per finding, columns `id` or `path`, `group` or `site`, `rule`,
//! `severity`, `message`, `start`, `end`, `line`, `column`, `fix`, and
//! optionally `date`, `chars`, `context`; a row without `rule` describes a
//! document without findings).
//!
//! Read with the `parquet` crate's row reader, row group by row group (the
//! crate without Arrow and with Snappy only, Spark's default codec: a file
//! written with another codec is refused with the crate's message).

use guifan::audit::{DocumentFacts, Finding, Record, parse_date};
use miette::{Report, miette};
use parquet::file::reader::SerializedFileReader;
use parquet::record::Field;
use std::fs::File;
use std::path::Path;

/// Read the rows of one Parquet file, handing each record to `each`.
pub fn read(path: &Path, file: File, each: &mut dyn FnMut(Record)) -> Result<(), Report> {
    let reader = SerializedFileReader::try_from(file)
        .map_err(|e| miette!("{} 不是可读的 Parquet 文件：{e}", path.display()))?;
    for (n, row) in reader.into_iter().enumerate() {
        let row = row.map_err(|e| miette!("{}：第 {} 行：{e}", path.display(), n + 1))?;
        let record = record(row.get_column_iter())
            .map_err(|e| miette!("{}：第 {} 行：{e}", path.display(), n + 1))?;
        each(record);
    }
    Ok(())
}

fn text(v: &Field) -> Option<String> {
    match v {
        Field::Str(s) => Some(s.clone()),
        Field::Null => None,
        other => Some(other.to_string()),
    }
}

fn number(name: &str, v: &Field) -> Result<Option<u64>, String> {
    let n = match *v {
        Field::Null => return Ok(None),
        Field::Byte(n) => i64::from(n),
        Field::Short(n) => i64::from(n),
        Field::Int(n) => i64::from(n),
        Field::Long(n) => n,
        Field::UByte(n) => i64::from(n),
        Field::UShort(n) => i64::from(n),
        Field::UInt(n) => i64::from(n),
        Field::ULong(n) => i64::try_from(n).unwrap_or(i64::MAX),
        _ => return Err(format!("列 {name} 应为整数，却是 {v}")),
    };
    u64::try_from(n)
        .map(Some)
        .map_err(|_| format!("列 {name} 为负数：{n}"))
}

fn date(v: &Field) -> Result<Option<chrono::NaiveDate>, String> {
    match v {
        Field::Null => Ok(None),
        Field::Str(s) => parse_date(s),
        Field::Date(days) => Ok(chrono::NaiveDate::from_ymd_opt(1970, 1, 1)
            .and_then(|e| e.checked_add_signed(chrono::Duration::days(i64::from(*days))))),
        Field::TimestampMillis(ms) => {
            Ok(chrono::DateTime::from_timestamp_millis(*ms).map(|t| t.date_naive()))
        }
        Field::TimestampMicros(us) => {
            Ok(chrono::DateTime::from_timestamp_micros(*us).map(|t| t.date_naive()))
        }
        other => Err(format!("列 date 应为日期，却是 {other}")),
    }
}

fn record<'a>(columns: impl Iterator<Item = (&'a String, &'a Field)>) -> Result<Record, String> {
    let mut f = Finding::default();
    let mut rule = None;
    let mut id = None;
    let as_usize = |name: &str, v: &Field| -> Result<usize, String> {
        Ok(number(name, v)?.map_or(0, |n| usize::try_from(n).unwrap_or(usize::MAX)))
    };
    for (name, v) in columns {
        match name.as_str() {
            "id" | "path" => id = text(v),
            "group" | "site" => f.group = text(v),
            "rule" => rule = text(v),
            "severity" => f.severity = text(v).unwrap_or_default(),
            "message" => f.message = text(v).unwrap_or_default(),
            "start" => f.start = as_usize(name, v)?,
            "end" => f.end = as_usize(name, v)?,
            "line" => f.line = as_usize(name, v)?,
            "column" => f.column = as_usize(name, v)?,
            "fix" => f.fix = text(v),
            "date" => f.date = date(v)?,
            "chars" => f.chars = number(name, v)?,
            "context" => f.context = text(v),
            _ => {}
        }
    }
    f.id = id.ok_or("没有 id（或 path）列")?;
    let Some(rule) = rule else {
        return Ok(Record::Document(DocumentFacts {
            id: f.id,
            group: f.group,
            date: f.date,
            chars: f.chars,
        }));
    };
    f.rule = rule;
    if f.severity.is_empty() {
        f.severity = "warning".to_string();
    }
    Ok(Record::Finding(f))
}
