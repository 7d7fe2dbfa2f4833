<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>ErrorText</name>
    <message>
        <source>Enter the address the short link should lead to.</source>
        <translation>短縮リンクの転送先アドレスを入力してください。</translation>
    </message>
    <message>
        <source>The address is too long (at most %1 characters).</source>
        <translation>アドレスが長すぎます（最大 %1 文字）。</translation>
    </message>
    <message>
        <source>This is not a complete web address (for example https://example.com/page).</source>
        <translation>完全なウェブアドレスではありません（例: https://example.com/page）。</translation>
    </message>
    <message>
        <source>Only http:// and https:// addresses can be shortened.</source>
        <translation>短縮できるのは http:// と https:// のアドレスだけです。</translation>
    </message>
    <message>
        <source>An alias has %1 to %2 characters: letters, digits, &apos;-&apos; and &apos;_&apos;.</source>
        <translation>エイリアスは %1〜%2 文字の英字・数字・「-」・「_」です。</translation>
    </message>
    <message>
        <source>This word is used by the server itself; choose another alias.</source>
        <translation>この語はサーバー自身が使っています。別のエイリアスを選んでください。</translation>
    </message>
    <message>
        <source>This alias is already in use.</source>
        <translation>このエイリアスはすでに使われています。</translation>
    </message>
    <message>
        <source>Max clicks must be a whole number from 1 to 2147483647.</source>
        <translation>最大クリック数は 1〜2147483647 の整数で指定してください。</translation>
    </message>
    <message>
        <source>Too many links in a short time; try again in a minute.</source>
        <translation>短時間に作成されたリンクが多すぎます。1 分後にもう一度お試しください。</translation>
    </message>
    <message>
        <source>The server is not running.</source>
        <translation>サーバーが動作していません。</translation>
    </message>
    <message>
        <source>The server is busy; try again in a moment.</source>
        <translation>サーバーが混み合っています。しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <source>Choose one of the preview protection modes.</source>
        <translation>プレビュー保護のモードを 1 つ選んでください。</translation>
    </message>
    <message>
        <source>A link password has %1 to %2 characters.</source>
        <translation>リンクのパスワードは %1〜%2 文字です。</translation>
    </message>
    <message>
        <source>Choose an expiry time in the future.</source>
        <translation>有効期限には未来の日時を選んでください。</translation>
    </message>
    <message>
        <source>After expiry, visitors can only be sent to a complete http:// or https:// address.</source>
        <translation>期限切れ後の転送先には、完全な http:// または https:// のアドレスしか指定できません。</translation>
    </message>
    <message>
        <source>A label has at most %1 characters, on one line.</source>
        <translation>ラベルは 1 行で最大 %1 文字です。</translation>
    </message>
    <message>
        <source>Max clicks cannot be lower than the clicks already used.</source>
        <translation>最大クリック数は、すでに使われたクリック数より少なくできません。</translation>
    </message>
    <message>
        <source>This link no longer exists.</source>
        <translation>このリンクはもう存在しません。</translation>
    </message>
    <message>
        <source>A key name has 1 to %1 characters, without control characters or spaces around it.</source>
        <translation>キー名は 1〜%1 文字で、制御文字や前後の空白は使えません。</translation>
    </message>
    <message>
        <source>A key with this name exists already.</source>
        <translation>この名前のキーはすでにあります。</translation>
    </message>
</context>
<context>
    <name>ReachabilityText</name>
    <message>
        <source>Reachable from the internet</source>
        <translation>インターネットから到達可能</translation>
    </message>
    <message>
        <source>Maybe reachable from the internet</source>
        <translation>インターネットから到達できる可能性あり</translation>
    </message>
    <message>
        <source>Reachable on this network only</source>
        <translation>このネットワーク内のみ到達可能</translation>
    </message>
    <message>
        <source>Only on this computer</source>
        <translation>このコンピューターのみ</translation>
    </message>
    <message>
        <source>Asking the router…</source>
        <translation>ルーターに問い合わせ中…</translation>
    </message>
    <message>
        <source>Use IPv6, a tunnel, or a proxy with its own address (a public base URL).</source>
        <translation>IPv6、トンネル、または独自のアドレスを持つプロキシ（公開ベースURL）を使ってください。</translation>
    </message>
    <message>
        <source>Links open from the internet at %1.</source>
        <translation>リンクはインターネットから %1 で開けます。</translation>
    </message>
    <message>
        <source>The router maps %1 to this server, but this computer cannot tell whether it opens from the internet (the router may not loop requests back to it): to be sure, ask someone outside to open a link.</source>
        <translation>ルーターは %1 をこのサーバーに転送していますが、インターネットから開けるかどうかはこのコンピューターからは判断できません（ルーターが内側からの要求を折り返さない可能性があります）。確実にするには、外部の人にリンクを開いてもらってください。</translation>
    </message>
    <message>
        <source>Links open on this network only: no port is mapped on the router.</source>
        <translation>リンクはこのネットワーク内でのみ開けます：ルーターにポートが割り当てられていません。</translation>
    </message>
    <message>
        <source>Links open on this network only: the router mapped the port but did not say its external address.</source>
        <translation>リンクはこのネットワーク内でのみ開けます：ルーターはポートを割り当てましたが、外部アドレスを返しませんでした。</translation>
    </message>
    <message>
        <source>Links open on this network only: no router answered UPnP or NAT-PMP.</source>
        <translation>リンクはこのネットワーク内でのみ開けます：UPnP にも NAT-PMP にも応答するルーターがありません。</translation>
    </message>
    <message>
        <source>Links open on this network only: the router refused the port mapping (%1).</source>
        <translation>リンクはこのネットワーク内でのみ開けます：ルーターがポート割り当てを拒否しました（%1）。</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>理由の説明なし</translation>
    </message>
    <message>
        <source>Links open on this network only: the router&apos;s external address %1 is in your provider&apos;s carrier-grade NAT (100.64.0.0/10), so no mapping can help.</source>
        <translation>リンクはこのネットワーク内でのみ開けます：ルーターの外部アドレス %1 はプロバイダーのキャリアグレード NAT（100.64.0.0/10）内にあるため、ポート割り当てでは解決できません。</translation>
    </message>
    <message>
        <source>Links open on this network and the one outside the router, at %1: that is not a public address, another router is in front, so the internet cannot reach it.</source>
        <translation>リンクはこのネットワークとルーターの外側のネットワークで %1 から開けます：これは公開アドレスではなく、手前に別のルーターがあるため、インターネットからは届きません。</translation>
    </message>
    <message>
        <source>Over IPv6 the server is on the internet at %1 (no NAT to open; a firewall may still block it).</source>
        <translation>IPv6 では、サーバーは %1 でインターネット上にあります（開く NAT はありませんが、ファイアウォールがブロックする可能性があります）。</translation>
    </message>
    <message>
        <source>Links open only on this computer: the server listens on %1 (loopback) only.</source>
        <translation>リンクはこのコンピューターでのみ開けます：サーバーは %1（ループバック）でのみ待ち受けています。</translation>
    </message>
    <message>
        <source>Asking the router for a port mapping…</source>
        <translation>ルーターにポート割り当てを要求中…</translation>
    </message>
</context>
<context>
    <name>shortfuse::AddServerDialog</name>
    <message>
        <source>Add a Server</source>
        <translation>サーバーを追加</translation>
    </message>
    <message>
        <source>https://sho.rt</source>
        <translation>https://sho.rt</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>サーバーのアドレス</translation>
    </message>
    <message>
        <source>sf_… (shortfuse-server keys create --name NAME)</source>
        <translation>sf_…（shortfuse-server keys create --name NAME）</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API キー</translation>
    </message>
    <message>
        <source>optional, e.g. Home server</source>
        <translation>任意（例：自宅サーバー）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>The key is kept in this computer&apos;s keychain, never in the settings file.</source>
        <translation>キーはこのコンピューターのキーチェーンに保管され、設定ファイルには書かれません。</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>アドレス(&amp;A):</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API キー(&amp;K):</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名前(&amp;N):</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, e.g. https://sho.rt</source>
        <translation>サーバーのアドレスを入力してください（例：https://sho.rt）</translation>
    </message>
    <message>
        <source>Enter an API key made on that server (shortfuse-server keys create).</source>
        <translation>そのサーバーで作成した API キーを入力してください（shortfuse-server keys create）。</translation>
    </message>
</context>
<context>
    <name>shortfuse::ConnectionMenu</name>
    <message>
        <source>&amp;Server</source>
        <translation>サーバー(&amp;S)</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <source>&amp;Add a server…</source>
        <translation>サーバーを追加(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Remove this server…</source>
        <translation>このサーバーを削除(&amp;R)…</translation>
    </message>
</context>
<context>
    <name>shortfuse::Connections</name>
    <message>
        <source>This computer</source>
        <translation>このコンピューター</translation>
    </message>
</context>
<context>
    <name>shortfuse::CreatePanel</name>
    <message>
        <source>New link</source>
        <translation>新しいリンク</translation>
    </message>
    <message>
        <source>https://example.com/a/long/address</source>
        <translation>https://example.com/a/long/address</translation>
    </message>
    <message>
        <source>Destination URL</source>
        <translation>転送先 URL</translation>
    </message>
    <message>
        <source>Destination URL error</source>
        <translation>転送先 URL のエラー</translation>
    </message>
    <message>
        <source>optional, e.g. spring-invite</source>
        <translation>任意（例: spring-invite）</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>エイリアス</translation>
    </message>
    <message>
        <source>Alias error</source>
        <translation>エイリアスのエラー</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>無制限</translation>
    </message>
    <message>
        <source>Max clicks</source>
        <translation>最大クリック数</translation>
    </message>
    <message>
        <source>How many times the link redirects before it expires. The lowest value means unlimited.</source>
        <translation>リンクが期限切れになるまでに転送する回数。最小値は無制限を意味します。</translation>
    </message>
    <message>
        <source>&amp;Shorten</source>
        <translation>短縮(&amp;S)</translation>
    </message>
    <message>
        <source>Shorten</source>
        <translation>短縮</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>URL(&amp;U):</translation>
    </message>
    <message>
        <source>&amp;Alias:</source>
        <translation>エイリアス(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Max clicks:</source>
        <translation>最大クリック数(&amp;M):</translation>
    </message>
    <message>
        <source>Your short link</source>
        <translation>あなたの短縮リンク</translation>
    </message>
    <message>
        <source>Short link</source>
        <translation>短縮リンク</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>コピー(&amp;C)</translation>
    </message>
    <message>
        <source>Copy short link</source>
        <translation>短縮リンクをコピー</translation>
    </message>
    <message>
        <source>Copy confirmation</source>
        <translation>コピーの確認</translation>
    </message>
    <message>
        <source>QR code of the short link</source>
        <translation>短縮リンクの QR コード</translation>
    </message>
    <message>
        <source>Copy &amp;QR code</source>
        <translation>QR コードをコピー(&amp;Q)</translation>
    </message>
    <message>
        <source>Save QR code as &amp;PNG…</source>
        <translation>QR コードを PNG で保存(&amp;P)…</translation>
    </message>
    <message>
        <source>Copied to the clipboard</source>
        <translation>クリップボードにコピーしました</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>コピーしました</translation>
    </message>
    <message>
        <source>QR code copied</source>
        <translation>QR コードをコピーしました</translation>
    </message>
    <message>
        <source>Save QR code</source>
        <translation>QR コードを保存</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 画像 (*.png)</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>%1 に保存しました</translation>
    </message>
    <message>
        <source>Could not save %1.</source>
        <translation>%1 を保存できませんでした。</translation>
    </message>
    <message>
        <source>Enter shortens; the short link goes straight to the clipboard. A link with max clicks redirects that many times, then shows an expired page.</source>
        <translation>Enter で短縮し、短縮リンクはすぐにクリップボードに入ります。最大クリック数を設定したリンクはその回数だけ転送し、その後は期限切れページを表示します。</translation>
    </message>
    <message>
        <source>&amp;Options</source>
        <translation>オプション(&amp;O)</translation>
    </message>
    <message>
        <source>Show link options</source>
        <translation>リンクのオプションを表示</translation>
    </message>
    <message>
        <source>Preview protection, password, expiry</source>
        <translation>プレビュー保護、パスワード、有効期限</translation>
    </message>
    <message>
        <source>Preview protection</source>
        <translation>プレビュー保護</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自動</translation>
    </message>
    <message>
        <source>Chat-app previews and link scanners get a placeholder and use up nothing; people are redirected.</source>
        <translation>チャットアプリのプレビューやリンクスキャナーには代わりのページを返し、何も消費しません。人は転送されます。</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>確認</translation>
    </message>
    <message>
        <source>Every visitor first sees a &quot;Continue?&quot; page; only its button uses up a click.</source>
        <translation>訪問者にはまず「続行しますか?」ページを表示し、そのボタンだけがクリックを消費します。</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <source>Every visit counts, previews and scanners included.</source>
        <translation>プレビューやスキャナーを含め、すべてのアクセスを数えます。</translation>
    </message>
    <message>
        <source>Preview protection error</source>
        <translation>プレビュー保護のエラー</translation>
    </message>
    <message>
        <source>optional, %1 to %2 characters</source>
        <translation>任意（%1〜%2 文字）</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>Visitors must enter this password before they are redirected.</source>
        <translation>訪問者は転送される前にこのパスワードを入力する必要があります。</translation>
    </message>
    <message>
        <source>Password error</source>
        <translation>パスワードのエラー</translation>
    </message>
    <message>
        <source>E&amp;xpires at:</source>
        <translation>有効期限(&amp;X):</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>有効期限</translation>
    </message>
    <message>
        <source>Expiry time</source>
        <translation>有効期限の日時</translation>
    </message>
    <message>
        <source>In your local time. After this moment the link works no more.</source>
        <translation>ローカル時刻です。この時刻を過ぎるとリンクは使えなくなります。</translation>
    </message>
    <message>
        <source>Expiry error</source>
        <translation>有効期限のエラー</translation>
    </message>
    <message>
        <source>optional, e.g. https://example.com/sorry</source>
        <translation>任意（例: https://example.com/sorry）</translation>
    </message>
    <message>
        <source>After expiry, send visitors to</source>
        <translation>期限切れ後の訪問者の転送先</translation>
    </message>
    <message>
        <source>Once the link is used up or past its expiry, visitors go here instead of the expired page.</source>
        <translation>リンクが使い切られるか期限を過ぎると、訪問者は期限切れページの代わりにここへ転送されます。</translation>
    </message>
    <message>
        <source>After expiry address error</source>
        <translation>期限切れ後の転送先のエラー</translation>
    </message>
    <message>
        <source>Previe&amp;w protection:</source>
        <translation>プレビュー保護(&amp;W):</translation>
    </message>
    <message>
        <source>Passwor&amp;d:</source>
        <translation>パスワード(&amp;D):</translation>
    </message>
    <message>
        <source>After expiry, se&amp;nd visitors to:</source>
        <translation>期限切れ後の転送先(&amp;N):</translation>
    </message>
    <message>
        <source>Hide link options</source>
        <translation>リンクのオプションを隠す</translation>
    </message>
</context>
<context>
    <name>shortfuse::DesktopNotifier</name>
    <message>
        <source>%1 clicks on %2 links</source>
        <translation>%2 件のリンクに %1 回のクリック</translation>
    </message>
    <message>
        <source>%1 is used up</source>
        <translation>%1 は使い切られました</translation>
    </message>
    <message>
        <source>%1 was opened — %2 of %3 left</source>
        <translation>%1 が開かれました — 残り %2 / %3</translation>
    </message>
    <message>
        <source>and %1 more clicks just before</source>
        <translation>直前にさらに %1 回のクリック</translation>
    </message>
    <message>
        <source>Open statistics</source>
        <translation>統計を開く</translation>
    </message>
</context>
<context>
    <name>shortfuse::EditLinkDialog</name>
    <message>
        <source>Edit %1</source>
        <translation>%1 を編集</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>転送先</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>ラベル</translation>
    </message>
    <message>
        <source>optional: your own words for this link, e.g. a recipient&apos;s name</source>
        <translation>任意: このリンクを表す言葉 (受取人の名前など)</translation>
    </message>
    <message>
        <source>Clicks used so far: %1. Max clicks cannot go below them; equal to them ends the link.</source>
        <translation>これまでに使われたクリック: %1。最大クリック数はこれより少なくできず、同じ値にするとリンクは終了します。</translation>
    </message>
    <message>
        <source>&amp;Destination:</source>
        <translation>転送先(&amp;D):</translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation>ラベル(&amp;L):</translation>
    </message>
</context>
<context>
    <name>shortfuse::KeyStore</name>
    <message>
        <source>No key is kept for this server.</source>
        <translation>このサーバーのキーは保管されていません。</translation>
    </message>
    <message>
        <source>This desktop has no keychain to keep the key in (%1): Shortfuse asks for it at each start instead, and never writes it to a file.</source>
        <translation>このデスクトップにはキーを保管するキーチェーンがありません（%1）。Shortfuse は起動のたびにキーを尋ね、ファイルには決して書きません。</translation>
    </message>
    <message>
        <source>The keychain refused: %1</source>
        <translation>キーチェーンが拒否しました：%1</translation>
    </message>
</context>
<context>
    <name>shortfuse::LinkConsole</name>
    <message>
        <source>The server is not running.</source>
        <translation>サーバーは実行されていません。</translation>
    </message>
</context>
<context>
    <name>shortfuse::LinkOptionsForm</name>
    <message>
        <source>Unlimited</source>
        <translation>無制限</translation>
    </message>
    <message>
        <source>Max clicks</source>
        <translation>最大クリック数</translation>
    </message>
    <message>
        <source>Preview protection</source>
        <translation>プレビュー保護</translation>
    </message>
    <message>
        <source>Auto (preview bots use nothing)</source>
        <translation>自動 (プレビューボットは消費しない)</translation>
    </message>
    <message>
        <source>Confirm (visitors press Continue)</source>
        <translation>確認 (訪問者が「続行」を押す)</translation>
    </message>
    <message>
        <source>Off (every visit counts)</source>
        <translation>オフ (すべての訪問を数える)</translation>
    </message>
    <message>
        <source>Expires at</source>
        <translation>有効期限</translation>
    </message>
    <message>
        <source>Expiry time</source>
        <translation>有効期限の日時</translation>
    </message>
    <message>
        <source>After expiry, send visitors to</source>
        <translation>期限切れ後の転送先</translation>
    </message>
    <message>
        <source>optional: the expired page otherwise</source>
        <translation>任意 (空欄なら期限切れページ)</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>Remove the password</source>
        <translation>パスワードを削除</translation>
    </message>
    <message>
        <source>Max &amp;clicks:</source>
        <translation>最大クリック数(&amp;C):</translation>
    </message>
    <message>
        <source>Preview &amp;protection:</source>
        <translation>プレビュー保護(&amp;P):</translation>
    </message>
    <message>
        <source>E&amp;xpiry:</source>
        <translation>有効期限(&amp;X):</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>パスワード(&amp;W):</translation>
    </message>
    <message>
        <source>unchanged; type a new one to replace it</source>
        <translation>変更なし (置き換えるには新しいものを入力)</translation>
    </message>
    <message>
        <source>none; type one to set it</source>
        <translation>なし (設定するには入力)</translation>
    </message>
    <message>
        <source>&amp;After expiry:</source>
        <translation>期限切れ後(&amp;A):</translation>
    </message>
</context>
<context>
    <name>shortfuse::LinkTableModel</name>
    <message>
        <source>active</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>期限切れ</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>取り消し済み</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 / unlimited</source>
        <translation>%1 / 無制限</translation>
    </message>
    <message>
        <source>Short link</source>
        <translation>短縮リンク</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>転送先</translation>
    </message>
    <message>
        <source>Clicks</source>
        <translation>クリック数</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>作成日時</translation>
    </message>
    <message>
        <source>password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>confirm</source>
        <translation>確認</translation>
    </message>
    <message>
        <source>Visitors must enter a password.</source>
        <translation>訪問者はパスワードを入力する必要があります。</translation>
    </message>
    <message>
        <source>Preview protection: auto</source>
        <translation>プレビュー保護: 自動</translation>
    </message>
    <message>
        <source>Preview protection: confirm (visitors press Continue)</source>
        <translation>プレビュー保護: 確認（訪問者が「続行」を押す）</translation>
    </message>
    <message>
        <source>Preview protection: off</source>
        <translation>プレビュー保護: オフ</translation>
    </message>
    <message>
        <source>After expiry: %1</source>
        <translation>期限切れ後: %1</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>有効期限</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>ラベル</translation>
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
        <translation>別のポートを選ぶ(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>再試行(&amp;R)</translation>
    </message>
    <message>
        <source>Filter by short link or destination (Ctrl+F)</source>
        <translation>短縮リンクまたは転送先で絞り込み (Ctrl+F)</translation>
    </message>
    <message>
        <source>Filter links</source>
        <translation>リンクを絞り込む</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>リンク</translation>
    </message>
    <message>
        <source>&amp;Links</source>
        <translation>リンク(&amp;L)</translation>
    </message>
    <message>
        <source>S&amp;tatistics</source>
        <translation>統計(&amp;T)</translation>
    </message>
    <message>
        <source>%1 links</source>
        <translation>%1 件のリンク</translation>
    </message>
    <message>
        <source>&amp;Copy short link</source>
        <translation>短縮リンクをコピー(&amp;C)</translation>
    </message>
    <message>
        <source>Open &amp;statistics</source>
        <translation>統計を開く(&amp;S)</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>Open &amp;destination in browser</source>
        <translation>転送先をブラウザーで開く(&amp;D)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>&amp;Revoke…</source>
        <translation>取り消す(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;New link</source>
        <translation>新しいリンク(&amp;N)</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>&amp;Find links</source>
        <translation>リンクを検索(&amp;F)</translation>
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
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Close window</source>
        <translation>ウィンドウを閉じる(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Link</source>
        <translation>リンク(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Shortfuse</source>
        <translation>Shortfuse について(&amp;A)</translation>
    </message>
    <message>
        <source>About Shortfuse</source>
        <translation>Shortfuse について</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Shortfuse %1&lt;/h3&gt;&lt;p&gt;Short links that burn out: each one redirects exactly as many times as you allow, then shows an &quot;expired&quot; page.&lt;/p&gt;&lt;p&gt;This window runs its own link server; closing it keeps the links working while the tray icon is there.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Shortfuse %1&lt;/h3&gt;&lt;p&gt;燃え尽きる短縮リンク: 許可した回数だけ正確に転送し、その後は「期限切れ」ページを表示します。&lt;/p&gt;&lt;p&gt;このウィンドウは独自のリンクサーバーを動かしています。ウィンドウを閉じても、トレイアイコンがある間はリンクが動作し続けます。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Qt について(&amp;Q)</translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation>%1 をコピーしました</translation>
    </message>
    <message>
        <source>Revoke link</source>
        <translation>リンクを取り消す</translation>
    </message>
    <message>
        <source>Revoke %1?

From now on it answers like an expired link. This cannot be undone.</source>
        <translation>%1 を取り消しますか?

以後、このリンクは期限切れのリンクと同じ応答をします。元に戻すことはできません。</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>取り消す</translation>
    </message>
    <message>
        <source>Revoked %1</source>
        <translation>%1 を取り消しました</translation>
    </message>
    <message>
        <source>Starting the server…</source>
        <translation>サーバーを起動しています…</translation>
    </message>
    <message>
        <source>Stopping the server…</source>
        <translation>サーバーを停止しています…</translation>
    </message>
    <message>
        <source>The server is stopped.</source>
        <translation>サーバーは停止しています。</translation>
    </message>
    <message>
        <source>Serving on %1</source>
        <translation>%1 で提供中</translation>
    </message>
    <message>
        <source>Short links start with %1</source>
        <translation>短縮リンクは %1 で始まります</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>確認中…</translation>
    </message>
    <message>
        <source>&lt;b&gt;The link server could not start.&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;リンクサーバーを起動できませんでした。&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>Not serving</source>
        <translation>提供していません</translation>
    </message>
    <message>
        <source>The server answered its health check.</source>
        <translation>サーバーはヘルスチェックに応答しました。</translation>
    </message>
    <message>
        <source>The health check failed: %1</source>
        <translation>ヘルスチェックに失敗しました: %1</translation>
    </message>
    <message>
        <source>%1 links · %2 clicks today</source>
        <translation>リンク %1 件 · 本日のクリック %2 回</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>編集(&amp;E)…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Links for several &amp;recipients…</source>
        <translation>複数の受取人向けリンク(&amp;R)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 を保存しました</translation>
    </message>
    <message>
        <source>Made %1 links</source>
        <translation>%1 件のリンクを作成しました</translation>
    </message>
    <message>
        <source>&amp;Webhook settings…</source>
        <translation>Webhook の設定(&amp;W)…</translation>
    </message>
    <message>
        <source>Webhook to %1 was disabled after failing for 24 hours: its events are no longer sent. Delete it in the settings, or add it again once the receiver works.</source>
        <translation>%1 への Webhook は 24 時間失敗し続けたため無効になりました。イベントはもう送信されません。設定で削除するか、受信側が復旧したら追加し直してください。</translation>
    </message>
    <message>
        <source>Webhooks to %1 were disabled after failing for 24 hours: their events are no longer sent. Delete them in the settings, or add them again once the receivers work.</source>
        <translation>%1 への Webhook は 24 時間失敗し続けたため無効になりました。イベントはもう送信されません。設定で削除するか、受信側が復旧したら追加し直してください。</translation>
    </message>
    <message>
        <source>● answering</source>
        <translation>● 応答あり</translation>
    </message>
    <message>
        <source>● not answering</source>
        <translation>● 応答なし</translation>
    </message>
    <message>
        <source>The router&apos;s external address changed to %1; new links start with %2.</source>
        <translation>ルーターの外部アドレスが %1 に変わりました。新しいリンクは %2 で始まります。</translation>
    </message>
    <message>
        <source>Use %1 for links</source>
        <translation>リンクに %1 を使う</translation>
    </message>
    <message>
        <source>Make new short links with this address (Settings, public base URL).</source>
        <translation>新しい短縮リンクをこのアドレスで作成します（設定、公開ベースURL）。</translation>
    </message>
    <message>
        <source>New links start with %1.</source>
        <translation>新しいリンクは %1 で始まります。</translation>
    </message>
    <message>
        <source>Remove Server</source>
        <translation>サーバーを削除</translation>
    </message>
    <message>
        <source>Remove %1 from this window? Its links stay on the server; its key is deleted from the keychain.</source>
        <translation>%1 をこのウィンドウから削除しますか？リンクはサーバーに残り、キーはキーチェーンから削除されます。</translation>
    </message>
    <message>
        <source>API Key for %1</source>
        <translation>%1 の API キー</translation>
    </message>
    <message>
        <source>%1

API key for %2:</source>
        <translation>%1

%2 の API キー：</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>%1 に接続済み</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>%1 に接続中…</translation>
    </message>
    <message>
        <source>Reconnecting to %1…</source>
        <translation>%1 に再接続中…</translation>
    </message>
    <message>
        <source>Not connected to %1: %2</source>
        <translation>%1 に接続されていません：%2</translation>
    </message>
    <message>
        <source>Not connected to %1</source>
        <translation>%1 に接続されていません</translation>
    </message>
    <message>
        <source>Untrusted Certificate</source>
        <translation>信頼されていない証明書</translation>
    </message>
    <message>
        <source>%1

Trust this certificate for %2 from now on? Only do so if its SHA-256 fingerprint is the one of your server:
%3</source>
        <translation>%1

今後 %2 のこの証明書を信頼しますか？SHA-256 フィンガープリントがあなたのサーバーのものである場合のみ信頼してください：
%3</translation>
    </message>
    <message>
        <source>&amp;Trust This Certificate</source>
        <translation>この証明書を信頼(&amp;T)</translation>
    </message>
</context>
<context>
    <name>shortfuse::RecipientsDialog</name>
    <message>
        <source>Links for several recipients</source>
        <translation>複数の受取人向けリンク</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>受取人</translation>
    </message>
    <message>
        <source>One name a line; each gets a link of its own, labelled with the name.</source>
        <translation>1 行に 1 名。それぞれに名前をラベルにした専用のリンクを作ります。</translation>
    </message>
    <message>
        <source>&amp;Import names…</source>
        <translation>名前を読み込む(&amp;I)…</translation>
    </message>
    <message>
        <source>A text file (one name a line) or a CSV file (the first column).</source>
        <translation>テキストファイル (1 行に 1 名) または CSV ファイル (1 列目)。</translation>
    </message>
    <message>
        <source>Recipients: %1</source>
        <translation>受取人: %1</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>転送先</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>ラベル</translation>
    </message>
    <message>
        <source>Short link</source>
        <translation>短縮リンク</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>統計</translation>
    </message>
    <message>
        <source>Save QR &amp;sheet (PDF)…</source>
        <translation>QR シートを保存 (PDF)(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Destination:</source>
        <translation>転送先(&amp;D):</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>%1 を読み込めませんでした: %2</translation>
    </message>
    <message>
        <source>Import names</source>
        <translation>名前を読み込む</translation>
    </message>
    <message>
        <source>Text or CSV files (*.txt *.csv);;All files (*)</source>
        <translation>テキストまたは CSV ファイル (*.txt *.csv);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Enter at least one name.</source>
        <translation>名前を 1 つ以上入力してください。</translation>
    </message>
    <message>
        <source>At most %1 recipients at a time.</source>
        <translation>一度に最大 %1 名までです。</translation>
    </message>
    <message>
        <source>Name %1 (%2): %3</source>
        <translation>名前 %1 (%2): %3</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 を書き込めませんでした: %2</translation>
    </message>
    <message>
        <source>Shortfuse links</source>
        <translation>Shortfuse のリンク</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSV を書き出す</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
        <source>Save QR sheet</source>
        <translation>QR シートを保存</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF ファイル (*.pdf)</translation>
    </message>
    <message>
        <source>C&amp;reate links</source>
        <translation>リンクを作成(&amp;R)</translation>
    </message>
    <message>
        <source>Export CS&amp;V…</source>
        <translation>CSV を書き出す(&amp;V)…</translation>
    </message>
</context>
<context>
    <name>shortfuse::RemoteConsole</name>
    <message>
        <source>The server refused the connection (is it running?).</source>
        <translation>サーバーが接続を拒否しました（実行中ですか？）。</translation>
    </message>
    <message>
        <source>The server&apos;s name was not found.</source>
        <translation>サーバー名が見つかりません。</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>サーバーが時間内に応答しませんでした。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted: %1</source>
        <translation>サーバーの証明書は信頼されていません：%1</translation>
    </message>
    <message>
        <source>The server refused the API key: it was revoked or mistyped.</source>
        <translation>サーバーが API キーを拒否しました：失効したか、入力が誤っています。</translation>
    </message>
    <message>
        <source>The server closed the event stream.</source>
        <translation>サーバーがイベントストリームを閉じました。</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 を書き込めませんでした：%2</translation>
    </message>
</context>
<context>
    <name>shortfuse::ServerHost</name>
    <message>
        <source>There is no link %1.</source>
        <translation>リンク %1 はありません。</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 を書き込めませんでした: %2</translation>
    </message>
</context>
<context>
    <name>shortfuse::SettingsDialog</name>
    <message>
        <source>System default</source>
        <translation>システムの既定</translation>
    </message>
    <message>
        <source>Shortfuse Settings</source>
        <translation>Shortfuse の設定</translation>
    </message>
    <message>
        <source>Bind address</source>
        <translation>待ち受けアドレス</translation>
    </message>
    <message>
        <source>127.0.0.1: this computer only. 0.0.0.0 or ::: every network interface.</source>
        <translation>127.0.0.1: このコンピューターのみ。0.0.0.0 または ::: すべてのネットワークインターフェース。</translation>
    </message>
    <message>
        <source>Any free port</source>
        <translation>空いている任意のポート</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>ポート</translation>
    </message>
    <message>
        <source>automatic: http://&lt;bind address&gt;:&lt;port&gt;</source>
        <translation>自動: http://&lt;待ち受けアドレス&gt;:&lt;ポート&gt;</translation>
    </message>
    <message>
        <source>Public base URL</source>
        <translation>公開ベース URL</translation>
    </message>
    <message>
        <source>The address people use to reach this computer, when a router, a tunnel or a reverse proxy exposes it, e.g. https://sho.rt</source>
        <translation>ルーター、トンネル、リバースプロキシー経由で公開する場合に、このコンピューターへ到達するためのアドレス（例: https://sho.rt）</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <source> per minute</source>
        <translation> / 分</translation>
    </message>
    <message>
        <source>Rate limit</source>
        <translation>レート制限</translation>
    </message>
    <message>
        <source>Links each client address may create per minute through the web form and the API. Redirects are never limited.</source>
        <translation>各クライアントアドレスがウェブフォームと API で 1 分あたりに作成できるリンク数。転送は制限されません。</translation>
    </message>
    <message>
        <source>none, e.g. 127.0.0.1, 10.0.0.0/8</source>
        <translation>なし（例: 127.0.0.1, 10.0.0.0/8）</translation>
    </message>
    <message>
        <source>Trusted proxies</source>
        <translation>信頼するプロキシー</translation>
    </message>
    <message>
        <source>Peers whose X-Forwarded-For header is believed.</source>
        <translation>X-Forwarded-For ヘッダーを信用する接続元。</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>データフォルダー</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>参照(&amp;B)…</translation>
    </message>
    <message>
        <source>Start &amp;minimised to the tray</source>
        <translation>トレイに最小化して起動(&amp;M)</translation>
    </message>
    <message>
        <source>This desktop has no tray; the window always opens.</source>
        <translation>このデスクトップにはトレイがないため、ウィンドウは常に開きます。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>A new language shows the next time Shortfuse starts.</source>
        <translation>新しい言語は次回 Shortfuse を起動したときに反映されます。</translation>
    </message>
    <message>
        <source>Link server</source>
        <translation>リンクサーバー</translation>
    </message>
    <message>
        <source>&amp;Bind address:</source>
        <translation>待ち受けアドレス(&amp;B):</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>ポート(&amp;P):</translation>
    </message>
    <message>
        <source>Public &amp;base URL:</source>
        <translation>公開ベース URL(&amp;B):</translation>
    </message>
    <message>
        <source>&amp;Rate limit:</source>
        <translation>レート制限(&amp;R):</translation>
    </message>
    <message>
        <source>&amp;Trusted proxies:</source>
        <translation>信頼するプロキシー(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Data folder:</source>
        <translation>データフォルダー(&amp;D):</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>ウィンドウ</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>言語(&amp;L):</translation>
    </message>
    <message>
        <source>OK restarts the link server with these settings. Clicks already recorded are kept.</source>
        <translation>OK を押すと、この設定でリンクサーバーを再起動します。記録済みのクリックは保持されます。</translation>
    </message>
    <message>
        <source>Not an IP address; try 127.0.0.1 or 0.0.0.0.</source>
        <translation>IP アドレスではありません。127.0.0.1 または 0.0.0.0 をお試しください。</translation>
    </message>
    <message>
        <source>Use an http:// or https:// address without a query, e.g. https://sho.rt</source>
        <translation>クエリーを含まない http:// または https:// のアドレスを使ってください（例: https://sho.rt）</translation>
    </message>
    <message>
        <source>Addresses or ranges separated by commas, e.g. 127.0.0.1, 10.0.0.0/8.</source>
        <translation>カンマ区切りのアドレスまたは範囲（例: 127.0.0.1, 10.0.0.0/8）。</translation>
    </message>
    <message>
        <source>Who may create links</source>
        <translation>リンクを作成できる人</translation>
    </message>
    <message>
        <source>This computer, or anyone with an API key</source>
        <translation>このコンピューター、または API キーを持つ人</translation>
    </message>
    <message>
        <source>Only with an API key</source>
        <translation>API キーがある場合のみ</translation>
    </message>
    <message>
        <source>Anyone (within the rate limit)</source>
        <translation>誰でも (レート制限の範囲内)</translation>
    </message>
    <message>
        <source>Who may make links through the web form and the API. This window always can.</source>
        <translation>Web フォームと API でリンクを作成できる人。このウィンドウは常に作成できます。</translation>
    </message>
    <message>
        <source>Anyone who knows a short link may read its &amp;statistics</source>
        <translation>短縮リンクを知っている人は誰でも統計を見られる(&amp;S)</translation>
    </message>
    <message>
        <source>Off: only this computer, API keys and holders of a link&apos;s statistics address (with its token) may read them.</source>
        <translation>オフ: このコンピューター、API キー、リンクの統計アドレス (トークン付き) を持つ人だけが見られます。</translation>
    </message>
    <message>
        <source>Who may &amp;create:</source>
        <translation>作成できる人(&amp;C):</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>API キー</translation>
    </message>
    <message>
        <source>Scripts and other computers make and manage links with a key (Authorization: Bearer …). Keys work, and stop working, at once: no restart.</source>
        <translation>スクリプトや他のコンピューターはキー (Authorization: Bearer …) でリンクを作成・管理します。キーは再起動なしで、すぐに有効・無効になります。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Sees</source>
        <translation>見える範囲</translation>
    </message>
    <message>
        <source>Key starts with</source>
        <translation>キーの先頭</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>作成日時</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>最終使用</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>New key&apos;s name</source>
        <translation>新しいキーの名前</translation>
    </message>
    <message>
        <source>name of a new key, e.g. backup-script</source>
        <translation>新しいキーの名前 (例: backup-script)</translation>
    </message>
    <message>
        <source>&amp;Admin (sees every link)</source>
        <translation>管理者 (すべてのリンクが見える)(&amp;A)</translation>
    </message>
    <message>
        <source>Create &amp;key</source>
        <translation>キーを作成(&amp;K)</translation>
    </message>
    <message>
        <source>Re&amp;voke…</source>
        <translation>取り消す(&amp;V)…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Copy this key now.&lt;/b&gt; It is shown only this once: Shortfuse keeps only a fingerprint of it and cannot show it again.</source>
        <translation>&lt;b&gt;今すぐこのキーをコピーしてください。&lt;/b&gt;表示されるのはこの一度だけです。Shortfuse はその指紋しか保存せず、再表示できません。</translation>
    </message>
    <message>
        <source>The new key</source>
        <translation>新しいキー</translation>
    </message>
    <message>
        <source>C&amp;opy</source>
        <translation>コピー(&amp;O)</translation>
    </message>
    <message>
        <source>never</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>every link (admin)</source>
        <translation>すべてのリンク (管理者)</translation>
    </message>
    <message>
        <source>its own links</source>
        <translation>自分のリンク</translation>
    </message>
    <message>
        <source>revoked %1</source>
        <translation>取り消し済み %1</translation>
    </message>
    <message>
        <source>active</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>Revoke key</source>
        <translation>キーを取り消す</translation>
    </message>
    <message>
        <source>Revoke the key &quot;%1&quot;?

Every script or server using it is refused from now on. This cannot be undone.</source>
        <translation>キー「%1」を取り消しますか?

これを使うスクリプトやサーバーは今後すべて拒否されます。元に戻せません。</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>取り消す</translation>
    </message>
    <message>
        <source>Notify me</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>On every click of a capped link</source>
        <translation>回数制限付きリンクのクリックごとに</translation>
    </message>
    <message>
        <source>Only when a link is used up</source>
        <translation>リンクが使い切られたときだけ</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>通知しない</translation>
    </message>
    <message>
        <source>&amp;Quiet for bots</source>
        <translation>ボットには通知しない(&amp;Q)</translation>
    </message>
    <message>
        <source>No notification when a crawler or a link checker opens a link.</source>
        <translation>クローラーやリンクチェッカーがリンクを開いても通知しません。</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>&amp;Notify me:</source>
        <translation>通知(&amp;N):</translation>
    </message>
    <message>
        <source>Reachable from the internet</source>
        <translation>インターネットから到達可能</translation>
    </message>
    <message>
        <source>Make my links reachable from the &amp;internet</source>
        <translation>リンクをインターネットから到達可能にする(&amp;I)</translation>
    </message>
    <message>
        <source>Asks your router (UPnP or NAT-PMP) to forward a port to this computer, and listens on every network interface. /metrics stays on this computer.</source>
        <translation>ルーター（UPnP または NAT-PMP）にこのコンピューターへのポート転送を要求し、すべてのネットワークインターフェースで待ち受けます。/metrics はこのコンピューターに限られます。</translation>
    </message>
    <message>
        <source>Same as the port</source>
        <translation>ポートと同じ</translation>
    </message>
    <message>
        <source>External port</source>
        <translation>外部ポート</translation>
    </message>
    <message>
        <source>The port to ask for on the router&apos;s internet side; another is taken when the router has this one in use.</source>
        <translation>ルーターのインターネット側で要求するポート。使用中の場合は別のポートになります。</translation>
    </message>
    <message>
        <source>E&amp;xternal port:</source>
        <translation>外部ポート(&amp;X):</translation>
    </message>
    <message>
        <source>The server is not running.</source>
        <translation>サーバーは実行されていません。</translation>
    </message>
    <message>
        <source>Use %1 as the public base URL</source>
        <translation>%1 を公開ベースURLとして使う</translation>
    </message>
    <message>
        <source>Run this computer&apos;s own link &amp;server</source>
        <translation>このコンピューター自身のリンクサーバーを実行(&amp;S)</translation>
    </message>
    <message>
        <source>Off: this window only manages remote servers (Server → Add a server…), and this computer serves no links.</source>
        <translation>オフ：このウィンドウはリモートサーバーのみを管理し（サーバー → サーバーを追加…）、このコンピューターはリンクを提供しません。</translation>
    </message>
</context>
<context>
    <name>shortfuse::StatsView</name>
    <message>
        <source>redirected</source>
        <translation>転送</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>期限切れ</translation>
    </message>
    <message>
        <source>preview</source>
        <translation>プレビュー</translation>
    </message>
    <message>
        <source>asked to confirm</source>
        <translation>確認を要求</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>統計</translation>
    </message>
    <message>
        <source>Select a link in the Links tab and choose &lt;b&gt;Open statistics&lt;/b&gt; (Ctrl+I, Enter or a double click).</source>
        <translation>「リンク」タブでリンクを選び、&lt;b&gt;統計を開く&lt;/b&gt;を選んでください（Ctrl+I、Enter、またはダブルクリック）。</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>更新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>CSV をエクスポート(&amp;E)…</translation>
    </message>
    <message>
        <source>Export the click log as CSV</source>
        <translation>クリックログを CSV でエクスポート</translation>
    </message>
    <message>
        <source>Clicks over time</source>
        <translation>クリック数の推移</translation>
    </message>
    <message>
        <source>Clicks over time chart</source>
        <translation>クリック数の推移グラフ</translation>
    </message>
    <message>
        <source>Humans and bots</source>
        <translation>人とボット</translation>
    </message>
    <message>
        <source>Humans and bots chart</source>
        <translation>人とボットのグラフ</translation>
    </message>
    <message>
        <source>Countries</source>
        <translation>国</translation>
    </message>
    <message>
        <source>Clicks by country chart</source>
        <translation>国別クリック数のグラフ</translation>
    </message>
    <message>
        <source>Browsers</source>
        <translation>ブラウザー</translation>
    </message>
    <message>
        <source>Clicks by browser chart</source>
        <translation>ブラウザー別クリック数のグラフ</translation>
    </message>
    <message>
        <source>Operating systems</source>
        <translation>OS</translation>
    </message>
    <message>
        <source>Clicks by operating system chart</source>
        <translation>OS 別クリック数のグラフ</translation>
    </message>
    <message>
        <source>Click log</source>
        <translation>クリックログ</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国</translation>
    </message>
    <message>
        <source>Browser</source>
        <translation>ブラウザー</translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation>OS</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>デバイス</translation>
    </message>
    <message>
        <source>Referrer</source>
        <translation>参照元</translation>
    </message>
    <message>
        <source>Bot</source>
        <translation>ボット</translation>
    </message>
    <message>
        <source>Load &amp;older entries</source>
        <translation>古いエントリーを読み込む(&amp;O)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <source>There is no link %1.</source>
        <translation>リンク %1 はありません。</translation>
    </message>
    <message>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
    <message>
        <source>%1 of %2 clicks used</source>
        <translation>%2 回中 %1 回使用</translation>
    </message>
    <message>
        <source>%1 clicks (unlimited)</source>
        <translation>%1 クリック（無制限）</translation>
    </message>
    <message>
        <source>created %1</source>
        <translation>作成 %1</translation>
    </message>
    <message>
        <source>first click %1</source>
        <translation>最初のクリック %1</translation>
    </message>
    <message>
        <source>last click %1</source>
        <translation>最後のクリック %1</translation>
    </message>
    <message>
        <source>%1 requests after it expired</source>
        <translation>期限切れ後のリクエスト %1 件</translation>
    </message>
    <message>
        <source>Click log: %1 of %2 requests, newest first</source>
        <translation>クリックログ: %2 件中 %1 件（新しい順）</translation>
    </message>
    <message>
        <source>Clicks</source>
        <translation>クリック数</translation>
    </message>
    <message>
        <source>Clicks per %1</source>
        <translation>%1あたりのクリック数</translation>
    </message>
    <message>
        <source>week</source>
        <translation>1 週間</translation>
    </message>
    <message>
        <source>day</source>
        <translation>1 日</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>1 時間</translation>
    </message>
    <message>
        <source>5 minutes</source>
        <translation>5 分</translation>
    </message>
    <message>
        <source>minute</source>
        <translation>1 分</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>Other: %1</source>
        <translation>その他: %1</translation>
    </message>
    <message>
        <source>No clicks yet</source>
        <translation>まだクリックはありません</translation>
    </message>
    <message>
        <source>Humans: %1</source>
        <translation>人: %1</translation>
    </message>
    <message>
        <source>Bots: %1</source>
        <translation>ボット: %1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>Export click log</source>
        <translation>クリックログのエクスポート</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
        <source>Exported %1 log entries to %2</source>
        <translation>%1 件のログを %2 にエクスポートしました</translation>
    </message>
</context>
<context>
    <name>shortfuse::TrayController</name>
    <message>
        <source>&amp;Show window</source>
        <translation>ウィンドウを表示(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Copy last link</source>
        <translation>最後のリンクをコピー(&amp;C)</translation>
    </message>
    <message>
        <source>Shortfuse</source>
        <translation>Shortfuse</translation>
    </message>
    <message>
        <source>Shortfuse is still running</source>
        <translation>Shortfuse は動作を続けています</translation>
    </message>
    <message>
        <source>Your short links keep working while Shortfuse runs in the tray. To stop serving them, choose Quit from the tray icon&apos;s menu.</source>
        <translation>Shortfuse がトレイで動作している間、短縮リンクは動作し続けます。提供を止めるには、トレイアイコンのメニューから「終了」を選んでください。</translation>
    </message>
</context>
<context>
    <name>shortfuse::WebhooksSection</name>
    <message>
        <source>clicks</source>
        <translation>クリック</translation>
    </message>
    <message>
        <source>used up</source>
        <translation>使い切り</translation>
    </message>
    <message>
        <source>previews held off</source>
        <translation>抑止したプレビュー</translation>
    </message>
    <message>
        <source>late arrivals</source>
        <translation>期限後のアクセス</translation>
    </message>
    <message>
        <source>Webhooks</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source>Each click, used-up link, preview held off or late arrival can be sent to a web address: chat (Slack, Discord, ntfy) or your own service, signed per Standard Webhooks. Changes apply at once.</source>
        <translation>クリック、使い切り、抑止したプレビュー、期限後のアクセスを Web アドレスに送信できます。チャット(Slack、Discord、ntfy)や独自のサービスへ、Standard Webhooks に従って署名して送ります。変更はすぐに反映されます。</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>アドレス</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>イベント</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Delivered / pending</source>
        <translation>配信済み / 保留中</translation>
    </message>
    <message>
        <source>&amp;Add webhook…</source>
        <translation>Webhook を追加(&amp;A)…</translation>
    </message>
    <message>
        <source>Send &amp;test</source>
        <translation>テスト送信(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>削除(&amp;D)…</translation>
    </message>
    <message>
        <source>Webhook address</source>
        <translation>Webhook のアドレス</translation>
    </message>
    <message>
        <source>https://hooks.slack.com/services/…</source>
        <translation>https://hooks.slack.com/services/…</translation>
    </message>
    <message>
        <source>&amp;Clicks on capped links</source>
        <translation>回数制限付きリンクのクリック(&amp;C)</translation>
    </message>
    <message>
        <source>Link &amp;used up</source>
        <translation>リンクの使い切り(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Preview or scanner held off</source>
        <translation>プレビュー・スキャナーの抑止(&amp;P)</translation>
    </message>
    <message>
        <source>Arrival &amp;after expiry</source>
        <translation>期限後のアクセス(&amp;A)</translation>
    </message>
    <message>
        <source>Clicks on &amp;unlimited links too (every redirect a delivery)</source>
        <translation>無制限リンクのクリックも(&amp;U)(リダイレクトごとに送信)</translation>
    </message>
    <message>
        <source>Standard Webhooks (JSON, signed)</source>
        <translation>Standard Webhooks(JSON、署名付き)</translation>
    </message>
    <message>
        <source>Only links with this label</source>
        <translation>このラベルのリンクのみ</translation>
    </message>
    <message>
        <source>any label</source>
        <translation>すべてのラベル</translation>
    </message>
    <message>
        <source>Create &amp;webhook</source>
        <translation>Webhook を作成(&amp;W)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Add&amp;ress:</source>
        <translation>アドレス(&amp;R):</translation>
    </message>
    <message>
        <source>Events:</source>
        <translation>イベント:</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>形式(&amp;F):</translation>
    </message>
    <message>
        <source>Only &amp;label:</source>
        <translation>ラベル限定(&amp;L):</translation>
    </message>
    <message>
        <source>&lt;b&gt;Copy this signing secret now.&lt;/b&gt; It is shown only this once; the receiver checks the webhook-signature header with it.</source>
        <translation>&lt;b&gt;この署名用シークレットを今すぐコピーしてください。&lt;/b&gt;表示されるのはこの一度だけです。受信側はこれで webhook-signature ヘッダーを検証します。</translation>
    </message>
    <message>
        <source>The new webhook&apos;s signing secret</source>
        <translation>新しい Webhook の署名用シークレット</translation>
    </message>
    <message>
        <source>C&amp;opy</source>
        <translation>コピー(&amp;O)</translation>
    </message>
    <message>
        <source>disabled %1 after failing for 24 hours</source>
        <translation>24 時間失敗したため %1 に無効化</translation>
    </message>
    <message>
        <source>failing since %1</source>
        <translation>%1 から失敗中</translation>
    </message>
    <message>
        <source>active</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>%1 (last: %2)</source>
        <translation>%1(前回: %2)</translation>
    </message>
    <message>
        <source>unlimited links</source>
        <translation>無制限リンク</translation>
    </message>
    <message>
        <source>%1; label %2</source>
        <translation>%1; ラベル %2</translation>
    </message>
    <message>
        <source>Delete webhook</source>
        <translation>Webhook を削除</translation>
    </message>
    <message>
        <source>Delete the webhook to %1?

Its undelivered events are dropped. This cannot be undone.</source>
        <translation>%1 への Webhook を削除しますか?

未配信のイベントは破棄されます。元に戻せません。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Sending a test event…</source>
        <translation>テストイベントを送信中…</translation>
    </message>
    <message>
        <source>Test delivered (HTTP %1, %2 ms).</source>
        <translation>テストを配信しました(HTTP %1、%2 ms)。</translation>
    </message>
    <message>
        <source>Test not delivered: %1</source>
        <translation>テストを配信できませんでした: %1</translation>
    </message>
</context>
</TS>
