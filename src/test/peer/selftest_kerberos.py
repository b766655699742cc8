#!/usr/bin/python3
"""Self test of winrm_peer.py with Kerberos (MIT krb5 acceptor) against a throwaway KDC.

  /usr/bin/python3 src/test/peer/selftest_kerberos.py

Starts an MIT KDC on 127.0.0.1 (realm HV.TEST, AES only), a service keytab for HTTP/localhost,
then drives the peer with a raw python-gssapi initiator (krb5 mech under "Kerberos", SPNEGO under
"Negotiate", wrap_iov HEADER|DATA|PADDING) and with pywinrm_revert.py --transport kerberos.
"""

import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # keep src/test/peer free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from selftest_common import (HERE, PY, Peer, RawClient, SOAP_FAULT, SOAP_GET, bindings,  # noqa: E402
                             cert_hash_from_peer, check, finish, tls_cert)
from selftest_fakebackend import Backend  # noqa: E402
from selftest_kdc import ThrowawayKdc  # noqa: E402


def hdr_fields(raw):
    """(signature length, EC, RRC, flags) of the first encrypted part of a response body."""
    i = raw.index(b"application/octet-stream\r\n") + len(b"application/octet-stream\r\n")
    (h,) = struct.unpack_from("<I", raw, i)
    sig = raw[i + 4:i + 4 + h]
    return h, struct.unpack(">H", sig[4:6])[0], struct.unpack(">H", sig[6:8])[0], sig[2]


def main():
    for v in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        os.environ.pop(v, None)
    kdc = ThrowawayKdc().start()
    try:
        kdc.kinit()
        os.environ.update(kdc.env)  # our in-process initiators use the same config + ccache
        env = dict(kdc.env)
        be = Backend().start()
        tmp = tempfile.mkdtemp(prefix="peer-krb-")

        peer = Peer("--backend", be.url, "--schemes", "Negotiate,Kerberos", env=env)
        try:
            c = peer._plain()
            c.request("POST", "/wsman", body=b"")
            r = c.getresponse()
            r.read()
            hs = [v for k, v in r.getheaders() if k.lower() == "www-authenticate"]
            check(r.status == 401 and hs == ["Negotiate", "Kerberos"], "401 offers Negotiate and Kerberos: %s" % hs)

            for mech, scheme in (("krb5", "Kerberos"), ("spnego", "Negotiate")):
                peer.reset()
                rc = RawClient(peer, mech)
                st = rc.authenticate()
                check(st == 200 and rc.statuses == [200] and rc.ctx.complete,
                      "%s: one-leg handshake, 200 with mutual-auth token (%s)" % (scheme, rc.statuses))
                status, plain, raw = rc.send_encrypted(SOAP_GET)
                check(status == 200 and b"JobState" in plain, "%s: encrypted round trip (wrap_iov)" % scheme)
                h, ec, rrc, fl = hdr_fields(raw)
                check((h, ec, rrc) == (60, 0, 28) and fl & 0x07 == 0x07,
                      "%s: response token sig=%d EC=%d RRC=%d flags=0x%02x" % (scheme, h, ec, rrc, fl))
                check((b"\tContent-Type: " + rc.protocol.encode() + b"\r\n") in raw[:200],
                      "%s: protocol string %s" % (scheme, rc.protocol))
                status, plain, _ = rc.send_encrypted(SOAP_FAULT)
                check(status == 500 and b"FAKE FAULT" in plain, "%s: 500 fault encrypted" % scheme)
                st = peer.stats()
                check(st["handshakes"] == 1 and st["completed_handshakes"] == 1 and st["unauthorized"] == 0
                      and st["encrypted_requests"] == 2, "%s: stats %s" % (scheme, st))
                status, data, _ = rc.send_encrypted(SOAP_GET, corrupt=True)
                check(status == 400 and peer.stats()["failed_unwraps"] == 1, "%s: corrupted request -> 400" % scheme)

            # wrong protocol string for the scheme -> refused
            rc = RawClient(peer, "krb5")
            rc.authenticate()
            rc.scheme = "Negotiate"  # frames with the SPNEGO protocol string on a Kerberos-scheme context
            status, data, _ = rc.send_encrypted(SOAP_GET)
            check(status == 400, "Kerberos-scheme context + SPNEGO protocol string -> 400")

            # full benchmark run with pywinrm + gssapi stand-in auth, TGT from password (no ccache)
            e2 = dict(os.environ)
            e2.pop("KRB5CCNAME", None)
            e2["KRB5CCNAME"] = "MEMORY:bench"
            peer.reset()
            out = subprocess.run([PY, os.path.join(HERE, "pywinrm_revert.py"), "--endpoint",
                                  peer.url.replace("127.0.0.1", "localhost"), "--transport", "kerberos",
                                  "--user", "hvuser", "--password", "Secret123", "--vm", "app-vm-01"],
                                 capture_output=True, text=True, timeout=60, env=e2)
            res = json.loads(out.stdout.strip().splitlines()[-1]) if out.stdout.strip() else {}
            check(out.returncode == 0 and res.get("jobState") == 7,
                  "pywinrm_revert.py --transport kerberos: %s %s" % (out.stdout.strip(), out.stderr[-300:]))
            st = peer.stats()
            check(st["handshakes"] == 1 and st["unauthorized"] == 0 and st["connections"] == 1,
                  "kerberos benchmark stats %s" % st)
        finally:
            check(peer.stop() == 0, "peer exits 0")

        # Kerberos scheme not offered -> refused
        peer = Peer("--backend", be.url, env=env)
        try:
            rc = RawClient(peer, "krb5")
            check(rc.authenticate() == 401, "Authorization: Kerberos refused when not in --schemes")
        finally:
            peer.stop()

        # --tamper-responses
        peer = Peer("--backend", be.url, "--tamper-responses", env=env)
        try:
            rc = RawClient(peer, "spnego")
            rc.authenticate()
            try:
                rc.send_encrypted(SOAP_GET)
                ok = False
            except Exception as e:  # GSS unwrap error
                ok = "GSS" in type(e).__name__ or "Error" in type(e).__name__
            check(ok, "Kerberos: --tamper-responses breaks the client's unwrap")
        finally:
            peer.stop()

        # HTTPS, channel bindings
        cert, key = tls_cert(tmp)
        for strict in (False, True):
            tag = "Kerberos HTTPS%s" % (" --require-cbt" if strict else "")
            peer = Peer("--backend", be.url, "--schemes", "Negotiate,Kerberos", "--tls-cert", cert, "--tls-key", key,
                        *(["--require-cbt"] if strict else []), env=env)
            try:
                good = bindings(b"tls-server-end-point:" + cert_hash_from_peer(peer.port))
                bad = bindings(b"tls-server-end-point:" + bytes(32))
                for mech in ("krb5", "spnego"):
                    st = RawClient(peer, mech).authenticate()
                    check(st == (401 if strict else 200), "%s %s: no bindings -> %d" % (tag, mech, st))
                    st = RawClient(peer, mech, cb=bad).authenticate()
                    check(st == 401, "%s %s: wrong bindings -> %d" % (tag, mech, st))
                    rc = RawClient(peer, mech, cb=good)
                    st = rc.authenticate()
                    check(st == 200, "%s %s: correct bindings -> %d" % (tag, mech, st))
                    rc.post(SOAP_GET, {"Content-Type": "application/soap+xml;charset=UTF-8"})
                    check(rc.statuses[-1] == 200, "%s %s: plain SOAP over TLS" % (tag, mech))
                out = subprocess.run([PY, os.path.join(HERE, "pywinrm_revert.py"), "--endpoint",
                                      peer.url.replace("127.0.0.1", "localhost"), "--transport", "kerberos",
                                      "--user", "hvuser", "--password", "Secret123", "--vm", "app-vm-01"],
                                     capture_output=True, text=True, timeout=60, env=dict(os.environ))
                check(out.returncode == 0, "%s: pywinrm_revert.py --transport kerberos (CBT) %s" % (tag, out.stdout.strip()))
            finally:
                peer.stop()
        be.shutdown()
    finally:
        kdc.stop()
    shutil.rmtree(tmp, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
