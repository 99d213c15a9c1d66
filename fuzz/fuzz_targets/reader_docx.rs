//! The Word reader and writer: arbitrary bytes (seeded with the generated
//! `.docx` fixtures, so libFuzzer mutates real packages) through
//! `Docx::read`, then, for a package that reads, the default linter's safe
//! fix of its text view written back with `Docx::apply` (plain and as
//! tracked changes), with the invariants of [`guifan_fuzz::check_docx`]:
//! no panic; bounded reading (a small size limit, so a zip bomb is refused,
//! not inflated); a written package reads again, and its text view is the
//! one the writer reported.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    guifan_fuzz::check_docx(data);
});
