# Messages en français. Chaque message doit aussi être dans en.ftl (un test le vérifie).
# Des réponses courtes et chaleureuses, au vouvoiement : beaucoup de lecteurs viennent d'arriver.

## Erreurs et refus

something-wrong = Désolé, quelque chose s'est mal passé de mon côté. Réessayez dans un instant.
too-long = Cette commande est trop longue pour moi : { $limit } caractères au plus.
unclosed-quote = Un guillemet n'est pas fermé : fermez-le et réessayez.
unknown-command = Je ne connais pas la commande { $name }.
did-you-mean = Vouliez-vous dire { $suggestion } ?
see-help = Tapez /aide pour voir ce que je sais faire.
usage = Comment l'écrire : { $usage }
too-many-words = /{ $command } ne prend pas autant de mots.
takes-nothing = /{ $command } s'utilise seul, sans rien après.
unexpected-option = /{ $command } n'a pas d'option « { $key }= ».

## /aide

help-intro = Voici ce que je sais faire :
help-more = Tapez /aide suivi d'une commande pour les détails, par exemple /aide tz. Les commandes marchent aussi avec ! au lieu de /.
help-aliases = S'écrit aussi : { $aliases }
help-unknown-topic = Il n'y a pas de commande « { $input } ».
help-see-list = Tapez /aide pour les voir toutes.

cmd-help-usage = /help [commande]
cmd-help-summary = lister les commandes, ou en expliquer une
cmd-help-details = Sans commande, je les liste toutes.
cmd-lang-usage = /lang <langue>
cmd-lang-summary = choisir la langue dans laquelle je vous réponds
cmd-lang-details = Par exemple /lang en ou /lang français. Sans langue, je propose celles que je parle.
cmd-tz-usage = /tz <Zone/Ville>
cmd-tz-summary = régler votre fuseau horaire, pour lire les horaires à votre heure
cmd-tz-details = Par exemple /tz Europe/Paris ou /tz America/Montreal. Sans fuseau, j'affiche le vôtre.
cmd-profile-usage = /profile
cmd-profile-summary = voir tout ce que je garde sur vous
cmd-profile-details = Si vous le demandez dans un salon, je vous l'envoie en message privé.

## /lang

language-en = anglais
language-fr = français
and = et

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

role-member = membre
role-welcomer = équipe d'accueil
role-editor = rédaction de la FAQ
role-organizer = organisation d'événements
role-admin = administration
