# English messages. Each message here must also be in fr.ftl (a test checks it).
# Keep replies short and friendly: many readers are newcomers, some new to English.

## Errors and refusals

something-wrong = Sorry, something went wrong on my side. Please try again in a moment.
too-long = That command is too long for me: { $limit } characters at most.
unclosed-quote = A quotation mark is not closed: close it and try again.
unknown-command = I don't know the command { $name }.
did-you-mean = Did you mean { $suggestion }?
see-help = Type /help to see what I can do.
usage = How to write it: { $usage }
too-many-words = /{ $command } doesn't take that many words.
takes-nothing = /{ $command } takes nothing after it.
unexpected-option = /{ $command } has no option “{ $key }=”.

## /help

help-intro = Here is what I can do:
help-more = Type /help and a command for details, e.g. /help tz. Commands also work with ! instead of /.
help-aliases = Also written: { $aliases }
help-unknown-topic = There is no command called “{ $input }”.
help-see-list = Type /help to see them all.

cmd-help-usage = /help [command]
cmd-help-summary = list the commands, or explain one
cmd-help-details = Without a command, I list them all.
cmd-lang-usage = /lang <language>
cmd-lang-summary = choose the language I answer you in
cmd-lang-details = For example /lang fr or /lang English. Without a language, I offer the ones I speak.
cmd-tz-usage = /tz <Area/City>
cmd-tz-summary = set your time zone, so times show in your own hours
cmd-tz-details = For example /tz Europe/Paris or /tz America/Montreal. Without a zone, I show yours.
cmd-profile-usage = /profile
cmd-profile-summary = see everything I keep about you
cmd-profile-details = If you ask in a group, I answer in a private message.

## /lang

language-en = English
language-fr = French
and = and

lang-current = I answer you in { $language }.
lang-pick = Which language would you like?
lang-set = Done: I will answer you in English from now on.
lang-unknown = I don't speak “{ $input }” yet. I speak { $available }.

## /tz

tz-current = Your time zone is { $zone } (it is { $time } there now).
tz-current-default = You have not set a time zone, so I use the community's: { $zone } (it is { $time } there now).
tz-set = Done: your time zone is { $zone }. It is { $time } there now.
tz-unknown = I don't know the time zone “{ $input }”.
tz-hint = Write it as Area/City, e.g. /tz Europe/Paris or /tz America/Montreal.

## /profile

profile-sent = I sent you your profile in a private message.
profile-title = Your profile in { $community }
profile-name = Name: { $name }
profile-accounts = Accounts: { $accounts }
profile-language = Language: { $language }
profile-language-default = Language: { $language } (the community's)
profile-zone = Time zone: { $zone } ({ $time } now)
profile-zone-default = Time zone: { $zone } (the community's, { $time } now)
profile-roles = Roles: { $roles }
profile-since = Member since { $date }

role-member = member
role-welcomer = welcome team
role-editor = FAQ editor
role-organizer = event organizer
role-admin = admin
