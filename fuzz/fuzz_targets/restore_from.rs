//! The spin restore with two inputs: a (spun) article and a candidate
//! original. Input layout: the bytes before the first NUL are the article's
//! text, the bytes after it the original (both read lossily as UTF-8).
//! Never a panic; the counts and the alignment share stay in range; restoring
//! is deterministic and the restored article still round-trips through JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (spun, original) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &data[..0]),
    };
    let spun = String::from_utf8_lossy(spun);
    let original = String::from_utf8_lossy(original);
    let Ok(article) = artnorm::normalize(&spun) else {
        return;
    };
    let restoration = artnorm::restore_from(&article, &original);
    assert!(restoration.words_restored <= restoration.words_total);
    assert!((0.0..=1.0).contains(&restoration.aligned), "aligned {}", restoration.aligned);
    let again = artnorm::restore_from(&article, &original);
    assert_eq!(again.article, restoration.article, "restore is not deterministic");
    let json = restoration.article.to_json();
    match artnorm::Article::from_json(&json) {
        Ok(back) => assert_eq!(back, restoration.article),
        Err(e) => panic!("JSON round-trip failed: {e}"),
    }
    let _ = restoration.article.to_text();
});
