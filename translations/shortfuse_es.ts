<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>ErrorText</name>
    <message>
        <source>Enter the address the short link should lead to.</source>
        <translation>Introduce la dirección a la que debe llevar el enlace corto.</translation>
    </message>
    <message>
        <source>The address is too long (at most %1 characters).</source>
        <translation>La dirección es demasiado larga (como máximo %1 caracteres).</translation>
    </message>
    <message>
        <source>This is not a complete web address (for example https://example.com/page).</source>
        <translation>No es una dirección web completa (por ejemplo https://example.com/pagina).</translation>
    </message>
    <message>
        <source>Only http:// and https:// addresses can be shortened.</source>
        <translation>Solo se pueden acortar direcciones http:// y https://.</translation>
    </message>
    <message>
        <source>An alias has %1 to %2 characters: letters, digits, &apos;-&apos; and &apos;_&apos;.</source>
        <translation>Un alias tiene de %1 a %2 caracteres: letras, dígitos, «-» y «_».</translation>
    </message>
    <message>
        <source>This word is used by the server itself; choose another alias.</source>
        <translation>El propio servidor usa esta palabra; elige otro alias.</translation>
    </message>
    <message>
        <source>This alias is already in use.</source>
        <translation>Este alias ya está en uso.</translation>
    </message>
    <message>
        <source>Max clicks must be a whole number from 1 to 2147483647.</source>
        <translation>El máximo de clics debe ser un número entero entre 1 y 2147483647.</translation>
    </message>
    <message>
        <source>Too many links in a short time; try again in a minute.</source>
        <translation>Demasiados enlaces en poco tiempo; inténtalo de nuevo en un minuto.</translation>
    </message>
    <message>
        <source>The server is not running.</source>
        <translation>El servidor no está en marcha.</translation>
    </message>
    <message>
        <source>The server is busy; try again in a moment.</source>
        <translation>El servidor está ocupado; inténtalo de nuevo en un momento.</translation>
    </message>
    <message>
        <source>Choose one of the preview protection modes.</source>
        <translation>Elija uno de los modos de protección contra vistas previas.</translation>
    </message>
    <message>
        <source>A link password has %1 to %2 characters.</source>
        <translation>La contraseña de un enlace tiene de %1 a %2 caracteres.</translation>
    </message>
    <message>
        <source>Choose an expiry time in the future.</source>
        <translation>Elija una fecha de caducidad en el futuro.</translation>
    </message>
    <message>
        <source>After expiry, visitors can only be sent to a complete http:// or https:// address.</source>
        <translation>Tras la caducidad, solo se puede enviar a los visitantes a una dirección http:// o https:// completa.</translation>
    </message>
    <message>
        <source>A label has at most %1 characters, on one line.</source>
        <translation>Una etiqueta tiene como máximo %1 caracteres, en una sola línea.</translation>
    </message>
    <message>
        <source>Max clicks cannot be lower than the clicks already used.</source>
        <translation>Los clics máximos no pueden ser menos que los clics ya usados.</translation>
    </message>
    <message>
        <source>This link no longer exists.</source>
        <translation>Este enlace ya no existe.</translation>
    </message>
    <message>
        <source>A key name has 1 to %1 characters, without control characters or spaces around it.</source>
        <translation>Un nombre de clave tiene de 1 a %1 caracteres, sin caracteres de control ni espacios alrededor.</translation>
    </message>
    <message>
        <source>A key with this name exists already.</source>
        <translation>Ya existe una clave con este nombre.</translation>
    </message>
</context>
<context>
    <name>ReachabilityText</name>
    <message>
        <source>Reachable from the internet</source>
        <translation>Accesible desde internet</translation>
    </message>
    <message>
        <source>Maybe reachable from the internet</source>
        <translation>Quizá accesible desde internet</translation>
    </message>
    <message>
        <source>Reachable on this network only</source>
        <translation>Accesible solo en esta red</translation>
    </message>
    <message>
        <source>Only on this computer</source>
        <translation>Solo en este ordenador</translation>
    </message>
    <message>
        <source>Asking the router…</source>
        <translation>Consultando al router…</translation>
    </message>
    <message>
        <source>Use IPv6, a tunnel, or a proxy with its own address (a public base URL).</source>
        <translation>Use IPv6, un túnel o un proxy con su propia dirección (una URL base pública).</translation>
    </message>
    <message>
        <source>Links open from the internet at %1.</source>
        <translation>Los enlaces se abren desde internet en %1.</translation>
    </message>
    <message>
        <source>The router maps %1 to this server, but this computer cannot tell whether it opens from the internet (the router may not loop requests back to it): to be sure, ask someone outside to open a link.</source>
        <translation>El router redirige %1 a este servidor, pero este ordenador no puede saber si se abre desde internet (quizá el router no devuelve las peticiones hacia dentro): para asegurarse, pida a alguien de fuera que abra un enlace.</translation>
    </message>
    <message>
        <source>Links open on this network only: no port is mapped on the router.</source>
        <translation>Los enlaces se abren solo en esta red: no hay ningún puerto redirigido en el router.</translation>
    </message>
    <message>
        <source>Links open on this network only: the router mapped the port but did not say its external address.</source>
        <translation>Los enlaces se abren solo en esta red: el router redirigió el puerto pero no indicó su dirección externa.</translation>
    </message>
    <message>
        <source>Links open on this network only: no router answered UPnP or NAT-PMP.</source>
        <translation>Los enlaces se abren solo en esta red: ningún router respondió a UPnP ni a NAT-PMP.</translation>
    </message>
    <message>
        <source>Links open on this network only: the router refused the port mapping (%1).</source>
        <translation>Los enlaces se abren solo en esta red: el router rechazó la redirección de puerto (%1).</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>sin motivo indicado</translation>
    </message>
    <message>
        <source>Links open on this network only: the router&apos;s external address %1 is in your provider&apos;s carrier-grade NAT (100.64.0.0/10), so no mapping can help.</source>
        <translation>Los enlaces se abren solo en esta red: la dirección externa del router, %1, está en el NAT de operador (CGNAT, 100.64.0.0/10) de su proveedor, así que ninguna redirección puede ayudar.</translation>
    </message>
    <message>
        <source>Links open on this network and the one outside the router, at %1: that is not a public address, another router is in front, so the internet cannot reach it.</source>
        <translation>Los enlaces se abren en esta red y en la que hay fuera del router, en %1: no es una dirección pública, hay otro router delante, así que internet no puede llegar.</translation>
    </message>
    <message>
        <source>Over IPv6 the server is on the internet at %1 (no NAT to open; a firewall may still block it).</source>
        <translation>Por IPv6 el servidor está en internet en %1 (no hay NAT que abrir; un cortafuegos aún podría bloquearlo).</translation>
    </message>
    <message>
        <source>Links open only on this computer: the server listens on %1 (loopback) only.</source>
        <translation>Los enlaces se abren solo en este ordenador: el servidor escucha solo en %1 (loopback).</translation>
    </message>
    <message>
        <source>Asking the router for a port mapping…</source>
        <translation>Pidiendo al router una redirección de puerto…</translation>
    </message>
</context>
<context>
    <name>shortfuse::AddServerDialog</name>
    <message>
        <source>Add a Server</source>
        <translation>Añadir un servidor</translation>
    </message>
    <message>
        <source>https://sho.rt</source>
        <translation>https://sho.rt</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <source>sf_… (shortfuse-server keys create --name NAME)</source>
        <translation>sf_… (shortfuse-server keys create --name NAME)</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clave de API</translation>
    </message>
    <message>
        <source>optional, e.g. Home server</source>
        <translation>opcional, p. ej. Servidor de casa</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>The key is kept in this computer&apos;s keychain, never in the settings file.</source>
        <translation>La clave se guarda en el llavero de este ordenador, nunca en el archivo de ajustes.</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Dirección:</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>&amp;Clave de API:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, e.g. https://sho.rt</source>
        <translation>Escriba la dirección del servidor, p. ej. https://sho.rt</translation>
    </message>
    <message>
        <source>Enter an API key made on that server (shortfuse-server keys create).</source>
        <translation>Escriba una clave de API creada en ese servidor (shortfuse-server keys create).</translation>
    </message>
</context>
<context>
    <name>shortfuse::ConnectionMenu</name>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Servidor</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <source>&amp;Add a server…</source>
        <translation>&amp;Añadir un servidor…</translation>
    </message>
    <message>
        <source>&amp;Remove this server…</source>
        <translation>&amp;Quitar este servidor…</translation>
    </message>
</context>
<context>
    <name>shortfuse::Connections</name>
    <message>
        <source>This computer</source>
        <translation>Este ordenador</translation>
    </message>
</context>
<context>
    <name>shortfuse::CreatePanel</name>
    <message>
        <source>New link</source>
        <translation>Nuevo enlace</translation>
    </message>
    <message>
        <source>https://example.com/a/long/address</source>
        <translation>https://example.com/una/direccion/larga</translation>
    </message>
    <message>
        <source>Destination URL</source>
        <translation>URL de destino</translation>
    </message>
    <message>
        <source>Destination URL error</source>
        <translation>Error en la URL de destino</translation>
    </message>
    <message>
        <source>optional, e.g. spring-invite</source>
        <translation>opcional, p. ej. invitacion-primavera</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>Alias</translation>
    </message>
    <message>
        <source>Alias error</source>
        <translation>Error en el alias</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>Ilimitado</translation>
    </message>
    <message>
        <source>Max clicks</source>
        <translation>Clics máximos</translation>
    </message>
    <message>
        <source>How many times the link redirects before it expires. The lowest value means unlimited.</source>
        <translation>Cuántas veces redirige el enlace antes de caducar. El valor más bajo significa ilimitado.</translation>
    </message>
    <message>
        <source>&amp;Shorten</source>
        <translation>&amp;Acortar</translation>
    </message>
    <message>
        <source>Shorten</source>
        <translation>Acortar</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>&amp;Alias:</source>
        <translation>A&amp;lias:</translation>
    </message>
    <message>
        <source>&amp;Max clicks:</source>
        <translation>Clics &amp;máx.:</translation>
    </message>
    <message>
        <source>Your short link</source>
        <translation>Tu enlace corto</translation>
    </message>
    <message>
        <source>Short link</source>
        <translation>Enlace corto</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copiar</translation>
    </message>
    <message>
        <source>Copy short link</source>
        <translation>Copiar el enlace corto</translation>
    </message>
    <message>
        <source>Copy confirmation</source>
        <translation>Confirmación de copia</translation>
    </message>
    <message>
        <source>QR code of the short link</source>
        <translation>Código QR del enlace corto</translation>
    </message>
    <message>
        <source>Copy &amp;QR code</source>
        <translation>Copiar código &amp;QR</translation>
    </message>
    <message>
        <source>Save QR code as &amp;PNG…</source>
        <translation>Guardar código QR como &amp;PNG…</translation>
    </message>
    <message>
        <source>Copied to the clipboard</source>
        <translation>Copiado al portapapeles</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiado</translation>
    </message>
    <message>
        <source>QR code copied</source>
        <translation>Código QR copiado</translation>
    </message>
    <message>
        <source>Save QR code</source>
        <translation>Guardar código QR</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Imágenes PNG (*.png)</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>Guardado en %1</translation>
    </message>
    <message>
        <source>Could not save %1.</source>
        <translation>No se pudo guardar %1.</translation>
    </message>
    <message>
        <source>Enter shortens; the short link goes straight to the clipboard. A link with max clicks redirects that many times, then shows an expired page.</source>
        <translation>Intro acorta; el enlace corto va directo al portapapeles. Un enlace con clics máximos redirige esas veces y luego muestra una página de caducado.</translation>
    </message>
    <message>
        <source>&amp;Options</source>
        <translation>&amp;Opciones</translation>
    </message>
    <message>
        <source>Show link options</source>
        <translation>Mostrar las opciones del enlace</translation>
    </message>
    <message>
        <source>Preview protection, password, expiry</source>
        <translation>Protección contra vistas previas, contraseña, caducidad</translation>
    </message>
    <message>
        <source>Preview protection</source>
        <translation>Protección contra vistas previas</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Automática</translation>
    </message>
    <message>
        <source>Chat-app previews and link scanners get a placeholder and use up nothing; people are redirected.</source>
        <translation>Las vistas previas de las apps de chat y los analizadores de enlaces reciben una página provisional y no gastan nada; las personas son redirigidas.</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Confirmar</translation>
    </message>
    <message>
        <source>Every visitor first sees a &quot;Continue?&quot; page; only its button uses up a click.</source>
        <translation>Cada visitante ve primero una página «¿Continuar?»; solo su botón gasta un clic.</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Desactivada</translation>
    </message>
    <message>
        <source>Every visit counts, previews and scanners included.</source>
        <translation>Cada visita cuenta, incluidas vistas previas y analizadores.</translation>
    </message>
    <message>
        <source>Preview protection error</source>
        <translation>Error en la protección contra vistas previas</translation>
    </message>
    <message>
        <source>optional, %1 to %2 characters</source>
        <translation>opcional, de %1 a %2 caracteres</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Visitors must enter this password before they are redirected.</source>
        <translation>Los visitantes deben introducir esta contraseña antes de ser redirigidos.</translation>
    </message>
    <message>
        <source>Password error</source>
        <translation>Error en la contraseña</translation>
    </message>
    <message>
        <source>E&amp;xpires at:</source>
        <translation>Ca&amp;duca el:</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Caduca</translation>
    </message>
    <message>
        <source>Expiry time</source>
        <translation>Fecha de caducidad</translation>
    </message>
    <message>
        <source>In your local time. After this moment the link works no more.</source>
        <translation>En su hora local. A partir de ese momento el enlace deja de funcionar.</translation>
    </message>
    <message>
        <source>Expiry error</source>
        <translation>Error en la fecha de caducidad</translation>
    </message>
    <message>
        <source>optional, e.g. https://example.com/sorry</source>
        <translation>opcional, p. ej. https://example.com/lo-siento</translation>
    </message>
    <message>
        <source>After expiry, send visitors to</source>
        <translation>Tras la caducidad, enviar a los visitantes a</translation>
    </message>
    <message>
        <source>Once the link is used up or past its expiry, visitors go here instead of the expired page.</source>
        <translation>Cuando el enlace se agote o caduque, los visitantes llegan aquí en lugar de a la página de caducado.</translation>
    </message>
    <message>
        <source>After expiry address error</source>
        <translation>Error en la dirección tras la caducidad</translation>
    </message>
    <message>
        <source>Previe&amp;w protection:</source>
        <translation>Protección contra &amp;vistas previas:</translation>
    </message>
    <message>
        <source>Passwor&amp;d:</source>
        <translation>Contra&amp;seña:</translation>
    </message>
    <message>
        <source>After expiry, se&amp;nd visitors to:</source>
        <translation>Tras la caducidad, e&amp;nviar a:</translation>
    </message>
    <message>
        <source>Hide link options</source>
        <translation>Ocultar las opciones del enlace</translation>
    </message>
</context>
<context>
    <name>shortfuse::DesktopNotifier</name>
    <message>
        <source>%1 clicks on %2 links</source>
        <translation>%1 clics en %2 enlaces</translation>
    </message>
    <message>
        <source>%1 is used up</source>
        <translation>%1 se ha agotado</translation>
    </message>
    <message>
        <source>%1 was opened — %2 of %3 left</source>
        <translation>%1 se ha abierto — quedan %2 de %3</translation>
    </message>
    <message>
        <source>and %1 more clicks just before</source>
        <translation>y %1 clics más justo antes</translation>
    </message>
    <message>
        <source>Open statistics</source>
        <translation>Abrir estadísticas</translation>
    </message>
</context>
<context>
    <name>shortfuse::EditLinkDialog</name>
    <message>
        <source>Edit %1</source>
        <translation>Editar %1</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Destino</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>optional: your own words for this link, e.g. a recipient&apos;s name</source>
        <translation>opcional: sus propias palabras para este enlace, p. ej. el nombre de un destinatario</translation>
    </message>
    <message>
        <source>Clicks used so far: %1. Max clicks cannot go below them; equal to them ends the link.</source>
        <translation>Clics usados hasta ahora: %1. Los clics máximos no pueden ser menos; iguales terminan el enlace.</translation>
    </message>
    <message>
        <source>&amp;Destination:</source>
        <translation>&amp;Destino:</translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation>&amp;Etiqueta:</translation>
    </message>
</context>
<context>
    <name>shortfuse::KeyStore</name>
    <message>
        <source>No key is kept for this server.</source>
        <translation>No hay ninguna clave guardada para este servidor.</translation>
    </message>
    <message>
        <source>This desktop has no keychain to keep the key in (%1): Shortfuse asks for it at each start instead, and never writes it to a file.</source>
        <translation>Este escritorio no tiene llavero donde guardar la clave (%1): Shortfuse la pedirá en cada inicio y nunca la escribirá en un archivo.</translation>
    </message>
    <message>
        <source>The keychain refused: %1</source>
        <translation>El llavero se negó: %1</translation>
    </message>
</context>
<context>
    <name>shortfuse::LinkConsole</name>
    <message>
        <source>The server is not running.</source>
        <translation>El servidor no está en marcha.</translation>
    </message>
</context>
<context>
    <name>shortfuse::LinkOptionsForm</name>
    <message>
        <source>Unlimited</source>
        <translation>Ilimitado</translation>
    </message>
    <message>
        <source>Max clicks</source>
        <translation>Clics máximos</translation>
    </message>
    <message>
        <source>Preview protection</source>
        <translation>Protección contra vistas previas</translation>
    </message>
    <message>
        <source>Auto (preview bots use nothing)</source>
        <translation>Automática (los bots de vista previa no gastan nada)</translation>
    </message>
    <message>
        <source>Confirm (visitors press Continue)</source>
        <translation>Confirmar (los visitantes pulsan Continuar)</translation>
    </message>
    <message>
        <source>Off (every visit counts)</source>
        <translation>Desactivada (cuenta cada visita)</translation>
    </message>
    <message>
        <source>Expires at</source>
        <translation>Caduca el</translation>
    </message>
    <message>
        <source>Expiry time</source>
        <translation>Fecha de caducidad</translation>
    </message>
    <message>
        <source>After expiry, send visitors to</source>
        <translation>Tras la caducidad, enviar a los visitantes a</translation>
    </message>
    <message>
        <source>optional: the expired page otherwise</source>
        <translation>opcional; si no, la página de caducado</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>opcional</translation>
    </message>
    <message>
        <source>Remove the password</source>
        <translation>Quitar la contraseña</translation>
    </message>
    <message>
        <source>Max &amp;clicks:</source>
        <translation>&amp;Clics máximos:</translation>
    </message>
    <message>
        <source>Preview &amp;protection:</source>
        <translation>&amp;Protección contra vistas previas:</translation>
    </message>
    <message>
        <source>E&amp;xpiry:</source>
        <translation>Cad&amp;ucidad:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Contra&amp;seña:</translation>
    </message>
    <message>
        <source>unchanged; type a new one to replace it</source>
        <translation>sin cambios; escriba una nueva para reemplazarla</translation>
    </message>
    <message>
        <source>none; type one to set it</source>
        <translation>ninguna; escriba una para establecerla</translation>
    </message>
    <message>
        <source>&amp;After expiry:</source>
        <translation>Tr&amp;as la caducidad:</translation>
    </message>
</context>
<context>
    <name>shortfuse::LinkTableModel</name>
    <message>
        <source>active</source>
        <translation>activo</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>caducado</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>revocado</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 / unlimited</source>
        <translation>%1 / ilimitado</translation>
    </message>
    <message>
        <source>Short link</source>
        <translation>Enlace corto</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Destino</translation>
    </message>
    <message>
        <source>Clicks</source>
        <translation>Clics</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <source>password</source>
        <translation>contraseña</translation>
    </message>
    <message>
        <source>confirm</source>
        <translation>confirmar</translation>
    </message>
    <message>
        <source>Visitors must enter a password.</source>
        <translation>Los visitantes deben introducir una contraseña.</translation>
    </message>
    <message>
        <source>Preview protection: auto</source>
        <translation>Protección contra vistas previas: automática</translation>
    </message>
    <message>
        <source>Preview protection: confirm (visitors press Continue)</source>
        <translation>Protección contra vistas previas: confirmar (los visitantes pulsan Continuar)</translation>
    </message>
    <message>
        <source>Preview protection: off</source>
        <translation>Protección contra vistas previas: desactivada</translation>
    </message>
    <message>
        <source>After expiry: %1</source>
        <translation>Tras la caducidad: %1</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Caduca</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Etiqueta</translation>
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
        <translation>Elegir otro &amp;puerto…</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <source>Filter by short link or destination (Ctrl+F)</source>
        <translation>Filtrar por enlace corto o destino (Ctrl+F)</translation>
    </message>
    <message>
        <source>Filter links</source>
        <translation>Filtrar enlaces</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>Enlaces</translation>
    </message>
    <message>
        <source>&amp;Links</source>
        <translation>&amp;Enlaces</translation>
    </message>
    <message>
        <source>S&amp;tatistics</source>
        <translation>Es&amp;tadísticas</translation>
    </message>
    <message>
        <source>%1 links</source>
        <translation>%1 enlaces</translation>
    </message>
    <message>
        <source>&amp;Copy short link</source>
        <translation>&amp;Copiar enlace corto</translation>
    </message>
    <message>
        <source>Open &amp;statistics</source>
        <translation>Abrir e&amp;stadísticas</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>Open &amp;destination in browser</source>
        <translation>Abrir el &amp;destino en el navegador</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>&amp;Revoke…</source>
        <translation>&amp;Revocar…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Ajustes…</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;New link</source>
        <translation>&amp;Nuevo enlace</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>&amp;Find links</source>
        <translation>&amp;Buscar enlaces</translation>
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
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Close window</source>
        <translation>&amp;Cerrar ventana</translation>
    </message>
    <message>
        <source>&amp;Link</source>
        <translation>E&amp;nlace</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;About Shortfuse</source>
        <translation>&amp;Acerca de Shortfuse</translation>
    </message>
    <message>
        <source>About Shortfuse</source>
        <translation>Acerca de Shortfuse</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Shortfuse %1&lt;/h3&gt;&lt;p&gt;Short links that burn out: each one redirects exactly as many times as you allow, then shows an &quot;expired&quot; page.&lt;/p&gt;&lt;p&gt;This window runs its own link server; closing it keeps the links working while the tray icon is there.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Shortfuse %1&lt;/h3&gt;&lt;p&gt;Enlaces cortos que se consumen: cada uno redirige exactamente las veces que permitas y luego muestra una página de «caducado».&lt;/p&gt;&lt;p&gt;Esta ventana ejecuta su propio servidor de enlaces; al cerrarla, los enlaces siguen funcionando mientras el icono esté en la bandeja.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Acerca de &amp;Qt</translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation>%1 copiado</translation>
    </message>
    <message>
        <source>Revoke link</source>
        <translation>Revocar enlace</translation>
    </message>
    <message>
        <source>Revoke %1?

From now on it answers like an expired link. This cannot be undone.</source>
        <translation>¿Revocar %1?

A partir de ahora responderá como un enlace caducado. No se puede deshacer.</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Revocar</translation>
    </message>
    <message>
        <source>Revoked %1</source>
        <translation>%1 revocado</translation>
    </message>
    <message>
        <source>Starting the server…</source>
        <translation>Iniciando el servidor…</translation>
    </message>
    <message>
        <source>Stopping the server…</source>
        <translation>Deteniendo el servidor…</translation>
    </message>
    <message>
        <source>The server is stopped.</source>
        <translation>El servidor está detenido.</translation>
    </message>
    <message>
        <source>Serving on %1</source>
        <translation>Sirviendo en %1</translation>
    </message>
    <message>
        <source>Short links start with %1</source>
        <translation>Los enlaces cortos empiezan por %1</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>comprobando…</translation>
    </message>
    <message>
        <source>&lt;b&gt;The link server could not start.&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;No se pudo iniciar el servidor de enlaces.&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>Not serving</source>
        <translation>Sin servicio</translation>
    </message>
    <message>
        <source>The server answered its health check.</source>
        <translation>El servidor respondió a su comprobación de estado.</translation>
    </message>
    <message>
        <source>The health check failed: %1</source>
        <translation>La comprobación de estado falló: %1</translation>
    </message>
    <message>
        <source>%1 links · %2 clicks today</source>
        <translation>%1 enlaces · %2 clics hoy</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Editar…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Links for several &amp;recipients…</source>
        <translation>Enlaces para varios &amp;destinatarios…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 guardado</translation>
    </message>
    <message>
        <source>Made %1 links</source>
        <translation>%1 enlaces creados</translation>
    </message>
    <message>
        <source>&amp;Webhook settings…</source>
        <translation>Ajustes de &amp;webhooks…</translation>
    </message>
    <message>
        <source>Webhook to %1 was disabled after failing for 24 hours: its events are no longer sent. Delete it in the settings, or add it again once the receiver works.</source>
        <translation>El webhook a %1 se desactivó tras fallar durante 24 horas: ya no se le envían eventos. Elimínelo en los ajustes o vuelva a añadirlo cuando el receptor funcione.</translation>
    </message>
    <message>
        <source>Webhooks to %1 were disabled after failing for 24 hours: their events are no longer sent. Delete them in the settings, or add them again once the receivers work.</source>
        <translation>Los webhooks a %1 se desactivaron tras fallar durante 24 horas: ya no se les envían eventos. Elimínelos en los ajustes o vuelva a añadirlos cuando los receptores funcionen.</translation>
    </message>
    <message>
        <source>● answering</source>
        <translation>● responde</translation>
    </message>
    <message>
        <source>● not answering</source>
        <translation>● no responde</translation>
    </message>
    <message>
        <source>The router&apos;s external address changed to %1; new links start with %2.</source>
        <translation>La dirección externa del router cambió a %1; los enlaces nuevos empiezan por %2.</translation>
    </message>
    <message>
        <source>Use %1 for links</source>
        <translation>Usar %1 para los enlaces</translation>
    </message>
    <message>
        <source>Make new short links with this address (Settings, public base URL).</source>
        <translation>Crear los nuevos enlaces cortos con esta dirección (Ajustes, URL base pública).</translation>
    </message>
    <message>
        <source>New links start with %1.</source>
        <translation>Los enlaces nuevos empiezan por %1.</translation>
    </message>
    <message>
        <source>Remove Server</source>
        <translation>Quitar servidor</translation>
    </message>
    <message>
        <source>Remove %1 from this window? Its links stay on the server; its key is deleted from the keychain.</source>
        <translation>¿Quitar %1 de esta ventana? Sus enlaces se quedan en el servidor; su clave se borra del llavero.</translation>
    </message>
    <message>
        <source>API Key for %1</source>
        <translation>Clave de API para %1</translation>
    </message>
    <message>
        <source>%1

API key for %2:</source>
        <translation>%1

Clave de API para %2:</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Conectado a %1</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Conectando a %1…</translation>
    </message>
    <message>
        <source>Reconnecting to %1…</source>
        <translation>Reconectando a %1…</translation>
    </message>
    <message>
        <source>Not connected to %1: %2</source>
        <translation>No conectado a %1: %2</translation>
    </message>
    <message>
        <source>Not connected to %1</source>
        <translation>No conectado a %1</translation>
    </message>
    <message>
        <source>Untrusted Certificate</source>
        <translation>Certificado no confiable</translation>
    </message>
    <message>
        <source>%1

Trust this certificate for %2 from now on? Only do so if its SHA-256 fingerprint is the one of your server:
%3</source>
        <translation>%1

¿Confiar en este certificado para %2 a partir de ahora? Hágalo solo si su huella SHA-256 es la de su servidor:
%3</translation>
    </message>
    <message>
        <source>&amp;Trust This Certificate</source>
        <translation>&amp;Confiar en este certificado</translation>
    </message>
</context>
<context>
    <name>shortfuse::RecipientsDialog</name>
    <message>
        <source>Links for several recipients</source>
        <translation>Enlaces para varios destinatarios</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Destinatarios</translation>
    </message>
    <message>
        <source>One name a line; each gets a link of its own, labelled with the name.</source>
        <translation>Un nombre por línea; cada uno recibe su propio enlace, etiquetado con el nombre.</translation>
    </message>
    <message>
        <source>&amp;Import names…</source>
        <translation>&amp;Importar nombres…</translation>
    </message>
    <message>
        <source>A text file (one name a line) or a CSV file (the first column).</source>
        <translation>Un archivo de texto (un nombre por línea) o un archivo CSV (la primera columna).</translation>
    </message>
    <message>
        <source>Recipients: %1</source>
        <translation>Destinatarios: %1</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Destino</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>Short link</source>
        <translation>Enlace corto</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Estadísticas</translation>
    </message>
    <message>
        <source>Save QR &amp;sheet (PDF)…</source>
        <translation>Guardar &amp;hoja de QR (PDF)…</translation>
    </message>
    <message>
        <source>&amp;Destination:</source>
        <translation>&amp;Destino:</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>No se pudo leer %1: %2</translation>
    </message>
    <message>
        <source>Import names</source>
        <translation>Importar nombres</translation>
    </message>
    <message>
        <source>Text or CSV files (*.txt *.csv);;All files (*)</source>
        <translation>Archivos de texto o CSV (*.txt *.csv);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Enter at least one name.</source>
        <translation>Escriba al menos un nombre.</translation>
    </message>
    <message>
        <source>At most %1 recipients at a time.</source>
        <translation>Como máximo %1 destinatarios a la vez.</translation>
    </message>
    <message>
        <source>Name %1 (%2): %3</source>
        <translation>Nombre %1 (%2): %3</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>No se pudo escribir %1: %2</translation>
    </message>
    <message>
        <source>Shortfuse links</source>
        <translation>Enlaces de Shortfuse</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Exportar CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Save QR sheet</source>
        <translation>Guardar hoja de QR</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>C&amp;reate links</source>
        <translation>C&amp;rear enlaces</translation>
    </message>
    <message>
        <source>Export CS&amp;V…</source>
        <translation>Exportar CS&amp;V…</translation>
    </message>
</context>
<context>
    <name>shortfuse::RemoteConsole</name>
    <message>
        <source>The server refused the connection (is it running?).</source>
        <translation>El servidor rechazó la conexión (¿está en marcha?).</translation>
    </message>
    <message>
        <source>The server&apos;s name was not found.</source>
        <translation>No se encontró el nombre del servidor.</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>El servidor no respondió a tiempo.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted: %1</source>
        <translation>El certificado del servidor no es de confianza: %1</translation>
    </message>
    <message>
        <source>The server refused the API key: it was revoked or mistyped.</source>
        <translation>El servidor rechazó la clave de API: fue revocada o está mal escrita.</translation>
    </message>
    <message>
        <source>The server closed the event stream.</source>
        <translation>El servidor cerró el flujo de eventos.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>No se pudo escribir %1: %2</translation>
    </message>
</context>
<context>
    <name>shortfuse::ServerHost</name>
    <message>
        <source>There is no link %1.</source>
        <translation>No existe el enlace %1.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>No se pudo escribir %1: %2</translation>
    </message>
</context>
<context>
    <name>shortfuse::SettingsDialog</name>
    <message>
        <source>System default</source>
        <translation>Predeterminado del sistema</translation>
    </message>
    <message>
        <source>Shortfuse Settings</source>
        <translation>Ajustes de Shortfuse</translation>
    </message>
    <message>
        <source>Bind address</source>
        <translation>Dirección de escucha</translation>
    </message>
    <message>
        <source>127.0.0.1: this computer only. 0.0.0.0 or ::: every network interface.</source>
        <translation>127.0.0.1: solo este equipo. 0.0.0.0 o ::: todas las interfaces de red.</translation>
    </message>
    <message>
        <source>Any free port</source>
        <translation>Cualquier puerto libre</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Puerto</translation>
    </message>
    <message>
        <source>automatic: http://&lt;bind address&gt;:&lt;port&gt;</source>
        <translation>automático: http://&lt;dirección&gt;:&lt;puerto&gt;</translation>
    </message>
    <message>
        <source>Public base URL</source>
        <translation>URL base pública</translation>
    </message>
    <message>
        <source>The address people use to reach this computer, when a router, a tunnel or a reverse proxy exposes it, e.g. https://sho.rt</source>
        <translation>La dirección con la que otros llegan a este equipo cuando un router, un túnel o un proxy inverso lo expone, p. ej. https://sho.rt</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Desactivado</translation>
    </message>
    <message>
        <source> per minute</source>
        <translation> por minuto</translation>
    </message>
    <message>
        <source>Rate limit</source>
        <translation>Límite de frecuencia</translation>
    </message>
    <message>
        <source>Links each client address may create per minute through the web form and the API. Redirects are never limited.</source>
        <translation>Enlaces que cada dirección de cliente puede crear por minuto mediante el formulario web y la API. Las redirecciones nunca se limitan.</translation>
    </message>
    <message>
        <source>none, e.g. 127.0.0.1, 10.0.0.0/8</source>
        <translation>ninguno, p. ej. 127.0.0.1, 10.0.0.0/8</translation>
    </message>
    <message>
        <source>Trusted proxies</source>
        <translation>Proxies de confianza</translation>
    </message>
    <message>
        <source>Peers whose X-Forwarded-For header is believed.</source>
        <translation>Equipos cuyo encabezado X-Forwarded-For se considera fiable.</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Carpeta de datos</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Examinar…</translation>
    </message>
    <message>
        <source>Start &amp;minimised to the tray</source>
        <translation>Iniciar &amp;minimizado en la bandeja</translation>
    </message>
    <message>
        <source>This desktop has no tray; the window always opens.</source>
        <translation>Este escritorio no tiene bandeja; la ventana siempre se abre.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>A new language shows the next time Shortfuse starts.</source>
        <translation>El nuevo idioma se mostrará la próxima vez que se inicie Shortfuse.</translation>
    </message>
    <message>
        <source>Link server</source>
        <translation>Servidor de enlaces</translation>
    </message>
    <message>
        <source>&amp;Bind address:</source>
        <translation>&amp;Dirección de escucha:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Puerto:</translation>
    </message>
    <message>
        <source>Public &amp;base URL:</source>
        <translation>URL &amp;base pública:</translation>
    </message>
    <message>
        <source>&amp;Rate limit:</source>
        <translation>&amp;Límite de frecuencia:</translation>
    </message>
    <message>
        <source>&amp;Trusted proxies:</source>
        <translation>Proxies de &amp;confianza:</translation>
    </message>
    <message>
        <source>&amp;Data folder:</source>
        <translation>Carpeta de &amp;datos:</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Ventana</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>OK restarts the link server with these settings. Clicks already recorded are kept.</source>
        <translation>Aceptar reinicia el servidor de enlaces con estos ajustes. Los clics ya registrados se conservan.</translation>
    </message>
    <message>
        <source>Not an IP address; try 127.0.0.1 or 0.0.0.0.</source>
        <translation>No es una dirección IP; prueba 127.0.0.1 o 0.0.0.0.</translation>
    </message>
    <message>
        <source>Use an http:// or https:// address without a query, e.g. https://sho.rt</source>
        <translation>Usa una dirección http:// o https:// sin consulta, p. ej. https://sho.rt</translation>
    </message>
    <message>
        <source>Addresses or ranges separated by commas, e.g. 127.0.0.1, 10.0.0.0/8.</source>
        <translation>Direcciones o rangos separados por comas, p. ej. 127.0.0.1, 10.0.0.0/8.</translation>
    </message>
    <message>
        <source>Who may create links</source>
        <translation>Quién puede crear enlaces</translation>
    </message>
    <message>
        <source>This computer, or anyone with an API key</source>
        <translation>Este equipo, o quien tenga una clave de API</translation>
    </message>
    <message>
        <source>Only with an API key</source>
        <translation>Solo con una clave de API</translation>
    </message>
    <message>
        <source>Anyone (within the rate limit)</source>
        <translation>Cualquiera (dentro del límite de frecuencia)</translation>
    </message>
    <message>
        <source>Who may make links through the web form and the API. This window always can.</source>
        <translation>Quién puede crear enlaces con el formulario web y la API. Esta ventana siempre puede.</translation>
    </message>
    <message>
        <source>Anyone who knows a short link may read its &amp;statistics</source>
        <translation>Quien conozca un enlace corto puede leer sus e&amp;stadísticas</translation>
    </message>
    <message>
        <source>Off: only this computer, API keys and holders of a link&apos;s statistics address (with its token) may read them.</source>
        <translation>Desactivado: solo este equipo, las claves de API y quien tenga la dirección de estadísticas de un enlace (con su token) pueden leerlas.</translation>
    </message>
    <message>
        <source>Who may &amp;create:</source>
        <translation>Quién puede &amp;crear:</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>Claves de API</translation>
    </message>
    <message>
        <source>Scripts and other computers make and manage links with a key (Authorization: Bearer …). Keys work, and stop working, at once: no restart.</source>
        <translation>Los scripts y otros equipos crean y gestionan enlaces con una clave (Authorization: Bearer …). Las claves funcionan, y dejan de funcionar, al instante: sin reiniciar.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Sees</source>
        <translation>Ve</translation>
    </message>
    <message>
        <source>Key starts with</source>
        <translation>La clave empieza por</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Último uso</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>New key&apos;s name</source>
        <translation>Nombre de la nueva clave</translation>
    </message>
    <message>
        <source>name of a new key, e.g. backup-script</source>
        <translation>nombre de una clave nueva, p. ej. backup-script</translation>
    </message>
    <message>
        <source>&amp;Admin (sees every link)</source>
        <translation>&amp;Administrador (ve todos los enlaces)</translation>
    </message>
    <message>
        <source>Create &amp;key</source>
        <translation>Crear &amp;clave</translation>
    </message>
    <message>
        <source>Re&amp;voke…</source>
        <translation>Re&amp;vocar…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Copy this key now.&lt;/b&gt; It is shown only this once: Shortfuse keeps only a fingerprint of it and cannot show it again.</source>
        <translation>&lt;b&gt;Copie esta clave ahora.&lt;/b&gt; Solo se muestra esta vez: Shortfuse guarda solo una huella de ella y no puede volver a mostrarla.</translation>
    </message>
    <message>
        <source>The new key</source>
        <translation>La nueva clave</translation>
    </message>
    <message>
        <source>C&amp;opy</source>
        <translation>C&amp;opiar</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>every link (admin)</source>
        <translation>todos los enlaces (administrador)</translation>
    </message>
    <message>
        <source>its own links</source>
        <translation>sus propios enlaces</translation>
    </message>
    <message>
        <source>revoked %1</source>
        <translation>revocada %1</translation>
    </message>
    <message>
        <source>active</source>
        <translation>activa</translation>
    </message>
    <message>
        <source>Revoke key</source>
        <translation>Revocar clave</translation>
    </message>
    <message>
        <source>Revoke the key &quot;%1&quot;?

Every script or server using it is refused from now on. This cannot be undone.</source>
        <translation>¿Revocar la clave «%1»?

A partir de ahora se rechaza todo script o servidor que la use. No se puede deshacer.</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Revocar</translation>
    </message>
    <message>
        <source>Notify me</source>
        <translation>Notificarme</translation>
    </message>
    <message>
        <source>On every click of a capped link</source>
        <translation>En cada clic de un enlace limitado</translation>
    </message>
    <message>
        <source>Only when a link is used up</source>
        <translation>Solo cuando un enlace se agota</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nunca</translation>
    </message>
    <message>
        <source>&amp;Quiet for bots</source>
        <translation>Sin avisos de bo&amp;ts</translation>
    </message>
    <message>
        <source>No notification when a crawler or a link checker opens a link.</source>
        <translation>Ningún aviso cuando un rastreador o un comprobador de enlaces abre un enlace.</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notificaciones</translation>
    </message>
    <message>
        <source>&amp;Notify me:</source>
        <translation>&amp;Notificarme:</translation>
    </message>
    <message>
        <source>Reachable from the internet</source>
        <translation>Accesible desde internet</translation>
    </message>
    <message>
        <source>Make my links reachable from the &amp;internet</source>
        <translation>Hacer mis enlaces accesibles desde &amp;internet</translation>
    </message>
    <message>
        <source>Asks your router (UPnP or NAT-PMP) to forward a port to this computer, and listens on every network interface. /metrics stays on this computer.</source>
        <translation>Pide a su router (UPnP o NAT-PMP) que redirija un puerto a este ordenador y escucha en todas las interfaces de red. /metrics se queda en este ordenador.</translation>
    </message>
    <message>
        <source>Same as the port</source>
        <translation>Igual que el puerto</translation>
    </message>
    <message>
        <source>External port</source>
        <translation>Puerto externo</translation>
    </message>
    <message>
        <source>The port to ask for on the router&apos;s internet side; another is taken when the router has this one in use.</source>
        <translation>El puerto que se pide en el lado de internet del router; si el router ya lo usa, se toma otro.</translation>
    </message>
    <message>
        <source>E&amp;xternal port:</source>
        <translation>Puerto e&amp;xterno:</translation>
    </message>
    <message>
        <source>The server is not running.</source>
        <translation>El servidor no está en marcha.</translation>
    </message>
    <message>
        <source>Use %1 as the public base URL</source>
        <translation>Usar %1 como URL base pública</translation>
    </message>
    <message>
        <source>Run this computer&apos;s own link &amp;server</source>
        <translation>Ejecutar el &amp;servidor de enlaces propio de este ordenador</translation>
    </message>
    <message>
        <source>Off: this window only manages remote servers (Server → Add a server…), and this computer serves no links.</source>
        <translation>Desactivado: esta ventana solo gestiona servidores remotos (Servidor → Añadir un servidor…) y este ordenador no sirve enlaces.</translation>
    </message>
</context>
<context>
    <name>shortfuse::StatsView</name>
    <message>
        <source>redirected</source>
        <translation>redirigido</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>caducado</translation>
    </message>
    <message>
        <source>preview</source>
        <translation>vista previa</translation>
    </message>
    <message>
        <source>asked to confirm</source>
        <translation>confirmación solicitada</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Estadísticas</translation>
    </message>
    <message>
        <source>Select a link in the Links tab and choose &lt;b&gt;Open statistics&lt;/b&gt; (Ctrl+I, Enter or a double click).</source>
        <translation>Selecciona un enlace en la pestaña Enlaces y elige &lt;b&gt;Abrir estadísticas&lt;/b&gt; (Ctrl+I, Intro o doble clic).</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>&amp;Exportar CSV…</translation>
    </message>
    <message>
        <source>Export the click log as CSV</source>
        <translation>Exportar el registro de clics como CSV</translation>
    </message>
    <message>
        <source>Clicks over time</source>
        <translation>Clics a lo largo del tiempo</translation>
    </message>
    <message>
        <source>Clicks over time chart</source>
        <translation>Gráfico de clics a lo largo del tiempo</translation>
    </message>
    <message>
        <source>Humans and bots</source>
        <translation>Personas y bots</translation>
    </message>
    <message>
        <source>Humans and bots chart</source>
        <translation>Gráfico de personas y bots</translation>
    </message>
    <message>
        <source>Countries</source>
        <translation>Países</translation>
    </message>
    <message>
        <source>Clicks by country chart</source>
        <translation>Gráfico de clics por país</translation>
    </message>
    <message>
        <source>Browsers</source>
        <translation>Navegadores</translation>
    </message>
    <message>
        <source>Clicks by browser chart</source>
        <translation>Gráfico de clics por navegador</translation>
    </message>
    <message>
        <source>Operating systems</source>
        <translation>Sistemas operativos</translation>
    </message>
    <message>
        <source>Clicks by operating system chart</source>
        <translation>Gráfico de clics por sistema operativo</translation>
    </message>
    <message>
        <source>Click log</source>
        <translation>Registro de clics</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <source>Browser</source>
        <translation>Navegador</translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation>Sistema operativo</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <source>Referrer</source>
        <translation>Referente</translation>
    </message>
    <message>
        <source>Bot</source>
        <translation>Bot</translation>
    </message>
    <message>
        <source>Load &amp;older entries</source>
        <translation>Cargar entradas más &amp;antiguas</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>There is no link %1.</source>
        <translation>No existe el enlace %1.</translation>
    </message>
    <message>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
    <message>
        <source>%1 of %2 clicks used</source>
        <translation>%1 de %2 clics usados</translation>
    </message>
    <message>
        <source>%1 clicks (unlimited)</source>
        <translation>%1 clics (ilimitado)</translation>
    </message>
    <message>
        <source>created %1</source>
        <translation>creado el %1</translation>
    </message>
    <message>
        <source>first click %1</source>
        <translation>primer clic %1</translation>
    </message>
    <message>
        <source>last click %1</source>
        <translation>último clic %1</translation>
    </message>
    <message>
        <source>%1 requests after it expired</source>
        <translation>%1 solicitudes después de caducar</translation>
    </message>
    <message>
        <source>Click log: %1 of %2 requests, newest first</source>
        <translation>Registro de clics: %1 de %2 solicitudes, las más recientes primero</translation>
    </message>
    <message>
        <source>Clicks</source>
        <translation>Clics</translation>
    </message>
    <message>
        <source>Clicks per %1</source>
        <translation>Clics por %1</translation>
    </message>
    <message>
        <source>week</source>
        <translation>semana</translation>
    </message>
    <message>
        <source>day</source>
        <translation>día</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>hora</translation>
    </message>
    <message>
        <source>5 minutes</source>
        <translation>5 minutos</translation>
    </message>
    <message>
        <source>minute</source>
        <translation>minuto</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
    <message>
        <source>Other: %1</source>
        <translation>Otros: %1</translation>
    </message>
    <message>
        <source>No clicks yet</source>
        <translation>Aún no hay clics</translation>
    </message>
    <message>
        <source>Humans: %1</source>
        <translation>Personas: %1</translation>
    </message>
    <message>
        <source>Bots: %1</source>
        <translation>Bots: %1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>Export click log</source>
        <translation>Exportar registro de clics</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exported %1 log entries to %2</source>
        <translation>%1 entradas exportadas a %2</translation>
    </message>
</context>
<context>
    <name>shortfuse::TrayController</name>
    <message>
        <source>&amp;Show window</source>
        <translation>&amp;Mostrar ventana</translation>
    </message>
    <message>
        <source>&amp;Copy last link</source>
        <translation>&amp;Copiar el último enlace</translation>
    </message>
    <message>
        <source>Shortfuse</source>
        <translation>Shortfuse</translation>
    </message>
    <message>
        <source>Shortfuse is still running</source>
        <translation>Shortfuse sigue en marcha</translation>
    </message>
    <message>
        <source>Your short links keep working while Shortfuse runs in the tray. To stop serving them, choose Quit from the tray icon&apos;s menu.</source>
        <translation>Tus enlaces cortos siguen funcionando mientras Shortfuse se ejecuta en la bandeja. Para dejar de servirlos, elige Salir en el menú del icono.</translation>
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
        <translation>agotado</translation>
    </message>
    <message>
        <source>previews held off</source>
        <translation>vistas previas frenadas</translation>
    </message>
    <message>
        <source>late arrivals</source>
        <translation>llegadas tardías</translation>
    </message>
    <message>
        <source>Webhooks</source>
        <translation>Webhooks</translation>
    </message>
    <message>
        <source>Each click, used-up link, preview held off or late arrival can be sent to a web address: chat (Slack, Discord, ntfy) or your own service, signed per Standard Webhooks. Changes apply at once.</source>
        <translation>Cada clic, enlace agotado, vista previa frenada o llegada tardía puede enviarse a una dirección web: un chat (Slack, Discord, ntfy) o su propio servicio, firmado según Standard Webhooks. Los cambios se aplican al instante.</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Delivered / pending</source>
        <translation>Entregados / pendientes</translation>
    </message>
    <message>
        <source>&amp;Add webhook…</source>
        <translation>&amp;Añadir webhook…</translation>
    </message>
    <message>
        <source>Send &amp;test</source>
        <translation>Enviar &amp;prueba</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Eliminar…</translation>
    </message>
    <message>
        <source>Webhook address</source>
        <translation>Dirección del webhook</translation>
    </message>
    <message>
        <source>https://hooks.slack.com/services/…</source>
        <translation>https://hooks.slack.com/services/…</translation>
    </message>
    <message>
        <source>&amp;Clicks on capped links</source>
        <translation>&amp;Clics en enlaces limitados</translation>
    </message>
    <message>
        <source>Link &amp;used up</source>
        <translation>Enlace a&amp;gotado</translation>
    </message>
    <message>
        <source>&amp;Preview or scanner held off</source>
        <translation>Vista &amp;previa o escáner frenado</translation>
    </message>
    <message>
        <source>Arrival &amp;after expiry</source>
        <translation>Llegada &amp;tras la caducidad</translation>
    </message>
    <message>
        <source>Clicks on &amp;unlimited links too (every redirect a delivery)</source>
        <translation>También clics en enlaces &amp;ilimitados (cada redirección, un envío)</translation>
    </message>
    <message>
        <source>Standard Webhooks (JSON, signed)</source>
        <translation>Standard Webhooks (JSON, firmado)</translation>
    </message>
    <message>
        <source>Only links with this label</source>
        <translation>Solo enlaces con esta etiqueta</translation>
    </message>
    <message>
        <source>any label</source>
        <translation>cualquier etiqueta</translation>
    </message>
    <message>
        <source>Create &amp;webhook</source>
        <translation>Crear &amp;webhook</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Add&amp;ress:</source>
        <translation>Di&amp;rección:</translation>
    </message>
    <message>
        <source>Events:</source>
        <translation>Eventos:</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Formato:</translation>
    </message>
    <message>
        <source>Only &amp;label:</source>
        <translation>Solo &amp;etiqueta:</translation>
    </message>
    <message>
        <source>&lt;b&gt;Copy this signing secret now.&lt;/b&gt; It is shown only this once; the receiver checks the webhook-signature header with it.</source>
        <translation>&lt;b&gt;Copie ahora este secreto de firma.&lt;/b&gt; Solo se muestra esta vez; el receptor comprueba con él la cabecera webhook-signature.</translation>
    </message>
    <message>
        <source>The new webhook&apos;s signing secret</source>
        <translation>El secreto de firma del nuevo webhook</translation>
    </message>
    <message>
        <source>C&amp;opy</source>
        <translation>C&amp;opiar</translation>
    </message>
    <message>
        <source>disabled %1 after failing for 24 hours</source>
        <translation>desactivado el %1 tras fallar durante 24 horas</translation>
    </message>
    <message>
        <source>failing since %1</source>
        <translation>falla desde %1</translation>
    </message>
    <message>
        <source>active</source>
        <translation>activo</translation>
    </message>
    <message>
        <source>%1 (last: %2)</source>
        <translation>%1 (último: %2)</translation>
    </message>
    <message>
        <source>unlimited links</source>
        <translation>enlaces ilimitados</translation>
    </message>
    <message>
        <source>%1; label %2</source>
        <translation>%1; etiqueta %2</translation>
    </message>
    <message>
        <source>Delete webhook</source>
        <translation>Eliminar webhook</translation>
    </message>
    <message>
        <source>Delete the webhook to %1?

Its undelivered events are dropped. This cannot be undone.</source>
        <translation>¿Eliminar el webhook a %1?

Sus eventos no entregados se descartan. No se puede deshacer.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Sending a test event…</source>
        <translation>Enviando un evento de prueba…</translation>
    </message>
    <message>
        <source>Test delivered (HTTP %1, %2 ms).</source>
        <translation>Prueba entregada (HTTP %1, %2 ms).</translation>
    </message>
    <message>
        <source>Test not delivered: %1</source>
        <translation>Prueba no entregada: %1</translation>
    </message>
</context>
</TS>
