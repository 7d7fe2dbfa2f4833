#!/usr/bin/env python3
"""Sends the lab gateway (tests/lab/gateway.py) malformed SSDP, SOAP and
NAT-PMP, from the LAN namespace, and checks that each gets an error answer
(or none, where the protocol gives none) and that the gateway still works
afterwards. Exit 0 when all is well; otherwise one line per problem.

Usage: abuse_gateway.py GATEWAY-LAN-ADDRESS HTTP-PORT
"""

import http.client
import socket
import struct
import sys

gateway, http_port = sys.argv[1], int(sys.argv[2])
problems = []
SERVICE = "urn:schemas-upnp-org:service:WANIPConnection:1"


def soap(action, inner, soap_action=None, raw=None, headers=None):
    body = raw if raw is not None else (
        '<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>'
        '<u:%s xmlns:u="%s">%s</u:%s></s:Body></s:Envelope>' % (action, SERVICE, inner, action)).encode()
    connection = http.client.HTTPConnection(gateway, http_port, timeout=5)
    all_headers = {"Content-Type": 'text/xml; charset="utf-8"',
                   "SOAPAction": soap_action if soap_action is not None else '"%s#%s"' % (SERVICE, action)}
    all_headers.update(headers or {})
    connection.request("POST", "/ctl/IPConn", body=body, headers=all_headers)
    response = connection.getresponse()
    text = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, text


def expect_error(name, code, *args, **kwargs):
    try:
        status, text = soap(*args, **kwargs)
    except Exception as error:  # noqa: BLE001
        problems.append("%s: no answer (%s)" % (name, error))
        return
    if status != 500 or "<errorCode>%d</errorCode>" % code not in text:
        problems.append("%s: expected UPnP error %d, got %d %s" % (name, code, status, text[:200]))


def add(port, internal="8080", client="192.0.2.10", protocol="TCP", lease="60"):
    return ("<NewRemoteHost></NewRemoteHost><NewExternalPort>%s</NewExternalPort><NewProtocol>%s</NewProtocol>"
            "<NewInternalPort>%s</NewInternalPort><NewInternalClient>%s</NewInternalClient>"
            "<NewEnabled>1</NewEnabled><NewPortMappingDescription>x</NewPortMappingDescription>"
            "<NewLeaseDuration>%s</NewLeaseDuration>" % (port, protocol, internal, client, lease))


# SOAP
expect_error("not XML", 402, "AddPortMapping", "", raw=b"\x00\xff not xml <<<")
expect_error("empty body", 402, "AddPortMapping", "", raw=b"")
expect_error("no Body", 401, "AddPortMapping", "", raw=b"<Envelope/>")
expect_error("entity expansion", 402, "AddPortMapping", "",
             raw=b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;'
                 b'&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;'
                 b'&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;'
                 b'&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">]><l>&g;</l>')
expect_error("unknown action", 401, "RebootTheInternet", "")
expect_error("SOAPAction disagrees", 401, "AddPortMapping", add(18000), soap_action='"%s#DeletePortMapping"' % SERVICE)
expect_error("port 99999", 402, "AddPortMapping", add(99999))
expect_error("port -1", 402, "AddPortMapping", add("-1"))
expect_error("port abc", 402, "AddPortMapping", add("abc"))
expect_error("port 0", 716, "AddPortMapping", add(0))
expect_error("internal port 0", 402, "AddPortMapping", add(18000, internal="0"))
expect_error("protocol SCTP", 402, "AddPortMapping", add(18000, protocol="SCTP"))
expect_error("client not an address", 402, "AddPortMapping", add(18000, client="'; drop table"))
expect_error("client outside the LAN", 402, "AddPortMapping", add(18000, client="198.51.100.20"))
expect_error("client IPv6", 402, "AddPortMapping", add(18000, client="2001:db8::1"))
expect_error("lease huge", 402, "AddPortMapping", add(18000, lease="99999999999"))
expect_error("lease unicode digits", 402, "AddPortMapping", add(18000, lease="\u0661\u0662"))
expect_error("delete unknown", 714, "DeletePortMapping",
             "<NewRemoteHost/><NewExternalPort>18999</NewExternalPort><NewProtocol>TCP</NewProtocol>")
expect_error("index abc", 402, "GetGenericPortMappingEntry", "<NewPortMappingIndex>abc</NewPortMappingIndex>")
expect_error("index past the end", 713, "GetGenericPortMappingEntry",
             "<NewPortMappingIndex>60000</NewPortMappingIndex>")

# HTTP framing: a lying or absurd Content-Length, a connection that stops.
for name, length in (("length not a number", "abc"), ("length huge", "999999999999")):
    try:
        connection = socket.create_connection((gateway, http_port), timeout=5)
        connection.sendall(("POST /ctl/IPConn HTTP/1.1\r\nHost: x\r\nContent-Length: %s\r\n\r\n" % length).encode())
        answer = connection.recv(200)
        connection.close()
        if not answer.startswith(b"HTTP/1.") or b" 200 " in answer[:16]:
            problems.append("%s: answered %r" % (name, answer[:40]))
    except Exception as error:  # noqa: BLE001
        problems.append("%s: %s" % (name, error))
for garbage in (b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 64, b"GET\r\n\r\n", b"POST /ctl/IPConn"):
    try:
        connection = socket.create_connection((gateway, http_port), timeout=5)
        connection.sendall(garbage)
        connection.shutdown(socket.SHUT_WR)
        connection.recv(200)
        connection.close()
    except Exception as error:  # noqa: BLE001
        problems.append("raw HTTP %r: %s" % (garbage[:10], error))

# SSDP: junk, and M-SEARCHes for nothing it is, get no answer; it must still answer a real one.
ssdp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
ssdp.settimeout(2)
for junk in (b"", b"\xff" * 1500, b"M-SEARCH\r\n", b"M-SEARCH * HTTP/1.1\r\nST\r\n::::\r\n\r\n",
             b"M-SEARCH * HTTP/1.1\r\nST: urn:nothing\r\n\r\n", "M-SEARCH * HTTP/1.1\r\nST: \u00e9\r\n\r\n".encode()):
    ssdp.sendto(junk, (gateway, 1900))
search = (b"M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 1\r\n"
          b"ST: urn:schemas-upnp-org:device:InternetGatewayDevice:1\r\n\r\n")
ssdp.sendto(search, (gateway, 1900))
try:
    answer, _ = ssdp.recvfrom(2048)
    if b"LOCATION: http://" not in answer:
        problems.append("SSDP: the answer has no LOCATION: %r" % answer[:200])
except socket.timeout:
    problems.append("SSDP: no answer to a real M-SEARCH after the junk")

# NAT-PMP (RFC 6886): every malformed request answered with an error code, or ignored.
natpmp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
natpmp.settimeout(2)
natpmp.connect((gateway, 5351))


def natpmp_ask(request):
    natpmp.send(request)
    try:
        return natpmp.recv(100)
    except socket.timeout:
        return None


for name, request, expected_result in (
        ("version 1", b"\x01\x00", 1),
        ("unknown opcode", b"\x00\x63", 5),
        ("map too short", b"\x00\x02\x00\x00\x1f\x90", 5),
        ("map too long", b"\x00\x02" + b"\x00" * 20, 5),
        ("external address too long", b"\x00\x00\x00", 5)):
    answer = natpmp_ask(request)
    if answer is None or len(answer) < 4 or struct.unpack("!H", answer[2:4])[0] != expected_result:
        problems.append("NAT-PMP %s: expected result %d, got %r" % (name, expected_result, answer))
for name, request in (("one byte", b"\x00"), ("an answer", b"\x00\x80" + b"\x00" * 10), ("empty", b"")):
    natpmp.send(request)
answer = natpmp_ask(b"\x00\x00")
if answer is None or len(answer) != 12 or answer[2:4] != b"\x00\x00":
    problems.append("NAT-PMP: no external address after the junk: %r" % answer)

# Still alive and serving.
try:
    status, text = soap("GetExternalIPAddress", "")
    if status != 200 or "NewExternalIPAddress" not in text:
        problems.append("after the abuse: GetExternalIPAddress answered %d %s" % (status, text[:200]))
except Exception as error:  # noqa: BLE001
    problems.append("after the abuse: no answer (%s)" % error)

for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
