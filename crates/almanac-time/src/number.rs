//! Numbers written in words or digits: `nineteen`, `twenty-one`, `four-point-six`, `1,234.5`.
//!
//! (Skeleton: filled in by the owner of almanac-measure, used by both crates.)
