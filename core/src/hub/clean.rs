//! What came in, cleaned before the hub reads it: control characters taken out of the
//! text, a typed command's values and the sender's name ([`edge::clean`]).

use std::borrow::Cow;

use crate::edge;
use crate::incoming::{Event, Incoming, Invocation};

/// `incoming` with the control characters taken out of its text and its sender's name
/// ([`edge::clean`]).
pub(super) fn cleaned(incoming: &Incoming) -> Cow<'_, Incoming> {
    let text = match &incoming.event {
        Event::Message(text) | Event::ChoicePicked(text) => Some(text),
        Event::Invoked(invocation) => return cleaned_invocation(incoming, invocation),
        Event::Joined | Event::Left | Event::AskedToJoin(_) | Event::Unreadable => None,
    };
    let clean_text = text.map(|text| edge::clean(text));
    let clean_name = edge::clean(&incoming.sender.display_name);
    let text_changed = matches!(clean_text, Some(Cow::Owned(_)));
    if !text_changed && matches!(clean_name, Cow::Borrowed(_)) {
        return Cow::Borrowed(incoming);
    }
    let mut copy = incoming.clone();
    copy.sender.display_name = clean_name.into_owned();
    if let (Some(text), Event::Message(slot) | Event::ChoicePicked(slot)) =
        (clean_text, &mut copy.event)
    {
        *slot = text.into_owned();
    }
    Cow::Owned(copy)
}

/// `incoming`, a typed command, with the control characters taken out of its values
/// and its sender's name.
fn cleaned_invocation<'a>(incoming: &'a Incoming, invocation: &Invocation) -> Cow<'a, Incoming> {
    let mut copy = incoming.clone();
    copy.sender.display_name = edge::clean(&incoming.sender.display_name).into_owned();
    copy.event = Event::Invoked(Invocation {
        options: invocation
            .options
            .iter()
            .map(|(name, value)| (name.clone(), edge::clean(value).into_owned()))
            .collect(),
        ..invocation.clone()
    });
    Cow::Owned(copy)
}
