// GET /metrics (Prometheus text format 0.0.4) and --metrics-bind: what the
// counters say after real requests, that the body is valid exposition text,
// that clients cannot add time series, and the separate metrics listener.

#include "tests/http/httptest.h"

#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>

#include <cmath>
#include <limits>

namespace shortfuse::test {
namespace {

// One scrape, parsed and checked against the text format: every sample's
// family has a TYPE line (before its samples), histograms are cumulative,
// end in +Inf and agree with _count. Problems go to `errors`.
struct Exposition {
    std::map<QString, QString> types;    // family -> counter, gauge, histogram...
    std::map<QString, double> samples;   // "name{a=\"x\",b=\"y\"}" (labels sorted) -> value
    QStringList errors;

    bool has(const QString &series) const { return samples.count(series) > 0; }
    // The sample's value; NaN (and a test failure) when it is missing.
    double value(const QString &series) const
    {
        const auto it = samples.find(series);
        if (it == samples.end()) {
            ADD_FAILURE() << "no sample " << series.toStdString();
            return std::numeric_limits<double>::quiet_NaN();
        }
        return it->second;
    }
    // Sum over every sample of `name` whose labels include all of `labels` (k="v" strings).
    double sum(const QString &name, const QStringList &labels = {}) const
    {
        double total = 0;
        for (const auto &[series, v] : samples) {
            if (series != name && !series.startsWith(name + u'{'))
                continue;
            bool all = true;
            for (const QString &l : labels)
                all = all && series.contains(l);
            if (all)
                total += v;
        }
        return total;
    }
};

const QRegularExpression kMetricName(QStringLiteral("^[a-zA-Z_:][a-zA-Z0-9_:]*$"));
const QRegularExpression kLabelName(QStringLiteral("^[a-zA-Z_][a-zA-Z0-9_]*$"));

// Parses `{a="x",b="y"}` (the braces included) into sorted pairs; false if malformed.
bool parseLabels(QStringView text, std::map<QString, QString> &labels)
{
    qsizetype i = 1;
    while (i < text.size() && text[i] != u'}') {
        const qsizetype eq = text.indexOf(u'=', i);
        if (eq < 0 || eq + 1 >= text.size() || text[eq + 1] != u'"')
            return false;
        const QString name = text.mid(i, eq - i).toString();
        if (!kLabelName.match(name).hasMatch() || labels.count(name))
            return false;
        QString value;
        qsizetype j = eq + 2;
        for (; j < text.size() && text[j] != u'"'; ++j) {
            if (text[j] == u'\\') {
                if (++j >= text.size())
                    return false;
                if (text[j] == u'n')
                    value += u'\n';
                else if (text[j] == u'\\' || text[j] == u'"')
                    value += text[j];
                else
                    return false;
            } else {
                value += text[j];
            }
        }
        if (j >= text.size())
            return false;
        labels[name] = value;
        i = j + 1;
        if (i < text.size() && text[i] == u',')
            ++i;
    }
    return i == text.size() - 1;
}

QString seriesKey(const QString &name, const std::map<QString, QString> &labels)
{
    if (labels.empty())
        return name;
    QStringList parts;
    for (const auto &[k, v] : labels) {
        QString escaped = v;
        escaped.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\"")).replace(u'\n', QStringLiteral("\\n"));
        parts << k + QStringLiteral("=\"") + escaped + u'"';
    }
    return name + u'{' + parts.join(u',') + u'}';
}

double parseValue(const QString &text, bool *ok)
{
    if (text == QLatin1String("+Inf"))
        return *ok = true, std::numeric_limits<double>::infinity();
    if (text == QLatin1String("-Inf"))
        return *ok = true, -std::numeric_limits<double>::infinity();
    if (text == QLatin1String("NaN"))
        return *ok = true, std::numeric_limits<double>::quiet_NaN();
    return text.toDouble(ok);
}

// The family a sample belongs to: histograms own name_bucket, name_sum, name_count.
QString familyOf(const QString &name, const std::map<QString, QString> &types)
{
    for (const char *suffix : {"_bucket", "_sum", "_count"}) {
        if (name.endsWith(QLatin1String(suffix))) {
            const QString base = name.chopped(int(qstrlen(suffix)));
            const auto it = types.find(base);
            if (it != types.end() && it->second == QLatin1String("histogram"))
                return base;
        }
    }
    return name;
}

Exposition parseExposition(const QByteArray &body)
{
    Exposition out;
    if (!body.endsWith('\n'))
        out.errors << QStringLiteral("the body does not end with a newline");
    std::set<QString> helped, sampledFamilies;
    // histogram family -> labels without le -> [(le, count)] in order
    std::map<QString, std::map<QString, std::vector<std::pair<double, double>>>> buckets;
    for (const QString &line : QString::fromUtf8(body).split(u'\n', Qt::SkipEmptyParts)) {
        if (line.startsWith(QLatin1String("# HELP ")) || line.startsWith(QLatin1String("# TYPE "))) {
            const QStringList parts = line.mid(7).split(u' ');
            const QString name = parts.value(0);
            if (!kMetricName.match(name).hasMatch())
                out.errors << QStringLiteral("bad metric name in: ") + line;
            if (line.startsWith(QLatin1String("# HELP "))) {
                if (!helped.insert(name).second)
                    out.errors << QStringLiteral("HELP twice for ") + name;
                continue;
            }
            const QString type = parts.value(1);
            static const QStringList known{QStringLiteral("counter"), QStringLiteral("gauge"), QStringLiteral("histogram"),
                                           QStringLiteral("summary"), QStringLiteral("untyped")};
            if (parts.size() != 2 || !known.contains(type))
                out.errors << QStringLiteral("bad TYPE line: ") + line;
            if (out.types.count(name))
                out.errors << QStringLiteral("TYPE twice for ") + name;
            if (sampledFamilies.count(name))
                out.errors << QStringLiteral("TYPE after samples of ") + name;
            out.types[name] = type;
            continue;
        }
        if (line.startsWith(u'#'))
            continue; // a comment
        const qsizetype brace = line.indexOf(u'{');
        const qsizetype space = brace >= 0 ? line.indexOf(u' ', line.indexOf(u'}', brace)) : line.indexOf(u' ');
        if (space < 0) {
            out.errors << QStringLiteral("no value: ") + line;
            continue;
        }
        const QString name = line.left(brace >= 0 ? brace : space);
        std::map<QString, QString> labels;
        if (brace >= 0 && !parseLabels(QStringView(line).mid(brace, space - brace), labels)) {
            out.errors << QStringLiteral("bad labels: ") + line;
            continue;
        }
        bool ok = false;
        const double value = parseValue(line.mid(space + 1), &ok);
        if (!kMetricName.match(name).hasMatch() || !ok) {
            out.errors << QStringLiteral("bad sample line: ") + line;
            continue;
        }
        const QString family = familyOf(name, out.types);
        sampledFamilies.insert(family);
        const auto type = out.types.find(family);
        if (type == out.types.end()) {
            out.errors << QStringLiteral("sample without a TYPE line: ") + line;
        } else if (type->second == QLatin1String("counter") && (!name.endsWith(QLatin1String("_total")) || value < 0)) {
            out.errors << QStringLiteral("a counter should be named *_total and never negative: ") + line;
        }
        const QString key = seriesKey(name, labels);
        if (out.samples.count(key))
            out.errors << QStringLiteral("the same series twice: ") + line;
        out.samples[key] = value;
        if (name == family + QStringLiteral("_bucket")) {
            bool leOk = false;
            const double le = parseValue(labels[QStringLiteral("le")], &leOk);
            if (!labels.count(QStringLiteral("le")) || !leOk)
                out.errors << QStringLiteral("a bucket without a valid le: ") + line;
            std::map<QString, QString> rest = labels;
            rest.erase(QStringLiteral("le"));
            buckets[family][seriesKey(QString(), rest)].emplace_back(le, value);
        }
    }
    for (const auto &[family, type] : out.types) {
        if (!helped.count(family))
            out.errors << QStringLiteral("no HELP for ") + family;
        if (type != QLatin1String("histogram"))
            continue;
        for (const auto &[labels, series] : buckets[family]) {
            const QString where = family + labels;
            if (series.empty() || !std::isinf(series.back().first)) {
                out.errors << QStringLiteral("histogram without a +Inf bucket: ") + where;
                continue;
            }
            for (size_t i = 1; i < series.size(); ++i) {
                if (!(series[i].first > series[i - 1].first) || series[i].second < series[i - 1].second)
                    out.errors << QStringLiteral("buckets not cumulative in increasing le: ") + where;
            }
            const QString count = family + QStringLiteral("_count") + labels;
            if (!out.samples.count(count) || out.samples[count] != series.back().second)
                out.errors << QStringLiteral("+Inf bucket differs from _count: ") + where;
            if (!out.samples.count(family + QStringLiteral("_sum") + labels))
                out.errors << QStringLiteral("histogram without _sum: ") + where;
        }
        if (buckets[family].empty())
            out.errors << QStringLiteral("histogram without buckets: ") + family;
    }
    return out;
}

QString requests(const char *route, int status)
{
    return QStringLiteral("shortfuse_http_requests_total{route=\"%1\",status=\"%2\"}").arg(QLatin1String(route)).arg(status);
}

// Reads /metrics from `port` and checks it is valid exposition text.
Exposition scrape(quint16 port)
{
    const HttpResponse response = HttpClient(port).get("/metrics");
    EXPECT_EQ(response.status, 200) << response.describe().toStdString();
    EXPECT_EQ(response.header("Content-Type"), QByteArray("text/plain; version=0.0.4; charset=utf-8"));
    Exposition parsed = parseExposition(response.body);
    EXPECT_TRUE(parsed.errors.isEmpty()) << parsed.errors.join(u'\n').toStdString() << "\nbody:\n"
                                         << response.body.toStdString();
    return parsed;
}

class HttpMetrics : public ServerTest {
protected:
    Exposition scrape() { return test::scrape(server().port()); }
};

// A capped link clicked past its cap: redirects, expired hits, granted
// claims, the redirect histogram and the requests by route and status all
// say what the client saw.
TEST_F(HttpMetrics, CappedLinkClickedPastItsCap)
{
    const QString slug = createLink(QStringLiteral("https://example.com/capped"), 2);
    ASSERT_FALSE(slug.isEmpty());
    const StatusCounts statuses = visit(slug, 5);
    ASSERT_EQ(statuses, (StatusCounts{{302, 2}, {400, 3}}));

    const Exposition metrics = scrape();
    EXPECT_EQ(metrics.value(QStringLiteral("shortfuse_redirects_total")), 2);
    EXPECT_EQ(metrics.value(QStringLiteral("shortfuse_expired_hits_total")), 3);
    EXPECT_EQ(metrics.value(QStringLiteral("shortfuse_claims_total{result=\"granted\"}")), 2);
    EXPECT_EQ(metrics.value(QStringLiteral("shortfuse_claims_total{result=\"failed\"}")), 0);
    EXPECT_EQ(metrics.value(QStringLiteral("shortfuse_redirect_duration_seconds_count")), 2);
    EXPECT_EQ(metrics.value(QStringLiteral("shortfuse_redirect_duration_seconds_bucket{le=\"+Inf\"}")), 2);
    EXPECT_GT(metrics.value(QStringLiteral("shortfuse_redirect_duration_seconds_sum")), 0);
    EXPECT_EQ(metrics.value(requests("redirect", 302)), 2);
    EXPECT_EQ(metrics.value(requests("redirect", 400)), 3);
    EXPECT_EQ(metrics.value(requests("create", 201)), 1);
    // Every answered request is counted once: the 1 creation and 5 visits (this scrape comes after).
    EXPECT_EQ(metrics.sum(QStringLiteral("shortfuse_http_requests_total")), 6);
    EXPECT_EQ(metrics.value(QStringLiteral("shortfuse_database_errors_total{operation=\"write\"}")), 0);
    EXPECT_EQ(metrics.value(QStringLiteral("shortfuse_rate_limit_rejections_total{limit=\"create\"}")), 0);
    // The creation and both claims were committed by the writer, in one or more batches.
    EXPECT_GE(metrics.value(QStringLiteral("shortfuse_commit_batch_size_count")), 1);
    EXPECT_GE(metrics.value(QStringLiteral("shortfuse_commit_batch_size_sum")), 3);
    EXPECT_EQ(metrics.types.at(QStringLiteral("shortfuse_redirect_duration_seconds")), QStringLiteral("histogram"));
    EXPECT_EQ(metrics.types.at(QStringLiteral("shortfuse_commit_batch_size")), QStringLiteral("histogram"));
    EXPECT_EQ(metrics.types.at(QStringLiteral("shortfuse_links_cached")), QStringLiteral("gauge"));

    // The scrape itself shows up in the next one.
    EXPECT_EQ(scrape().value(requests("metrics", 200)), 1);
}

// A server that did not see a link used up asks the database, which refuses
// the claim: counted as refused, and as an expired hit.
TEST_F(HttpMetrics, ClaimOnAUsedUpLinkIsRefused)
{
    const QString slug = createLink(QStringLiteral("https://example.com/once"), 1);
    ASSERT_FALSE(slug.isEmpty());
    ASSERT_EQ(visit(slug, 1), (StatusCounts{{302, 1}}));
    ASSERT_NO_FATAL_FAILURE(restartServer()); // a fresh process: counters and cache start empty

    ASSERT_EQ(visit(slug, 1), (StatusCounts{{400, 1}}));
    const Exposition metrics = scrape();
    EXPECT_EQ(metrics.value(QStringLiteral("shortfuse_claims_total{result=\"refused\"}")), 1);
    EXPECT_EQ(metrics.value(QStringLiteral("shortfuse_claims_total{result=\"granted\"}")), 0);
    EXPECT_EQ(metrics.value(QStringLiteral("shortfuse_expired_hits_total")), 1);
    EXPECT_EQ(metrics.value(QStringLiteral("shortfuse_redirects_total")), 0);
    EXPECT_EQ(metrics.value(QStringLiteral("shortfuse_redirect_duration_seconds_count")), 0);
}

// Slugs and paths never become label values: a scan over many unknown slugs
// and paths adds to two series, whatever it sends.
TEST_F(HttpMetrics, ClientsCannotAddTimeSeries)
{
    const HttpClient http = client();
    for (int i = 0; i < 40; ++i) {
        EXPECT_EQ(http.get("/zqw" + QByteArray::number(i)).status, 404);
        EXPECT_EQ(http.get("/no/such/path/zqw" + QByteArray::number(i) + "?q=%22%5C").status, 404);
    }
    const HttpResponse raw = http.get("/metrics");
    EXPECT_FALSE(raw.body.contains("zqw")) << raw.body.toStdString();
    EXPECT_FALSE(raw.body.contains("/no/such")) << raw.body.toStdString();
    const Exposition metrics = parseExposition(raw.body);
    EXPECT_TRUE(metrics.errors.isEmpty()) << metrics.errors.join(u'\n').toStdString();
    EXPECT_EQ(metrics.value(requests("redirect", 404)), 40);
    EXPECT_EQ(metrics.value(requests("other", 404)), 40);
    EXPECT_EQ(metrics.sum(QStringLiteral("shortfuse_http_requests_total")), 80);
    EXPECT_EQ(metrics.value(QStringLiteral("shortfuse_claims_total{result=\"not_found\"}")), 40);
}

// /metrics answers GET and HEAD only.
TEST_F(HttpMetrics, OtherMethodsAreRefused)
{
    HttpRequest post;
    post.method = "POST";
    post.path = "/metrics";
    const HttpResponse response = client().send(post);
    EXPECT_EQ(response.status, 405) << response.describe().toStdString();
    EXPECT_EQ(response.header("Allow"), QByteArray("GET, HEAD"));
    const HttpResponse head = client().head("/metrics");
    EXPECT_EQ(head.status, 200) << head.describe().toStdString();
    EXPECT_TRUE(head.body.isEmpty());
}

class HttpMetricsRateLimits : public HttpMetrics {
protected:
    QStringList serverArguments() const override
    {
        return {QStringLiteral("--rate-limit"), QStringLiteral("2"), QStringLiteral("--stats-rate-limit"),
                QStringLiteral("1")};
    }
};

// Each limit's refusals are counted under its own label, and the 429s under
// their routes.
TEST_F(HttpMetricsRateLimits, RejectionsAreCountedByLimit)
{
    const QJsonObject guarded{{QStringLiteral("url"), QStringLiteral("https://example.com/pw")},
                              {QStringLiteral("password"), QStringLiteral("correct horse battery staple")}};
    const HttpResponse first = create(guarded);
    ASSERT_EQ(first.status, 201) << first.describe().toStdString();
    const QString passwordSlug = first.json().value(QStringLiteral("slug")).toString();
    const QString plainSlug = createLink(QStringLiteral("https://example.com/plain"));
    ASSERT_FALSE(plainSlug.isEmpty());
    expectJsonError(create(QJsonObject{{QStringLiteral("url"), QStringLiteral("https://example.com/third")}}), 429,
                    QStringLiteral("rate_limited"));

    EXPECT_EQ(client().get("/api/stats/" + plainSlug.toUtf8()).status, 200);
    expectJsonError(client().get("/api/stats/" + plainSlug.toUtf8()), 429, QStringLiteral("rate_limited"));

    // Wrong passwords until the per-link limit (10 a minute) refuses one.
    int wrong = 0;
    HttpResponse guess;
    for (int i = 0; i < 16; ++i) {
        guess = client().postForm(pathOf(passwordSlug), "password=wrong-guess-" + QByteArray::number(i));
        if (guess.status != 401)
            break;
        ++wrong;
    }
    ASSERT_EQ(guess.status, 429) << guess.describe().toStdString();
    EXPECT_GE(wrong, 10);

    const Exposition metrics = scrape();
    EXPECT_EQ(metrics.value(QStringLiteral("shortfuse_rate_limit_rejections_total{limit=\"create\"}")), 1);
    EXPECT_EQ(metrics.value(QStringLiteral("shortfuse_rate_limit_rejections_total{limit=\"stats\"}")), 1);
    EXPECT_EQ(metrics.value(QStringLiteral("shortfuse_rate_limit_rejections_total{limit=\"password\"}")), 1);
    EXPECT_EQ(metrics.value(requests("create", 201)), 2);
    EXPECT_EQ(metrics.value(requests("create", 429)), 1);
    EXPECT_EQ(metrics.value(requests("stats_api", 200)), 1);
    EXPECT_EQ(metrics.value(requests("stats_api", 429)), 1);
    EXPECT_EQ(metrics.value(requests("gate", 401)), wrong);
    EXPECT_EQ(metrics.value(requests("gate", 429)), 1);
}

// Runs `statements` on the server's database as an outside writer.
void execOnDatabase(const QString &url, const QString &sqlitePath, const QStringList &statements)
{
    static int counter = 0;
    const QString name = QStringLiteral("metrics-test-writer-%1").arg(++counter);
    {
        QSqlDatabase db;
        if (url.isEmpty()) {
            db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(sqlitePath);
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
            ASSERT_TRUE(db.open()) << db.lastError().text().toStdString();
        } else {
            QString error;
            ASSERT_TRUE(openPostgresUrl(url, name, &error)) << error.toStdString();
            db = QSqlDatabase::database(name, false);
        }
        for (const QString &sql : statements) {
            QSqlQuery query(db);
            EXPECT_TRUE(query.exec(sql)) << sql.toStdString() << ": " << query.lastError().text().toStdString();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

// A database that refuses a claim: the request gets 503, and the metrics
// count a write error and a failed claim; once it works again, so do claims.
TEST_F(HttpMetrics, DatabaseErrorsAreCounted)
{
    const QString slug = createLink(QStringLiteral("https://example.com/db"), 3);
    ASSERT_FALSE(slug.isEmpty());
    const QString path = server().databasePath();
    // A trigger makes the claim's conditional UPDATE fail inside the server's batch.
    if (testingOnPostgres()) {
        ASSERT_NO_FATAL_FAILURE(execOnDatabase(
            databaseUrl(), {},
            {QStringLiteral("CREATE FUNCTION metrics_test_fail() RETURNS trigger LANGUAGE plpgsql AS "
                            "$$ BEGIN RAISE EXCEPTION 'injected failure'; END $$"),
             QStringLiteral("CREATE TRIGGER metrics_test_fail BEFORE UPDATE ON links FOR EACH ROW "
                            "EXECUTE FUNCTION metrics_test_fail()")}));
    } else {
        ASSERT_NO_FATAL_FAILURE(execOnDatabase({}, path,
                                               {QStringLiteral("CREATE TRIGGER metrics_test_fail BEFORE UPDATE ON links "
                                                               "BEGIN SELECT RAISE(ABORT, 'injected failure'); END")}));
    }
    EXPECT_EQ(client().get(pathOf(slug)).status, 503);
    Exposition metrics = scrape();
    EXPECT_GE(metrics.value(QStringLiteral("shortfuse_database_errors_total{operation=\"write\"}")), 1);
    EXPECT_EQ(metrics.value(QStringLiteral("shortfuse_claims_total{result=\"failed\"}")), 1);
    EXPECT_EQ(metrics.value(requests("redirect", 503)), 1);
    EXPECT_EQ(metrics.value(QStringLiteral("shortfuse_redirects_total")), 0);

    ASSERT_NO_FATAL_FAILURE(execOnDatabase(databaseUrl(), path, {QStringLiteral("DROP TRIGGER metrics_test_fail")
                                                                 + (testingOnPostgres() ? QStringLiteral(" ON links")
                                                                                        : QString())}));
    // The writer backs off after a failure; the next claim goes through.
    EXPECT_TRUE(waitUntil([&] { return client().get(pathOf(slug)).status == 302; }, 15s));
    metrics = scrape();
    EXPECT_EQ(metrics.value(QStringLiteral("shortfuse_claims_total{result=\"granted\"}")), 1);
    EXPECT_EQ(metrics.value(QStringLiteral("shortfuse_redirects_total")), 1);
}

class HttpMetricsBind : public HttpMetrics {
protected:
    QStringList serverArguments() const override
    {
        return {QStringLiteral("--rate-limit"), QStringLiteral("0"), QStringLiteral("--metrics-bind"),
                QStringLiteral("127.0.0.1:0")};
    }
    // The port of "Metrics on http://127.0.0.1:PORT", printed after "Listening on".
    quint16 metricsPort()
    {
        const QString line = server().readStdoutLine();
        static const QRegularExpression pattern(QStringLiteral("^Metrics on http://127\\.0\\.0\\.1:(\\d+)$"));
        const QRegularExpressionMatch match = pattern.match(line);
        EXPECT_TRUE(match.hasMatch()) << "second stdout line: '" << line.toStdString() << "'";
        return match.hasMatch() ? quint16(match.captured(1).toUInt()) : 0;
    }
};

// --metrics-bind: /metrics on its own listener (and only /metrics there);
// the public listener answers /metrics like any unknown path.
TEST_F(HttpMetricsBind, ServesMetricsOnlyOnItsOwnListener)
{
    const quint16 port = metricsPort();
    ASSERT_NE(port, 0);
    ASSERT_NE(port, server().port());

    const HttpResponse publicMetrics = client().get("/metrics");
    EXPECT_EQ(publicMetrics.status, 404) << publicMetrics.describe().toStdString();
    EXPECT_FALSE(publicMetrics.body.contains("shortfuse_"));

    const QString slug = createLink(QStringLiteral("https://example.com/bound"), 1);
    ASSERT_FALSE(slug.isEmpty());
    ASSERT_EQ(visit(slug, 1), (StatusCounts{{302, 1}}));

    const Exposition metrics = test::scrape(port);
    EXPECT_EQ(metrics.value(QStringLiteral("shortfuse_redirects_total")), 1);
    EXPECT_EQ(metrics.value(requests("other", 404)), 1) << "the public /metrics is an unknown path";
    EXPECT_FALSE(metrics.has(requests("metrics", 404)));

    const HttpResponse elsewhere = HttpClient(port).get(pathOf(slug));
    EXPECT_EQ(elsewhere.status, 404) << "the metrics listener serves nothing else";
    EXPECT_FALSE(elsewhere.hasHeader("Location"));
    EXPECT_EQ(HttpClient(port).get("/health").status, 404);
}

// A malformed --metrics-bind is a usage error like any bad flag value (one
// line, exit 2); an address that cannot be listened on is a start-up
// failure like a taken port (one line, exit 1).
TEST(HttpMetricsCli, BadMetricsBindIsOneLine)
{
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    for (const char *bad : {"127.0.0.1", "localhost:9100", "127.0.0.1:70000", "127.0.0.1:", ":9100", "::1:9100",
                            "[127.0.0.1]:9100", "127.0.0.1:9x", "[::1]9100", ""}) {
        const ProcessRun run = runServerBinary({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"),
                                                data, QStringLiteral("--metrics-bind"), QString::fromUtf8(bad)});
        EXPECT_EQ(run.exitCode, 2) << bad << ": " << run.standardError.toStdString();
        const QByteArray message = run.standardError.trimmed();
        EXPECT_TRUE(message.contains("--metrics-bind")) << bad << ": " << message.toStdString();
        EXPECT_FALSE(message.contains('\n')) << bad << ": " << message.toStdString();
        EXPECT_FALSE(run.standardOutput.contains("Listening")) << bad;
    }

    QTcpServer taken;
    ASSERT_TRUE(taken.listen(QHostAddress::LocalHost, 0));
    const ProcessRun run = runServerBinary(
        {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"), data, QStringLiteral("--metrics-bind"),
         QStringLiteral("127.0.0.1:%1").arg(taken.serverPort())});
    EXPECT_EQ(run.exitCode, 1) << run.standardError.toStdString();
    const QByteArray message = run.standardError.trimmed();
    EXPECT_TRUE(message.contains("--metrics-bind")) << message.toStdString();
    EXPECT_FALSE(message.isEmpty());
    EXPECT_FALSE(message.contains('\n')) << message.toStdString();
    EXPECT_FALSE(run.standardOutput.contains("Listening"));
}

// Listening beyond loopback without --metrics-bind (issue 14): /metrics
// answers this machine only (AccessRules::isLocal), like an unknown path
// for everyone else: a forwarded request (a proxy's, so from anywhere), a
// rebound DNS name. (A peer on another machine is the network lab's:
// GuiLabWindow.TurnedOnThe... asks from outside the router.)
class HttpMetricsBeyondLoopback : public ServerTest {
protected:
    QStringList serverArguments() const override
    {
        return {QStringLiteral("--rate-limit"), QStringLiteral("0"), QStringLiteral("--bind"), QStringLiteral("0.0.0.0")};
    }
};

TEST_F(HttpMetricsBeyondLoopback, MetricsAnswerThisMachineOnly)
{
    const HttpResponse local = client().get("/metrics");
    EXPECT_EQ(local.status, 200) << local.describe().toStdString();
    EXPECT_TRUE(local.body.contains("shortfuse_"));

    const QList<HeaderList> notLocal = {
        {{"X-Forwarded-For", "203.0.113.9"}},
        {{"Forwarded", "for=203.0.113.9"}},
        {{"Host", "rebound.example:" + QByteArray::number(server().port())}},
        {{"Origin", "http://evil.example"}},
    };
    for (const HeaderList &headers : notLocal) {
        const HttpResponse refused = client().get("/metrics", headers);
        EXPECT_EQ(refused.status, 404) << headers.first().first.toStdString() << ": " << refused.describe().toStdString();
        EXPECT_FALSE(refused.body.contains("shortfuse_")) << headers.first().first.toStdString();
    }
}

} // namespace
} // namespace shortfuse::test
