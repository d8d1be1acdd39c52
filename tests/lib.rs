//! Holder crate for the workspace-level snapshot tests in `tests/it/`; it has no code of its own.
