//! Prints what `annotate` finds in each argument: `cargo run -p almanac-time --example
//! try_annotate -- REF TEXT...` (REF is a date-time or `-`).

use almanac_time::{annotate, parse_reference};

#[allow(clippy::print_stdout)]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((reference, texts)) = args.split_first() else {
        return;
    };
    let reference = parse_reference(reference).ok();
    for text in texts {
        for e in annotate(text, reference) {
            println!(
                "{:?} {:?} {} {:?} {:?}",
                &text[e.span.clone()],
                e.kind,
                e.value,
                e.modifier,
                e.granularity
            );
        }
    }
}
