fn main() {
    for a in std::env::args().skip(1) {
        let v = guifan::names::detect(&a, guifan::names::KnownNames::none());
        let tags = guifan::segment::jieba().tag(&a, true);
        println!("{a}");
        println!(
            "  jieba: {}",
            tags.iter()
                .map(|t| format!("{}/{}", t.word, t.tag))
                .collect::<Vec<_>>()
                .join(" ")
        );
        for m in v {
            println!(
                "  {} {:?} title={:?} trailing={:?}",
                &a[m.name.range()],
                m.evidence,
                m.title.map(|t| &a[t.range()]),
                m.trailing_title.map(|t| &a[t.range()])
            );
        }
    }
}
