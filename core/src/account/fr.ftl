# Le compte du membre : /lang, /tz, /profile et /forget.

## Aide de ces commandes
cmd-lang-usage = /lang <langue>
cmd-lang-summary = choisir la langue dans laquelle je vous réponds
cmd-lang-details = Par exemple /lang en ou /lang français. Sans langue, je propose celles que je parle.
cmd-tz-usage = /tz <Zone/Ville>
cmd-tz-summary = régler votre fuseau horaire, pour lire les horaires à votre heure
cmd-tz-details = Par exemple /tz Europe/Paris ou /tz America/Montreal. Sans fuseau, j'affiche le vôtre.
cmd-profile-usage = /profile [NOM] | set CHAMP=VALEUR | visibility
cmd-profile-summary = voir tout ce que je garde sur vous
cmd-profile-details = Si vous le demandez dans un salon, je vous l'envoie en message privé. /profile set ville=Lyon change une réponse (origine, pays, ville, arrivée, langues, intérêts ; une valeur vide l'efface) ; /profile visibility ville intérêts choisit ce que les autres membres voient avec /profile NOM. /profile set nom="Nadia S." choisit le nom que vous portez partout ; /profile set dm=telegram, où arrivent vos messages privés.

## /lang

lang-current = Je vous réponds en { $language }.
lang-pick = Quelle langue préférez-vous ?
lang-set = C'est noté : je vous répondrai désormais en français.
lang-unknown = Je ne parle pas encore « { $input } ». Je parle { $available }.

## /tz

tz-current = Votre fuseau horaire est { $zone } (il est { $time } là-bas).
tz-current-default = Vous n'avez pas choisi de fuseau horaire, j'utilise donc celui de la communauté : { $zone } (il est { $time } là-bas).
tz-set = C'est noté : votre fuseau horaire est { $zone }. Il est { $time } là-bas.
tz-unknown = Je ne connais pas le fuseau horaire « { $input } ».
tz-hint = Écrivez-le sous la forme Zone/Ville, par exemple /tz Europe/Paris ou /tz America/Montreal.

## /profile

profile-sent = Je vous ai envoyé votre profil en message privé.
profile-title = Votre profil dans { $community }
profile-name = Nom : { $name }
profile-accounts = Comptes : { $accounts }
profile-language = Langue : { $language }
profile-language-default = Langue : { $language } (celle de la communauté)
profile-zone = Fuseau horaire : { $zone } ({ $time } en ce moment)
profile-zone-default = Fuseau horaire : { $zone } (celui de la communauté, { $time } en ce moment)
profile-roles = Rôles : { $roles }
profile-since = Membre depuis le { $date }

## Oubli

forget-in-private = Pour effacer vos données, envoyez-moi /forget en message privé.
forget-confirm = Ceci efface tout ce que { $community } sait de vous : votre profil et vos réponses, vos réponses aux événements (vos places vont à la liste d'attente), vos rappels, les notes de l'équipe d'accueil à votre sujet et vos comptes ici. C'est définitif. Vous êtes sûr·e ?
forget-choice-yes = Oui, tout effacer
forget-choice-no = Non, garder
forget-nothing = Je ne garde rien sur vous.
forget-done = C'est fait : tout ce qui vous concerne est effacé.
forgot-profile = votre profil et vos réponses
forgot-rsvps = { $count ->
    [one] { $count } réponse à un événement
   *[other] { $count } réponses à des événements
}
forgot-hosting = { $count ->
    [one] { $count } événement que vous animiez (il reste)
   *[other] { $count } événements que vous animiez (ils restent)
}
forgot-reminders = { $count ->
    [one] { $count } choix de rappel
   *[other] { $count } choix de rappels
}
forgot-notes = { $count ->
    [one] { $count } note de l'équipe d'accueil à votre sujet
   *[other] { $count } notes de l'équipe d'accueil à votre sujet
}
forgot-messages = { $count ->
    [one] { $count } message pas encore envoyé
   *[other] { $count } messages pas encore envoyés
}
forgot-roles = { $count ->
    [one] { $count } rôle
   *[other] { $count } rôles
}
forgot-accounts = { $count ->
    [one] { $count } compte lié
   *[other] { $count } comptes liés
}
forgot-signatures = { $count ->
    [one] votre nom sur { $count } texte de la FAQ (le texte reste)
   *[other] votre nom sur { $count } textes de la FAQ (les textes restent)
}
forget-after = Les totaux, comme le nombre d'arrivées, restent, sans vous. Si vous écrivez de nouveau, vous repartez de zéro.

## Menus : sous-commandes et arguments (Discord, Telegram)


arg-lang-language = une langue, par exemple fr ou français
arg-tz-zone = un fuseau horaire, par exemple Europe/Paris
arg-profile-name = le nom du membre
arg-profile-origin = d'où vous venez
arg-profile-country = le pays où vous vivez
arg-profile-city = la ville où vous vivez
arg-profile-arrival = quand vous êtes arrivé, par exemple 2026-09
arg-profile-languages = les langues que vous parlez, par exemple fr, en
arg-profile-interests = ce qui vous intéresse
arg-profile-fields = ce que les autres voient : all, none, ou des champs
arg-forget-confirm = yes, pour tout effacer
cmd-profile-me-summary = tout ce que je garde sur vous
cmd-profile-member-summary = ce qu'un autre membre partage
cmd-profile-set-summary = changer une de vos réponses
cmd-profile-visibility-summary = choisir ce que voient les autres membres

## Comptes liés : /link, /unlink, et ce que choisit /profile set

cmd-link-usage = /lier [CODE]
cmd-link-summary = réunir vos comptes des autres plateformes en un seul membre
cmd-link-details = Envoyez-moi /lier en privé sur une plateforme : je vous donne un code. Dans les 10 minutes, envoyez-moi /lier CODE en privé depuis votre compte d'une autre plateforme. Votre profil, vos réponses aux événements et vos rappels ne font plus qu'un.
cmd-unlink-usage = /délier PLATEFORME
cmd-unlink-summary = retirer un de vos comptes de votre adhésion
cmd-unlink-details = Par exemple /délier telegram, en message privé. Vos autres comptes gardent tout.
arg-link-code = le code reçu sur votre autre compte
arg-unlink-platform = la plateforme du compte : discord, matrix ou telegram
arg-profile-display-name = le nom que vous portez sur toutes les plateformes
arg-profile-dm = où vont vos messages privés : discord, matrix ou telegram
bad-platform = Je ne connais pas la plateforme « { $input } » : utilisez discord, matrix ou telegram.
link-code = Votre code : **{ $code }**. Dans les 10 minutes, envoyez-moi /lier { $code } en message privé depuis votre compte d'une autre plateforme ({ $platforms }). Il ne sert qu'une fois.
link-sent = Je vous ai envoyé un code en message privé.
link-in-private = Les codes ne marchent qu'en message privé : celui-ci ne marche donc plus, personne d'autre ne peut s'en servir. Envoyez-moi /lier en privé pour en avoir un nouveau.
link-unknown = Ce code ne marche pas : il est peut-être mal tapé, déjà utilisé, ou vieux de plus de 10 minutes. Envoyez /lier depuis votre autre compte pour en avoir un nouveau.
link-locked = Trop de codes erronés : réessayez dans { $minutes } minutes.
link-own = Ce code est celui de ce compte-ci : envoyez-le depuis votre compte d'une autre plateforme.
link-same-platform = Les deux comptes sont sur { $platform }, et un membre a un compte par plateforme. Pour lier plutôt celui-ci, envoyez d'abord /délier { $key } depuis votre autre compte.
link-done = C'est lié : { $accounts } ne font plus qu'un membre, { $name }. Votre profil, vos réponses aux événements et vos rappels sont réunis.
link-kept-newer = Là où vos comptes différaient, j'ai gardé le plus récent : { $fields }.
link-field-language = langue
link-field-zone = fuseau horaire
unlink-done = C'est fait : votre compte { $platform } n'est plus lié. S'il m'écrit de nouveau, il commence comme un nouveau membre.
unlink-last = C'est votre seul compte. Pour tout effacer, utilisez /oublier.
unlink-none = Vous n'avez pas de compte { $platform } lié.
profile-name-set = Votre nom est désormais { $name }, sur toutes les plateformes.
profile-name-cleared = Votre nom redevient celui de votre premier compte : { $name }.
profile-name-too-long = Un nom a au plus { $max } caractères.
profile-dm-set = Vos messages privés arrivent désormais sur { $platform }.
profile-dm-cleared = Vos messages privés arrivent là où vous avez écrit en dernier.
profile-dm-unknown = Vous n'avez pas de compte { $platform } lié : liez-en un d'abord avec /lier.
profile-dm = Messages privés : sur { $platform }
profile-dm-last = Messages privés : là où vous avez écrit en dernier ({ $platform })
