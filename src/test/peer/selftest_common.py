"""Helpers shared by the peer's self tests (selftest_*.py). Run with /usr/bin/python3."""

import base64
import hashlib
import http.client
import json
import os
import re
import ssl
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request

import gssapi
import gssapi.raw as graw
from gssapi.raw import IOV, IOVBufferType

HERE = os.path.dirname(os.path.abspath(__file__))
PEER = os.path.join(HERE, "winrm_peer.py")
PY = "/usr/bin/python3"
OID_NTLM = gssapi.OID.from_int_seq("1.3.6.1.4.1.311.2.2.10")
OID_KRB5 = gssapi.OID.from_int_seq("1.2.840.113554.1.2.2")
OID_SPNEGO = gssapi.OID.from_int_seq("1.3.6.1.5.5.2")

FAILS = []


def check(cond, what):
    print(("PASS " if cond else "FAIL ") + what, flush=True)
    if not cond:
        FAILS.append(what)


def finish():
    print("\n%d failure(s)" % len(FAILS) + ("".join("\n  - " + f for f in FAILS)))
    sys.exit(1 if FAILS else 0)


class Peer:
    """winrm_peer.py as a subprocess."""

    def __init__(self, *args, env=None):
        e = dict(os.environ)
        e.update(env or {})
        self.stderr = tempfile.NamedTemporaryFile(prefix="peer-", suffix=".log", delete=False)
        self.p = subprocess.Popen([PY, PEER, "--port", "0"] + list(args), stdout=subprocess.PIPE,
                                  stderr=self.stderr, env=e, text=True)
        line = self.p.stdout.readline()
        m = re.match(r"READY (\d+)\n\Z", line)
        if not m:
            self.stop()
            raise RuntimeError("peer did not start: %r\n%s" % (line, self.log()))
        self.port = int(m.group(1))
        self.tls = "--tls-cert" in args

    @property
    def url(self):
        return "%s://127.0.0.1:%d/wsman" % ("https" if self.tls else "http", self.port)

    def _plain(self):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=10) if not self.tls else \
            http.client.HTTPSConnection("127.0.0.1", self.port, timeout=10,
                                        context=ssl._create_unverified_context())

    def stats(self):
        c = self._plain()
        c.request("GET", "/stats")
        return json.loads(c.getresponse().read())

    def reset(self):
        c = self._plain()
        c.request("POST", "/stats/reset", body=b"")
        c.getresponse().read()

    def log(self):
        with open(self.stderr.name, errors="replace") as f:
            return f.read()

    def stop(self):
        rc = self.p.returncode
        if self.p.poll() is None:
            self.p.terminate()  # SIGTERM to our own child
            try:
                rc = self.p.wait(10)
            except subprocess.TimeoutExpired:
                self.p.kill()
                rc = self.p.wait()
        if FAILS or os.environ.get("KEEP_PEER_LOGS"):
            print("  (peer log kept: %s)" % self.stderr.name)
        else:
            os.unlink(self.stderr.name)
        return rc


def tls_cert(tmpdir):
    cert, key = os.path.join(tmpdir, "cert.pem"), os.path.join(tmpdir, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
                   check=True, capture_output=True)
    return cert, key


def cert_hash_from_peer(port):
    der = ssl.get_server_certificate(("127.0.0.1", port))
    return hashlib.sha256(ssl.PEM_cert_to_DER_cert(der)).digest()


def bindings(app_data):
    return graw.ChannelBindings(initiator_address_type=0, initiator_address=b"", acceptor_address_type=0,
                                acceptor_address=b"", application_data=app_data)


# ----------------------------------------------------------------------------- raw GSSAPI WinRM client

class RawClient:
    """Minimal independent WinRM HTTP client driven by a python-gssapi initiator.

    mech: 'ntlm' (raw NTLMSSP under Negotiate), 'spnego' (Negotiate) or 'krb5' (Kerberos scheme).
    """

    def __init__(self, peer, mech="ntlm", user=None, password=None, spn="HTTP@localhost", cb=None,
                 scheme=None):
        self.peer = peer
        self.mech = mech
        self.scheme = scheme or ("Kerberos" if mech == "krb5" else "Negotiate")
        self.conn = peer._plain()
        creds = None
        oid = {"ntlm": OID_NTLM, "krb5": OID_KRB5, "spnego": OID_SPNEGO}[mech]
        if mech == "ntlm":
            name = gssapi.Name(user, gssapi.NameType.user)
            creds = graw.acquire_cred_with_password(name, password.encode(), usage="initiate",
                                                    mechs=[OID_NTLM]).creds
        F = gssapi.RequirementFlag
        self.ctx = gssapi.SecurityContext(
            name=gssapi.Name(spn, gssapi.NameType.hostbased_service), creds=creds, usage="initiate", mech=oid,
            flags=F.confidentiality | F.integrity | F.mutual_authentication | F.out_of_sequence_detection,
            channel_bindings=cb)
        self.statuses = []

    def post(self, body=b"", headers=None):
        h = {"Content-Length": str(len(body))}
        h.update(headers or {})
        self.conn.request("POST", "/wsman", body=body, headers=h)
        r = self.conn.getresponse()
        data = r.read()
        self.statuses.append(r.status)
        return r, data

    def authenticate(self):
        """Run the handshake with empty bodies; returns final HTTP status."""
        tok = self.ctx.step()
        while True:
            r, _ = self.post(b"", {"Authorization": "%s %s" % (self.scheme, base64.b64encode(tok).decode())})
            hdr = r.getheader("WWW-Authenticate", "")
            m = re.match(r"%s ([A-Za-z0-9+/=]+)" % self.scheme, hdr)
            if r.status == 200:
                if m and not self.ctx.complete:
                    self.ctx.step(base64.b64decode(m.group(1)))
                return 200
            if r.status != 401 or not m:
                return r.status
            tok = self.ctx.step(base64.b64decode(m.group(1)))

    @property
    def protocol(self):
        return ("application/HTTP-Kerberos-session-encrypted" if self.scheme == "Kerberos"
                else "application/HTTP-SPNEGO-session-encrypted")

    def wrap(self, plain):
        if self.ctx.mech == OID_NTLM:
            t = self.ctx.wrap(plain, True).message
            return t[:16], t[16:]
        iov = IOV(IOVBufferType.header, plain, IOVBufferType.padding, std_layout=False)
        graw.wrap_iov(self.ctx, iov, confidential=True)
        return iov[0].value, iov[1].value + (iov[2].value or b"")

    def unwrap(self, sig, ct):
        if self.ctx.mech == OID_NTLM:
            return self.ctx.unwrap(sig + ct).message
        iov = IOV((IOVBufferType.header, False, sig), (IOVBufferType.data, False, ct), std_layout=False)
        graw.unwrap_iov(self.ctx, iov)
        return iov[1].value

    def frame(self, plain, sig, ct):
        p = self.protocol.encode()
        return (b"--Encrypted Boundary\r\n\tContent-Type: " + p + b"\r\n"
                b"\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=%d\r\n" % len(plain)
                + b"--Encrypted Boundary\r\n\tContent-Type: application/octet-stream\r\n"
                + struct.pack("<I", len(sig)) + sig + ct + b"--Encrypted Boundary--\r\n")

    def send_encrypted(self, plain, corrupt=False):
        sig, ct = self.wrap(plain)
        if corrupt:
            ct = bytes([ct[0] ^ 0x40]) + ct[1:]
        body = self.frame(plain, sig, ct)
        ctype = 'multipart/encrypted;protocol="%s";boundary="Encrypted Boundary"' % self.protocol
        r, data = self.post(body, {"Content-Type": ctype})
        if not r.getheader("Content-Type", "").startswith("multipart/encrypted"):
            return r.status, data, None
        return r.status, self.parse(data), data

    def parse(self, data):
        m = re.match(rb"--Encrypted Boundary\r\n\tContent-Type: ([^\r]+)\r\n\tOriginalContent: "
                     rb"type=application/soap\+xml;charset=UTF-8;Length=(\d+)\r\n--Encrypted Boundary\r\n"
                     rb"\tContent-Type: application/octet-stream\r\n", data)
        assert m, data[:200]
        assert m.group(1).decode() == self.protocol
        rest = data[m.end():]
        assert rest.endswith(b"--Encrypted Boundary--\r\n")
        rest = rest[:-len(b"--Encrypted Boundary--\r\n")]
        (h,) = struct.unpack_from("<I", rest)
        sig, ct = rest[4:4 + h], rest[4 + h:]
        plain = self.unwrap(sig, ct)
        assert len(plain) == int(m.group(2)), (len(plain), m.group(2))
        return plain


SOAP_GET = (b'<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" '
            b'xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" '
            b'xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd"><s:Header>'
            b'<a:Action s:mustUnderstand="true">http://schemas.xmlsoap.org/ws/2004/09/transfer/Get</a:Action>'
            b'<a:MessageID>uuid:11111111-2222-3333-4444-555555555555</a:MessageID>'
            b'<w:ResourceURI s:mustUnderstand="true">http://schemas.microsoft.com/wbem/wsman/1/wmi/root/'
            b'virtualization/v2/Msvm_ConcreteJob</w:ResourceURI></s:Header><s:Body/></s:Envelope>')
SOAP_FAULT = SOAP_GET.replace(b"<s:Body/>", b"<s:Body><x>FAULT-ME</x></s:Body>")
