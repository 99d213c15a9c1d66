fn main() {
    for s in std::env::args().skip(1) {
        let w: Vec<&str> = guifan::segment::words(&s).iter().map(|sp| &s[sp.range()]).collect();
        println!("{}", w.join("/"));
    }
}
