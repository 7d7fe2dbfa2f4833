<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ErrorText</name>
    <message>
        <source>Enter the address the short link should lead to.</source>
        <translation>Geben Sie die Adresse ein, zu der der Kurzlink führen soll.</translation>
    </message>
    <message>
        <source>The address is too long (at most %1 characters).</source>
        <translation>Die Adresse ist zu lang (höchstens %1 Zeichen).</translation>
    </message>
    <message>
        <source>This is not a complete web address (for example https://example.com/page).</source>
        <translation>Das ist keine vollständige Webadresse (zum Beispiel https://example.com/seite).</translation>
    </message>
    <message>
        <source>Only http:// and https:// addresses can be shortened.</source>
        <translation>Nur http://- und https://-Adressen lassen sich kürzen.</translation>
    </message>
    <message>
        <source>An alias has %1 to %2 characters: letters, digits, &apos;-&apos; and &apos;_&apos;.</source>
        <translation>Ein Alias hat %1 bis %2 Zeichen: Buchstaben, Ziffern, „-“ und „_“.</translation>
    </message>
    <message>
        <source>This word is used by the server itself; choose another alias.</source>
        <translation>Dieses Wort verwendet der Server selbst; wählen Sie einen anderen Alias.</translation>
    </message>
    <message>
        <source>This alias is already in use.</source>
        <translation>Dieser Alias ist bereits vergeben.</translation>
    </message>
    <message>
        <source>Max clicks must be a whole number from 1 to 2147483647.</source>
        <translation>Die maximale Klickzahl muss eine ganze Zahl von 1 bis 2147483647 sein.</translation>
    </message>
    <message>
        <source>Too many links in a short time; try again in a minute.</source>
        <translation>Zu viele Links in kurzer Zeit; versuchen Sie es in einer Minute erneut.</translation>
    </message>
    <message>
        <source>The server is not running.</source>
        <translation>Der Server läuft nicht.</translation>
    </message>
    <message>
        <source>The server is busy; try again in a moment.</source>
        <translation>Der Server ist ausgelastet; versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>Choose one of the preview protection modes.</source>
        <translation>Wählen Sie einen der Modi für den Vorschauschutz.</translation>
    </message>
    <message>
        <source>A link password has %1 to %2 characters.</source>
        <translation>Ein Link-Passwort hat %1 bis %2 Zeichen.</translation>
    </message>
    <message>
        <source>Choose an expiry time in the future.</source>
        <translation>Wählen Sie einen Ablaufzeitpunkt in der Zukunft.</translation>
    </message>
    <message>
        <source>After expiry, visitors can only be sent to a complete http:// or https:// address.</source>
        <translation>Nach dem Ablauf können Besucher nur zu einer vollständigen http://- oder https://-Adresse weitergeleitet werden.</translation>
    </message>
    <message>
        <source>A label has at most %1 characters, on one line.</source>
        <translation>Eine Bezeichnung hat höchstens %1 Zeichen in einer Zeile.</translation>
    </message>
    <message>
        <source>Max clicks cannot be lower than the clicks already used.</source>
        <translation>Die maximalen Klicks können nicht unter den bereits verbrauchten liegen.</translation>
    </message>
    <message>
        <source>This link no longer exists.</source>
        <translation>Diesen Link gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>A key name has 1 to %1 characters, without control characters or spaces around it.</source>
        <translation>Ein Schlüsselname hat 1 bis %1 Zeichen, ohne Steuerzeichen und ohne Leerzeichen am Anfang oder Ende.</translation>
    </message>
    <message>
        <source>A key with this name exists already.</source>
        <translation>Es gibt schon einen Schlüssel mit diesem Namen.</translation>
    </message>
</context>
<context>
    <name>ReachabilityText</name>
    <message>
        <source>Reachable from the internet</source>
        <translation>Aus dem Internet erreichbar</translation>
    </message>
    <message>
        <source>Maybe reachable from the internet</source>
        <translation>Vielleicht aus dem Internet erreichbar</translation>
    </message>
    <message>
        <source>Reachable on this network only</source>
        <translation>Nur in diesem Netzwerk erreichbar</translation>
    </message>
    <message>
        <source>Only on this computer</source>
        <translation>Nur auf diesem Computer</translation>
    </message>
    <message>
        <source>Asking the router…</source>
        <translation>Router wird gefragt…</translation>
    </message>
    <message>
        <source>Use IPv6, a tunnel, or a proxy with its own address (a public base URL).</source>
        <translation>Verwenden Sie IPv6, einen Tunnel oder einen Proxy mit eigener Adresse (eine öffentliche Basis-URL).</translation>
    </message>
    <message>
        <source>Links open from the internet at %1.</source>
        <translation>Links öffnen sich aus dem Internet unter %1.</translation>
    </message>
    <message>
        <source>The router maps %1 to this server, but this computer cannot tell whether it opens from the internet (the router may not loop requests back to it): to be sure, ask someone outside to open a link.</source>
        <translation>Der Router leitet %1 an diesen Server weiter, aber dieser Computer kann nicht feststellen, ob es sich aus dem Internet öffnet (der Router leitet Anfragen eventuell nicht zurück): Bitten Sie zur Sicherheit jemanden außerhalb, einen Link zu öffnen.</translation>
    </message>
    <message>
        <source>Links open on this network only: no port is mapped on the router.</source>
        <translation>Links öffnen sich nur in diesem Netzwerk: Auf dem Router ist kein Port weitergeleitet.</translation>
    </message>
    <message>
        <source>Links open on this network only: the router mapped the port but did not say its external address.</source>
        <translation>Links öffnen sich nur in diesem Netzwerk: Der Router hat den Port weitergeleitet, aber seine externe Adresse nicht genannt.</translation>
    </message>
    <message>
        <source>Links open on this network only: no router answered UPnP or NAT-PMP.</source>
        <translation>Links öffnen sich nur in diesem Netzwerk: Kein Router hat auf UPnP oder NAT-PMP geantwortet.</translation>
    </message>
    <message>
        <source>Links open on this network only: the router refused the port mapping (%1).</source>
        <translation>Links öffnen sich nur in diesem Netzwerk: Der Router hat die Portweiterleitung abgelehnt (%1).</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>ohne Angabe von Gründen</translation>
    </message>
    <message>
        <source>Links open on this network only: the router&apos;s external address %1 is in your provider&apos;s carrier-grade NAT (100.64.0.0/10), so no mapping can help.</source>
        <translation>Links öffnen sich nur in diesem Netzwerk: Die externe Adresse %1 des Routers liegt im Carrier-Grade-NAT Ihres Anbieters (100.64.0.0/10), daher hilft keine Weiterleitung.</translation>
    </message>
    <message>
        <source>Links open on this network and the one outside the router, at %1: that is not a public address, another router is in front, so the internet cannot reach it.</source>
        <translation>Links öffnen sich in diesem Netzwerk und in dem außerhalb des Routers, unter %1: Das ist keine öffentliche Adresse, ein weiterer Router steht davor, daher erreicht das Internet sie nicht.</translation>
    </message>
    <message>
        <source>Over IPv6 the server is on the internet at %1 (no NAT to open; a firewall may still block it).</source>
        <translation>Über IPv6 ist der Server im Internet unter %1 (kein NAT zu öffnen; eine Firewall kann ihn dennoch blockieren).</translation>
    </message>
    <message>
        <source>Links open only on this computer: the server listens on %1 (loopback) only.</source>
        <translation>Links öffnen sich nur auf diesem Computer: Der Server lauscht nur auf %1 (Loopback).</translation>
    </message>
    <message>
        <source>Asking the router for a port mapping…</source>
        <translation>Der Router wird um eine Portweiterleitung gebeten…</translation>
    </message>
</context>
<context>
    <name>shortfuse::AddServerDialog</name>
    <message>
        <source>Add a Server</source>
        <translation>Server hinzufügen</translation>
    </message>
    <message>
        <source>https://sho.rt</source>
        <translation>https://sho.rt</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>sf_… (shortfuse-server keys create --name NAME)</source>
        <translation>sf_… (shortfuse-server keys create --name NAME)</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>optional, e.g. Home server</source>
        <translation>optional, z. B. Heimserver</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>The key is kept in this computer&apos;s keychain, never in the settings file.</source>
        <translation>Der Schlüssel wird im Schlüsselbund dieses Computers aufbewahrt, nie in der Einstellungsdatei.</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API-&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, e.g. https://sho.rt</source>
        <translation>Geben Sie die Adresse des Servers ein, z. B. https://sho.rt</translation>
    </message>
    <message>
        <source>Enter an API key made on that server (shortfuse-server keys create).</source>
        <translation>Geben Sie einen auf diesem Server erstellten API-Schlüssel ein (shortfuse-server keys create).</translation>
    </message>
</context>
<context>
    <name>shortfuse::ConnectionMenu</name>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Server</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>&amp;Add a server…</source>
        <translation>Server &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Remove this server…</source>
        <translation>Diesen Server &amp;entfernen…</translation>
    </message>
</context>
<context>
    <name>shortfuse::Connections</name>
    <message>
        <source>This computer</source>
        <translation>Dieser Computer</translation>
    </message>
</context>
<context>
    <name>shortfuse::CreatePanel</name>
    <message>
        <source>New link</source>
        <translation>Neuer Link</translation>
    </message>
    <message>
        <source>https://example.com/a/long/address</source>
        <translation>https://example.com/eine/lange/adresse</translation>
    </message>
    <message>
        <source>Destination URL</source>
        <translation>Ziel-URL</translation>
    </message>
    <message>
        <source>Destination URL error</source>
        <translation>Fehler bei der Ziel-URL</translation>
    </message>
    <message>
        <source>optional, e.g. spring-invite</source>
        <translation>optional, z. B. fruehlings-einladung</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>Alias</translation>
    </message>
    <message>
        <source>Alias error</source>
        <translation>Fehler beim Alias</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>Unbegrenzt</translation>
    </message>
    <message>
        <source>Max clicks</source>
        <translation>Maximale Klicks</translation>
    </message>
    <message>
        <source>How many times the link redirects before it expires. The lowest value means unlimited.</source>
        <translation>Wie oft der Link weiterleitet, bevor er abläuft. Der niedrigste Wert bedeutet unbegrenzt.</translation>
    </message>
    <message>
        <source>&amp;Shorten</source>
        <translation>&amp;Kürzen</translation>
    </message>
    <message>
        <source>Shorten</source>
        <translation>Kürzen</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>&amp;Alias:</source>
        <translation>&amp;Alias:</translation>
    </message>
    <message>
        <source>&amp;Max clicks:</source>
        <translation>&amp;Max. Klicks:</translation>
    </message>
    <message>
        <source>Your short link</source>
        <translation>Ihr Kurzlink</translation>
    </message>
    <message>
        <source>Short link</source>
        <translation>Kurzlink</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy short link</source>
        <translation>Kurzlink kopieren</translation>
    </message>
    <message>
        <source>Copy confirmation</source>
        <translation>Kopierbestätigung</translation>
    </message>
    <message>
        <source>QR code of the short link</source>
        <translation>QR-Code des Kurzlinks</translation>
    </message>
    <message>
        <source>Copy &amp;QR code</source>
        <translation>&amp;QR-Code kopieren</translation>
    </message>
    <message>
        <source>Save QR code as &amp;PNG…</source>
        <translation>QR-Code als &amp;PNG speichern…</translation>
    </message>
    <message>
        <source>Copied to the clipboard</source>
        <translation>In die Zwischenablage kopiert</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>QR code copied</source>
        <translation>QR-Code kopiert</translation>
    </message>
    <message>
        <source>Save QR code</source>
        <translation>QR-Code speichern</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>Gespeichert unter %1</translation>
    </message>
    <message>
        <source>Could not save %1.</source>
        <translation>%1 konnte nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>Enter shortens; the short link goes straight to the clipboard. A link with max clicks redirects that many times, then shows an expired page.</source>
        <translation>Die Eingabetaste kürzt; der Kurzlink landet sofort in der Zwischenablage. Ein Link mit maximaler Klickzahl leitet genau so oft weiter und zeigt danach eine Abgelaufen-Seite.</translation>
    </message>
    <message>
        <source>&amp;Options</source>
        <translation>&amp;Optionen</translation>
    </message>
    <message>
        <source>Show link options</source>
        <translation>Link-Optionen anzeigen</translation>
    </message>
    <message>
        <source>Preview protection, password, expiry</source>
        <translation>Vorschauschutz, Passwort, Ablauf</translation>
    </message>
    <message>
        <source>Preview protection</source>
        <translation>Vorschauschutz</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>Chat-app previews and link scanners get a placeholder and use up nothing; people are redirected.</source>
        <translation>Vorschauen von Chat-Apps und Link-Scanner erhalten eine Platzhalterseite und verbrauchen nichts; Menschen werden weitergeleitet.</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <source>Every visitor first sees a &quot;Continue?&quot; page; only its button uses up a click.</source>
        <translation>Jeder Besucher sieht zuerst eine Seite „Weiter?“; erst deren Schaltfläche verbraucht einen Klick.</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>Every visit counts, previews and scanners included.</source>
        <translation>Jeder Aufruf zählt, auch Vorschauen und Scanner.</translation>
    </message>
    <message>
        <source>Preview protection error</source>
        <translation>Fehler beim Vorschauschutz</translation>
    </message>
    <message>
        <source>optional, %1 to %2 characters</source>
        <translation>optional, %1 bis %2 Zeichen</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Visitors must enter this password before they are redirected.</source>
        <translation>Besucher müssen dieses Passwort eingeben, bevor sie weitergeleitet werden.</translation>
    </message>
    <message>
        <source>Password error</source>
        <translation>Fehler beim Passwort</translation>
    </message>
    <message>
        <source>E&amp;xpires at:</source>
        <translation>&amp;Läuft ab am:</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Expiry time</source>
        <translation>Ablaufzeitpunkt</translation>
    </message>
    <message>
        <source>In your local time. After this moment the link works no more.</source>
        <translation>In Ihrer Ortszeit. Nach diesem Zeitpunkt funktioniert der Link nicht mehr.</translation>
    </message>
    <message>
        <source>Expiry error</source>
        <translation>Fehler beim Ablaufzeitpunkt</translation>
    </message>
    <message>
        <source>optional, e.g. https://example.com/sorry</source>
        <translation>optional, z. B. https://example.com/sorry</translation>
    </message>
    <message>
        <source>After expiry, send visitors to</source>
        <translation>Nach dem Ablauf Besucher weiterleiten an</translation>
    </message>
    <message>
        <source>Once the link is used up or past its expiry, visitors go here instead of the expired page.</source>
        <translation>Sobald der Link aufgebraucht oder abgelaufen ist, landen Besucher hier statt auf der Abgelaufen-Seite.</translation>
    </message>
    <message>
        <source>After expiry address error</source>
        <translation>Fehler bei der Adresse nach dem Ablauf</translation>
    </message>
    <message>
        <source>Previe&amp;w protection:</source>
        <translation>Vorschau&amp;schutz:</translation>
    </message>
    <message>
        <source>Passwor&amp;d:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>After expiry, se&amp;nd visitors to:</source>
        <translation>Nach dem Ablauf weiterleiten a&amp;n:</translation>
    </message>
    <message>
        <source>Hide link options</source>
        <translation>Link-Optionen ausblenden</translation>
    </message>
</context>
<context>
    <name>shortfuse::DesktopNotifier</name>
    <message>
        <source>%1 clicks on %2 links</source>
        <translation>%1 Klicks auf %2 Links</translation>
    </message>
    <message>
        <source>%1 is used up</source>
        <translation>%1 ist aufgebraucht</translation>
    </message>
    <message>
        <source>%1 was opened — %2 of %3 left</source>
        <translation>%1 wurde geöffnet — %2 von %3 übrig</translation>
    </message>
    <message>
        <source>and %1 more clicks just before</source>
        <translation>und %1 weitere Klicks kurz davor</translation>
    </message>
    <message>
        <source>Open statistics</source>
        <translation>Statistik öffnen</translation>
    </message>
</context>
<context>
    <name>shortfuse::EditLinkDialog</name>
    <message>
        <source>Edit %1</source>
        <translation>%1 bearbeiten</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <source>optional: your own words for this link, e.g. a recipient&apos;s name</source>
        <translation>optional: Ihre eigene Bezeichnung, z. B. der Name eines Empfängers</translation>
    </message>
    <message>
        <source>Clicks used so far: %1. Max clicks cannot go below them; equal to them ends the link.</source>
        <translation>Bisher verbrauchte Klicks: %1. Die maximalen Klicks können nicht darunter liegen; gleich viele beenden den Link.</translation>
    </message>
    <message>
        <source>&amp;Destination:</source>
        <translation>&amp;Ziel:</translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation>&amp;Bezeichnung:</translation>
    </message>
</context>
<context>
    <name>shortfuse::KeyStore</name>
    <message>
        <source>No key is kept for this server.</source>
        <translation>Für diesen Server ist kein Schlüssel gespeichert.</translation>
    </message>
    <message>
        <source>This desktop has no keychain to keep the key in (%1): Shortfuse asks for it at each start instead, and never writes it to a file.</source>
        <translation>Diese Arbeitsumgebung hat keinen Schlüsselbund für den Schlüssel (%1): Shortfuse fragt stattdessen bei jedem Start danach und schreibt ihn nie in eine Datei.</translation>
    </message>
    <message>
        <source>The keychain refused: %1</source>
        <translation>Der Schlüsselbund hat abgelehnt: %1</translation>
    </message>
</context>
<context>
    <name>shortfuse::LinkConsole</name>
    <message>
        <source>The server is not running.</source>
        <translation>Der Server läuft nicht.</translation>
    </message>
</context>
<context>
    <name>shortfuse::LinkOptionsForm</name>
    <message>
        <source>Unlimited</source>
        <translation>Unbegrenzt</translation>
    </message>
    <message>
        <source>Max clicks</source>
        <translation>Maximale Klicks</translation>
    </message>
    <message>
        <source>Preview protection</source>
        <translation>Vorschauschutz</translation>
    </message>
    <message>
        <source>Auto (preview bots use nothing)</source>
        <translation>Automatisch (Vorschau-Bots verbrauchen nichts)</translation>
    </message>
    <message>
        <source>Confirm (visitors press Continue)</source>
        <translation>Bestätigen (Besucher klicken auf „Weiter“)</translation>
    </message>
    <message>
        <source>Off (every visit counts)</source>
        <translation>Aus (jeder Besuch zählt)</translation>
    </message>
    <message>
        <source>Expires at</source>
        <translation>Läuft ab am</translation>
    </message>
    <message>
        <source>Expiry time</source>
        <translation>Ablaufzeitpunkt</translation>
    </message>
    <message>
        <source>After expiry, send visitors to</source>
        <translation>Nach Ablauf Besucher weiterleiten zu</translation>
    </message>
    <message>
        <source>optional: the expired page otherwise</source>
        <translation>optional, sonst die Seite „abgelaufen“</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>Remove the password</source>
        <translation>Passwort entfernen</translation>
    </message>
    <message>
        <source>Max &amp;clicks:</source>
        <translation>Maximale &amp;Klicks:</translation>
    </message>
    <message>
        <source>Preview &amp;protection:</source>
        <translation>&amp;Vorschauschutz:</translation>
    </message>
    <message>
        <source>E&amp;xpiry:</source>
        <translation>Ab&amp;lauf:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>unchanged; type a new one to replace it</source>
        <translation>unverändert; zum Ersetzen ein neues eingeben</translation>
    </message>
    <message>
        <source>none; type one to set it</source>
        <translation>keines; zum Setzen eines eingeben</translation>
    </message>
    <message>
        <source>&amp;After expiry:</source>
        <translation>N&amp;ach Ablauf:</translation>
    </message>
</context>
<context>
    <name>shortfuse::LinkTableModel</name>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>widerrufen</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 / unlimited</source>
        <translation>%1 / unbegrenzt</translation>
    </message>
    <message>
        <source>Short link</source>
        <translation>Kurzlink</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Clicks</source>
        <translation>Klicks</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>confirm</source>
        <translation>bestätigen</translation>
    </message>
    <message>
        <source>Visitors must enter a password.</source>
        <translation>Besucher müssen ein Passwort eingeben.</translation>
    </message>
    <message>
        <source>Preview protection: auto</source>
        <translation>Vorschauschutz: automatisch</translation>
    </message>
    <message>
        <source>Preview protection: confirm (visitors press Continue)</source>
        <translation>Vorschauschutz: bestätigen (Besucher klicken auf „Weiter“)</translation>
    </message>
    <message>
        <source>Preview protection: off</source>
        <translation>Vorschauschutz: aus</translation>
    </message>
    <message>
        <source>After expiry: %1</source>
        <translation>Nach dem Ablauf: %1</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Bezeichnung</translation>
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
        <translation>Anderen &amp;Port wählen…</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>Filter by short link or destination (Ctrl+F)</source>
        <translation>Nach Kurzlink oder Ziel filtern (Strg+F)</translation>
    </message>
    <message>
        <source>Filter links</source>
        <translation>Links filtern</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>Links</translation>
    </message>
    <message>
        <source>&amp;Links</source>
        <translation>&amp;Links</translation>
    </message>
    <message>
        <source>S&amp;tatistics</source>
        <translation>S&amp;tatistik</translation>
    </message>
    <message>
        <source>%1 links</source>
        <translation>%1 Links</translation>
    </message>
    <message>
        <source>&amp;Copy short link</source>
        <translation>Kurzlink &amp;kopieren</translation>
    </message>
    <message>
        <source>Open &amp;statistics</source>
        <translation>&amp;Statistik öffnen</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>Open &amp;destination in browser</source>
        <translation>&amp;Ziel im Browser öffnen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>&amp;Revoke…</source>
        <translation>&amp;Widerrufen…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;New link</source>
        <translation>&amp;Neuer Link</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>&amp;Find links</source>
        <translation>Links &amp;suchen</translation>
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
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Close window</source>
        <translation>Fenster &amp;schließen</translation>
    </message>
    <message>
        <source>&amp;Link</source>
        <translation>&amp;Link</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Shortfuse</source>
        <translation>&amp;Über Shortfuse</translation>
    </message>
    <message>
        <source>About Shortfuse</source>
        <translation>Über Shortfuse</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Shortfuse %1&lt;/h3&gt;&lt;p&gt;Short links that burn out: each one redirects exactly as many times as you allow, then shows an &quot;expired&quot; page.&lt;/p&gt;&lt;p&gt;This window runs its own link server; closing it keeps the links working while the tray icon is there.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Shortfuse %1&lt;/h3&gt;&lt;p&gt;Kurzlinks, die abbrennen: Jeder leitet genau so oft weiter, wie Sie es erlauben, und zeigt danach eine „Abgelaufen“-Seite.&lt;/p&gt;&lt;p&gt;Dieses Fenster betreibt einen eigenen Link-Server; wenn Sie es schließen, funktionieren die Links weiter, solange das Symbol im Infobereich zu sehen ist.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation>%1 kopiert</translation>
    </message>
    <message>
        <source>Revoke link</source>
        <translation>Link widerrufen</translation>
    </message>
    <message>
        <source>Revoke %1?

From now on it answers like an expired link. This cannot be undone.</source>
        <translation>%1 widerrufen?

Ab sofort antwortet er wie ein abgelaufener Link. Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>Revoked %1</source>
        <translation>%1 widerrufen</translation>
    </message>
    <message>
        <source>Starting the server…</source>
        <translation>Server wird gestartet…</translation>
    </message>
    <message>
        <source>Stopping the server…</source>
        <translation>Server wird angehalten…</translation>
    </message>
    <message>
        <source>The server is stopped.</source>
        <translation>Der Server ist angehalten.</translation>
    </message>
    <message>
        <source>Serving on %1</source>
        <translation>Bereitgestellt unter %1</translation>
    </message>
    <message>
        <source>Short links start with %1</source>
        <translation>Kurzlinks beginnen mit %1</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>wird geprüft…</translation>
    </message>
    <message>
        <source>&lt;b&gt;The link server could not start.&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Der Link-Server konnte nicht starten.&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>Not serving</source>
        <translation>Keine Bereitstellung</translation>
    </message>
    <message>
        <source>The server answered its health check.</source>
        <translation>Der Server hat auf die Zustandsprüfung geantwortet.</translation>
    </message>
    <message>
        <source>The health check failed: %1</source>
        <translation>Die Zustandsprüfung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>%1 links · %2 clicks today</source>
        <translation>%1 Links · %2 Klicks heute</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Links for several &amp;recipients…</source>
        <translation>Links für mehrere &amp;Empfänger…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Made %1 links</source>
        <translation>%1 Links erstellt</translation>
    </message>
    <message>
        <source>&amp;Webhook settings…</source>
        <translation>&amp;Webhook-Einstellungen…</translation>
    </message>
    <message>
        <source>Webhook to %1 was disabled after failing for 24 hours: its events are no longer sent. Delete it in the settings, or add it again once the receiver works.</source>
        <translation>Der Webhook an %1 wurde nach 24 Stunden voller Fehlschläge deaktiviert: Seine Ereignisse werden nicht mehr gesendet. Löschen Sie ihn in den Einstellungen oder legen Sie ihn neu an, sobald der Empfänger funktioniert.</translation>
    </message>
    <message>
        <source>Webhooks to %1 were disabled after failing for 24 hours: their events are no longer sent. Delete them in the settings, or add them again once the receivers work.</source>
        <translation>Die Webhooks an %1 wurden nach 24 Stunden voller Fehlschläge deaktiviert: Ihre Ereignisse werden nicht mehr gesendet. Löschen Sie sie in den Einstellungen oder legen Sie sie neu an, sobald die Empfänger funktionieren.</translation>
    </message>
    <message>
        <source>● answering</source>
        <translation>● antwortet</translation>
    </message>
    <message>
        <source>● not answering</source>
        <translation>● antwortet nicht</translation>
    </message>
    <message>
        <source>The router&apos;s external address changed to %1; new links start with %2.</source>
        <translation>Die externe Adresse des Routers ist jetzt %1; neue Links beginnen mit %2.</translation>
    </message>
    <message>
        <source>Use %1 for links</source>
        <translation>%1 für Links verwenden</translation>
    </message>
    <message>
        <source>Make new short links with this address (Settings, public base URL).</source>
        <translation>Neue Kurzlinks mit dieser Adresse erstellen (Einstellungen, öffentliche Basis-URL).</translation>
    </message>
    <message>
        <source>New links start with %1.</source>
        <translation>Neue Links beginnen mit %1.</translation>
    </message>
    <message>
        <source>Remove Server</source>
        <translation>Server entfernen</translation>
    </message>
    <message>
        <source>Remove %1 from this window? Its links stay on the server; its key is deleted from the keychain.</source>
        <translation>%1 aus diesem Fenster entfernen? Seine Links bleiben auf dem Server; sein Schlüssel wird aus dem Schlüsselbund gelöscht.</translation>
    </message>
    <message>
        <source>API Key for %1</source>
        <translation>API-Schlüssel für %1</translation>
    </message>
    <message>
        <source>%1

API key for %2:</source>
        <translation>%1

API-Schlüssel für %2:</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Verbunden mit %1</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung mit %1 wird hergestellt…</translation>
    </message>
    <message>
        <source>Reconnecting to %1…</source>
        <translation>Verbindung mit %1 wird wiederhergestellt…</translation>
    </message>
    <message>
        <source>Not connected to %1: %2</source>
        <translation>Nicht mit %1 verbunden: %2</translation>
    </message>
    <message>
        <source>Not connected to %1</source>
        <translation>Nicht mit %1 verbunden</translation>
    </message>
    <message>
        <source>Untrusted Certificate</source>
        <translation>Nicht vertrauenswürdiges Zertifikat</translation>
    </message>
    <message>
        <source>%1

Trust this certificate for %2 from now on? Only do so if its SHA-256 fingerprint is the one of your server:
%3</source>
        <translation>%1

Diesem Zertifikat für %2 ab jetzt vertrauen? Nur, wenn sein SHA-256-Fingerabdruck der Ihres Servers ist:
%3</translation>
    </message>
    <message>
        <source>&amp;Trust This Certificate</source>
        <translation>Diesem Zertifikat &amp;vertrauen</translation>
    </message>
</context>
<context>
    <name>shortfuse::RecipientsDialog</name>
    <message>
        <source>Links for several recipients</source>
        <translation>Links für mehrere Empfänger</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>One name a line; each gets a link of its own, labelled with the name.</source>
        <translation>Ein Name pro Zeile; jeder erhält einen eigenen Link mit dem Namen als Bezeichnung.</translation>
    </message>
    <message>
        <source>&amp;Import names…</source>
        <translation>Namen &amp;importieren…</translation>
    </message>
    <message>
        <source>A text file (one name a line) or a CSV file (the first column).</source>
        <translation>Eine Textdatei (ein Name pro Zeile) oder eine CSV-Datei (die erste Spalte).</translation>
    </message>
    <message>
        <source>Recipients: %1</source>
        <translation>Empfänger: %1</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <source>Short link</source>
        <translation>Kurzlink</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <source>Save QR &amp;sheet (PDF)…</source>
        <translation>QR-&amp;Bogen speichern (PDF)…</translation>
    </message>
    <message>
        <source>&amp;Destination:</source>
        <translation>&amp;Ziel:</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Import names</source>
        <translation>Namen importieren</translation>
    </message>
    <message>
        <source>Text or CSV files (*.txt *.csv);;All files (*)</source>
        <translation>Text- oder CSV-Dateien (*.txt *.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Enter at least one name.</source>
        <translation>Geben Sie mindestens einen Namen ein.</translation>
    </message>
    <message>
        <source>At most %1 recipients at a time.</source>
        <translation>Höchstens %1 Empfänger auf einmal.</translation>
    </message>
    <message>
        <source>Name %1 (%2): %3</source>
        <translation>Name %1 (%2): %3</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Shortfuse links</source>
        <translation>Shortfuse-Links</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Save QR sheet</source>
        <translation>QR-Bogen speichern</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>C&amp;reate links</source>
        <translation>Links e&amp;rstellen</translation>
    </message>
    <message>
        <source>Export CS&amp;V…</source>
        <translation>CS&amp;V exportieren…</translation>
    </message>
</context>
<context>
    <name>shortfuse::RemoteConsole</name>
    <message>
        <source>The server refused the connection (is it running?).</source>
        <translation>Der Server hat die Verbindung abgelehnt (läuft er?).</translation>
    </message>
    <message>
        <source>The server&apos;s name was not found.</source>
        <translation>Der Name des Servers wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>Der Server hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted: %1</source>
        <translation>Dem Zertifikat des Servers wird nicht vertraut: %1</translation>
    </message>
    <message>
        <source>The server refused the API key: it was revoked or mistyped.</source>
        <translation>Der Server hat den API-Schlüssel abgelehnt: Er wurde widerrufen oder falsch eingegeben.</translation>
    </message>
    <message>
        <source>The server closed the event stream.</source>
        <translation>Der Server hat den Ereignisstrom geschlossen.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>shortfuse::ServerHost</name>
    <message>
        <source>There is no link %1.</source>
        <translation>Es gibt keinen Link %1.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>shortfuse::SettingsDialog</name>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>Shortfuse Settings</source>
        <translation>Shortfuse-Einstellungen</translation>
    </message>
    <message>
        <source>Bind address</source>
        <translation>Bind-Adresse</translation>
    </message>
    <message>
        <source>127.0.0.1: this computer only. 0.0.0.0 or ::: every network interface.</source>
        <translation>127.0.0.1: nur dieser Computer. 0.0.0.0 oder ::: alle Netzwerkschnittstellen.</translation>
    </message>
    <message>
        <source>Any free port</source>
        <translation>Beliebiger freier Port</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>automatic: http://&lt;bind address&gt;:&lt;port&gt;</source>
        <translation>automatisch: http://&lt;Bind-Adresse&gt;:&lt;Port&gt;</translation>
    </message>
    <message>
        <source>Public base URL</source>
        <translation>Öffentliche Basis-URL</translation>
    </message>
    <message>
        <source>The address people use to reach this computer, when a router, a tunnel or a reverse proxy exposes it, e.g. https://sho.rt</source>
        <translation>Die Adresse, unter der andere diesen Computer erreichen, wenn ein Router, ein Tunnel oder ein Reverse-Proxy ihn freigibt, z. B. https://sho.rt</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source> per minute</source>
        <translation> pro Minute</translation>
    </message>
    <message>
        <source>Rate limit</source>
        <translation>Ratenbegrenzung</translation>
    </message>
    <message>
        <source>Links each client address may create per minute through the web form and the API. Redirects are never limited.</source>
        <translation>Links, die jede Client-Adresse pro Minute über das Webformular und die API erstellen darf. Weiterleitungen werden nie begrenzt.</translation>
    </message>
    <message>
        <source>none, e.g. 127.0.0.1, 10.0.0.0/8</source>
        <translation>keine, z. B. 127.0.0.1, 10.0.0.0/8</translation>
    </message>
    <message>
        <source>Trusted proxies</source>
        <translation>Vertrauenswürdige Proxys</translation>
    </message>
    <message>
        <source>Peers whose X-Forwarded-For header is believed.</source>
        <translation>Gegenstellen, deren X-Forwarded-For-Header geglaubt wird.</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Datenordner</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Start &amp;minimised to the tray</source>
        <translation>&amp;Minimiert im Infobereich starten</translation>
    </message>
    <message>
        <source>This desktop has no tray; the window always opens.</source>
        <translation>Diese Arbeitsumgebung hat keinen Infobereich; das Fenster öffnet sich immer.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>A new language shows the next time Shortfuse starts.</source>
        <translation>Eine neue Sprache erscheint beim nächsten Start von Shortfuse.</translation>
    </message>
    <message>
        <source>Link server</source>
        <translation>Link-Server</translation>
    </message>
    <message>
        <source>&amp;Bind address:</source>
        <translation>&amp;Bind-Adresse:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>Public &amp;base URL:</source>
        <translation>Öffentliche &amp;Basis-URL:</translation>
    </message>
    <message>
        <source>&amp;Rate limit:</source>
        <translation>&amp;Ratenbegrenzung:</translation>
    </message>
    <message>
        <source>&amp;Trusted proxies:</source>
        <translation>&amp;Vertrauenswürdige Proxys:</translation>
    </message>
    <message>
        <source>&amp;Data folder:</source>
        <translation>&amp;Datenordner:</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>OK restarts the link server with these settings. Clicks already recorded are kept.</source>
        <translation>OK startet den Link-Server mit diesen Einstellungen neu. Bereits erfasste Klicks bleiben erhalten.</translation>
    </message>
    <message>
        <source>Not an IP address; try 127.0.0.1 or 0.0.0.0.</source>
        <translation>Keine IP-Adresse; versuchen Sie 127.0.0.1 oder 0.0.0.0.</translation>
    </message>
    <message>
        <source>Use an http:// or https:// address without a query, e.g. https://sho.rt</source>
        <translation>Verwenden Sie eine http://- oder https://-Adresse ohne Abfrageteil, z. B. https://sho.rt</translation>
    </message>
    <message>
        <source>Addresses or ranges separated by commas, e.g. 127.0.0.1, 10.0.0.0/8.</source>
        <translation>Adressen oder Bereiche, durch Kommas getrennt, z. B. 127.0.0.1, 10.0.0.0/8.</translation>
    </message>
    <message>
        <source>Who may create links</source>
        <translation>Wer Links erstellen darf</translation>
    </message>
    <message>
        <source>This computer, or anyone with an API key</source>
        <translation>Dieser Computer oder wer einen API-Schlüssel hat</translation>
    </message>
    <message>
        <source>Only with an API key</source>
        <translation>Nur mit API-Schlüssel</translation>
    </message>
    <message>
        <source>Anyone (within the rate limit)</source>
        <translation>Jeder (innerhalb der Ratenbegrenzung)</translation>
    </message>
    <message>
        <source>Who may make links through the web form and the API. This window always can.</source>
        <translation>Wer über das Webformular und die API Links erstellen darf. Dieses Fenster darf es immer.</translation>
    </message>
    <message>
        <source>Anyone who knows a short link may read its &amp;statistics</source>
        <translation>Wer einen Kurzlink kennt, darf seine &amp;Statistik lesen</translation>
    </message>
    <message>
        <source>Off: only this computer, API keys and holders of a link&apos;s statistics address (with its token) may read them.</source>
        <translation>Aus: nur dieser Computer, API-Schlüssel und wer die Statistikadresse eines Links (mit ihrem Token) hat, dürfen sie lesen.</translation>
    </message>
    <message>
        <source>Who may &amp;create:</source>
        <translation>Wer &amp;erstellen darf:</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Scripts and other computers make and manage links with a key (Authorization: Bearer …). Keys work, and stop working, at once: no restart.</source>
        <translation>Skripte und andere Computer erstellen und verwalten Links mit einem Schlüssel (Authorization: Bearer …). Schlüssel gelten und enden sofort, ohne Neustart.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Sees</source>
        <translation>Sieht</translation>
    </message>
    <message>
        <source>Key starts with</source>
        <translation>Schlüssel beginnt mit</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Zuletzt verwendet</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>New key&apos;s name</source>
        <translation>Name des neuen Schlüssels</translation>
    </message>
    <message>
        <source>name of a new key, e.g. backup-script</source>
        <translation>Name eines neuen Schlüssels, z. B. backup-script</translation>
    </message>
    <message>
        <source>&amp;Admin (sees every link)</source>
        <translation>&amp;Admin (sieht alle Links)</translation>
    </message>
    <message>
        <source>Create &amp;key</source>
        <translation>&amp;Schlüssel erstellen</translation>
    </message>
    <message>
        <source>Re&amp;voke…</source>
        <translation>&amp;Widerrufen…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Copy this key now.&lt;/b&gt; It is shown only this once: Shortfuse keeps only a fingerprint of it and cannot show it again.</source>
        <translation>&lt;b&gt;Kopieren Sie diesen Schlüssel jetzt.&lt;/b&gt; Er wird nur dieses eine Mal gezeigt: Shortfuse speichert nur einen Fingerabdruck davon und kann ihn nicht erneut anzeigen.</translation>
    </message>
    <message>
        <source>The new key</source>
        <translation>Der neue Schlüssel</translation>
    </message>
    <message>
        <source>C&amp;opy</source>
        <translation>K&amp;opieren</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>every link (admin)</source>
        <translation>alle Links (Admin)</translation>
    </message>
    <message>
        <source>its own links</source>
        <translation>eigene Links</translation>
    </message>
    <message>
        <source>revoked %1</source>
        <translation>widerrufen %1</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>Revoke key</source>
        <translation>Schlüssel widerrufen</translation>
    </message>
    <message>
        <source>Revoke the key &quot;%1&quot;?

Every script or server using it is refused from now on. This cannot be undone.</source>
        <translation>Den Schlüssel „%1“ widerrufen?

Jedes Skript und jeder Server, der ihn verwendet, wird ab jetzt abgewiesen. Das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>Notify me</source>
        <translation>Benachrichtigen</translation>
    </message>
    <message>
        <source>On every click of a capped link</source>
        <translation>Bei jedem Klick auf einen begrenzten Link</translation>
    </message>
    <message>
        <source>Only when a link is used up</source>
        <translation>Nur wenn ein Link aufgebraucht ist</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>&amp;Quiet for bots</source>
        <translation>Bei Bots s&amp;till bleiben</translation>
    </message>
    <message>
        <source>No notification when a crawler or a link checker opens a link.</source>
        <translation>Keine Benachrichtigung, wenn ein Crawler oder ein Linkprüfer einen Link öffnet.</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <source>&amp;Notify me:</source>
        <translation>Be&amp;nachrichtigen:</translation>
    </message>
    <message>
        <source>Reachable from the internet</source>
        <translation>Aus dem Internet erreichbar</translation>
    </message>
    <message>
        <source>Make my links reachable from the &amp;internet</source>
        <translation>Meine Links aus dem &amp;Internet erreichbar machen</translation>
    </message>
    <message>
        <source>Asks your router (UPnP or NAT-PMP) to forward a port to this computer, and listens on every network interface. /metrics stays on this computer.</source>
        <translation>Bittet Ihren Router (UPnP oder NAT-PMP), einen Port an diesen Computer weiterzuleiten, und lauscht auf allen Netzwerkschnittstellen. /metrics bleibt auf diesem Computer.</translation>
    </message>
    <message>
        <source>Same as the port</source>
        <translation>Wie der Port</translation>
    </message>
    <message>
        <source>External port</source>
        <translation>Externer Port</translation>
    </message>
    <message>
        <source>The port to ask for on the router&apos;s internet side; another is taken when the router has this one in use.</source>
        <translation>Der Port, der auf der Internetseite des Routers angefragt wird; ist er belegt, wird ein anderer genommen.</translation>
    </message>
    <message>
        <source>E&amp;xternal port:</source>
        <translation>E&amp;xterner Port:</translation>
    </message>
    <message>
        <source>The server is not running.</source>
        <translation>Der Server läuft nicht.</translation>
    </message>
    <message>
        <source>Use %1 as the public base URL</source>
        <translation>%1 als öffentliche Basis-URL verwenden</translation>
    </message>
    <message>
        <source>Run this computer&apos;s own link &amp;server</source>
        <translation>Den eigenen Link-&amp;Server dieses Computers ausführen</translation>
    </message>
    <message>
        <source>Off: this window only manages remote servers (Server → Add a server…), and this computer serves no links.</source>
        <translation>Aus: Dieses Fenster verwaltet nur entfernte Server (Server → Server hinzufügen…), und dieser Computer stellt keine Links bereit.</translation>
    </message>
</context>
<context>
    <name>shortfuse::StatsView</name>
    <message>
        <source>redirected</source>
        <translation>weitergeleitet</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <source>preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>asked to confirm</source>
        <translation>Bestätigung angefragt</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <source>Select a link in the Links tab and choose &lt;b&gt;Open statistics&lt;/b&gt; (Ctrl+I, Enter or a double click).</source>
        <translation>Wählen Sie im Reiter „Links“ einen Link und dann &lt;b&gt;Statistik öffnen&lt;/b&gt; (Strg+I, Eingabetaste oder Doppelklick).</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>CSV &amp;exportieren…</translation>
    </message>
    <message>
        <source>Export the click log as CSV</source>
        <translation>Klickprotokoll als CSV exportieren</translation>
    </message>
    <message>
        <source>Clicks over time</source>
        <translation>Klicks im Zeitverlauf</translation>
    </message>
    <message>
        <source>Clicks over time chart</source>
        <translation>Diagramm: Klicks im Zeitverlauf</translation>
    </message>
    <message>
        <source>Humans and bots</source>
        <translation>Menschen und Bots</translation>
    </message>
    <message>
        <source>Humans and bots chart</source>
        <translation>Diagramm: Menschen und Bots</translation>
    </message>
    <message>
        <source>Countries</source>
        <translation>Länder</translation>
    </message>
    <message>
        <source>Clicks by country chart</source>
        <translation>Diagramm: Klicks nach Land</translation>
    </message>
    <message>
        <source>Browsers</source>
        <translation>Browser</translation>
    </message>
    <message>
        <source>Clicks by browser chart</source>
        <translation>Diagramm: Klicks nach Browser</translation>
    </message>
    <message>
        <source>Operating systems</source>
        <translation>Betriebssysteme</translation>
    </message>
    <message>
        <source>Clicks by operating system chart</source>
        <translation>Diagramm: Klicks nach Betriebssystem</translation>
    </message>
    <message>
        <source>Click log</source>
        <translation>Klickprotokoll</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Browser</source>
        <translation>Browser</translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation>Betriebssystem</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Referrer</source>
        <translation>Verweis</translation>
    </message>
    <message>
        <source>Bot</source>
        <translation>Bot</translation>
    </message>
    <message>
        <source>Load &amp;older entries</source>
        <translation>Ä&amp;ltere Einträge laden</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>There is no link %1.</source>
        <translation>Es gibt keinen Link %1.</translation>
    </message>
    <message>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
    <message>
        <source>%1 of %2 clicks used</source>
        <translation>%1 von %2 Klicks verbraucht</translation>
    </message>
    <message>
        <source>%1 clicks (unlimited)</source>
        <translation>%1 Klicks (unbegrenzt)</translation>
    </message>
    <message>
        <source>created %1</source>
        <translation>erstellt %1</translation>
    </message>
    <message>
        <source>first click %1</source>
        <translation>erster Klick %1</translation>
    </message>
    <message>
        <source>last click %1</source>
        <translation>letzter Klick %1</translation>
    </message>
    <message>
        <source>%1 requests after it expired</source>
        <translation>%1 Aufrufe nach Ablauf</translation>
    </message>
    <message>
        <source>Click log: %1 of %2 requests, newest first</source>
        <translation>Klickprotokoll: %1 von %2 Aufrufen, neueste zuerst</translation>
    </message>
    <message>
        <source>Clicks</source>
        <translation>Klicks</translation>
    </message>
    <message>
        <source>Clicks per %1</source>
        <translation>Klicks pro %1</translation>
    </message>
    <message>
        <source>week</source>
        <translation>Woche</translation>
    </message>
    <message>
        <source>day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>Stunde</translation>
    </message>
    <message>
        <source>5 minutes</source>
        <translation>5 Minuten</translation>
    </message>
    <message>
        <source>minute</source>
        <translation>Minute</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>Other: %1</source>
        <translation>Sonstige: %1</translation>
    </message>
    <message>
        <source>No clicks yet</source>
        <translation>Noch keine Klicks</translation>
    </message>
    <message>
        <source>Humans: %1</source>
        <translation>Menschen: %1</translation>
    </message>
    <message>
        <source>Bots: %1</source>
        <translation>Bots: %1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>Export click log</source>
        <translation>Klickprotokoll exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Exported %1 log entries to %2</source>
        <translation>%1 Protokolleinträge nach %2 exportiert</translation>
    </message>
</context>
<context>
    <name>shortfuse::TrayController</name>
    <message>
        <source>&amp;Show window</source>
        <translation>Fenster &amp;anzeigen</translation>
    </message>
    <message>
        <source>&amp;Copy last link</source>
        <translation>Letzten Link &amp;kopieren</translation>
    </message>
    <message>
        <source>Shortfuse</source>
        <translation>Shortfuse</translation>
    </message>
    <message>
        <source>Shortfuse is still running</source>
        <translation>Shortfuse läuft weiter</translation>
    </message>
    <message>
        <source>Your short links keep working while Shortfuse runs in the tray. To stop serving them, choose Quit from the tray icon&apos;s menu.</source>
        <translation>Ihre Kurzlinks funktionieren weiter, während Shortfuse im Infobereich läuft. Um sie nicht mehr bereitzustellen, wählen Sie „Beenden“ im Menü des Symbols.</translation>
    </message>
</context>
<context>
    <name>shortfuse::WebhooksSection</name>
    <message>
        <source>clicks</source>
        <translation>Klicks</translation>
    </message>
    <message>
        <source>used up</source>
        <translation>aufgebraucht</translation>
    </message>
    <message>
        <source>previews held off</source>
        <translation>abgewehrte Vorschauen</translation>
    </message>
    <message>
        <source>late arrivals</source>
        <translation>späte Aufrufe</translation>
    </message>
    <message>
        <source>Webhooks</source>
        <translation>Webhooks</translation>
    </message>
    <message>
        <source>Each click, used-up link, preview held off or late arrival can be sent to a web address: chat (Slack, Discord, ntfy) or your own service, signed per Standard Webhooks. Changes apply at once.</source>
        <translation>Jeder Klick, jeder aufgebrauchte Link, jede abgewehrte Vorschau und jeder späte Aufruf kann an eine Webadresse gesendet werden: einen Chat (Slack, Discord, ntfy) oder Ihren eigenen Dienst, signiert nach Standard Webhooks. Änderungen gelten sofort.</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Delivered / pending</source>
        <translation>Zugestellt / ausstehend</translation>
    </message>
    <message>
        <source>&amp;Add webhook…</source>
        <translation>Webhook &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Send &amp;test</source>
        <translation>&amp;Test senden</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Webhook address</source>
        <translation>Webhook-Adresse</translation>
    </message>
    <message>
        <source>https://hooks.slack.com/services/…</source>
        <translation>https://hooks.slack.com/services/…</translation>
    </message>
    <message>
        <source>&amp;Clicks on capped links</source>
        <translation>&amp;Klicks auf begrenzte Links</translation>
    </message>
    <message>
        <source>Link &amp;used up</source>
        <translation>Link a&amp;ufgebraucht</translation>
    </message>
    <message>
        <source>&amp;Preview or scanner held off</source>
        <translation>&amp;Vorschau oder Scanner abgewehrt</translation>
    </message>
    <message>
        <source>Arrival &amp;after expiry</source>
        <translation>Aufruf &amp;nach Ablauf</translation>
    </message>
    <message>
        <source>Clicks on &amp;unlimited links too (every redirect a delivery)</source>
        <translation>Auch Klicks auf &amp;unbegrenzte Links (jede Weiterleitung eine Zustellung)</translation>
    </message>
    <message>
        <source>Standard Webhooks (JSON, signed)</source>
        <translation>Standard Webhooks (JSON, signiert)</translation>
    </message>
    <message>
        <source>Only links with this label</source>
        <translation>Nur Links mit dieser Bezeichnung</translation>
    </message>
    <message>
        <source>any label</source>
        <translation>jede Bezeichnung</translation>
    </message>
    <message>
        <source>Create &amp;webhook</source>
        <translation>&amp;Webhook anlegen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Add&amp;ress:</source>
        <translation>Ad&amp;resse:</translation>
    </message>
    <message>
        <source>Events:</source>
        <translation>Ereignisse:</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>Only &amp;label:</source>
        <translation>Nur &amp;Bezeichnung:</translation>
    </message>
    <message>
        <source>&lt;b&gt;Copy this signing secret now.&lt;/b&gt; It is shown only this once; the receiver checks the webhook-signature header with it.</source>
        <translation>&lt;b&gt;Kopieren Sie dieses Signaturgeheimnis jetzt.&lt;/b&gt; Es wird nur dieses eine Mal angezeigt; der Empfänger prüft damit den Header webhook-signature.</translation>
    </message>
    <message>
        <source>The new webhook&apos;s signing secret</source>
        <translation>Das Signaturgeheimnis des neuen Webhooks</translation>
    </message>
    <message>
        <source>C&amp;opy</source>
        <translation>K&amp;opieren</translation>
    </message>
    <message>
        <source>disabled %1 after failing for 24 hours</source>
        <translation>deaktiviert am %1 nach 24 Stunden voller Fehlschläge</translation>
    </message>
    <message>
        <source>failing since %1</source>
        <translation>schlägt fehl seit %1</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>%1 (last: %2)</source>
        <translation>%1 (zuletzt: %2)</translation>
    </message>
    <message>
        <source>unlimited links</source>
        <translation>unbegrenzte Links</translation>
    </message>
    <message>
        <source>%1; label %2</source>
        <translation>%1; Bezeichnung %2</translation>
    </message>
    <message>
        <source>Delete webhook</source>
        <translation>Webhook löschen</translation>
    </message>
    <message>
        <source>Delete the webhook to %1?

Its undelivered events are dropped. This cannot be undone.</source>
        <translation>Den Webhook an %1 löschen?

Seine nicht zugestellten Ereignisse werden verworfen. Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Sending a test event…</source>
        <translation>Testereignis wird gesendet…</translation>
    </message>
    <message>
        <source>Test delivered (HTTP %1, %2 ms).</source>
        <translation>Test zugestellt (HTTP %1, %2 ms).</translation>
    </message>
    <message>
        <source>Test not delivered: %1</source>
        <translation>Test nicht zugestellt: %1</translation>
    </message>
</context>
</TS>
