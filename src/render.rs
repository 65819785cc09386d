//! Renderers: plain text and Markdown.

use std::fmt::Write as _;

use crate::article::{join_names, Article, Block};

impl Article {
    /// Renders the article as plain text: title, byline, date, the blocks in
    /// reading order (a figure as its caption with its credit), contributors.
    /// No boilerplate. Blocks are separated by blank lines.
    ///
    /// The text reads back through [`normalize`](crate::normalize) to the same
    /// title, byline, date, blocks and contributors.
    ///
    /// # Examples
    /// ```
    /// let article = artnorm::normalize("Headline\n\nBy Jane Doe\n\nSome text here.\n\n[ad_1]")?;
    /// assert_eq!(article.to_text(), "Headline\n\nBy Jane Doe\n\nSome text here.\n");
    /// # Ok::<(), artnorm::Error>(())
    /// ```
    #[must_use]
    pub fn to_text(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(category) = &self.category {
            parts.push(format!("Category: {category}"));
        }
        if let Some(title) = &self.title {
            parts.push(title.clone());
        }
        if let Some(byline) = &self.byline {
            let line = byline.to_string();
            if !line.is_empty() {
                parts.push(line);
            }
        }
        if let Some(date) = &self.published {
            parts.push(format!("Published {date}"));
        }
        for block in &self.blocks {
            let line = match block {
                Block::Paragraph { text } | Block::Heading { text } => text.as_str().to_owned(),
                Block::Quote { text } => format!("> {text}"),
                Block::ListItem { text } => format!("• {text}"),
                Block::Figure {
                    credit,
                    alt,
                    caption,
                } => match (caption, credit, alt) {
                    (Some(caption), Some(credit), _) => format!("{caption} (Photo: {credit})"),
                    (Some(caption), None, _) => format!("Image caption, {caption}"),
                    (None, Some(credit), _) => format!("Image source, {credit}"),
                    (None, None, Some(alt)) => format!("Image caption, {alt}"),
                    (None, None, None) => continue,
                },
            };
            parts.push(line);
        }
        if !self.contributors.is_empty() {
            parts.push(format!(
                "Additional reporting by {}.",
                join_names(&self.contributors)
            ));
        }
        let mut out = parts.join("\n\n");
        out.push('\n');
        out
    }

    /// Renders the article as CommonMark: `#` title, italic byline, `##`
    /// headings, `>` quotes, `-` list items, figures as an image description
    /// and an italic caption with the credit.
    ///
    /// # Examples
    /// ```
    /// let article = artnorm::normalize("Headline\n\nBy Jane Doe\n\nSome text here.")?;
    /// assert_eq!(article.to_markdown(), "# Headline\n\n*By Jane Doe*\n\nSome text here.\n");
    /// # Ok::<(), artnorm::Error>(())
    /// ```
    #[must_use]
    pub fn to_markdown(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(title) = &self.title {
            parts.push(format!("# {}", escape_markdown(title)));
        }
        let mut meta = Vec::new();
        if let Some(byline) = &self.byline {
            let line = byline.to_string();
            if !line.is_empty() {
                meta.push(format!("*{}*", escape_markdown(&line)));
            }
        }
        if let Some(date) = &self.published {
            meta.push(format!("*Published {date}*"));
        }
        if let Some(category) = &self.category {
            meta.push(format!("*Category: {}*", escape_markdown(category)));
        }
        if !meta.is_empty() {
            parts.push(meta.join("  \n"));
        }
        let mut list = String::new();
        for block in &self.blocks {
            if let Block::ListItem { text } = block {
                let _ = writeln!(list, "- {}", escape_markdown(text));
                continue;
            }
            if !list.is_empty() {
                parts.push(list.trim_end().to_owned());
                list.clear();
            }
            let part = match block {
                Block::Paragraph { text } => escape_markdown(text),
                Block::Heading { text } => format!("## {}", escape_markdown(text)),
                Block::Quote { text } => format!("> {}", escape_markdown(text)),
                Block::Figure {
                    credit,
                    alt,
                    caption,
                } => {
                    let mut lines = Vec::new();
                    if let Some(alt) = alt {
                        lines.push(format!(
                            "![{}]()",
                            escape_markdown(alt).replace(['[', ']'], "")
                        ));
                    }
                    match (caption, credit) {
                        (Some(caption), Some(credit)) => {
                            lines.push(format!(
                                "*{}* ({})",
                                escape_markdown(caption),
                                escape_markdown(credit)
                            ));
                        }
                        (Some(caption), None) => {
                            lines.push(format!("*{}*", escape_markdown(caption)))
                        }
                        (None, Some(credit)) => {
                            lines.push(format!("*Photo: {}*", escape_markdown(credit)))
                        }
                        (None, None) => {}
                    }
                    if lines.is_empty() {
                        continue;
                    }
                    lines.join("  \n")
                }
                Block::ListItem { .. } => continue,
            };
            parts.push(part);
        }
        if !list.is_empty() {
            parts.push(list.trim_end().to_owned());
        }
        if !self.contributors.is_empty() {
            parts.push(format!(
                "*Additional reporting by {}.*",
                escape_markdown(&join_names(&self.contributors))
            ));
        }
        let mut out = parts.join("\n\n");
        out.push('\n');
        out
    }
}

/// Escapes the characters that would turn text into Markdown syntax.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (index, c) in text.chars().enumerate() {
        let at_start = index == 0;
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '-' | '+' if at_start => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}
