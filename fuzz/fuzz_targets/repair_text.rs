//! The standalone text repair on arbitrary text: never a panic, idempotent.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let normalizer = artnorm::Normalizer::default();
    let (once, _) = normalizer.repair_text(text);
    let (twice, _) = normalizer.repair_text(&once);
    assert_eq!(once, twice, "repair is not idempotent");
});
