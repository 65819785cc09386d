//! One pipeline stage at a time, for `benches/stages.rs`. Not part of the
//! API: hidden from the docs and free to change with the pipeline.
//!
//! # Examples
//!
//! ```
//! use artnorm::__bench as stage;
//! let text = stage::decode(b"Headline\n\nA first paragraph of the story.\n").unwrap();
//! let segmented = stage::segment(&text);
//! let classified = stage::classify(&segmented);
//! let mut assembled = stage::assemble(&segmented, &classified);
//! assert_eq!(stage::spin(&segmented, &mut assembled), 0);
//! ```

use crate::article::{Article, Repairs};
use crate::options::Options;
use crate::pipeline::classify::{classify as classify_units, Label};
use crate::pipeline::repair::Repairer;
use crate::pipeline::segment::{segment as segment_input, Unit};
use crate::pipeline::strip_inline_shortcodes;
use crate::pipeline::tables::TABLES;
use crate::pipeline::{assemble as assemble_units, decode::decode as decode_bytes};
use crate::shared_text::TextBuffer;
use crate::spin::{self, Target};

/// A text split into repaired units (the input to classification).
#[derive(Debug, Clone)]
pub struct Segmented {
    input: String,
    units: Vec<Unit>,
}

/// Labelled units (the input to assembly).
#[derive(Debug, Clone)]
pub struct Classified {
    labels: Vec<Label>,
}

/// An assembled article with the units spin detection reads.
#[derive(Debug, Clone)]
pub struct Assembled {
    article: Article,
    targets: Vec<(usize, Target)>,
}

/// Forces the process-wide tables (lexicons, regexes, automata, model).
pub fn init_tables() {
    std::sync::LazyLock::force(&TABLES);
}

/// Decodes bytes (BOM, encoding detection); returns the text.
pub fn decode(bytes: &[u8]) -> Option<String> {
    decode_bytes(bytes, None).ok().map(|d| d.text.into_owned())
}

/// Segmentation with per-line repair and inline shortcode cuts.
pub fn segment(input: &str) -> Segmented {
    let repairer = Repairer::new(&Options::default());
    let mut units = segment_input(input, 0, &repairer, &mut Repairs::new());
    strip_inline_shortcodes(
        &TABLES,
        input,
        0,
        &mut units,
        &mut Vec::new(),
        &mut TextBuffer::default(),
    );
    Segmented {
        input: input.to_owned(),
        units,
    }
}

/// Classification, page chrome included.
pub fn classify(segmented: &Segmented) -> Classified {
    Classified {
        labels: classify_units(&TABLES, &segmented.units, true),
    }
}

/// Assembly of the article from the labels.
pub fn assemble(segmented: &Segmented, classified: &Classified) -> Assembled {
    let mut targets = Vec::new();
    let article = assemble_units(
        &segmented.input,
        0,
        &segmented.units,
        classified.labels.clone(),
        Vec::new(),
        TextBuffer::default(),
        &mut targets,
    );
    Assembled { article, targets }
}

/// Spin detection (default options) on an assembled article; returns the
/// number of findings.
pub fn spin(segmented: &Segmented, assembled: &mut Assembled) -> usize {
    let sources: Vec<spin::Source<'_>> = assembled
        .targets
        .iter()
        .filter_map(|&(i, target)| {
            let text = &segmented.units.get(i)?.text;
            Some(spin::Source { text, target })
        })
        .collect();
    spin::run(&Options::default(), &mut assembled.article, &sources);
    assembled.article.spin.findings.len()
}
