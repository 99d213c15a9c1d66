//! Replay pipeline inputs on the stable toolchain, without libFuzzer: each
//! file through [`guifan_fuzz::check_pipeline`], one line per failure.
//!
//!   cargo run --release --example replay -- regressions/pipeline/*
//!
//! Set `GUIFAN_FUZZ_RECORD_ONLY` (see `guifan_fuzz::violation`) to look past
//! the invariants listed there.
fn main() {
    std::panic::set_hook(Box::new(|_| {}));
    let linter = guifan_fuzz::default_linter();
    let (mut bad, mut ok) = (0, 0);
    for path in std::env::args().skip(1) {
        let data = std::fs::read(&path).unwrap();
        let Some((&sel, rest)) = data.split_first() else {
            continue;
        };
        let text = guifan_fuzz::text_from(rest);
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            guifan_fuzz::check_pipeline(linter, &text, guifan_fuzz::format_of(sel))
        }));
        match r {
            Err(e) => {
                bad += 1;
                let msg = e.downcast_ref::<String>().cloned().unwrap_or_default();
                println!(
                    "FAIL {path}: {}",
                    msg.lines()
                        .next()
                        .unwrap_or("")
                        .chars()
                        .take(200)
                        .collect::<String>()
                );
            }
            Ok(()) => ok += 1,
        }
    }
    println!("{bad} still fail, {ok} pass");
}
