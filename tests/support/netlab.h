#pragma once

// The network lab of issue 14 for a test: a LAN, a router and a WAN in
// network namespaces of their own, made by tests/lab/netlab, with
// tests/lab/gateway.py answering UPnP IGD and NAT-PMP in the router (see
// tests/lab/README.md). A NetLab object owns one lab: its constructor makes
// it, its destructor removes it (namespaces, interfaces, the gateway and
// whatever still runs in the namespaces), also when the test fails.

#include "tests/support/serverprocess.h"

#include <QString>
#include <QStringList>

#include <chrono>
#include <memory>

#include <gtest/gtest.h>

namespace shortfuse::test {

struct NetLabOptions {
    // The address the gateway reports and forwards; always documentation
    // (RFC 5737), shared (RFC 6598, 100.64.0.0/10) or private, never public.
    QString externalAddress = QStringLiteral("203.0.113.1");
    bool refuse = false;        // the gateway refuses every mapping (UPnP 718, NAT-PMP result 2)
    bool noUpnp = false;        // no SSDP and no HTTP: UPnP finds nothing
    bool noNatpmp = false;      // UDP 5351 closed
    bool hairpin = false;       // mappings also work from the LAN through the external address
    QStringList extraGatewayArguments;  // more tests/lab/gateway.py options
};

// The outcome of one command run in a lab namespace.
struct LabRun {
    int exitCode = -1;  // -1: did not start, crashed, or timed out (then killed)
    QString output;     // stdout and stderr, merged
};

class NetLab final {
public:
    enum class Side { Lan, Router, Wan };

    // The fixed addresses of the lab (tests/lab/netlab).
    static constexpr const char *kLanAddress = "192.0.2.10";        // the LAN host (the server)
    static constexpr const char *kRouterLanAddress = "192.0.2.1";   // the gateway, from the LAN
    static constexpr const char *kVisitorAddress = "198.51.100.20"; // the visitor outside

    // Why labs cannot be made here (not root, no `ip netns`, no nftables
    // NAT in a namespace), or empty when they can. Asked once per process.
    static QString unavailableReason();
    // True when SHORTFUSE_REQUIRE_NETNS=1 (scripts/test as root): a lab
    // test that cannot run must then fail, not skip.
    static bool required();

    explicit NetLab(NetLabOptions options = {});
    ~NetLab();
    NetLab(const NetLab &) = delete;
    NetLab &operator=(const NetLab &) = delete;

    // False (see error()) if the lab could not be made.
    bool isUp() const { return m_up; }
    const QString &error() const { return m_error; }

    const QString &id() const { return m_id; }
    QString namespaceName(Side side) const;
    const QString &externalAddress() const { return m_options.externalAddress; }
    // The gateway's root description, for `upnpc -u`.
    QString rootDescriptionUrl() const;
    // The gateway's log so far (for test failure messages).
    QString gatewayLog() const;

    // The command prefix that runs a program in a namespace (`ip netns exec NS`).
    QStringList launcher(Side side) const;
    // Runs `command` in the namespace of `side` to its end.
    LabRun run(Side side, const QStringList &command, std::chrono::milliseconds timeout = 15s) const;

    // A shortfuse-server in the LAN namespace, bound to 192.0.2.10 on a
    // port of its choosing, started (check start() / startError()).
    std::unique_ptr<ServerProcess> startServer(const QString &dataDir, QStringList extraArguments = {}) const;

    // Stops the gateway and starts it again with the same options: like a
    // rebooted router, it has lost every mapping. False (see error()) on failure.
    bool restartGateway();
    // Stops the gateway (mappings gone, nothing answers UPnP or NAT-PMP).
    bool stopGateway();

private:
    LabRun netlab(const QStringList &arguments) const;

    NetLabOptions m_options;
    bool m_up = false;
    QString m_id;
    QString m_stateDir;
    QString m_error;
};

} // namespace shortfuse::test

// Skips the test with `reason` (a QString; nothing when it is empty), or
// fails it when SHORTFUSE_REQUIRE_NETNS=1 says the lab tests must run.
#define SHORTFUSE_LAB_SKIP_OR_FAIL(reason)                                                                  \
    do {                                                                                                    \
        const QString shortfuseLabReason = (reason);                                                        \
        if (!shortfuseLabReason.isEmpty()) {                                                                \
            if (::shortfuse::test::NetLab::required())                                                      \
                FAIL() << "SHORTFUSE_REQUIRE_NETNS=1 but the network lab cannot run: "                      \
                       << shortfuseLabReason.toStdString();                                                 \
            GTEST_SKIP() << "The network lab cannot run here: " << shortfuseLabReason.toStdString();        \
        }                                                                                                   \
    } while (false)

// At the start of a lab test: skips it (or fails it, see above) where labs cannot be made.
#define SHORTFUSE_REQUIRE_NETLAB() SHORTFUSE_LAB_SKIP_OR_FAIL(::shortfuse::test::NetLab::unavailableReason())
