//! Fingerprint (filled in below).
