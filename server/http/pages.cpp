#include "server/http/pages.h"

#include <QFile>

namespace shortfuse {

Pages::Pages(QString version)
    : m_version(std::move(version))
    , m_indexTemplate(load(QStringLiteral("index.html")))
    , m_errorTemplate(load(QStringLiteral("error.html")))
    , m_statsTemplate(load(QStringLiteral("stats.html")))
    , m_confirmTemplate(load(QStringLiteral("confirm.html")))
    , m_passwordTemplate(load(QStringLiteral("password.html")))
{
    const QHash<QByteArray, QString> common{{"version", m_version}};
    m_expired = render(load(QStringLiteral("expired.html")), common);
    m_notFound = render(load(QStringLiteral("notfound.html")), common);
    m_placeholder = render(load(QStringLiteral("placeholder.html")), common);

    const QByteArray svg = load(QStringLiteral("favicon.svg"));
    m_static.insert(QStringLiteral("app.css"), {QByteArrayLiteral("text/css; charset=utf-8"), load(QStringLiteral("app.css"))});
    m_static.insert(QStringLiteral("app.js"),
                    {QByteArrayLiteral("text/javascript; charset=utf-8"), load(QStringLiteral("app.js"))});
    m_static.insert(QStringLiteral("favicon.svg"), {QByteArrayLiteral("image/svg+xml"), svg});
    m_static.insert(QStringLiteral("favicon.ico"), {QByteArrayLiteral("image/svg+xml"), svg});
    m_static.insert(QStringLiteral("robots.txt"),
                    {QByteArrayLiteral("text/plain; charset=utf-8"), load(QStringLiteral("robots.txt"))});
}

QByteArray Pages::load(const QString &name)
{
    QFile file(QStringLiteral(":/web/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("resource :/web/%s is missing from the build", qPrintable(name));
    return file.readAll();
}

QString Pages::escape(QStringView text)
{
    QString out;
    out.reserve(text.size() + text.size() / 8);
    for (QChar c : text) {
        switch (c.unicode()) {
        case u'&': out += QLatin1String("&amp;"); break;
        case u'<': out += QLatin1String("&lt;"); break;
        case u'>': out += QLatin1String("&gt;"); break;
        case u'"': out += QLatin1String("&quot;"); break;
        case u'\'': out += QLatin1String("&#39;"); break;
        default: out += c;
        }
    }
    return out;
}

QByteArray Pages::render(const QByteArray &page, const QHash<QByteArray, QString> &values,
                         const QHash<QByteArray, QString> &fragments)
{
    QByteArray out;
    out.reserve(page.size() + 512);
    qsizetype pos = 0;
    for (;;) {
        const qsizetype open = page.indexOf("{{", pos);
        if (open < 0)
            break;
        const bool trusted = page.mid(open, 3) == "{{{";
        const QByteArray closing = trusted ? QByteArrayLiteral("}}}") : QByteArrayLiteral("}}");
        const qsizetype nameStart = open + (trusted ? 3 : 2);
        const qsizetype close = page.indexOf(closing, nameStart);
        if (close < 0)
            break;
        out += QByteArrayView(page).sliced(pos, open - pos);
        const QByteArray name = page.mid(nameStart, close - nameStart).trimmed();
        out += trusted ? fragments.value(name).toUtf8() : escape(values.value(name)).toUtf8();
        pos = close + closing.size();
    }
    out += QByteArrayView(page).sliced(pos);
    return out;
}

QByteArray Pages::renderStats(const QHash<QByteArray, QString> &values, const QHash<QByteArray, QString> &fragments) const
{
    QHash<QByteArray, QString> all = values;
    all.insert("version", m_version);
    return render(m_statsTemplate, all, fragments);
}

namespace {

// <option>s for a <select>, the one whose value is `selected` marked so. A
// value the list lacks (a post from elsewhere) is shown as one more option,
// so what was sent is what the page shows. Every value is escaped here.
QString optionsHtml(const QList<std::pair<QString, QString>> &options, const QString &selected,
                    const QString &otherLabel)
{
    QString html;
    bool found = false;
    auto add = [&](const QString &value, const QString &text) {
        const bool isSelected = value == selected && !found;
        found = found || isSelected;
        html += QStringLiteral("<option value=\"%1\"%2>%3</option>")
                    .arg(Pages::escape(value), isSelected ? QStringLiteral(" selected") : QString(), Pages::escape(text));
    };
    for (const auto &[value, text] : options)
        add(value, text);
    if (!found)
        add(selected, otherLabel.arg(selected));
    return html;
}

// The key field is all or nothing, so it is a fragment rather than a hidden
// block: a hidden password input would still confuse password managers.
const QString kKeyField = QStringLiteral(
    "<label for=\"key\">API key</label>\n"
    "    <input type=\"password\" id=\"key\" name=\"key\" autocomplete=\"off\" spellcheck=\"false\" "
    "autocapitalize=\"off\" aria-describedby=\"key-hint\">\n"
    "    <p class=\"hint\" id=\"key-hint\">This server only makes links for holders of an API key.</p>\n");

} // namespace

QByteArray Pages::index(const IndexView &view) const
{
    const bool hasResult = !view.shortUrl.isEmpty();
    QString uses;
    if (hasResult) {
        uses = !view.createdMaxClicks ? QStringLiteral("Works without limit.")
            : *view.createdMaxClicks == 1
            ? QStringLiteral("Works 1 time, then expires.")
            : QStringLiteral("Works %1 times, then expires.").arg(*view.createdMaxClicks);
    }
    const QString previewOptions = optionsHtml(
        {{QString(), QStringLiteral("Default: auto with a click limit, off without")},
         {QStringLiteral("auto"), QStringLiteral("Auto: previews and link scanners use up nothing")},
         {QStringLiteral("confirm"), QStringLiteral("Confirm: every visitor clicks a button first")},
         {QStringLiteral("off"), QStringLiteral("Off: every request counts")}},
        view.previewProtection, QStringLiteral("%1"));
    const QString expiresInOptions = optionsHtml({{QString(), QStringLiteral("Never (or at the time below)")},
                                                  {QStringLiteral("3600"), QStringLiteral("In 1 hour")},
                                                  {QStringLiteral("86400"), QStringLiteral("In 1 day")},
                                                  {QStringLiteral("604800"), QStringLiteral("In 7 days")},
                                                  {QStringLiteral("2592000"), QStringLiteral("In 30 days")}},
                                                 view.expiresIn, QStringLiteral("In %1 seconds"));
    return render(m_indexTemplate,
                  {
                      {"url", view.url},
                      {"alias", view.alias},
                      {"max_clicks", view.maxClicks},
                      {"expires_at", view.expiresAt},
                      {"expired_url", view.expiredUrl},
                      {"label", view.label},
                      {"password_note_hidden", view.passwordGiven ? QString() : QStringLiteral("hidden")},
                      {"error", view.error},
                      {"error_hidden", view.error.isEmpty() ? QStringLiteral("hidden") : QString()},
                      {"advanced_open", view.advancedOpen ? QStringLiteral("open") : QString()},
                      {"result_hidden", hasResult ? QString() : QStringLiteral("hidden")},
                      {"short_url", view.shortUrl},
                      {"stats_url", view.statsUrl},
                      {"max_clicks_text", uses},
                      {"version", m_version},
                  },
                  {
                      {"preview_protection_options", previewOptions},
                      {"expires_in_options", expiresInOptions},
                      {"key_field", view.offerKeyField ? kKeyField : QString()},
                  });
}

QByteArray Pages::error(const QString &title, const QString &message) const
{
    return render(m_errorTemplate, {{"title", title}, {"message", message}, {"version", m_version}});
}

QByteArray Pages::confirmation(const QString &slug, const QString &token, std::optional<qint64> remaining) const
{
    const QString uses = !remaining ? QStringLiteral("This link is protected. Continue?")
        : *remaining == 1          ? QStringLiteral("This link works 1 more time. Continue?")
                                   : QStringLiteral("This link works %1 more times. Continue?").arg(*remaining);
    return render(m_confirmTemplate, {{"uses_text", uses}, {"slug", slug}, {"token", token}, {"version", m_version}});
}

QByteArray Pages::passwordForm(const QString &action, const QString &error) const
{
    return render(m_passwordTemplate, {{"action", action},
                                       {"error", error},
                                       {"error_hidden", error.isEmpty() ? QStringLiteral("hidden") : QString()},
                                       {"version", m_version}});
}

const Pages::StaticFile *Pages::staticFile(const QString &name) const
{
    const auto it = m_static.constFind(name);
    return it == m_static.cend() ? nullptr : &it.value();
}

} // namespace shortfuse
