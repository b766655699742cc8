#!/usr/bin/python3
"""Self test of winrm_peer.py with NTLM (gss-ntlmssp acceptor), over HTTP and HTTPS.

  /usr/bin/python3 src/test/peer/selftest_ntlm.py

Clients: Debian's pywinrm 0.3.0 (requests_ntlm / ntlm-auth, an implementation independent of
gss-ntlmssp) and a raw python-gssapi NTLM initiator (selftest_common.RawClient) for the cases
pywinrm cannot produce (no / wrong channel bindings, corrupted request).
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # keep src/test/peer free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pywinrm_revert  # noqa: E402  (installs the MD4 fallback ntlm-auth needs on OpenSSL 3)
import winrm.exceptions  # noqa: E402
import winrm.protocol  # noqa: E402
from selftest_common import (PY, HERE, Peer, RawClient, SOAP_FAULT, SOAP_GET, bindings,  # noqa: E402
                             cert_hash_from_peer, check, finish, tls_cert)
from selftest_fakebackend import Backend  # noqa: E402

USER, DOMUSER, PW = "hvuser", "TESTDOM\\hvuser", "Secret123"


def pywinrm(url, user=DOMUSER, pw=PW, enc="always"):
    return winrm.protocol.Protocol(url, transport="ntlm", username=user, password=pw,
                                   server_cert_validation="ignore", message_encryption=enc)


def expect_exc(fn, exc):
    try:
        fn()
    except exc as e:
        return e
    except Exception as e:  # wrong type
        return AssertionError("unexpected %s: %s" % (type(e).__name__, e))
    return None


def main():
    for v in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):  # pywinrm would re-enable cert validation
        os.environ.pop(v, None)
    tmp = tempfile.mkdtemp(prefix="peer-selftest-")
    users = os.path.join(tmp, "ntlm_users")
    with open(users, "w") as f:
        f.write("TESTDOM:hvuser:Secret123\n")
    env = {"NTLM_USER_FILE": users}
    be = Backend(user="hvadmin", password="hvreplica-demo").start()
    bargs = ["--backend", be.url, "--backend-user", "hvadmin", "--backend-password", "hvreplica-demo"]

    # ------------------------------------------------------------------ HTTP, plain peer
    peer = Peer(*bargs, env=env)
    try:
        # 1. unauthenticated POST -> 401 with WWW-Authenticate: Negotiate, empty body
        c = peer._plain()
        c.request("POST", "/wsman", body=b"x", headers={"Content-Type": "application/soap+xml;charset=UTF-8"})
        r = c.getresponse()
        body = r.read()
        check(r.status == 401 and r.getheader("WWW-Authenticate") == "Negotiate" and body == b""
              and r.getheader("Content-Length") == "0", "anonymous POST -> 401 Negotiate, empty body")

        # 2. full RevertFailover with pywinrm (benchmark script) over one keep-alive connection
        peer.reset()
        out = subprocess.run([PY, os.path.join(HERE, "pywinrm_revert.py"), "--endpoint", peer.url,
                              "--user", DOMUSER, "--password", PW, "--vm", "app-vm-01"],
                             capture_output=True, text=True, timeout=60)
        res = json.loads(out.stdout.strip().splitlines()[-1]) if out.stdout.strip() else {}
        check(out.returncode == 0 and res.get("returnValue") == 4096 and res.get("jobState") == 7,
              "pywinrm_revert.py round trip via peer: %s" % out.stdout.strip())
        st = peer.stats()
        check(st == {"connections": 1, "requests": res.get("requests"), "handshakes": 1,
                     "completed_handshakes": 1, "unauthorized": 2,
                     "encrypted_requests": res.get("requests", 0) - 3, "failed_unwraps": 0},
              "stats after pywinrm run: %s" % st)

        # 3. a 500 fault is relayed encrypted and pywinrm decrypts it
        p = pywinrm(peer.url)
        e = expect_exc(lambda: p.transport.send_message(SOAP_FAULT.decode()), winrm.exceptions.WinRMTransportError)
        check(isinstance(e, winrm.exceptions.WinRMTransportError) and e.code == 500
              and "FAKE FAULT" in str(e.response_text), "500 fault relayed encrypted and decrypted by pywinrm")
        ok = p.transport.send_message(SOAP_GET.decode())
        check(b"JobState" in (ok if isinstance(ok, bytes) else ok.encode()), "same connection keeps working after fault")

        # 4. user without domain (gss-ntlmssp user-file lookup)
        r = expect_exc(lambda: pywinrm(peer.url, user=USER).transport.send_message(SOAP_GET.decode()), Exception)
        check(r is None, "user name without domain accepted (%s)" % r)

        # 5. wrong password -> 401, pywinrm raises InvalidCredentialsError
        peer.reset()
        e = expect_exc(lambda: pywinrm(peer.url, pw="nope").transport.send_message(SOAP_GET.decode()),
                       winrm.exceptions.InvalidCredentialsError)
        st = peer.stats()
        check(isinstance(e, winrm.exceptions.InvalidCredentialsError) and st["completed_handshakes"] == 0
              and st["unauthorized"] >= 3, "wrong password -> 401 / InvalidCredentialsError (%s)" % st)
        check("authentication failed" in peer.log(), "GSS error logged on stderr")

        # 6. unencrypted SOAP over HTTP -> 500, empty body
        e = expect_exc(lambda: pywinrm(peer.url, enc="never").transport.send_message(SOAP_GET.decode()),
                       winrm.exceptions.WinRMTransportError)
        check(isinstance(e, winrm.exceptions.WinRMTransportError) and e.code == 500 and not e.response_text,
              "unencrypted request over HTTP -> 500 empty")

        # 7. raw gssapi client: corrupted encrypted request -> 400 + connection closed
        peer.reset()
        rc = RawClient(peer, "ntlm", DOMUSER, PW)
        check(rc.authenticate() == 200 and rc.statuses == [401, 200], "raw NTLM handshake: 401 then 200")
        status, plain, _ = rc.send_encrypted(SOAP_GET)
        check(status == 200 and b"JobState" in plain, "raw client encrypted round trip")
        status, plain, _ = rc.send_encrypted(SOAP_FAULT)
        check(status == 500 and b"FAKE FAULT" in plain, "raw client: fault is 500 and encrypted")
        status, data, _ = rc.send_encrypted(SOAP_GET, corrupt=True)
        closed = rc.conn.sock is None  # http.client drops the socket after "Connection: close"
        st = peer.stats()
        check(status == 400 and data.startswith(b"unwrap failed") and st["failed_unwraps"] == 1,
              "corrupted request -> 400 text (%r) %s" % (data[:60], st))
        rc.post(b"")
        check(closed and rc.statuses[-1] == 401 and peer.stats()["connections"] == st["connections"] + 1,
              "connection closed after failed unwrap; next request is a new, unauthenticated connection")
        # sanity for the single-send/Nagle requirement: 20 encrypted requests well under 40 ms each
        rc = RawClient(peer, "ntlm", DOMUSER, PW)
        rc.authenticate()
        t0 = time.monotonic()
        for _ in range(20):
            rc.send_encrypted(SOAP_GET)
        dt = (time.monotonic() - t0) / 20
        check(dt < 0.02, "mean encrypted round trip %.1f ms (< 20 ms, no Nagle stall)" % (dt * 1000))
    finally:
        code = peer.stop()
        check(code == 0, "peer exits 0 on SIGTERM (rc=%s)" % code)

    # ------------------------------------------------------------------ --allow-unencrypted
    peer = Peer(*bargs, "--allow-unencrypted", env=env)
    try:
        r = pywinrm(peer.url, enc="never").transport.send_message(SOAP_GET.decode())
        check(b"JobState" in r, "--allow-unencrypted: plain SOAP over HTTP accepted")
    finally:
        peer.stop()

    # ------------------------------------------------------------------ --tamper-responses
    peer = Peer(*bargs, "--tamper-responses", env=env)
    try:
        e = expect_exc(lambda: pywinrm(peer.url).transport.send_message(SOAP_GET.decode()), Exception)
        check(e is not None,
              "--tamper-responses: pywinrm fails to decrypt (%s: %s)" % (type(e).__name__, e))
    finally:
        peer.stop()

    # ------------------------------------------------------------------ HTTPS
    cert, key = tls_cert(tmp)
    for strict in (False, True):
        extra = ["--tls-cert", cert, "--tls-key", key] + (["--require-cbt"] if strict else [])
        tag = "HTTPS%s" % (" --require-cbt" if strict else "")
        peer = Peer(*bargs, *extra, env=env)
        try:
            h = cert_hash_from_peer(peer.port)
            good = bindings(b"tls-server-end-point:" + h)
            bad = bindings(b"tls-server-end-point:" + bytes(32))
            r = pywinrm(peer.url).transport.send_message(SOAP_GET.decode())
            check(b"JobState" in r, "%s: pywinrm (encryption always, CBT from requests_ntlm) works" % tag)
            check("channel_bound=True ntlm_cbt_av=True" in peer.log(),
                  "%s: requests_ntlm sent MsvAvChannelBindings and gss-ntlmssp verified it" % tag)
            nocbt = winrm.protocol.Protocol(peer.url, transport="ntlm", username=DOMUSER, password=PW,
                                            server_cert_validation="ignore", message_encryption="always",
                                            send_cbt=False)
            e = expect_exc(lambda: nocbt.transport.send_message(SOAP_GET.decode()),
                           winrm.exceptions.InvalidCredentialsError)
            check((e is None) != strict, "%s: pywinrm send_cbt=False -> %s" % (tag, type(e).__name__ if e else "ok"))
            r = pywinrm(peer.url, enc="auto").transport.send_message(SOAP_GET.decode())
            check(b"JobState" in r, "%s: pywinrm plain SOAP over TLS works" % tag)
            peer.reset()
            rc = RawClient(peer, "ntlm", DOMUSER, PW, cb=None)
            st = rc.authenticate()
            check(st == (401 if strict else 200), "%s: client without channel bindings -> %d" % (tag, st))
            rc = RawClient(peer, "ntlm", DOMUSER, PW, cb=bad)
            st = rc.authenticate()
            check(st == 401, "%s: client with wrong channel bindings -> %d" % (tag, st))
            rc = RawClient(peer, "ntlm", DOMUSER, PW, cb=good)
            st = rc.authenticate()
            check(st == 200, "%s: client with correct channel bindings -> %d" % (tag, st))
            status, plain, _ = rc.send_encrypted(SOAP_GET)
            check(status == 200 and b"JobState" in plain, "%s: encrypted request over TLS" % tag)
            rc.post(SOAP_GET, {"Content-Type": "application/soap+xml;charset=UTF-8"})
            check(rc.statuses[-1] == 200, "%s: plain SOAP after auth over TLS" % tag)
            if strict:
                check("no channel bindings" in peer.log(), "%s: refusal reason logged" % tag)
        finally:
            peer.stop()

    be.shutdown()
    shutil.rmtree(tmp, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
