# English messages. Each message here must also be in fr.ftl (a test checks it).
# Keep replies short and friendly: many readers are newcomers, some new to English.

## Errors and refusals

something-wrong = Sorry, something went wrong on my side. Please try again in a moment.
store-unavailable = Sorry, I can't save anything right now, so I did not take what you just sent. Please send it again in a few minutes.
unreadable = I could not read your last message: it came encrypted with a key I don't have. Could you send it again?
too-long = That command is too long for me: { $limit } characters at most.
unclosed-quote = A quotation mark is not closed: close it and try again.
unknown-command = I don't know the command { $name }.
did-you-mean = Did you mean { $suggestion }?
see-help = Type /help to see what I can do.
usage = How to write it: { $usage }
too-many-words = /{ $command } doesn't take that many words.
takes-nothing = /{ $command } takes nothing after it.
unexpected-option = /{ $command } has no option “{ $key }=”.

missing-option = Something is missing: { $key }=…
not-one-line = The { $key } must fit on one line.
text-too-long = The { $key } is too long: { $limit } characters at most.
missing-name = Say who: the member's name.
missing-text = Something is missing after the command.
bad-action = /{ $command } has no “{ $input }”.

## /help

help-intro = Here is what I can do:
help-short = Here is what I can do: { $names }
    Type /help and a command for details (/help tz), or write /help to me in private for the full list.
help-more = Type /help and a command for details, e.g. /help tz. Commands also work with ! instead of /.
help-aliases = Also written: { $aliases }
help-unknown-topic = There is no command called “{ $input }”.
help-see-list = Type /help to see them all.

cmd-help-usage = /help [command]
cmd-help-summary = list the commands, or explain one
arg-help-command = a command, e.g. rsvp
cmd-help-details = Without a command, I list them all.

language-en = English
language-fr = French
and = and

role-member = member
role-welcomer = welcome team
role-editor = FAQ editor
role-organizer = event organizer
role-admin = admin

## Private messages

private-open-first = { $name }, I have a message for you in private, but I can only write to you once you have opened a chat with me: { $link }
