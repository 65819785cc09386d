//! One shared `Normalizer` used from several threads gives the same articles
//! as sequential use.

use std::sync::Arc;

#[test]
fn shared_normalizer_matches_sequential_results() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut inputs: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .filter_map(|e| std::fs::read_to_string(e.unwrap().path().join("input.txt")).ok())
        .collect();
    inputs.push(include_str!("../../samples/bbc-putin-kim-spun.txt").to_owned());
    let normalizer = Arc::new(artnorm::Normalizer::default());
    let sequential: Vec<String> = inputs
        .iter()
        .map(|t| normalizer.normalize(t).unwrap().to_json())
        .collect();
    let inputs = Arc::new(inputs);
    let threads: Vec<_> = (0..4)
        .map(|offset| {
            let normalizer = Arc::clone(&normalizer);
            let inputs = Arc::clone(&inputs);
            std::thread::spawn(move || {
                // Each thread walks the inputs from a different starting point.
                (0..inputs.len())
                    .map(|i| (i + offset * 5) % inputs.len())
                    .map(|i| (i, normalizer.normalize(&inputs[i]).unwrap().to_json()))
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    for handle in threads {
        for (i, json) in handle.join().unwrap() {
            assert_eq!(json, sequential[i], "input {i} differs between threads");
        }
    }
    let batch: Vec<String> = normalizer
        .normalize_batch(&inputs)
        .into_iter()
        .map(|a| a.unwrap().to_json())
        .collect();
    assert_eq!(
        batch, sequential,
        "batch results differ or are out of order"
    );
}
