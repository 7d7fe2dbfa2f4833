#!/usr/bin/env python3
"""A small Internet Gateway Device of the tests' own (issue 14's lab).

It runs inside the router namespace that tests/lab/netlab makes and speaks
just enough UPnP IGD and NAT-PMP for Debian's clients (upnpc, natpmpc) and
the product's libminiupnpc/libnatpmp to map a port through it:

* SSDP: answers M-SEARCH on UDP 1900 (multicast 239.255.255.250, joined on
  the LAN address only) with the location of its description;
* HTTP: the IGD root description (InternetGatewayDevice:1 > WANDevice:1 >
  WANConnectionDevice:1 > WANIPConnection:1), the service description, and
  the SOAP actions GetStatusInfo, GetExternalIPAddress, GetConnectionTypeInfo,
  AddPortMapping, DeletePortMapping, GetSpecificPortMappingEntry and
  GetGenericPortMappingEntry;
* NAT-PMP (RFC 6886) on UDP 5351: opcode 0 (external address), 1 and 2
  (map UDP / TCP with a lifetime; lifetime 0 deletes).

Every mapping is a real nftables DNAT rule in a table of its own (`ip
sflab`), so a visitor on the WAN side really crosses the NAT. Leases are
honoured: a mapping is removed when its lease ends. The table is made
afresh at start and removed at exit, so a restarted gateway has lost every
mapping, like a rebooted home router.

Why not miniupnpd: Debian 12's miniupnpd 2.3.1 refuses to map anything while
its external address is a documentation or private one (there is no
override in that version), and the lab must never use a public address.

Python 3 standard library only. Malformed input of any kind is answered with
an error (or ignored) and never ends the gateway.
"""

import argparse
import ipaddress
import os
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import uuid
import xml.etree.ElementTree as ElementTree
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SSDP_GROUP = "239.255.255.250"
SSDP_PORT = 1900
NATPMP_PORT = 5351
SERVICE_TYPE = "urn:schemas-upnp-org:service:WANIPConnection:1"
DEVICE_TYPES = [
    "urn:schemas-upnp-org:device:InternetGatewayDevice:1",
    "urn:schemas-upnp-org:device:WANDevice:1",
    "urn:schemas-upnp-org:device:WANConnectionDevice:1",
]
MAX_BODY = 64 * 1024  # a SOAP request is a few hundred bytes; more is abuse
CONTROL_PATH = "/ctl/IPConn"
# WANCommonInterfaceConfig:1: libminiupnpc's UPNP_GetValidIGD takes a device
# for an IGD only when its WANDevice has this service.
CIF_SERVICE_TYPE = "urn:schemas-upnp-org:service:WANCommonInterfaceConfig:1"
CIF_CONTROL_PATH = "/ctl/CmnIfCfg"
CIF_SCPD_PATH = "/WANCfg.xml"
DESCRIPTION_PATH = "/rootDesc.xml"
SCPD_PATH = "/WANIPCn.xml"

# NAT-PMP result codes (RFC 6886 section 3.5)
NATPMP_OK = 0
NATPMP_UNSUPPORTED_VERSION = 1
NATPMP_NOT_AUTHORIZED = 2
NATPMP_NETWORK_FAILURE = 3
NATPMP_OUT_OF_RESOURCES = 4
NATPMP_UNSUPPORTED_OPCODE = 5

# UPnP errors (UPnP-gw-WANIPConnection-v1 section 2.4)
UPNP_ERRORS = {
    401: "Invalid Action",
    402: "Invalid Args",
    501: "Action Failed",
    713: "SpecifiedArrayIndexInvalid",
    714: "NoSuchEntryInArray",
    715: "WildCardNotPermittedInSrcIP",
    716: "WildCardNotPermittedInExtPort",
    718: "ConflictInEntry",
    724: "SamePortValuesRequired",
    725: "OnlyPermanentLeasesSupported",
    726: "RemoteHostOnlySupportsWildcard",
    727: "ExternalPortOnlySupportsWildcard",
}


def log(message):
    # Escaped: a client's bytes end up in the log, which must stay plain text.
    sys.stderr.write("gateway: %s\n" % message.encode("ascii", "backslashreplace").decode())
    sys.stderr.flush()


class UpnpError(Exception):
    def __init__(self, code):
        super().__init__(UPNP_ERRORS.get(code, "Error"))
        self.code = code


class Mapping:
    """One external port forwarded to an internal client."""

    def __init__(self, protocol, external_port, client, internal_port, description, lease, source):
        self.protocol = protocol          # "TCP" or "UDP"
        self.external_port = external_port
        self.client = client              # internal IPv4 address, text
        self.internal_port = internal_port
        self.description = description
        self.lease = lease                # seconds asked for; 0 = permanent (UPnP only)
        self.expires = time.monotonic() + lease if lease > 0 else None
        self.source = source              # "upnp" or "natpmp"
        self.handle = None                # the nftables rule's handle

    def remaining(self):
        if self.expires is None:
            return 0
        return max(1, int(self.expires - time.monotonic() + 0.5))


class Nat:
    """The real DNAT rules: one per mapping, in the table `ip <table>`."""

    def __init__(self, table, wan_interface, external_address, hairpin):
        self.table = table
        self.wan_interface = wan_interface
        self.external_address = external_address
        self.hairpin = hairpin

    def _nft(self, script, echo=False):
        command = ["nft"] + (["--echo", "--handle"] if echo else []) + ["-f", "-"]
        result = subprocess.run(command, input=script, capture_output=True, text=True, timeout=10)
        if result.returncode != 0:
            raise RuntimeError("nft failed: %s" % result.stderr.strip())
        return result.stdout

    def reset(self):
        # A fresh table: a restarted gateway has no mapping left, like a rebooted router.
        self.remove_table()
        self._nft("add table ip %s\n"
                  "add chain ip %s prerouting { type nat hook prerouting priority dstnat; policy accept; }\n"
                  % (self.table, self.table))

    def remove_table(self):
        try:
            self._nft("delete table ip %s\n" % self.table)
        except RuntimeError:
            pass  # there was none

    def add(self, mapping):
        # From the WAN only, unless hairpinning is on: then a LAN host may
        # also reach its own mapping through the external address.
        match = ("ip daddr %s" % self.external_address if self.hairpin
                 else 'iifname "%s"' % self.wan_interface)
        rule = ('add rule ip %s prerouting %s %s dport %d dnat to %s:%d comment "%s"\n'
                % (self.table, match, mapping.protocol.lower(), mapping.external_port,
                   mapping.client, mapping.internal_port, mapping.source))
        output = self._nft(rule, echo=True)
        marker = "# handle "
        if marker not in output:
            raise RuntimeError("nft did not echo the rule's handle: %s" % output.strip())
        mapping.handle = int(output.rsplit(marker, 1)[1].split()[0])

    def remove(self, mapping):
        if mapping.handle is not None:
            self._nft("delete rule ip %s prerouting handle %d\n" % (self.table, mapping.handle))
            mapping.handle = None


class Gateway:
    """The mappings, shared by the UPnP, NAT-PMP and expiry threads."""

    def __init__(self, options, nat):
        self.options = options
        self.nat = nat
        # Set when a mapping is made: it may end sooner than the one the expiry thread waits for.
        self.wake = threading.Event()
        self.lock = threading.Lock()
        self.mappings = {}  # (protocol, external port) -> Mapping
        self.started = time.monotonic()  # uptime (UPnP) and seconds since start of epoch (NAT-PMP)

    def _install(self, mapping):
        self.nat.add(mapping)
        self.mappings[(mapping.protocol, mapping.external_port)] = mapping
        self.wake.set()
        log("mapped %s %d -> %s:%d for %ss (%s)" % (mapping.protocol, mapping.external_port, mapping.client,
                                                    mapping.internal_port, mapping.lease or "ever", mapping.source))

    def _uninstall(self, mapping, why):
        self.nat.remove(mapping)
        self.mappings.pop((mapping.protocol, mapping.external_port), None)
        log("unmapped %s %d (%s)" % (mapping.protocol, mapping.external_port, why))

    def upnp_add(self, protocol, external_port, client, internal_port, description, lease):
        with self.lock:
            if self.options.refuse:
                raise UpnpError(self.options.refuse_code)
            existing = self.mappings.get((protocol, external_port))
            if existing is not None:
                # The same client may renew or change its own mapping; another
                # client's port is taken (the client then tries another port).
                if existing.client != client:
                    raise UpnpError(718)
                self._uninstall(existing, "replaced")
            self._install(Mapping(protocol, external_port, client, internal_port, description, lease, "upnp"))

    def upnp_delete(self, protocol, external_port):
        with self.lock:
            existing = self.mappings.get((protocol, external_port))
            if existing is None:
                raise UpnpError(714)
            self._uninstall(existing, "deleted")

    def find(self, protocol, external_port):
        with self.lock:
            return self.mappings.get((protocol, external_port))

    def by_index(self, index):
        with self.lock:
            ordered = sorted(self.mappings.values(), key=lambda m: (m.protocol, m.external_port))
            return ordered[index] if 0 <= index < len(ordered) else None

    def natpmp_map(self, protocol, client, internal_port, suggested, lifetime):
        """Returns (result code, external port, lifetime) for a map request."""
        with self.lock:
            if self.options.refuse:
                return self.options.natpmp_refuse_code, 0, 0
            # A client's NAT-PMP mappings; the ones it made by UPnP are left to UPnP.
            mine = [m for m in self.mappings.values() if m.source == "natpmp" and m.protocol == protocol
                    and m.client == client and (internal_port == 0 or m.internal_port == internal_port)]
            if lifetime == 0:
                # Deletion (RFC 6886 3.4): of this client's mapping of this
                # internal port, or of all its mappings when the port is 0.
                for mapping in mine:
                    self._uninstall(mapping, "deleted by NAT-PMP")
                return NATPMP_OK, 0, 0
            if internal_port == 0:
                return NATPMP_OK, 0, 0  # nothing to map: answered as RFC 6886 says for "delete all"
            if self.options.max_lease > 0:
                # RFC 6886 3.3: the gateway may grant less than was asked; the client renews by what it got.
                lifetime = min(lifetime, self.options.max_lease)
            if mine:
                # A renewal keeps the port the client already has.
                mapping = mine[0]
                self._uninstall(mapping, "renewed")
                mapping = Mapping(protocol, mapping.external_port, client, internal_port,
                                  "NAT-PMP", lifetime, "natpmp")
                self._install(mapping)
                return NATPMP_OK, mapping.external_port, lifetime
            # The suggested port if free, else another one (NAT-PMP may assign any).
            port = suggested if suggested != 0 else internal_port
            while (protocol, port) in self.mappings:
                port = port + 1 if port < 65535 else 1024
            mapping = Mapping(protocol, port, client, internal_port, "NAT-PMP", lifetime, "natpmp")
            self._install(mapping)
            return NATPMP_OK, port, lifetime

    def expire(self):
        with self.lock:
            now = time.monotonic()
            for mapping in [m for m in self.mappings.values() if m.expires is not None and m.expires <= now]:
                self._uninstall(mapping, "lease ended")

    def next_expiry(self):
        with self.lock:
            times = [m.expires for m in self.mappings.values() if m.expires is not None]
        return min(times) if times else None


def soap_envelope(inner):
    return ('<?xml version="1.0"?>\r\n'
            '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" '
            's:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><s:Body>%s</s:Body></s:Envelope>\r\n'
            % inner).encode()


def soap_response(service_type, action, values):
    fields = "".join("<%s>%s</%s>" % (name, escape(str(value)), name) for name, value in values)
    return soap_envelope('<u:%sResponse xmlns:u="%s">%s</u:%sResponse>' % (action, service_type, fields, action))


def soap_fault(code):
    return soap_envelope(
        "<s:Fault><faultcode>s:Client</faultcode><faultstring>UPnPError</faultstring><detail>"
        '<UPnPError xmlns="urn:schemas-upnp-org:control-1-0"><errorCode>%d</errorCode>'
        "<errorDescription>%s</errorDescription></UPnPError></detail></s:Fault>"
        % (code, UPNP_ERRORS.get(code, "Error")))


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def local_name(tag):
    return tag.rsplit("}", 1)[-1]


def parse_soap(body):
    """(action name, {argument: text}) of a SOAP request; UpnpError(402/401) if it is not one."""
    try:
        root = ElementTree.fromstring(body)
    except (ElementTree.ParseError, ValueError):
        raise UpnpError(402)
    bodies = [child for child in root if local_name(child.tag) == "Body"]
    if local_name(root.tag) != "Envelope" or not bodies or len(bodies[0]) == 0:
        raise UpnpError(401)
    action = bodies[0][0]
    arguments = {local_name(child.tag): (child.text or "").strip() for child in action}
    return local_name(action.tag), arguments


def is_number(text):
    # ASCII digits only: str.isdigit() also takes "\u0661" and int() reads it.
    return text.isascii() and text.isdigit()


def port_argument(arguments, name, allow_zero=False):
    text = arguments.get(name, "")
    if not is_number(text) or len(text) > 5:
        raise UpnpError(402)
    value = int(text)
    if value > 65535 or (value == 0 and not allow_zero):
        raise UpnpError(716 if name == "NewExternalPort" and value == 0 else 402)
    return value


def protocol_argument(arguments):
    protocol = arguments.get("NewProtocol", "").upper()
    if protocol not in ("TCP", "UDP"):
        raise UpnpError(402)
    return protocol


def lease_argument(arguments):
    text = arguments.get("NewLeaseDuration", "0") or "0"
    if not is_number(text) or len(text) > 10 or int(text) > 0xFFFFFFFF:
        raise UpnpError(402)
    return int(text)


class Upnp:
    """The SOAP actions of WANIPConnection:1."""

    def __init__(self, gateway, options):
        self.gateway = gateway
        self.options = options
        self.lan = ipaddress.ip_network(options.lan_network)

    def handle(self, action, arguments):
        method = getattr(self, "action_" + action, None)
        if method is None:
            raise UpnpError(401)
        return method(arguments)

    def action_GetStatusInfo(self, arguments):
        uptime = int(time.monotonic() - self.gateway.started)
        return [("NewConnectionStatus", "Connected"), ("NewLastConnectionError", "ERROR_NONE"),
                ("NewUptime", uptime)]

    def action_GetConnectionTypeInfo(self, arguments):
        return [("NewConnectionType", "IP_Routed"), ("NewPossibleConnectionTypes", "IP_Routed")]

    def action_GetExternalIPAddress(self, arguments):
        return [("NewExternalIPAddress", self.options.external_address)]

    def action_AddPortMapping(self, arguments):
        if arguments.get("NewRemoteHost", "") not in ("", "*"):
            raise UpnpError(726)
        external_port = port_argument(arguments, "NewExternalPort")
        internal_port = port_argument(arguments, "NewInternalPort")
        protocol = protocol_argument(arguments)
        lease = lease_argument(arguments)
        try:
            client = ipaddress.ip_address(arguments.get("NewInternalClient", ""))
        except ValueError:
            raise UpnpError(402)
        if client.version != 4 or client not in self.lan:
            raise UpnpError(402)  # only a LAN host can be forwarded to
        description = arguments.get("NewPortMappingDescription", "")[:256]
        self.gateway.upnp_add(protocol, external_port, str(client), internal_port, description, lease)
        return []

    def action_DeletePortMapping(self, arguments):
        self.gateway.upnp_delete(protocol_argument(arguments), port_argument(arguments, "NewExternalPort"))
        return []

    def _entry(self, mapping, with_key):
        values = []
        if with_key:
            values += [("NewRemoteHost", ""), ("NewExternalPort", mapping.external_port),
                       ("NewProtocol", mapping.protocol)]
        return values + [("NewInternalPort", mapping.internal_port), ("NewInternalClient", mapping.client),
                         ("NewEnabled", 1), ("NewPortMappingDescription", mapping.description),
                         ("NewLeaseDuration", mapping.remaining())]

    def action_GetSpecificPortMappingEntry(self, arguments):
        mapping = self.gateway.find(protocol_argument(arguments), port_argument(arguments, "NewExternalPort"))
        if mapping is None:
            raise UpnpError(714)
        return self._entry(mapping, with_key=False)

    def action_GetGenericPortMappingEntry(self, arguments):
        text = arguments.get("NewPortMappingIndex", "")
        if not is_number(text) or len(text) > 5:
            raise UpnpError(402)
        mapping = self.gateway.by_index(int(text))
        if mapping is None:
            raise UpnpError(713)
        return self._entry(mapping, with_key=True)


class CommonInterface:
    """WANCommonInterfaceConfig:1: the link's properties and (zero) counters."""

    ACTIONS = {
        "GetCommonLinkProperties": [("NewWANAccessType", "Ethernet"), ("NewLayer1UpstreamMaxBitRate", 1000000000),
                                    ("NewLayer1DownstreamMaxBitRate", 1000000000),
                                    ("NewPhysicalLinkStatus", "Up")],
        "GetTotalBytesSent": [("NewTotalBytesSent", 0)],
        "GetTotalBytesReceived": [("NewTotalBytesReceived", 0)],
        "GetTotalPacketsSent": [("NewTotalPacketsSent", 0)],
        "GetTotalPacketsReceived": [("NewTotalPacketsReceived", 0)],
    }

    def handle(self, action, arguments):
        if action not in self.ACTIONS:
            raise UpnpError(401)
        return self.ACTIONS[action]


def common_interface_description():
    actions = "".join(
        "<action><name>%s</name><argumentList>%s</argumentList></action>"
        % (name, "".join("<argument><name>%s</name><direction>out</direction></argument>" % field
                         for field, _ in values))
        for name, values in CommonInterface.ACTIONS.items())
    return ('<?xml version="1.0"?>\r\n<scpd xmlns="urn:schemas-upnp-org:service-1-0">'
            "<specVersion><major>1</major><minor>0</minor></specVersion><actionList>%s</actionList>"
            "<serviceStateTable/></scpd>\r\n" % actions).encode()


def root_description(options, device_uuid):
    def device(kind, number, inner):
        return ("<device><deviceType>urn:schemas-upnp-org:device:%s:1</deviceType>"
                "<friendlyName>Shortfuse lab %s</friendlyName><manufacturer>Shortfuse tests</manufacturer>"
                "<modelName>shortfuse-lab-gateway</modelName><UDN>uuid:%s-%d</UDN>%s</device>"
                % (kind, kind, device_uuid, number, inner))

    service = ("<serviceList><service><serviceType>%s</serviceType>"
               "<serviceId>urn:upnp-org:serviceId:WANIPConn1</serviceId>"
               "<controlURL>%s</controlURL><eventSubURL>/evt/IPConn</eventSubURL>"
               "<SCPDURL>%s</SCPDURL></service></serviceList>" % (SERVICE_TYPE, CONTROL_PATH, SCPD_PATH))
    common = ("<serviceList><service><serviceType>%s</serviceType>"
              "<serviceId>urn:upnp-org:serviceId:WANCommonIFC1</serviceId>"
              "<controlURL>%s</controlURL><eventSubURL>/evt/CmnIfCfg</eventSubURL>"
              "<SCPDURL>%s</SCPDURL></service></serviceList>" % (CIF_SERVICE_TYPE, CIF_CONTROL_PATH, CIF_SCPD_PATH))
    connection = device("WANConnectionDevice", 2, service)
    wan = device("WANDevice", 1, common + "<deviceList>%s</deviceList>" % connection)
    igd = device("InternetGatewayDevice", 0, "<deviceList>%s</deviceList>" % wan)
    return ('<?xml version="1.0"?>\r\n<root xmlns="urn:schemas-upnp-org:device-1-0">'
            "<specVersion><major>1</major><minor>0</minor></specVersion>%s</root>\r\n" % igd).encode()


def service_description():
    def action(name, arguments):
        return ("<action><name>%s</name><argumentList>%s</argumentList></action>"
                % (name, "".join("<argument><name>%s</name><direction>%s</direction></argument>" % a
                                 for a in arguments)))

    key = [("NewRemoteHost", "in"), ("NewExternalPort", "in"), ("NewProtocol", "in")]
    entry = [("NewInternalPort", "out"), ("NewInternalClient", "out"), ("NewEnabled", "out"),
             ("NewPortMappingDescription", "out"), ("NewLeaseDuration", "out")]
    actions = [
        action("GetStatusInfo", [("NewConnectionStatus", "out"), ("NewLastConnectionError", "out"),
                                 ("NewUptime", "out")]),
        action("GetConnectionTypeInfo", [("NewConnectionType", "out"), ("NewPossibleConnectionTypes", "out")]),
        action("GetExternalIPAddress", [("NewExternalIPAddress", "out")]),
        action("AddPortMapping", key + [(n, "in") for n, _ in entry]),
        action("DeletePortMapping", key),
        action("GetSpecificPortMappingEntry", key + entry),
        action("GetGenericPortMappingEntry", [("NewPortMappingIndex", "in")]
               + [(n, "out") for n, _ in key] + entry),
    ]
    return ('<?xml version="1.0"?>\r\n<scpd xmlns="urn:schemas-upnp-org:service-1-0">'
            "<specVersion><major>1</major><minor>0</minor></specVersion><actionList>%s</actionList>"
            "<serviceStateTable/></scpd>\r\n" % "".join(actions)).encode()


def make_http_handler(upnp, description, scpd):
    # Each control URL: the service answering there, and its type.
    services = {CONTROL_PATH: (upnp, SERVICE_TYPE), CIF_CONTROL_PATH: (CommonInterface(), CIF_SERVICE_TYPE)}
    documents = {DESCRIPTION_PATH: description, SCPD_PATH: scpd, CIF_SCPD_PATH: common_interface_description()}

    class Handler(BaseHTTPRequestHandler):
        server_version = "shortfuse-lab-gateway/1"
        timeout = 5  # a client that stops sending does not hold a thread forever

        def log_message(self, fmt, *args):
            log("http %s %s" % (self.address_string(), fmt % args))

        def send(self, status, body, content_type='text/xml; charset="utf-8"'):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)
            self.close_connection = True

        def do_GET(self):
            if self.path in documents:
                self.send(200, documents[self.path])
            else:
                self.send(404, b"not found\n", "text/plain")

        def do_POST(self):
            if self.path not in services:
                self.send(404, b"not found\n", "text/plain")
                return
            service, service_type = services[self.path]
            length_text = self.headers.get("Content-Length", "")
            if not is_number(length_text) or int(length_text) > MAX_BODY:
                self.send(400 if not is_number(length_text) else 413, b"bad length\n", "text/plain")
                return
            body = self.rfile.read(int(length_text))
            try:
                action, arguments = parse_soap(body)
                # SOAPAction names the action too; when both are there they must agree.
                header = self.headers.get("SOAPAction", "").strip('"')
                if header and header.rsplit("#", 1)[-1] != action:
                    raise UpnpError(401)
                values = service.handle(action, arguments)
                self.send(200, soap_response(service_type, action, values))
            except UpnpError as error:
                log("upnp error %d" % error.code)
                self.send(500, soap_fault(error.code))
            except RuntimeError as error:  # nft failed
                log(str(error))
                self.send(500, soap_fault(501))

    return Handler


class QuietHttpServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        log("http: a request from %s failed: %s" % (client_address, sys.exc_info()[1]))


def ssdp_loop(sock, options, location, device_uuid):
    answered = DEVICE_TYPES + [SERVICE_TYPE, "upnp:rootdevice"]
    while True:
        try:
            data, peer = sock.recvfrom(4096)
            text = data.decode("utf-8", "replace")
            lines = text.split("\r\n") if "\r\n" in text else text.split("\n")
            if not lines or not lines[0].upper().startswith("M-SEARCH"):
                continue
            headers = {}
            for line in lines[1:]:
                name, sep, value = line.partition(":")
                if sep:
                    headers[name.strip().upper()] = value.strip()
            search = headers.get("ST", "")
            targets = answered if search == "ssdp:all" else [search] if search in answered else []
            for target in targets:
                usn = "uuid:%s-0::%s" % (device_uuid, target)
                reply = ("HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=120\r\nST: %s\r\nUSN: %s\r\nEXT:\r\n"
                         "SERVER: Linux UPnP/1.1 shortfuse-lab-gateway/1\r\nLOCATION: %s\r\n\r\n"
                         % (target, usn, location))
                sock.sendto(reply.encode(), peer)
        except Exception as error:  # noqa: BLE001 - no packet may end the gateway
            log("ssdp: %s" % error)


def natpmp_answer(gateway, options, data, client):
    """The answer to one NAT-PMP request, or None for one that gets none."""
    if len(data) < 2:
        return None
    version, opcode = data[0], data[1]
    epoch = int(time.monotonic() - gateway.started)
    if opcode >= 128:
        return None  # an answer, not a request
    if version != 0:
        return struct.pack("!BBHI", 0, opcode + 128, NATPMP_UNSUPPORTED_VERSION, epoch)
    if opcode == 0 and len(data) == 2:
        if options.natpmp_external_failure:
            return struct.pack("!BBHI4s", 0, 128, NATPMP_NETWORK_FAILURE, epoch, b"\0\0\0\0")
        return struct.pack("!BBHI4s", 0, 128, NATPMP_OK, epoch, socket.inet_aton(options.external_address))
    if opcode in (1, 2) and len(data) == 12:
        _, _, _, internal_port, suggested, lifetime = struct.unpack("!BBHHHI", data)
        protocol = "UDP" if opcode == 1 else "TCP"
        try:
            result, external_port, granted = gateway.natpmp_map(protocol, client, internal_port, suggested, lifetime)
        except RuntimeError as error:
            log(str(error))
            result, external_port, granted = NATPMP_NETWORK_FAILURE, 0, 0
        return struct.pack("!BBHIHHI", 0, opcode + 128, result, epoch, internal_port, external_port, granted)
    # An unknown opcode, or a known one of the wrong length.
    return struct.pack("!BBHI", 0, opcode + 128, NATPMP_UNSUPPORTED_OPCODE, epoch)


def natpmp_loop(sock, gateway, options):
    while True:
        try:
            data, peer = sock.recvfrom(1100)
            answer = natpmp_answer(gateway, options, data, peer[0])
            if answer is not None:
                sock.sendto(answer, peer)
        except Exception as error:  # noqa: BLE001 - no packet may end the gateway
            log("nat-pmp: %s" % error)


def expiry_loop(gateway, wake):
    while True:
        next_time = gateway.next_expiry()
        timeout = None if next_time is None else max(0.0, next_time - time.monotonic())
        wake.wait(timeout)
        wake.clear()
        try:
            gateway.expire()
        except Exception as error:  # noqa: BLE001
            log("expiry: %s" % error)


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description="The Shortfuse lab's UPnP IGD / NAT-PMP gateway.")
    parser.add_argument("--lan-address", default="192.0.2.1", help="the router's LAN address (listens there)")
    parser.add_argument("--lan-network", default="192.0.2.0/24", help="internal clients must be in it")
    parser.add_argument("--wan-interface", default="wan0", help="DNAT applies to packets arriving there")
    parser.add_argument("--external-address", default="203.0.113.1",
                        help="the external address it reports and forwards (a documentation or shared one)")
    parser.add_argument("--http-port", type=int, default=5000)
    parser.add_argument("--nft-table", default="sflab")
    parser.add_argument("--ready-file", help="written once every socket listens")
    parser.add_argument("--refuse", action="store_true", help="refuse every mapping")
    parser.add_argument("--refuse-code", type=int, default=718, help="UPnP error of a refused AddPortMapping")
    parser.add_argument("--natpmp-refuse-code", type=int, default=NATPMP_NOT_AUTHORIZED,
                        help="NAT-PMP result code of a refused map request")
    parser.add_argument("--natpmp-external-failure", action="store_true",
                        help="answer NAT-PMP's external address request with result 3 (network failure)")
    parser.add_argument("--no-upnp", action="store_true", help="no SSDP and no HTTP: UPnP finds nothing")
    parser.add_argument("--no-natpmp", action="store_true", help="UDP 5351 closed")
    parser.add_argument("--max-lease", type=int, default=0,
                        help="NAT-PMP lifetimes granted are at most this many seconds (0: as asked)")
    parser.add_argument("--hairpin", action="store_true",
                        help="mappings also work from the LAN through the external address")
    options = parser.parse_args(argv)
    for name in ("external_address", "lan_address"):
        address = ipaddress.ip_address(getattr(options, name))
        # Never a public address: the lab sends nothing to the internet.
        if address.version != 4 or address.is_global:
            parser.error("--%s must be a documentation, shared or private IPv4 address"
                         % name.replace("_", "-"))
    return options


def main(argv):
    options = parse_arguments(argv)
    device_uuid = str(uuid.uuid4())
    nat = Nat(options.nft_table, options.wan_interface, options.external_address, options.hairpin)
    nat.reset()
    gateway = Gateway(options, nat)

    def stop(signum, frame):
        nat.remove_table()
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    threads = []
    if not options.no_upnp:
        location = "http://%s:%d%s" % (options.lan_address, options.http_port, DESCRIPTION_PATH)
        upnp = Upnp(gateway, options)
        handler = make_http_handler(upnp, root_description(options, device_uuid), service_description())
        http_server = QuietHttpServer((options.lan_address, options.http_port), handler)
        threads.append(threading.Thread(target=http_server.serve_forever, daemon=True))

        ssdp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_UDP)
        ssdp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        ssdp.bind(("", SSDP_PORT))
        membership = socket.inet_aton(SSDP_GROUP) + socket.inet_aton(options.lan_address)
        ssdp.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, membership)
        threads.append(threading.Thread(target=ssdp_loop, args=(ssdp, options, location, device_uuid), daemon=True))

    if not options.no_natpmp:
        natpmp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        natpmp.bind((options.lan_address, NATPMP_PORT))
        threads.append(threading.Thread(target=natpmp_loop, args=(natpmp, gateway, options), daemon=True))

    threads.append(threading.Thread(target=expiry_loop, args=(gateway, gateway.wake), daemon=True))
    for thread in threads:
        thread.start()

    if options.ready_file:
        partial = options.ready_file + ".part"
        with open(partial, "w") as ready:
            ready.write("pid=%d\n" % os.getpid())
            if not options.no_upnp:
                ready.write("rootdesc=http://%s:%d%s\n" % (options.lan_address, options.http_port, DESCRIPTION_PATH))
        os.rename(partial, options.ready_file)  # never half a file
    log("ready: external address %s%s%s%s" % (options.external_address, ", refusing" if options.refuse else "",
                                               ", no UPnP" if options.no_upnp else "",
                                               ", no NAT-PMP" if options.no_natpmp else ""))
    while True:
        signal.pause()


if __name__ == "__main__":
    main(sys.argv[1:])
