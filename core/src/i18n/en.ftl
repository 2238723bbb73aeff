# English messages. Each message here must also be in fr.ftl (a test checks it).
# Keep replies short and friendly: many readers are newcomers, some new to English.

## Errors and refusals

something-wrong = Sorry, something went wrong on my side. Please try again in a moment.
store-unavailable = Sorry, I can't save anything right now, so I did not take what you just sent. Please send it again in a few minutes.
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
help-short = Here is what I can do: { $names }
    Type /help and a command for details (/help tz), or write /help to me in private for the full list.
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
cmd-profile-usage = /profile [NAME] | set FIELD=VALUE | visibility
cmd-profile-summary = see everything I keep about you
cmd-profile-details = If you ask in a group, I answer in a private message. /profile set city=Lyon changes an answer (origin, country, city, arrival, languages, interests; an empty value clears it); /profile visibility city interests chooses what other members see with /profile NAME.

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

## Events: commands and their mistakes

cmd-events-usage = /events [all|mine|week|ics]
cmd-events-summary = the events coming up
cmd-events-details = /events mine shows the ones you answered or host; /events week the next seven days; /events ics all of them as a calendar file.
cmd-event-usage = /event create TITLE when="…" | /event ID | /event edit|cancel|attendees|ics ID | /event host ID add|remove NAME
cmd-event-summary = create, see, change or cancel an event
cmd-event-details = Options: where="…", duration=1h30, capacity=N (0 for no limit), description="…", rsvp_until="…", repeat=weekly|biweekly|monthly|"RRULE:…", until=DATE, reminders=24h,1h (or off). Dates read like 2026-12-05 19:00, tomorrow 7pm or friday 19:30, in the community's time zone unless you write one. For a series, date=… picks one date: /event cancel 3 date=2026-12-10. Organizers create events; hosts and organizers change them.
cmd-rsvp-usage = /rsvp ID yes|maybe|no [date=…]
cmd-rsvp-summary = say if you are coming
cmd-rsvp-details = For example /rsvp 3 yes. When an event is full, yes puts you on its waitlist. For a series your answer is for the next date, unless you add date=….
cmd-remind-usage = /remind ID on|off
cmd-remind-summary = turn an event's reminders off or back on
cmd-remind-details = When you are going, I send you a reminder before the event. /remind 3 off stops them for event 3 (every date of a series).

missing-option = Something is missing: { $key }=…
nothing-to-change = Tell me what to change, e.g. where="Café Lumière".
missing-event-id = Which event? Give its number, e.g. 3. /events lists them.
bad-event-id = “{ $input }” is not an event number: they look like 3 or #3.
missing-answer = Yes, maybe or no?
bad-answer = Answer yes, maybe or no, not “{ $input }”.
bad-duration = “{ $input }” is not a duration: write 2h, 90m or 1h30.
bad-capacity = “{ $input }” is not a number of places: write capacity=20, or capacity=0 for no limit.
bad-filter = /events shows all, mine, week or ics, not “{ $input }”.
bad-repeat = I can't repeat “{ $input }”: write weekly, biweekly, monthly, or an RRULE like "RRULE:FREQ=WEEKLY;BYDAY=TU".
bad-reminders = “{ $input }” is not a list of reminders: write reminders=24h,1h (up to 5, at most 7 days before) or reminders=off.
bad-host-action = Add or remove? For example /event host 3 add Nadia.
bad-switch = On or off? For example /remind 3 off.

## Events: dates

when-not-understood = I couldn't read the date “{ $input }”. Write it like 2026-12-05 19:00, tomorrow 7pm or friday 19:30.
when-missing-time = “{ $input }” has no time of day: add one, e.g. friday 19:30.
when-past = That is in the past: I read it as { $time }. Choose a time to come.
when-no-such-date = “{ $input }” is not a date that exists.
when-unknown-zone = I don't know the time zone “{ $input }”.
when-gap = Note: { $asked } does not exist that night (the clocks go forward), so I used { $used }.
when-fold = Note: { $asked } happens twice that night (the clocks go back); I used the first one.
rsvp-until-after-start = Answers must close before the event starts.

## Events: what members see

event-not-found = There is no event #{ $id }. /events lists them.
event-cancelled = Event #{ $id } was cancelled.
event-started = { $title } has already started.
event-rsvp-closed = Answers for { $title } closed at { $time }.
event-only-organizers = Only organizers can create events. Ask an admin if you would like to organize one.
event-only-hosts = Only its hosts and the organizers can change { $title }.
event-created = Created { $title } for { $time }. I announced it.
event-updated = Updated { $title }.
event-cancel-done = Cancelled { $title }. { $told ->
    [0] Nobody had said yes yet.
    [one] I told the one person who was coming.
   *[other] I told the { $told } people who were coming.
}
event-announce = New event: { $title }
event-announce-card-cancelled = Cancelled: { $title }
event-announce-cancelled = { $title } ({ $time }) is cancelled.
event-when = When: { $time }, for { $duration }
event-where = Where: { $place }
event-hosts = Hosted by { $names }
event-counts = Going: { $going } · Maybe: { $maybe }
event-places = { $left ->
    [0] { $waiting ->
        [0] Full
       *[other] Full, { $waiting } on the waitlist
    }
    [one] 1 place left
   *[other] { $left } places left
}
event-you = You: { $status }
event-time-both = { $yours } your time, { $theirs } { $zone }
event-list-title = Coming up:
event-list-line = { $title } — { $time } · { $going } going
event-list-empty = No events coming up.
event-list-empty-hint = Organizers create them with /event create.
event-attendees-going = Going ({ $count }): { $names }
event-attendees-waitlist = Waitlist ({ $count }): { $names }
event-attendees-maybe = Maybe ({ $count }): { $names }
event-attendees-none = Nobody has answered yet.
event-attendees-counts = { $going } going, { $maybe } maybe, { $waiting } on the waitlist. Only hosts and organizers see names.

choice-going = Going
choice-maybe = Maybe
choice-not-going = Can't go

status-going = going
status-waitlisted = on the waitlist (number { $position })
status-maybe = maybe
status-not-going = not going

rsvp-going = You're going to { $title } ({ $time }). See you there!
rsvp-waitlisted = { $title } is full: you are number { $position } on the waitlist. I'll tell you if a place opens.
rsvp-maybe = Noted: maybe for { $title }.
rsvp-not-going = Noted: you're not going to { $title }.
rsvp-promoted = Good news: a place opened for { $title } ({ $time }) and it's yours!
event-moved = { $title } has moved: it is now { $time }.
event-cancelled-dm = { $title } ({ $time }) is cancelled. Sorry!

## Events: series, hosts, reminders, calendars

repeat-daily = every day
repeat-weekly = every week
repeat-biweekly = every two weeks
repeat-monthly = every month
repeat-custom = following { $rule }
repeat-until = { $every } until { $date }
event-repeats = Repeats { $every }
event-no-dates-left = { $title } has no dates left.
event-no-such-date = { $title } has no date on { $date }. /event { $id } shows the next one.
event-date-cancelled = { $title } does not take place on { $date }: that date is cancelled.
until-before-start = The last day comes before the first date.
until-needs-repeat = until= is the last day of a series: add repeat=weekly (or biweekly, monthly).
until-with-count = This series already ends after a number of dates (COUNT in its rule): it cannot have a last day too.
repeat-no-dates = That repetition gives no date at all: check repeat= and until=.
event-date-cancel-done = Cancelled { $title } on { $time }; the other dates stay. { $told ->
    [0] Nobody had said yes for it.
    [one] I told the one person who was coming.
   *[other] I told the { $told } people who were coming.
}
event-series-cancel-done = Cancelled { $title } and all its dates to come. { $told ->
    [0] Nobody had said yes yet.
    [one] I told the one person who was coming.
   *[other] I told the { $told } people who were coming.
}
event-announce-date-cancelled = { $title } will not take place on { $time }. The other dates stay.
event-announce-series-cancelled = { $title } is cancelled, with all its dates to come.
event-date-cancelled-dm = { $title } will not take place on { $time }. Sorry! The other dates stay.
member-unknown = I don't know anyone called “{ $name }” here. Use the name they show in the chat.
member-ambiguous = Several people here are called “{ $name }”: use the account name of the one you mean.
host-last = An event needs at least one host: add another one first.
host-added = { $name } now hosts { $title }.
host-already = { $name } already hosts { $title }.
host-removed = { $name } no longer hosts { $title }.
host-not = { $name } does not host { $title }.
host-added-dm = You now host { $title } ({ $time }): you can change it, cancel it and see who is coming.
remind-on = Reminders for { $title } are back on.
remind-already-on = Reminders for { $title } were already on.
remind-off = No more reminders for { $title }. /remind { $id } on turns them back on.
remind-already-off = Reminders for { $title } were already off.
reminder = Reminder: { $title } is on { $time }, in { $left }.
choice-reminders-off = No more reminders
ics-event = { $title } as a calendar file: open it to add the event to your calendar.
ics-feed = Every event of { $community } as a calendar file.

## FAQ: commands and their mistakes

cmd-faq-usage = /faq [country] [topic] | /faq search WORDS | /faq ID
cmd-faq-summary = practical answers by country and topic
cmd-faq-details = For example /faq france housing, /faq logement Canada or /faq search residence permit. Editors also have /faq remove ID, /faq history ID and /faq stale. They add entries with /faq add france housing title="…" answer="…" (lang=fr for another language, city=… for one city), change them with /faq edit ID title=… answer=… country=… topic=… city=…, and keep them fresh with /faq reviewed ID and /faq stale.
faq-missing-id = Which entry? Give its number, e.g. /faq edit 3.
faq-bad-id = “{ $input }” is not an entry number: they look like 3 or #3.
faq-nothing-to-change = Tell me what to change, e.g. answer="…" or topic=housing.
faq-search-missing = What should I look for? For example /faq search residence permit.
faq-bad-language = “{ $input }” is not a language code: write lang=en, lang=fr, lang=es…
not-one-line = The { $key } must fit on one line.
text-too-long = The { $key } is too long: { $limit } characters at most.

## FAQ: what readers see

language-code = “{ $code }”
faq-footer = { $filing } · reviewed on { $date }
faq-footer-by = { $filing } · reviewed on { $date } by { $author }
faq-stale-note = ⚠️ Not reviewed for over { $months } months: this may be out of date.
faq-shown-in = Shown in { $language }: there is no { $wanted } version yet.
faq-unknown-word = I don't know “{ $word }” as a country, city or topic.
faq-browse-hint = Type /faq to see what is covered, or /faq search and a few words.
faq-menu-hint = Pick one, or write it: /faq france housing, /faq search residence permit.
faq-two-places = One at a time, please: “{ $first }” or “{ $second }”?
faq-none-for = No answer here yet: { $place } · { $topic }.
faq-empty = The FAQ has no answers yet.
faq-nothing-there = Nothing is covered there yet.
faq-menu = The FAQ has answers for:
faq-menu-place = Topics covered — { $place }:
faq-menu-topic = Places covered — { $topic }:
faq-many = { $count } answers: pick one.
faq-not-found = There is no FAQ entry #{ $id }. Type /faq to browse.
faq-search-none = Nothing found for “{ $words }”.
faq-search-corrected = I searched for: { $words }
faq-search-more = Other answers:
faq-suggestion = This may help: { $entry }

## FAQ: editors

faq-only-editors = Only FAQ editors can change the FAQ. Ask an admin if you would like to help.
faq-add-needs-place = Say which country and topic it is for, e.g. /faq add france housing title="…" answer="…".
faq-added = Added as #{ $id }.
faq-edited = Entry #{ $id } is updated.
faq-new-language-needs-both = There is no { $language } version yet: give both title="…" and answer="…".
faq-removed = Removed { $entry }. Its history stays: /faq history { $id }.
faq-no-version = Entry #{ $id } has no { $language } version.
faq-reviewed = { $count ->
    [one] Entry #{ $id } is marked as reviewed on { $date }.
   *[other] Entry #{ $id } is marked as reviewed on { $date } ({ $count } languages).
}
faq-history = { $count ->
    [one] History of #{ $id } (1 change):
   *[other] History of #{ $id } ({ $count } changes):
}
faq-action-created = written
faq-action-edited = edited
faq-action-reviewed = reviewed
faq-action-removed = removed
faq-action-moved = moved to
faq-action-imported = imported
faq-stale-none = Every entry was reviewed in the last { $months } months.
faq-stale = { $count ->
    [one] 1 entry not reviewed for { $months } months or more:
   *[other] { $count } entries not reviewed for { $months } months or more:
}
faq-reviewed-on = reviewed on { $date }
