//! Restore from a reference (filled in below).
