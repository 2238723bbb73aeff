## FAQ : les commandes et leurs erreurs

cmd-faq-usage = /faq [pays] [sujet] | /faq recherche MOTS | /faq ID
cmd-faq-summary = des réponses pratiques par pays et par sujet
cmd-faq-details = Par exemple /faq france logement, /faq housing Canada ou /faq recherche titre de séjour. Les rédacteurs ont aussi /faq supprimer ID, /faq historique ID et /faq à-revoir. Ils ajoutent des fiches avec /faq ajouter france logement titre="…" réponse="…" (langue=en pour une autre langue, ville=… pour une ville), les changent avec /faq modifier ID titre=… réponse=… pays=… sujet=… ville=…, et les tiennent à jour avec /faq relu ID et /faq à-revoir.
faq-missing-id = Quelle fiche ? Donnez son numéro, par exemple /faq modifier 3.
faq-bad-id = « { $input } » n'est pas un numéro de fiche : ils s'écrivent 3 ou #3.
faq-nothing-to-change = Dites-moi quoi changer, par exemple réponse="…" ou sujet=logement.
faq-search-missing = Que dois-je chercher ? Par exemple /faq recherche titre de séjour.
faq-bad-language = « { $input } » n'est pas un code de langue : écrivez langue=fr, langue=en, langue=es…

## FAQ : ce que voient les lecteurs

language-code = « { $code } »
faq-footer = { $filing } · relu le { $date }
faq-footer-by = { $filing } · relu le { $date } par { $author }
faq-stale-note = ⚠️ Pas relu depuis plus de { $months } mois : ce n'est peut-être plus à jour.
faq-shown-in = Affiché en { $language } : il n'y a pas encore de version en { $wanted }.
faq-unknown-word = Je ne connais pas « { $word } » comme pays, ville ou sujet.
faq-browse-hint = Tapez /faq pour voir ce qui est couvert, ou /faq recherche et quelques mots.
faq-menu-hint = Choisissez, ou écrivez-le : /faq france logement, /faq recherche titre de séjour.
faq-two-places = Un à la fois, s'il vous plaît : « { $first } » ou « { $second } » ?
faq-none-for = Pas encore de réponse ici : { $place } · { $topic }.
faq-empty = La FAQ n'a pas encore de réponses.
faq-nothing-there = Rien n'est encore couvert ici.
faq-menu = La FAQ a des réponses pour :
faq-menu-place = Sujets couverts — { $place } :
faq-menu-topic = Lieux couverts — { $topic } :
faq-many = { $count } réponses : choisissez-en une.
faq-not-found = Il n'y a pas de fiche #{ $id } dans la FAQ. Tapez /faq pour parcourir.
faq-search-none = Rien trouvé pour « { $words } ».
faq-search-corrected = J'ai cherché : { $words }
faq-search-more = Autres réponses :
faq-suggestion = Ceci peut aider : { $entry }

## FAQ : les rédacteurs

faq-only-editors = Seuls les rédacteurs de la FAQ peuvent la modifier. Demandez à un admin si vous voulez aider.
faq-add-needs-place = Dites pour quel pays et quel sujet, par exemple /faq ajouter france logement titre="…" réponse="…".
faq-added = Ajoutée sous le numéro #{ $id }.
faq-edited = La fiche #{ $id } est à jour.
faq-new-language-needs-both = Il n'y a pas encore de version en { $language } : donnez titre="…" et réponse="…".
faq-removed = { $entry } est retirée. Son historique reste : /faq historique { $id }.
faq-no-version = La fiche #{ $id } n'a pas de version en { $language }.
faq-reviewed = { $count ->
    [one] La fiche #{ $id } est marquée relue le { $date }.
   *[other] La fiche #{ $id } est marquée relue le { $date } ({ $count } langues).
}
faq-history = { $count ->
    [one] Historique de #{ $id } (1 changement) :
   *[other] Historique de #{ $id } ({ $count } changements) :
}
faq-action-created = écrite
faq-action-edited = modifiée
faq-action-reviewed = relue
faq-action-removed = retirée
faq-action-moved = déplacée vers
faq-action-imported = importée
faq-stale-none = Toutes les fiches ont été relues ces { $months } derniers mois.
faq-stale = { $count ->
    [one] 1 fiche pas relue depuis { $months } mois ou plus :
   *[other] { $count } fiches pas relues depuis { $months } mois ou plus :
}
faq-reviewed-on = relue le { $date }

## Menus : sous-commandes et arguments (Discord, Telegram)

arg-faq-entry = le numéro de la fiche, par exemple 12
arg-faq-country = un pays
arg-faq-city = une ville
arg-faq-topic = un sujet, par exemple logement
arg-faq-words = ce que vous cherchez
arg-faq-lang = la langue du texte, par exemple fr
arg-faq-title = la question, en quelques mots
arg-faq-answer = la réponse
cmd-faq-browse-summary = les réponses pour un pays, une ville ou un sujet
cmd-faq-show-summary = afficher une fiche
cmd-faq-search-summary = chercher dans les réponses
cmd-faq-add-summary = ajouter une fiche (rédacteurs)
cmd-faq-edit-summary = modifier une fiche (rédacteurs)
cmd-faq-remove-summary = retirer une fiche (rédacteurs)
cmd-faq-reviewed-summary = noter qu'une fiche est relue aujourd'hui (rédacteurs)
cmd-faq-history-summary = les changements d'une fiche (rédacteurs)
cmd-faq-stale-summary = les fiches à relire (rédacteurs)
