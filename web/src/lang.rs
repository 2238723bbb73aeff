//! The reader's language: the one the address asks for (`?lang=fr`, which the page's
//! links then keep), else the first of the browser's `Accept-Language` the hub speaks,
//! else the community's.

use passerelle_core::lang::Lang;

/// The language to write a page in.
pub fn reader_lang(asked: Option<&str>, accept_language: Option<&str>, default: Lang) -> Lang {
    if let Some(lang) = asked.and_then(Lang::parse) {
        return lang;
    }
    let Some(header) = accept_language else {
        return default;
    };
    let mut wanted: Vec<(f32, usize, Lang)> = header
        .split(',')
        .enumerate()
        .filter_map(|(order, item)| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim();
            let quality = parts
                .find_map(|part| part.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            let primary = tag.split(['-', '_']).next()?;
            let lang = Lang::parse(primary)?;
            (quality > 0.0).then_some((quality, order, lang))
        })
        .collect();
    wanted.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    wanted.first().map_or(default, |(_, _, lang)| *lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_wins_then_the_browser_then_the_community() {
        let french = Some("fr-FR,fr;q=0.9,en;q=0.8");
        assert_eq!(reader_lang(None, french, Lang::En), Lang::Fr);
        assert_eq!(reader_lang(Some("en"), french, Lang::Fr), Lang::En);
        assert_eq!(
            reader_lang(None, Some("de-DE,en;q=0.5"), Lang::Fr),
            Lang::En
        );
        assert_eq!(
            reader_lang(None, Some("en;q=0.2, fr;q=0.8"), Lang::En),
            Lang::Fr
        );
        assert_eq!(reader_lang(None, Some("de, ja"), Lang::Fr), Lang::Fr);
        assert_eq!(reader_lang(Some("xx"), None, Lang::Fr), Lang::Fr);
        assert_eq!(reader_lang(None, Some("fr;q=0"), Lang::En), Lang::En);
    }
}
