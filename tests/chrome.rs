//! Page chrome: whole-page text dumps lose their menus, share bars, related
//! links, comments and footers, and keep the story, its headline and byline.
//! The pages are made up for these tests, each after a failure seen on real
//! dumps (menus around the story, a `<title>` line with the site's name, a
//! checklist of short lines inside the body, comments that read as prose).

use artnorm::{Article, Normalizer, Options, RemovalKind};

/// A news-style page: menu, `<title>` line, category, headline, byline,
/// date, the story with a subheading, then share bar, related posts, a
/// comment thread, a newsletter box and the footer.
const NEWS_PAGE: &str = r#"Why Orchard Bees Are Waking Up Early | The Garden Ledger

Skip to content
Home
Gardening
Wildlife
Recipes
Shop
About us
Subscribe
Sign in

Wildlife
Why Orchard Bees Are Waking Up Early
By Mara Lindqvist
March 3, 2025

Across the valley, growers have noticed mason bees leaving their nesting tubes two or three weeks sooner than they did a decade ago.
The shift matters because the bees and the apple blossoms they pollinate no longer open on the same schedule, and a gap of even a few days can cut the fruit set.
Researchers at the county extension office have logged emergence dates since 2009, and their records show a steady drift toward late February.
What growers can do
Most of the advice is cheap: shade the nest boxes, face them east rather than south, and keep them in a cool shed until the first buds swell.
Several orchards have also planted early-flowering hedgerows, so that bees that wake too soon still find something to feed on.
"We used to wait for the bees; now we plan around them," said one grower, who has kept hives on the same slope for thirty years.
Whether the hedgerows will be enough is not yet clear, but the extension office plans to publish its next survey in the autumn.

Share this article
Facebook
Twitter
Email

Related posts
Ten shrubs that feed pollinators all year
How to build a nest box in an afternoon
The quiet decline of the garden bumblebee

Leave a reply
Your email address will not be published. Required fields are marked *
Comment
Name
Email
Post comment

Dana K.
Lovely piece, we saw the same thing in our yard last spring and wondered what was going on with them.

Newsletter
Get the best of the Ledger in your inbox every Friday.
Privacy policy
Terms of use
© 2025 The Garden Ledger. All rights reserved.
"#;

/// A guide whose body holds a checklist of short lines and short
/// subheadings: those must stay, the "you might also like" list must go.
const LIST_PAGE: &str = r#"Packing for a Winter Hike: A Short Checklist - Trailhead Notes

Menu
Trails
Gear
Guides
Contact

Packing for a Winter Hike: A Short Checklist
Cold days on the trail reward people who plan, and most trouble starts with something small that was left in the car.
Before you go, check the forecast for the summit as well as the car park, because the two can differ by ten degrees or more.
The essentials
Insulated jacket
Spare gloves
Headlamp with fresh batteries
Thermos of something hot
Map and compass
Each of these earns its place in the pack: a headlamp matters because winter daylight ends much earlier than most walkers expect.
Footwear
Waterproof boots with a stiff sole are worth the weight, and a pair of microspikes turns an icy path into an ordinary one.
Finally, tell someone where you are going and when you plan to be back, and stick to that plan even if the weather looks kind.

You might also like
Five easy loops for a first snowshoe trip
Which stove works best below freezing?

About Trailhead Notes
Trailhead Notes is written by a small group of walkers who have spent many weekends getting lost so you don't have to.
Contact
Advertise with us
Copyright 2025 Trailhead Notes
"#;

fn removed_kind(article: &Article, text: &str) -> Option<RemovalKind> {
    article
        .removed
        .iter()
        .find(|r| r.text == text)
        .map(|r| r.kind)
}

fn body_has(article: &Article, text: &str) -> bool {
    article.blocks.iter().any(|b| b.text() == Some(text))
}

#[test]
fn news_page_keeps_the_story_and_drops_the_chrome() {
    let article = artnorm::normalize(NEWS_PAGE).unwrap();
    assert_eq!(
        article.title.as_deref(),
        Some("Why Orchard Bees Are Waking Up Early")
    );
    let byline = article.byline.as_ref().expect("byline");
    assert_eq!(byline.authors, ["Mara Lindqvist"]);
    assert!(article.published.is_some());
    let body = article.body_text();
    for kept in [
        "Across the valley, growers have noticed",
        "What growers can do",
        "We used to wait for the bees",
        "publish its next survey in the autumn.",
    ] {
        assert!(body.contains(kept), "lost {kept:?}:\n{body}");
    }
    for dropped in [
        "Skip to content",
        "Gardening",
        "Ten shrubs that feed pollinators",
        "Lovely piece",
        "Dana K.",
        "inbox every Friday",
        "All rights reserved",
        "Facebook",
    ] {
        assert!(!body.contains(dropped), "kept {dropped:?}:\n{body}");
    }
    assert_eq!(article.blocks.len(), 8, "{body}");
}

#[test]
fn every_cut_is_recorded_with_a_kind_and_a_span() {
    let article = artnorm::normalize(NEWS_PAGE).unwrap();
    for removal in &article.removed {
        let raw = &NEWS_PAGE[removal.span.start..removal.span.end];
        assert_eq!(raw.trim(), removal.text, "{removal:?}");
    }
    let expect = [
        ("Skip to content", RemovalKind::Navigation),
        ("Recipes", RemovalKind::Navigation),
        ("Share this article", RemovalKind::Share),
        ("How to build a nest box in an afternoon", RemovalKind::Related),
        (
            "Lovely piece, we saw the same thing in our yard last spring and wondered what was going on with them.",
            RemovalKind::Comments,
        ),
        (
            "Get the best of the Ledger in your inbox every Friday.",
            RemovalKind::Newsletter,
        ),
        (
            "© 2025 The Garden Ledger. All rights reserved.",
            RemovalKind::Copyright,
        ),
        (
            "Why Orchard Bees Are Waking Up Early | The Garden Ledger",
            RemovalKind::Duplicate,
        ),
    ];
    for (text, kind) in expect {
        assert_eq!(removed_kind(&article, text), Some(kind), "{text:?}");
    }
    // Nothing vanished: every non-blank input line is in the article or in
    // the audit trail.
    let json = article.to_json();
    for line in NEWS_PAGE.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let escaped = serde_json::to_string(line).unwrap();
        let inner = &escaped[1..escaped.len() - 1];
        let in_meta = line.starts_with("By ") || line.starts_with("March") || line == "Wildlife";
        assert!(json.contains(inner) || in_meta, "vanished: {line:?}");
    }
}

#[test]
fn short_lines_inside_the_story_stay() {
    let article = artnorm::normalize(LIST_PAGE).unwrap();
    assert_eq!(
        article.title.as_deref(),
        Some("Packing for a Winter Hike: A Short Checklist")
    );
    for kept in [
        "The essentials",
        "Insulated jacket",
        "Spare gloves",
        "Headlamp with fresh batteries",
        "Thermos of something hot",
        "Map and compass",
        "Footwear",
    ] {
        assert!(body_has(&article, kept), "lost {kept:?}");
    }
    let body = article.body_text();
    for dropped in [
        "Five easy loops",
        "Which stove works best",
        "Advertise with us",
        "Gear",
    ] {
        assert!(!body.contains(dropped), "kept {dropped:?}:\n{body}");
    }
    assert_eq!(
        removed_kind(&article, "Five easy loops for a first snowshoe trip"),
        Some(RemovalKind::Related)
    );
}

#[test]
fn chrome_stripping_can_be_turned_off() {
    let normalizer = Normalizer::new(Options::default().strip_chrome(false)).unwrap();
    let article = normalizer.normalize(NEWS_PAGE).unwrap();
    let body = article.body_text();
    assert!(body.contains("Ten shrubs that feed pollinators all year"));
    assert!(body.contains("Lovely piece"));
    assert!(!article
        .removed
        .iter()
        .any(|r| matches!(r.kind, RemovalKind::Related | RemovalKind::Comments)));
}

#[test]
fn a_site_name_glued_to_the_title_is_cut_and_recorded() {
    let text = "Fixing a slipping bike chain at home – CycleHub\n\n\
                A chain that slips under load usually needs a new cassette as well as a new chain, \
                because the two wear together over thousands of miles.\n\n\
                Start by measuring the chain with a simple gauge; if it shows more than half a \
                percent of stretch, replace it before it damages the rings.\n\n\
                Then check the rear derailleur hanger, which bends easily when a bike falls on its \
                right side and throws every gear slightly out of line.";
    let article = artnorm::normalize(text).unwrap();
    assert_eq!(
        article.title.as_deref(),
        Some("Fixing a slipping bike chain at home")
    );
    assert!(article.removed.iter().any(|r| r.text.contains("CycleHub")));
    assert_eq!(article.blocks.len(), 3);
}

#[test]
fn a_plain_article_loses_nothing() {
    let text = "Council approves new cycle lanes\n\n\
                The city council voted on Tuesday to build four new protected cycle lanes.\n\n\
                Work on the first, along the river, starts in May.\n\n\
                Shop owners had asked for loading bays to be kept, and the plan keeps them.\n\n\
                \"It is a good compromise,\" said a local trader.\n\n\
                The lanes should be finished by the end of next year.";
    let article = artnorm::normalize(text).unwrap();
    assert_eq!(
        article.title.as_deref(),
        Some("Council approves new cycle lanes")
    );
    assert_eq!(article.blocks.len(), 5, "{:?}", article.removed);
    assert!(article.removed.is_empty(), "{:?}", article.removed);
}

#[test]
fn odd_pages_do_not_panic() {
    let menu_only = "Home\nNews\nSport\nWeather\nContact\n".repeat(50);
    let one_long_line = "word ".repeat(5000);
    let inputs = [
        menu_only.as_str(),
        one_long_line.as_str(),
        "a\nb\nc\nd\ne",
        "|\n|\n|\n|\n|",
        "Title | Site\n\nTitle\n\n\u{a9}\n\n.",
    ];
    for input in inputs {
        let _ = artnorm::normalize(input);
    }
}

#[test]
fn a_counted_comment_header_starts_the_comments() {
    let mut text = String::from("Notes from a slow week | Small Press Blog\n\nHome\nArchive\nAbout\n\nNotes from a slow week\n\n");
    for n in 1..=6 {
        text.push_str(&format!(
            "Paragraph {n} of the post goes on about the week at some length, with enough words to read as \
             running prose rather than as a menu, a caption or a link.\n"
        ));
    }
    text.push_str(
        "\n14 thoughts on \u{201c}Notes from a slow week\u{201d}\n\
         Reader One\n\
         I enjoyed this one a lot, and it made me think about my own slow weeks and what I do with them.\n\
         Reader Two\n\
         Same here, although my weeks are never slow enough to write about, sadly for me and my readers.\n",
    );
    let article = artnorm::normalize(&text).unwrap();
    let body = article.body_text();
    assert!(body.contains("Paragraph 6 of the post"), "{body}");
    assert!(!body.contains("I enjoyed this one"), "{body}");
    assert_eq!(
        removed_kind(
            &article,
            "14 thoughts on \u{201c}Notes from a slow week\u{201d}"
        ),
        Some(RemovalKind::Comments)
    );
}
