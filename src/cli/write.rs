//! Safe in-place writes for `guifan fix`.
//!
//! A file with one name is replaced atomically: the fixed text goes into a
//! temporary file in the same folder (`.<name>.guifan-<pid>-<random>.tmp`),
//! which is synced, given the original's owner, group and permissions, and
//! renamed over the original. A file with several hard links is rewritten
//! through its inode instead (a rename would split the links): the original
//! is first copied to `.<name>.guifan-<pid>-<random>.bak` in the same
//! folder, then truncated, written and synced; the backup is removed on
//! success and kept (and named in the error) on failure.
//!
//! Before writing, the file is compared with the [`FileStamp`] taken when
//! it was read: if it changed meanwhile (an editor saved it), nothing is
//! written. Temporary files and backups carry the writer's pid, so a later
//! run can tell the leftovers of a killed run from those of a run still
//! going ([`remove_leftovers`]); the walker never picks them up.

use super::read::FileStamp;
use std::fs::{self, File, Metadata};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// How a fix could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// The file changed after it was read: nothing was written.
    Changed,
    /// Nothing was written (the original is untouched).
    Io(io::Error),
    /// The in-place write of a hard-linked file failed part-way; the
    /// original content is in `backup`.
    InPlace { error: io::Error, backup: PathBuf },
}

impl From<io::Error> for WriteError {
    fn from(e: io::Error) -> Self {
        WriteError::Io(e)
    }
}

/// Leftovers older than this are removed whatever their pid says (the pid
/// may have been reused).
pub const LEFTOVER_AGE: Duration = Duration::from_secs(10 * 60);

const MARK: &str = ".guifan-";
const TMP: &str = ".tmp";
const BAK: &str = ".bak";

/// What a name in a folder is to guifan.
#[derive(Debug, PartialEq, Eq)]
pub enum Leftover {
    /// A temporary file: `pid` is `None` for the names of older versions
    /// (`.guifan-XXXXXX.tmp`).
    Temp { pid: Option<u32> },
    /// A backup of a hard-linked file.
    Backup { pid: u32 },
}

/// Recognise the names of guifan's temporary files and backups.
pub fn leftover(name: &str) -> Option<Leftover> {
    if !name.starts_with('.') {
        return None;
    }
    let (stem, is_tmp) = if let Some(s) = name.strip_suffix(TMP) {
        (s, true)
    } else if let Some(s) = name.strip_suffix(BAK) {
        (s, false)
    } else {
        return None;
    };
    let random = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric());
    if let Some((_, rest)) = stem.rsplit_once(MARK)
        && let Some((pid, rand)) = rest.split_once('-')
        && !pid.is_empty()
        && pid.bytes().all(|b| b.is_ascii_digit())
        && random(rand)
        && let Ok(pid) = pid.parse::<u32>()
        && stem.len() > MARK.len() + rest.len()
    {
        return Some(if is_tmp {
            Leftover::Temp { pid: Some(pid) }
        } else {
            Leftover::Backup { pid }
        });
    }
    // Before names carried a pid: `.guifan-XXXXXX.tmp`.
    if is_tmp && let Some(rand) = stem.strip_prefix(MARK) {
        return random(rand).then_some(Leftover::Temp { pid: None });
    }
    None
}

/// Whether the process `pid` is running (unknown: yes).
fn alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    #[cfg(unix)]
    {
        use nix::errno::Errno;
        use nix::sys::signal::kill;
        use nix::unistd::Pid;
        let Ok(raw) = i32::try_from(pid) else {
            return false;
        };
        if raw <= 0 {
            return false;
        }
        !matches!(kill(Pid::from_raw(raw), None), Err(Errno::ESRCH))
    }
    #[cfg(not(unix))]
    {
        true
    }
}

/// Whether a leftover of `pid`, last modified at `modified`, belongs to no
/// running guifan: its process is gone, or it is older than [`LEFTOVER_AGE`].
fn stale(pid: Option<u32>, modified: Option<SystemTime>, now: SystemTime) -> bool {
    let old = modified
        .and_then(|m| now.duration_since(m).ok())
        .is_some_and(|age| age > LEFTOVER_AGE);
    old || pid.is_some_and(|p| !alive(p))
}

/// What [`remove_leftovers`] did in one folder.
#[derive(Debug, Default)]
pub struct Leftovers {
    /// Temporary files of interrupted runs, removed.
    pub removed: Vec<PathBuf>,
    /// Backups of interrupted in-place writes: kept (they may hold the only
    /// copy of a file's content) and reported.
    pub backups: Vec<PathBuf>,
}

/// Remove the temporary files that interrupted runs left in `dir`: those
/// whose process is gone or that are older than [`LEFTOVER_AGE`]. Those of
/// a run still going (two `fix` runs at once) are left alone. Backups are
/// never removed, only listed.
pub fn remove_leftovers(dir: &Path, now: SystemTime) -> Leftovers {
    let mut out = Leftovers::default();
    let Ok(entries) = fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(kind) = name.to_str().and_then(leftover) else {
            continue;
        };
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        let path = entry.path();
        match kind {
            Leftover::Temp { pid } => {
                if stale(pid, meta.modified().ok(), now) && fs::remove_file(&path).is_ok() {
                    out.removed.push(path);
                }
            }
            Leftover::Backup { pid } => {
                if stale(Some(pid), meta.modified().ok(), now) {
                    out.backups.push(path);
                }
            }
        }
    }
    out.removed.sort();
    out.backups.sort();
    out
}

/// A new file next to `target`, named `.<name>.guifan-<pid>-<random><suffix>`.
fn sibling(target: &Path, suffix: &str) -> io::Result<tempfile::NamedTempFile> {
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Keep the whole name within the usual 255-byte limit.
    let mut cut = name.len().min(180);
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    tempfile::Builder::new()
        .prefix(&format!(".{}{MARK}{}-", &name[..cut], std::process::id()))
        .suffix(suffix)
        .rand_bytes(6)
        .tempfile_in(dir)
}

/// Give `file` the owner and group of the original where the process may
/// (root may; others may keep their own uid and a group they are in).
#[cfg(unix)]
fn copy_owner(file: &File, meta: &Metadata) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    match std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid())) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
            // Not allowed to give the file away: at least keep the group
            // when the process is a member of it.
            let _ = std::os::unix::fs::fchown(file, None, Some(meta.gid()));
            Ok(())
        }
        Err(e) => Err(e),
    }
}

#[cfg(not(unix))]
fn copy_owner(_file: &File, _meta: &Metadata) -> io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn links(meta: &Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.nlink()
}

#[cfg(not(unix))]
fn links(_meta: &Metadata) -> u64 {
    1
}

/// Refuse to write when the file is no longer the one that was read.
pub fn check_unchanged(target: &Path, read: Option<&FileStamp>) -> Result<Metadata, WriteError> {
    let meta = fs::metadata(target)?;
    if read.is_some_and(|s| *s != FileStamp::of(&meta)) {
        return Err(WriteError::Changed);
    }
    Ok(meta)
}

/// Replace the contents of `path` with `contents`, keeping its owner,
/// group, permissions and hard links (see the module documentation). A
/// symlink is followed (its target is rewritten, the link stays). A
/// read-only file is refused, even for root. With `read`, the file must
/// still be as it was when read.
pub fn write_fixed(
    path: &Path,
    contents: &[u8],
    read: Option<&FileStamp>,
) -> Result<(), WriteError> {
    let target: PathBuf = fs::canonicalize(path)?;
    let meta = check_unchanged(&target, read)?;
    if meta.permissions().readonly() {
        return Err(WriteError::Io(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "文件是只读的",
        )));
    }
    if links(&meta) > 1 {
        return write_in_place(&target, &meta, contents, read);
    }
    let mut tmp = sibling(&target, TMP)?;
    tmp.write_all(contents)?;
    tmp.flush()?;
    tmp.as_file().sync_all()?;
    // The owner first: changing it may clear set-id bits of the mode.
    copy_owner(tmp.as_file(), &meta)?;
    tmp.as_file().set_permissions(meta.permissions())?;
    // Last look before the rename (dropping `tmp` removes it).
    check_unchanged(&target, read)?;
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

/// Write `contents` to `path`, a new file or one to be replaced whole (not
/// an input: `check --annotate -o`): through a synced temporary file in the
/// same folder renamed over it, so a reader never sees half a file. A
/// replaced file keeps its permissions; a new one gets 0644.
pub fn write_new(path: &Path, contents: &[u8]) -> io::Result<()> {
    let target = match fs::canonicalize(path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => path.to_path_buf(),
        Err(e) => return Err(e),
    };
    let permissions = match fs::metadata(&target) {
        Ok(m) if m.is_dir() => {
            return Err(io::Error::new(io::ErrorKind::IsADirectory, "是一个文件夹"));
        }
        Ok(m) => Some(m.permissions()),
        Err(_) => None,
    };
    let mut tmp = sibling(&target, TMP)?;
    tmp.write_all(contents)?;
    tmp.flush()?;
    tmp.as_file().sync_all()?;
    match permissions {
        Some(p) => tmp.as_file().set_permissions(p)?,
        #[cfg(unix)]
        None => {
            use std::os::unix::fs::PermissionsExt;
            tmp.as_file()
                .set_permissions(fs::Permissions::from_mode(0o644))?
        }
        #[cfg(not(unix))]
        None => {}
    }
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

/// Rewrite a hard-linked file through its inode, with a backup first.
fn write_in_place(
    target: &Path,
    meta: &Metadata,
    contents: &[u8],
    read: Option<&FileStamp>,
) -> Result<(), WriteError> {
    let mut backup = sibling(target, BAK)?;
    {
        let mut original = File::open(target)?;
        io::copy(&mut original, backup.as_file_mut())?;
        backup.as_file().sync_all()?;
        copy_owner(backup.as_file(), meta)?;
    }
    // The copy is the version that was read (dropping `backup` removes it).
    check_unchanged(target, read)?;
    let (_, backup_path) = backup.keep().map_err(|e| e.error)?;
    let write = || -> io::Result<()> {
        let mut file = fs::OpenOptions::new().write(true).open(target)?;
        #[cfg(unix)]
        if let Some(s) = read
            && !s.same_inode(&file.metadata()?)
        {
            return Err(io::Error::other("文件在写入前被替换"));
        }
        file.set_len(0)?;
        file.write_all(contents)?;
        file.flush()?;
        file.sync_all()
    };
    match write() {
        Ok(()) => {
            let _ = fs::remove_file(&backup_path);
            Ok(())
        }
        Err(error) => Err(WriteError::InPlace {
            error,
            backup: backup_path,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::read::read_file;

    #[test]
    fn replaces_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        fs::write(&p, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
        }
        let (_, stamp) = read_file(&p, 100).unwrap();
        write_fixed(&p, "new".as_bytes(), Some(&stamp)).unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&p).unwrap().permissions().mode() & 0o777,
                0o640
            );
        }
        // No temporary file is left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// An edit saved between the read and the write is kept: the fix is
    /// not written, and no temporary file or backup is left.
    #[test]
    fn a_file_changed_after_it_was_read_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        fs::write(&p, "old").unwrap();
        let (_, stamp) = read_file(&p, 100).unwrap();
        fs::write(&p, "the user's edit").unwrap();
        let r = write_fixed(&p, b"fixed", Some(&stamp));
        assert!(matches!(r, Err(WriteError::Changed)), "{r:?}");
        assert_eq!(fs::read_to_string(&p).unwrap(), "the user's edit");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);

        // Same size, same content length: the modification time tells.
        let (_, stamp) = read_file(&p, 100).unwrap();
        let f = File::options().write(true).open(&p).unwrap();
        f.set_modified(SystemTime::now() + Duration::from_secs(5))
            .unwrap();
        drop(f);
        let r = write_fixed(&p, b"fixed", Some(&stamp));
        assert!(matches!(r, Err(WriteError::Changed)), "{r:?}");

        // Replaced by another file (an editor's own atomic save).
        let (_, stamp) = read_file(&p, 100).unwrap();
        let other = dir.path().join("other");
        fs::write(&other, "the user's edit").unwrap();
        fs::rename(&other, &p).unwrap();
        let r = write_fixed(&p, b"fixed", Some(&stamp));
        assert!(matches!(r, Err(WriteError::Changed)), "{r:?}");
        assert_eq!(fs::read_to_string(&p).unwrap(), "the user's edit");
    }

    #[cfg(unix)]
    #[test]
    fn a_hard_linked_file_changed_after_it_was_read_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        fs::write(&p, "old").unwrap();
        fs::hard_link(&p, dir.path().join("b.txt")).unwrap();
        let (_, stamp) = read_file(&p, 100).unwrap();
        fs::write(&p, "the user's edit").unwrap();
        let r = write_fixed(&p, b"fixed", Some(&stamp));
        assert!(matches!(r, Err(WriteError::Changed)), "{r:?}");
        assert_eq!(fs::read_to_string(&p).unwrap(), "the user's edit");
        // No backup left.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn recognises_its_own_names() {
        assert_eq!(
            leftover(".a.txt.guifan-123-AbC9xZ.tmp"),
            Some(Leftover::Temp { pid: Some(123) })
        );
        assert_eq!(
            leftover(".新闻.md.guifan-7-x.bak"),
            Some(Leftover::Backup { pid: 7 })
        );
        assert_eq!(
            leftover(".guifan-AbC9xZ.tmp"),
            Some(Leftover::Temp { pid: None })
        );
        for other in [
            "a.txt",
            ".a.txt",
            "a.guifan-1-x.tmp",
            ".a.guifan-x-y.tmp",
            ".a.guifan-1-.tmp",
            ".guifan-1-x.tmp.txt",
            ".guifan-.tmp",
            ".guifan-1-x.bak",
        ] {
            assert_eq!(leftover(other), None, "{other}");
        }
        // The names this module makes are recognised.
        let dir = tempfile::tempdir().unwrap();
        let t = sibling(&dir.path().join("报告.txt"), TMP).unwrap();
        let name = t.path().file_name().unwrap().to_str().unwrap().to_string();
        assert_eq!(
            leftover(&name),
            Some(Leftover::Temp {
                pid: Some(std::process::id())
            }),
            "{name}"
        );
        let long = "长".repeat(80);
        let t = sibling(&dir.path().join(&long), BAK).unwrap();
        assert!(t.path().file_name().unwrap().len() < 255);
    }

    #[test]
    fn removes_only_stale_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let now = SystemTime::now();
        let own = format!(".a.txt.guifan-{}-abcdef.tmp", std::process::id());
        // pid 0 is never a process that could still be writing.
        let dead = ".b.txt.guifan-0-abcdef.tmp";
        let old_style = ".guifan-abcdef.tmp";
        let backup = ".c.txt.guifan-0-abcdef.bak";
        for n in [own.as_str(), dead, old_style, backup, "keep.txt"] {
            fs::write(dir.path().join(n), "x").unwrap();
        }
        let left = remove_leftovers(dir.path(), now);
        assert_eq!(left.removed, [dir.path().join(dead)]);
        assert_eq!(left.backups, [dir.path().join(backup)]);
        // Much later, every temporary file is stale, whoever made it.
        let left = remove_leftovers(dir.path(), now + LEFTOVER_AGE * 2);
        let mut want = vec![dir.path().join(&own), dir.path().join(old_style)];
        want.sort();
        assert_eq!(left.removed, want);
        assert!(dir.path().join(backup).exists());
        assert!(dir.path().join("keep.txt").exists());
    }
}
