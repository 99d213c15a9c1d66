//! The config loader: arbitrary text (lossy UTF-8) through
//! `ConfigFile::parse` (a `guifan.toml`). Errors must be errors, never panics;
//! a file that loads becomes settings for a linter over the built-in sets,
//! which either refuses them with an error or checks a small document (see
//! [`guifan_fuzz::config`]).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    guifan_fuzz::config(&String::from_utf8_lossy(data));
});
