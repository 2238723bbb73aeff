## FAQ: commands and their mistakes

cmd-faq-usage = /faq [country] [topic] | /faq search WORDS | /faq ID
cmd-faq-summary = practical answers by country and topic
cmd-faq-details = For example /faq france housing, /faq logement Canada or /faq search residence permit. Editors also have /faq remove ID, /faq history ID and /faq stale. They add entries with /faq add france housing title="…" answer="…" (lang=fr for another language, city=… for one city), change them with /faq edit ID title=… answer=… country=… topic=… city=…, and keep them fresh with /faq reviewed ID and /faq stale.
faq-missing-id = Which entry? Give its number, e.g. /faq edit 3.
faq-bad-id = “{ $input }” is not an entry number: they look like 3 or #3.
faq-nothing-to-change = Tell me what to change, e.g. answer="…" or topic=housing.
faq-search-missing = What should I look for? For example /faq search residence permit.
faq-bad-language = “{ $input }” is not a language code: write lang=en, lang=fr, lang=es…

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

## Menus: subcommands and arguments (Discord, Telegram)

arg-faq-entry = the entry number, e.g. 12
arg-faq-country = a country
arg-faq-city = a city
arg-faq-topic = a topic, e.g. housing
arg-faq-words = what you are looking for
arg-faq-lang = the language of the text, e.g. fr
arg-faq-title = the question, in a few words
arg-faq-answer = the answer
cmd-faq-browse-summary = answers for a country, city or topic
cmd-faq-show-summary = show one entry
cmd-faq-search-summary = search the answers
cmd-faq-add-summary = add an entry (editors)
cmd-faq-edit-summary = change an entry (editors)
cmd-faq-remove-summary = remove an entry (editors)
cmd-faq-reviewed-summary = mark an entry as checked today (editors)
cmd-faq-history-summary = the changes to an entry (editors)
cmd-faq-stale-summary = entries to check again (editors)
