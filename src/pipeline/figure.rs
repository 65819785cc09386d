//! Figures: photo credits, alt text and captions as scrapers leave them.

use crate::pipeline::tables::Tables;

/// What one line says about a picture.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FigureParts {
    pub credit: Option<String>,
    pub alt: Option<String>,
    pub caption: Option<String>,
    /// A repeat of the credit at the end of the line (byte range in the
    /// line), folded into `credit` and reported as removed.
    pub repeat: Option<(usize, usize)>,
    /// True when the visible caption is expected on the next line.
    pub wants_caption: bool,
    /// True for a credit that usually closes a caption (`(Photo by …)`,
    /// `Photo: …`, `© …`): a caption-like line just before it is its caption.
    pub caption_before: bool,
}

/// A `Image caption, …` / `Caption: …` line: the caption text.
///
/// Told from the first two bytes for most lines (inline, as every unit
/// asks): see [`labelled_caption`].
#[inline]
pub(crate) fn explicit_caption(text: &str) -> Option<&str> {
    // Every label starts with one of these letters; a line whose first byte
    // is another ASCII character has none.
    let first = text.as_bytes().first()?.to_ascii_lowercase();
    if first.is_ascii() && !matches!(first, b'i' | b'm' | b'c' | b'p' | b'b' | b'l') {
        return None;
    }
    // And its second letter: `im`, `me`, `ca`, `pi`, `bi`, or `l` and a
    // non-ASCII one (`é`). A non-ASCII second byte is let through.
    if let Some(&second) = text.as_bytes().get(1) {
        let pair = [first, second.to_ascii_lowercase()];
        if second.is_ascii() && !matches!(&pair, b"im" | b"me" | b"ca" | b"pi" | b"bi") {
            return None;
        }
    }
    labelled_caption(text, first)
}

/// [`explicit_caption`] past its test of the first two bytes (`first`, the
/// first lower-cased).
fn labelled_caption(text: &str, first: u8) -> Option<&str> {
    // The first 20 bytes, cut back to a char boundary (a cut inside a
    // character would make every non-ASCII caption unlabelled). They start
    // with the line's first two bytes: a character takes four bytes at most.
    let mut head = text.len().min(20);
    while !text.is_char_boundary(head) {
        head -= 1;
    }
    let head = text.get(..head)?;
    let ascii = head.is_ascii();
    for prefix in [
        "image caption",
        "media caption",
        "caption",
        "pie de foto",
        "bildunterschrift",
        "légende",
    ] {
        // `head.to_lowercase().starts_with(prefix)`, without allocating
        // (byte for byte when both are ASCII).
        let found = if ascii {
            // An ASCII head lower-cases to ASCII: `légende` cannot match.
            prefix.as_bytes().first() == Some(&first)
                && head
                    .as_bytes()
                    .get(..prefix.len())
                    .is_some_and(|h| h.eq_ignore_ascii_case(prefix.as_bytes()))
        } else {
            let mut lower = head.chars().flat_map(char::to_lowercase);
            prefix.chars().all(|p| lower.next() == Some(p))
        };
        if found {
            let rest = text.get(prefix.len()..)?;
            let rest = rest.strip_prefix([',', ':'])?.trim();
            return (!rest.is_empty()).then_some(rest);
        }
    }
    None
}

/// `caption` without a separator standing alone at its end (`Caption -`,
/// `Caption |`), as it would stand before a credit: a rendered figure puts
/// its credit after the caption, so a kept separator would be read back as
/// the credit's. `a|` keeps its bar.
pub(crate) fn without_trailing_separator(caption: &str) -> &str {
    caption
        .strip_suffix(['-', '–', '—', '|'])
        .filter(|rest| rest.is_empty() || rest.ends_with(char::is_whitespace))
        .unwrap_or(caption)
        .trim()
}

/// False when `text` cannot match `credit_line` (`Image source, …`), which
/// opens with `image`, `photo` or `picture`, in any case (none of their
/// letters has a non-ASCII case partner).
#[inline(always)]
pub(crate) fn opens_like_credit_line(text: &str) -> bool {
    ["image", "photo", "picture"].iter().any(|label| {
        text.as_bytes()
            .get(..label.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(label.as_bytes()))
    })
}

/// The longest line [`is_short_and_plain`] looks at byte by byte.
const SHORT_LINE: usize = 16;

/// True for a short line with no `/`, `:`, `b` or `B`: a `Name /` lead
/// needs a `/` ([`may_lead_with_name`]), a trailing credit a `:` or a `by`
/// ([`first_credit_separator`]), so neither can match. Most units are short
/// lines (menus, labels) without them: one look at each byte tells, where
/// the two searches cost more.
fn is_short_and_plain(text: &str) -> bool {
    text.len() <= SHORT_LINE && !text.bytes().any(|b| matches!(b, b'/' | b':' | b'b' | b'B'))
}

/// Reads a figure line, or `None` when the line is not about a picture.
pub(crate) fn parse_figure(tables: &Tables, text: &str) -> Option<FigureParts> {
    // BBC: `Image source, Getty Images`.
    // Each regex is tried with `is_match` first: most lines fail, and it
    // allocates no captures.
    let may_label = opens_like_credit_line(text);
    let credit_line =
        (may_label && tables.credit_line.is_match(text)).then(|| tables.credit_line.captures(text));
    if let Some(caps) = credit_line.flatten() {
        let credit = caps
            .name("credit")?
            .as_str()
            .trim()
            .trim_end_matches('.')
            .trim_end();
        // A labelled credit (`Image source, …`) takes only a labelled caption
        // (`Image caption, …`, labelled on its own): the short paragraph after
        // a caption-less figure stays a paragraph, which is also what keeps
        // `to_text` output reading back the same.
        return Some(FigureParts {
            credit: Some(credit.to_owned()),
            wants_caption: false,
            ..FigureParts::default()
        });
    }
    // `Sputnik / Getty Images In this pool photograph … 2024Sputnik / Getty Visuals`.
    // `credit_lead` is `Name /` then an agency, or an agency at the start.
    let short_plain = is_short_and_plain(text);
    let may_lead =
        tables.starts_with_agency(text) || (!short_plain && may_lead_with_name(tables, text));
    if let Some(caps) = may_lead
        .then(|| {
            tables
                .credit_lead
                .is_match(text)
                .then(|| tables.credit_lead.captures(text))
        })
        .flatten()
        .flatten()
    {
        let credit_match = caps.get(0)?;
        let credit = credit_match.as_str().trim();
        let rest_start = credit_match.end();
        let rest = text.get(rest_start..)?;
        let lead_blank = rest.len() - rest.trim_start().len();
        let rest = rest.trim_start();
        if rest.is_empty() {
            return Some(FigureParts {
                credit: Some(credit.to_owned()),
                wants_caption: true,
                ..FigureParts::default()
            });
        }
        let slash_form = caps.name("who").is_some();
        let repeat = trailing_repeat(rest, credit);
        // The alt text starts like a sentence; `Reuters reported that …` does not
        // have a slash credit or a repeat, so it stays a paragraph.
        let starts_sentence = rest
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c == '(');
        if (slash_form || repeat.is_some()) && starts_sentence {
            let (alt, repeat) = match repeat {
                Some(at) => {
                    let start = rest_start + lead_blank + at;
                    (
                        rest.get(..at).unwrap_or(rest).trim(),
                        Some((start, text.len())),
                    )
                }
                None => (rest, None),
            };
            return Some(FigureParts {
                credit: Some(credit.to_owned()),
                alt: (!alt.is_empty()).then(|| alt.to_owned()),
                repeat,
                wants_caption: true,
                ..FigureParts::default()
            });
        }
    }
    // `© Reuters` (a year or "rights" would make it a copyright notice).
    if let Some(rest) = text.strip_prefix('©').or_else(|| text.strip_prefix("(c) ")) {
        let rest = rest.trim();
        if !rest.is_empty()
            && !rest.chars().any(|c| c.is_ascii_digit())
            && tables.is_agency(rest.trim_end_matches('.'))
        {
            return Some(FigureParts {
                credit: Some(rest.trim_end_matches('.').to_owned()),
                wants_caption: true,
                caption_before: true,
                ..FigureParts::default()
            });
        }
    }
    // `Caption text. Photograph: Jane Doe/Reuters`, `(Photo by A/Getty Images)`.
    // Most long lines end with no place a trailing credit can take: looked
    // at first, from the end, before the whole line is searched (a short
    // line is searched at once).
    let separator = (!short_plain && (text.len() <= 160 || may_end_with_credit(text)))
        .then(|| first_credit_separator(text))
        .flatten();
    if let Some(from) = separator.filter(|_| crate::pipeline::classify::words_upto(text, 81) <= 80)
    {
        // The match alone, not the captures (which run a slower engine over
        // it): the credit is read from the match by hand (see
        // `credit_in`). The search starts where the first match can (see
        // `earliest_credit_start`).
        if let Some(whole) = trailing_credit_from(text, earliest_credit_start(text, from)) {
            let credit = credit_in(whole.as_str())?
                .trim_end_matches(['.', ')'])
                .trim();
            let caption = text.get(..whole.start())?.trim();
            // A separator before the credit (`Caption - Photo: …`); an opening
            // parenthesis is inside the match already, and one left here is
            // the caption's own.
            // Only a separator standing alone counts: `a|` keeps its bar.
            let caption = without_trailing_separator(caption);
            // The credit must read as a credit: a name, an agency, a slash.
            // `(Photo: …)` closing the line marks its content as a credit.
            let bracketed = whole
                .as_str()
                .trim_start_matches(['.', ','])
                .trim_start()
                .starts_with('(')
                && whole.as_str().trim_end().ends_with(')');
            let credible = bracketed
                || credit.contains('/')
                || tables.is_agency(credit)
                || credit.split_whitespace().count() <= 4
                    && credit.chars().next().is_some_and(char::is_uppercase);
            if credible {
                return Some(FigureParts {
                    credit: Some(credit.to_owned()),
                    caption: (!caption.is_empty()).then(|| caption.to_owned()),
                    wants_caption: caption.is_empty(),
                    caption_before: caption.is_empty(),
                    ..FigureParts::default()
                });
            }
        }
    }
    None
}

/// A match of the `trailing_credit` pattern (see [`trailing_credit_from`]):
/// its start in the line and the text from there (it always runs to the end).
struct CreditMatch<'a> {
    start: usize,
    text: &'a str,
}

impl<'a> CreditMatch<'a> {
    fn start(&self) -> usize {
        self.start
    }

    fn as_str(&self) -> &'a str {
        self.text
    }
}

/// The first match of `trailing_credit` in `text` that starts at `from` or
/// later, found without the pattern (whose reverse lazy DFA, run through the
/// `{2,80}` credit, made new states for nearly every line it was given).
///
/// The pattern, `(?i)(?:^|\s|\.|,)(?:\(\s*)?KEYWORD\s*(?:by|:)\s*CREDIT\s*\)?\s*$`
/// with `CREDIT` `[^()]{2,80}?`, is anchored at the end: every match runs to
/// the end of the line, so the first match is the one with the leftmost
/// start, and only whether one starts at a place matters. That is decided
/// piece by piece: each `\s*` before a letter, `by` or `:` takes a whole run
/// of spaces, and the credit is told by [`credit_fits`]. The keywords'
/// letters have no case partners outside ASCII but `í`'s `Í` (see
/// [`CREDIT_WORDS`]); `\s` is `char::is_whitespace`.
fn trailing_credit_from(text: &str, from: usize) -> Option<CreditMatch<'_>> {
    let ends = CreditEnds::of(text);
    (from..=text.len())
        .filter(|&at| text.is_char_boundary(at))
        .find(|&at| credit_matches_at(text, at, &ends))
        .and_then(|start| {
            Some(CreditMatch {
                start,
                text: text.get(start..)?,
            })
        })
}

/// Where a credit running to the end of a line may end: at `end` (the line
/// without what `\s*\)?\s*$` can take) or later, up to the end.
struct CreditEnds {
    end: usize,
}

impl CreditEnds {
    fn of(text: &str) -> CreditEnds {
        let end = text.trim_end();
        let end = end.strip_suffix(')').unwrap_or(end).trim_end().len();
        CreditEnds { end }
    }
}

/// The end of the run of white space at `at`.
fn spaces_end(text: &str, at: usize) -> usize {
    text.get(at..)
        .map_or(at, |rest| text.len() - rest.trim_start().len())
}

/// True when `trailing_credit` matches all of `text` from `at`.
fn credit_matches_at(text: &str, at: usize, ends: &CreditEnds) -> bool {
    let Some(rest) = text.get(at..) else {
        return false;
    };
    // `(?:^|\s|\.|,)`: the start of the line, or one such character.
    let lead = rest
        .chars()
        .next()
        .filter(|&c| c.is_whitespace() || c == '.' || c == ',')
        .map(|c| at + c.len_utf8());
    let empty = (at == 0).then_some(0);
    [empty, lead]
        .into_iter()
        .flatten()
        .any(|after| keyword_matches_at(text, after, ends))
}

/// True when the pattern from `(?:\(\s*)?` on matches all of `text` from `at`.
fn keyword_matches_at(text: &str, at: usize, ends: &CreditEnds) -> bool {
    let bytes = text.as_bytes();
    let bracketed = (bytes.get(at) == Some(&b'(')).then(|| spaces_end(text, at + 1));
    [Some(at), bracketed].into_iter().flatten().any(|start| {
        keyword_ends(text, start)
            .into_iter()
            .flatten()
            .any(|end| separator_matches_at(text, end, ends))
    })
}

/// The ends of the keywords of `trailing_credit` that start at `at` (at most
/// three: `photo`, `photograph` and `photo credit` may all start there).
fn keyword_ends(text: &str, at: usize) -> [Option<usize>; 3] {
    let bytes = text.as_bytes();
    let word_at = |at: usize, word: &[u8]| {
        bytes
            .get(at..at + word.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(word))
            .then_some(at + word.len())
    };
    // `photo\s+credit`, `image\s+credit`.
    let credit_after = |end: Option<usize>| {
        let end = end?;
        let spaces = spaces_end(text, end);
        (spaces > end).then(|| word_at(spaces, b"credit")).flatten()
    };
    let mut found = [None; 3];
    let mut n = 0;
    for word in CREDIT_WORDS {
        if let Some(end) = word_at(at, word) {
            if let Some(slot) = found.get_mut(n) {
                *slot = Some(end);
                n += 1;
            }
        }
    }
    let two_words =
        credit_after(word_at(at, b"photo")).or_else(|| credit_after(word_at(at, b"image")));
    if let (Some(end), Some(slot)) = (two_words, found.get_mut(n)) {
        *slot = Some(end);
    }
    found
}

/// True when `\s*(?:by|:)\s*` and the credit to the end of the line match
/// all of `text` from `at`.
fn separator_matches_at(text: &str, at: usize, ends: &CreditEnds) -> bool {
    let bytes = text.as_bytes();
    let sep = spaces_end(text, at);
    let sep_end = match bytes.get(sep..sep + 2) {
        Some([b':', ..]) => sep + 1,
        Some([b, y]) if b | 0x20 == b'b' && y | 0x20 == b'y' => sep + 2,
        _ if bytes.get(sep) == Some(&b':') => sep + 1,
        _ => return false,
    };
    // The credit may start anywhere in the spaces after the separator.
    let spaces = spaces_end(text, sep_end);
    (sep_end..=spaces)
        .filter(|&q| text.is_char_boundary(q))
        .any(|q| credit_fits(text, q, ends))
}

/// True when `[^()]{2,80}?\s*\)?\s*$` matches all of `text` from `at`: the
/// credit ends at some `x` from `ends.end` (and `at`) on, before the first
/// bracket from `at` on, and holds 2 to 80 characters. Its length grows one
/// character at a time with `x`, so one fits when the shortest is at most 80
/// and the longest at least 2.
fn credit_fits(text: &str, at: usize, ends: &CreditEnds) -> bool {
    let Some(rest) = text.get(at..) else {
        return false;
    };
    let shortest = ends.end.max(at);
    let longest = memchr::memchr2(b'(', b')', rest.as_bytes()).map_or(text.len(), |p| at + p);
    if shortest > longest {
        return false;
    }
    let chars = |to: usize, cap: usize| text.get(at..to).map_or(0, |c| c.chars().take(cap).count());
    chars(shortest, 81) <= 80 && chars(longest, 2) >= 2
}

/// The `credit` group of a match `whole` of `trailing_credit`, trimmed.
///
/// Before the credit a match holds only a leading space, `.` or `,`, a `(`,
/// spaces, a keyword (letters and spaces, none of them a `:` or a `by`) and
/// spaces: its first `:` or `by` (in any case) is the separator. After it
/// come spaces, the credit (no brackets), spaces, a `)` perhaps and spaces,
/// which the trims take away.
fn credit_in(whole: &str) -> Option<&str> {
    let bytes = whole.as_bytes();
    let separator = bytes.iter().enumerate().find_map(|(at, &b)| match b {
        b':' => Some(at + 1),
        b'b' | b'B' if bytes.get(at + 1).is_some_and(|&y| y | 0x20 == b'y') => Some(at + 2),
        _ => None,
    })?;
    let after = whole.get(separator..)?.trim_end();
    Some(after.strip_suffix(')').unwrap_or(after).trim())
}

/// False when `text` cannot match `credit_lead` with its `Name /` part: the
/// name starts with a capital and holds only letters, `.'’-` and spaces up
/// to the first `/`, and an agency follows that `/` (after spaces).
fn may_lead_with_name(tables: &Tables, text: &str) -> bool {
    if !text.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    // `split_once('/')`, with the vectorised search.
    let Some(slash) = memchr::memchr(b'/', text.as_bytes()) else {
        return false;
    };
    let (Some(name), Some(rest)) = (text.get(..slash), text.get(slash + 1..)) else {
        return false;
    };
    // The agency first: two table lookups rule out most lines with a `/`.
    tables.starts_with_agency(rest.trim_start())
        && name
            .chars()
            .all(|c| c.is_alphabetic() || c.is_whitespace() || matches!(c, '.' | '\'' | '’' | '-'))
}

/// The keywords of `trailing_credit` (`photo\s+credit` and `image\s+credit`
/// end in one), compared in any ASCII case: none of their ASCII letters has a
/// non-ASCII case partner, and `fotografía` is here with both cases of `í`.
const CREDIT_WORDS: [&[u8]; 10] = [
    b"photograph",
    b"photo",
    b"image",
    b"picture",
    b"credit",
    b"foto",
    b"bild",
    b"imagen",
    "fotografía".as_bytes(),
    "fotografÍa".as_bytes(),
];

/// The last letters of [`CREDIT_WORDS`], in lower case.
const CREDIT_WORD_ENDS: [u8; 7] = *b"adehnot";

/// False when `text` cannot match `trailing_credit`, whose keyword is
/// followed by spaces and then `by` or `:`: every `by` and `:` is looked at
/// (a vectorised search), and the line passes only when a keyword ends right
/// before one, give or take ASCII spaces (a non-ASCII byte there may end a
/// Unicode space, and passes too). Most lines, prose that mentions a photo
/// included, have no such place.
#[cfg(test)]
fn has_credit_word(text: &str) -> bool {
    first_credit_separator(text).is_some()
}

/// Where the first `by` or `:` that `has_credit_word` (test-only) lets pass starts.
fn first_credit_separator(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(b':', b'b', b'B', bytes).find(|&at| is_credit_separator(bytes, at))
}

/// True when a `:` or a `by` starts at `at` in `bytes` with a keyword of
/// `trailing_credit` right before it, give or take ASCII spaces (see
/// `has_credit_word` (test-only)), or a non-ASCII byte.
fn is_credit_separator(bytes: &[u8], at: usize) -> bool {
    let Some(head) = credit_head(bytes, at) else {
        return false;
    };
    let Some(&last) = head.last() else {
        return false;
    };
    // The last letter first: the words are compared only where it may end
    // one of them (a letter's ASCII lower case is it with bit 5 set).
    last >= 0x80 || CREDIT_WORD_ENDS.contains(&(last | 0x20)) && ends_with_credit_word(head)
}

/// The bytes before `at`, ASCII spaces before it cut, when a `:` or a `by`
/// starts at `at`: where [`is_credit_separator`] looks for a keyword.
fn credit_head(bytes: &[u8], at: usize) -> Option<&[u8]> {
    let is_separator =
        bytes.get(at) == Some(&b':') || bytes.get(at + 1).is_some_and(|&y| y | 0x20 == b'y');
    if !is_separator {
        return None;
    }
    let head = bytes.get(..at).unwrap_or_default();
    let spaces = head
        .iter()
        .rev()
        .take_while(|&&c| matches!(c, b'\t'..=b'\r' | b' '))
        .count();
    head.get(..head.len() - spaces)
}

/// Whether `head` ends with a keyword of `trailing_credit`, in any case.
fn ends_with_credit_word(head: &[u8]) -> bool {
    CREDIT_WORDS.iter().any(|word| {
        head.len() >= word.len()
            && head
                .get(head.len() - word.len()..)
                .is_some_and(|tail| tail.eq_ignore_ascii_case(word))
    })
}

/// False when `text` surely has no match of `trailing_credit`, told from its
/// end: the pattern ends with the credit (2 to 80 characters, no brackets),
/// spaces, a `)` perhaps and spaces, and the separator stands before the
/// credit with only spaces between. So the separator starts after the last
/// bracket before that end, and no more than two bytes before the spaces
/// ahead of the credit's 80 characters: only that window is searched for a
/// separator [`first_credit_separator`] would let pass. Most lines, long
/// paragraphs with many a `b` above all, have none there.
fn may_end_with_credit(text: &str) -> bool {
    let bytes = text.as_bytes();
    // What the pattern's `\s*\)?\s*$` can take, taken: the credit ends here
    // or later (`\s` is `char::is_whitespace`).
    let end = text.trim_end();
    let end = end.strip_suffix(')').unwrap_or(end).trim_end().len();
    let Some(head) = bytes.get(..end) else {
        return false;
    };
    // Where the last 80 characters start (the credit starts there or
    // later): 80 bytes back when they are ASCII.
    let start = match end.checked_sub(80) {
        None => 0,
        Some(at) if head.get(at..).is_some_and(<[u8]>::is_ascii) => at,
        Some(_) => start_of_last_chars(head, 80),
    };
    let tail = head.get(start..).unwrap_or_default();
    let from = match memchr::memrchr2(b'(', b')', tail) {
        // The credit holds no bracket, and the separator is none.
        Some(at) => start + at + 1,
        // The separator ends where the spaces before the credit start, or
        // later.
        None => text
            .get(..start)
            .map_or(0, |t| t.trim_end().len())
            .saturating_sub(2),
    };
    let window = head.get(from..).unwrap_or_default();
    memchr::memchr3_iter(b':', b'b', b'B', window).any(|at| is_credit_separator(bytes, from + at))
}

/// Where the last `n` characters of `bytes` (UTF-8) start, or 0 when it has
/// fewer: characters are counted by their first bytes.
fn start_of_last_chars(bytes: &[u8], n: usize) -> usize {
    let mut counted = 0;
    for (at, &b) in bytes.iter().enumerate().rev() {
        if b & 0xC0 != 0x80 {
            counted += 1;
            if counted == n {
                return at;
            }
        }
    }
    0
}

/// No match of `trailing_credit` starts before the offset returned, given
/// the first `by` or `:` that [`first_credit_separator`] lets pass.
///
/// A match's own `by` or `:` is one of those, so it is that first one or a
/// later one. Before the first one, a match has only spaces, its keyword
/// (letters, `photo credit` with spaces inside), spaces, a `(` and the one
/// character before: each skipped back over here, letters and spaces twice.
/// A match with a later `by` or `:` starts after the first one, which its
/// keyword cannot hold (no keyword holds `by` or `:`) and its spaces,
/// bracket and leading character cannot be.
fn earliest_credit_start(text: &str, separator: usize) -> usize {
    let head = text.get(..separator).unwrap_or_default();
    let head = head.trim_end_matches(char::is_whitespace);
    let head = head.trim_end_matches(char::is_alphabetic);
    let head = head.trim_end_matches(char::is_whitespace);
    let head = head.trim_end_matches(char::is_alphabetic);
    let head = head.trim_end_matches(char::is_whitespace);
    let head = head.strip_suffix('(').unwrap_or(head);
    let mut chars = head.chars();
    chars.next_back();
    chars.as_str().len()
}

/// Where a repeat of `credit` starts at the end of `rest`, if it ends with one
/// (worded differently, as spinners do: `Getty Visuals` for `Getty Images`).
fn trailing_repeat(rest: &str, credit: &str) -> Option<usize> {
    let credit_words: Vec<&str> = credit.split([' ', '/']).filter(|w| !w.is_empty()).collect();
    let first = credit_words.first()?;
    let at = rest.rfind(first)?;
    let suffix = rest.get(at..)?.trim_end_matches(['.', ' ']);
    let suffix_words: Vec<&str> = suffix.split([' ', '/']).filter(|w| !w.is_empty()).collect();
    if suffix_words.len() > credit_words.len() + 1 || suffix_words.len() + 1 < credit_words.len() {
        return None;
    }
    let shared = suffix_words
        .iter()
        .filter(|w| credit_words.contains(w))
        .count();
    (shared * 2 >= credit_words.len()).then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`is_credit_separator`] as first written: every word compared.
    fn is_credit_separator_by_words(bytes: &[u8], at: usize) -> bool {
        credit_head(bytes, at).is_some_and(|head| {
            head.last().is_some_and(|&c| c >= 0x80) || ends_with_credit_word(head)
        })
    }

    #[test]
    fn credit_separators_are_told_as_every_word_tells_them() {
        for word in CREDIT_WORDS {
            let last = word.last().map(|b| b | 0x20);
            assert!(
                last.is_some_and(|b| CREDIT_WORD_ENDS.contains(&b)),
                "{word:?}"
            );
        }
        let pieces = [
            " ",
            ":",
            "by",
            "BY",
            "b",
            "y",
            "Photo",
            "PHOTOGRAPH",
            "image",
            "Imagen",
            "bild",
            "credit",
            "fotografía",
            "FOTOGRAFÍA",
            "foto",
            "picture",
            "x",
            "the",
            "é",
            "\t",
            "N",
        ];
        let mut separators = 0;
        for text in crate::pipeline::random_texts(&pieces, 83, 0..6, 3000) {
            let bytes = text.as_bytes();
            for at in 0..=bytes.len() {
                let expected = is_credit_separator_by_words(bytes, at);
                separators += usize::from(expected);
                assert_eq!(is_credit_separator(bytes, at), expected, "{text:?} {at}");
            }
        }
        assert!(separators > 1000, "{separators}");
    }
    use crate::pipeline::tables::TABLES;

    #[test]
    fn a_short_plain_line_has_no_lead_and_no_separator() {
        let pieces = [
            "Photo", "Image", ":", " by ", "By", "BY", "Reuters", "AFP", "/", " / ", "Jane Doe",
            "x", " ", "é", "b", "y",
        ];
        let (mut plain, mut other) = (0, 0);
        for text in crate::pipeline::random_texts(&pieces, 59, 1..6, 2000) {
            let searched =
                may_lead_with_name(&TABLES, &text) || first_credit_separator(&text).is_some();
            if is_short_and_plain(&text) {
                plain += 1;
                assert!(!searched, "{text:?}");
            } else if searched && text.len() <= SHORT_LINE {
                other += 1;
            }
        }
        assert!(plain > 500 && other > 500, "{plain} {other}");
    }

    #[test]
    fn every_credit_line_opens_like_one() {
        // The labels in several cases and with look-alikes (a dotted
        // capital I, a Kelvin sign, a long s), spaces, separators, credits.
        let labels = [
            "Image",
            "IMAGE",
            "pHoTo",
            "Picture",
            "İmage",
            "\u{212A}Image",
            "x",
        ];
        let spaces = ["", " ", "  ", "\t", "\u{a0}"];
        let sources = ["source", "SOURCE", "ſource", "sourc"];
        let separators = [",", ":", " ,", ""];
        let credits = [" Getty Images", "x", ""];
        let mut texts = Vec::new();
        for label in labels {
            for space in spaces {
                for source in sources {
                    for separator in separators {
                        for credit in credits {
                            texts.push(format!("{label}{space}{source}{separator}{credit}"));
                        }
                    }
                }
            }
        }
        let pieces = [
            "Image", "photo", "Picture", " ", "source", ",", ":", "x", "é",
        ];
        texts.extend(crate::pipeline::random_texts(&pieces, 53, 1..7, 500));
        let mut matched = 0;
        for text in &texts {
            if TABLES.credit_line.is_match(text) {
                matched += 1;
                assert!(opens_like_credit_line(text), "{text:?}");
            }
        }
        assert!(matched > 100, "{matched}");
    }

    #[test]
    fn credit_alt_and_spun_repeat() {
        let line = "Sputnik / Getty Images In this pool photograph, leaders shake hands on June 19, 2024Sputnik / Getty Visuals";
        let parts = parse_figure(&TABLES, line).unwrap();
        assert_eq!(parts.credit.as_deref(), Some("Sputnik / Getty Images"));
        assert_eq!(
            parts.alt.as_deref(),
            Some("In this pool photograph, leaders shake hands on June 19, 2024")
        );
        let (start, end) = parts.repeat.unwrap();
        assert_eq!(&line[start..end], "Sputnik / Getty Visuals");
    }

    #[test]
    fn credits_in_other_shapes() {
        let bbc = parse_figure(&TABLES, "Image source, Getty Images").unwrap();
        assert_eq!(bbc.credit.as_deref(), Some("Getty Images"));
        let guardian = parse_figure(
            &TABLES,
            "Rescuers search the rubble. Photograph: Jane Doe/Reuters",
        )
        .unwrap();
        assert_eq!(
            guardian.caption.as_deref(),
            Some("Rescuers search the rubble.")
        );
        assert_eq!(guardian.credit.as_deref(), Some("Jane Doe/Reuters"));
        let getty = parse_figure(&TABLES, "(Photo by Sam Lee/Getty Images)").unwrap();
        assert_eq!(getty.credit.as_deref(), Some("Sam Lee/Getty Images"));
        assert_eq!(
            parse_figure(&TABLES, "© Reuters")
                .unwrap()
                .credit
                .as_deref(),
            Some("Reuters")
        );
        assert_eq!(
            explicit_caption("Image caption, Crowds gathered"),
            Some("Crowds gathered")
        );
    }

    #[test]
    fn credit_word_check_passes_every_trailing_credit() {
        for line in [
            "Rescuers search the rubble. Photograph: Jane Doe/Reuters",
            "Crowds gathered (Photo by Sam Lee/Getty Images)",
            "Crowds gathered,PHOTO CREDIT: AP",
            "Fotografía: EFE",
            "Bild:\u{a0}dpa",
            "Caption\u{a0}imagen: EFE",
            "Caption ( image by Jane Doe )",
            "Caption photo\u{a0}: Jane Doe",
            "Caption photo \u{2003} by Jane Doe",
            "Fotografía: EFE",
            "FOTOGRAFÍA: EFE",
        ] {
            assert!(TABLES.trailing_credit.is_match(line), "{line}");
            assert!(has_credit_word(line), "{line}");
        }
        assert!(!has_credit_word("Talks stalled on Monday."));
        assert!(!has_credit_word("The image of the city, by night"));
        assert!(has_credit_word("The image by night"));
        assert!(!has_credit_word("A telephoto lens"));
    }

    #[test]
    fn a_trailing_credit_is_searched_from_where_it_can_start() {
        let tables = &*TABLES;
        let mut lines: Vec<String> = include_str!("../../samples/bbc-putin-kim-spun.txt")
            .lines()
            .map(str::to_owned)
            .collect();
        let heads = [
            "",
            "A caption",
            "Caption (",
            "x.",
            "by the way, ",
            "Photo: (x) ",
        ];
        let keywords = [
            "Photo",
            "photo  credit",
            "IMAGE CREDIT",
            "Fotografía",
            "bild",
            "x",
        ];
        let seps = [":", " by", " BY ", "\u{a0}:", ":\u{2003}", " : "];
        let credits = [
            "AP",
            " Jane Doe/Reuters ",
            "Jane (Doe)",
            "a credit that is far too long to be one, it goes on and on and on for more than eighty characters",
            "x)",
            " ) ",
            "photo: AP",
            "Doe .  ) ",
            ": AP by BY",
            "\u{a0}AP\u{2003})\u{a0}",
        ];
        for head in heads {
            for keyword in keywords {
                for sep in seps {
                    for credit in credits {
                        lines.push(format!("{head}{keyword}{sep}{credit}"));
                        lines.push(format!("{head}({keyword}{sep}{credit})"));
                        lines.push(format!("{head} {keyword}{sep}{credit} photo: {credit}"));
                    }
                }
            }
        }
        let mut matched = 0;
        for line in &lines {
            let Some(from) = first_credit_separator(line) else {
                assert!(!tables.trailing_credit.is_match(line), "{line:?}");
                continue;
            };
            let whole = tables.trailing_credit.captures(line);
            let part = tables
                .trailing_credit
                .captures_at(line, earliest_credit_start(line, from));
            let spans = |caps: Option<regex::Captures<'_>>| {
                caps.map(|c| {
                    (
                        c.get(0).map(|m| m.range()),
                        c.name("credit").map(|m| m.range()),
                    )
                })
            };
            matched += usize::from(whole.is_some());
            if whole.is_some() {
                assert!(may_end_with_credit(line), "{line:?}");
            }
            if let Some(caps) = &whole {
                // The credit read by hand from the match is the group's.
                let group = caps.name("credit").map(|m| m.as_str().trim());
                let found = caps.get(0).and_then(|m| credit_in(m.as_str()));
                assert_eq!(found, group, "{line:?}");
            }
            assert_eq!(spans(whole), spans(part), "{line:?}");
        }
        assert!(matched > 500, "{matched}");
    }

    #[test]
    fn the_end_of_a_line_rules_out_a_trailing_credit_only_when_the_pattern_would() {
        let tables = &*TABLES;
        let mut lines: Vec<String> = include_str!("../../samples/bbc-putin-kim-spun.txt")
            .lines()
            .map(str::to_owned)
            .collect();
        let spaces = ["", " ", "  ", "\u{a0}", " \u{2003} ", "\t"];
        let tails = [
            "",
            ")",
            " )",
            ") ",
            "\u{a0})\u{2003}",
            "))",
            ") )",
            ".",
            "(",
            "x",
        ];
        for length in [0, 1, 2, 3, 40, 78, 79, 80, 81, 82, 120] {
            for unit in ["a", "é", "€", "😀", " x", "b", ":"] {
                let credit: String = unit.chars().cycle().take(length).collect();
                for space in spaces {
                    for sep in [":", "by", " BY"] {
                        for tail in tails {
                            for head in ["Photo", "A caption. Photo", "(photo", "image (", "x"] {
                                lines.push(format!("{head}{sep}{space}{credit}{space}{tail}"));
                            }
                        }
                    }
                }
            }
        }
        let (mut matched, mut ruled_out) = (0, 0);
        for line in &lines {
            let may = may_end_with_credit(line);
            if tables.trailing_credit.is_match(line) {
                matched += 1;
                assert!(may, "{line:?}");
            }
            ruled_out += usize::from(!may);
            // From the line's start only: 69k lines from every start took
            // three minutes in a debug build, and the test below tries every
            // start on its own lines.
            assert_same_credit_match_from(line, 0);
        }
        assert!(matched > 1000 && ruled_out > 1000, "{matched} {ruled_out}");
    }

    /// `trailing_credit_from` finds what the pattern finds, from every start.
    fn assert_same_credit_match(line: &str) {
        for from in (0..=line.len()).filter(|&at| line.is_char_boundary(at)) {
            assert_same_credit_match_from(line, from);
        }
    }

    /// `trailing_credit_from` finds what the pattern finds from `from`.
    fn assert_same_credit_match_from(line: &str, from: usize) {
        let regex = TABLES.trailing_credit.find_at(line, from);
        if let Some(m) = &regex {
            assert_eq!(m.end(), line.len(), "{line:?}");
        }
        let by_hand = trailing_credit_from(line, from);
        assert_eq!(
            by_hand.as_ref().map(|m| (m.start(), m.as_str())),
            regex.map(|m| (m.start(), m.as_str())),
            "{line:?} from {from}"
        );
    }

    #[test]
    fn a_trailing_credit_is_found_by_hand_as_the_pattern_finds_it() {
        let mut lines: Vec<String> = include_str!("../../samples/bbc-putin-kim-spun.txt")
            .lines()
            .map(str::to_owned)
            .collect();
        let leads = ["", " ", ".", ",", "x", "\u{2003}", "( ", "(", "x (", ". ("];
        let keywords = [
            "photo",
            "PHOTOGRAPH",
            "Photo \u{a0}Credit",
            "image credit",
            "imagen",
            "picture",
            "credit",
            "foto",
            "fotografía",
            "FOTOGRAFÍA",
            "bild",
            "photos",
            "graph",
        ];
        let seps = [":", "by", " By ", "\u{a0}:\u{a0}", " : ", "::", "b y", ";"];
        let credits = [
            "",
            "A",
            "AP",
            " Jane Doe/Reuters ",
            "Jane (Doe)",
            "x)",
            " ) ",
            "a) ",
            "é\u{2003})",
            "photo: AP",
            "AP (photo: EFE)",
        ];
        for lead in leads {
            for keyword in keywords {
                for sep in seps {
                    for credit in credits {
                        lines.push(format!("{lead}{keyword}{sep}{credit}"));
                        lines.push(format!("Caption{lead}{keyword}{sep}{credit}"));
                    }
                }
            }
        }
        let mut found = 0;
        for line in &lines {
            found += usize::from(TABLES.trailing_credit.is_match(line));
            assert_same_credit_match(line);
        }
        assert!(found > 1000, "{found}");
    }

    /// [`explicit_caption`] as its rule reads: the first 20 bytes (cut
    /// back to a character) lower-cased open with a label, then `,` or `:`
    /// and a caption.
    fn explicit_caption_reference(text: &str) -> Option<&str> {
        let mut head = text.len().min(20);
        while !text.is_char_boundary(head) {
            head -= 1;
        }
        let lower = text.get(..head)?.to_lowercase();
        let prefix = [
            "image caption",
            "media caption",
            "caption",
            "pie de foto",
            "bildunterschrift",
            "légende",
        ]
        .into_iter()
        .find(|p| lower.starts_with(p))?;
        let rest = text.get(prefix.len()..)?.strip_prefix([',', ':'])?.trim();
        (!rest.is_empty()).then_some(rest)
    }

    #[test]
    fn random_lines_get_the_caption_the_rule_gives() {
        let pieces = [
            "Image caption",
            "IMAGE CAPTION",
            "Media caption",
            "caption",
            "Caption",
            "Pie de foto",
            "Bildunterschrift",
            "Légende",
            "LÉGENDE",
            "İ",
            "Im",
            "mE",
            "ca",
            "Bi",
            "l",
            "é",
            ",",
            ":",
            " ",
            "x",
            "Crowds",
        ];
        let mut labelled = 0;
        for text in crate::pipeline::random_texts(&pieces, 55, 0..6, 3000) {
            let expected = explicit_caption_reference(&text);
            labelled += usize::from(expected.is_some());
            assert_eq!(explicit_caption(&text), expected, "{text:?}");
        }
        assert!(labelled > 200, "{labelled}");
    }

    #[test]
    fn explicit_caption_lowercases_like_to_lowercase() {
        assert_eq!(explicit_caption("IMAGE CAPTION: Crowds"), Some("Crowds"));
        assert_eq!(explicit_caption("LÉGENDE : x"), None);
        assert_eq!(explicit_caption("LÉGENDE: Foule"), Some("Foule"));
        assert_eq!(explicit_caption("İmage caption, x"), None);
        assert_eq!(explicit_caption("The caption, x"), None);
        for (line, caption) in [
            ("Media caption, Crowds", "Crowds"),
            ("CAPTION: Crowds", "Crowds"),
            ("Pie de foto: Multitud", "Multitud"),
            ("Bildunterschrift: Menge", "Menge"),
            ("légende: Foule", "Foule"),
        ] {
            assert_eq!(explicit_caption(line), Some(caption), "{line}");
        }
        assert_eq!(explicit_caption("Cable caption, x"), None);
        assert_eq!(explicit_caption("I"), None);
        assert_eq!(explicit_caption(""), None);
    }

    #[test]
    fn prose_is_not_a_figure() {
        assert_eq!(
            parse_figure(&TABLES, "Reuters reported that talks had stalled."),
            None
        );
        assert_eq!(
            parse_figure(&TABLES, "AP sources said the deal was close."),
            None
        );
    }
}
