//! Reading `Arc<str>` fields with serde in one copy of their text.
//!
//! serde's `rc` feature reads an `Arc<str>` into a `Box<str>` first and then copies it into
//! the `Arc`: two allocations and two copies per string. Opening an index reads hundreds of
//! thousands of them. These helpers, for `#[serde(deserialize_with = ...)]`, copy the text
//! once, from the input where the format lends it. The serialized form is unchanged.
//!
//! ```
//! use std::sync::Arc;
//! #[derive(serde::Deserialize)]
//! struct Named {
//!     #[serde(deserialize_with = "almanac_model::arc_str::deserialize")]
//!     name: Arc<str>,
//!     #[serde(default, deserialize_with = "almanac_model::arc_str::option")]
//!     title: Option<Arc<str>>,
//! }
//! let n: Named = serde_json::from_str(r#"{"name": "Oslo", "title": null}"#).unwrap();
//! assert_eq!((&*n.name, n.title), ("Oslo", None));
//! ```

use std::fmt;
use std::sync::Arc;

use serde::Deserializer;
use serde::de::Visitor;

/// Reads a string into an `Arc<str>`, copying its text once.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Arc<str>, D::Error> {
    d.deserialize_str(ArcStr)
}

/// Reads an optional string into an `Option<Arc<str>>`, copying its text once; pair it with
/// `#[serde(default)]` so that a missing field reads as `None`.
pub fn option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Arc<str>>, D::Error> {
    d.deserialize_option(OptionArcStr)
}

struct ArcStr;

impl Visitor<'_> for ArcStr {
    type Value = Arc<str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Arc::from(v))
    }
}

struct OptionArcStr;

impl<'de> Visitor<'de> for OptionArcStr {
    type Value = Option<Arc<str>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or null")
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        deserialize(d).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Named {
        #[serde(deserialize_with = "super::deserialize")]
        name: Arc<str>,
        #[serde(default, deserialize_with = "super::option")]
        title: Option<Arc<str>>,
    }

    #[test]
    fn strings_read_as_serde_reads_them() {
        let read = |json: &str| serde_json::from_str::<Named>(json).map_err(|e| e.to_string());
        // escaped text is unescaped, as the input cannot lend it
        assert_eq!(
            read(r#"{"name": "a \"b\" \u00e9", "title": "t"}"#),
            Ok(Named {
                name: Arc::from("a \"b\" é"),
                title: Some(Arc::from("t")),
            })
        );
        // null and a missing field are both None
        assert_eq!(
            read(r#"{"name": "n", "title": null}"#).map(|n| n.title),
            Ok(None)
        );
        assert_eq!(read(r#"{"name": "n"}"#).map(|n| n.title), Ok(None));
        // anything but a string is refused
        assert!(read(r#"{"name": 3}"#).is_err());
        assert!(read(r#"{"name": "n", "title": 3}"#).is_err());
        // from a reader, which lends nothing
        let owned: Named = serde_json::from_reader(&br#"{"name": "r", "title": "s"}"#[..])
            .expect("reads from a reader");
        assert_eq!((&*owned.name, owned.title.as_deref()), ("r", Some("s")));
    }
}
