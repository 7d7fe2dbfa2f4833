<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>ErrorText</name>
    <message>
        <source>Enter the address the short link should lead to.</source>
        <translation>Saisissez l’adresse vers laquelle le lien court doit mener.</translation>
    </message>
    <message>
        <source>The address is too long (at most %1 characters).</source>
        <translation>L’adresse est trop longue (%1 caractères au maximum).</translation>
    </message>
    <message>
        <source>This is not a complete web address (for example https://example.com/page).</source>
        <translation>Ce n’est pas une adresse web complète (par exemple https://example.com/page).</translation>
    </message>
    <message>
        <source>Only http:// and https:// addresses can be shortened.</source>
        <translation>Seules les adresses http:// et https:// peuvent être raccourcies.</translation>
    </message>
    <message>
        <source>An alias has %1 to %2 characters: letters, digits, &apos;-&apos; and &apos;_&apos;.</source>
        <translation>Un alias compte de %1 à %2 caractères : lettres, chiffres, « - » et « _ ».</translation>
    </message>
    <message>
        <source>This word is used by the server itself; choose another alias.</source>
        <translation>Ce mot est utilisé par le serveur lui-même ; choisissez un autre alias.</translation>
    </message>
    <message>
        <source>This alias is already in use.</source>
        <translation>Cet alias est déjà utilisé.</translation>
    </message>
    <message>
        <source>Max clicks must be a whole number from 1 to 2147483647.</source>
        <translation>Le nombre maximal de clics doit être un entier de 1 à 2147483647.</translation>
    </message>
    <message>
        <source>Too many links in a short time; try again in a minute.</source>
        <translation>Trop de liens en peu de temps ; réessayez dans une minute.</translation>
    </message>
    <message>
        <source>The server is not running.</source>
        <translation>Le serveur n’est pas en marche.</translation>
    </message>
    <message>
        <source>The server is busy; try again in a moment.</source>
        <translation>Le serveur est occupé ; réessayez dans un instant.</translation>
    </message>
    <message>
        <source>Choose one of the preview protection modes.</source>
        <translation>Choisissez l’un des modes de protection contre les aperçus.</translation>
    </message>
    <message>
        <source>A link password has %1 to %2 characters.</source>
        <translation>Un mot de passe de lien compte de %1 à %2 caractères.</translation>
    </message>
    <message>
        <source>Choose an expiry time in the future.</source>
        <translation>Choisissez une date d’expiration dans le futur.</translation>
    </message>
    <message>
        <source>After expiry, visitors can only be sent to a complete http:// or https:// address.</source>
        <translation>Après l’expiration, les visiteurs ne peuvent être envoyés que vers une adresse http:// ou https:// complète.</translation>
    </message>
    <message>
        <source>A label has at most %1 characters, on one line.</source>
        <translation>Un libellé compte au plus %1 caractères, sur une seule ligne.</translation>
    </message>
    <message>
        <source>Max clicks cannot be lower than the clicks already used.</source>
        <translation>Le nombre maximum de clics ne peut pas être inférieur aux clics déjà utilisés.</translation>
    </message>
    <message>
        <source>This link no longer exists.</source>
        <translation>Ce lien n’existe plus.</translation>
    </message>
    <message>
        <source>A key name has 1 to %1 characters, without control characters or spaces around it.</source>
        <translation>Un nom de clé compte de 1 à %1 caractères, sans caractères de contrôle ni espaces autour.</translation>
    </message>
    <message>
        <source>A key with this name exists already.</source>
        <translation>Une clé porte déjà ce nom.</translation>
    </message>
</context>
<context>
    <name>ReachabilityText</name>
    <message>
        <source>Reachable from the internet</source>
        <translation>Accessible depuis Internet</translation>
    </message>
    <message>
        <source>Maybe reachable from the internet</source>
        <translation>Peut-être accessible depuis Internet</translation>
    </message>
    <message>
        <source>Reachable on this network only</source>
        <translation>Accessible sur ce réseau seulement</translation>
    </message>
    <message>
        <source>Only on this computer</source>
        <translation>Sur cet ordinateur seulement</translation>
    </message>
    <message>
        <source>Asking the router…</source>
        <translation>Interrogation du routeur…</translation>
    </message>
    <message>
        <source>Use IPv6, a tunnel, or a proxy with its own address (a public base URL).</source>
        <translation>Utilisez IPv6, un tunnel ou un proxy avec sa propre adresse (une URL de base publique).</translation>
    </message>
    <message>
        <source>Links open from the internet at %1.</source>
        <translation>Les liens s’ouvrent depuis Internet à l’adresse %1.</translation>
    </message>
    <message>
        <source>The router maps %1 to this server, but this computer cannot tell whether it opens from the internet (the router may not loop requests back to it): to be sure, ask someone outside to open a link.</source>
        <translation>Le routeur redirige %1 vers ce serveur, mais cet ordinateur ne peut pas savoir si l’adresse s’ouvre depuis Internet (le routeur ne renvoie peut-être pas les requêtes vers l’intérieur) : pour en être sûr, demandez à quelqu’un à l’extérieur d’ouvrir un lien.</translation>
    </message>
    <message>
        <source>Links open on this network only: no port is mapped on the router.</source>
        <translation>Les liens ne s’ouvrent que sur ce réseau : aucun port n’est redirigé sur le routeur.</translation>
    </message>
    <message>
        <source>Links open on this network only: the router mapped the port but did not say its external address.</source>
        <translation>Les liens ne s’ouvrent que sur ce réseau : le routeur a redirigé le port sans donner son adresse externe.</translation>
    </message>
    <message>
        <source>Links open on this network only: no router answered UPnP or NAT-PMP.</source>
        <translation>Les liens ne s’ouvrent que sur ce réseau : aucun routeur n’a répondu en UPnP ou NAT-PMP.</translation>
    </message>
    <message>
        <source>Links open on this network only: the router refused the port mapping (%1).</source>
        <translation>Les liens ne s’ouvrent que sur ce réseau : le routeur a refusé la redirection de port (%1).</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>sans raison donnée</translation>
    </message>
    <message>
        <source>Links open on this network only: the router&apos;s external address %1 is in your provider&apos;s carrier-grade NAT (100.64.0.0/10), so no mapping can help.</source>
        <translation>Les liens ne s’ouvrent que sur ce réseau : l’adresse externe du routeur, %1, est dans le NAT de l’opérateur (CGNAT, 100.64.0.0/10) : aucune redirection ne peut aider.</translation>
    </message>
    <message>
        <source>Links open on this network and the one outside the router, at %1: that is not a public address, another router is in front, so the internet cannot reach it.</source>
        <translation>Les liens s’ouvrent sur ce réseau et sur celui situé hors du routeur, à l’adresse %1 : ce n’est pas une adresse publique, un autre routeur se trouve devant, donc Internet ne peut pas l’atteindre.</translation>
    </message>
    <message>
        <source>Over IPv6 the server is on the internet at %1 (no NAT to open; a firewall may still block it).</source>
        <translation>En IPv6, le serveur est sur Internet à l’adresse %1 (pas de NAT à ouvrir ; un pare-feu peut encore le bloquer).</translation>
    </message>
    <message>
        <source>Links open only on this computer: the server listens on %1 (loopback) only.</source>
        <translation>Les liens ne s’ouvrent que sur cet ordinateur : le serveur n’écoute que sur %1 (boucle locale).</translation>
    </message>
    <message>
        <source>Asking the router for a port mapping…</source>
        <translation>Demande d’une redirection de port au routeur…</translation>
    </message>
</context>
<context>
    <name>shortfuse::AddServerDialog</name>
    <message>
        <source>Add a Server</source>
        <translation>Ajouter un serveur</translation>
    </message>
    <message>
        <source>https://sho.rt</source>
        <translation>https://sho.rt</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Adresse du serveur</translation>
    </message>
    <message>
        <source>sf_… (shortfuse-server keys create --name NAME)</source>
        <translation>sf_… (shortfuse-server keys create --name NAME)</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clé d’API</translation>
    </message>
    <message>
        <source>optional, e.g. Home server</source>
        <translation>facultatif, p. ex. Serveur maison</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>The key is kept in this computer&apos;s keychain, never in the settings file.</source>
        <translation>La clé est conservée dans le trousseau de cet ordinateur, jamais dans le fichier de paramètres.</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse :</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>&amp;Clé d’API :</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, e.g. https://sho.rt</source>
        <translation>Saisissez l’adresse du serveur, p. ex. https://sho.rt</translation>
    </message>
    <message>
        <source>Enter an API key made on that server (shortfuse-server keys create).</source>
        <translation>Saisissez une clé d’API créée sur ce serveur (shortfuse-server keys create).</translation>
    </message>
</context>
<context>
    <name>shortfuse::ConnectionMenu</name>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Serveur</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <source>&amp;Add a server…</source>
        <translation>&amp;Ajouter un serveur…</translation>
    </message>
    <message>
        <source>&amp;Remove this server…</source>
        <translation>&amp;Retirer ce serveur…</translation>
    </message>
</context>
<context>
    <name>shortfuse::Connections</name>
    <message>
        <source>This computer</source>
        <translation>Cet ordinateur</translation>
    </message>
</context>
<context>
    <name>shortfuse::CreatePanel</name>
    <message>
        <source>New link</source>
        <translation>Nouveau lien</translation>
    </message>
    <message>
        <source>https://example.com/a/long/address</source>
        <translation>https://example.com/une/longue/adresse</translation>
    </message>
    <message>
        <source>Destination URL</source>
        <translation>URL de destination</translation>
    </message>
    <message>
        <source>Destination URL error</source>
        <translation>Erreur dans l’URL de destination</translation>
    </message>
    <message>
        <source>optional, e.g. spring-invite</source>
        <translation>facultatif, p. ex. invitation-printemps</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>Alias</translation>
    </message>
    <message>
        <source>Alias error</source>
        <translation>Erreur dans l’alias</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>Illimité</translation>
    </message>
    <message>
        <source>Max clicks</source>
        <translation>Clics maximum</translation>
    </message>
    <message>
        <source>How many times the link redirects before it expires. The lowest value means unlimited.</source>
        <translation>Nombre de redirections avant que le lien expire. La valeur la plus basse signifie illimité.</translation>
    </message>
    <message>
        <source>&amp;Shorten</source>
        <translation>&amp;Raccourcir</translation>
    </message>
    <message>
        <source>Shorten</source>
        <translation>Raccourcir</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL :</translation>
    </message>
    <message>
        <source>&amp;Alias:</source>
        <translation>&amp;Alias :</translation>
    </message>
    <message>
        <source>&amp;Max clicks:</source>
        <translation>Clics &amp;max. :</translation>
    </message>
    <message>
        <source>Your short link</source>
        <translation>Votre lien court</translation>
    </message>
    <message>
        <source>Short link</source>
        <translation>Lien court</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>Copy short link</source>
        <translation>Copier le lien court</translation>
    </message>
    <message>
        <source>Copy confirmation</source>
        <translation>Confirmation de copie</translation>
    </message>
    <message>
        <source>QR code of the short link</source>
        <translation>Code QR du lien court</translation>
    </message>
    <message>
        <source>Copy &amp;QR code</source>
        <translation>Copier le code &amp;QR</translation>
    </message>
    <message>
        <source>Save QR code as &amp;PNG…</source>
        <translation>Enregistrer le code QR en &amp;PNG…</translation>
    </message>
    <message>
        <source>Copied to the clipboard</source>
        <translation>Copié dans le presse-papiers</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
    <message>
        <source>QR code copied</source>
        <translation>Code QR copié</translation>
    </message>
    <message>
        <source>Save QR code</source>
        <translation>Enregistrer le code QR</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Images PNG (*.png)</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>Enregistré dans %1</translation>
    </message>
    <message>
        <source>Could not save %1.</source>
        <translation>Impossible d’enregistrer %1.</translation>
    </message>
    <message>
        <source>Enter shortens; the short link goes straight to the clipboard. A link with max clicks redirects that many times, then shows an expired page.</source>
        <translation>Entrée raccourcit ; le lien court part aussitôt dans le presse-papiers. Un lien avec un nombre maximal de clics redirige autant de fois, puis affiche une page d’expiration.</translation>
    </message>
    <message>
        <source>&amp;Options</source>
        <translation>&amp;Options</translation>
    </message>
    <message>
        <source>Show link options</source>
        <translation>Afficher les options du lien</translation>
    </message>
    <message>
        <source>Preview protection, password, expiry</source>
        <translation>Protection contre les aperçus, mot de passe, expiration</translation>
    </message>
    <message>
        <source>Preview protection</source>
        <translation>Protection contre les aperçus</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Automatique</translation>
    </message>
    <message>
        <source>Chat-app previews and link scanners get a placeholder and use up nothing; people are redirected.</source>
        <translation>Les aperçus des messageries et les analyseurs de liens reçoivent une page d’attente et ne consomment rien ; les personnes sont redirigées.</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Confirmation</translation>
    </message>
    <message>
        <source>Every visitor first sees a &quot;Continue?&quot; page; only its button uses up a click.</source>
        <translation>Chaque visiteur voit d’abord une page « Continuer ? » ; seul son bouton consomme un clic.</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Désactivée</translation>
    </message>
    <message>
        <source>Every visit counts, previews and scanners included.</source>
        <translation>Chaque visite compte, aperçus et analyseurs compris.</translation>
    </message>
    <message>
        <source>Preview protection error</source>
        <translation>Erreur de protection contre les aperçus</translation>
    </message>
    <message>
        <source>optional, %1 to %2 characters</source>
        <translation>facultatif, de %1 à %2 caractères</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Visitors must enter this password before they are redirected.</source>
        <translation>Les visiteurs doivent saisir ce mot de passe avant d’être redirigés.</translation>
    </message>
    <message>
        <source>Password error</source>
        <translation>Erreur de mot de passe</translation>
    </message>
    <message>
        <source>E&amp;xpires at:</source>
        <translation>E&amp;xpire le :</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expire</translation>
    </message>
    <message>
        <source>Expiry time</source>
        <translation>Date d’expiration</translation>
    </message>
    <message>
        <source>In your local time. After this moment the link works no more.</source>
        <translation>Dans votre heure locale. Passé ce moment, le lien ne fonctionne plus.</translation>
    </message>
    <message>
        <source>Expiry error</source>
        <translation>Erreur de date d’expiration</translation>
    </message>
    <message>
        <source>optional, e.g. https://example.com/sorry</source>
        <translation>facultatif, p. ex. https://example.com/desole</translation>
    </message>
    <message>
        <source>After expiry, send visitors to</source>
        <translation>Après l’expiration, envoyer les visiteurs vers</translation>
    </message>
    <message>
        <source>Once the link is used up or past its expiry, visitors go here instead of the expired page.</source>
        <translation>Une fois le lien épuisé ou expiré, les visiteurs arrivent ici au lieu de la page d’expiration.</translation>
    </message>
    <message>
        <source>After expiry address error</source>
        <translation>Erreur dans l’adresse après expiration</translation>
    </message>
    <message>
        <source>Previe&amp;w protection:</source>
        <translation>Protection contre les aperç&amp;us :</translation>
    </message>
    <message>
        <source>Passwor&amp;d:</source>
        <translation>Mot de pa&amp;sse :</translation>
    </message>
    <message>
        <source>After expiry, se&amp;nd visitors to:</source>
        <translation>Après l’expiration, e&amp;nvoyer vers :</translation>
    </message>
    <message>
        <source>Hide link options</source>
        <translation>Masquer les options du lien</translation>
    </message>
</context>
<context>
    <name>shortfuse::DesktopNotifier</name>
    <message>
        <source>%1 clicks on %2 links</source>
        <translation>%1 clics sur %2 liens</translation>
    </message>
    <message>
        <source>%1 is used up</source>
        <translation>%1 est épuisé</translation>
    </message>
    <message>
        <source>%1 was opened — %2 of %3 left</source>
        <translation>%1 a été ouvert — reste %2 sur %3</translation>
    </message>
    <message>
        <source>and %1 more clicks just before</source>
        <translation>et %1 clics de plus juste avant</translation>
    </message>
    <message>
        <source>Open statistics</source>
        <translation>Ouvrir les statistiques</translation>
    </message>
</context>
<context>
    <name>shortfuse::EditLinkDialog</name>
    <message>
        <source>Edit %1</source>
        <translation>Modifier %1</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Destination</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Libellé</translation>
    </message>
    <message>
        <source>optional: your own words for this link, e.g. a recipient&apos;s name</source>
        <translation>facultatif : vos propres mots pour ce lien, p. ex. le nom d’un destinataire</translation>
    </message>
    <message>
        <source>Clicks used so far: %1. Max clicks cannot go below them; equal to them ends the link.</source>
        <translation>Clics utilisés jusqu’ici : %1. Le maximum ne peut pas être inférieur ; égal, il termine le lien.</translation>
    </message>
    <message>
        <source>&amp;Destination:</source>
        <translation>&amp;Destination :</translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation>&amp;Libellé :</translation>
    </message>
</context>
<context>
    <name>shortfuse::KeyStore</name>
    <message>
        <source>No key is kept for this server.</source>
        <translation>Aucune clé n’est conservée pour ce serveur.</translation>
    </message>
    <message>
        <source>This desktop has no keychain to keep the key in (%1): Shortfuse asks for it at each start instead, and never writes it to a file.</source>
        <translation>Ce bureau n’a pas de trousseau où garder la clé (%1) : Shortfuse la demande à chaque démarrage et ne l’écrit jamais dans un fichier.</translation>
    </message>
    <message>
        <source>The keychain refused: %1</source>
        <translation>Le trousseau a refusé : %1</translation>
    </message>
</context>
<context>
    <name>shortfuse::LinkConsole</name>
    <message>
        <source>The server is not running.</source>
        <translation>Le serveur n’est pas en cours d’exécution.</translation>
    </message>
</context>
<context>
    <name>shortfuse::LinkOptionsForm</name>
    <message>
        <source>Unlimited</source>
        <translation>Illimité</translation>
    </message>
    <message>
        <source>Max clicks</source>
        <translation>Clics maximum</translation>
    </message>
    <message>
        <source>Preview protection</source>
        <translation>Protection contre les aperçus</translation>
    </message>
    <message>
        <source>Auto (preview bots use nothing)</source>
        <translation>Automatique (les robots d’aperçu n’utilisent rien)</translation>
    </message>
    <message>
        <source>Confirm (visitors press Continue)</source>
        <translation>Confirmer (les visiteurs cliquent sur Continuer)</translation>
    </message>
    <message>
        <source>Off (every visit counts)</source>
        <translation>Désactivée (chaque visite compte)</translation>
    </message>
    <message>
        <source>Expires at</source>
        <translation>Expire le</translation>
    </message>
    <message>
        <source>Expiry time</source>
        <translation>Date d’expiration</translation>
    </message>
    <message>
        <source>After expiry, send visitors to</source>
        <translation>Après expiration, envoyer les visiteurs vers</translation>
    </message>
    <message>
        <source>optional: the expired page otherwise</source>
        <translation>facultatif ; sinon la page « expiré »</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>facultatif</translation>
    </message>
    <message>
        <source>Remove the password</source>
        <translation>Supprimer le mot de passe</translation>
    </message>
    <message>
        <source>Max &amp;clicks:</source>
        <translation>&amp;Clics maximum :</translation>
    </message>
    <message>
        <source>Preview &amp;protection:</source>
        <translation>&amp;Protection contre les aperçus :</translation>
    </message>
    <message>
        <source>E&amp;xpiry:</source>
        <translation>E&amp;xpiration :</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
        <source>unchanged; type a new one to replace it</source>
        <translation>inchangé ; saisissez-en un nouveau pour le remplacer</translation>
    </message>
    <message>
        <source>none; type one to set it</source>
        <translation>aucun ; saisissez-en un pour le définir</translation>
    </message>
    <message>
        <source>&amp;After expiry:</source>
        <translation>&amp;Après expiration :</translation>
    </message>
</context>
<context>
    <name>shortfuse::LinkTableModel</name>
    <message>
        <source>active</source>
        <translation>actif</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>expiré</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>révoqué</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 / unlimited</source>
        <translation>%1 / illimité</translation>
    </message>
    <message>
        <source>Short link</source>
        <translation>Lien court</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Destination</translation>
    </message>
    <message>
        <source>Clicks</source>
        <translation>Clics</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé</translation>
    </message>
    <message>
        <source>password</source>
        <translation>mot de passe</translation>
    </message>
    <message>
        <source>confirm</source>
        <translation>confirmation</translation>
    </message>
    <message>
        <source>Visitors must enter a password.</source>
        <translation>Les visiteurs doivent saisir un mot de passe.</translation>
    </message>
    <message>
        <source>Preview protection: auto</source>
        <translation>Protection contre les aperçus : automatique</translation>
    </message>
    <message>
        <source>Preview protection: confirm (visitors press Continue)</source>
        <translation>Protection contre les aperçus : confirmation (les visiteurs appuient sur Continuer)</translation>
    </message>
    <message>
        <source>Preview protection: off</source>
        <translation>Protection contre les aperçus : désactivée</translation>
    </message>
    <message>
        <source>After expiry: %1</source>
        <translation>Après l’expiration : %1</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expire</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Libellé</translation>
    </message>
</context>
<context>
    <name>shortfuse::MainWindow</name>
    <message>
        <source>Shortfuse</source>
        <translation>Shortfuse</translation>
    </message>
    <message>
        <source>Choose another &amp;port…</source>
        <translation>Choisir un autre &amp;port…</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Réessayer</translation>
    </message>
    <message>
        <source>Filter by short link or destination (Ctrl+F)</source>
        <translation>Filtrer par lien court ou destination (Ctrl+F)</translation>
    </message>
    <message>
        <source>Filter links</source>
        <translation>Filtrer les liens</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>Liens</translation>
    </message>
    <message>
        <source>&amp;Links</source>
        <translation>&amp;Liens</translation>
    </message>
    <message>
        <source>S&amp;tatistics</source>
        <translation>S&amp;tatistiques</translation>
    </message>
    <message>
        <source>%1 links</source>
        <translation>%1 liens</translation>
    </message>
    <message>
        <source>&amp;Copy short link</source>
        <translation>&amp;Copier le lien court</translation>
    </message>
    <message>
        <source>Open &amp;statistics</source>
        <translation>Ouvrir les &amp;statistiques</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>Open &amp;destination in browser</source>
        <translation>Ouvrir la &amp;destination dans le navigateur</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>&amp;Revoke…</source>
        <translation>&amp;Révoquer…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;New link</source>
        <translation>&amp;Nouveau lien</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>&amp;Find links</source>
        <translation>&amp;Rechercher des liens</translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Close window</source>
        <translation>&amp;Fermer la fenêtre</translation>
    </message>
    <message>
        <source>&amp;Link</source>
        <translation>&amp;Lien</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;About Shortfuse</source>
        <translation>À &amp;propos de Shortfuse</translation>
    </message>
    <message>
        <source>About Shortfuse</source>
        <translation>À propos de Shortfuse</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Shortfuse %1&lt;/h3&gt;&lt;p&gt;Short links that burn out: each one redirects exactly as many times as you allow, then shows an &quot;expired&quot; page.&lt;/p&gt;&lt;p&gt;This window runs its own link server; closing it keeps the links working while the tray icon is there.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Shortfuse %1&lt;/h3&gt;&lt;p&gt;Des liens courts qui se consument : chacun redirige exactement autant de fois que vous l’autorisez, puis affiche une page « expiré ».&lt;/p&gt;&lt;p&gt;Cette fenêtre fait tourner son propre serveur de liens ; la fermer laisse les liens fonctionner tant que l’icône reste dans la zone de notification.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>À propos de &amp;Qt</translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation>%1 copié</translation>
    </message>
    <message>
        <source>Revoke link</source>
        <translation>Révoquer le lien</translation>
    </message>
    <message>
        <source>Revoke %1?

From now on it answers like an expired link. This cannot be undone.</source>
        <translation>Révoquer %1 ?

Désormais, il répondra comme un lien expiré. Cette action est irréversible.</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Révoquer</translation>
    </message>
    <message>
        <source>Revoked %1</source>
        <translation>%1 révoqué</translation>
    </message>
    <message>
        <source>Starting the server…</source>
        <translation>Démarrage du serveur…</translation>
    </message>
    <message>
        <source>Stopping the server…</source>
        <translation>Arrêt du serveur…</translation>
    </message>
    <message>
        <source>The server is stopped.</source>
        <translation>Le serveur est arrêté.</translation>
    </message>
    <message>
        <source>Serving on %1</source>
        <translation>En service sur %1</translation>
    </message>
    <message>
        <source>Short links start with %1</source>
        <translation>Les liens courts commencent par %1</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>vérification…</translation>
    </message>
    <message>
        <source>&lt;b&gt;The link server could not start.&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Le serveur de liens n’a pas pu démarrer.&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>Not serving</source>
        <translation>Hors service</translation>
    </message>
    <message>
        <source>The server answered its health check.</source>
        <translation>Le serveur a répondu à sa vérification d’état.</translation>
    </message>
    <message>
        <source>The health check failed: %1</source>
        <translation>La vérification d’état a échoué : %1</translation>
    </message>
    <message>
        <source>%1 links · %2 clicks today</source>
        <translation>%1 liens · %2 clics aujourd’hui</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Links for several &amp;recipients…</source>
        <translation>Liens pour plusieurs &amp;destinataires…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 enregistré</translation>
    </message>
    <message>
        <source>Made %1 links</source>
        <translation>%1 liens créés</translation>
    </message>
    <message>
        <source>&amp;Webhook settings…</source>
        <translation>Paramètres des &amp;webhooks…</translation>
    </message>
    <message>
        <source>Webhook to %1 was disabled after failing for 24 hours: its events are no longer sent. Delete it in the settings, or add it again once the receiver works.</source>
        <translation>Le webhook vers %1 a été désactivé après 24 heures d’échecs : ses événements ne sont plus envoyés. Supprimez-le dans les paramètres, ou ajoutez-le à nouveau quand le destinataire fonctionne.</translation>
    </message>
    <message>
        <source>Webhooks to %1 were disabled after failing for 24 hours: their events are no longer sent. Delete them in the settings, or add them again once the receivers work.</source>
        <translation>Les webhooks vers %1 ont été désactivés après 24 heures d’échecs : leurs événements ne sont plus envoyés. Supprimez-les dans les paramètres, ou ajoutez-les à nouveau quand les destinataires fonctionnent.</translation>
    </message>
    <message>
        <source>● answering</source>
        <translation>● répond</translation>
    </message>
    <message>
        <source>● not answering</source>
        <translation>● ne répond pas</translation>
    </message>
    <message>
        <source>The router&apos;s external address changed to %1; new links start with %2.</source>
        <translation>L’adresse externe du routeur est désormais %1 ; les nouveaux liens commencent par %2.</translation>
    </message>
    <message>
        <source>Use %1 for links</source>
        <translation>Utiliser %1 pour les liens</translation>
    </message>
    <message>
        <source>Make new short links with this address (Settings, public base URL).</source>
        <translation>Créer les nouveaux liens courts avec cette adresse (Paramètres, URL de base publique).</translation>
    </message>
    <message>
        <source>New links start with %1.</source>
        <translation>Les nouveaux liens commencent par %1.</translation>
    </message>
    <message>
        <source>Remove Server</source>
        <translation>Retirer le serveur</translation>
    </message>
    <message>
        <source>Remove %1 from this window? Its links stay on the server; its key is deleted from the keychain.</source>
        <translation>Retirer %1 de cette fenêtre ? Ses liens restent sur le serveur ; sa clé est supprimée du trousseau.</translation>
    </message>
    <message>
        <source>API Key for %1</source>
        <translation>Clé d’API pour %1</translation>
    </message>
    <message>
        <source>%1

API key for %2:</source>
        <translation>%1

Clé d’API pour %2 :</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Connecté à %1</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connexion à %1…</translation>
    </message>
    <message>
        <source>Reconnecting to %1…</source>
        <translation>Reconnexion à %1…</translation>
    </message>
    <message>
        <source>Not connected to %1: %2</source>
        <translation>Non connecté à %1 : %2</translation>
    </message>
    <message>
        <source>Not connected to %1</source>
        <translation>Non connecté à %1</translation>
    </message>
    <message>
        <source>Untrusted Certificate</source>
        <translation>Certificat non approuvé</translation>
    </message>
    <message>
        <source>%1

Trust this certificate for %2 from now on? Only do so if its SHA-256 fingerprint is the one of your server:
%3</source>
        <translation>%1

Faire confiance à ce certificat pour %2 désormais ? Seulement si son empreinte SHA-256 est celle de votre serveur :
%3</translation>
    </message>
    <message>
        <source>&amp;Trust This Certificate</source>
        <translation>&amp;Faire confiance à ce certificat</translation>
    </message>
</context>
<context>
    <name>shortfuse::RecipientsDialog</name>
    <message>
        <source>Links for several recipients</source>
        <translation>Liens pour plusieurs destinataires</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Destinataires</translation>
    </message>
    <message>
        <source>One name a line; each gets a link of its own, labelled with the name.</source>
        <translation>Un nom par ligne ; chacun reçoit son propre lien, avec le nom pour libellé.</translation>
    </message>
    <message>
        <source>&amp;Import names…</source>
        <translation>&amp;Importer des noms…</translation>
    </message>
    <message>
        <source>A text file (one name a line) or a CSV file (the first column).</source>
        <translation>Un fichier texte (un nom par ligne) ou un fichier CSV (la première colonne).</translation>
    </message>
    <message>
        <source>Recipients: %1</source>
        <translation>Destinataires : %1</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Destination</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Libellé</translation>
    </message>
    <message>
        <source>Short link</source>
        <translation>Lien court</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Statistiques</translation>
    </message>
    <message>
        <source>Save QR &amp;sheet (PDF)…</source>
        <translation>Enregistrer la &amp;feuille de QR (PDF)…</translation>
    </message>
    <message>
        <source>&amp;Destination:</source>
        <translation>&amp;Destination :</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>Import names</source>
        <translation>Importer des noms</translation>
    </message>
    <message>
        <source>Text or CSV files (*.txt *.csv);;All files (*)</source>
        <translation>Fichiers texte ou CSV (*.txt *.csv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Enter at least one name.</source>
        <translation>Saisissez au moins un nom.</translation>
    </message>
    <message>
        <source>At most %1 recipients at a time.</source>
        <translation>Au plus %1 destinataires à la fois.</translation>
    </message>
    <message>
        <source>Name %1 (%2): %3</source>
        <translation>Nom %1 (%2) : %3</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Impossible d’écrire %1 : %2</translation>
    </message>
    <message>
        <source>Shortfuse links</source>
        <translation>Liens Shortfuse</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Exporter en CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Save QR sheet</source>
        <translation>Enregistrer la feuille de QR</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Fichiers PDF (*.pdf)</translation>
    </message>
    <message>
        <source>C&amp;reate links</source>
        <translation>C&amp;réer les liens</translation>
    </message>
    <message>
        <source>Export CS&amp;V…</source>
        <translation>Exporter en CS&amp;V…</translation>
    </message>
</context>
<context>
    <name>shortfuse::RemoteConsole</name>
    <message>
        <source>The server refused the connection (is it running?).</source>
        <translation>Le serveur a refusé la connexion (fonctionne-t-il ?).</translation>
    </message>
    <message>
        <source>The server&apos;s name was not found.</source>
        <translation>Le nom du serveur est introuvable.</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>Le serveur n’a pas répondu à temps.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted: %1</source>
        <translation>Le certificat du serveur n’est pas approuvé : %1</translation>
    </message>
    <message>
        <source>The server refused the API key: it was revoked or mistyped.</source>
        <translation>Le serveur a refusé la clé d’API : elle a été révoquée ou mal saisie.</translation>
    </message>
    <message>
        <source>The server closed the event stream.</source>
        <translation>Le serveur a fermé le flux d’événements.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Impossible d’écrire %1 : %2</translation>
    </message>
</context>
<context>
    <name>shortfuse::ServerHost</name>
    <message>
        <source>There is no link %1.</source>
        <translation>Il n’existe pas de lien %1.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Impossible d’écrire %1 : %2</translation>
    </message>
</context>
<context>
    <name>shortfuse::SettingsDialog</name>
    <message>
        <source>System default</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>Shortfuse Settings</source>
        <translation>Paramètres de Shortfuse</translation>
    </message>
    <message>
        <source>Bind address</source>
        <translation>Adresse d’écoute</translation>
    </message>
    <message>
        <source>127.0.0.1: this computer only. 0.0.0.0 or ::: every network interface.</source>
        <translation>127.0.0.1 : cet ordinateur uniquement. 0.0.0.0 ou :: : toutes les interfaces réseau.</translation>
    </message>
    <message>
        <source>Any free port</source>
        <translation>N’importe quel port libre</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>automatic: http://&lt;bind address&gt;:&lt;port&gt;</source>
        <translation>automatique : http://&lt;adresse&gt;:&lt;port&gt;</translation>
    </message>
    <message>
        <source>Public base URL</source>
        <translation>URL de base publique</translation>
    </message>
    <message>
        <source>The address people use to reach this computer, when a router, a tunnel or a reverse proxy exposes it, e.g. https://sho.rt</source>
        <translation>L’adresse par laquelle on joint cet ordinateur lorsqu’un routeur, un tunnel ou un proxy inverse l’expose, p. ex. https://sho.rt</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Désactivée</translation>
    </message>
    <message>
        <source> per minute</source>
        <translation> par minute</translation>
    </message>
    <message>
        <source>Rate limit</source>
        <translation>Limite de débit</translation>
    </message>
    <message>
        <source>Links each client address may create per minute through the web form and the API. Redirects are never limited.</source>
        <translation>Liens que chaque adresse client peut créer par minute via le formulaire web et l’API. Les redirections ne sont jamais limitées.</translation>
    </message>
    <message>
        <source>none, e.g. 127.0.0.1, 10.0.0.0/8</source>
        <translation>aucun, p. ex. 127.0.0.1, 10.0.0.0/8</translation>
    </message>
    <message>
        <source>Trusted proxies</source>
        <translation>Proxys de confiance</translation>
    </message>
    <message>
        <source>Peers whose X-Forwarded-For header is believed.</source>
        <translation>Pairs dont l’en-tête X-Forwarded-For est pris en compte.</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Dossier de données</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>Start &amp;minimised to the tray</source>
        <translation>Démarrer &amp;réduit dans la zone de notification</translation>
    </message>
    <message>
        <source>This desktop has no tray; the window always opens.</source>
        <translation>Ce bureau n’a pas de zone de notification ; la fenêtre s’ouvre toujours.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>A new language shows the next time Shortfuse starts.</source>
        <translation>Une nouvelle langue s’affiche au prochain démarrage de Shortfuse.</translation>
    </message>
    <message>
        <source>Link server</source>
        <translation>Serveur de liens</translation>
    </message>
    <message>
        <source>&amp;Bind address:</source>
        <translation>Adresse d’é&amp;coute :</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port :</translation>
    </message>
    <message>
        <source>Public &amp;base URL:</source>
        <translation>URL de &amp;base publique :</translation>
    </message>
    <message>
        <source>&amp;Rate limit:</source>
        <translation>&amp;Limite de débit :</translation>
    </message>
    <message>
        <source>&amp;Trusted proxies:</source>
        <translation>Proxys de &amp;confiance :</translation>
    </message>
    <message>
        <source>&amp;Data folder:</source>
        <translation>&amp;Dossier de données :</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenêtre</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <source>OK restarts the link server with these settings. Clicks already recorded are kept.</source>
        <translation>OK redémarre le serveur de liens avec ces paramètres. Les clics déjà enregistrés sont conservés.</translation>
    </message>
    <message>
        <source>Not an IP address; try 127.0.0.1 or 0.0.0.0.</source>
        <translation>Ce n’est pas une adresse IP ; essayez 127.0.0.1 ou 0.0.0.0.</translation>
    </message>
    <message>
        <source>Use an http:// or https:// address without a query, e.g. https://sho.rt</source>
        <translation>Utilisez une adresse http:// ou https:// sans paramètres, p. ex. https://sho.rt</translation>
    </message>
    <message>
        <source>Addresses or ranges separated by commas, e.g. 127.0.0.1, 10.0.0.0/8.</source>
        <translation>Adresses ou plages séparées par des virgules, p. ex. 127.0.0.1, 10.0.0.0/8.</translation>
    </message>
    <message>
        <source>Who may create links</source>
        <translation>Qui peut créer des liens</translation>
    </message>
    <message>
        <source>This computer, or anyone with an API key</source>
        <translation>Cet ordinateur, ou quiconque a une clé d’API</translation>
    </message>
    <message>
        <source>Only with an API key</source>
        <translation>Uniquement avec une clé d’API</translation>
    </message>
    <message>
        <source>Anyone (within the rate limit)</source>
        <translation>Tout le monde (dans la limite de débit)</translation>
    </message>
    <message>
        <source>Who may make links through the web form and the API. This window always can.</source>
        <translation>Qui peut créer des liens par le formulaire web et l’API. Cette fenêtre le peut toujours.</translation>
    </message>
    <message>
        <source>Anyone who knows a short link may read its &amp;statistics</source>
        <translation>Quiconque connaît un lien court peut lire ses &amp;statistiques</translation>
    </message>
    <message>
        <source>Off: only this computer, API keys and holders of a link&apos;s statistics address (with its token) may read them.</source>
        <translation>Désactivé : seuls cet ordinateur, les clés d’API et les détenteurs de l’adresse des statistiques d’un lien (avec son jeton) peuvent les lire.</translation>
    </message>
    <message>
        <source>Who may &amp;create:</source>
        <translation>Qui peut &amp;créer :</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>Clés d’API</translation>
    </message>
    <message>
        <source>Scripts and other computers make and manage links with a key (Authorization: Bearer …). Keys work, and stop working, at once: no restart.</source>
        <translation>Les scripts et les autres ordinateurs créent et gèrent des liens avec une clé (Authorization: Bearer …). Les clés fonctionnent, et cessent de fonctionner, aussitôt : sans redémarrage.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Sees</source>
        <translation>Voit</translation>
    </message>
    <message>
        <source>Key starts with</source>
        <translation>La clé commence par</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Dernière utilisation</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>New key&apos;s name</source>
        <translation>Nom de la nouvelle clé</translation>
    </message>
    <message>
        <source>name of a new key, e.g. backup-script</source>
        <translation>nom d’une nouvelle clé, p. ex. backup-script</translation>
    </message>
    <message>
        <source>&amp;Admin (sees every link)</source>
        <translation>&amp;Admin (voit tous les liens)</translation>
    </message>
    <message>
        <source>Create &amp;key</source>
        <translation>Créer une &amp;clé</translation>
    </message>
    <message>
        <source>Re&amp;voke…</source>
        <translation>Ré&amp;voquer…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Copy this key now.&lt;/b&gt; It is shown only this once: Shortfuse keeps only a fingerprint of it and cannot show it again.</source>
        <translation>&lt;b&gt;Copiez cette clé maintenant.&lt;/b&gt; Elle n’est montrée que cette fois : Shortfuse n’en garde qu’une empreinte et ne peut plus l’afficher.</translation>
    </message>
    <message>
        <source>The new key</source>
        <translation>La nouvelle clé</translation>
    </message>
    <message>
        <source>C&amp;opy</source>
        <translation>C&amp;opier</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>every link (admin)</source>
        <translation>tous les liens (admin)</translation>
    </message>
    <message>
        <source>its own links</source>
        <translation>ses propres liens</translation>
    </message>
    <message>
        <source>revoked %1</source>
        <translation>révoquée %1</translation>
    </message>
    <message>
        <source>active</source>
        <translation>active</translation>
    </message>
    <message>
        <source>Revoke key</source>
        <translation>Révoquer la clé</translation>
    </message>
    <message>
        <source>Revoke the key &quot;%1&quot;?

Every script or server using it is refused from now on. This cannot be undone.</source>
        <translation>Révoquer la clé « %1 » ?

Tout script ou serveur qui l’utilise est refusé dès maintenant. C’est irréversible.</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Révoquer</translation>
    </message>
    <message>
        <source>Notify me</source>
        <translation>Me notifier</translation>
    </message>
    <message>
        <source>On every click of a capped link</source>
        <translation>À chaque clic sur un lien limité</translation>
    </message>
    <message>
        <source>Only when a link is used up</source>
        <translation>Seulement quand un lien est épuisé</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <source>&amp;Quiet for bots</source>
        <translation>Silence pour les bo&amp;ts</translation>
    </message>
    <message>
        <source>No notification when a crawler or a link checker opens a link.</source>
        <translation>Aucune notification quand un robot d’indexation ou un vérificateur de liens ouvre un lien.</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>&amp;Notify me:</source>
        <translation>&amp;Notifier :</translation>
    </message>
    <message>
        <source>Reachable from the internet</source>
        <translation>Accessible depuis Internet</translation>
    </message>
    <message>
        <source>Make my links reachable from the &amp;internet</source>
        <translation>Rendre mes liens accessibles depuis &amp;Internet</translation>
    </message>
    <message>
        <source>Asks your router (UPnP or NAT-PMP) to forward a port to this computer, and listens on every network interface. /metrics stays on this computer.</source>
        <translation>Demande à votre routeur (UPnP ou NAT-PMP) de rediriger un port vers cet ordinateur, et écoute sur toutes les interfaces réseau. /metrics reste sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Same as the port</source>
        <translation>Identique au port</translation>
    </message>
    <message>
        <source>External port</source>
        <translation>Port externe</translation>
    </message>
    <message>
        <source>The port to ask for on the router&apos;s internet side; another is taken when the router has this one in use.</source>
        <translation>Le port demandé côté Internet du routeur ; s’il est déjà utilisé, un autre est pris.</translation>
    </message>
    <message>
        <source>E&amp;xternal port:</source>
        <translation>Port e&amp;xterne :</translation>
    </message>
    <message>
        <source>The server is not running.</source>
        <translation>Le serveur n’est pas en cours d’exécution.</translation>
    </message>
    <message>
        <source>Use %1 as the public base URL</source>
        <translation>Utiliser %1 comme URL de base publique</translation>
    </message>
    <message>
        <source>Run this computer&apos;s own link &amp;server</source>
        <translation>Exécuter le &amp;serveur de liens de cet ordinateur</translation>
    </message>
    <message>
        <source>Off: this window only manages remote servers (Server → Add a server…), and this computer serves no links.</source>
        <translation>Désactivé : cette fenêtre ne gère que des serveurs distants (Serveur → Ajouter un serveur…) et cet ordinateur ne sert aucun lien.</translation>
    </message>
</context>
<context>
    <name>shortfuse::StatsView</name>
    <message>
        <source>redirected</source>
        <translation>redirigé</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>expiré</translation>
    </message>
    <message>
        <source>preview</source>
        <translation>aperçu</translation>
    </message>
    <message>
        <source>asked to confirm</source>
        <translation>confirmation demandée</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Statistiques</translation>
    </message>
    <message>
        <source>Select a link in the Links tab and choose &lt;b&gt;Open statistics&lt;/b&gt; (Ctrl+I, Enter or a double click).</source>
        <translation>Sélectionnez un lien dans l’onglet Liens et choisissez &lt;b&gt;Ouvrir les statistiques&lt;/b&gt; (Ctrl+I, Entrée ou double-clic).</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>&amp;Exporter en CSV…</translation>
    </message>
    <message>
        <source>Export the click log as CSV</source>
        <translation>Exporter le journal des clics en CSV</translation>
    </message>
    <message>
        <source>Clicks over time</source>
        <translation>Clics au fil du temps</translation>
    </message>
    <message>
        <source>Clicks over time chart</source>
        <translation>Graphique des clics au fil du temps</translation>
    </message>
    <message>
        <source>Humans and bots</source>
        <translation>Humains et robots</translation>
    </message>
    <message>
        <source>Humans and bots chart</source>
        <translation>Graphique humains et robots</translation>
    </message>
    <message>
        <source>Countries</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Clicks by country chart</source>
        <translation>Graphique des clics par pays</translation>
    </message>
    <message>
        <source>Browsers</source>
        <translation>Navigateurs</translation>
    </message>
    <message>
        <source>Clicks by browser chart</source>
        <translation>Graphique des clics par navigateur</translation>
    </message>
    <message>
        <source>Operating systems</source>
        <translation>Systèmes d’exploitation</translation>
    </message>
    <message>
        <source>Clicks by operating system chart</source>
        <translation>Graphique des clics par système d’exploitation</translation>
    </message>
    <message>
        <source>Click log</source>
        <translation>Journal des clics</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Browser</source>
        <translation>Navigateur</translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation>Système d’exploitation</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Appareil</translation>
    </message>
    <message>
        <source>Referrer</source>
        <translation>Référent</translation>
    </message>
    <message>
        <source>Bot</source>
        <translation>Robot</translation>
    </message>
    <message>
        <source>Load &amp;older entries</source>
        <translation>Charger des entrées plus &amp;anciennes</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>There is no link %1.</source>
        <translation>Il n’existe pas de lien %1.</translation>
    </message>
    <message>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
    <message>
        <source>%1 of %2 clicks used</source>
        <translation>%1 clics utilisés sur %2</translation>
    </message>
    <message>
        <source>%1 clicks (unlimited)</source>
        <translation>%1 clics (illimité)</translation>
    </message>
    <message>
        <source>created %1</source>
        <translation>créé le %1</translation>
    </message>
    <message>
        <source>first click %1</source>
        <translation>premier clic %1</translation>
    </message>
    <message>
        <source>last click %1</source>
        <translation>dernier clic %1</translation>
    </message>
    <message>
        <source>%1 requests after it expired</source>
        <translation>%1 requêtes après expiration</translation>
    </message>
    <message>
        <source>Click log: %1 of %2 requests, newest first</source>
        <translation>Journal des clics : %1 requêtes sur %2, les plus récentes d’abord</translation>
    </message>
    <message>
        <source>Clicks</source>
        <translation>Clics</translation>
    </message>
    <message>
        <source>Clicks per %1</source>
        <translation>Clics par %1</translation>
    </message>
    <message>
        <source>week</source>
        <translation>semaine</translation>
    </message>
    <message>
        <source>day</source>
        <translation>jour</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>heure</translation>
    </message>
    <message>
        <source>5 minutes</source>
        <translation>5 minutes</translation>
    </message>
    <message>
        <source>minute</source>
        <translation>minute</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <source>Other: %1</source>
        <translation>Autres : %1</translation>
    </message>
    <message>
        <source>No clicks yet</source>
        <translation>Aucun clic pour l’instant</translation>
    </message>
    <message>
        <source>Humans: %1</source>
        <translation>Humains : %1</translation>
    </message>
    <message>
        <source>Bots: %1</source>
        <translation>Robots : %1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>Export click log</source>
        <translation>Exporter le journal des clics</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exported %1 log entries to %2</source>
        <translation>%1 entrées exportées dans %2</translation>
    </message>
</context>
<context>
    <name>shortfuse::TrayController</name>
    <message>
        <source>&amp;Show window</source>
        <translation>&amp;Afficher la fenêtre</translation>
    </message>
    <message>
        <source>&amp;Copy last link</source>
        <translation>&amp;Copier le dernier lien</translation>
    </message>
    <message>
        <source>Shortfuse</source>
        <translation>Shortfuse</translation>
    </message>
    <message>
        <source>Shortfuse is still running</source>
        <translation>Shortfuse continue de tourner</translation>
    </message>
    <message>
        <source>Your short links keep working while Shortfuse runs in the tray. To stop serving them, choose Quit from the tray icon&apos;s menu.</source>
        <translation>Vos liens courts continuent de fonctionner pendant que Shortfuse tourne dans la zone de notification. Pour arrêter de les servir, choisissez Quitter dans le menu de l’icône.</translation>
    </message>
</context>
<context>
    <name>shortfuse::WebhooksSection</name>
    <message>
        <source>clicks</source>
        <translation>clics</translation>
    </message>
    <message>
        <source>used up</source>
        <translation>épuisé</translation>
    </message>
    <message>
        <source>previews held off</source>
        <translation>aperçus retenus</translation>
    </message>
    <message>
        <source>late arrivals</source>
        <translation>arrivées tardives</translation>
    </message>
    <message>
        <source>Webhooks</source>
        <translation>Webhooks</translation>
    </message>
    <message>
        <source>Each click, used-up link, preview held off or late arrival can be sent to a web address: chat (Slack, Discord, ntfy) or your own service, signed per Standard Webhooks. Changes apply at once.</source>
        <translation>Chaque clic, lien épuisé, aperçu retenu ou arrivée tardive peut être envoyé à une adresse web : une messagerie (Slack, Discord, ntfy) ou votre propre service, signé selon Standard Webhooks. Les changements s’appliquent aussitôt.</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Delivered / pending</source>
        <translation>Livrés / en attente</translation>
    </message>
    <message>
        <source>&amp;Add webhook…</source>
        <translation>&amp;Ajouter un webhook…</translation>
    </message>
    <message>
        <source>Send &amp;test</source>
        <translation>Envoyer un &amp;test</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <source>Webhook address</source>
        <translation>Adresse du webhook</translation>
    </message>
    <message>
        <source>https://hooks.slack.com/services/…</source>
        <translation>https://hooks.slack.com/services/…</translation>
    </message>
    <message>
        <source>&amp;Clicks on capped links</source>
        <translation>&amp;Clics sur les liens limités</translation>
    </message>
    <message>
        <source>Link &amp;used up</source>
        <translation>Lien é&amp;puisé</translation>
    </message>
    <message>
        <source>&amp;Preview or scanner held off</source>
        <translation>A&amp;perçu ou scanner retenu</translation>
    </message>
    <message>
        <source>Arrival &amp;after expiry</source>
        <translation>Arrivée &amp;après expiration</translation>
    </message>
    <message>
        <source>Clicks on &amp;unlimited links too (every redirect a delivery)</source>
        <translation>Aussi les clics sur les liens &amp;illimités (chaque redirection, un envoi)</translation>
    </message>
    <message>
        <source>Standard Webhooks (JSON, signed)</source>
        <translation>Standard Webhooks (JSON, signé)</translation>
    </message>
    <message>
        <source>Only links with this label</source>
        <translation>Seulement les liens avec ce libellé</translation>
    </message>
    <message>
        <source>any label</source>
        <translation>tout libellé</translation>
    </message>
    <message>
        <source>Create &amp;webhook</source>
        <translation>Créer le &amp;webhook</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Add&amp;ress:</source>
        <translation>Ad&amp;resse :</translation>
    </message>
    <message>
        <source>Events:</source>
        <translation>Événements :</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format :</translation>
    </message>
    <message>
        <source>Only &amp;label:</source>
        <translation>&amp;Libellé seulement :</translation>
    </message>
    <message>
        <source>&lt;b&gt;Copy this signing secret now.&lt;/b&gt; It is shown only this once; the receiver checks the webhook-signature header with it.</source>
        <translation>&lt;b&gt;Copiez ce secret de signature maintenant.&lt;/b&gt; Il n’est affiché que cette fois ; le destinataire vérifie avec lui l’en-tête webhook-signature.</translation>
    </message>
    <message>
        <source>The new webhook&apos;s signing secret</source>
        <translation>Le secret de signature du nouveau webhook</translation>
    </message>
    <message>
        <source>C&amp;opy</source>
        <translation>C&amp;opier</translation>
    </message>
    <message>
        <source>disabled %1 after failing for 24 hours</source>
        <translation>désactivé le %1 après 24 heures d’échecs</translation>
    </message>
    <message>
        <source>failing since %1</source>
        <translation>en échec depuis %1</translation>
    </message>
    <message>
        <source>active</source>
        <translation>actif</translation>
    </message>
    <message>
        <source>%1 (last: %2)</source>
        <translation>%1 (dernier : %2)</translation>
    </message>
    <message>
        <source>unlimited links</source>
        <translation>liens illimités</translation>
    </message>
    <message>
        <source>%1; label %2</source>
        <translation>%1 ; libellé %2</translation>
    </message>
    <message>
        <source>Delete webhook</source>
        <translation>Supprimer le webhook</translation>
    </message>
    <message>
        <source>Delete the webhook to %1?

Its undelivered events are dropped. This cannot be undone.</source>
        <translation>Supprimer le webhook vers %1 ?

Ses événements non livrés sont abandonnés. Cette action est irréversible.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Sending a test event…</source>
        <translation>Envoi d’un événement de test…</translation>
    </message>
    <message>
        <source>Test delivered (HTTP %1, %2 ms).</source>
        <translation>Test livré (HTTP %1, %2 ms).</translation>
    </message>
    <message>
        <source>Test not delivered: %1</source>
        <translation>Test non livré : %1</translation>
    </message>
</context>
</TS>
