//! The whole check-then-fix pipeline with the default linter. The first
//! input byte chooses the format (modulo 3: plain, Markdown, HTML); the rest
//! goes through the decoding path (lossy UTF-8 where decoding refuses it).
//!
//! Invariants (see [`guifan_fuzz::check_pipeline`] for the precise
//! statements, and why the "changed only where reported" test is a glob
//! match rather than a diff):
//! * no panic;
//! * every diagnostic span and fix edit span inside the source on char
//!   boundaries (before and after fixing);
//! * the fixed text is UTF-8;
//! * the fixed text differs from the input only inside the safe edit spans
//!   that the first check reported;
//! * after convergence, fixing again changes nothing;
//! * no prose sentence (≥6 Han characters ending in 。) deleted by safe fixes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let format = guifan_fuzz::format_of(selector);
    let text = guifan_fuzz::text_from(rest);
    guifan_fuzz::check_pipeline(guifan_fuzz::default_linter(), &text, format);
});
