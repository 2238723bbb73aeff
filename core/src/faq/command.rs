//! The FAQ commands' grammar:
//!
//! ```text
//! /faq                                  what the FAQ covers, as a menu
//! /faq WORDS…                           a country, city and/or topic, in any order
//! /faq [show] ID                        one entry
//! /faq browse WORDS…                    the same as /faq WORDS…
//! /faq search WORDS…
//! /faq add COUNTRY TOPIC [city=…] [lang=xx] title="…" answer="…"
//! /faq edit ID [lang=xx] [title=…] [answer=…] [country=…] [city=…] [topic=…]
//! /faq remove ID | reviewed ID [lang=xx] | history ID | stale
//! ```
//!
//! French words work too: `recherche`, `ajouter`, `modifier`, `supprimer`, `relu`,
//! `historique`, `à-revoir`; `titre=`, `réponse=`, `langue=`, `ville=`, `pays=`, `sujet=`.
//! Countries, cities and topics stay words here: the hub knows the community's.

use crate::command::Problem;
use crate::command::lexer::Arg;
use crate::faq::{self, EntryId, MAX_ANSWER_CHARS, MAX_TITLE_CHARS};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FaqCommand {
    /// `/faq` and `/faq WORDS…`: the words name a country, city and/or topic.
    Browse(Vec<String>),
    Show(EntryId),
    Search(Vec<String>),
    Add {
        place: Vec<String>,
        draft: FaqDraft,
    },
    Edit {
        entry: EntryId,
        draft: FaqDraft,
    },
    Remove(EntryId),
    Reviewed {
        entry: EntryId,
        language: Option<String>,
    },
    History(EntryId),
    Stale,
}

/// Fields given for an entry; on `add`, `title` and `answer` are required.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FaqDraft {
    /// An ISO 639-1 code; the writer's language when absent.
    pub language: Option<String>,
    pub title: Option<String>,
    pub answer: Option<String>,
    /// Words naming where to file it, checked by the hub.
    pub country: Option<String>,
    /// `Some("")` files it for the whole country.
    pub city: Option<String>,
    pub topic: Option<String>,
}

impl FaqDraft {
    /// Whether it changes where the entry is filed.
    pub fn moves(&self) -> bool {
        self.country.is_some() || self.city.is_some() || self.topic.is_some()
    }
}

#[derive(Clone, Copy)]
enum Verb {
    Browse,
    Show,
    Search,
    Add,
    Edit,
    Remove,
    Reviewed,
    History,
    Stale,
}

/// The subcommand `word` names, as the catalog declares them.
fn verb(word: &str) -> Option<Verb> {
    Some(match super::catalog::FAQ.info.sub(word)?.name {
        "browse" => Verb::Browse,
        "show" => Verb::Show,
        "search" => Verb::Search,
        "add" => Verb::Add,
        "edit" => Verb::Edit,
        "remove" => Verb::Remove,
        "reviewed" => Verb::Reviewed,
        "history" => Verb::History,
        "stale" => Verb::Stale,
        _ => return None,
    })
}

pub(crate) fn parse_faq(args: Vec<Arg>) -> Result<FaqCommand, Problem> {
    let mut args = args.into_iter();
    let Some(first) = args.next() else {
        return Ok(FaqCommand::Browse(Vec::new()));
    };
    let rest: Vec<Arg> = args.collect();
    let first = match first {
        Arg::Word(word) => word,
        Arg::Option { key, .. } => return Err(Problem::UnexpectedOption(key)),
    };
    let Some(verb) = verb(&first) else {
        let mut words = vec![first];
        words.extend(plain(rest)?);
        if let [only] = words.as_slice()
            && let Some(entry) = entry_id(only)
        {
            return Ok(FaqCommand::Show(entry));
        }
        return Ok(FaqCommand::Browse(words));
    };
    match verb {
        Verb::Browse => Ok(FaqCommand::Browse(plain(rest)?)),
        Verb::Show => {
            let (entry, rest) = id_then(rest)?;
            if !plain(rest)?.is_empty() {
                return Err(Problem::TooManyWords);
            }
            Ok(FaqCommand::Show(entry))
        }
        Verb::Search => {
            let words = plain(rest)?;
            if words.is_empty() {
                return Err(Problem::Missing("faq-search-missing"));
            }
            Ok(FaqCommand::Search(words))
        }
        Verb::Add => {
            let mut place = Vec::new();
            let mut draft = FaqDraft::default();
            for arg in rest {
                match arg {
                    Arg::Word(word) => place.push(word),
                    Arg::Option { key, value } => set(&mut draft, &key, value)?,
                }
            }
            if draft.title.is_none() {
                return Err(Problem::MissingOption("title"));
            }
            if draft.answer.is_none() {
                return Err(Problem::MissingOption("answer"));
            }
            Ok(FaqCommand::Add { place, draft })
        }
        Verb::Edit => {
            let (entry, rest) = id_then(rest)?;
            let mut draft = FaqDraft::default();
            for arg in rest {
                match arg {
                    Arg::Word(_) => return Err(Problem::TooManyWords),
                    Arg::Option { key, value } => set(&mut draft, &key, value)?,
                }
            }
            let changes = FaqDraft {
                language: None,
                ..draft.clone()
            };
            if changes == FaqDraft::default() {
                return Err(Problem::Missing("faq-nothing-to-change"));
            }
            Ok(FaqCommand::Edit { entry, draft })
        }
        Verb::Reviewed => {
            let (entry, rest) = id_then(rest)?;
            let mut language = None;
            for arg in rest {
                match arg {
                    Arg::Word(_) => return Err(Problem::TooManyWords),
                    Arg::Option { key, value } if option(&key) == Some(Field::Language) => {
                        language = Some(language_code(value)?);
                    }
                    Arg::Option { key, .. } => return Err(Problem::UnexpectedOption(key)),
                }
            }
            Ok(FaqCommand::Reviewed { entry, language })
        }
        Verb::Remove | Verb::History => {
            let (entry, rest) = id_then(rest)?;
            if !plain(rest)?.is_empty() {
                return Err(Problem::TooManyWords);
            }
            Ok(match verb {
                Verb::Remove => FaqCommand::Remove(entry),
                _ => FaqCommand::History(entry),
            })
        }
        Verb::Stale => {
            if !plain(rest)?.is_empty() {
                return Err(Problem::TooManyWords);
            }
            Ok(FaqCommand::Stale)
        }
    }
}

/// `12` or `#12`.
fn entry_id(word: &str) -> Option<EntryId> {
    let digits = word.strip_prefix('#').unwrap_or(word);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|id| *id > 0).map(EntryId)
}

fn id_then(args: Vec<Arg>) -> Result<(EntryId, Vec<Arg>), Problem> {
    let mut args = args.into_iter();
    match args.next() {
        Some(Arg::Word(word)) => {
            let entry = entry_id(&word).ok_or(Problem::bad("faq-bad-id", word))?;
            Ok((entry, args.collect()))
        }
        Some(Arg::Option { key, .. }) => Err(Problem::UnexpectedOption(key)),
        None => Err(Problem::Missing("faq-missing-id")),
    }
}

fn plain(args: Vec<Arg>) -> Result<Vec<String>, Problem> {
    crate::command::plain_words(args)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Language,
    Title,
    Answer,
    Country,
    City,
    Topic,
}

fn option(key: &str) -> Option<Field> {
    Some(match crate::text::fold(key).as_str() {
        "lang" | "language" | "langue" => Field::Language,
        "title" | "question" | "titre" => Field::Title,
        "answer" | "text" | "reponse" | "texte" => Field::Answer,
        "country" | "pays" => Field::Country,
        "city" | "ville" => Field::City,
        "topic" | "sujet" | "theme" => Field::Topic,
        _ => return None,
    })
}

fn set(draft: &mut FaqDraft, key: &str, value: String) -> Result<(), Problem> {
    let value = value.trim().to_owned();
    match option(key) {
        Some(Field::Language) => draft.language = Some(language_code(value)?),
        Some(Field::Title) => {
            if value.is_empty() {
                return Err(Problem::MissingOption("title"));
            }
            let value = one_line("title", value)?;
            if value.chars().count() > MAX_TITLE_CHARS {
                return Err(Problem::TextTooLong {
                    key: "title",
                    limit: MAX_TITLE_CHARS,
                });
            }
            draft.title = Some(value);
        }
        Some(Field::Answer) => {
            if value.is_empty() {
                return Err(Problem::MissingOption("answer"));
            }
            if value.chars().count() > MAX_ANSWER_CHARS {
                return Err(Problem::TextTooLong {
                    key: "answer",
                    limit: MAX_ANSWER_CHARS,
                });
            }
            draft.answer = Some(value);
        }
        Some(Field::Country) => draft.country = Some(one_line("country", value)?),
        Some(Field::City) => draft.city = Some(one_line("city", value)?),
        Some(Field::Topic) => draft.topic = Some(one_line("topic", value)?),
        None => return Err(Problem::UnexpectedOption(key.to_owned())),
    }
    Ok(())
}

/// The longest city, country or topic name, in characters.
const MAX_NAME_CHARS: usize = 100;

/// `value`, refused when it spans lines or holds a tab; names are also kept short.
fn one_line(key: &'static str, value: String) -> Result<String, Problem> {
    if value.contains(['\n', '\r', '\t']) {
        return Err(Problem::NotOneLine(key));
    }
    if key != "title" && value.chars().count() > MAX_NAME_CHARS {
        return Err(Problem::TextTooLong {
            key,
            limit: MAX_NAME_CHARS,
        });
    }
    Ok(value)
}

fn language_code(value: String) -> Result<String, Problem> {
    let code = value.trim().to_lowercase();
    if let Some(lang) = crate::lang::Lang::parse(&code) {
        return Ok(lang.code().to_owned());
    }
    if faq::valid_language(&code) {
        Ok(code)
    } else {
        Err(Problem::bad("faq-bad-language", value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::parse;
    use crate::command::problem_in as problem;
    use crate::jobs::Command;

    fn faq(line: &str) -> FaqCommand {
        match parse(line) {
            Ok(Command::Faq(command)) => *command,
            other => panic!("expected a /faq command from {line:?}, got {other:?}"),
        }
    }

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn browsing_takes_words_in_any_order_and_a_number_shows_one_entry() {
        assert_eq!(faq("/faq"), FaqCommand::Browse(Vec::new()));
        assert_eq!(
            faq("/faq france logement"),
            FaqCommand::Browse(words(&["france", "logement"]))
        );
        assert_eq!(faq("!faq #12"), FaqCommand::Show(EntryId(12)));
        assert_eq!(faq("/faq 3"), FaqCommand::Show(EntryId(3)));
    }

    #[test]
    fn search_needs_words() {
        assert_eq!(
            faq("/faq recherche titre de séjour"),
            FaqCommand::Search(words(&["titre", "de", "séjour"]))
        );
        assert_eq!(
            problem("/faq search"),
            Problem::Missing("faq-search-missing")
        );
    }

    #[test]
    fn adding_needs_a_title_and_an_answer() {
        assert_eq!(
            faq(
                "/faq ajouter france logement langue=fr titre=\"Bail\" réponse=\"Ligne 1\nLigne 2\""
            ),
            FaqCommand::Add {
                place: words(&["france", "logement"]),
                draft: FaqDraft {
                    language: Some("fr".into()),
                    title: Some("Bail".into()),
                    answer: Some("Ligne 1\nLigne 2".into()),
                    ..FaqDraft::default()
                }
            }
        );
        assert_eq!(
            problem("/faq add fr housing title=x"),
            Problem::MissingOption("answer")
        );
        assert_eq!(
            problem("/faq add fr housing answer=x"),
            Problem::MissingOption("title")
        );
        let long = "x".repeat(MAX_TITLE_CHARS + 1);
        assert_eq!(
            problem(&format!("/faq add fr housing title={long} answer=y")),
            Problem::TextTooLong {
                key: "title",
                limit: MAX_TITLE_CHARS
            }
        );
        assert_eq!(
            problem("/faq add fr housing lang=klingon title=x answer=y"),
            Problem::bad("faq-bad-language", "klingon")
        );
    }

    #[test]
    fn editing_names_an_entry_and_a_change() {
        assert_eq!(
            faq("/faq edit 4 lang=English answer=\"New text\""),
            FaqCommand::Edit {
                entry: EntryId(4),
                draft: FaqDraft {
                    language: Some("en".into()),
                    answer: Some("New text".into()),
                    ..FaqDraft::default()
                }
            }
        );
        assert_eq!(
            problem("/faq edit 4 lang=fr"),
            Problem::Missing("faq-nothing-to-change")
        );
        assert_eq!(
            problem("/faq edit four title=x"),
            Problem::bad("faq-bad-id", "four")
        );
        assert_eq!(problem("/faq modifier"), Problem::Missing("faq-missing-id"));
        assert_eq!(
            problem("/faq edit 4 colour=blue"),
            Problem::UnexpectedOption("colour".into())
        );
    }

    #[test]
    fn the_other_editor_commands_take_an_entry_number() {
        assert_eq!(faq("/faq supprimer 2"), FaqCommand::Remove(EntryId(2)));
        assert_eq!(faq("/faq history #2"), FaqCommand::History(EntryId(2)));
        assert_eq!(
            faq("/faq relu 2 langue=fr"),
            FaqCommand::Reviewed {
                entry: EntryId(2),
                language: Some("fr".into())
            }
        );
        assert_eq!(faq("/faq à-revoir"), FaqCommand::Stale);
        assert_eq!(problem("/faq remove 2 3"), Problem::TooManyWords);
        assert_eq!(
            problem("/faq edit 2 city=\"Mont\nréal\""),
            Problem::NotOneLine("city")
        );
        assert_eq!(
            problem("/faq edit 2 title=\"Two\nlines\""),
            Problem::NotOneLine("title")
        );
    }
}
