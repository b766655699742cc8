"""Throwaway MIT KDC on 127.0.0.1 for the peer's Kerberos self test.

    kdc = ThrowawayKdc().start()    # realm HV.TEST, user hvuser/Secret123, service HTTP/localhost
    kdc.env                         # KRB5_CONFIG, KRB5_KDC_PROFILE, KRB5CCNAME, KRB5_KTNAME (service keytab)
    kdc.stop()                      # kills the krb5kdc it started, by pid

Standalone:  /usr/bin/python3 selftest_kdc.py   -> starts it, prints the env as shell exports, waits
for Ctrl-C / SIGTERM, then stops the KDC.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

REALM = "HV.TEST"


def _free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


class ThrowawayKdc:
    def __init__(self, user="hvuser", password="Secret123", service="HTTP/localhost",
                 enctypes="aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal"):
        self.dir = tempfile.mkdtemp(prefix="peer-kdc-")
        self.port = _free_port()
        self.user, self.password, self.service = user, password, service
        d = self.dir
        with open(os.path.join(d, "krb5.conf"), "w") as f:
            f.write("""[libdefaults]
 default_realm = %(r)s
 dns_lookup_kdc = false
 dns_lookup_realm = false
 dns_canonicalize_hostname = false
 rdns = false
 udp_preference_limit = 1
 allow_weak_crypto = true
[realms]
 %(r)s = {
  kdc = 127.0.0.1:%(p)d
 }
[domain_realm]
 localhost = %(r)s
""" % {"r": REALM, "p": self.port})
        with open(os.path.join(d, "kdc.conf"), "w") as f:
            f.write("""[kdcdefaults]
 kdc_ports = %(p)d
 kdc_tcp_ports = %(p)d
[realms]
 %(r)s = {
  database_name = %(d)s/principal
  key_stash_file = %(d)s/stash
  acl_file = %(d)s/kadm5.acl
  supported_enctypes = %(e)s
  max_life = 10h
 }
[logging]
 kdc = FILE:%(d)s/kdc.log
""" % {"r": REALM, "p": self.port, "d": d, "e": enctypes})
        self.env = {
            "KRB5_CONFIG": os.path.join(d, "krb5.conf"),
            "KRB5_KDC_PROFILE": os.path.join(d, "kdc.conf"),
            "KRB5CCNAME": "FILE:" + os.path.join(d, "ccache"),
            "KRB5_KTNAME": "FILE:" + os.path.join(d, "http.keytab"),
        }
        self.proc = None

    def _run(self, *cmd, inp=None):
        e = dict(os.environ)
        e.update(self.env)
        return subprocess.run(list(cmd), input=inp, env=e, check=True, capture_output=True, text=True)

    def start(self):
        self._run("kdb5_util", "create", "-s", "-r", REALM, "-P", "master-pw-not-secret")
        self._run("kadmin.local", "-r", REALM, "-q", "addprinc -pw %s %s" % (self.password, self.user))
        self._run("kadmin.local", "-r", REALM, "-q", "addprinc -randkey %s" % self.service)
        self._run("kadmin.local", "-r", REALM, "-q",
                  "ktadd -k %s %s" % (self.env["KRB5_KTNAME"][5:], self.service))
        e = dict(os.environ)
        e.update(self.env)
        self.proc = subprocess.Popen(["krb5kdc", "-n", "-r", REALM, "-P", os.path.join(self.dir, "kdc.pid")],
                                     env=e, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        return self

    def kinit(self):
        self._run("kinit", "%s@%s" % (self.user, REALM), inp=self.password + "\n")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


if __name__ == "__main__":
    k = ThrowawayKdc().start()
    k.kinit()
    for key, v in k.env.items():
        print("export %s=%s" % (key, v), flush=True)
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    try:
        while not stop:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    k.stop()
