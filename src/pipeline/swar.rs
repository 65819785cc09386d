//! Byte tricks on a `u64` of eight bytes at a time (SIMD within a
//! register), shared by the line scans that step eight bytes at once.

/// One in each byte of a `u64`.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
/// The top bit of each byte of a `u64`.
pub(crate) const TOPS: u64 = 0x8080_8080_8080_8080;

/// The bytes of `rest` (at most eight) as a little-endian `u64`, padded
/// with `pad` (a loop rather than a copy of variable length, which costs a
/// call).
#[inline(always)]
pub(crate) fn padded_word(rest: &[u8], pad: u8) -> u64 {
    let len = rest.len().min(8);
    let word = rest
        .iter()
        .take(8)
        .rev()
        .fold(0, |word: u64, &b| word << 8 | u64::from(b));
    match len {
        8 => word,
        _ => word | (ONES * u64::from(pad)) << (8 * len),
    }
}

/// The last `rest` bytes of `all` (fewer than eight) as a little-endian
/// `u64`, padded with `pad`: [`padded_word`] of them. A slice of eight bytes
/// or more gives them with one load of its last eight bytes, shifted, instead
/// of a loop whose trip count changes from line to line (a mispredicted
/// branch a line).
#[inline(always)]
pub(crate) fn padded_tail(all: &[u8], rest: usize, pad: u8) -> u64 {
    match (rest, all.last_chunk::<8>()) {
        (1..=7, Some(last)) => {
            let shift = 8 * (8 - rest as u32);
            u64::from_le_bytes(*last) >> shift | (ONES * u64::from(pad)) << (64 - shift)
        }
        _ => padded_word(
            all.get(all.len().saturating_sub(rest)..)
                .unwrap_or_default(),
            pad,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tails_are_loaded_as_the_byte_loop_reads_them() {
        for len in 0..=8 {
            let bytes: Vec<u8> = (1..=len).collect();
            let mut expected = [b'x'; 8];
            expected[..bytes.len()].copy_from_slice(&bytes);
            assert_eq!(padded_word(&bytes, b'x'), u64::from_le_bytes(expected));
        }
        // The tail of a longer slice, loaded whole and shifted, as the loop
        // reads it.
        let all: Vec<u8> = (1..=23).collect();
        for len in 0..=all.len() {
            let slice = &all[..len];
            for rest in 0..8.min(len + 1) {
                let tail = &slice[len - rest..];
                for pad in [0, b' ', b'x'] {
                    assert_eq!(
                        padded_tail(slice, rest, pad),
                        padded_word(tail, pad),
                        "{len} {rest} {pad}"
                    );
                }
            }
        }
    }
}
