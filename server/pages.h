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
    // post), an error, or the link just made.
    struct IndexView {
        QString url;
        QString alias;
        QString maxClicks;
        QString error;
        bool advancedOpen = false;
        QString shortUrl;  // non-empty: show the result
        QString statsUrl;
        std::optional<int> createdMaxClicks;
    };

    explicit Pages(QString version);

    QByteArray index(const IndexView &view) const;
    const QByteArray &expired() const { return m_expired; }
    const QByteArray &notFound() const { return m_notFound; }
    QByteArray error(const QString &title, const QString &message) const;
    // /static/<name>, /robots.txt and /favicon.ico; nullopt when unknown.
    const StaticFile *staticFile(const QString &name) const;

    static QString escape(QStringView text);
    // Replaces each {{name}} with the escaped value (empty when absent).
    static QByteArray render(const QByteArray &page, const QHash<QByteArray, QString> &values);

private:
    static QByteArray load(const QString &name);

    QString m_version;
    QByteArray m_indexTemplate;
    QByteArray m_errorTemplate;
    QByteArray m_expired;
    QByteArray m_notFound;
    QHash<QString, StaticFile> m_static;
};

} // namespace shortfuse
