## Accueil : bienvenue, questionnaire, règles

onboarding-welcome = Bienvenue dans { $community }, { $name } ! 👋 Je vous ai envoyé quelques questions en privé pour vous aider à trouver vos repères.
onboarding-rules-pointer = Merci de lire nos règles : { $rules }
onboarding-intro = Bonjour { $name }, bienvenue dans { $community } ! Quelques questions rapides nous aident à vous orienter vers les bonnes personnes et les bons salons. Répondez par un numéro ou avec vos mots ; écrivez passer pour sauter une question, retour pour revenir en arrière, et /onboard pour reprendre plus tard.
onboarding-rules = Nos règles : { $rules }
    Écrivez /accept pour les accepter et devenir membre à part entière.
onboarding-question-number = ({ $number }/{ $total })
onboarding-ask-language = Dans quelle langue voulez-vous que je vous écrive ?
onboarding-ask-origin = De quel pays venez-vous ?
onboarding-ask-country = Dans quel pays vivez-vous, ou allez-vous vous installer ?
onboarding-ask-city = Et dans quelle ville ?
onboarding-ask-arrival = Êtes-vous déjà là ? Sinon, quand pensez-vous arriver (par exemple juin 2027) ?
onboarding-ask-languages = Quelles langues parlez-vous ? (par exemple portugais, anglais)
onboarding-ask-interests = Qu'aimeriez-vous faire avec nous ? Choisissez-en autant que vous voulez, puis Terminé.
onboarding-interests-chosen = Choisi pour l'instant : { $interests }
onboarding-choice-skip = Passer
onboarding-choice-back = Retour
onboarding-choice-done = Terminé
onboarding-choice-here = Je suis déjà là
onboarding-choice-start = Commencer
onboarding-choice-accept = J'accepte les règles
onboarding-resume = Bon retour ! Nous en étions là.
onboarding-again = Reprenons les questions ; vos réponses précédentes restent tant que vous ne les changez pas.
onboarding-first-question = C'est la première question.
onboarding-not-started = Vous n'avez pas encore commencé les questions.
onboarding-finished-already = Vous avez répondu à toutes les questions. Retrouvez-les avec /profile, ou recommencez avec /onboard restart.
onboarding-sent = Je vous ai envoyé les questions en message privé.
onboarding-start-here = { $name }, vos messages privés me sont fermés. Appuyez sur Commencer pour répondre ici aux questions d'accueil : vous seul les verrez.
choice-start-here = Commencer
onboarding-done = Merci, c'est tout ! Voici ce que vous nous avez dit :
onboarding-route-room = Vous aimerez peut-être { $room }.
onboarding-route-role = Vous avez maintenant le rôle { $role }.
onboarding-rules-still = Une dernière chose : merci d'accepter les règles avec /accept.
onboarding-after = L'équipe d'accueil va vous contacter. /profile montre ce que nous savons de vous, /profile visibility choisit ce que les autres voient, et /meet on vous fait rencontrer des membres qui vous ressemblent.
onboarding-arrival-here = déjà là
onboarding-arrival-planned = en { $month } { $year }
onboarding-hint-language = Je peux vous écrire en anglais ou en français : choisissez parmi les propositions.
onboarding-hint-country = Je ne connais pas le pays « { $input } ». Écrivez son nom en français ou en anglais, par exemple Brésil.
onboarding-hint-country-suggest = Je ne connais pas le pays « { $input } ». Vouliez-vous dire { $country } ?
onboarding-hint-city = C'est trop long pour un nom de ville : écrivez seulement la ville.
onboarding-hint-arrival = Je n'ai pas compris cette date. Écrivez « déjà là », ou un mois comme juin 2027.
onboarding-hint-arrival-range = Indiquez un mois entre maintenant et dans cinq ans.
onboarding-hint-languages = Je ne connais pas la langue « { $input } ». Écrivez des noms comme portugais, anglais.
onboarding-hint-language-suggest = Je ne connais pas la langue « { $input } ». Vouliez-vous dire { $language } ?
onboarding-hint-interest = « { $input } » n'est pas dans notre liste. Choisissez parmi : { $interests }.
onboarding-hint-empty = Je n'ai pas reçu de réponse.
rules-none = Cette communauté n'a pas de règles à accepter.
rules-accepted = Merci d'avoir accepté les règles : vous êtes maintenant membre à part entière. 🎉
rules-accepted-already = Vous avez déjà accepté les règles.
rules-first = Merci d'accepter d'abord les règles de la communauté : /accept
rules-reminder = Petit rappel : merci de lire nos règles et de les accepter pour devenir membre à part entière. { $rules }

## Champs du profil

field-language = langue
field-origin = origine
field-country = pays
field-city = ville
field-arrival = arrivée
field-languages = langues
field-interests = centres d'intérêt
profile-field-origin = Origine : { $value }
profile-field-country = Pays de résidence : { $value }
profile-field-city = Ville : { $value }
profile-field-arrival = Arrivée : { $value }
profile-field-languages = Langues parlées : { $value }
profile-field-interests = Centres d'intérêt : { $value }
profile-visible = Visible par les autres : { $fields }
profile-visible-none = rien
profile-meet-on = Rencontres (/meet) : activées
profile-meet-off = Rencontres (/meet) : désactivées
profile-questionnaire-done = Questions répondues le { $date }
profile-questionnaire-at = Questions : en cours, à « { $step } » (/onboard pour continuer)
profile-questionnaire-none = Questions : sans réponse
profile-rules-accepted = Règles acceptées le { $date }
profile-rules-pending = Règles : pas encore acceptées (/accept)
profile-welcome-open = Équipe d'accueil : vous accompagne ({ $notes ->
    [one] { $notes } note
   *[other] { $notes } notes
})
profile-welcome-done = Équipe d'accueil : accueil terminé ({ $notes ->
    [one] { $notes } note
   *[other] { $notes } notes
})
profile-of-nothing = { $name } ne partage rien sur son profil.
profile-saved = C'est enregistré.
profile-cleared = Effacé : { $field }
welcome-queue-no-languages = langues non précisées
profile-set-refused = Je n'ai pas pu changer votre { $field }.
profile-visibility-now = Visible par les autres : { $fields }. Choisissez ce qu'ils peuvent voir avec /profile visibility ville intérêts (ou tout, ou rien).
profile-visibility-set = C'est fait : les autres membres voient maintenant votre { $fields }.
profile-visibility-none = C'est fait : votre profil est de nouveau privé.
profile-choice-show-all = Tout montrer
profile-choice-show-none = Ne rien montrer

## Rencontres

meet-on = C'est parti ! Les membres qui ont aussi accepté peuvent vous trouver avec /meet, par votre origine, votre ville et vos centres d'intérêt. /meet off pour arrêter.
meet-off = C'est arrêté : personne ne vous sera proposé, et vous ne serez proposé à personne.
meet-opt-in-first = /meet propose des membres qui ont des points communs avec vous, parmi ceux qui l'ont accepté. Vous en êtes ?
meet-choice-on = Oui, j'en suis
meet-nobody = Personne parmi les volontaires ne partage encore votre origine, votre ville ou vos centres d'intérêt. Réessayez plus tard !
meet-title = Des membres que vous aimeriez peut-être rencontrer :

## Équipe d'accueil

welcome-not-team = Seule l'équipe d'accueil peut faire cela.
welcome-sent-private = Je vous ai répondu en privé, pour que les informations des nouveaux ne soient pas dans un salon public.
welcome-case-joined = 🆕 { $name } est arrivé·e sur { $platform } et répond aux questions.
welcome-case-asked = 🚪 { $name } a demandé à rejoindre sur { $platform } et répond aux questions ; l'entrée suivra l'acceptation des règles.
welcome-case-asked-admins = 🚪 { $name } a demandé à rejoindre sur { $platform } ; les admins du salon décident.
welcome-case-unreachable = 🚫 { $name } a bloqué le bot sur { $platform } : les messages privés ne l'y atteignent plus.
welcome-case-finished = ✅ { $name } ({ $platform }) a répondu aux questions :
welcome-case-nothing = (aucune réponse)
welcome-case-greeter = Pour l'accueillir : { $greeter }, qui parle { $language }.
welcome-case-no-greeter = Personne dans l'équipe ne parle encore une de ses langues.
welcome-choice-claim = Je m'en occupe
welcome-choice-claim-name = Accueillir { $name }
welcome-choice-done = Accueil terminé
welcome-no-member = Je ne connais personne qui s'appelle { $name }.
welcome-ambiguous = Plusieurs membres s'appellent { $name } : utilisez leur identifiant sur la plateforme.
welcome-no-case = { $name } n'a pas de dossier d'accueil.
welcome-closed = L'accueil de { $name } est déjà terminé.
welcome-yours-already = Vous accueillez déjà { $name }.
welcome-held = { $holder } accueille { $name }.
welcome-claim-lost = Quelqu'un s'est occupé de { $name } juste avant vous.
welcome-claimed = Vous accueillez { $name }. Ce qu'on sait :
welcome-not-claimed = Personne n'accueille { $name }.
welcome-unclaimed = { $name } est de retour dans la file.
welcome-noted = Note ajoutée pour { $name }.
welcome-done = L'accueil de { $name } est terminé. Merci ! 💛
welcome-former-member = un ancien membre
welcome-note-line = Note de { $author } le { $date } : { $text }
welcome-queue-empty = Personne n'attend : la file est vide.
welcome-queue-title = Dossiers ouverts, du plus ancien au plus récent ({ $count }) :
welcome-queue-line = { $number }. { $name } ({ $platforms }), attend depuis { $waiting }, { $languages } — { $holder }
welcome-queue-free = personne pour l'instant
welcome-queue-speaks = parle { $languages }
welcome-queue-held = avec { $holder }
welcome-unreachable = 🚫 injoignable en privé sur { $platforms }
welcome-nudge-unclaimed = ⏰ { $name } attend depuis { $waiting } qu'on lui dise bonjour. Qui peut l'accueillir ?
welcome-nudge-idle = ⏰ Pas de nouvelles de { $name } depuis { $quiet }. Ajoutez une note avec /welcome note, ou terminez l'accueil.
welcome-stats-total = En tout : { $joined } arrivées, { $claimed } contactées, { $done } terminées.
welcome-stats-median = Délai médian avant le premier contact : { $wait }.
welcome-stats-no-median = pas encore de contact
welcome-stats-week = Semaine du { $date } : { $joined } arrivées, { $claimed } contactées, { $done } terminées.
duration-minutes = { $count } min
duration-hours = { $count } h
duration-days = { $count ->
    [one] { $count } jour
   *[other] { $count } jours
}

## Problèmes de commande

bad-field = Il n'y a pas de champ « { $input } » dans le profil : utilisez origine, pays, ville, arrivée, langues ou intérêts.

## Aide de ces commandes

cmd-onboard-usage = /onboard [restart]
cmd-onboard-summary = les questions d'accueil : les reprendre ou recommencer
cmd-onboard-details = En privé, répondez à chaque question par un numéro ou avec vos mots, passer pour en sauter une et retour pour revenir. /onboard restart les reprend depuis le début ; vos réponses restent tant que vous ne les changez pas.
cmd-accept-usage = /accept
cmd-accept-summary = accepter les règles de la communauté
cmd-accept-details = Certaines communautés demandent aux nouveaux d'accepter leurs règles avant de participer aux événements.
cmd-meet-usage = /meet [on|off]
cmd-meet-summary = rencontrer des membres de même origine, même ville ou mêmes intérêts
cmd-meet-details = Seuls les membres qui ont accepté avec /meet on sont proposés, et seulement entre eux : cinq au plus à la fois.
cmd-welcome-usage = /welcome queue | claim NOM | unclaim NOM | note NOM TEXTE | say NOM TEXTE | done NOM | stats
cmd-welcome-summary = la file des nouveaux pour l'équipe d'accueil
cmd-welcome-details = Pour l'équipe d'accueil : prenez un nouveau en charge pour l'accueillir, écrivez des notes et terminez l'accueil. Les nouveaux que personne ne prend après un moment sont signalés de nouveau dans le salon de l'équipe.
cmd-forget-usage = /forget
cmd-forget-summary = effacer tout ce que la communauté sait de vous
cmd-forget-details = En privé, /forget montre ce qui serait effacé et vous demande de confirmer.

## Menus : sous-commandes et arguments (Discord, Telegram)

arg-onboard-step = la question
arg-onboard-value = votre réponse
arg-meet-switch = on ou off
arg-welcome-name = le nom de la personne arrivée
arg-welcome-text = la note
cmd-onboard-resume-summary = reprendre où vous en étiez
cmd-onboard-restart-summary = recommencer les questions
cmd-onboard-skip-summary = passer cette question
cmd-onboard-back-summary = revenir à la question précédente
cmd-onboard-answer-summary = répondre à une question
cmd-welcome-queue-summary = les personnes qui attendent un accueil
cmd-welcome-stats-summary = où en est l'équipe d'accueil
cmd-welcome-claim-summary = s'occuper d'une personne arrivée
cmd-welcome-unclaim-summary = rendre une personne à la file
cmd-welcome-done-summary = clore le dossier d'une personne
cmd-welcome-note-summary = ajouter une note au dossier d'une personne

## L'échange privé de l'équipe d'accueil avec un nouveau

cmd-welcome-say-summary = envoyer un message privé à un nouveau, signé de votre nom
arg-welcome-message = ce que vous voulez lui dire
welcome-say-no-case = { $name } n'a pas de dossier ouvert : il n'y a personne à accueillir.
welcome-said = ✉️ { $welcomer }, de l'équipe d'accueil de { $community } : { $text }
    (Répondez ici : je transmets votre réponse à { $welcomer }.)
welcome-say-sent = Envoyé à { $name } sur { $platform }. Ses réponses vous arriveront.
welcome-relayed = 💬 De { $name } (nouveau, sur { $platform }) : { $text }
    (Répondez avec /welcome say { $name } …)
welcome-relay-passed = ✉️ Transmis à { $holder }, de l'équipe d'accueil.
welcome-queue-exchange = ✉️ { $said } envoyés par l'équipe, { $relayed } { $relayed ->
    [one] réponse transmise
   *[other] réponses transmises
}
