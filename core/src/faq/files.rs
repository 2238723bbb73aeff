//! One FAQ entry as a file, for `passerelle faq import/export`: a community keeps its FAQ
//! as a folder in git, one file per entry, named by the entry's key (`france-housing.toml`).
//!
//! TOML, handy to write by hand: `country`, optional `city`, `topic` (as written; the
//! caller checks them), then one table per language in the order wanted:
//!
//! ```toml
//! country = "FR"
//! topic = "housing"
//!
//! [fr]
//! title = "Trouver un logement à Paris"
//! reviewed = 2026-09-15   # optional; a "2026-09-15" string works too
//! author = "Camille"      # optional
//! answer = """
//! Texte de la réponse…
//! """
//! ```
//!
//! Markdown, what export writes: the same TOML as front matter between `+++` lines, except
//! that a language table holds only `reviewed` and `author` (and may be left out); then one
//! body section per language, opened by a line `## LANG: TITLE`, the answer running to the
//! next such line (`## fr: Trouver un logement à Paris`, blank line, `Texte…`).
//!
//! An answer line that itself looks like a section line (`## en: …`, after any spaces) is
//! written with one more leading space, and reading removes that one space again (like
//! mbox's `>From` quoting): a line starting `## xx:` opens a section, a line starting with
//! spaces and then `## xx:` is answer text. So [`render_markdown`] then [`parse`] gives back
//! any entry [`parse`] returns, line numbers aside (see [`EntryFile::without_lines`]).
//!
//! Nothing here reads or writes files, and country, topic and language codes are only
//! recorded with their line: the caller decides what is known and supported.

use std::path::Path;

use chrono::NaiveDate;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

pub use super::{MAX_ANSWER_CHARS, MAX_TITLE_CHARS};

/// The longest entry key, in characters.
pub const MAX_KEY_CHARS: usize = 80;

/// One FAQ entry, as read from its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryFile {
    /// The file stem, e.g. `france-housing`.
    pub key: String,
    /// The country as written (a code or a name), trimmed.
    pub country: Located<String>,
    /// The city as written, trimmed, when given.
    pub city: Option<Located<String>>,
    /// The topic as written (a key or a localized name), trimmed.
    pub topic: Located<String>,
    /// At least one language version, in the file's order.
    pub versions: Vec<VersionFile>,
}

/// One language version of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionFile {
    /// The language code as written: 2 or 3 lowercase ASCII letters.
    pub lang: Located<String>,
    /// One line, trimmed, at most [`MAX_TITLE_CHARS`] characters.
    pub title: String,
    /// The answer, without leading or trailing blank lines and with `\n` line endings, at
    /// most [`MAX_ANSWER_CHARS`] characters.
    pub answer: String,
    /// When someone last checked the answer was still true.
    pub reviewed: Option<NaiveDate>,
    /// Who wrote or last reviewed it, one line, trimmed.
    pub author: Option<String>,
}

/// A value with the 1-based line of the file it was read from, for the caller's errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    /// 1-based; 0 once [`EntryFile::without_lines`] has cleared it.
    pub line: usize,
}

impl<T> Located<T> {
    /// `value`, found on `line`.
    pub fn new(value: T, line: usize) -> Self {
        Located { value, line }
    }
}

/// The two file formats of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.toml`: top-level keys and one table per language.
    Toml,
    /// `.md` or `.markdown`: TOML front matter between `+++` lines, then `## LANG: TITLE`
    /// sections.
    Markdown,
}

impl Format {
    /// The format of a file by its extension (`.toml`, `.md`, `.markdown`, in any case),
    /// or `None` for any other file.
    pub fn from_path(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "toml" => Some(Format::Toml),
            "md" | "markdown" => Some(Format::Markdown),
            _ => None,
        }
    }
}

/// What is wrong with an entry file, and on which line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct FileError {
    /// 1-based.
    pub line: usize,
    pub message: String,
}

fn fail<T>(line: usize, message: impl Into<String>) -> Result<T, FileError> {
    Err(FileError {
        line,
        message: message.into(),
    })
}

impl EntryFile {
    /// This entry with every line number set to 0, to compare content only (e.g. to tell
    /// whether an import changes anything).
    pub fn without_lines(&self) -> EntryFile {
        let clear = |located: &Located<String>| Located::new(located.value.clone(), 0);
        EntryFile {
            key: self.key.clone(),
            country: clear(&self.country),
            city: self.city.as_ref().map(clear),
            topic: clear(&self.topic),
            versions: self
                .versions
                .iter()
                .map(|version| VersionFile {
                    lang: clear(&version.lang),
                    ..version.clone()
                })
                .collect(),
        }
    }
}

/// Whether `key` can name an entry (and its file): 1 to [`MAX_KEY_CHARS`] characters among
/// lowercase ASCII letters, digits, `-` and `_`, not starting with `-`.
pub fn valid_key(key: &str) -> bool {
    (1..=MAX_KEY_CHARS).contains(&key.len())
        && !key.starts_with('-')
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// Reads the entry `key` from the text of its file. CRLF line endings and a leading byte
/// order mark are accepted.
pub fn parse(format: Format, key: &str, text: &str) -> Result<EntryFile, FileError> {
    if !valid_key(key) {
        return fail(
            1,
            format!(
                "`{key}` cannot be an entry key: name the file with 1 to {MAX_KEY_CHARS} \
                 lowercase letters, digits, `-` or `_`, not starting with `-`"
            ),
        );
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = text.replace("\r\n", "\n");
    let entry = match format {
        Format::Toml => parse_toml(&text)?,
        Format::Markdown => markdown::parse_markdown(&text)?,
    };
    Ok(EntryFile {
        key: key.to_owned(),
        ..entry
    })
}

/// 2 or 3 lowercase ASCII letters.
fn is_lang(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase())
}

/// One language table, its keys checked but title and answer not yet required.
struct LangTable {
    lang: Located<String>,
    title: Option<Located<String>>,
    answer: Option<Located<String>>,
    reviewed: Option<NaiveDate>,
    author: Option<String>,
}

/// Whether language tables may hold the title and answer (TOML) or only the metadata
/// (front matter, where they go in the body).
#[derive(Clone, Copy)]
enum Role {
    Entry,
    FrontMatter,
}

/// TOML text and the file line its first line is on.
struct Source<'a> {
    text: &'a str,
    first_line: usize,
    /// Where to report what is missing: line 1, or the opening `+++`.
    top_line: usize,
}

impl Source<'_> {
    fn line(&self, offset: usize) -> usize {
        let before = &self.text.as_bytes()[..offset.min(self.text.len())];
        self.first_line + before.iter().filter(|&&b| b == b'\n').count()
    }

    fn line_of<T>(&self, spanned: &Spanned<T>) -> usize {
        self.line(spanned.span().start)
    }
}

/// Entries of a TOML table in the order of the file (the map itself is sorted by key).
fn in_file_order<K: Ord + std::hash::Hash, V>(
    table: &toml::map::Map<Spanned<K>, V>,
) -> Vec<(&Spanned<K>, &V)> {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    entries
}

/// The top level of a TOML file or of front matter: the entry without key and versions,
/// and its language tables in file order.
fn read_document(source: &Source, role: Role) -> Result<(EntryFile, Vec<LangTable>), FileError> {
    let root = DeTable::parse(source.text).map_err(|error| FileError {
        line: error
            .span()
            .map_or(source.first_line, |span| source.line(span.start)),
        message: format!(
            "TOML syntax: {}",
            error.message().trim().replace('\n', "; ")
        ),
    })?;
    let (mut country, mut city, mut topic, mut tables) = (None, None, None, Vec::new());
    for (key, value) in in_file_order(root.get_ref()) {
        let name = key.get_ref().as_ref();
        let line = source.line_of(key);
        match (name, value.get_ref()) {
            ("country", _) => country = Some(one_line(source, "country", value)?),
            ("city", _) => city = Some(one_line(source, "city", value)?),
            ("topic", _) => topic = Some(one_line(source, "topic", value)?),
            (_, DeValue::Table(table)) if is_lang(name) => {
                let lang = Located::new(name.to_owned(), line);
                tables.push(read_lang_table(source, role, lang, table)?);
            }
            _ => return fail(line, misplaced_top(name, value.get_ref())),
        }
    }
    let missing = |key: &str, example: &str| FileError {
        line: source.top_line,
        message: format!("`{key}` is missing: add a line like {key} = \"{example}\""),
    };
    let entry = EntryFile {
        key: String::new(),
        country: country.ok_or_else(|| missing("country", "FR"))?,
        city,
        topic: topic.ok_or_else(|| missing("topic", "housing"))?,
        versions: Vec::new(),
    };
    Ok((entry, tables))
}

fn read_lang_table(
    source: &Source,
    role: Role,
    lang: Located<String>,
    table: &DeTable,
) -> Result<LangTable, FileError> {
    let mut read = LangTable {
        lang,
        title: None,
        answer: None,
        reviewed: None,
        author: None,
    };
    let code = read.lang.value.clone();
    for (key, value) in in_file_order(table) {
        let name = key.get_ref().as_ref();
        let line = source.line_of(key);
        match (name, role) {
            ("title", Role::Entry) => read.title = Some(located(source, "title", value)?),
            ("answer", Role::Entry) => read.answer = Some(located(source, "answer", value)?),
            ("reviewed", _) => read.reviewed = Some(date(source, value)?),
            ("author", _) => read.author = Some(one_line(source, "author", value)?.value),
            _ => return fail(line, misplaced_in_table(name, &code, role)),
        }
    }
    Ok(read)
}

/// Why `name` cannot be at the top level.
fn misplaced_top(name: &str, value: &DeValue) -> String {
    match value {
        DeValue::Table(_) if !is_lang(name) => format!(
            "unknown table [{name}]: each table is a language version named by its 2 or 3 \
             letter code in lowercase, like [en] or [fr]"
        ),
        _ if is_lang(name) => {
            format!("`{name}` must be a table: write [{name}] on a line of its own")
        }
        _ if ["title", "answer", "reviewed", "author"].contains(&name) => {
            format!("`{name}` belongs in a language table, like [en], not at the top")
        }
        _ => format!(
            "unknown key `{name}`: the top level has country, topic, an optional city, and one \
             table per language"
        ),
    }
}

/// Why `name` cannot be in the table of language `code`.
fn misplaced_in_table(name: &str, code: &str, role: Role) -> String {
    match (name, role) {
        ("title", Role::FrontMatter) => {
            format!("the title goes in the body, as a line `## {code}: Title`")
        }
        ("answer", Role::FrontMatter) => {
            format!("the answer goes in the body, below a line `## {code}: Title`")
        }
        (_, Role::FrontMatter) => {
            format!("unknown key `{name}` in [{code}]: expected reviewed and author")
        }
        (_, Role::Entry) => format!(
            "unknown key `{name}` in [{code}]: expected title, answer, and optionally reviewed \
             and author"
        ),
    }
}

/// A string value, as written, with its line.
fn located(
    source: &Source,
    key: &str,
    value: &Spanned<DeValue>,
) -> Result<Located<String>, FileError> {
    Ok(Located::new(
        string(source, key, value)?.to_owned(),
        source.line_of(value),
    ))
}

fn string<'v>(
    source: &Source,
    key: &str,
    value: &'v Spanned<DeValue>,
) -> Result<&'v str, FileError> {
    match value.get_ref() {
        DeValue::String(text) => Ok(text),
        other => fail(
            source.line_of(value),
            format!(
                "`{key}` must be a string in quotes, not a {}",
                other.type_str()
            ),
        ),
    }
}

/// A string value on one line, trimmed and not empty.
fn one_line(
    source: &Source,
    key: &str,
    value: &Spanned<DeValue>,
) -> Result<Located<String>, FileError> {
    let line = source.line_of(value);
    let text = checked_line(key, string(source, key, value)?, line)?;
    Ok(Located::new(text, line))
}

fn checked_line(what: &str, text: &str, line: usize) -> Result<String, FileError> {
    let text = text.trim();
    if text.is_empty() {
        return fail(line, format!("`{what}` is empty"));
    }
    if text.contains(['\n', '\r']) {
        return fail(line, format!("`{what}` must be on one line"));
    }
    Ok(text.to_owned())
}

fn checked_title(title: &str, line: usize) -> Result<String, FileError> {
    let title = checked_line("title", title, line)?;
    within("title", title, MAX_TITLE_CHARS, line)
}

fn within(what: &str, text: String, limit: usize, line: usize) -> Result<String, FileError> {
    match text.chars().count() {
        length if length > limit => fail(
            line,
            format!("the {what} is {length} characters long; the limit is {limit}"),
        ),
        _ => Ok(text),
    }
}

/// With `\n` line endings, leading blank lines and trailing white space removed.
fn checked_answer(answer: &str, line: usize) -> Result<String, FileError> {
    let answer = answer.replace("\r\n", "\n").replace('\r', "\n");
    let mut rest = answer.as_str();
    while let Some((first, after)) = rest.split_once('\n') {
        if !first.trim().is_empty() {
            break;
        }
        rest = after;
    }
    let answer = rest.trim_end();
    if answer.trim().is_empty() {
        return fail(line, "the answer is empty");
    }
    within("answer", answer.to_owned(), MAX_ANSWER_CHARS, line)
}

/// A TOML local date, or a string `YYYY-MM-DD`.
fn date(source: &Source, value: &Spanned<DeValue>) -> Result<NaiveDate, FileError> {
    let text = match value.get_ref() {
        DeValue::Datetime(datetime) => datetime.to_string(),
        DeValue::String(text) => text.trim().to_owned(),
        _ => String::new(),
    };
    let digit_or_dash = |(i, b): (usize, u8)| {
        if i == 4 || i == 7 {
            b == b'-'
        } else {
            b.is_ascii_digit()
        }
    };
    let shaped = text.len() == 10 && text.bytes().enumerate().all(digit_or_dash);
    let date = shaped.then(|| NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok());
    date.flatten().ok_or_else(|| FileError {
        line: source.line_of(value),
        message: "`reviewed` must be a date like 2026-09-15, without a time".into(),
    })
}

fn parse_toml(text: &str) -> Result<EntryFile, FileError> {
    let source = Source {
        text,
        first_line: 1,
        top_line: 1,
    };
    let (mut entry, tables) = read_document(&source, Role::Entry)?;
    if tables.is_empty() {
        return fail(
            1,
            "no language version: add a table like [en] with a title and an answer",
        );
    }
    entry.versions = tables
        .into_iter()
        .map(|table| {
            let code = &table.lang.value;
            let (Some(title), Some(answer)) = (&table.title, &table.answer) else {
                let key = if table.title.is_none() {
                    "title"
                } else {
                    "answer"
                };
                return fail(table.lang.line, format!("[{code}] has no `{key}`"));
            };
            Ok(VersionFile {
                title: checked_title(&title.value, title.line)?,
                answer: checked_answer(&answer.value, answer.line)?,
                lang: table.lang,
                reviewed: table.reviewed,
                author: table.author,
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(entry)
}

mod markdown;

pub use markdown::render_markdown;

#[cfg(test)]
mod tests;
