//! Rebuilds the app when a fixture changes, so `include_dir!` in `corpus.rs` bundles new and
//! edited fixture files (a directory path makes cargo watch everything under it).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=../../fixtures");
    for kind in ["seeds", "formats", "articles"] {
        println!("cargo:rerun-if-changed=../../fixtures/{kind}");
    }
}
