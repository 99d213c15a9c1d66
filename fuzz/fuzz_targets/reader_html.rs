//! The html reader: arbitrary bytes through the decoding path
//! (`guifan::document::decode`), then a `Format::Html` document built from
//! the decoded text (or, when decoding refuses the bytes, from their lossy
//! UTF-8), with the invariants of [`guifan_fuzz::check_document`]: no panic;
//! every prose-view span maps into the source on char boundaries; verbatim
//! chunks really are copies; blocks, masks and directives lie inside the prose
//! view (source) on char boundaries.
#![no_main]

use guifan::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    guifan_fuzz::reader(data, Format::Html);
});
