# Messages en français. Chaque message doit aussi être dans en.ftl (un test le vérifie).
# Des réponses courtes et chaleureuses, au vouvoiement : beaucoup de lecteurs viennent d'arriver.

## Erreurs et refus

something-wrong = Désolé, quelque chose s'est mal passé de mon côté. Réessayez dans un instant.
store-unavailable = Désolé, je ne peux rien enregistrer pour le moment : je n'ai donc pas pris en compte votre message. Renvoyez-le dans quelques minutes.
unreadable = Je n'ai pas pu lire votre dernier message : il est arrivé chiffré avec une clé que je n'ai pas. Pouvez-vous le renvoyer ?
too-long = Cette commande est trop longue pour moi : { $limit } caractères au plus.
unclosed-quote = Un guillemet n'est pas fermé : fermez-le et réessayez.
unknown-command = Je ne connais pas la commande { $name }.
did-you-mean = Vouliez-vous dire { $suggestion } ?
see-help = Tapez /aide pour voir ce que je sais faire.
usage = Comment l'écrire : { $usage }
too-many-words = /{ $command } ne prend pas autant de mots.
takes-nothing = /{ $command } s'utilise seul, sans rien après.
unexpected-option = /{ $command } n'a pas d'option « { $key }= ».

missing-option = Il manque quelque chose : { $key }=…
not-one-line = Le champ { $key } doit tenir sur une ligne.
text-too-long = Le champ { $key } est trop long : { $limit } caractères au plus.
missing-name = Dites qui : le nom du membre.
missing-text = Il manque quelque chose après la commande.
bad-action = /{ $command } n'a pas de « { $input } ».

## /aide

help-intro = Voici ce que je sais faire :
help-short = Voici ce que je sais faire : { $names }
    Tapez /help suivi d'une commande pour les détails (/help tz), ou écrivez-moi /help en privé pour la liste complète.
help-more = Tapez /aide suivi d'une commande pour les détails, par exemple /aide tz. Les commandes marchent aussi avec ! au lieu de /.
help-aliases = S'écrit aussi : { $aliases }
help-unknown-topic = Il n'y a pas de commande « { $input } ».
help-see-list = Tapez /aide pour les voir toutes.

cmd-help-usage = /help [commande]
cmd-help-summary = lister les commandes, ou en expliquer une
arg-help-command = une commande, par exemple rsvp
cmd-help-details = Sans commande, je les liste toutes.

language-en = anglais
language-fr = français
and = et

role-member = membre
role-welcomer = équipe d'accueil
role-editor = rédaction de la FAQ
role-organizer = organisation d'événements
role-admin = administration

## Private messages

private-open-first = { $name }, j'ai un message pour vous en privé, mais je ne peux vous écrire qu'une fois que vous m'avez ouvert une conversation : { $link }
