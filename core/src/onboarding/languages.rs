//! Languages people speak: a table of widely spoken languages and how to read them from
//! what a newcomer types (`français, anglais`, `Arabic / Wolof`, `haitian creole and fr`).

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::lang::Lang;
use crate::text::fold;

/// A language a person may speak (not necessarily one the hub speaks: see [`Lang`]).
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Language {
    code: &'static str,
    english: &'static str,
    french: &'static str,
    native: &'static str,
    aliases: &'static [&'static str],
}

impl Language {
    /// The ISO 639-1 code, lower case (`pt`).
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The name in the hub's language (`Portuguese`, `portugais`).
    pub fn name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.english,
            Lang::Fr => self.french,
        }
    }

    /// The name in the language itself (`Português`).
    pub fn native_name(&self) -> &'static str {
        self.native
    }

    /// Every name a person may type for this language, codes excepted.
    fn names(&self) -> impl Iterator<Item = &'static str> {
        [self.english, self.french, self.native]
            .into_iter()
            .chain(self.aliases.iter().copied())
    }
}

const fn language(
    code: &'static str,
    english: &'static str,
    french: &'static str,
    native: &'static str,
    aliases: &'static [&'static str],
) -> Language {
    Language {
        code,
        english,
        french,
        native,
        aliases,
    }
}

/// The table, by English name. Aliases are real alternative names, never guesses.
static LANGUAGES: &[Language] = &[
    language("sq", "Albanian", "albanais", "Shqip", &[]),
    language("am", "Amharic", "amharique", "አማርኛ", &[]),
    language("ar", "Arabic", "arabe", "العربية", &[]),
    language("hy", "Armenian", "arménien", "Հայերեն", &[]),
    language(
        "az",
        "Azerbaijani",
        "azerbaïdjanais",
        "Azərbaycan dili",
        &["azeri", "azéri"],
    ),
    language("bm", "Bambara", "bambara", "Bamanankan", &[]),
    language("eu", "Basque", "basque", "Euskara", &[]),
    language("be", "Belarusian", "biélorusse", "Беларуская", &[]),
    language("bn", "Bengali", "bengali", "বাংলা", &["bangla"]),
    language("bs", "Bosnian", "bosnien", "Bosanski", &[]),
    language("bg", "Bulgarian", "bulgare", "Български", &[]),
    language("my", "Burmese", "birman", "မြန်မာစာ", &["myanmar"]),
    language(
        "ca",
        "Catalan",
        "catalan",
        "Català",
        &["valencian", "valencien", "valencià"],
    ),
    language(
        "zh",
        "Chinese",
        "chinois",
        "中文",
        &[
            "mandarin",
            "mandarin chinese",
            "chinois mandarin",
            "putonghua",
            "普通话",
            "汉语",
        ],
    ),
    language("hr", "Croatian", "croate", "Hrvatski", &[]),
    language("cs", "Czech", "tchèque", "Čeština", &[]),
    language("da", "Danish", "danois", "Dansk", &[]),
    language(
        "nl",
        "Dutch",
        "néerlandais",
        "Nederlands",
        &["flemish", "flamand", "vlaams", "hollandais"],
    ),
    language("en", "English", "anglais", "English", &[]),
    language("et", "Estonian", "estonien", "Eesti", &[]),
    language("fi", "Finnish", "finnois", "Suomi", &[]),
    language("fr", "French", "français", "Français", &[]),
    language(
        "ff",
        "Fula",
        "peul",
        "Fulfulde",
        &["fulani", "pulaar", "peuhl"],
    ),
    language("ka", "Georgian", "géorgien", "ქართული", &[]),
    language("de", "German", "allemand", "Deutsch", &[]),
    language("el", "Greek", "grec", "Ελληνικά", &[]),
    language("gu", "Gujarati", "gujarati", "ગુજરાતી", &[]),
    language(
        "ht",
        "Haitian Creole",
        "créole haïtien",
        "Kreyòl ayisyen",
        &["haitian", "haïtien", "kreyol", "creole", "créole"],
    ),
    language("ha", "Hausa", "haoussa", "Hausa", &[]),
    language("he", "Hebrew", "hébreu", "עברית", &["ivrit"]),
    language("hi", "Hindi", "hindi", "हिन्दी", &[]),
    language("hu", "Hungarian", "hongrois", "Magyar", &[]),
    language("is", "Icelandic", "islandais", "Íslenska", &[]),
    language("ig", "Igbo", "igbo", "Asụsụ Igbo", &[]),
    language("id", "Indonesian", "indonésien", "Bahasa Indonesia", &[]),
    language(
        "ga",
        "Irish",
        "irlandais",
        "Gaeilge",
        &["irish gaelic", "gaélique irlandais"],
    ),
    language("it", "Italian", "italien", "Italiano", &[]),
    language("ja", "Japanese", "japonais", "日本語", &[]),
    language("kn", "Kannada", "kannada", "ಕನ್ನಡ", &[]),
    language("kk", "Kazakh", "kazakh", "Қазақ тілі", &["qazaq"]),
    language("km", "Khmer", "khmer", "ខ្មែរ", &["cambodian", "cambodgien"]),
    language("rw", "Kinyarwanda", "kinyarwanda", "Ikinyarwanda", &[]),
    language("rn", "Kirundi", "kirundi", "Ikirundi", &["rundi"]),
    language("ko", "Korean", "coréen", "한국어", &[]),
    language("ku", "Kurdish", "kurde", "Kurdî", &["kurmanji", "sorani"]),
    language("ky", "Kyrgyz", "kirghize", "Кыргызча", &["kirghiz"]),
    language("lo", "Lao", "lao", "ລາວ", &["laotian", "laotien"]),
    language("lv", "Latvian", "letton", "Latviešu", &[]),
    language("ln", "Lingala", "lingala", "Lingála", &[]),
    language("lt", "Lithuanian", "lituanien", "Lietuvių", &[]),
    language("mk", "Macedonian", "macédonien", "Македонски", &[]),
    language("mg", "Malagasy", "malgache", "Malagasy", &[]),
    language("ms", "Malay", "malais", "Bahasa Melayu", &[]),
    language("ml", "Malayalam", "malayalam", "മലയാളം", &[]),
    language("mt", "Maltese", "maltais", "Malti", &[]),
    language("mr", "Marathi", "marathi", "मराठी", &[]),
    language("mn", "Mongolian", "mongol", "Монгол", &[]),
    language("ne", "Nepali", "népalais", "नेपाली", &[]),
    language(
        "no",
        "Norwegian",
        "norvégien",
        "Norsk",
        &["bokmål", "nynorsk"],
    ),
    language("om", "Oromo", "oromo", "Afaan Oromoo", &[]),
    language("ps", "Pashto", "pachto", "پښتو", &["pashtu", "pushto"]),
    language("fa", "Persian", "persan", "فارسی", &["farsi", "dari"]),
    language("pl", "Polish", "polonais", "Polski", &[]),
    language("pt", "Portuguese", "portugais", "Português", &[]),
    language("pa", "Punjabi", "pendjabi", "ਪੰਜਾਬੀ", &["panjabi"]),
    language(
        "ro",
        "Romanian",
        "roumain",
        "Română",
        &["moldovan", "moldave"],
    ),
    language("ru", "Russian", "russe", "Русский", &[]),
    language(
        "gd",
        "Scottish Gaelic",
        "gaélique écossais",
        "Gàidhlig",
        &[],
    ),
    language("sr", "Serbian", "serbe", "Српски", &["srpski"]),
    language("si", "Sinhala", "cingalais", "සිංහල", &["sinhalese"]),
    language("sk", "Slovak", "slovaque", "Slovenčina", &[]),
    language("sl", "Slovenian", "slovène", "Slovenščina", &["slovene"]),
    language("so", "Somali", "somali", "Soomaali", &[]),
    language(
        "es",
        "Spanish",
        "espagnol",
        "Español",
        &["castilian", "castillan", "castellano"],
    ),
    language("sw", "Swahili", "swahili", "Kiswahili", &[]),
    language("sv", "Swedish", "suédois", "Svenska", &[]),
    language(
        "tl",
        "Tagalog",
        "tagalog",
        "Tagalog",
        &["filipino", "pilipino"],
    ),
    language("tg", "Tajik", "tadjik", "Тоҷикӣ", &[]),
    language("ta", "Tamil", "tamoul", "தமிழ்", &[]),
    language("te", "Telugu", "télougou", "తెలుగు", &[]),
    language("th", "Thai", "thaï", "ไทย", &[]),
    language("ti", "Tigrinya", "tigrigna", "ትግርኛ", &[]),
    language("tr", "Turkish", "turc", "Türkçe", &[]),
    language("tk", "Turkmen", "turkmène", "Türkmençe", &[]),
    language("uk", "Ukrainian", "ukrainien", "Українська", &[]),
    language("ur", "Urdu", "ourdou", "اردو", &[]),
    language("uz", "Uzbek", "ouzbek", "Oʻzbekcha", &["o'zbek"]),
    language("vi", "Vietnamese", "vietnamien", "Tiếng Việt", &[]),
    language("cy", "Welsh", "gallois", "Cymraeg", &[]),
    language("wo", "Wolof", "wolof", "Wolof", &[]),
    language("yo", "Yoruba", "yoruba", "Yorùbá", &[]),
    language("zu", "Zulu", "zoulou", "isiZulu", &[]),
];

/// Every language in the table, by English name.
pub fn all() -> &'static [Language] {
    LANGUAGES
}

/// Folded code, name and alias → language.
static INDEX: LazyLock<HashMap<String, &'static Language>> = LazyLock::new(|| {
    LANGUAGES
        .iter()
        .flat_map(|language| {
            std::iter::once(language.code)
                .chain(language.names())
                .map(move |key| (fold(key), language))
        })
        .collect()
});

/// Folded names and aliases (no codes) in table order, for typo suggestions.
static NAMES: LazyLock<Vec<(String, &'static Language)>> = LazyLock::new(|| {
    LANGUAGES
        .iter()
        .flat_map(|language| language.names().map(move |name| (fold(name), language)))
        .collect()
});

/// The language with this ISO 639-1 code, in any case; a locale's language counts
/// (`pt-BR`, `fr_CA`).
pub fn by_code(code: &str) -> Option<&'static Language> {
    let code = code.trim();
    let primary = code.split(['-', '_']).next().unwrap_or_default();
    LANGUAGES
        .iter()
        .find(|language| language.code.eq_ignore_ascii_case(primary))
}

/// The language named `word` by its code, English, French or native name, or an alias,
/// ignoring case and accents (`Français`, `francais`, `FR`, `anglais`, `farsi`).
pub fn find(word: &str) -> Option<&'static Language> {
    let folded = fold(word);
    if folded.is_empty() {
        return None;
    }
    INDEX.get(&folded).copied().or_else(|| {
        // A locale (`pt-BR`) names its language; a longer word is not a code.
        let (primary, _) = folded.split_once(['-', '_'])?;
        (primary.len() == 2).then(|| by_code(primary)).flatten()
    })
}

/// The language whose name or alias `word` is likely a typo of (`portugese`), never
/// matched against codes: two letters are too little to guess from.
pub fn closest(word: &str) -> Option<&'static Language> {
    let folded = fold(word);
    let best = crate::suggest::closest(&folded, NAMES.iter().map(|(name, _)| name.as_str()))?;
    NAMES
        .iter()
        .find(|(name, _)| name == best)
        .map(|(_, language)| *language)
}

/// Why a list of languages could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ListError {
    /// Nothing was written but separators.
    #[error("no language given")]
    Empty,
    /// `word`, as typed, names no language; `suggestion` is what it may be a typo of.
    #[error("unknown language: {word}")]
    Unknown {
        word: String,
        suggestion: Option<&'static Language>,
    },
}

/// The longest name in the table, in words (`chinois mandarin`, `gaélique écossais`).
const LONGEST_NAME: usize = 3;

/// Reads a list of languages the way people write one: separated by commas, `/`, `;`,
/// `+`, `&`, `and`, `et` or only spaces (`french english portuguese`), in any case, with
/// names of several words (`haitian creole`). Each language appears once, in the order
/// first written.
pub fn parse_list(input: &str) -> Result<Vec<&'static Language>, ListError> {
    let mut found: Vec<&'static Language> = Vec::new();
    for segment in input.split([',', '/', ';', '+', '&', '|', '\n']) {
        let words: Vec<&str> = segment
            .split_whitespace()
            .map(|word| {
                word.trim_matches(['(', ')', '[', ']', '"', '«', '»', '.', '!', '?', ':', '*'])
            })
            .filter(|word| !word.is_empty())
            .collect();
        let mut start = 0;
        while start < words.len() {
            // `and`/`et` between two words joins them; alone, `et` is Estonian's code.
            if start > 0 && start + 1 < words.len() && is_connector(words[start]) {
                start += 1;
                continue;
            }
            let (language, length) =
                longest_match(&words[start..]).ok_or_else(|| unknown(&words[start..]))?;
            if !found.contains(&language) {
                found.push(language);
            }
            start += length;
        }
    }
    if found.is_empty() {
        return Err(ListError::Empty);
    }
    Ok(found)
}

fn is_connector(word: &str) -> bool {
    matches!(fold(word).as_str(), "and" | "et")
}

/// The language named by the longest run of words at the start of `words`, and how
/// many words it took.
fn longest_match(words: &[&str]) -> Option<(&'static Language, usize)> {
    (1..=words.len().min(LONGEST_NAME))
        .rev()
        .find_map(|length| find(&words[..length].join(" ")).map(|language| (language, length)))
}

/// The error for an unreadable run starting `words`: the longest run that looks like a
/// typo of a name (`scotish gaelic`), else the first word alone.
fn unknown(words: &[&str]) -> ListError {
    (1..=words.len().min(LONGEST_NAME))
        .rev()
        .find_map(|length| {
            let word = words[..length].join(" ");
            closest(&word).map(|language| ListError::Unknown {
                word,
                suggestion: Some(language),
            })
        })
        .unwrap_or_else(|| ListError::Unknown {
            word: words[0].to_owned(),
            suggestion: None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(languages: &[&Language]) -> Vec<&'static str> {
        languages.iter().map(|language| language.code()).collect()
    }

    fn list(input: &str) -> Vec<&'static str> {
        codes(&parse_list(input).unwrap_or_else(|error| panic!("{input}: {error:?}")))
    }

    #[test]
    fn no_folded_name_alias_or_code_names_two_languages() {
        let mut seen: HashMap<String, &str> = HashMap::new();
        for language in all() {
            let mut keys: Vec<String> = language.names().map(fold).collect();
            keys.push(fold(language.code));
            keys.sort();
            keys.dedup();
            for key in keys {
                assert!(!key.is_empty(), "{}: empty name", language.code);
                if let Some(other) = seen.insert(key.clone(), language.code) {
                    panic!("{key:?} names both {other} and {}", language.code);
                }
            }
        }
    }

    #[test]
    fn codes_are_unique_lower_case_pairs_and_cover_the_required_set() {
        let mut all_codes: Vec<&str> = all().iter().map(Language::code).collect();
        assert!(
            all_codes
                .iter()
                .all(|code| code.len() == 2 && code.chars().all(|c| c.is_ascii_lowercase()))
        );
        all_codes.sort_unstable();
        let count = all_codes.len();
        all_codes.dedup();
        assert_eq!(all_codes.len(), count, "duplicate code");
        for code in [
            "ar", "bn", "bg", "ca", "zh", "hr", "cs", "da", "nl", "en", "et", "fi", "fr", "ka",
            "de", "el", "gu", "he", "hi", "hu", "is", "id", "ga", "it", "ja", "kk", "ko", "ku",
            "lv", "lt", "mk", "ms", "mt", "mn", "ne", "no", "fa", "pl", "pt", "pa", "ro", "ru",
            "sr", "sk", "sl", "so", "es", "sw", "sv", "tl", "ta", "te", "th", "tr", "uk", "ur",
            "uz", "vi", "cy", "wo", "yo", "zu", "am", "hy", "az", "be", "bs", "eu", "km", "lo",
            "my", "si", "ti", "ha", "ig", "ln", "mg", "ps", "rw", "sq", "ht",
        ] {
            assert!(by_code(code).is_some(), "{code} missing");
        }
    }

    #[test]
    fn names_show_in_the_hub_language_and_natively() {
        let portuguese = by_code("pt").unwrap();
        assert_eq!(portuguese.name(Lang::En), "Portuguese");
        assert_eq!(portuguese.name(Lang::Fr), "portugais");
        assert_eq!(portuguese.native_name(), "Português");
    }

    #[test]
    fn codes_are_read_in_any_case_and_from_locales() {
        assert_eq!(by_code("FR").map(Language::code), Some("fr"));
        assert_eq!(by_code(" zh ").map(Language::code), Some("zh"));
        assert_eq!(by_code("pt-BR").map(Language::code), Some("pt"));
        assert_eq!(find("pt_br").map(Language::code), Some("pt"));
        assert_eq!(by_code("xx"), None);
        assert_eq!(by_code(""), None);
    }

    #[test]
    fn any_name_code_or_alias_finds_its_language_blind_to_case_and_accents() {
        for (word, code) in [
            ("Français", "fr"),
            ("francais", "fr"),
            ("FR", "fr"),
            ("français", "fr"),
            ("French", "fr"),
            ("anglais", "en"),
            ("espagnol", "es"),
            ("portugais", "pt"),
            ("arabe", "ar"),
            ("العربية", "ar"),
            ("Deutsch", "de"),
            ("farsi", "fa"),
            ("mandarin", "zh"),
            ("Chinois Mandarin", "zh"),
            ("中文", "zh"),
            ("castilian", "es"),
            ("castillan", "es"),
            ("filipino", "tl"),
            ("tagalog", "tl"),
            ("creole haitien", "ht"),
            ("Kreyol Ayisyen", "ht"),
            ("  swahili ", "sw"),
            ("Русский", "ru"),
            ("हिन्दी", "hi"),
            ("தமிழ்", "ta"),
        ] {
            assert_eq!(find(word).map(Language::code), Some(code), "{word}");
        }
        for word in ["", "  ", "klingon", "franc", "french english"] {
            assert_eq!(find(word), None, "{word}");
        }
    }

    #[test]
    fn typos_suggest_a_language_by_name_never_by_code() {
        for (word, code) in [
            ("englsh", "en"),
            ("Portugese", "pt"),
            ("frnch", "fr"),
            ("espagnole", "es"),
            ("ukranian", "uk"),
            ("arab", "ar"),
        ] {
            assert_eq!(closest(word).map(Language::code), Some(code), "{word}");
        }
        // One letter from the code `fr`, but codes are never guessed at.
        assert_eq!(closest("frr"), None);
        assert_eq!(closest("zz"), None);
        assert_eq!(closest("weather"), None);
    }

    #[test]
    fn lists_are_read_with_any_separator() {
        assert_eq!(list("french english portuguese"), ["fr", "en", "pt"]);
        assert_eq!(
            list("French, English / Spanish; Arabic + Wolof & Lingala"),
            ["fr", "en", "es", "ar", "wo", "ln"]
        );
        assert_eq!(list("français et anglais"), ["fr", "en"]);
        assert_eq!(list("English and French"), ["en", "fr"]);
        assert_eq!(list("FR/EN"), ["fr", "en"]);
        assert_eq!(list("fr,en,  ar"), ["fr", "en", "ar"]);
        assert_eq!(list("english (french)."), ["en", "fr"]);
    }

    #[test]
    fn names_of_several_words_are_read_whole() {
        assert_eq!(list("Haitian Creole and French"), ["ht", "fr"]);
        assert_eq!(list("créole haïtien, français"), ["ht", "fr"]);
        assert_eq!(list("scottish gaelic english"), ["gd", "en"]);
        assert_eq!(list("chinois mandarin et anglais"), ["zh", "en"]);
        assert_eq!(list("bahasa indonesia bahasa melayu"), ["id", "ms"]);
        // The longest run wins over the shorter name inside it.
        assert_eq!(list("mandarin chinese"), ["zh"]);
        assert_eq!(list("haitian french"), ["ht", "fr"]);
    }

    #[test]
    fn each_language_is_listed_once_in_the_order_first_written() {
        assert_eq!(list("french, French, fr, anglais, français"), ["fr", "en"]);
    }

    #[test]
    fn a_lone_et_is_estonian_but_between_names_it_joins_them() {
        assert_eq!(list("et"), ["et"]);
        assert_eq!(list("fr, et"), ["fr", "et"]);
        assert_eq!(list("fr et en"), ["fr", "en"]);
    }

    #[test]
    fn an_empty_list_is_an_error() {
        for input in ["", "   ", ", ; /", "\n"] {
            assert_eq!(parse_list(input), Err(ListError::Empty), "{input:?}");
        }
    }

    #[test]
    fn an_unknown_word_is_reported_as_typed_with_a_suggestion() {
        assert_eq!(
            parse_list("french, klingon"),
            Err(ListError::Unknown {
                word: "klingon".to_owned(),
                suggestion: None
            })
        );
        assert_eq!(
            parse_list("French, Englsh"),
            Err(ListError::Unknown {
                word: "Englsh".to_owned(),
                suggestion: by_code("en")
            })
        );
        assert_eq!(
            parse_list("Scotish Gaelic"),
            Err(ListError::Unknown {
                word: "Scotish Gaelic".to_owned(),
                suggestion: by_code("gd")
            })
        );
    }
}
