## Événements : commandes et erreurs

cmd-events-usage = /events [all|mine|week|ics]
cmd-events-summary = les événements à venir
cmd-events-details = /events mine montre ceux auxquels vous avez répondu ou que vous organisez ; /events week les sept prochains jours ; /events ics tous, dans un fichier de calendrier.
cmd-event-usage = /event create TITRE quand="…" | /event ID | /event edit|cancel|attendees|ics ID | /event host ID add|remove NOM
cmd-event-summary = créer, voir, modifier ou annuler un événement
cmd-event-details = Options : lieu="…", durée=1h30, places=N (0 pour ne pas limiter), description="…", rsvp_until="…", répéter=hebdo|toutes les 2 semaines|mensuel|"RRULE:…", jusqu_au=DATE, rappels=24h,1h (ou off). Les dates s'écrivent 2026-12-05 19:00, demain 19h ou vendredi 19h30, dans le fuseau de la communauté sauf si vous en écrivez un. Pour une série, date=… choisit une date : /event cancel 3 date=2026-12-10. Les organisateurs créent les événements ; les hôtes et les organisateurs les modifient.
cmd-rsvp-usage = /rsvp ID oui|peut-être|non [date=…]
cmd-rsvp-summary = dire si vous venez
cmd-rsvp-details = Par exemple /rsvp 3 oui. Quand un événement est complet, oui vous inscrit sur sa liste d'attente. Pour une série, la réponse vaut pour la prochaine date, sauf si vous ajoutez date=….
cmd-remind-usage = /remind ID on|off
cmd-remind-summary = couper ou remettre les rappels d'un événement
cmd-remind-details = Quand vous venez à un événement, je vous envoie un rappel avant. /remind 3 off les arrête pour l'événement 3 (toutes les dates d'une série).

nothing-to-change = Dites-moi quoi changer, par exemple lieu="Café Lumière".
missing-event-id = Quel événement ? Donnez son numéro, par exemple 3. /events les liste.
bad-event-id = « { $input } » n'est pas un numéro d'événement : ils s'écrivent 3 ou #3.
missing-answer = Oui, peut-être ou non ?
bad-answer = Répondez oui, peut-être ou non, pas « { $input } ».
bad-duration = « { $input } » n'est pas une durée : écrivez 2h, 90m ou 1h30.
bad-capacity = « { $input } » n'est pas un nombre de places : écrivez places=20, ou places=0 pour ne pas limiter.
bad-filter = /events montre all, mine, week ou ics, pas « { $input } ».
bad-repeat = Je ne sais pas répéter « { $input } » : écrivez hebdo, toutes les 2 semaines, mensuel, ou une RRULE comme "RRULE:FREQ=WEEKLY;BYDAY=TU".
bad-reminders = « { $input } » n'est pas une liste de rappels : écrivez rappels=24h,1h (5 au plus, 7 jours avant au plus) ou rappels=off.
bad-host-action = Ajouter ou retirer ? Par exemple /event host 3 add Nadia.
bad-switch = On ou off ? Par exemple /remind 3 off.

## Événements : dates

when-not-understood = Je n'ai pas compris la date « { $input } ». Écrivez-la comme 2026-12-05 19:00, demain 19h ou vendredi 19h30.
when-missing-time = « { $input } » n'a pas d'heure : ajoutez-en une, par exemple vendredi 19h30.
when-past = C'est dans le passé : j'ai compris { $time }. Choisissez un moment à venir.
when-no-such-date = « { $input } » n'est pas une date qui existe.
when-unknown-zone = Je ne connais pas le fuseau horaire « { $input } ».
when-gap = À noter : { $asked } n'existe pas cette nuit-là (on avance l'heure), j'ai donc pris { $used }.
when-fold = À noter : { $asked } arrive deux fois cette nuit-là (on recule l'heure) ; j'ai pris la première.
rsvp-until-after-start = Les réponses doivent fermer avant le début de l'événement.

## Événements : ce que voient les membres

event-not-found = Il n'y a pas d'événement #{ $id }. /events les liste.
event-cancelled = L'événement #{ $id } a été annulé.
event-started = { $title } a déjà commencé.
event-rsvp-closed = Les réponses pour { $title } sont closes depuis { $time }.
event-only-organizers = Seuls les organisateurs peuvent créer des événements. Demandez à un admin si vous souhaitez en organiser un.
event-only-hosts = Seuls ses hôtes et les organisateurs peuvent modifier { $title }.
event-created = { $title } est créé pour { $time }. Je l'ai annoncé.
event-updated = { $title } est mis à jour.
event-cancel-done = { $title } est annulé. { $told ->
    [0] Personne n'avait encore dit oui.
    [one] J'ai prévenu la personne qui venait.
   *[other] J'ai prévenu les { $told } personnes qui venaient.
}
event-announce = Nouvel événement : { $title }
event-announce-card-cancelled = Annulé : { $title }
event-announce-cancelled = { $title } ({ $time }) est annulé.
event-when = Quand : { $time }, pour { $duration }
event-where = Où : { $place }
event-hosts = Organisé par { $names }
event-counts = Viennent : { $going } · Peut-être : { $maybe }
event-places = { $left ->
    [0] { $waiting ->
        [0] Complet
       *[other] Complet, { $waiting } en liste d'attente
    }
    [one] 1 place restante
   *[other] { $left } places restantes
}
event-you = Vous : { $status }
event-time-both = { $yours } chez vous, { $theirs } { $zone }
event-list-title = À venir :
event-list-line = { $title } — { $time } · { $going ->
    [one] { $going } inscrit
   *[other] { $going } inscrits
}
event-list-empty = Aucun événement à venir.
event-list-empty-hint = Les organisateurs en créent avec /event create.
event-attendees-going = Viennent ({ $count }) : { $names }
event-attendees-waitlist = Liste d'attente ({ $count }) : { $names }
event-attendees-maybe = Peut-être ({ $count }) : { $names }
event-attendees-none = Personne n'a encore répondu.
event-attendees-counts = { $going } viennent, { $maybe } peut-être, { $waiting } en liste d'attente. Seuls les hôtes et les organisateurs voient les noms.

choice-going = Je viens
choice-maybe = Peut-être
choice-not-going = Je ne peux pas

status-going = vous venez
status-waitlisted = en liste d'attente (numéro { $position })
status-maybe = peut-être
status-not-going = vous ne venez pas

rsvp-going = Vous venez à { $title } ({ $time }). À bientôt !
rsvp-waitlisted = { $title } est complet : vous êtes numéro { $position } sur la liste d'attente. Je vous préviens si une place se libère.
rsvp-maybe = C'est noté : peut-être pour { $title }.
rsvp-not-going = C'est noté : vous ne venez pas à { $title }.
rsvp-promoted = Bonne nouvelle : une place s'est libérée pour { $title } ({ $time }), elle est pour vous !
event-moved = { $title } a changé d'horaire : c'est maintenant { $time }.
event-cancelled-dm = { $title } ({ $time }) est annulé. Désolé !

## Événements : séries, hôtes, rappels, calendriers

repeat-daily = tous les jours
repeat-weekly = toutes les semaines
repeat-biweekly = toutes les deux semaines
repeat-monthly = tous les mois
repeat-custom = selon { $rule }
repeat-until = { $every } jusqu'au { $date }
event-repeats = Se répète { $every }
event-no-dates-left = { $title } n'a plus de dates à venir.
event-no-such-date = { $title } n'a pas de date le { $date }. /event { $id } montre la prochaine.
event-date-cancelled = { $title } n'a pas lieu le { $date } : cette date est annulée.
until-before-start = Le dernier jour tombe avant la première date.
until-needs-repeat = jusqu_au= est le dernier jour d'une série : ajoutez répéter=hebdo (ou toutes les 2 semaines, mensuel).
until-with-count = Cette série s'arrête déjà après un nombre de dates (COUNT dans sa règle) : elle ne peut pas avoir aussi un dernier jour.
repeat-no-dates = Cette répétition ne donne aucune date : vérifiez répéter= et jusqu_au=.
event-date-cancel-done = { $title } est annulé le { $time } ; les autres dates restent. { $told ->
    [0] Personne n'avait dit oui pour cette date.
    [one] J'ai prévenu la personne qui venait.
   *[other] J'ai prévenu les { $told } personnes qui venaient.
}
event-series-cancel-done = { $title } est annulé, avec toutes ses dates à venir. { $told ->
    [0] Personne n'avait encore dit oui.
    [one] J'ai prévenu la personne qui venait.
   *[other] J'ai prévenu les { $told } personnes qui venaient.
}
event-announce-date-cancelled = { $title } n'aura pas lieu le { $time }. Les autres dates restent.
event-announce-series-cancelled = { $title } est annulé, avec toutes ses dates à venir.
event-date-cancelled-dm = { $title } n'aura pas lieu le { $time }. Désolé ! Les autres dates restent.
member-unknown = Je ne connais personne qui s'appelle « { $name } » ici. Utilisez le nom affiché dans la discussion.
member-ambiguous = Plusieurs personnes s'appellent « { $name } » ici : utilisez le nom de compte de celle que vous voulez dire.
host-last = Un événement a besoin d'au moins un hôte : ajoutez-en un autre d'abord.
host-added = { $name } organise maintenant { $title }.
host-already = { $name } organise déjà { $title }.
host-removed = { $name } n'organise plus { $title }.
host-not = { $name } n'organise pas { $title }.
host-added-dm = Vous organisez maintenant { $title } ({ $time }) : vous pouvez le modifier, l'annuler et voir qui vient.
remind-on = Les rappels pour { $title } sont réactivés.
remind-already-on = Les rappels pour { $title } étaient déjà actifs.
remind-off = Plus de rappels pour { $title }. /remind { $id } on les réactive.
remind-already-off = Les rappels pour { $title } étaient déjà coupés.
reminder = Rappel : { $title } a lieu { $time }, dans { $left }.
choice-reminders-off = Plus de rappels
ics-event = { $title } en fichier de calendrier : ouvrez-le pour ajouter l'événement à votre agenda.
ics-feed = Tous les événements de { $community } en fichier de calendrier.
ics-subscribe = Pour le garder à jour, abonnez-vous à { $url } dans votre agenda.

## Menus : sous-commandes et arguments (Discord, Telegram)

arg-event = le numéro de l'événement, par exemple 12
arg-event-date = une date d'une série, par exemple 2026-12-05
arg-event-title = le nom de l'événement
arg-event-when = quand il commence, par exemple ven 19h
arg-event-where = où il a lieu
arg-event-duration = combien de temps il dure, par exemple 1h30
arg-event-capacity = combien de places (0 pour sans limite)
arg-event-description = quelques mots pour le présenter
arg-event-rsvp-until = les réponses ferment à cette heure
arg-event-repeat = chaque semaine, toutes les deux semaines, chaque mois ou une RRULE
arg-event-until = le dernier jour de la série
arg-event-reminders = quand partent les rappels, par exemple 24h,1h ou off
arg-events-filter = all, mine, week, ou ics pour un fichier agenda
arg-host-action = ajouter ou retirer un hôte
arg-host-name = le nom du membre
arg-rsvp-answer = oui (yes), peut-être (maybe) ou non (no)
arg-remind-switch = on ou off
cmd-event-create-summary = créer un événement
cmd-event-show-summary = afficher un événement
cmd-event-edit-summary = modifier un événement
cmd-event-cancel-summary = annuler un événement, ou une date d'une série
cmd-event-attendees-summary = qui vient
cmd-event-host-summary = ajouter ou retirer un hôte
cmd-event-ics-summary = l'événement en fichier agenda
