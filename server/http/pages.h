#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

#include <optional>

namespace shortfuse {

// The web pages, from the templates in resources/web. Every value put into
// a page is HTML-escaped here, in one place; templates cannot opt out.
class Pages {
public:
    struct StaticFile {
        QByteArray contentType;
        QByteArray body;
    };
    // What the index page shows: the form (pre-filled after a plain form
    // post with what was typed, as typed), an error, or the link just made.
    struct IndexView {
        QString url;
        QString alias;
        QString maxClicks;
        QString previewProtection;  // "" (the link's default), auto, confirm, off
        QString expiresIn;          // seconds; "" never
        QString expiresAt;          // the datetime-local field, UTC
        QString expiredUrl;
        QString label;
        // A password was typed. It is never put back into the page, which
        // then asks for it again instead.
        bool passwordGiven = false;
        QString error;
        bool advancedOpen = false;
        // This server makes links only for key holders, as far as this
        // visitor goes: show an "API key" field (named "key", never pre-filled).
        bool offerKeyField = false;
        QString shortUrl;  // non-empty: show the result
        QString statsUrl;
        std::optional<int> createdMaxClicks;
    };

    explicit Pages(QString version);

    QByteArray index(const IndexView &view) const;
    const QByteArray &expired() const { return m_expired; }
    const QByteArray &notFound() const { return m_notFound; }
    QByteArray error(const QString &title, const QString &message) const;
    // What previewers see of a protected link: a title, no destination.
    const QByteArray &placeholder() const { return m_placeholder; }
    QByteArray confirmation(const QString &slug, const QString &token, std::optional<qint64> remaining) const;
    // `action` is where the form posts (the link, or its stats page).
    QByteArray passwordForm(const QString &action, const QString &error) const;
    // The stats page: `values` are escaped; `fragments` are HTML our own
    // code built (StatsPage escapes every value inside them) and go in as is.
    QByteArray renderStats(const QHash<QByteArray, QString> &values, const QHash<QByteArray, QString> &fragments) const;
    // /static/<name>, /robots.txt and /favicon.ico; nullopt when unknown.
    const StaticFile *staticFile(const QString &name) const;

    static QString escape(QStringView text);
    // Replaces each {{name}} with the escaped value (empty when absent) and
    // each {{{name}}} with a trusted fragment, inserted as it is.
    static QByteArray render(const QByteArray &page, const QHash<QByteArray, QString> &values,
                             const QHash<QByteArray, QString> &fragments = {});

private:
    static QByteArray load(const QString &name);

    QString m_version;
    QByteArray m_indexTemplate;
    QByteArray m_errorTemplate;
    QByteArray m_statsTemplate;
    QByteArray m_confirmTemplate;
    QByteArray m_passwordTemplate;
    QByteArray m_placeholder;
    QByteArray m_expired;
    QByteArray m_notFound;
    QHash<QString, StaticFile> m_static;
};

} // namespace shortfuse
