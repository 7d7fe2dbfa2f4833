// shortfuse-screenshots: renders the README's screenshots of the desktop
// window (scripts/screenshots runs it). The real window over the real
// embedded server, as `shortfuse` shows it; it draws itself into PNGs
// (QWidget::grab), so no screen grabber is needed. A tool for the
// documentation, built with the tests and never installed: the production
// main stays what users run.
//
//   shortfuse-screenshots [server flags] --settings FILE --out DIR
//                         [--create URL] [--stats SLUG] [--edit SLUG]
//                         [--recipients URL]
//
// Once the server runs: shortens URL through the create panel (so the
// result and its QR code show), lets the table load, saves
// DIR/main-window.png; then opens the statistics of SLUG and saves
// DIR/stats-view.png; then opens the edit dialog of the --edit link and
// saves DIR/edit-dialog.png; then makes links for a few recipients to the
// --recipients URL in their dialog and saves DIR/recipients-dialog.png;
// then quits.

#include "app/applicationidentity.h"

#include "ui/createpanel.h"
#include "ui/editlinkdialog.h"
#include "ui/i18n.h"
#include "ui/mainwindow.h"
#include "ui/recipientsdialog.h"
#include "ui/serverhost.h"
#include "ui/settings.h"
#include "ui/statsview.h"
#include "ui/theme.h"

#include "server/serverconfig.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QAction>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace {

// The screenshots of one window, taken in order as the window gets ready.
class ScreenshotSession final {
public:
    ScreenshotSession(shortfuse::ServerHost &host, shortfuse::MainWindow &window, QString dir, QString createUrl,
                      QString statsSlug, QString editSlug, QString recipientsUrl)
        : m_host(host)
        , m_window(window)
        , m_dir(std::move(dir))
        , m_createUrl(std::move(createUrl))
        , m_statsSlug(std::move(statsSlug))
        , m_editSlug(std::move(editSlug))
        , m_recipientsUrl(std::move(recipientsUrl))
    {
    }

    void start()
    {
        m_window.resize(1280, 900);
        QObject::connect(&m_host, &shortfuse::ServerHost::started, &m_window, [this] { createLink(); });
        QObject::connect(&m_host, &shortfuse::ServerHost::startFailed, &m_window, [] { QCoreApplication::exit(1); });
    }

private:
    // Through the panel, as a user would, so the result and its QR code show.
    void createLink()
    {
        if (m_createUrl.isEmpty()) {
            shootMainWindow();
            return;
        }
        QObject::connect(m_window.createPanel(), &shortfuse::CreatePanel::linkCreated, &m_window,
                         [this] { shootMainWindow(); }, Qt::SingleShotConnection);
        m_window.findChild<QLineEdit *>(QStringLiteral("urlEdit"))->setText(m_createUrl);
        m_window.findChild<QSpinBox *>(QStringLiteral("maxClicksSpin"))->setValue(1);
        m_window.createPanel()->shorten();
    }

    void shootMainWindow()
    {
        // Time for the table and the status bar's totals to arrive.
        QTimer::singleShot(1500, &m_window, [this] {
            save(QStringLiteral("main-window.png"));
            shootStats();
        });
    }

    void shootStats()
    {
        if (m_statsSlug.isEmpty()) {
            shootEditor();
            return;
        }
        QObject::connect(
            m_window.statsView(), &shortfuse::StatsView::statsLoaded, &m_window,
            [this] {
                // Time for the charts to lay themselves out.
                QTimer::singleShot(500, &m_window, [this] {
                    save(QStringLiteral("stats-view.png"));
                    shootEditor();
                });
            },
            Qt::SingleShotConnection);
        m_window.showStatsFor(m_statsSlug);
    }

    // The edit dialog of one link, as Link → Edit opens it.
    void shootEditor()
    {
        if (m_editSlug.isEmpty() || !m_window.selectSlug(m_editSlug)) {
            shootRecipients();
            return;
        }
        m_window.editCurrentLink();
        auto *dialog = m_window.findChild<shortfuse::EditLinkDialog *>();
        QTimer::singleShot(300, &m_window, [this, dialog] {
            if (dialog) {
                save(dialog, QStringLiteral("edit-dialog.png"));
                dialog->reject();
            }
            shootRecipients();
        });
    }

    // "Links for several recipients", after making the links.
    void shootRecipients()
    {
        if (m_recipientsUrl.isEmpty()) {
            m_window.quitApplication();
            return;
        }
        m_window.openRecipients();
        auto *dialog = m_window.findChild<shortfuse::RecipientsDialog *>();
        if (!dialog) {
            m_window.quitApplication();
            return;
        }
        dialog->findChild<QPlainTextEdit *>(QStringLiteral("recipientsNamesEdit"))
            ->setPlainText(QStringLiteral("Anna Berg\nBen Okafor\nChloé Martin\nDavid Kim\nEmma Laurent"));
        dialog->findChild<QLineEdit *>(QStringLiteral("recipientsUrlEdit"))->setText(m_recipientsUrl);
        QObject::connect(
            dialog, &shortfuse::RecipientsDialog::linksCreated, &m_window,
            [this, dialog] {
                QTimer::singleShot(300, &m_window, [this, dialog] {
                    save(dialog, QStringLiteral("recipients-dialog.png"));
                    m_window.quitApplication();
                });
            },
            Qt::SingleShotConnection);
        dialog->createLinks();
    }

    void save(const QString &name) { save(&m_window, name); }

    void save(QWidget *widget, const QString &name)
    {
        QDir().mkpath(m_dir);
        const QString path = QDir(m_dir).filePath(name);
        if (!widget->grab().save(path))
            std::fprintf(stderr, "shortfuse-screenshots: could not save %s\n", qPrintable(path));
    }

    shortfuse::ServerHost &m_host;
    shortfuse::MainWindow &m_window;
    const QString m_dir;
    const QString m_createUrl;
    const QString m_statsSlug;
    const QString m_editSlug;
    const QString m_recipientsUrl;
};

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    shortfuse::setApplicationIdentity();

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Saves screenshots of the Shortfuse window as PNGs, then quits (scripts/screenshots)."));
    parser.addHelpOption();
    parser.addVersionOption();  // ServerOptions::parse answers --version too
    shortfuse::ServerOptions::addTo(parser);
    const QCommandLineOption settingsFile(QStringLiteral("settings"),
                                          QStringLiteral("Read and write settings in this INI file."),
                                          QStringLiteral("FILE"));
    const QCommandLineOption outDir(QStringLiteral("out"), QStringLiteral("Save the screenshots into DIR."),
                                    QStringLiteral("DIR"));
    const QCommandLineOption createUrl(QStringLiteral("create"),
                                       QStringLiteral("Shorten URL through the create panel first."),
                                       QStringLiteral("URL"));
    const QCommandLineOption statsSlug(QStringLiteral("stats"), QStringLiteral("Link for the statistics screenshot."),
                                       QStringLiteral("SLUG"));
    const QCommandLineOption editSlug(QStringLiteral("edit"), QStringLiteral("Link for the edit dialog screenshot."),
                                      QStringLiteral("SLUG"));
    const QCommandLineOption recipientsUrl(QStringLiteral("recipients"),
                                           QStringLiteral("Destination for the recipients dialog screenshot."),
                                           QStringLiteral("URL"));
    parser.addOptions({settingsFile, outDir, createUrl, statsSlug, editSlug, recipientsUrl});

    const shortfuse::Result<shortfuse::ServerConfig> flags =
        shortfuse::ServerOptions::parse(parser, QCoreApplication::arguments());
    if (!flags) {
        std::fprintf(stderr, "shortfuse-screenshots: %s\n", qPrintable(flags.error().message));
        return 2;
    }
    if (!parser.isSet(outDir) || !parser.isSet(settingsFile)) {
        // A screenshot must never touch the user's own settings.
        std::fprintf(stderr, "shortfuse-screenshots: --out and --settings are required\n");
        return 2;
    }

    shortfuse::Settings settings(parser.value(settingsFile));
    shortfuse::installTranslations(settings.value(shortfuse::Settings::Key::Language).toString());

    shortfuse::ServerHost host;
    shortfuse::MainWindow window(host, settings);
    ScreenshotSession session(host, window, parser.value(outDir), parser.value(createUrl), parser.value(statsSlug),
                              parser.value(editSlug), parser.value(recipientsUrl));
    session.start();
    // The server exactly as the flags say: a screenshot does not depend on saved settings.
    host.start(*flags);
    window.show();
    return app.exec();
}
