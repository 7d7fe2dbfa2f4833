#include "server/core/linkevent.h"

#include <QJsonValue>
#include <QLocale>

namespace shortfuse {

namespace {
struct TypeName {
    LinkEventType type;
    const char *name;
};
constexpr TypeName kTypeNames[] = {
    {LinkEventType::Clicked, "link.clicked"},
    {LinkEventType::UsedUp, "link.used_up"},
    {LinkEventType::Previewed, "link.previewed"},
    {LinkEventType::ExpiredHit, "link.expired_hit"},
    {LinkEventType::Created, "link.created"},
    {LinkEventType::Changed, "link.changed"},
    {LinkEventType::Revoked, "link.revoked"},
};

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

// "Germany" for "DE"; the code itself when Qt does not know it.
QString countryName(const QString &code)
{
    const QLocale::Territory territory = QLocale::codeToTerritory(code);
    return territory == QLocale::AnyTerritory ? code : QLocale::territoryToString(territory);
}
} // namespace

const char *linkEventTypeName(LinkEventType type)
{
    for (const TypeName &entry : kTypeNames) {
        if (entry.type == type)
            return entry.name;
    }
    return "link.clicked";
}

std::optional<LinkEventType> linkEventTypeFromName(QStringView name)
{
    for (const TypeName &entry : kTypeNames) {
        if (name == QLatin1String(entry.name))
            return entry.type;
    }
    return std::nullopt;
}

QJsonObject LinkEvent::data() const
{
    const std::optional<qint64> left = remaining();
    return QJsonObject{
        {QStringLiteral("slug"), slug},
        {QStringLiteral("label"), textOrNull(label)},
        {QStringLiteral("destination_host"), textOrNull(destinationHost)},
        {QStringLiteral("clicks"), clicks},
        {QStringLiteral("max_clicks"), maxClicks ? QJsonValue(*maxClicks) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("remaining"), left ? QJsonValue(*left) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("country"), textOrNull(country)},
        {QStringLiteral("browser"), textOrNull(browser)},
        {QStringLiteral("os"), textOrNull(os)},
        {QStringLiteral("device"), textOrNull(device)},
        {QStringLiteral("bot"), bot},
        {QStringLiteral("bot_name"), textOrNull(botName)},
    };
}

QString LinkEvent::sentence() const
{
    const QString name = label.isEmpty() ? slug : QStringLiteral("%1 (%2)").arg(slug, label);
    QString who;
    if (!country.isEmpty())
        who += QStringLiteral(" from %1").arg(countryName(country));
    if (!browser.isEmpty() && !os.isEmpty())
        who += QStringLiteral(" (%1 on %2)").arg(browser, os);
    else if (!browser.isEmpty() || !os.isEmpty())
        who += QStringLiteral(" (%1)").arg(browser.isEmpty() ? os : browser);
    if (bot)
        who += botName.isEmpty() ? QStringLiteral(" by a bot") : QStringLiteral(" by %1").arg(botName);
    const std::optional<qint64> left = remaining();
    switch (type) {
    case LinkEventType::Clicked:
        if (left)
            return QStringLiteral("%1 was opened%2; %3 of %4 left").arg(name, who).arg(*left).arg(*maxClicks);
        return QStringLiteral("%1 was opened%2").arg(name, who);
    case LinkEventType::UsedUp:
        return QStringLiteral("%1 is used up: its last click was opened%2").arg(name, who);
    case LinkEventType::Previewed:
        return QStringLiteral("%1 was held off a preview by %2").arg(name, botName.isEmpty() ? QStringLiteral("a previewer") : botName);
    case LinkEventType::ExpiredHit:
        return QStringLiteral("%1 was opened%2 after it ended").arg(name, who);
    case LinkEventType::Created:
        return QStringLiteral("%1 was created").arg(name);
    case LinkEventType::Changed:
        return QStringLiteral("%1 was changed").arg(name);
    case LinkEventType::Revoked:
        return QStringLiteral("%1 was revoked").arg(name);
    }
    return name;
}

} // namespace shortfuse
