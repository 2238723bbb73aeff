## Onboarding: welcome, questionnaire, rules

onboarding-welcome = Welcome to { $community }, { $name }! 👋 I've sent you a few questions in private to help you find your way.
onboarding-rules-pointer = Please read our rules: { $rules }
onboarding-intro = Hi { $name }, welcome to { $community }! A few quick questions help us point you to the right people and rooms. Answer with a number or in your own words; write skip to pass a question, back to go back, and /onboard to come back later.
onboarding-rules = Our rules: { $rules }
    Write /accept to accept them and become a full member.
onboarding-question-number = ({ $number }/{ $total })
onboarding-ask-language = Which language would you like me to write to you in?
onboarding-ask-origin = Which country do you come from?
onboarding-ask-country = Which country do you live in now, or are moving to?
onboarding-ask-city = And which city?
onboarding-ask-arrival = Are you already here? If not, when do you plan to arrive (e.g. June 2027)?
onboarding-ask-languages = Which languages do you speak? (e.g. Portuguese, English)
onboarding-ask-interests = What would you like to do with us? Pick as many as you like, then Done.
onboarding-interests-chosen = Chosen so far: { $interests }
onboarding-choice-skip = Skip
onboarding-choice-back = Back
onboarding-choice-done = Done
onboarding-choice-here = I'm already here
onboarding-choice-start = Start
onboarding-choice-accept = I accept the rules
onboarding-resume = Welcome back! Here is where we were.
onboarding-again = Let's go through the questions again; your earlier answers stay until you change them.
onboarding-first-question = This is the first question.
onboarding-not-started = You haven't started the questions yet.
onboarding-finished-already = You've answered all the questions. See them with /profile, or start again with /onboard restart.
onboarding-sent = I've sent you the questions in a private message.
onboarding-start-here = { $name }, your private messages are closed to me. Press Start to answer the welcome questions here: only you will see them.
choice-start-here = Start
onboarding-done = Thank you, that's everything! Here is what you told us:
onboarding-route-room = You may like { $room }.
onboarding-route-role = You now have the role { $role }.
onboarding-rules-still = One last thing: please accept the rules with /accept.
onboarding-after = The welcome team will be in touch. /profile shows what we hold about you, /profile visibility chooses what others see, and /meet on lets you meet members with things in common.
onboarding-arrival-here = already here
onboarding-arrival-planned = in { $month } { $year }
onboarding-hint-language = I can write to you in English or French: pick one of the choices.
onboarding-hint-country = I don't know the country “{ $input }”. Write its name in English or French, e.g. Brazil.
onboarding-hint-country-suggest = I don't know the country “{ $input }”. Did you mean { $country }?
onboarding-hint-city = That's too long for a city name: write just the city.
onboarding-hint-arrival = I didn't understand that date. Write “already here”, or a month such as June 2027.
onboarding-hint-arrival-range = Please give a month from now to five years ahead.
onboarding-hint-languages = I don't know the language “{ $input }”. Write names such as Portuguese, English.
onboarding-hint-language-suggest = I don't know the language “{ $input }”. Did you mean { $language }?
onboarding-hint-interest = “{ $input }” isn't on our list. Pick from: { $interests }.
onboarding-hint-empty = I didn't get an answer there.
rules-none = This community has no rules to accept.
rules-accepted = Thank you for accepting the rules: you're a full member now. 🎉
rules-accepted-already = You've already accepted the rules.
rules-first = Please accept the community's rules first: /accept
rules-reminder = A gentle reminder: please read our rules and accept them to become a full member. { $rules }

## Profile fields

field-language = language
field-origin = origin
field-country = country
field-city = city
field-arrival = arrival
field-languages = languages
field-interests = interests
profile-field-origin = From: { $value }
profile-field-country = Lives in (country): { $value }
profile-field-city = City: { $value }
profile-field-arrival = Arrival: { $value }
profile-field-languages = Speaks: { $value }
profile-field-interests = Interests: { $value }
profile-visible = Others can see: { $fields }
profile-visible-none = nothing
profile-meet-on = Meeting members (/meet): on
profile-meet-off = Meeting members (/meet): off
profile-questionnaire-done = Questions answered on { $date }
profile-questionnaire-at = Questions: in progress, at “{ $step }” (/onboard to go on)
profile-questionnaire-none = Questions: not answered
profile-rules-accepted = Rules accepted on { $date }
profile-rules-pending = Rules: not accepted yet (/accept)
profile-welcome-open = Welcome team: following you ({ $notes ->
    [one] { $notes } note
   *[other] { $notes } notes
})
profile-welcome-done = Welcome team: done ({ $notes ->
    [one] { $notes } note
   *[other] { $notes } notes
})
profile-of-nothing = { $name } doesn't share anything on their profile.
profile-saved = Saved.
profile-cleared = Cleared: { $field }
welcome-queue-no-languages = languages not given
profile-set-refused = I couldn't change your { $field }.
profile-visibility-now = Others can see: { $fields }. Choose what they may see with /profile visibility city interests (or all, or none).
profile-visibility-set = Done: other members can now see your { $fields }.
profile-visibility-none = Done: your profile is private again.
profile-choice-show-all = Show everything
profile-choice-show-none = Show nothing

## Meeting members

meet-on = You're in! Members who also opted in can find you with /meet, through your origin, city and interests. /meet off to leave.
meet-off = You're out: nobody will be suggested to you, and you won't be suggested to anyone.
meet-opt-in-first = /meet suggests members with things in common, among those who opted in. Join them?
meet-choice-on = Yes, count me in
meet-nobody = Nobody who opted in shares your origin, city or interests yet. Try again later!
meet-title = Members you may like to meet:

## Welcome team

welcome-not-team = Only the welcome team can do that.
welcome-sent-private = I've answered you in private, to keep newcomers' details out of public rooms.
welcome-case-joined = 🆕 { $name } joined on { $platform } and is answering the questions.
welcome-case-asked = 🚪 { $name } asked to join on { $platform } and is answering the questions; they are let in once they accept the rules.
welcome-case-asked-admins = 🚪 { $name } asked to join on { $platform }; the chat's admins decide.
welcome-case-unreachable = 🚫 { $name } blocked the bot or closed their private messages on { $platform }: private messages no longer reach them there.
welcome-case-finished = ✅ { $name } ({ $platform }) answered the questions:
welcome-case-nothing = (no answers given)
welcome-case-greeter = Suggested greeter: { $greeter }, who speaks { $language }.
welcome-case-no-greeter = Nobody on the team shares a language with them yet.
welcome-choice-claim = I'll greet them
welcome-choice-claim-name = Greet { $name }
welcome-choice-done = Mark as done
welcome-no-member = I don't know anyone called { $name }.
welcome-ambiguous = Several members are called { $name }: use their platform ID.
welcome-no-case = { $name } has no welcome case.
welcome-closed = { $name }'s welcome is already done.
welcome-yours-already = You're already greeting { $name }.
welcome-held = { $holder } is greeting { $name }.
welcome-claim-lost = Someone claimed { $name } just before you.
welcome-claimed = You're greeting { $name }. What they told us:
welcome-not-claimed = Nobody is greeting { $name }.
welcome-unclaimed = { $name } is back in the queue.
welcome-noted = Note added for { $name }.
welcome-done = { $name }'s welcome is done. Thank you! 💛
welcome-former-member = a former member
welcome-note-line = Note by { $author } on { $date }: { $text }
welcome-queue-empty = Nobody is waiting: the queue is empty.
welcome-queue-title = Open cases, oldest first ({ $count }):
welcome-queue-line = { $number }. { $name } ({ $platforms }), waiting { $waiting }, { $languages } — { $holder }
welcome-queue-free = nobody yet
welcome-queue-speaks = speaks { $languages }
welcome-queue-held = with { $holder }
welcome-unreachable = 🚫 cannot be reached in private on { $platforms }
welcome-nudge-unclaimed = ⏰ { $name } has been waiting { $waiting } for someone to say hello. Who can greet them?
welcome-nudge-idle = ⏰ No news about { $name } for { $quiet }. Add a /welcome note, or mark the welcome done.
welcome-stats-total = In all: { $joined } joined, { $claimed } contacted, { $done } done.
welcome-stats-median = Median time to first contact: { $wait }.
welcome-stats-no-median = no contact yet
welcome-stats-week = Week of { $date }: { $joined } joined, { $claimed } contacted, { $done } done.
duration-minutes = { $count } min
duration-hours = { $count } h
duration-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}

## Parse problems

bad-field = There is no profile field “{ $input }”: use origin, country, city, arrival, languages or interests.

## Help for these commands

cmd-onboard-usage = /onboard [restart]
cmd-onboard-summary = the welcome questions: resume them, or start again
cmd-onboard-details = In private, answer each question with a number or in your own words, skip to pass one and back to return. /onboard restart goes through them again; your answers stay until you change them.
cmd-accept-usage = /accept
cmd-accept-summary = accept the community's rules
cmd-accept-details = Some communities ask newcomers to accept their rules before taking part in events.
cmd-meet-usage = /meet [on|off]
cmd-meet-summary = meet members with the same origin, city or interests
cmd-meet-details = Only members who opted in with /meet on are suggested, and only to each other: up to five at a time.
cmd-welcome-usage = /welcome queue | claim NAME | unclaim NAME | note NAME TEXT | say NAME TEXT | done NAME | stats
cmd-welcome-summary = the welcome team's queue of newcomers
cmd-welcome-details = For the welcome team: claim a newcomer to greet them, write notes, and mark them done. /welcome say NAME TEXT writes to them in private on their own platform, signed with your name; their replies come back to you. Newcomers nobody claims after a while are brought back to the team's room.
cmd-forget-usage = /forget
cmd-forget-summary = delete everything the community holds about you
cmd-forget-details = In private, /forget shows what would be deleted and asks you to confirm.

## Menus: subcommands and arguments (Discord, Telegram)

arg-onboard-step = the question
arg-onboard-value = your answer
arg-meet-switch = on or off
arg-welcome-name = the newcomer's name
arg-welcome-text = the note
cmd-onboard-resume-summary = go on where you were
cmd-onboard-restart-summary = start the questions again
cmd-onboard-skip-summary = skip this question
cmd-onboard-back-summary = back to the previous question
cmd-onboard-answer-summary = answer one question
cmd-welcome-queue-summary = newcomers waiting for a welcome
cmd-welcome-stats-summary = how the welcome team is doing
cmd-welcome-claim-summary = take care of a newcomer
cmd-welcome-unclaim-summary = hand a newcomer back to the queue
cmd-welcome-done-summary = close a newcomer's case
cmd-welcome-note-summary = add a note to a newcomer's case

## The welcome team's private exchange with a newcomer

cmd-welcome-say-summary = send a newcomer a private message, signed with your name
arg-welcome-message = what to tell them
welcome-say-no-case = { $name } has no open case: there is nobody to greet.
welcome-said = ✉️ { $welcomer }, of the { $community } welcome team: { $text }
    (Answer here: I pass your reply on to { $welcomer }.)
welcome-say-sent = Sent to { $name } on { $platform }. Their replies come to you.
welcome-relayed = 💬 From { $name } (newcomer, on { $platform }): { $text }
    (Answer with /welcome say { $name } …)
welcome-relay-passed = ✉️ Passed on to { $holder }, of the welcome team.
welcome-queue-exchange = ✉️ { $said } sent by the team, { $relayed } { $relayed ->
    [one] reply
   *[other] replies
} passed on
