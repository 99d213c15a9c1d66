use std::time::Instant;
fn main() {
    let text = std::fs::read_to_string("/work/shared/corpus/cctv-xwlb-2020-2026.txt").unwrap();
    let mb: usize = std::env::args().nth(1).map_or(5, |s| s.parse().unwrap());
    let mut end = mb * 1_000_000;
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let slice = &text[..end];
    guifan::segment::words("预热");
    let t = Instant::now();
    let mut n = 0;
    if std::env::var_os("WHOLE").is_some() {
        n += guifan::names::detect(slice, guifan::names::KnownNames::none()).len();
    } else {
        for item in slice.split("\n\n") {
            n += guifan::names::detect(item, guifan::names::KnownNames::none()).len();
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!("{n} mentions, {:.1} MB/s", slice.len() as f64 / 1e6 / s);
}
