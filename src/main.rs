fn main() {
    let linter = guifan::default_linter().expect("built-in rules");
    let path = std::env::args().nth(1).expect("path");
    let text = std::fs::read_to_string(&path).expect("read");
    let today = chrono::Local::now().date_naive();
    let doc = guifan::Document::new(
        text,
        &guifan::DocumentOptions::new(guifan::Format::from_path(path.as_ref()), today),
    );
    for d in linter.check(&doc) {
        let lc = doc.line_col(d.span.start);
        println!(
            "{}:{}:{}: {} [{}] {}",
            path, lc.line, lc.column, d.severity, d.rule, d.message
        );
    }
}
