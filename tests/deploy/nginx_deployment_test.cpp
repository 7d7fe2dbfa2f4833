// The deployment of README.md ("Deployment"), run for real: Debian's nginx
// with the shipped sample installer/nginx/shortfuse.conf in front of two
// shortfuse-server instances that share one PostgreSQL database and believe
// X-Forwarded-For from nginx (--trusted-proxy 127.0.0.1). Every request of
// these tests goes through nginx.
//
// The sample is used as shipped: the test replaces only its two instance
// ports, its listen port and its log folder, and fails if any of those
// lines is missing or doubled. nginx runs from a temporary prefix with a
// main configuration that includes the sample, as Debian's nginx.conf
// includes sites-enabled/*. Without nginx the tests fail: scripts/install-deps
// installs it, and a deployment test that skips proves nothing.

#include "tests/support/httpclient.h"
#include "tests/support/pgtestenv.h"
#include "tests/support/serverprocess.h"
#include "tests/support/sseclient.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QJsonDocument>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <csignal>
#include <grp.h>
#include <latch>
#include <map>
#include <mutex>
#include <sys/prctl.h>
#include <thread>
#include <unistd.h>
#include <vector>

#ifndef SHORTFUSE_NGINX_SAMPLE
#error "SHORTFUSE_NGINX_SAMPLE must be defined (tests/deploy/CMakeLists.txt)"
#endif

namespace shortfuse::test {
namespace {

// What the instances are told their public address is (the sample's
// server_name): the short links they hand out must carry it, not their
// loopback port.
const QString kBaseUrl = QStringLiteral("https://sho.rt");

QString nginxBinary()
{
    // /usr/sbin is not on every user's PATH.
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("nginx"));
    return onPath.isEmpty()
        ? QStandardPaths::findExecutable(QStringLiteral("nginx"), {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/local/sbin")})
        : onPath;
}

// A loopback port nobody listens on right now. Another process may take it
// before nginx binds it: NginxProcess::start then tries another one.
quint16 freeLoopbackPort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

// Replaces every match of `pattern` (multi-line) in `text` with
// `replacement`; the sample must hold exactly `expected` matches, so that a
// changed sample fails here instead of being tested with its old lines.
bool substitute(QString &text, const QString &pattern, const QString &replacement, int expected, QString *error)
{
    const QRegularExpression re(pattern, QRegularExpression::MultilineOption);
    qsizetype count = 0;
    for (QRegularExpressionMatchIterator it = re.globalMatch(text); it.hasNext(); it.next())
        ++count;
    if (count != expected) {
        *error = QStringLiteral("%1 holds %2 lines matching /%3/, expected %4")
                     .arg(QStringLiteral(SHORTFUSE_NGINX_SAMPLE))
                     .arg(count)
                     .arg(pattern)
                     .arg(expected);
        return false;
    }
    text.replace(re, replacement);
    return true;
}

// Debian has no group "nobody"; its unprivileged group is "nogroup".
QString unprivilegedGroup()
{
    return ::getgrnam("nogroup") ? QStringLiteral("nogroup") : QStringLiteral("nobody");
}

void terminateWithParent()
{
    // SIGTERM, not SIGKILL: nginx's master then stops its workers too.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
}

// nginx (master and one worker) in a temporary prefix, proxying to the
// given instance ports through the shipped sample.
class NginxProcess final {
public:
    ~NginxProcess() { stop(); }

    bool start(const QList<quint16> &instancePorts)
    {
        const QString binary = nginxBinary();
        if (binary.isEmpty()) {
            m_error = QStringLiteral("nginx is not installed (Debian: apt-get install nginx; scripts/install-deps "
                                     "installs it)");
            return false;
        }
        if (!m_dir.isValid()) {
            m_error = QStringLiteral("no temporary folder");
            return false;
        }
        // As root the master stays root and the worker runs as nobody, which
        // must be able to reach the temporary folders nginx makes for it.
        QFile::setPermissions(m_dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                                | QFileDevice::ReadGroup | QFileDevice::ExeGroup
                                                | QFileDevice::ReadOther | QFileDevice::ExeOther);
        QDir(m_dir.path()).mkpath(QStringLiteral("logs"));

        QFile sample(QStringLiteral(SHORTFUSE_NGINX_SAMPLE));
        if (!sample.open(QIODevice::ReadOnly)) {
            m_error = QStringLiteral("cannot read %1").arg(sample.fileName());
            return false;
        }
        const QString shipped = QString::fromUtf8(sample.readAll());

        // Another process can take the port between the probe and nginx's
        // bind: then another port.
        for (int attempt = 0; attempt < 5; ++attempt) {
            m_port = freeLoopbackPort();
            QString site = shipped;
            // \K: only what follows it is replaced.
            if (!substitute(site, QStringLiteral("^\\s*server 127\\.0\\.0\\.1:\\K8081\\b"),
                            QString::number(instancePorts.at(0)), 1, &m_error)
                || !substitute(site, QStringLiteral("^\\s*server 127\\.0\\.0\\.1:\\K8082\\b"),
                               QString::number(instancePorts.at(1)), 1, &m_error)
                || !substitute(site, QStringLiteral("^\\s*\\Klisten 80;"),
                               QStringLiteral("listen 127.0.0.1:%1;").arg(m_port), 1, &m_error)
                || !substitute(site, QStringLiteral("^\\s*(?:access|error)_log \\K/var/log/nginx/"), logsDir() + u'/',
                               2, &m_error))
                return false;
            if (!writeFile(path(QStringLiteral("shortfuse.conf")), site.toUtf8())
                || !writeFile(path(QStringLiteral("nginx.conf")), mainConfiguration()))
                return false;
            if (launch(binary))
                return true;
            if (!errorLog().contains(QLatin1String("Address already in use")))
                return false;
        }
        return false;
    }

    void stop()
    {
        if (!m_process || m_process->state() == QProcess::NotRunning)
            return;
        m_process->terminate(); // SIGTERM: fast shutdown, the master stops the worker
        if (!m_process->waitForFinished(10'000)) {
            m_process->kill();
            m_process->waitForFinished(5'000);
        }
    }

    quint16 port() const { return m_port; }
    const QString &error() const { return m_error; }

    QString errorLog() const { return readText(QDir(logsDir()).filePath(QStringLiteral("error.log"))); }
    QString accessLog() const { return readText(QDir(logsDir()).filePath(QStringLiteral("shortfuse.access.log"))); }

private:
    QString path(const QString &name) const { return QDir(m_dir.path()).filePath(name); }
    QString logsDir() const { return path(QStringLiteral("logs")); }

    static QString readText(const QString &file)
    {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }

    bool writeFile(const QString &file, const QByteArray &bytes)
    {
        QFile f(file);
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size())
            return true;
        m_error = QStringLiteral("cannot write %1").arg(file);
        return false;
    }

    // What Debian's /etc/nginx/nginx.conf provides around sites-enabled/*,
    // with every path in the temporary prefix.
    QByteArray mainConfiguration() const
    {
        QString conf;
        if (::geteuid() == 0)
            conf += QStringLiteral("user nobody %1;\n").arg(unprivilegedGroup());
        conf += QStringLiteral("worker_processes 1;\n"
                               "error_log %1/error.log;\n"
                               "events { worker_connections 512; }\n"
                               "http {\n"
                               "    access_log %1/default.access.log;\n"
                               "    client_body_temp_path %2/client_body;\n"
                               "    proxy_temp_path %2/proxy;\n"
                               "    fastcgi_temp_path %2/fastcgi;\n"
                               "    uwsgi_temp_path %2/uwsgi;\n"
                               "    scgi_temp_path %2/scgi;\n"
                               "    include %2/shortfuse.conf;\n"
                               "}\n")
                    .arg(logsDir(), m_dir.path());
        return conf.toUtf8();
    }

    bool launch(const QString &binary)
    {
        m_process = std::make_unique<QProcess>();
        m_process->setProgram(binary);
        m_process->setArguments({QStringLiteral("-p"), m_dir.path() + u'/', QStringLiteral("-e"),
                                 QDir(logsDir()).filePath(QStringLiteral("error.log")), QStringLiteral("-c"),
                                 path(QStringLiteral("nginx.conf")), QStringLiteral("-g"),
                                 QStringLiteral("daemon off; pid %1;").arg(path(QStringLiteral("nginx.pid")))});
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        m_process->setChildProcessModifier(terminateWithParent);
        m_process->start();
        if (!m_process->waitForStarted(10'000)) {
            m_error = QStringLiteral("cannot start %1: %2").arg(binary, m_process->errorString());
            return false;
        }
        // Ready when nginx answers on its port (its own 403 for /metrics needs
        // no instance).
        const auto deadline = std::chrono::steady_clock::now() + 15s;
        while (std::chrono::steady_clock::now() < deadline) {
            if (m_process->state() == QProcess::NotRunning || m_process->waitForFinished(0)) {
                m_error = QStringLiteral("nginx exited at start: %1 %2")
                              .arg(QString::fromUtf8(m_process->readAll()), errorLog());
                return false;
            }
            if (HttpClient(m_port, 2s).get("/metrics").status == 403)
                return true;
            m_process->waitForFinished(20); // returns early if nginx exits
        }
        m_error = QStringLiteral("nginx did not answer on 127.0.0.1:%1 within 15 s: %2").arg(m_port).arg(errorLog());
        stop();
        return false;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    QString m_error;
};

// Polls `condition` until it holds or `timeout` passes.
bool waitUntil(const std::function<bool()> &condition, std::chrono::milliseconds timeout = 10s)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!condition()) {
        if (std::chrono::steady_clock::now() >= deadline)
            return condition();
        std::this_thread::sleep_for(5ms); // poll interval
    }
    return true;
}

class NginxDeployment : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_database.isValid()) << m_database.error().toStdString();
        // Behind a proxy no request is local: the owner makes a key, as the
        // README's deployment steps say, and creates links with it.
        const ProcessRun made = runServerBinary(
            {QStringLiteral("keys"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("deploy"),
             QStringLiteral("--db"), m_database.url()});
        ASSERT_EQ(made.exitCode, 0) << made.standardError.toStdString();
        m_key = made.standardOutput.trimmed();
        for (int i = 0; i < 2; ++i) {
            m_data.push_back(std::make_unique<QTemporaryDir>());
            m_instances.push_back(std::make_unique<ServerProcess>(
                m_data.back()->path(),
                QStringList{QStringLiteral("--bind"), QStringLiteral("127.0.0.1"), QStringLiteral("--trusted-proxy"),
                            QStringLiteral("127.0.0.1"), QStringLiteral("--base-url"), kBaseUrl,
                            QStringLiteral("--stats-rate-limit"), QStringLiteral("0"), QStringLiteral("--db"),
                            m_database.url()}));
            ASSERT_TRUE(m_instances.back()->start()) << m_instances.back()->startError().toStdString();
        }
        ASSERT_TRUE(m_nginx.start({m_instances[0]->port(), m_instances[1]->port()})) << m_nginx.error().toStdString();
    }

    void TearDown() override
    {
        m_nginx.stop();
        for (const std::unique_ptr<ServerProcess> &instance : m_instances) {
            if (instance->isRunning()) {
                const int code = instance->terminate();
                EXPECT_EQ(code, 0) << ServerProcess::describeExit(code) << "; stderr:\n"
                                   << instance->stderrText().toStdString();
            }
        }
    }

    // Through nginx, never to an instance directly.
    HttpClient viaNginx() const { return HttpClient(m_nginx.port()); }

    QString createLink(const QJsonObject &fields)
    {
        const HttpResponse created = viaNginx().postJson("/api/create", fields, {{"Authorization", "Bearer " + m_key}});
        EXPECT_EQ(created.status, 201) << created.describe().toStdString();
        const QString slug = created.json().value(QStringLiteral("slug")).toString();
        m_statsTokens[slug] = created.json().value(QStringLiteral("stats_token")).toString().toUtf8();
        EXPECT_EQ(created.json().value(QStringLiteral("short_url")).toString(), kBaseUrl + u'/' + slug)
            << "--base-url names the public address";
        return slug;
    }

    // First column of the first row of `sql` on the shared database.
    std::string queryValue(const QString &sql, const QVariantList &bindings = {}) const
    {
        static int connections = 0;
        const QString name = QStringLiteral("deploy-observer-%1").arg(++connections);
        QString value, error;
        {
            if (!openPostgresUrl(m_database.url(), name, &error)) {
                ADD_FAILURE() << error.toStdString();
            } else {
                QSqlQuery query(QSqlDatabase::database(name, false));
                query.prepare(sql);
                for (const QVariant &binding : bindings)
                    query.addBindValue(binding);
                if (query.exec() && query.next())
                    value = query.value(0).toString();
                else
                    ADD_FAILURE() << sql.toStdString() << ": " << query.lastError().text().toStdString();
            }
            QSqlDatabase::database(name, false).close();
        }
        QSqlDatabase::removeDatabase(name);
        return value.toStdString();
    }

    // How many requests for `path` each instance answered, from nginx's
    // access log (the sample logs upstream=<address>).
    std::map<quint16, int> answeredBy(const QByteArray &path) const
    {
        std::map<quint16, int> counts;
        static const QRegularExpression upstream(QStringLiteral("upstream=127\\.0\\.0\\.1:(\\d+)"));
        const QString needle = QStringLiteral("\"GET %1 HTTP/1.1\"").arg(QString::fromUtf8(path));
        for (const QString &line : m_nginx.accessLog().split(u'\n')) {
            if (!line.contains(needle))
                continue;
            const QRegularExpressionMatch match = upstream.match(line);
            ++counts[match.hasMatch() ? quint16(match.captured(1).toUInt()) : 0];
        }
        return counts;
    }

    // A link's statistics through nginx, read with its statistics token.
    HttpResponse statsOf(const QString &slug) const
    {
        return viaNginx().get("/api/stats/" + slug.toUtf8() + "?token=" + m_statsTokens.value(slug));
    }

    FreshDatabase m_database;
    QByteArray m_key;
    QHash<QString, QByteArray> m_statsTokens;
    std::vector<std::unique_ptr<QTemporaryDir>> m_data;
    std::vector<std::unique_ptr<ServerProcess>> m_instances;
    NginxProcess m_nginx;
};

// A link made through nginx redirects through nginx, with its destination
// untouched (the sample turns nginx's Location rewriting off: its default
// would turn http://shortfuse/... into a link to the proxy itself).
TEST_F(NginxDeployment, LinkMadeThroughNginxRedirectsThroughNginx)
{
    const QString destination = QStringLiteral("http://shortfuse/welcome?code=A%2Fb&x=%C3%A9#top");
    const QString slug = createLink({{QStringLiteral("url"), destination}});
    ASSERT_FALSE(slug.isEmpty());

    for (int i = 0; i < 4; ++i) { // both instances, twice each (round robin)
        const HttpResponse visit = viaNginx().get('/' + slug.toUtf8());
        EXPECT_EQ(visit.status, 302) << visit.describe().toStdString();
        EXPECT_EQ(visit.header("Location").toStdString(), destination.toStdString());
        EXPECT_EQ(visit.header("Cache-Control").toStdString(), "no-store");
    }
    // nginx logs a request after answering it: wait for the four lines.
    std::map<quint16, int> served;
    EXPECT_TRUE(waitUntil([&] {
        served = answeredBy('/' + slug.toUtf8());
        return served[m_instances[0]->port()] + served[m_instances[1]->port()] == 4;
    })) << m_nginx.accessLog().toStdString();
    EXPECT_GT(served[m_instances[0]->port()], 0) << "instance 1 answered none of the visits";
    EXPECT_GT(served[m_instances[1]->port()], 0) << "instance 2 answered none of the visits";

    const HttpResponse health = viaNginx().get("/health");
    EXPECT_EQ(health.status, 200) << health.describe().toStdString();
    // Metrics are scraped from each instance, never through the public proxy.
    EXPECT_EQ(viaNginx().get("/metrics").status, 403);
}

// The client's address comes through nginx's X-Forwarded-For: the click
// log stores it anonymized (not nginx's 127.0.0.1), and the stats show its
// country.
TEST_F(NginxDeployment, ClientAddressComesThroughNginx)
{
    const QString slug = createLink({{QStringLiteral("url"), QStringLiteral("https://example.com/forwarded")}});
    ASSERT_FALSE(slug.isEmpty());
    EXPECT_EQ(viaNginx().get('/' + slug.toUtf8(), {{"X-Forwarded-For", "203.0.113.7"}}).status, 302);
    EXPECT_EQ(viaNginx().get('/' + slug.toUtf8(), {{"X-Forwarded-For", "8.8.8.8"}}).status, 302);

    QJsonObject stats;
    ASSERT_TRUE(waitUntil([&] {
        const HttpResponse response = statsOf(slug);
        stats = response.json();
        return response.status == 200 && stats.value(QStringLiteral("click_log")).toArray().size() == 2;
    })) << "both clicks in the stats; last answer: " << QJsonDocument(stats).toJson().toStdString();
    EXPECT_EQ(stats.value(QStringLiteral("clicks")).toInt(), 2);
    EXPECT_EQ(viaNginx().get("/api/stats/" + slug.toUtf8()).status, 404)
        << "through a proxy, the slug alone does not open a link's statistics";
    EXPECT_EQ(stats.value(QStringLiteral("by_country")).toObject().value(QStringLiteral("US")).toInt(), 1)
        << "8.8.8.8 is placed in the US by the GeoIP data scripts/install-deps fetches";

    const QString countRows = QStringLiteral("SELECT COUNT(*) FROM clicks JOIN links ON links.id = clicks.link_id "
                                             "WHERE links.slug = ? AND clicks.client_address = ?");
    EXPECT_EQ(queryValue(countRows, {slug, QStringLiteral("203.0.113.0")}), "1");
    EXPECT_EQ(queryValue(countRows, {slug, QStringLiteral("8.8.8.0")}), "1");
    EXPECT_EQ(queryValue(countRows, {slug, QStringLiteral("127.0.0.0")}), "0")
        << "nginx's own address must not be taken for the client's";
}

// A max-clicks 3 link hit 20 times at once through nginx, which spreads the
// requests over both instances: exactly 3 redirects.
TEST_F(NginxDeployment, CapIsExactAcrossInstancesBehindNginx)
{
    const QString slug = createLink({{QStringLiteral("url"), QStringLiteral("https://example.com/three")},
                                     {QStringLiteral("max-clicks"), 3},
                                     {QStringLiteral("preview-protection"), QStringLiteral("off")}});
    ASSERT_FALSE(slug.isEmpty());
    const QByteArray path = '/' + slug.toUtf8();

    constexpr int kVisits = 20;
    std::mutex mutex;
    std::map<int, int> statuses;
    std::latch together(kVisits);
    std::vector<std::thread> visitors;
    for (int i = 0; i < kVisits; ++i) {
        visitors.emplace_back([&] {
            together.arrive_and_wait();
            const int status = viaNginx().get(path).status;
            std::lock_guard lock(mutex);
            ++statuses[status];
        });
    }
    for (std::thread &visitor : visitors)
        visitor.join();

    EXPECT_EQ(statuses[302], 3);
    EXPECT_EQ(statuses[400], kVisits - 3) << "the rest see the expired page";
    EXPECT_EQ(queryValue(QStringLiteral("SELECT clicks FROM links WHERE slug = ?"), {slug}), "3");

    // nginx logs a request after answering it: wait for all 20 lines.
    std::map<quint16, int> served;
    EXPECT_TRUE(waitUntil([&] {
        served = answeredBy(path);
        int total = 0;
        for (const auto &[port, count] : served)
            total += count;
        return total == kVisits;
    })) << m_nginx.accessLog().toStdString();
    EXPECT_GT(served[m_instances[0]->port()], 0) << "instance 1 served none of the visits";
    EXPECT_GT(served[m_instances[1]->port()], 0) << "instance 2 served none of the visits";
}

// The live event stream through the sample's `location = /api/events`:
// nginx passes each event on at once (no buffering), whichever instance
// holds the stream and whichever one the click reaches.
TEST_F(NginxDeployment, EventStreamThroughNginxDeliversAClickWithinASecond)
{
    const QString slug = createLink({{QStringLiteral("url"), QStringLiteral("https://example.com/live")},
                                     {QStringLiteral("max-clicks"), 5},
                                     {QStringLiteral("preview-protection"), QStringLiteral("off")}});
    ASSERT_FALSE(slug.isEmpty());
    SseClient stream(m_nginx.port());
    ASSERT_TRUE(stream.open({{"Authorization", "Bearer " + m_key}})) << stream.error().toStdString();
    ASSERT_EQ(stream.status, 200) << stream.head.toStdString();
    EXPECT_TRUE(stream.header("Content-Type").startsWith("text/event-stream"));
    ASSERT_EQ(stream.eventsUntil("ready").size(), 1) << "the stream's first event came through";
    // The sample's own block for it (what this test cannot wait for: an
    // hour without a byte, and no buffering whatever nginx's defaults).
    QFile sample(QStringLiteral(SHORTFUSE_NGINX_SAMPLE));
    ASSERT_TRUE(sample.open(QIODevice::ReadOnly));
    const QString conf = QString::fromUtf8(sample.readAll());
    const QRegularExpressionMatch block =
        QRegularExpression(QStringLiteral("location = /api/events \\{([^}]*)\\}")).match(conf);
    ASSERT_TRUE(block.hasMatch()) << "installer/nginx/shortfuse.conf has a location = /api/events";
    for (const char *line : {"proxy_buffering off;", "proxy_http_version 1.1;", "proxy_read_timeout 1h;"})
        EXPECT_TRUE(block.captured(1).contains(QLatin1String(line))) << line;
    for (int click = 1; click <= 2; ++click) { // round robin: each instance takes one
        const auto clicked = std::chrono::steady_clock::now();
        ASSERT_EQ(viaNginx().get('/' + slug.toUtf8()).status, 302);
        const std::optional<SseEvent> event = stream.nextEvent(5s);
        ASSERT_TRUE(event) << "click " << click;
        const auto took = std::chrono::steady_clock::now() - clicked;
        EXPECT_EQ(event->name, "link.clicked");
        EXPECT_EQ(event->json().value(QStringLiteral("slug")).toString(), slug);
        EXPECT_EQ(event->json().value(QStringLiteral("clicks")).toInt(), click);
        EXPECT_LT(took, 1s) << "click " << click << " took "
                            << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms";
    }
}

} // namespace
} // namespace shortfuse::test
