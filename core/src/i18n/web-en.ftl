# What the public web pages say around the FAQ and the events.

web-nav-home = Home
web-nav-faq = Questions and answers
web-nav-events = Events
web-language = Language
web-home-on = Find us on:
web-home-next = Next events
web-home-all-events = All events
web-faq-title = Questions and answers
web-faq-intro = Answers written by the community for people settling in, by country and topic.
web-faq-countries = Countries
web-faq-answers = { $count ->
    [one] 1 answer
   *[other] { $count } answers
}
web-faq-empty = There are no answers here yet.
web-faq-reviewed = Last reviewed on { $date }
web-faq-search = Search
web-faq-search-label = Words to look for
web-faq-search-button = Search
web-faq-search-results = Results for “{ $query }”
web-faq-search-corrected = Showing results for “{ $corrected }”.
web-faq-search-none = Nothing found for “{ $query }”.
web-events-title = Events
web-events-none = No event is planned yet.
web-events-subscribe = Subscribe to every event in your calendar app (.ics)
web-event-when = When
web-event-where = Where
web-event-duration = Duration
web-event-zone = Time zone
web-event-your-time = In your time zone:
web-event-going = { $going } going
web-event-places = { $left ->
    [0] Full: { $waitlisted } on the waiting list
    [one] 1 place left
   *[other] { $left } places left
}
web-event-repeats = Repeats: this is its next date.
web-event-ics = Add to my calendar (.ics)
web-event-announced = Announced on:
web-event-answer = To answer, write /rsvp { $id } yes in the community's chat.
web-not-found = This page does not exist.
web-error = Something went wrong on our side. Please try again in a moment.
