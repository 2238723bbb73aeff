//! Hub messages out, Matrix content in: the hub's light markup as HTML with a plain-text
//! fallback, and choices as numbered options.
//!
//! The markup (see `passerelle_core::reply`): `**bold**`, `_italic_`, `` `code` ``, bare
//! URLs and line breaks. Members answer a choice with its number, or with the keycap
//! reaction the bot adds under the message.

use passerelle_core::markup::{Span, spans};
use passerelle_core::reply::Message;

/// A message as Matrix shows it: `body` for clients without HTML, `html` for the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub body: String,
    pub html: String,
    /// The Matrix IDs of the members it mentions (`m.mentions`, and a pill in `html`).
    pub mentions: Vec<String>,
}

pub fn render(message: &Message) -> Rendered {
    let (mut body, mut html) = convert(&message.text);
    let mut mentions = Vec::new();
    for mention in &message.mentions {
        let name = escape(&mention.name);
        if let Some(at) = html.find(&name) {
            let pill = format!(
                "<a href=\"https://matrix.to/#/{}\">{name}</a>",
                escape(&mention.user_id)
            );
            html.replace_range(at..at + name.len(), &pill);
        }
        mentions.push(mention.user_id.clone());
    }
    if !message.choices.is_empty() {
        body.push('\n');
        html.push_str("<ol>");
        for (number, choice) in message.choices.iter().enumerate() {
            body.push_str(&format!("\n{}. {}", number + 1, choice.label));
            html.push_str(&format!("<li>{}</li>", escape(&choice.label)));
        }
        html.push_str("</ol>");
    }
    Rendered {
        body,
        html,
        mentions,
    }
}

/// The markup written twice: plain text without the markers (for the `body`), and HTML
/// where lines starting with `- ` make a list.
fn convert(text: &str) -> (String, String) {
    let mut plain = String::with_capacity(text.len());
    let mut out = String::with_capacity(text.len() + 32);
    let mut item_open = false;
    for span in spans(text) {
        match span {
            Span::Text(text) => {
                plain.push_str(text);
                out.push_str(&escape(text));
            }
            Span::Newline => {
                plain.push('\n');
                out.push_str("<br>\n");
            }
            Span::Bold(open) => out.push_str(if open { "<strong>" } else { "</strong>" }),
            Span::Italic(open) => out.push_str(if open { "<em>" } else { "</em>" }),
            Span::Code(code) => {
                plain.push_str(code);
                out.push_str(&format!("<code>{}</code>", escape(code)));
            }
            Span::Url(url) => {
                plain.push_str(url);
                let url = escape(url);
                out.push_str(&format!("<a href=\"{url}\">{url}</a>"));
            }
            Span::ListStart => out.push_str("<ul>"),
            Span::ItemStart => {
                plain.push_str("- ");
                out.push_str("<li>");
                item_open = true;
            }
            // A list item ends with its line; the list's own tags break the lines.
            Span::ItemEnd => {
                plain.push('\n');
                out.push_str("</li>");
                item_open = false;
            }
            Span::ListEnd => {
                if std::mem::take(&mut item_open) {
                    out.push_str("</li>");
                }
                out.push_str("</ul>");
            }
        }
    }
    (plain, out)
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use passerelle_core::reply::Choice;

    use super::*;

    fn html(text: &str) -> String {
        render(&Message::text(text)).html
    }

    #[test]
    fn markup_becomes_html_and_leaves_the_plain_body_readable() {
        let rendered = render(&Message::text(
            "**Picnic** on _Saturday_\nSee `/event 3` or https://example.org/a?b=1&c=2.",
        ));
        assert_eq!(
            rendered.html,
            "<strong>Picnic</strong> on <em>Saturday</em><br>\nSee <code>/event 3</code> or \
             <a href=\"https://example.org/a?b=1&amp;c=2\">https://example.org/a?b=1&amp;c=2</a>."
        );
        assert_eq!(
            rendered.body,
            "Picnic on Saturday\nSee /event 3 or https://example.org/a?b=1&c=2."
        );
    }

    #[test]
    fn dash_lines_are_a_list() {
        let rendered = render(&Message::text("Bring:\n- bread\n- **cheese**\nThanks!"));
        assert_eq!(
            rendered.html,
            "Bring:<br>\n<ul><li>bread</li><li><strong>cheese</strong></li></ul>Thanks!"
        );
        assert_eq!(rendered.body, "Bring:\n- bread\n- cheese\nThanks!");
        assert_eq!(html("- one\n- two"), "<ul><li>one</li><li>two</li></ul>");
    }

    #[test]
    fn what_members_wrote_is_escaped() {
        assert_eq!(
            html("<b>hi</b> & \"x\""),
            "&lt;b&gt;hi&lt;/b&gt; &amp; &quot;x&quot;"
        );
        assert_eq!(html("`<script>`"), "<code>&lt;script&gt;</code>");
    }

    #[test]
    fn underscores_inside_words_are_not_italics() {
        assert_eq!(
            html("time_zone and snake_case_name"),
            "time_zone and snake_case_name"
        );
        assert_eq!(html("a _b"), "a _b");
        assert_eq!(html("(_vraiment_)"), "(<em>vraiment</em>)");
    }

    #[test]
    fn a_mentioned_member_becomes_a_pill() {
        let message =
            Message::text("Welcome, Nadia <3!").mentioning("@nadia:example.org", "Nadia <3");
        let rendered = render(&message);
        assert_eq!(
            rendered.html,
            "Welcome, <a href=\"https://matrix.to/#/@nadia:example.org\">Nadia &lt;3</a>!"
        );
        assert_eq!(rendered.body, "Welcome, Nadia <3!");
        assert_eq!(rendered.mentions, ["@nadia:example.org"]);
    }

    #[test]
    fn unclosed_markup_is_closed() {
        assert_eq!(html("**bold"), "<strong>bold</strong>");
    }

    #[test]
    fn choices_are_numbered_in_both_forms() {
        let message = Message::text("Coming?").with_choices(vec![
            Choice::new("Going", "/rsvp 3 yes"),
            Choice::new("Can't go", "/rsvp 3 no"),
        ]);
        let rendered = render(&message);
        assert_eq!(rendered.body, "Coming?\n\n1. Going\n2. Can't go");
        assert_eq!(
            rendered.html,
            "Coming?<ol><li>Going</li><li>Can't go</li></ol>"
        );
    }
}
