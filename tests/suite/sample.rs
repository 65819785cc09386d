//! The user's own example: a content-farm copy of a BBC story.

use artnorm::{Block, RemovalKind};

const SAMPLE: &str = include_str!("../../samples/bbc-putin-kim-spun.txt");

fn article() -> artnorm::Article {
    artnorm::normalize(SAMPLE).unwrap()
}

#[test]
fn title_and_category() {
    let article = article();
    assert_eq!(
        article.title.as_deref(),
        Some("Putin and Kim pledge mutual assist in opposition to ‘aggression’")
    );
    assert_eq!(article.category, None);
}

#[test]
fn byline_separates_author_and_glued_outlet() {
    let byline = article().byline.unwrap();
    assert_eq!(byline.authors, ["Tessa Wong"]);
    assert_eq!(byline.outlet.as_deref(), Some("BBC News"));
}

#[test]
fn four_figures_with_credit_alt_and_caption() {
    let article = article();
    let figures = crate::golden::figures(&article);
    assert_eq!(figures.len(), 4);
    let captions = [
        "The two leaders ended up all smiles at the welcoming ceremony on Wednesday",
        "Mr Putin was greeted by crowds and balloons on Wednesday",
        "Mr Putin and Mr Kim have been greeted by youngsters dressed in white and waving flags",
        "The two leaders watched a navy parade in the sq.",
    ];
    for ((credit, alt, caption), expected_caption) in figures.iter().zip(captions) {
        assert_eq!(credit.as_deref(), Some("Sputnik / Getty Images"));
        let alt = alt.as_deref().unwrap();
        assert!(
            alt.starts_with(
                "In this pool photograph distributed by the Russian state agency Sputnik"
            ),
            "{alt}"
        );
        assert!(
            !alt.contains("Getty"),
            "the credit repeat is folded out of the alt text: {alt}"
        );
        assert_eq!(caption.as_deref(), Some(expected_caption));
    }
}

#[test]
fn one_heading_and_33_paragraphs_in_order() {
    let article = article();
    let headings: Vec<_> = article
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Heading { .. }))
        .collect();
    assert_eq!(headings.len(), 1);
    assert_eq!(
        headings[0].text(),
        Some("Pink carpet for Putin in lavish ceremony in Pyongyang")
    );
    let paragraphs: Vec<&str> = article
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Paragraph { .. }))
        .filter_map(Block::text)
        .collect();
    assert_eq!(paragraphs.len(), 33);
    assert!(paragraphs[0].starts_with("Vladimir Putin and Kim Jong Un have signed an agreement"));
    assert!(paragraphs[32].starts_with("This in change bolsters the “multipolar” globe watch"));
    // Text unchanged but for typography repairs: every paragraph is in the input.
    for paragraph in &paragraphs {
        assert!(SAMPLE.contains(paragraph), "{paragraph}");
    }
}

#[test]
fn contributors() {
    assert_eq!(
        article().contributors,
        ["Joel Guinto", "Kelly Ng", "Jake Kwon"]
    );
}

#[test]
fn removals_carry_exact_spans() {
    let article = article();
    let find = |kind: RemovalKind| -> Vec<&artnorm::Removal> {
        article.removed.iter().filter(|r| r.kind == kind).collect()
    };
    let ads = find(RemovalKind::AdMarker);
    assert_eq!(
        ads.iter().map(|r| r.text.as_str()).collect::<Vec<_>>(),
        ["[ad_1]", "[ad_2]"]
    );
    let source = find(RemovalKind::SourceLink);
    assert_eq!(source.len(), 1);
    assert_eq!(source[0].text, "Supply hyperlink");
    let category = find(RemovalKind::CategoryPlaceholder);
    assert_eq!(category.len(), 1);
    assert_eq!(category[0].text, "Uncategorized");
    assert_eq!(
        find(RemovalKind::Duplicate).len(),
        4,
        "one folded credit repeat per figure"
    );
    for removal in &article.removed {
        assert_eq!(
            &SAMPLE[removal.span.start..removal.span.end],
            removal.text,
            "{removal:?}"
        );
    }
}

#[test]
fn text_rendering_has_no_boilerplate() {
    let text = article().to_text();
    for needle in ["[ad_", "Supply hyperlink", "Uncategorized", "WongBBC"] {
        assert!(!text.contains(needle), "{needle} in rendered text");
    }
    assert!(text.starts_with("Putin and Kim pledge mutual assist in opposition to ‘aggression’\n\nBy Tessa Wong | BBC News\n\n"));
    let markdown = article().to_markdown();
    assert!(markdown.starts_with("# Putin and Kim pledge"));
    assert!(markdown.contains("\n## Pink carpet for Putin in lavish ceremony in Pyongyang\n"));
}

#[test]
fn no_break_space_is_repaired_and_counted() {
    let article = article();
    assert_eq!(article.repairs.get(artnorm::RepairKind::UnicodeSpace), 1);
    assert_eq!(article.repairs.get(artnorm::RepairKind::Unglue), 1);
}

#[test]
fn json_matches_the_golden_file_and_round_trips() {
    let article = article();
    let json = article.to_json_pretty() + "\n";
    crate::golden::check("bbc-putin-kim-spun.json", &json);
    let back: artnorm::Article = serde_json::from_str(&json).unwrap();
    assert_eq!(back, article);
}

#[test]
fn byte_api_spans_count_the_bom() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(SAMPLE.as_bytes());
    let article = artnorm::Normalizer::default()
        .normalize_bytes(&bytes)
        .unwrap();
    for removal in &article.removed {
        assert_eq!(
            &bytes[removal.span.start..removal.span.end],
            removal.text.as_bytes()
        );
    }
}
