//! Parses the generated ~1 MB input of one format (see `benches/support/generated.rs`) a given
//! number of times, for profilers and instruction counts:
//!
//! ```sh
//! cargo build --release -p almanac-parse --example parse_profile
//! valgrind --tool=callgrind target/release/examples/parse_profile html 1
//! ```

#[path = "../benches/support/generated.rs"]
mod generated;

use almanac_parse::{Options, read};

fn main() {
    let mut args = std::env::args().skip(1);
    let format = args.next().unwrap_or_else(|| "html".to_owned());
    let times: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let Some((_, text)) = generated::generated()
        .into_iter()
        .find(|(name, _)| *name == format)
    else {
        std::process::exit(2);
    };
    let mut docs = 0;
    for _ in 0..times {
        docs += std::hint::black_box(read(&format, text.as_bytes(), &Options::default()))
            .documents
            .len();
    }
    std::process::exit(i32::from(docs == 0));
}
