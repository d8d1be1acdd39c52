//! Diagnostics: what went wrong reading a source, and where.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something was noted that the reader may want to know (e.g. "no date in text").
    Info,
    /// Input was damaged or odd, but what could be recovered was.
    Warning,
    /// Nothing (or almost nothing) could be read.
    Error,
}

/// A problem met while reading a source, located by 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Diagnostic {
    /// How bad it is.
    pub severity: Severity,
    /// The source path as given by the caller.
    pub path: String,
    /// 1-based line in the source (0 when the problem concerns the whole file).
    pub line: u32,
    /// 1-based column in characters (0 when the problem concerns the whole file).
    pub column: u32,
    /// What happened, lowercase, no trailing period: `unterminated string`.
    pub message: String,
    /// What was expected instead, if that is known: `'"' closing the string`.
    pub expected: Option<String>,
}

impl Diagnostic {
    /// A diagnostic located at a byte offset of `source`; line and column are computed.
    pub fn at(
        severity: Severity,
        path: &str,
        source: &str,
        byte_offset: usize,
        message: impl Into<String>,
    ) -> Self {
        let (line, column) = crate::text::line_column(source, byte_offset);
        Self {
            severity,
            path: path.to_owned(),
            line,
            column,
            message: message.into(),
            expected: None,
        }
    }

    /// A diagnostic about the whole file (line and column 0).
    pub fn file(severity: Severity, path: &str, message: impl Into<String>) -> Self {
        Self {
            severity,
            path: path.to_owned(),
            line: 0,
            column: 0,
            message: message.into(),
            expected: None,
        }
    }

    /// Sets what was expected.
    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    /// `path:line:column: severity: message (expected ...)`, in the style of compilers.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        if self.line == 0 {
            write!(f, "{}: {sev}: {}", self.path, self.message)?;
        } else {
            write!(
                f,
                "{}:{}:{}: {sev}: {}",
                self.path, self.line, self.column, self.message
            )?;
        }
        if let Some(expected) = &self.expected {
            write!(f, " (expected {expected})")?;
        }
        Ok(())
    }
}
