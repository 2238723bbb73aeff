# Ce que disent les pages web publiques autour de la FAQ et des événements.

web-nav-home = Accueil
web-nav-faq = Questions et réponses
web-nav-events = Événements
web-language = Langue
web-home-on = Retrouvez-nous sur :
web-home-next = Prochains événements
web-home-all-events = Tous les événements
web-faq-title = Questions et réponses
web-faq-intro = Des réponses écrites par la communauté pour celles et ceux qui s'installent, par pays et par sujet.
web-faq-countries = Pays
web-faq-answers = { $count ->
    [one] 1 réponse
   *[other] { $count } réponses
}
web-faq-empty = Il n'y a pas encore de réponse ici.
web-faq-reviewed = Vérifiée pour la dernière fois le { $date }
web-faq-search = Rechercher
web-faq-search-label = Mots à chercher
web-faq-search-button = Rechercher
web-faq-search-results = Résultats pour « { $query } »
web-faq-search-corrected = Résultats pour « { $corrected } ».
web-faq-search-none = Rien trouvé pour « { $query } ».
web-events-title = Événements
web-events-none = Aucun événement n'est prévu pour l'instant.
web-events-subscribe = S'abonner à tous les événements dans votre agenda (.ics)
web-event-when = Quand
web-event-where = Où
web-event-duration = Durée
web-event-zone = Fuseau horaire
web-event-your-time = Dans votre fuseau horaire :
web-event-going = { $going } inscrits
web-event-places = { $left ->
    [0] Complet : { $waitlisted } en liste d'attente
    [one] 1 place restante
   *[other] { $left } places restantes
}
web-event-repeats = Se répète : voici sa prochaine date.
web-event-ics = Ajouter à mon agenda (.ics)
web-event-announced = Annoncé sur :
web-event-answer = Pour répondre, écrivez /rsvp { $id } oui dans le chat de la communauté.
web-not-found = Cette page n'existe pas.
web-error = Un problème est survenu de notre côté. Réessayez dans un instant.
