//! Runs parse + check N times (for instruction counts under valgrind, which stay the same
//! whatever else the machine does): `valgrind --tool=callgrind target/release/examples/count FILE N`.

fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let n: u32 = std::env::args().nth(2).map_or(1, |s| s.parse().expect("a count"));
    let text = std::fs::read_to_string(path).expect("readable");
    for _ in 0..n {
        std::hint::black_box(nianbao::check_text(std::hint::black_box(&text)));
    }
}
