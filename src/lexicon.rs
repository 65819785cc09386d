//! Lexicons: the data files in `data/`, compiled into the crate.
//!
//! Every file has the same shape: `#` lines are comments (the first ones name
//! the source and licence), blank lines are skipped, every other line is one
//! entry, its fields separated by tabs.

/// One data file: its name (for tests and messages) and its contents.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DataFile {
    #[cfg_attr(not(test), allow(dead_code))]
    pub name: &'static str,
    pub text: &'static str,
    /// How many tab-separated fields an entry has.
    pub fields: usize,
    /// Whether entries that differ only in case are distinct (`AMP` and `amp`).
    #[cfg_attr(not(test), allow(dead_code))]
    pub case_sensitive: bool,
}

macro_rules! data_file {
    ($name:literal, $fields:literal) => {
        DataFile {
            name: $name,
            text: include_str!(concat!("../data/", $name)),
            fields: $fields,
            case_sensitive: false,
        }
    };
    ($name:literal, $fields:literal, case_sensitive) => {
        DataFile {
            name: $name,
            text: include_str!(concat!("../data/", $name)),
            fields: $fields,
            case_sensitive: true,
        }
    };
}

pub(crate) const OUTLETS: DataFile = data_file!("outlets.txt", 1);
pub(crate) const PHOTO_AGENCIES: DataFile = data_file!("photo_agencies.txt", 1);
pub(crate) const CATEGORY_PLACEHOLDERS: DataFile = data_file!("category_placeholders.txt", 1);
pub(crate) const SOURCE_LINKS: DataFile = data_file!("source_links.txt", 1);
pub(crate) const BYLINE_PREFIXES: DataFile = data_file!("byline_prefixes.txt", 1);
pub(crate) const MONTHS: DataFile = data_file!("months.tsv", 2);
pub(crate) const BOILERPLATE: DataFile = data_file!("boilerplate.tsv", 3);
pub(crate) const HTML5_ENTITIES: DataFile = data_file!("html5_entities.tsv", 3, case_sensitive);
pub(crate) const SPIN_SUPPLY_HYPERLINK: DataFile = data_file!("spin/news-synonym.tsv", 4);
pub(crate) const SPIN_THESAURUS: DataFile = data_file!("spin/news-thesaurus.tsv", 4);
pub(crate) const SPIN_TORTURED: DataFile = data_file!("spin/tortured.tsv", 4);
pub(crate) const SPIN_NAME_WORDS: DataFile = data_file!("spin/name-words.tsv", 2);
pub(crate) const CHROME_STOPWORDS: DataFile = data_file!("chrome/stopwords.txt", 1);
pub(crate) const CHROME_MARKERS: DataFile = data_file!("chrome/markers.tsv", 2);
pub(crate) const DATE_LINE_WORDS: DataFile = data_file!("date_line_words.txt", 1);
pub(crate) const BYLINE_ROLES: DataFile = data_file!("byline_roles.txt", 1);
pub(crate) const OUTLET_WORDS: DataFile = data_file!("outlet_words.txt", 1);
pub(crate) const SPIN_NUMBER_WORDS: DataFile = data_file!("spin/number-words.txt", 1);

/// Every data file the crate compiles in, for the tests that check them.
#[cfg(test)]
pub(crate) const ALL: &[DataFile] = &[
    OUTLETS,
    PHOTO_AGENCIES,
    CATEGORY_PLACEHOLDERS,
    SOURCE_LINKS,
    BYLINE_PREFIXES,
    MONTHS,
    BOILERPLATE,
    HTML5_ENTITIES,
    SPIN_SUPPLY_HYPERLINK,
    SPIN_THESAURUS,
    SPIN_TORTURED,
    SPIN_NAME_WORDS,
    CHROME_STOPWORDS,
    CHROME_MARKERS,
    DATE_LINE_WORDS,
    BYLINE_ROLES,
    OUTLET_WORDS,
    SPIN_NUMBER_WORDS,
];

impl DataFile {
    /// The entries, one slice of fields each. Lines with the wrong number of
    /// fields are skipped here and reported by the data tests.
    pub fn entries(self) -> impl Iterator<Item = Vec<&'static str>> {
        self.text
            .lines()
            .map(str::trim_end)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .map(|line| line.split('\t').collect::<Vec<_>>())
            .filter(move |fields| fields.len() == self.fields)
    }

    /// The first field of every entry.
    pub fn words(self) -> impl Iterator<Item = &'static str> {
        self.entries().filter_map(|fields| fields.first().copied())
    }
}

/// A one-word-a-line data file as a set of lower-case words.
pub(crate) struct WordSet(
    std::collections::HashSet<&'static str, crate::pipeline::tables::FastHash>,
);

impl WordSet {
    pub fn new(file: DataFile) -> WordSet {
        WordSet(file.words().collect())
    }

    /// Whether `lower` (already lower-case) is in the set.
    pub fn contains(&self, lower: &str) -> bool {
        self.0.contains(lower)
    }

    /// Whether `word`, trimmed of what is not alphanumeric at its ends and
    /// lower-cased, is in the set. Short ASCII words are lower-cased on the
    /// stack.
    pub fn contains_folded(&self, word: &str) -> bool {
        let trimmed = word.trim_matches(|c: char| !c.is_alphanumeric());
        let mut buf = [0u8; 32];
        if let Some(slot) = buf.get_mut(..trimmed.len()).filter(|_| trimmed.is_ascii()) {
            slot.copy_from_slice(trimmed.as_bytes());
            slot.make_ascii_lowercase();
            return std::str::from_utf8(slot).is_ok_and(|lower| self.0.contains(lower));
        }
        let lower = trimmed.to_lowercase();
        self.0
            .contains(lower.trim_matches(|c: char| !c.is_alphanumeric()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_data_file_has_a_provenance_header_and_parses() {
        for file in ALL {
            let header: Vec<&str> = file
                .text
                .lines()
                .take_while(|line| line.starts_with('#'))
                .collect();
            assert!(
                header.iter().any(|l| l.contains("source:")),
                "{}: no `source:` in the header",
                file.name
            );
            assert!(
                header.iter().any(|l| l.contains("licence:")),
                "{}: no `licence:` in the header",
                file.name
            );
            let mut seen = HashSet::new();
            for (n, line) in file.text.lines().enumerate() {
                if line.trim().is_empty() || line.starts_with('#') {
                    continue;
                }
                let fields: Vec<&str> = line.split('\t').collect();
                assert_eq!(
                    fields.len(),
                    file.fields,
                    "{} line {}: {:?} has {} fields, want {}",
                    file.name,
                    n + 1,
                    line,
                    fields.len(),
                    file.fields
                );
                assert!(
                    fields.iter().all(|f| !f.is_empty() && f.trim() == *f),
                    "{} line {}: empty field or stray space",
                    file.name,
                    n + 1
                );
                // The key is everything but a trailing value column.
                let key = if file.case_sensitive {
                    fields[0].to_owned()
                } else if file.fields == 2 {
                    fields[0].to_lowercase()
                } else {
                    line.to_lowercase()
                };
                assert!(
                    seen.insert(key),
                    "{} line {}: duplicate entry {:?}",
                    file.name,
                    n + 1,
                    line
                );
            }
            assert!(!seen.is_empty(), "{}: no entries", file.name);
        }
    }

    #[test]
    fn boilerplate_kinds_and_modes_are_known() {
        for fields in BOILERPLATE.entries() {
            assert!(
                crate::RemovalKind::from_name(fields[0]).is_some(),
                "unknown kind {:?}",
                fields[0]
            );
            assert!(
                matches!(fields[1], "line" | "prefix"),
                "mode {:?}",
                fields[1]
            );
            assert_eq!(
                fields[2],
                fields[2].to_lowercase(),
                "phrases are lower-case"
            );
        }
    }

    #[test]
    fn months_are_numbers_from_1_to_12() {
        for fields in MONTHS.entries() {
            let n: u8 = fields[1].parse().unwrap_or(0);
            assert!((1..=12).contains(&n), "{:?}", fields);
        }
    }
}
