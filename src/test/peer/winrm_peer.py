#!/usr/bin/python3
"""Independent WinRM-like interop peer.

A small HTTP(S) server that behaves like the authentication / message-protection
front end of a Windows WinRM listener, with all security done by real GSSAPI
acceptors (MIT krb5 for Kerberos, gss-ntlmssp for NTLM) via python3-gssapi.
Decrypted SOAP is forwarded to a plain HTTP backend (e.g. a simulated Hyper-V
host) and the backend's answer is sent back encrypted.

Nothing in here is shared with the Java client under test: it is the judge.
See README.md next to this file for the command line and behaviour.

Run with /usr/bin/python3 (Debian's python3-gssapi lives there).
"""

import argparse
import base64
import hashlib
import http.client
import http.server
import json
import logging
import os
import re
import signal
import socket
import socketserver
import ssl
import struct
import sys
import threading
import urllib.parse

import gssapi
import gssapi.raw as graw
from gssapi.raw import IOV, IOVBufferType

LOG = logging.getLogger("winrm_peer")

OID_KRB5 = gssapi.OID.from_int_seq("1.2.840.113554.1.2.2")
OID_NTLM = gssapi.OID.from_int_seq("1.3.6.1.4.1.311.2.2.10")

BOUNDARY = b"Encrypted Boundary"
MIME_BOUNDARY = b"--" + BOUNDARY
PROTO_SPNEGO = "application/HTTP-SPNEGO-session-encrypted"
PROTO_KERBEROS = "application/HTTP-Kerberos-session-encrypted"
SOAP_CT = "application/soap+xml;charset=UTF-8"

ORIG_CONTENT_RE = re.compile(
    rb"\A\tOriginalContent: type=application/soap\+xml;charset=(UTF-8|UTF-16);Length=([0-9]+)\r\n\Z")


class UnwrapError(Exception):
    """The encrypted request could not be parsed / unwrapped."""


# --------------------------------------------------------------------------- helpers

def tls_server_end_point_hash(cert_file):
    """RFC 5929 tls-server-end-point hash of the first (leaf) certificate in cert_file."""
    with open(cert_file, "rb") as f:
        pem = f.read().decode("ascii", "replace")
    m = re.search(r"-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----", pem, re.S)
    if not m:
        raise SystemExit("no PEM certificate found in %s" % cert_file)
    der = ssl.PEM_cert_to_DER_cert(m.group(0))
    algo = "sha256"
    try:
        from cryptography import x509
        cert = x509.load_der_x509_certificate(der)
        name = cert.signature_hash_algorithm.name.lower()
        if name not in ("md5", "sha1"):
            algo = name
    except Exception as e:  # unknown algorithm -> SHA-256 per RFC 5929
        LOG.warning("could not determine certificate signature hash (%s); using sha256", e)
    return hashlib.new(algo, der).digest(), algo


def ntlm_av_pairs_from_authenticate(tok):
    """Return {AvId: value} from the NTLMv2 response of an AUTHENTICATE message, or None."""
    try:
        if tok[:8] != b"NTLMSSP\x00" or struct.unpack_from("<I", tok, 8)[0] != 3:
            return None
        ln, _mx, off = struct.unpack_from("<HHI", tok, 20)
        resp = tok[off:off + ln]
        if len(resp) <= 24:  # NTLMv1: no AV pairs
            return {}
        pos = 16 + 28  # NTProofStr + fixed part of the NTLMv2 client challenge
        out = {}
        while pos + 4 <= len(resp):
            av_id, av_len = struct.unpack_from("<HH", resp, pos)
            pos += 4
            if av_id == 0:
                break
            out[av_id] = resp[pos:pos + av_len]
            pos += av_len
        return out
    except struct.error:
        return None


def gss_error_text(e):
    try:
        return e.gen_message()
    except Exception:
        return str(e)


# --------------------------------------------------------------------------- stats

class Stats:
    KEYS = ("connections", "requests", "handshakes", "completed_handshakes",
            "unauthorized", "encrypted_requests", "failed_unwraps")

    def __init__(self):
        self._lock = threading.Lock()
        self._v = dict.fromkeys(self.KEYS, 0)

    def inc(self, key, n=1):
        with self._lock:
            self._v[key] += n

    def reset(self):
        with self._lock:
            self._v = dict.fromkeys(self.KEYS, 0)

    def snapshot(self):
        with self._lock:
            return dict(self._v)


# --------------------------------------------------------------------------- server

class PeerServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, addr, handler, cfg):
        self.cfg = cfg
        self.stats = Stats()
        self.ssl_ctx = None
        self.bindings = None
        self._conn_seq = 0
        self._conn_lock = threading.Lock()
        super().__init__(addr, handler)
        if cfg.tls_cert:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(cfg.tls_cert, cfg.tls_key)
            self.ssl_ctx = ctx
            h, algo = tls_server_end_point_hash(cfg.tls_cert)
            # gss_channel_bindings_struct with both address types 0 (GSS_C_AF_UNSPEC),
            # empty addresses, application data "tls-server-end-point:" + hash (RFC 5929).
            self.bindings = graw.ChannelBindings(
                initiator_address_type=0, initiator_address=b"",
                acceptor_address_type=0, acceptor_address=b"",
                application_data=b"tls-server-end-point:" + h)
            LOG.info("TLS enabled; tls-server-end-point hash (%s) = %s", algo, h.hex())

    def next_conn_id(self):
        with self._conn_lock:
            self._conn_seq += 1
            return self._conn_seq

    def get_request(self):
        sock, addr = self.socket.accept()
        if self.ssl_ctx is not None:
            # Handshake later, in the connection's own thread (see Handler.setup).
            sock = self.ssl_ctx.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, addr


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "Microsoft-HTTPAPI/2.0"
    sys_version = ""

    # ---------------------------------------------------------------- connection state
    def setup(self):
        super().setup()
        self.cid = self.server.next_conn_id()
        try:
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass
        self.tls_failed = False
        if isinstance(self.connection, ssl.SSLSocket):
            self.connection.settimeout(30)
            try:
                self.connection.do_handshake()
                self.connection.settimeout(None)
            except (ssl.SSLError, OSError) as e:
                LOG.warning("conn#%d TLS handshake failed: %s", self.cid, e)
                self.tls_failed = True
        self.counted = False        # counted in stats["connections"] on its first /wsman request
        self.ctx = None             # gssapi.SecurityContext (acceptor)
        self.ctx_scheme = None      # "Negotiate" / "Kerberos"
        self.ctx_ready = False      # established and accepted (incl. CBT policy)
        self.backend_conn = None
        LOG.info("conn#%d opened from %s:%d", self.cid, *self.client_address[:2])

    def handle(self):
        if self.tls_failed:
            self.close_connection = True
            return
        super().handle()

    def finish(self):
        try:
            super().finish()
        except OSError:
            pass
        finally:
            if getattr(self, "backend_conn", None) is not None:
                self.backend_conn.close()
            LOG.info("conn#%d closed", getattr(self, "cid", 0))

    def log_message(self, fmt, *args):
        LOG.debug("conn#%d %s", getattr(self, "cid", 0), fmt % args)

    def log_error(self, fmt, *args):
        LOG.warning("conn#%d %s", getattr(self, "cid", 0), fmt % args)

    @property
    def is_tls(self):
        return self.server.ssl_ctx is not None

    # ---------------------------------------------------------------- raw response
    def respond(self, code, headers=(), body=b"", close=False):
        """Send status line, headers and body in a single write."""
        reason = self.responses.get(code, ("",))[0]
        lines = ["HTTP/1.1 %d %s" % (code, reason), "Server: " + self.server_version]
        for k, v in headers:
            lines.append("%s: %s" % (k, v))
        lines.append("Content-Length: %d" % len(body))
        if close or self.close_connection:
            lines.append("Connection: close")
            self.close_connection = True
        data = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
        self.wfile.write(data)
        self.wfile.flush()
        LOG.info("conn#%d %s %s -> %d (%d bytes)", self.cid, self.command, self.path, code, len(body))

    def challenge_headers(self):
        return [("WWW-Authenticate", s) for s in self.server.cfg.schemes]

    def unauthorized(self, headers=None):
        self.server.stats.inc("unauthorized")
        self.respond(401, headers if headers is not None else self.challenge_headers())

    def reset_ctx(self):
        self.ctx = None
        self.ctx_scheme = None
        self.ctx_ready = False

    def read_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return None
        try:
            n = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            return None
        return self.rfile.read(n) if n > 0 else b""

    # ---------------------------------------------------------------- methods
    def do_GET(self):
        if self.path == "/stats":
            body = json.dumps(self.server.stats.snapshot()).encode()
            self.respond(200, [("Content-Type", "application/json")], body)
        else:
            self.respond(404, [("Content-Type", "text/plain")], b"not found\n")

    def do_POST(self):
        body = self.read_body()
        if body is None:
            self.respond(411, [("Content-Type", "text/plain")], b"Content-Length required\n", close=True)
            return
        if self.path == "/stats/reset":
            self.server.stats.reset()
            self.respond(200, [("Content-Type", "application/json")], b"{}")
            return
        if self.path.split("?")[0].lower() != "/wsman":
            self.respond(404, [("Content-Type", "text/plain")], b"not found\n")
            return
        if not self.counted:
            self.counted = True
            self.server.stats.inc("connections")
        self.server.stats.inc("requests")
        auth = self.headers.get("Authorization")
        try:
            if auth:
                self.handle_auth(auth, body)
            elif self.ctx_ready:
                self.handle_message(body)
            else:
                if self.ctx is not None:
                    LOG.info("conn#%d request without Authorization during handshake; resetting", self.cid)
                self.reset_ctx()
                self.unauthorized()
        except (ConnectionError, ssl.SSLError):
            raise
        except Exception:
            LOG.exception("conn#%d internal error", self.cid)
            self.reset_ctx()
            self.respond(500, [("Content-Type", "text/plain")], b"winrm_peer internal error\n", close=True)

    def do_PUT(self):
        self.respond(405, [("Content-Type", "text/plain")], b"method not allowed\n")

    do_DELETE = do_HEAD = do_PUT

    # ---------------------------------------------------------------- authentication
    def handle_auth(self, auth, body):
        parts = auth.strip().split(None, 1)
        scheme = parts[0]
        offered = {s.lower(): s for s in self.server.cfg.schemes}
        if scheme.lower() not in offered or scheme.lower() not in ("negotiate", "kerberos"):
            LOG.warning("conn#%d unsupported/not offered auth scheme %r", self.cid, scheme)
            self.reset_ctx()
            self.unauthorized()
            return
        scheme = offered[scheme.lower()]
        try:
            token = base64.b64decode(parts[1].strip(), validate=True) if len(parts) > 1 else b""
        except Exception:
            token = b""
        if not token:
            LOG.warning("conn#%d empty/invalid %s token", self.cid, scheme)
            self.reset_ctx()
            self.unauthorized()
            return

        if self.ctx is None or self.ctx_ready or self.ctx_scheme != scheme:
            if self.ctx_ready:
                LOG.info("conn#%d re-authentication on an established connection", self.cid)
            self.reset_ctx()
            try:
                creds = None
                if scheme == "Kerberos":
                    # Raw krb5 mechanism only (keytab from KRB5_KTNAME).
                    creds = gssapi.Credentials(usage="accept", mechs=[OID_KRB5])
                self.ctx = gssapi.SecurityContext(usage="accept", creds=creds,
                                                  channel_bindings=self.server.bindings)
            except gssapi.exceptions.GSSError as e:
                LOG.error("conn#%d cannot create acceptor for %s: %s", self.cid, scheme, gss_error_text(e))
                self.reset_ctx()
                self.unauthorized()
                return
            self.ctx_scheme = scheme
            self.server.stats.inc("handshakes")

        kind = "NTLM type %d" % token[8] if token[:8] == b"NTLMSSP\x00" and len(token) > 8 else "GSS token"
        try:
            out = self.ctx.step(token)
            # python-gssapi defers an accept error that came with an error token (e.g. KRB-ERROR)
            # to the next call on the context, so query completion inside the try as well.
            complete = self.ctx.complete
            if complete:
                mech = self.ctx.mech
                flags = self.ctx.actual_flags
        except gssapi.exceptions.GSSError as e:
            LOG.error("conn#%d %s authentication failed (%s): %s", self.cid, scheme, kind, gss_error_text(e))
            self.reset_ctx()
            self.unauthorized()
            return

        hdr = [("WWW-Authenticate", "%s %s" % (scheme, base64.b64encode(out).decode()))] if out else []
        if not complete:
            LOG.info("conn#%d %s leg (%s) -> continue", self.cid, scheme, kind)
            self.unauthorized(hdr)
            return

        try:
            who = str(self.ctx.initiator_name)
        except Exception:
            who = "?"
        cb_ok = gssapi.RequirementFlag.channel_bound in flags
        if mech == OID_NTLM:
            av = ntlm_av_pairs_from_authenticate(token)
            cb_sent = av is not None and 0x000A in av and av[0x000A] != b"\x00" * 16
        else:
            cb_sent = None  # inside the encrypted authenticator; only the flag tells
        LOG.info("conn#%d %s context established: mech=%s initiator=%s flags=%s channel_bound=%s ntlm_cbt_av=%s",
                 self.cid, scheme, mech.dotted_form, who, flags, cb_ok, cb_sent)
        if self.server.cfg.require_cbt and not cb_ok:
            # gss-ntlmssp (1.2.0) and MIT krb5 reject *wrong* bindings themselves but accept a
            # client that sent none; they then simply do not set GSS_C_CHANNEL_BOUND_FLAG.
            LOG.error("conn#%d refusing: --require-cbt and the client supplied no channel bindings", self.cid)
            self.reset_ctx()
            self.unauthorized()
            return
        self.ctx_ready = True
        self.server.stats.inc("completed_handshakes")
        if body:
            # Body sent together with the final leg (pre-encryption clients / HTTPS): process it.
            self.handle_message(body, extra_headers=hdr)
        else:
            self.respond(200, hdr)

    # ---------------------------------------------------------------- messages
    def expected_protocol(self):
        return PROTO_KERBEROS if self.ctx_scheme == "Kerberos" else PROTO_SPNEGO

    def handle_message(self, body, extra_headers=()):
        ctype = self.headers.get("Content-Type", "")
        if ctype.lower().startswith("multipart/"):
            self.server.stats.inc("encrypted_requests")
            try:
                plain, charset = self.unwrap_request(ctype, body)
            except UnwrapError as e:
                self.server.stats.inc("failed_unwraps")
                LOG.error("conn#%d failed to unwrap request: %s", self.cid, e)
                self.respond(400, [("Content-Type", "text/plain")], ("unwrap failed: %s\n" % e).encode(),
                             close=True)
                return
            status, rbody = self.forward(plain, charset)
            # --tamper-invokes: only a method call's answer, after the look-ups went through.
            tamper = self.server.cfg.tamper_responses or (
                self.server.cfg.tamper_invokes and b"/Msvm_ReplicationService/" in plain)
            wrapped = self.wrap_response(rbody, tamper)
            ct = 'multipart/encrypted;protocol="%s";boundary="Encrypted Boundary"' % self.expected_protocol()
            self.respond(status, list(extra_headers) + [("Content-Type", ct)], wrapped)
            self.maybe_drop()
            return
        if not (self.is_tls or self.server.cfg.allow_unencrypted):
            LOG.warning("conn#%d unencrypted request body over HTTP (Content-Type %r) -> 500", self.cid, ctype)
            self.respond(500, list(extra_headers))
            return
        charset = "UTF-16" if "utf-16" in ctype.lower() else "UTF-8"
        status, rbody = self.forward(body, charset)
        self.respond(status, list(extra_headers) + [("Content-Type", SOAP_CT)], rbody)
        self.maybe_drop()

    def maybe_drop(self):
        """--drop-after N: after the N-th SOAP message on a connection, close it without warning
        (no Connection: close header), the way Windows drops connections it considers idle."""
        n = self.server.cfg.drop_after
        self.messages = getattr(self, "messages", 0) + 1
        if n and self.messages >= n:
            LOG.info("conn#%d dropping the connection after %d messages (--drop-after)", self.cid, self.messages)
            self.close_connection = True

    def unwrap_request(self, ctype, body):
        proto = self.expected_protocol()
        fields = [f.strip() for f in ctype.split(";")]
        params = {}
        for f in fields[1:]:
            k, _, v = f.partition("=")
            v = v.strip()
            if len(v) >= 2 and v[0] == v[-1] == '"':
                v = v[1:-1]
            params[k.strip().lower()] = v
        if (fields[0].lower() != "multipart/encrypted" or params.get("protocol") != proto
                or params.get("boundary") != BOUNDARY.decode()):
            raise UnwrapError('unexpected Content-Type %r (expected multipart/encrypted;protocol="%s";'
                              'boundary="Encrypted Boundary")' % (ctype, proto))
        pb = proto.encode()
        pos = 0

        def expect(lit):
            nonlocal pos
            if body[pos:pos + len(lit)] != lit:
                raise UnwrapError("framing: expected %r at offset %d, got %r"
                                  % (lit, pos, body[pos:pos + len(lit)]))
            pos += len(lit)

        expect(MIME_BOUNDARY + b"\r\n")
        expect(b"\tContent-Type: " + pb + b"\r\n")
        eol = body.find(b"\r\n", pos)
        if eol < 0:
            raise UnwrapError("framing: no OriginalContent line")
        m = ORIG_CONTENT_RE.match(body[pos:eol + 2])
        if not m:
            raise UnwrapError("framing: bad OriginalContent line %r" % body[pos:eol + 2])
        charset, length = m.group(1).decode(), int(m.group(2))
        pos = eol + 2
        expect(MIME_BOUNDARY + b"\r\n")
        expect(b"\tContent-Type: application/octet-stream\r\n")
        trailer = MIME_BOUNDARY + b"--\r\n"
        if not body.endswith(trailer):
            raise UnwrapError("framing: body does not end with %r" % trailer)
        end = len(body) - len(trailer)
        if end - pos < 4:
            raise UnwrapError("framing: truncated data part")
        (hlen,) = struct.unpack_from("<I", body, pos)
        pos += 4
        if hlen > end - pos:
            raise UnwrapError("framing: signature length %d exceeds data part" % hlen)
        sig = body[pos:pos + hlen]
        ct = body[pos + hlen:end]
        try:
            if self.ctx.mech == OID_NTLM:
                if hlen != 16:
                    raise UnwrapError("NTLM signature length %d != 16" % hlen)
                # gss-ntlmssp wrap token = signature(16) || sealed data
                plain = self.ctx.unwrap(sig + ct).message
            else:
                iov = IOV((IOVBufferType.header, False, sig), (IOVBufferType.data, False, ct),
                          std_layout=False)
                graw.unwrap_iov(self.ctx, iov)
                plain = iov[1].value or b""
        except gssapi.exceptions.GSSError as e:
            raise UnwrapError("GSS unwrap: %s" % gss_error_text(e))
        if len(plain) != length and not (self.ctx.mech != OID_NTLM and len(ct) == length):
            raise UnwrapError("plaintext length %d != OriginalContent Length=%d" % (len(plain), length))
        LOG.info("conn#%d unwrapped %d bytes (signature %d bytes)", self.cid, len(plain), hlen)
        return plain, charset

    def wrap_response(self, plain, tamper):
        if self.ctx.mech == OID_NTLM:
            tok = self.ctx.wrap(plain, True).message
            sig, ct = tok[:16], tok[16:]
        else:
            iov = IOV(IOVBufferType.header, plain, IOVBufferType.padding, std_layout=False)
            graw.wrap_iov(self.ctx, iov, confidential=True)
            sig = iov[0].value
            ct = iov[1].value + (iov[2].value or b"")
        ct = bytearray(ct)
        sig = bytearray(sig)
        if tamper:
            if ct:
                ct[len(ct) // 2] ^= 0x01
            else:
                sig[-1] ^= 0x01
            LOG.info("conn#%d tampered with the encrypted response", self.cid)
        proto = self.expected_protocol().encode()
        return (MIME_BOUNDARY + b"\r\n"
                + b"\tContent-Type: " + proto + b"\r\n"
                + b"\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=%d\r\n" % len(plain)
                + MIME_BOUNDARY + b"\r\n"
                + b"\tContent-Type: application/octet-stream\r\n"
                + struct.pack("<I", len(sig)) + bytes(sig) + bytes(ct)
                + MIME_BOUNDARY + b"--\r\n")

    # ---------------------------------------------------------------- backend
    def forward(self, soap, charset="UTF-8"):
        cfg = self.server.cfg
        u = cfg.backend_url
        headers = {"Content-Type": "application/soap+xml;charset=%s" % charset,
                   "Content-Length": str(len(soap)), "Connection": "keep-alive"}
        if cfg.backend_user is not None:
            cred = ("%s:%s" % (cfg.backend_user, cfg.backend_password or "")).encode()
            headers["Authorization"] = "Basic " + base64.b64encode(cred).decode()
        path = u.path or "/"
        if u.query:
            path += "?" + u.query
        for attempt in (1, 2):
            if self.backend_conn is None:
                port = u.port or (443 if u.scheme == "https" else 80)
                if u.scheme == "https":
                    self.backend_conn = http.client.HTTPSConnection(
                        u.hostname, port, timeout=120, context=ssl._create_unverified_context())
                else:
                    self.backend_conn = http.client.HTTPConnection(u.hostname, port, timeout=120)
            try:
                if self.backend_conn.sock is None:
                    self.backend_conn.connect()
                    self.backend_conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                self.backend_conn.request("POST", path, body=soap, headers=headers)
                r = self.backend_conn.getresponse()
                data = r.read()
                if r.will_close:
                    self.backend_conn.close()
                    self.backend_conn = None
                LOG.info("conn#%d backend -> %d (%d bytes)", self.cid, r.status, len(data))
                if r.status == 401:
                    LOG.warning("conn#%d backend rejected --backend-user credentials", self.cid)
                return r.status, data
            except (http.client.HTTPException, OSError) as e:
                self.backend_conn.close()
                self.backend_conn = None
                if attempt == 2:
                    LOG.error("conn#%d backend request failed: %s", self.cid, e)
                    return 502, b""
        return 502, b""


# --------------------------------------------------------------------------- main

def parse_args(argv):
    p = argparse.ArgumentParser(description="GSSAPI-backed WinRM interop peer")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--bind", default="127.0.0.1")
    p.add_argument("--backend", required=True, help="plain SOAP backend URL, e.g. http://127.0.0.1:8080/wsman")
    p.add_argument("--backend-user")
    p.add_argument("--backend-password")
    p.add_argument("--tls-cert")
    p.add_argument("--tls-key")
    p.add_argument("--require-cbt", action="store_true")
    p.add_argument("--tamper-responses", action="store_true")
    p.add_argument("--tamper-invokes", action="store_true",
                   help="tamper only with the answers to Msvm_ReplicationService method calls")
    p.add_argument("--schemes", default="Negotiate")
    p.add_argument("--allow-unencrypted", action="store_true")
    p.add_argument("--drop-after", type=int, default=0,
                   help="close each connection abruptly after this many SOAP messages (0: never)")
    p.add_argument("--verbose", "-v", action="store_true")
    a = p.parse_args(argv)
    a.schemes = [s.strip() for s in a.schemes.split(",") if s.strip()]
    for s in a.schemes:
        if s.lower() not in ("negotiate", "kerberos"):
            p.error("unsupported scheme %r (Negotiate, Kerberos)" % s)
    a.schemes = ["Kerberos" if s.lower() == "kerberos" else "Negotiate" for s in a.schemes]
    if bool(a.tls_cert) != bool(a.tls_key):
        p.error("--tls-cert and --tls-key go together")
    if a.require_cbt and not a.tls_cert:
        p.error("--require-cbt needs --tls-cert/--tls-key")
    a.backend_url = urllib.parse.urlsplit(a.backend)
    if a.backend_url.scheme not in ("http", "https"):
        p.error("--backend must be an http(s) URL")
    return a


def main(argv=None):
    cfg = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(stream=sys.stderr, level=logging.DEBUG if cfg.verbose else logging.INFO,
                        format="%(asctime)s winrm_peer %(levelname)s %(message)s")
    if "Negotiate" in cfg.schemes and not os.environ.get("NTLM_USER_FILE"):
        LOG.warning("NTLM_USER_FILE is not set: NTLM logons will fail")
    if "Kerberos" in cfg.schemes and not os.environ.get("KRB5_KTNAME"):
        LOG.warning("KRB5_KTNAME is not set: using the default keytab")

    srv = PeerServer((cfg.bind, cfg.port), Handler, cfg)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    t = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    t.start()
    port = srv.server_address[1]
    LOG.info("listening on %s:%d (%s) backend=%s schemes=%s require_cbt=%s tamper=%s allow_unencrypted=%s",
             cfg.bind, port, "https" if cfg.tls_cert else "http", cfg.backend, ",".join(cfg.schemes),
             cfg.require_cbt, cfg.tamper_responses, cfg.allow_unencrypted)
    sys.stdout.write("READY %d\n" % port)
    sys.stdout.flush()
    while not stop.wait(1.0):
        pass
    LOG.info("shutting down")
    srv.shutdown()
    srv.server_close()
    t.join(5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
