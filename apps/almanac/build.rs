//! Rebuilds the app when a seed document changes, so `include_dir!` in `corpus.rs` bundles
//! new and edited seeds (a directory path makes cargo watch everything under it).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=../../fixtures/seeds");
}
