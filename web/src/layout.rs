//! What every page shares: the document around it (language, title, the one small
//! stylesheet, the header with its language switch), links that keep the language asked
//! for, and the core's light markup written as HTML, escaped.

use std::fmt::Write as _;

use maud::{DOCTYPE, Escaper, Markup, PreEscaped, html};
use passerelle_core::i18n::t;
use passerelle_core::lang::Lang;
use passerelle_core::markup::{Span, spans};

/// Who reads the page and where they are.
#[derive(Debug, Clone)]
pub struct Reader {
    pub lang: Lang,
    /// The language the address asked for: kept in every link.
    pub asked: Option<Lang>,
    pub community: String,
    /// The page's path, for the language switch.
    pub path: String,
}

impl Reader {
    /// `path` with the language the reader asked for.
    pub fn link(&self, path: &str) -> String {
        match self.asked {
            Some(lang) => with_lang(path, lang),
            None => path.to_owned(),
        }
    }
}

fn with_lang(path: &str, lang: Lang) -> String {
    let joint = if path.contains('?') { '&' } else { '?' };
    format!("{path}{joint}lang={}", lang.code())
}

/// A whole page: `title` (with the community's name) around `body`.
pub fn page(reader: &Reader, title: &str, body: Markup) -> Markup {
    let lang = reader.lang;
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · " (reader.community) }
                link rel="stylesheet" href="/style.css";
                // No icon: browsers do not ask for one that is not there.
                link rel="icon" href="data:,";
            }
            body {
                header {
                    a.home href=(reader.link("/")) { (reader.community) }
                    nav aria-label=(reader.community) {
                        a href=(reader.link("/faq")) { (t(lang, "web-nav-faq")) }
                        a href=(reader.link("/events")) { (t(lang, "web-nav-events")) }
                    }
                    nav.languages aria-label=(t(lang, "web-language")) {
                        @for other in Lang::ALL {
                            @if other == lang {
                                span aria-current="true" lang=(other.code()) { (other.native_name()) }
                            } @else {
                                a href=(with_lang(&reader.path, other)) lang=(other.code()) hreflang=(other.code()) {
                                    (other.native_name())
                                }
                            }
                        }
                    }
                }
                main { (body) }
            }
        }
    }
}

/// The core's light markup (bold, italic, code, links, lists, line breaks) as HTML,
/// every piece of text escaped: what editors wrote in chat cannot add markup.
pub fn light_markup(text: &str) -> Markup {
    let mut html = String::new();
    // A paragraph is open (text outside a list), or a list is.
    let (mut paragraph, mut list) = (false, false);
    for span in spans(text) {
        if !list
            && !paragraph
            && matches!(
                span,
                Span::Text(_)
                    | Span::Url(_)
                    | Span::Code(_)
                    | Span::Bold(true)
                    | Span::Italic(true)
            )
        {
            html.push_str("<p>");
            paragraph = true;
        }
        match span {
            Span::Text(text) => escaped(&mut html, text),
            Span::Url(url) => {
                html.push_str("<a href=\"");
                escaped(&mut html, url);
                html.push_str("\" rel=\"nofollow\">");
                escaped(&mut html, url);
                html.push_str("</a>");
            }
            Span::Code(code) => {
                html.push_str("<code>");
                escaped(&mut html, code);
                html.push_str("</code>");
            }
            Span::Bold(true) => html.push_str("<strong>"),
            Span::Bold(false) => html.push_str("</strong>"),
            Span::Italic(true) => html.push_str("<em>"),
            Span::Italic(false) => html.push_str("</em>"),
            Span::Newline => {
                if paragraph {
                    html.push_str("</p>");
                    paragraph = false;
                }
            }
            Span::ListStart => {
                if paragraph {
                    html.push_str("</p>");
                    paragraph = false;
                }
                html.push_str("<ul>");
                list = true;
            }
            Span::ItemStart => html.push_str("<li>"),
            Span::ItemEnd => html.push_str("</li>"),
            Span::ListEnd => {
                html.push_str("</ul>");
                list = false;
            }
        }
    }
    if paragraph {
        html.push_str("</p>");
    }
    PreEscaped(html)
}

fn escaped(html: &mut String, text: &str) {
    let _ = Escaper::new(html).write_str(text);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn light_markup_is_html_and_text_is_escaped() {
        let html = light_markup(
            "**Start early** <script>alert(1)</script>\nSee https://x.org/?a=1&b=2\n- one\n- **two**\nAfter.",
        );
        assert_eq!(
            html.into_string(),
            "<p><strong>Start early</strong> &lt;script&gt;alert(1)&lt;/script&gt;</p>\
             <p>See <a href=\"https://x.org/?a=1&amp;b=2\" rel=\"nofollow\">https://x.org/?a=1&amp;b=2</a></p>\
             <ul><li>one</li><li><strong>two</strong></li></ul><p>After.</p>"
        );
    }

    #[test]
    fn links_keep_the_language_asked_for() {
        let reader = Reader {
            lang: Lang::Fr,
            asked: Some(Lang::Fr),
            community: "Paris".into(),
            path: "/faq".into(),
        };
        assert_eq!(reader.link("/events"), "/events?lang=fr");
        assert_eq!(reader.link("/faq/search?q=a"), "/faq/search?q=a&lang=fr");
        let browser = Reader {
            asked: None,
            ..reader
        };
        assert_eq!(browser.link("/events"), "/events");
    }
}
