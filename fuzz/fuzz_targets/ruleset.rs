//! The rule-set loader: arbitrary text (lossy UTF-8) through
//! `RuleSet::parse`. Errors must be errors (rendered without panicking), never
//! panics. A set that loads is compiled into a linter together with the
//! built-in sets, which must check and fix small documents without panicking
//! and with diagnostics and fix edits inside the document on char
//! boundaries; its inline examples are run too (see
//! [`guifan_fuzz::ruleset`]).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    guifan_fuzz::ruleset(&String::from_utf8_lossy(data));
});
