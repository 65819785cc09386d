//! Arbitrary bytes through the byte API: never a panic, spans always exact.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let normalizer = artnorm::Normalizer::default();
    if let Ok(article) = normalizer.normalize_bytes(data) {
        for removal in &article.removed {
            assert!(removal.span.start <= removal.span.end && removal.span.end <= data.len());
        }
        let json = article.to_json();
        let back: artnorm::Article = serde_json_roundtrip(&json);
        assert_eq!(back.blocks, article.blocks);
        let _ = article.to_text();
        let _ = article.to_markdown();
    }
});

fn serde_json_roundtrip(json: &str) -> artnorm::Article {
    // Deserialize through the crate's public model; a failure is a bug.
    match artnorm::Article::from_json(json) {
        Ok(article) => article,
        Err(e) => panic!("JSON round-trip failed: {e}"),
    }
}
