//! Bylines and dates in the shapes blogs and magazines print them, in our
//! own words (cases drawn from what the development corpus showed).

fn article(text: &str) -> artnorm::Article {
    artnorm::normalize(text).unwrap()
}

const BODY: &str = "The first paragraph of the story runs long enough to read as prose, with a full stop.\n\n\
                    A second paragraph follows it and says a little more about the matter at hand.\n";

#[test]
fn a_bare_name_next_to_a_date_is_the_byline() {
    let a = article(&format!(
        "Five ways to cook squash\n\nAndrea Stone\n\nSeptember 4, 2025\n\n{BODY}"
    ));
    assert_eq!(a.byline.unwrap().authors, ["Andrea Stone"]);
    assert_eq!(a.published.unwrap().to_string(), "2025-09-04");
}

#[test]
fn a_bare_name_over_a_role_is_the_byline() {
    let a = article(&format!(
        "Five ways to cook squash\n\nMaya Lindqvist\n\nSenior Editor\n\n{BODY}"
    ));
    assert_eq!(a.byline.unwrap().authors, ["Maya Lindqvist"]);
}

#[test]
fn a_name_on_the_date_line() {
    let a = article(&format!(
        "Five ways to cook squash\n\nTom Reyes | May 22, 2025\n\n{BODY}"
    ));
    assert_eq!(a.byline.unwrap().authors, ["Tom Reyes"]);
    assert_eq!(a.published.unwrap().to_string(), "2025-05-22");
}

#[test]
fn a_byline_under_a_label_line_is_not_joined_to_it() {
    let a = article(&format!(
        "Five ways to cook squash\n\nKitchen Blog | Recipes and Reviews\nBy Jane Doe Updated on February 16, 2026\n\n{BODY}"
    ));
    assert_eq!(a.byline.unwrap().authors, ["Jane Doe"]);
}

#[test]
fn a_name_alone_far_from_any_date_stays_text() {
    let a = article(&format!("Five ways to cook squash\n\n{BODY}\nMaria Ortega\n\nThe end of the story comes with one more full sentence here.\n"));
    assert!(a.byline.is_none());
}
