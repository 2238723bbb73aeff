//! Entry files read in both formats, their mistakes with their lines, and entries written
//! as Markdown read back the same (by example and as a property).

use std::path::Path;

use super::*;

const PARIS_TOML: &str = r#"country = "FR"
city = "Paris"
topic = "housing"

[fr]
title = "Trouver un logement à Paris"
reviewed = 2026-09-15
author = "Camille"
answer = """
Texte de la réponse, en Markdown léger
sur plusieurs lignes.

Deuxième paragraphe.
"""

[en]
title = "Finding a flat in Paris"
answer = "Answer text…"
"#;

const PARIS_MD: &str = "+++
country = \"FR\"
city = \"Paris\"
topic = \"housing\"

[fr]
reviewed = 2026-09-15
author = \"Camille\"
+++

## fr: Trouver un logement à Paris

Texte de la réponse, en Markdown léger
sur plusieurs lignes.

Deuxième paragraphe.

## en: Finding a flat in Paris

Answer text…
";

fn toml(text: &str) -> EntryFile {
    match parse(Format::Toml, "france-housing", text) {
        Ok(entry) => entry,
        Err(error) => panic!("{error}\n{text}"),
    }
}

fn markdown(text: &str) -> EntryFile {
    match parse(Format::Markdown, "france-housing", text) {
        Ok(entry) => entry,
        Err(error) => panic!("{error}\n{text}"),
    }
}

fn error(format: Format, text: &str) -> FileError {
    match parse(format, "france-housing", text) {
        Ok(entry) => panic!("expected an error, got {entry:?}"),
        Err(error) => error,
    }
}

/// The line of the error, and whether its message mentions `words`.
fn fails_on(format: Format, text: &str, line: usize, words: &str) {
    let error = error(format, text);
    assert_eq!(error.line, line, "{error}");
    assert!(error.message.contains(words), "{error} lacks {words:?}");
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn round_trip(entry: &EntryFile) {
    let rendered = render_markdown(entry);
    let back = markdown(&rendered);
    assert_eq!(back.without_lines(), entry.without_lines(), "{rendered}");
}

#[test]
fn a_toml_file_gives_the_entry_with_the_line_of_everything() {
    let entry = toml(PARIS_TOML);
    assert_eq!(entry.key, "france-housing");
    assert_eq!(entry.country, Located::new("FR".to_owned(), 1));
    assert_eq!(entry.city, Some(Located::new("Paris".to_owned(), 2)));
    assert_eq!(entry.topic, Located::new("housing".to_owned(), 3));
    let [fr, en] = &entry.versions[..] else {
        panic!("{entry:?}")
    };
    assert_eq!(fr.lang, Located::new("fr".to_owned(), 5));
    assert_eq!(fr.title, "Trouver un logement à Paris");
    assert_eq!(
        fr.answer,
        "Texte de la réponse, en Markdown léger\nsur plusieurs lignes.\n\nDeuxième paragraphe."
    );
    assert_eq!(fr.reviewed, Some(date("2026-09-15")));
    assert_eq!(fr.author.as_deref(), Some("Camille"));
    assert_eq!(en.lang, Located::new("en".to_owned(), 16));
    assert_eq!((en.reviewed, en.author.as_deref()), (None, None));
}

#[test]
fn both_formats_give_the_same_entry() {
    let from_toml = toml(PARIS_TOML);
    let from_markdown = markdown(PARIS_MD);
    assert_eq!(from_markdown.without_lines(), from_toml.without_lines());
    assert_eq!(from_markdown.country.line, 2);
    assert_eq!(from_markdown.versions[0].lang.line, 11);
    assert_eq!(from_markdown.versions[1].lang.line, 18);
}

#[test]
fn export_writes_the_markdown_format() {
    assert_eq!(render_markdown(&toml(PARIS_TOML)), PARIS_MD);
}

#[test]
fn versions_keep_the_order_of_the_file_not_the_alphabet() {
    let text = "country = \"DE\"\ntopic = \"visa\"\n[pt]\ntitle = \"T\"\nanswer = \"A\"\n\
                [de]\ntitle = \"T\"\nanswer = \"A\"\n[ar]\ntitle = \"T\"\nanswer = \"A\"\n";
    let langs: Vec<_> = toml(text)
        .versions
        .into_iter()
        .map(|version| version.lang.value)
        .collect();
    assert_eq!(langs, ["pt", "de", "ar"]);
    let text = "+++\ncountry = \"DE\"\ntopic = \"visa\"\n[ar]\nauthor = \"Lina\"\n+++\n\
                ## pt: T\nA\n## ar: T\nA\n";
    let entry = markdown(text);
    assert_eq!(entry.versions[0].lang.value, "pt");
    assert_eq!(entry.versions[1].author.as_deref(), Some("Lina"));
    round_trip(&entry);
}

#[test]
fn markdown_round_trips_awkward_text() {
    let mut entry = toml(PARIS_TOML);
    entry.city = Some(Located::new(
        r#"Saint-Denis "la \ belle" l'été"#.to_owned(),
        0,
    ));
    entry.country.value = "Côte d'Ivoire".into();
    entry.versions[0].author = Some(r#"Camille "Cam" O'Neil \o/"#.into());
    entry.versions[0].title = r#"Bail : "garant" \ caution, c'est quoi ?"#.into();
    entry.versions[1].reviewed = Some(date("2025-01-31"));
    entry.versions[1].answer = "    indented first line\n\
         ## en: not a section, part of the answer\n\
         \x20## fr: already indented once\n\
         \n\n\
         ### A real sub-heading\n\
         ## fr:no space either\n\
         ## Not a language: fine as is\n\
         +++\n\
         trailing spaces kept inside  \n\
         Quotes \"\"\" and ''' and a backslash \\ and \\n"
        .into();
    round_trip(&entry);

    let rendered = render_markdown(&entry);
    assert!(rendered.contains("\n ## en: not a section"), "{rendered}");
    assert!(
        rendered.contains("\n  ## fr: already indented once"),
        "{rendered}"
    );
    assert!(rendered.contains("\n ## fr:no space"), "{rendered}");
    assert!(rendered.contains("\n## Not a language"), "{rendered}");
}

#[test]
fn a_spaced_section_line_written_by_hand_is_answer_text_without_its_first_space() {
    let text =
        "+++\ncountry = \"FR\"\ntopic = \"t\"\n+++\n## en: Title\n\nAnswer.\n ## en: quoted\n";
    let entry = markdown(text);
    assert_eq!(entry.versions.len(), 1);
    assert_eq!(entry.versions[0].answer, "Answer.\n## en: quoted");
}

#[test]
fn crlf_line_endings_read_like_lf() {
    let crlf = PARIS_TOML.replace('\n', "\r\n");
    assert_eq!(toml(&crlf), toml(PARIS_TOML));
    let crlf = PARIS_MD.replace('\n', "\r\n");
    assert_eq!(markdown(&crlf), markdown(PARIS_MD));
    let bom = format!("\u{feff}{PARIS_MD}");
    assert_eq!(markdown(&bom), markdown(PARIS_MD));
}

#[test]
fn reviewed_may_be_a_string_date() {
    let text = PARIS_TOML.replace("2026-09-15", "\"2026-09-15\"");
    assert_eq!(toml(&text), toml(PARIS_TOML));
    let text = PARIS_MD.replace("2026-09-15", "\"2026-09-15\"");
    assert_eq!(markdown(&text), markdown(PARIS_MD));
}

#[test]
fn values_are_trimmed_and_answers_lose_outer_blank_lines() {
    let text = "country = \" FR \"\ntopic = \"housing\"\n[en]\ntitle = \"  Title \"\n\
                answer = \"\\n \\n  Line one\\n\\n  Line two  \\n\\n\"\n";
    let entry = toml(text);
    assert_eq!(entry.country.value, "FR");
    assert_eq!(entry.versions[0].title, "Title");
    assert_eq!(entry.versions[0].answer, "  Line one\n\n  Line two");
    round_trip(&entry);
}

#[test]
fn missing_country_or_topic() {
    let text = PARIS_TOML.replace("country = \"FR\"\n", "");
    fails_on(Format::Toml, &text, 1, "`country` is missing");
    let text = PARIS_TOML.replace("topic = \"housing\"\n", "");
    fails_on(Format::Toml, &text, 1, "`topic` is missing");
    let text = format!("\n{}", PARIS_MD.replace("topic = \"housing\"\n", ""));
    fails_on(Format::Markdown, &text, 2, "`topic` is missing");
}

#[test]
fn unknown_keys_are_reported_on_their_line() {
    let text = PARIS_TOML.replace("city = \"Paris\"", "town = \"Paris\"");
    fails_on(Format::Toml, &text, 2, "unknown key `town`");
    let text = PARIS_TOML.replace("author = \"Camille\"", "writer = \"Camille\"");
    fails_on(Format::Toml, &text, 8, "unknown key `writer` in [fr]");
    let text = PARIS_TOML.replace("[en]", "[english]");
    fails_on(Format::Toml, &text, 16, "unknown table [english]");
    let text = PARIS_TOML.replace("[en]", "[EN]");
    fails_on(Format::Toml, &text, 16, "unknown table [EN]");
    let text = format!("title = \"Stray\"\n{PARIS_TOML}");
    fails_on(
        Format::Toml,
        &text,
        1,
        "`title` belongs in a language table",
    );
    let text = PARIS_MD.replace("author = \"Camille\"", "title = \"Titre\"");
    fails_on(Format::Markdown, &text, 8, "the title goes in the body");
    let text = PARIS_MD.replace("city = \"Paris\"", "ville = \"Paris\"");
    fails_on(Format::Markdown, &text, 3, "unknown key `ville`");
}

#[test]
fn a_version_needs_a_title_and_an_answer() {
    let text = PARIS_TOML.replace("title = \"Finding a flat in Paris\"\n", "");
    fails_on(Format::Toml, &text, 16, "[en] has no `title`");
    let text = PARIS_TOML.replace("answer = \"Answer text…\"\n", "");
    fails_on(Format::Toml, &text, 16, "[en] has no `answer`");
    let text = PARIS_TOML.replace("\"Finding a flat in Paris\"", "\"  \"");
    fails_on(Format::Toml, &text, 17, "`title` is empty");
    let text = PARIS_TOML.replace("\"Answer text…\"", "\"\\n  \\n\"");
    fails_on(Format::Toml, &text, 18, "the answer is empty");
    let text = PARIS_MD.replace("## en: Finding a flat in Paris", "## en:   ");
    fails_on(Format::Markdown, &text, 18, "`title` is empty");
    let text = PARIS_MD.replace("Answer text…\n", "\n  \n");
    fails_on(Format::Markdown, &text, 18, "the answer is empty");
    let text = PARIS_TOML.replace("\"Finding a flat in Paris\"", "42");
    fails_on(Format::Toml, &text, 17, "`title` must be a string");
}

#[test]
fn titles_and_answers_have_limits() {
    let long = "é".repeat(MAX_TITLE_CHARS + 1);
    let text = PARIS_TOML.replace("Finding a flat in Paris", &long);
    fails_on(
        Format::Toml,
        &text,
        17,
        "201 characters long; the limit is 200",
    );
    let text = PARIS_TOML.replace("Finding a flat in Paris", &long[2..]);
    assert_eq!(
        toml(&text).versions[1].title.chars().count(),
        MAX_TITLE_CHARS
    );
    let text = PARIS_MD.replace("Finding a flat in Paris", &long);
    fails_on(Format::Markdown, &text, 18, "the limit is 200");

    let long = "à".repeat(MAX_ANSWER_CHARS + 1);
    let text = PARIS_TOML.replace("Answer text…", &long);
    fails_on(
        Format::Toml,
        &text,
        18,
        "4001 characters long; the limit is 4000",
    );
    let text = PARIS_MD.replace("Answer text…", &long);
    fails_on(Format::Markdown, &text, 18, "the limit is 4000");

    let text = PARIS_TOML.replace("Finding a flat in Paris", "Finding a flat\\nin Paris");
    fails_on(Format::Toml, &text, 17, "`title` must be on one line");
}

#[test]
fn a_language_appears_once() {
    let text = format!("{PARIS_MD}\n## fr: Encore\n\nTexte.\n");
    fails_on(Format::Markdown, &text, 22, "a second `## fr:` section");
    let text = format!("{PARIS_TOML}\n[fr]\ntitle = \"Encore\"\nanswer = \"Texte\"\n");
    let error = error(Format::Toml, &text);
    assert_eq!(error.line, 20, "{error}");
    assert!(error.message.contains("duplicate"), "{error}");
}

#[test]
fn the_key_must_be_valid() {
    for key in [
        "France Housing",
        "",
        "-housing",
        "Housing",
        "logement-à-paris",
    ] {
        let error = parse(Format::Toml, key, PARIS_TOML).unwrap_err();
        assert_eq!(error.line, 1, "{error}");
        assert!(error.message.contains("cannot be an entry key"), "{error}");
    }
}

#[test]
fn valid_keys() {
    assert!(valid_key("france-housing"));
    assert!(valid_key("a"));
    assert!(valid_key("_draft_2"));
    assert!(valid_key(&"k".repeat(80)));
    assert!(!valid_key(&"k".repeat(81)));
    assert!(!valid_key(""));
    assert!(!valid_key("-x"));
    assert!(!valid_key("France"));
    assert!(!valid_key("a.b"));
    assert!(!valid_key("a b"));
    assert!(!valid_key("séjour"));
}

#[test]
fn bad_dates() {
    for date in [
        "\"15/09/2026\"",
        "\"2026-02-30\"",
        "\"26-9-15\"",
        "20260915",
    ] {
        let text = PARIS_TOML.replace("2026-09-15", date);
        fails_on(
            Format::Toml,
            &text,
            7,
            "`reviewed` must be a date like 2026-09-15",
        );
    }
    let text = PARIS_TOML.replace("2026-09-15", "2026-09-15T10:00:00");
    fails_on(
        Format::Toml,
        &text,
        7,
        "must be a date like 2026-09-15, without a time",
    );
    let text = PARIS_MD.replace("2026-09-15", "\"mid-September\"");
    fails_on(Format::Markdown, &text, 7, "`reviewed` must be a date");
}

#[test]
fn toml_syntax_errors_give_their_line() {
    let text = PARIS_TOML.replace("topic = \"housing\"", "topic = \"housing");
    let error = error(Format::Toml, &text);
    assert_eq!(error.line, 3, "{error}");
    assert!(error.message.starts_with("TOML syntax: "), "{error}");
    let text = PARIS_MD.replace("topic = \"housing\"", "topic = housing");
    fails_on(Format::Markdown, &text, 4, "TOML syntax");
    let text = format!("\n\n{}", PARIS_MD.replace("[fr]", "[fr"));
    fails_on(Format::Markdown, &text, 8, "TOML syntax");
}

#[test]
fn at_least_one_version() {
    let text = "country = \"FR\"\ntopic = \"housing\"\n";
    fails_on(Format::Toml, text, 1, "no language version");
    let text = "+++\ncountry = \"FR\"\ntopic = \"housing\"\n+++\n\n";
    fails_on(Format::Markdown, text, 4, "no language version");
}

#[test]
fn markdown_structure_mistakes() {
    let text = PARIS_MD.replace(
        "## en: Finding a flat in Paris",
        "## EN: Finding a flat in Paris",
    );
    // `## EN:` is not a section line, so it is part of the French answer: no error there.
    assert_eq!(markdown(&text).versions.len(), 1);

    let text = PARIS_MD.replace("+++\n\n## fr", "+++\nIntro\n## fr");
    fails_on(Format::Markdown, &text, 10, "text before the first section");
    let text = PARIS_MD.replacen("+++\n", "# Logement\n+++\n", 1);
    fails_on(Format::Markdown, &text, 1, "starts with front matter");
    let text = PARIS_MD.replace("+++\n\n## fr", "\n## fr");
    fails_on(Format::Markdown, &text, 1, "never closed");
    fails_on(Format::Markdown, "\n \n", 1, "starts with front matter");

    let text = PARIS_MD.replace("+++\n\n## fr", "[de]\nauthor = \"Jan\"\n+++\n\n## fr");
    fails_on(
        Format::Markdown,
        &text,
        9,
        "[de] has no section in the body",
    );
}

#[test]
fn errors_display_with_their_line() {
    let error = FileError {
        line: 12,
        message: "the answer is empty".into(),
    };
    assert_eq!(error.to_string(), "line 12: the answer is empty");
}

#[test]
fn formats_by_extension() {
    assert_eq!(
        Format::from_path(Path::new("faq/a.toml")),
        Some(Format::Toml)
    );
    assert_eq!(Format::from_path(Path::new("a.md")), Some(Format::Markdown));
    assert_eq!(
        Format::from_path(Path::new("a.Markdown")),
        Some(Format::Markdown)
    );
    assert_eq!(Format::from_path(Path::new("a.txt")), None);
    assert_eq!(Format::from_path(Path::new("README")), None);
}

/// One line as the format keeps it: no control character, nothing to trim.
fn one_line_text(longest: usize) -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::strategy::Strategy as _;
    let inner = format!("[^\\p{{Cc}}]{{0,{}}}", longest.saturating_sub(2));
    let edge = "[^\\s\\p{Cc}]";
    (edge, proptest::string::string_regex(&inner).unwrap(), edge)
        .prop_map(|(first, middle, last)| format!("{first}{middle}{last}"))
        .prop_filter("one line", |text| text.lines().count() == 1)
}

fn version_file() -> impl proptest::strategy::Strategy<Value = VersionFile> {
    use proptest::strategy::Strategy as _;
    let answer_line = "[^\\p{Cc}]{0,30}";
    (
        one_line_text(MAX_TITLE_CHARS),
        one_line_text(20),
        proptest::collection::vec(answer_line, 0..6),
        one_line_text(20),
        proptest::option::of(0u32..40_000),
        proptest::option::of(one_line_text(30)),
    )
        .prop_map(|(title, first, middle, last, reviewed, author)| {
            let answer = std::iter::once(first)
                .chain(middle)
                .chain([last])
                .collect::<Vec<_>>()
                .join("\n");
            let epoch = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
            VersionFile {
                lang: Located::new(String::new(), 0),
                title,
                answer,
                reviewed: reviewed.map(|days| epoch + chrono::TimeDelta::days(days.into())),
                author,
            }
        })
}

fn entry_file() -> impl proptest::strategy::Strategy<Value = EntryFile> {
    use proptest::strategy::Strategy as _;
    let langs = vec!["en", "fr", "de", "pt", "ar", "zho"];
    (
        one_line_text(30),
        proptest::option::of(one_line_text(30)),
        one_line_text(30),
        proptest::sample::subsequence(langs, 1..4),
        proptest::collection::vec(version_file(), 3),
    )
        .prop_map(|(country, city, topic, langs, versions)| EntryFile {
            key: "france-housing".to_owned(),
            country: Located::new(country, 0),
            city: city.map(|city| Located::new(city, 0)),
            topic: Located::new(topic, 0),
            versions: langs
                .into_iter()
                .zip(versions)
                .map(|(lang, version)| VersionFile {
                    lang: Located::new(lang.to_owned(), 0),
                    ..version
                })
                .collect(),
        })
}

proptest::proptest! {
    /// Any entry the format can hold, written as Markdown, reads back as itself.
    #[test]
    fn any_entry_round_trips_through_markdown(entry in entry_file()) {
        let rendered = render_markdown(&entry);
        let back = parse(Format::Markdown, &entry.key, &rendered)
            .map(|back| back.without_lines());
        proptest::prop_assert_eq!(back, Ok(entry.without_lines()), "{}", rendered);
    }

    /// Any text, or an example file with one line changed, reads as an entry or as a
    /// mistake with its line and a message; never a panic.
    #[test]
    fn any_file_reads_or_says_where_it_is_wrong(
        noise in "\\PC{0,300}",
        line in 0usize..100,
        replacement in "\\PC{0,30}",
    ) {
        for (format, example) in [(Format::Toml, PARIS_TOML), (Format::Markdown, PARIS_MD)] {
            let mut lines: Vec<&str> = example.lines().collect();
            let at = line % lines.len();
            lines[at] = &replacement;
            for text in [noise.clone(), lines.join("\n")] {
                if let Err(error) = parse(format, "france-housing", &text) {
                    proptest::prop_assert!(error.line >= 1 && !error.message.is_empty());
                }
            }
        }
    }
}
