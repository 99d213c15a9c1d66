//! Turning the bytes of a file into text, or a precise reason why not.
//!
//! guifan reads UTF-8 only (with or without BOM). Anything else is an error
//! for that one file: the message says what the bytes most likely are, so the
//! editor knows to re-save the draft as UTF-8, and the run goes on.

use std::fmt;

/// Why the bytes of a file are not UTF-8 text; `Display` gives the Chinese
/// message shown to users.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes or other signs of a binary file.
    Binary,
    /// A UTF-16 byte-order mark.
    Utf16,
    /// Invalid UTF-8 at `offset`; `guess` names a likely legacy encoding.
    NotUtf8 {
        /// Byte offset of the first invalid byte (the length of the valid UTF-8 prefix).
        offset: usize,
        /// 1-based line of that byte.
        line: usize,
        /// The legacy encoding the bytes decode cleanly as (`GBK/GB18030` or
        /// `Big5`, tried on the first 64 KiB); `None` when neither fits.
        guess: Option<&'static str>,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary => write!(f, "不是文本文件（含有二进制数据），已跳过"),
            DecodeError::Utf16 => {
                write!(f, "文件为 UTF-16 编码，guifan 只读取 UTF-8：请另存为 UTF-8")
            }
            DecodeError::NotUtf8 {
                offset,
                line,
                guess,
            } => {
                write!(
                    f,
                    "不是有效的 UTF-8 文本（第 {line} 行，字节偏移 {offset}）"
                )?;
                if let Some(g) = guess {
                    write!(f, "，看起来是 {g} 编码")?;
                }
                write!(f, "：请另存为 UTF-8")
            }
        }
    }
}

impl std::error::Error for DecodeError {}

/// `bytes` as text when they are UTF-8, validated with SIMD; the bytes back
/// otherwise. The standard library's validation goes byte by byte through
/// Chinese text (about a tenth of a second for 50 MB, as much as the whole
/// punctuation family), so it is kept for invalid text, where its error
/// offset is wanted.
#[allow(unsafe_code)]
fn utf8_string(bytes: Vec<u8>) -> Result<String, Vec<u8>> {
    match simdutf8::basic::from_utf8(&bytes) {
        // SAFETY: `simdutf8` has just validated every byte of `bytes` as
        // UTF-8, and `bytes` is not changed in between.
        Ok(_) => Ok(unsafe { String::from_utf8_unchecked(bytes) }),
        Err(_) => Err(bytes),
    }
}

/// Decode `bytes` as UTF-8 (a leading BOM is kept in the text so that
/// offsets stay offsets into the file).
pub fn decode(bytes: Vec<u8>) -> Result<String, DecodeError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(DecodeError::Utf16);
    }
    let bytes = match utf8_string(bytes) {
        Ok(text) if memchr::memchr(0, text.as_bytes()).is_some() => {
            return Err(DecodeError::Binary);
        }
        Ok(text) => return Ok(text),
        Err(bytes) => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(text) => {
            if text.as_bytes().contains(&0) {
                Err(DecodeError::Binary)
            } else {
                Ok(text)
            }
        }
        Err(err) => {
            let bytes = err.as_bytes();
            let offset = err.utf8_error().valid_up_to();
            let sample = &bytes[..bytes.len().min(64 * 1024)];
            if sample.contains(&0) {
                return Err(DecodeError::Binary);
            }
            let line = memchr::memchr_iter(b'\n', &bytes[..offset]).count() + 1;
            let (_, _, had_errors) = encoding_rs::GB18030.decode(sample);
            let guess = if !had_errors {
                Some("GBK/GB18030")
            } else if !encoding_rs::BIG5.decode(sample).2 {
                Some("Big5")
            } else {
                None
            };
            Err(DecodeError::NotUtf8 {
                offset,
                line,
                guess,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_gbk() {
        let (bytes, _, _) = encoding_rs::GBK.encode("党委书记表示，要深入学习。");
        match decode(bytes.into_owned()) {
            Err(DecodeError::NotUtf8 {
                guess: Some(g),
                offset: 0,
                line: 1,
            }) => assert!(g.contains("GB")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn keeps_bom_and_rejects_binary() {
        assert_eq!(decode(b"\xEF\xBB\xBFa".to_vec()).unwrap(), "\u{feff}a");
        assert_eq!(decode(b"a\0b".to_vec()), Err(DecodeError::Binary));
        assert_eq!(decode(b"\xFF\xFEa\0".to_vec()), Err(DecodeError::Utf16));
    }
}
