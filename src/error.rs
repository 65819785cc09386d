//! The one error type.

/// Why an input could not be normalized.
///
/// Each variant maps to one C status code (see the C ABI section of the README).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input holds no text once whitespace and invisible characters are set aside.
    #[error("input is empty or only whitespace")]
    EmptyInput,
    /// The bytes are not valid UTF-8 and no other encoding was allowed.
    #[error("input is not valid UTF-8 (invalid byte at offset {offset})")]
    InvalidUtf8 {
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// The input is longer than [`Options::max_input_bytes`](crate::Options::max_input_bytes).
    #[error("input is {len} bytes, over the limit of {limit} bytes")]
    InputTooLarge {
        /// Length of the input in bytes.
        len: usize,
        /// The configured limit.
        limit: usize,
    },
    /// An encoding label that the WHATWG Encoding Standard does not know.
    #[error("unknown encoding label {0:?}")]
    UnknownEncoding(String),
    /// An option value out of its range.
    #[error("invalid option: {0}")]
    InvalidOption(String),
    /// A bug inside artnorm, caught rather than allowed to unwind into the
    /// caller's thread pool (see [`Normalizer::normalize_stream`](crate::Normalizer::normalize_stream)).
    /// Please report it with the input that caused it.
    #[error("internal error: {0}")]
    Internal(String),
}
