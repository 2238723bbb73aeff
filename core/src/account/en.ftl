# The member's own account: /lang, /tz, /profile and /forget.

## Help for these commands
cmd-lang-usage = /lang <language>
cmd-lang-summary = choose the language I answer you in
cmd-lang-details = For example /lang fr or /lang English. Without a language, I offer the ones I speak.
cmd-tz-usage = /tz <Area/City>
cmd-tz-summary = set your time zone, so times show in your own hours
cmd-tz-details = For example /tz Europe/Paris or /tz America/Montreal. Without a zone, I show yours.
cmd-profile-usage = /profile [NAME] | set FIELD=VALUE | visibility
cmd-profile-summary = see everything I keep about you
cmd-profile-details = If you ask in a group, I answer in a private message. /profile set city=Lyon changes an answer (origin, country, city, arrival, languages, interests; an empty value clears it); /profile visibility city interests chooses what other members see with /profile NAME. /profile set name="Nadia S." chooses the name you go by everywhere; /profile set dm=telegram where your private messages go.

## /lang

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

## Forgetting a member

forget-in-private = To delete your data, send me /forget in a private message.
forget-confirm = This deletes everything { $community } holds about you: your profile and answers, your answers to events (your places go to the waitlist), reminders, notes the welcome team wrote about you, and your accounts here. It cannot be undone. Are you sure?
forget-choice-yes = Yes, delete everything
forget-choice-no = No, keep it
forget-nothing = I hold nothing about you.
forget-done = Done: everything about you is deleted.
forgot-profile = your profile and answers
forgot-rsvps = { $count ->
    [one] { $count } answer to an event
   *[other] { $count } answers to events
}
forgot-hosting = { $count ->
    [one] { $count } event you hosted (the event stays)
   *[other] { $count } events you hosted (the events stay)
}
forgot-reminders = { $count ->
    [one] { $count } reminder choice
   *[other] { $count } reminder choices
}
forgot-notes = { $count ->
    [one] { $count } welcome-team note about you
   *[other] { $count } welcome-team notes about you
}
forgot-messages = { $count ->
    [one] { $count } message not yet delivered
   *[other] { $count } messages not yet delivered
}
forgot-roles = { $count ->
    [one] { $count } role
   *[other] { $count } roles
}
forgot-accounts = { $count ->
    [one] { $count } linked account
   *[other] { $count } linked accounts
}
forgot-signatures = { $count ->
    [one] your name on { $count } FAQ text (the text stays)
   *[other] your name on { $count } FAQ texts (the texts stay)
}
forget-after = Counts such as how many people joined stay, without you. If you write again, you start afresh.

## Menus: subcommands and arguments (Discord, Telegram)


arg-lang-language = a language, e.g. fr or English
arg-tz-zone = a time zone, e.g. Europe/Paris
arg-profile-name = the member's name
arg-profile-origin = where you come from
arg-profile-country = the country you live in
arg-profile-city = the city you live in
arg-profile-arrival = when you arrived, e.g. 2026-09
arg-profile-languages = the languages you speak, e.g. fr, en
arg-profile-interests = what you are interested in
arg-profile-fields = what others may see: all, none, or fields
arg-forget-confirm = yes, to delete everything
cmd-profile-me-summary = everything I keep about you
cmd-profile-member-summary = what another member shares
cmd-profile-set-summary = change one of your answers
cmd-profile-visibility-summary = choose what other members see

## Linked accounts: /link, /unlink, and what /profile set chooses

cmd-link-usage = /link [CODE]
cmd-link-summary = make your accounts on other platforms one member
cmd-link-details = Send /link to me in private on one platform: I give you a code. Within 10 minutes, send /link CODE to me in private from your account on another platform. Your profile, your answers to events and your reminders become one.
cmd-unlink-usage = /unlink PLATFORM
cmd-unlink-summary = take one of your accounts off your membership
cmd-unlink-details = For example /unlink telegram, in a private message. Your other accounts keep everything.
arg-link-code = the code you got on your other account
arg-unlink-platform = the account's platform: discord, matrix or telegram
arg-profile-display-name = the name you go by on every platform
arg-profile-dm = where your private messages go: discord, matrix or telegram
bad-platform = I don't know the platform “{ $input }”: use discord, matrix or telegram.
link-code = Your code: **{ $code }**. Within 10 minutes, send /link { $code } to me in a private message from your account on another platform ({ $platforms }). It works once.
link-sent = I sent you a code in a private message.
link-in-private = Codes work only in a private message to me, so this one no longer works: nobody else can use it. Send /link to me in private for a new one.
link-unknown = That code does not work: it may be mistyped, used already, or older than 10 minutes. Send /link from your other account for a new one.
link-locked = Too many wrong codes: try again in { $minutes } minutes.
link-own = That code is this account's own: send it from your account on another platform.
link-same-platform = Both accounts are on { $platform }, and a member has one account per platform. To link this one instead, send /unlink { $key } from your other account first.
link-done = Linked: { $accounts } are one member now, { $name }. Your profile, your answers to events and your reminders are together.
link-kept-newer = Where your accounts differed, I kept the most recent: { $fields }.
link-field-language = language
link-field-zone = time zone
unlink-done = Done: your { $platform } account is no longer linked. If it writes to me again, it starts as a new member.
unlink-last = That is your only account. To delete everything, use /forget.
unlink-none = You have no { $platform } account linked.
profile-name-set = Your name is now { $name }, on every platform.
profile-name-cleared = Your name is your first account's again: { $name }.
profile-name-too-long = A name has at most { $max } characters.
profile-dm-set = Your private messages now go to { $platform }.
profile-dm-cleared = Your private messages go where you wrote last.
profile-dm-unknown = You have no { $platform } account linked: link one with /link first.
profile-dm = Private messages: on { $platform }
profile-dm-last = Private messages: where you wrote last ({ $platform })
