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
ics-subscribe = To keep it up to date, subscribe to { $url } in your calendar app.

## Menus: subcommands and arguments (Discord, Telegram)

arg-event = the event number, e.g. 12
arg-event-date = one date of a series, e.g. 2026-12-05
arg-event-title = the event's name
arg-event-when = when it starts, e.g. fri 19:00
arg-event-where = where it happens
arg-event-duration = how long it lasts, e.g. 1h30
arg-event-capacity = how many places (0 for no limit)
arg-event-description = a few words about it
arg-event-rsvp-until = answers close at this time
arg-event-repeat = weekly, biweekly, monthly or an RRULE
arg-event-until = the last day of the series
arg-event-reminders = when reminders go, e.g. 24h,1h or off
arg-events-filter = all, mine, week, or ics for a calendar file
arg-host-action = add or remove a host
arg-host-name = the member's name
arg-rsvp-answer = yes, maybe or no
arg-remind-switch = on or off
cmd-event-create-summary = create an event
cmd-event-show-summary = show an event
cmd-event-edit-summary = change an event
cmd-event-cancel-summary = cancel an event, or one date of a series
cmd-event-attendees-summary = who is going
cmd-event-host-summary = add or remove a host
cmd-event-ics-summary = the event as a calendar file
