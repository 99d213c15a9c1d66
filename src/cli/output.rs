//! Where the report goes and how it looks: `--output-file` (written
//! atomically), colours (`--color`, `NO_COLOR`, `FORCE_COLOR`,
//! `CLICOLOR`, `CLICOLOR_FORCE`) and the terminal's width.

use super::args::ColorArg;
use std::io::{self, IsTerminal, Write};
use std::path::Path;

/// Whether the environment forces colours (`FORCE_COLOR`, `CLICOLOR_FORCE`
/// set to anything but `0` or empty), whatever the output is.
fn forced() -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
    set("FORCE_COLOR") || anstyle_query::clicolor_force()
}

/// Whether the report is coloured. `to_file`: it goes to `--output-file`,
/// which is only coloured when asked for (`--color always` or forced by the
/// environment).
///
/// `auto`: forced colours win; then `NO_COLOR` and `CLICOLOR=0` turn them
/// off; otherwise stdout must be a terminal that supports colours
/// (`TERM=dumb` does not), as `supports-color` decides.
pub fn use_color(color: ColorArg, to_file: bool) -> bool {
    match color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto if forced() => true,
        ColorArg::Auto if to_file => false,
        ColorArg::Auto => {
            !anstyle_query::no_color()
                && anstyle_query::clicolor() != Some(false)
                && supports_color::on(supports_color::Stream::Stdout).is_some()
        }
    }
}

/// The width to lay the human report out in: `COLUMNS` when set, else the
/// terminal's when stdout is one, else `None` (the default width).
pub fn width(to_file: bool) -> Option<usize> {
    if let Some(c) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|c| *c > 0)
    {
        return Some(c);
    }
    if to_file || !io::stdout().is_terminal() {
        return None;
    }
    terminal_size::terminal_size_of(io::stdout()).map(|(w, _)| usize::from(w.0))
}

/// Write `bytes` to `path` atomically: into a temporary file in the same
/// folder, synced, then renamed over `path`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut tmp = temp_beside(path)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A temporary file in `path`'s folder, to be renamed over it.
pub fn temp_beside(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
}
