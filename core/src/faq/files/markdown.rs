//! The Markdown form of an entry file: TOML front matter between `+++` lines, then one
//! `## LANG: TITLE` section per language (see the parent module for the format).

use super::*;

/// The Markdown file of `entry`: front matter with the country, city, topic and each
/// version's `reviewed` and `author`, then one `## LANG: TITLE` section per version, in
/// order. Answer lines that look like section lines get one more leading space (see the
/// module docs). Meant for entries [`parse`] accepts; others may not read back.
pub fn render_markdown(entry: &EntryFile) -> String {
    let mut out = String::from("+++\n");
    push_string(&mut out, "country", &entry.country.value);
    if let Some(city) = &entry.city {
        push_string(&mut out, "city", &city.value);
    }
    push_string(&mut out, "topic", &entry.topic.value);
    for version in &entry.versions {
        if version.reviewed.is_none() && version.author.is_none() {
            continue;
        }
        out.push_str(&format!("\n[{}]\n", version.lang.value));
        if let Some(reviewed) = version.reviewed {
            out.push_str(&format!("reviewed = {}\n", reviewed.format("%Y-%m-%d")));
        }
        if let Some(author) = &version.author {
            push_string(&mut out, "author", author);
        }
    }
    out.push_str("+++\n");
    for version in &entry.versions {
        out.push_str(&format!(
            "\n## {}: {}\n\n",
            version.lang.value, version.title
        ));
        for line in version.answer.lines() {
            if looks_like_section(line) {
                out.push(' ');
            }
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// `key = "value"`, the value quoted and escaped by the toml crate.
fn push_string(out: &mut String, key: &str, value: &str) {
    let value = toml::Value::String(value.to_owned());
    out.push_str(&format!("{key} = {value}\n"));
}

/// The language and the raw title of a section line `## LANG: TITLE`.
fn section_line(line: &str) -> Option<(&str, &str)> {
    let (lang, title) = line.strip_prefix("## ")?.split_once(':')?;
    is_lang(lang).then_some((lang, title))
}

/// Whether an answer line would read as a section line once its leading spaces are gone:
/// such lines are written with one more space.
fn looks_like_section(line: &str) -> bool {
    section_line(line.trim_start_matches(' ')).is_some()
}

/// A body section: its language and title line, and its raw answer lines.
struct Section<'a> {
    lang: Located<String>,
    title: &'a str,
    lines: Vec<&'a str>,
}

pub(super) fn parse_markdown(text: &str) -> Result<EntryFile, FileError> {
    let lines: Vec<&str> = text.split('\n').collect();
    let open = match lines.iter().position(|line| !line.trim().is_empty()) {
        Some(open) if lines[open].trim_end() == "+++" => open,
        found => {
            return fail(
                found.map_or(1, |index| index + 1),
                "a Markdown FAQ entry starts with front matter: a line `+++`, country and \
                 topic, then `+++` again",
            );
        }
    };
    let Some(close) = (open + 1..lines.len()).find(|&index| lines[index].trim_end() == "+++")
    else {
        return fail(
            open + 1,
            "the front matter opened here is never closed: end it with a line `+++`",
        );
    };
    let front = lines[open + 1..close].join("\n");
    let source = Source {
        text: &front,
        first_line: open + 2,
        top_line: open + 1,
    };
    let (mut entry, tables) = read_document(&source, Role::FrontMatter)?;

    let mut sections: Vec<Section> = Vec::new();
    for (index, &line) in lines.iter().enumerate().skip(close + 1) {
        if let Some((lang, title)) = section_line(line) {
            let lang = Located::new(lang.to_owned(), index + 1);
            if let Some(first) = sections.iter().find(|s| s.lang.value == lang.value) {
                return fail(
                    lang.line,
                    format!(
                        "a second `## {}:` section: that language already has one on line {}",
                        lang.value, first.lang.line
                    ),
                );
            }
            sections.push(Section {
                lang,
                title,
                lines: Vec::new(),
            });
        } else if let Some(section) = sections.last_mut() {
            // One leading space less on a line that looks like a section line: the escape
            // render_markdown adds.
            let unescaped = match line.strip_prefix(' ') {
                Some(rest) if looks_like_section(line) => rest,
                _ => line,
            };
            section.lines.push(unescaped);
        } else if !line.trim().is_empty() {
            return fail(
                index + 1,
                "text before the first section: start each answer with a line `## en: Title`",
            );
        }
    }
    if sections.is_empty() {
        return fail(
            close + 1,
            "no language version: after the front matter, add a line `## en: Title` and the \
             answer below it",
        );
    }
    let section_of = |table: &LangTable| sections.iter().any(|s| s.lang.value == table.lang.value);
    if let Some(orphan) = tables.iter().find(|table| !section_of(table)) {
        let code = &orphan.lang.value;
        return fail(
            orphan.lang.line,
            format!(
                "[{code}] has no section in the body: add a line `## {code}: Title` and the answer"
            ),
        );
    }
    entry.versions = sections
        .into_iter()
        .map(|section| {
            let line = section.lang.line;
            let table = tables
                .iter()
                .find(|table| table.lang.value == section.lang.value);
            Ok(VersionFile {
                title: checked_title(section.title, line)?,
                answer: checked_answer(&section.lines.join("\n"), line)?,
                lang: section.lang,
                reviewed: table.and_then(|table| table.reviewed),
                author: table.and_then(|table| table.author.clone()),
            })
        })
        .collect::<Result<_, FileError>>()?;
    Ok(entry)
}
