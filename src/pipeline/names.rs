//! Person names: splitting a list of names and telling a name from other text.

/// Lower-case words that may stand inside a name (`Ursula von der Leyen`).
const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "das", "do", "dos", "du", "la",
    "le", "bin", "ibn", "al", "el", "ter", "ten", "y", "e", "zu",
];

/// Splits `A, B and C` / `A & B` / `A y B` / `A und B` / `A et B` into names.
pub(crate) fn split_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for part in text.split([',', ';']) {
        let mut rest = part.trim();
        loop {
            match next_separator(rest) {
                Some((at, len)) => {
                    push_name(&mut names, rest.get(..at).unwrap_or(""));
                    rest = rest.get(at + len..).unwrap_or("");
                }
                None => {
                    push_name(&mut names, rest);
                    break;
                }
            }
        }
    }
    names
}

/// Words that join two names.
const JOINERS: [&str; 8] = [
    " and ", " & ", " y ", " und ", " et ", " e ", " en ", " og ",
];

/// Where the first joiner in `text` starts, and its length: the leftmost of
/// the joiners' first occurrences. Each starts with a space, and no two can
/// start at the same place, so the spaces are looked at in order.
fn next_separator(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b' ', bytes).find_map(|at| {
        let rest = bytes.get(at..)?;
        JOINERS
            .iter()
            .find(|joiner| rest.starts_with(joiner.as_bytes()))
            .map(|joiner| (at, joiner.len()))
    })
}

fn push_name(names: &mut Vec<String>, name: &str) {
    let name = name
        .trim()
        .trim_start_matches(|c: char| c == '&' || c.is_whitespace())
        .trim_start_matches("and ")
        .trim_end_matches(['.', ',', ':', ';'])
        .trim();
    if !name.is_empty() {
        names.push(fix_case(name));
    }
}

/// `JANE DOE` → `Jane Doe`; names in mixed case are left alone.
pub(crate) fn fix_case(name: &str) -> String {
    // Four letters or more, none in lower case (told without collecting
    // them).
    let mut letters = 0;
    for c in name.chars().filter(|c| c.is_alphabetic()) {
        if c.is_lowercase() {
            return name.to_owned();
        }
        letters += 1;
    }
    if letters < 4 {
        return name.to_owned();
    }
    let mut out = String::with_capacity(name.len());
    for (index, word) in name.split(' ').enumerate() {
        if index > 0 {
            out.push(' ');
        }
        push_capitalised(&mut out, word);
    }
    out
}

/// Appends `word` lower-cased but for a capital at its start and after a
/// hyphen, apostrophe or full stop (`o'neil-smith` → `O'Neil-Smith`).
fn push_capitalised(out: &mut String, word: &str) {
    let mut start = true;
    for c in word.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = matches!(c, '-' | '\'' | '’' | '.');
    }
}

/// True when `text` reads as one person's name: one to five words, each
/// capitalised (or a known particle, or an initial), letters and `.-'’` only.
pub(crate) fn is_person_name(text: &str) -> bool {
    // One pass over the words, each looked at with the next one known (so
    // that the last is told), rather than collected. A sixth word makes it
    // no name, whatever the five before it are.
    let mut words = text.split_whitespace().peekable();
    let mut count = 0;
    let mut capitalised = 0;
    while let Some(word) = words.next() {
        if count == 5 {
            return false;
        }
        let inner = count > 0 && words.peek().is_some();
        match name_word(word, inner) {
            Some(capital) => capitalised += usize::from(capital),
            None => return false,
        }
        count += 1;
    }
    count >= 1 && capitalised >= 1 && (count >= 2 || text.chars().count() >= 3)
}

/// How `word` reads in a name: `Some(true)` capitalised, `Some(false)` a
/// particle (`van`, `de`: only `inner`, between the first and last words),
/// `None` no name's word (other characters than letters and `.-'’`).
fn name_word(word: &str, inner: bool) -> Option<bool> {
    if !word
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
    {
        return None;
    }
    if word.chars().next().is_some_and(char::is_uppercase) {
        Some(true)
    } else if inner && PARTICLES.contains(&word) {
        Some(false)
    } else {
        None
    }
}

/// [`fix_case`] as it was first written (the letters collected, a string
/// a word, joined): the oracle of the test that the version without those
/// copies gives the same names.
#[cfg(test)]
fn fix_case_by_copies(name: &str) -> String {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 4 || letters.iter().any(|c| c.is_lowercase()) {
        return name.to_owned();
    }
    name.split(' ')
        .map(|word| {
            let mut out = String::with_capacity(word.len());
            push_capitalised(&mut out, word);
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// [`is_person_name`] as it was first written, its words collected.
#[cfg(test)]
fn is_person_name_by_copies(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 {
        return false;
    }
    let mut capitalised = 0;
    for (index, word) in words.iter().enumerate() {
        match name_word(word, index > 0 && index + 1 < words.len()) {
            Some(capital) => capitalised += usize::from(capital),
            None => return false,
        }
    }
    capitalised >= 1 && (words.len() >= 2 || text.chars().count() >= 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lists_of_names() {
        assert_eq!(
            split_names("Joel Guinto, Kelly Ng and Jake Kwon"),
            ["Joel Guinto", "Kelly Ng", "Jake Kwon"]
        );
        assert_eq!(
            split_names("Ana Ruiz y Pedro Gil"),
            ["Ana Ruiz", "Pedro Gil"]
        );
        assert_eq!(split_names("JANE DOE & JOHN ROE"), ["Jane Doe", "John Roe"]);
    }

    #[test]
    fn the_first_joiner_is_found() {
        for text in [
            "A and B y C",
            "A y B and C",
            "A en B e C",
            "A e B en C",
            "Anna Bell & Cy",
            "none here",
            "trailing and",
            " et x",
        ] {
            let expected = JOINERS
                .iter()
                .filter_map(|sep| text.find(sep).map(|at| (at, sep.len())))
                .min();
            assert_eq!(next_separator(text), expected, "{text}");
        }
    }

    #[test]
    fn names_are_read_as_the_copying_versions_read_them() {
        // Capitals, particles, initials, apostrophes, digits, lower case
        // first and last, upper case outside ASCII, and lists of one to
        // eight words.
        let pieces = [
            "Jane",
            "DOE",
            "von",
            "der",
            "J.",
            "O’Carroll",
            "O’CARROLL",
            "d'Arc",
            "D'ARC",
            "x",
            "ÉMILE",
            "Émile",
            "ß",
            "2024",
            " ",
            " ",
            "  ",
            "\u{a0}",
            "-",
            "ALİ",
            "ΟΔΟΣ",
            "al",
            "MAC-",
        ];
        let mut texts = crate::pipeline::random_texts(&pieces, 41, 0..12, 600);
        // Four to seven capitalised words, a particle last or not.
        let words = ["Anna", "Bell", "von", "Cy", "Dee", "Eve", "Fay"];
        for n in 4..=words.len() {
            texts.push(words.iter().take(n).copied().collect::<Vec<_>>().join(" "));
            texts.push(format!("{} der", texts.last().cloned().unwrap_or_default()));
        }
        for text in texts {
            assert_eq!(
                is_person_name(&text),
                is_person_name_by_copies(&text),
                "{text:?}"
            );
            assert_eq!(fix_case(&text), fix_case_by_copies(&text), "{text:?}");
        }
    }

    #[test]
    fn recognises_names() {
        assert!(is_person_name("Ursula von der Leyen"));
        assert!(is_person_name("Chad O’Carroll"));
        assert!(is_person_name("J.R. Smith"));
        assert!(!is_person_name("the two leaders"));
        assert!(!is_person_name("Jane Doe 2024"));
        assert!(!is_person_name("a b c d e f"));
    }
}
