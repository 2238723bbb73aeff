//! The console as an adapter: the hub's messages printed on the screen, as replies to a
//! typed line ([`Here`]) and as the outbox delivers them ([`Deliver`]).

use std::collections::HashMap;
use std::convert::Infallible;
use std::path::Path;

use passerelle_core::outbox::{Destination, Outgoing};
use passerelle_core::reply::{Attachment, Choice, Message};
use passerelle_runtime::{Answer, Deliver, Failed, Failure, Here, Sent};

use crate::output::Output;
use crate::render::{Place, render, render_edit};

/// What the console prints on: the output, the choices last shown in each place, and
/// the folder attached files are saved in.
pub struct Screen<'s, 'o> {
    pub choices: &'s mut HashMap<Place, Vec<Choice>>,
    pub out: &'s mut Output<'o>,
    pub files: Option<&'s Path>,
}

impl Screen<'_, '_> {
    pub fn show(&mut self, place: &Place, message: &Message) {
        self.out.extend(render(place, message));
        if let (Some(folder), Some(file)) = (self.files, &message.file) {
            self.out.push(save(folder, file));
        }
        // Numbers answer the last message shown in a place, as on a real platform.
        if message.choices.is_empty() {
            self.choices.remove(place);
        } else {
            self.choices.insert(place.clone(), message.choices.clone());
        }
    }
}

/// Writes `file` into `folder` under its own name (without any folder it may name), and
/// says where, or why not.
fn save(folder: &Path, file: &Attachment) -> String {
    let name = Path::new(&file.name)
        .file_name()
        .map_or_else(|| "attachment".into(), |name| name.to_owned());
    let path = folder.join(name);
    match std::fs::write(&path, &file.content) {
        Ok(()) => format!("  saved to {}", path.display()),
        Err(error) => format!("  ! cannot save {}: {error}", path.display()),
    }
}

/// The outbox on the console: each message printed as the platform would deliver it.
impl Deliver for Screen<'_, '_> {
    async fn send(&mut self, outgoing: &Outgoing) -> Result<Sent, Failed> {
        match &outgoing.destination {
            Destination::Room(id) => self.show(&Place::Room(id.clone()), &outgoing.message),
            Destination::Direct(user) => self.show(&Place::Direct(user.clone()), &outgoing.message),
            // The new text of a message already shown: its choices stay those of
            // whatever was shown last there.
            Destination::Edit { room, .. } => self
                .out
                .extend(render_edit(&Place::Room(room.clone()), &outgoing.message)),
            // The console has no roles to give: it says what a platform would do.
            Destination::Role(user) => self
                .out
                .push(format!("* {user} gets the role {}", outgoing.message.text)),
            Destination::Admit(user) => self
                .out
                .push(format!("* {user} is let into {}", outgoing.message.text)),
        }
        // Confirmed only once its lines are written and flushed: a console that dies
        // before that sends it again at the next start.
        if !self.out.is_ok() {
            return Err(Failed::new(Failure::Halt, "the console's output is gone"));
        }
        // The console's "message ID" is the outbox row's: edits only print.
        Ok(Sent::Message(format!("console-{}", outgoing.id)))
    }
}

/// Where a typed line was said: its replies are printed there.
pub struct Typed<'s, 'o> {
    pub screen: Screen<'s, 'o>,
    pub place: Place,
}

impl Here for Typed<'_, '_> {
    type Error = Infallible;

    async fn send(&mut self, message: &Message, _: Answer) -> Result<(), Infallible> {
        self.screen.show(&self.place, message);
        Ok(())
    }
}
