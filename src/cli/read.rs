//! Reading inputs safely: only regular files, never more than
//! `--max-file-size` bytes, and a stamp of the file as it was read (so that
//! `guifan fix` can tell whether it changed before writing over it).

use std::fs::{self, File, Metadata};
use std::io::{self, Read};
use std::path::Path;
use std::time::SystemTime;

/// The default `--max-file-size`: 256 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

/// What identifies one version of a file: its inode (on unix), size,
/// modification time and (on unix) status-change time. If any of them
/// differs, the file was changed or replaced after it was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    modified: Option<SystemTime>,
    #[cfg(unix)]
    dev: u64,
    #[cfg(unix)]
    ino: u64,
    #[cfg(unix)]
    ctime: (i64, i64),
}

impl FileStamp {
    pub fn of(meta: &Metadata) -> FileStamp {
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt;
        FileStamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            dev: meta.dev(),
            #[cfg(unix)]
            ino: meta.ino(),
            #[cfg(unix)]
            ctime: (meta.ctime(), meta.ctime_nsec()),
        }
    }

    /// Whether `meta` describes the same inode (the content may differ).
    #[cfg(unix)]
    pub fn same_inode(&self, meta: &Metadata) -> bool {
        use std::os::unix::fs::MetadataExt;
        self.dev == meta.dev() && self.ino == meta.ino()
    }
}

/// What a file that is not a regular file is (`None` for a regular file or
/// a folder), in words.
pub fn special_kind(meta: &Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() || t.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("命名管道（FIFO）");
        }
        if t.is_char_device() {
            return Some("字符设备");
        }
        if t.is_block_device() {
            return Some("块设备");
        }
        if t.is_socket() {
            return Some("套接字");
        }
    }
    Some("特殊文件")
}

/// The message for a path that names something other than a regular file.
pub fn not_regular(kind: &str) -> String {
    format!("是{kind}，不是普通文件，未读取")
}

/// A byte count as written on the command line: `268435456`, `256MiB`.
pub fn show_size(n: u64) -> String {
    for (unit, size) in [("GiB", 1u64 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] {
        if n >= size && n % size == 0 {
            return format!("{}{unit}", n / size);
        }
    }
    format!("{n} 字节")
}

fn too_large(len: u64, max: u64) -> String {
    format!(
        "文件过大（{}，超过 --max-file-size {}），未读取",
        show_size_long(len),
        show_size(max)
    )
}

/// A size for a message: exact bytes, with a rounded MiB beside big ones.
fn show_size_long(n: u64) -> String {
    if n >= 1 << 20 {
        format!("{n} 字节，约 {:.1} MiB", n as f64 / (1u64 << 20) as f64)
    } else {
        format!("{n} 字节")
    }
}

/// Read at most `max` bytes from `reader`: `Ok(None)` when there is more.
pub fn read_bounded(reader: impl Read, max: u64, hint: u64) -> io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::with_capacity(hint.min(max) as usize);
    reader.take(max.saturating_add(1)).read_to_end(&mut buf)?;
    Ok((buf.len() as u64 <= max).then_some(buf))
}

/// Why an I/O operation failed, in Chinese.
pub fn io_message(e: &io::Error) -> String {
    if is_symlink_loop(e) {
        return "符号链接循环（符号链接层数过多）".into();
    }
    match e.kind() {
        io::ErrorKind::PermissionDenied => format!("没有权限（{e}）"),
        io::ErrorKind::NotFound => "文件不存在".into(),
        io::ErrorKind::IsADirectory => "这是一个文件夹".into(),
        _ => e.to_string(),
    }
}

/// Whether `e` is "too many levels of symbolic links" (ELOOP).
pub fn is_symlink_loop(e: &io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(nix::libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

/// Open `path` for reading without blocking on a FIFO or a device that
/// waits for a writer.
fn open(path: &Path) -> io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(nix::libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Read a regular file of at most `max` bytes, with its stamp. Anything
/// else (a FIFO, a device, a socket, a larger file) is refused with a
/// message saying why; nothing is read from it.
pub fn read_file(path: &Path, max: u64) -> Result<(Vec<u8>, FileStamp), String> {
    // Refuse before opening: opening a FIFO may already have effects.
    let meta = fs::metadata(path).map_err(|e| format!("无法读取：{}", io_message(&e)))?;
    if let Some(kind) = special_kind(&meta) {
        return Err(not_regular(kind));
    }
    read_seen_file(path, max)
}

/// [`read_file`] for a path the caller has just seen to be a regular file
/// (the walk's directory entry, or a `stat` of a named path): the check
/// before opening would only repeat that one, at one more system call per
/// file in a walk of many small files. What was opened is still checked.
pub fn read_seen_file(path: &Path, max: u64) -> Result<(Vec<u8>, FileStamp), String> {
    let file = open(path).map_err(|e| format!("无法读取：{}", io_message(&e)))?;
    // What was opened is what counts (the path may have been replaced).
    let meta = file
        .metadata()
        .map_err(|e| format!("无法读取：{}", io_message(&e)))?;
    if let Some(kind) = special_kind(&meta) {
        return Err(not_regular(kind));
    }
    if meta.is_dir() {
        return Err("无法读取：这是一个文件夹".into());
    }
    if meta.len() > max {
        return Err(too_large(meta.len(), max));
    }
    let stamp = FileStamp::of(&meta);
    // The file may grow while it is read: the read is bounded too.
    match read_bounded(&file, max, meta.len()) {
        Ok(Some(bytes)) => Ok((bytes, stamp)),
        Ok(None) => Err(format!(
            "文件在读取时增长，超过 --max-file-size {}，未检查",
            show_size(max)
        )),
        Err(e) => Err(format!("无法读取：{}", io_message(&e))),
    }
}

/// Parse a `--max-file-size` value: a number of bytes with an optional unit,
/// as in GNU coreutils: `K`/`KiB` = 1024, `KB` = 1000, likewise `M`, `G`
/// (`T` too); case and a space before the unit do not matter.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let bad = || format!("大小 `{s}` 无效，应为字节数或带单位的数，如 1048576、512KiB、10MB、1G");
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    if num.is_empty() {
        return Err(bad());
    }
    let n: u64 = num.parse().map_err(|_| bad())?;
    let mul: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kib" => 1 << 10,
        "kb" => 1_000,
        "m" | "mib" => 1 << 20,
        "mb" => 1_000_000,
        "g" | "gib" => 1 << 30,
        "gb" => 1_000_000_000,
        "t" | "tib" => 1 << 40,
        "tb" => 1_000_000_000_000,
        _ => return Err(bad()),
    };
    let v = n.checked_mul(mul).ok_or_else(bad)?;
    if v == 0 {
        return Err(format!("大小 `{s}` 无效：必须大于 0"));
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sizes() {
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert_eq!(parse_size("512KiB"), Ok(512 << 10));
        assert_eq!(parse_size("512k"), Ok(512 << 10));
        assert_eq!(parse_size("10MB"), Ok(10_000_000));
        assert_eq!(parse_size("10 mb"), Ok(10_000_000));
        assert_eq!(parse_size("256M"), Ok(DEFAULT_MAX_FILE_SIZE));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert_eq!(parse_size("7b"), Ok(7));
        for bad in [
            "",
            "MB",
            "-1",
            "1.5MB",
            "10XB",
            "0",
            "99999999999999999999",
            "16777216T",
        ] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
        assert_eq!(show_size(DEFAULT_MAX_FILE_SIZE), "256MiB");
        assert_eq!(show_size(1000), "1000 字节");
    }

    #[test]
    fn reads_are_bounded() {
        assert_eq!(
            read_bounded(&b"abc"[..], 3, 0).unwrap(),
            Some(b"abc".to_vec())
        );
        assert_eq!(read_bounded(&b"abcd"[..], 3, 0).unwrap(), None);
        // An endless source stops after max + 1 bytes.
        assert_eq!(read_bounded(io::repeat(0), 10, 0).unwrap(), None);
    }

    #[test]
    fn a_stamp_changes_with_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        fs::write(&p, "one").unwrap();
        let (bytes, stamp) = read_file(&p, 100).unwrap();
        assert_eq!(bytes, b"one");
        assert_eq!(FileStamp::of(&fs::metadata(&p).unwrap()), stamp);
        fs::write(&p, "two!").unwrap();
        assert_ne!(FileStamp::of(&fs::metadata(&p).unwrap()), stamp);
        assert!(read_file(&p, 3).unwrap_err().contains("文件过大"));
    }
}
