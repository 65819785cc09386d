//! Arbitrary bytes through the byte API: never a panic, spans always exact.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let normalizer = artnorm::Normalizer::default();
    if let Ok(article) = normalizer.normalize_bytes(data) {
        // Spans index the caller's bytes for UTF-8 input; for input decoded
        // from another encoding they index the decoded text (documented on
        // `normalize_bytes`), which only the library holds.
        let utf8 = article.encoding.name == "UTF-8";
        let spans = article
            .removed
            .iter()
            .map(|r| r.span)
            .chain(article.spin.findings.iter().map(|f| f.span));
        for span in spans {
            assert!(span.start <= span.end);
            if utf8 {
                assert!(span.end <= data.len(), "span {span:?} past the input");
                let text = std::str::from_utf8(&data[span.start..span.end]);
                assert!(text.is_ok(), "span {span:?} off a char boundary");
            }
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
