//! How the console prints the hub's messages: `[ROOM] passerelle: TEXT`, continuation
//! lines indented, choices numbered; the new text of an edited message as
//! `[ROOM] passerelle (edited): TEXT`.

use passerelle_core::reply::Message;

/// Where a message shows up in the console.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Place {
    Room(String),
    Direct(String),
}

impl Place {
    fn label(&self) -> String {
        match self {
            Self::Room(id) => id.clone(),
            Self::Direct(user) => format!("dm {user}"),
        }
    }
}

pub fn render(place: &Place, message: &Message) -> Vec<String> {
    render_as(place, message, "passerelle")
}

/// The new text of a message the hub edited.
pub fn render_edit(place: &Place, message: &Message) -> Vec<String> {
    render_as(place, message, "passerelle (edited)")
}

fn render_as(place: &Place, message: &Message, speaker: &str) -> Vec<String> {
    let mut lines = message.text.lines();
    let first = lines.next().unwrap_or_default();
    let mut out = vec![format!("[{}] {speaker}: {first}", place.label())];
    out.extend(lines.map(|line| format!("  {line}")));
    if !message.choices.is_empty() {
        let choices: Vec<String> = message
            .choices
            .iter()
            .enumerate()
            .map(|(index, choice)| format!("[{}] {}", index + 1, choice.label))
            .collect();
        out.push(format!("  {}", choices.join("  ")));
    }
    if let Some(file) = &message.file {
        out.push(format!(
            "  [file {}, {}, {} lines]",
            file.name,
            file.media_type,
            file.content.lines().count()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use passerelle_core::reply::Choice;

    #[test]
    fn continuation_lines_and_choices_are_indented() {
        let message = Message::text("Which language?\nPick one.").with_choices(vec![
            Choice::new("English", "/lang en"),
            Choice::new("Français", "/lang fr"),
        ]);
        assert_eq!(
            render(&Place::Direct("nadia".into()), &message),
            [
                "[dm nadia] passerelle: Which language?",
                "  Pick one.",
                "  [1] English  [2] Français"
            ]
        );
    }

    #[test]
    fn a_one_line_message_is_one_line() {
        let message = Message::text("Hello");
        assert_eq!(
            render(&Place::Room("#general".into()), &message),
            ["[#general] passerelle: Hello"]
        );
    }
}
