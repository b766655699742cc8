#!/usr/bin/python3
"""Benchmark peer: warm CPU and wall time per request with Debian's pywinrm (0.3.0) (issue 11).

The counterpart of src/bench/WarmRequests.java. One winrm.protocol.Protocol(..., transport='ntlm',
message_encryption='always') per kind, so one authenticated keep-alive connection per kind; each
request goes through protocol.transport.send_message(xml) (pywinrm's own encryption and framing)
and its answer is parsed with ElementTree, as pywinrm_revert.py does. Per request, like the Java
client: a new envelope with a new MessageID, the answer's RelatesTo checked, one value read.

Kinds:
  get        WS-Transfer Get of Msvm_ConcreteJob InstanceID=<slow-vm-05's job> (seeded by the
             simulator at reset, never ends: every answer is the same), JobState read
  enumerate  WQL Enumerate SELECT * FROM Msvm_ComputerSystem WHERE ElementName = 'sync-vm-04'
             (EnumerateObjectAndEPR, OptimizeEnumeration: one response with EndOfSequence)

One session per kind; one call of each checked, WARMUP calls of each (interleaved), then REQUESTS
calls of each kind in turn, timed with time.process_time() (this process's CPU, all its threads)
and time.perf_counter(). Prints one JSON line per kind:
{"kind":..,"requests":N,"cpu_us_per_request":..,"wall_us_per_request":..,"answer":..}
(The connections and HTTP requests are counted by the peer, see warm-bench.sh.)

  /usr/bin/python3 src/test/peer/pywinrm_warm.py --endpoint URL --user 'DOMAIN\\user' --password P
      [--requests 2000] [--warmup 500] [--kinds get,enumerate] [--transport ntlm|kerberos]
"""

import argparse
import json
import os
import sys
import time
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pywinrm_revert as pr  # noqa: E402  (MD4 fallback, envelopes, the Kerberos stand-in)
import requests.adapters  # noqa: E402

# pywinrm_revert wraps HTTPAdapter.send to count requests; count here without the extra frame.
requests.adapters.HTTPAdapter.send = pr._orig_send

JOB_ID = "3D9C7B1A-6E45-4F82-B0D3-9A5E1C7F2B85"
VM = "sync-vm-04"
WQL_QUERY = "SELECT * FROM Msvm_ComputerSystem WHERE ElementName = '%s'" % VM
A_RELATES = "{%s}RelatesTo" % pr.NS["a"]
A_MESSAGE_ID = "{%s}MessageID" % pr.NS["a"]


class Session:
    def __init__(self, args):
        self.endpoint = args.endpoint
        self.client = pr.Client(args)

    def call(self, xml):
        """Sends one envelope; returns the body's first element after checking RelatesTo."""
        root = self.client.send(xml)
        header = root.find("s:Header", pr.NS)
        relates = header.findtext("a:RelatesTo", None, pr.NS) if header is not None else None
        # The MessageID sits between <a:MessageID>uuid:..</a:MessageID> in our own envelope.
        start = xml.index("<a:MessageID>") + len("<a:MessageID>")
        sent_id = xml[start:xml.index("</a:MessageID>", start)]
        if relates is None or relates.strip().lower() != sent_id.lower():
            raise RuntimeError("answer relates to %r, not to %r" % (relates, sent_id))
        body = root.find("s:Body", pr.NS)
        if body is None or len(body) == 0:
            raise RuntimeError("empty body")
        return body[0]

    def get_job(self):
        xml = pr.envelope(self.endpoint, pr.V2 + "Msvm_ConcreteJob", pr.A_GET, "", [("InstanceID", JOB_ID)])
        job = self.call(xml)
        for el in job:
            if el.tag.endswith("}JobState"):
                return "JobState=" + el.text
        raise RuntimeError("the job has no JobState")

    def enumerate_vm(self):
        body = ('<n:Enumerate xmlns:n="%s"><w:OptimizeEnumeration/><w:MaxElements>32000</w:MaxElements>'
                "<w:EnumerationMode>EnumerateObjectAndEPR</w:EnumerationMode>"
                '<w:Filter Dialect="%s">%s</w:Filter></n:Enumerate>') % (pr.NS["n"], pr.WQL, WQL_QUERY)
        resp = self.call(pr.envelope(self.endpoint, pr.V2 + "*", pr.A_ENUM, body))
        if resp.find("w:EndOfSequence", pr.NS) is None and resp.find("n:EndOfSequence", pr.NS) is None:
            raise RuntimeError("the enumeration did not end in one response")
        items = resp.findall("w:Items/w:Item", pr.NS)
        if len(items) != 1:
            raise RuntimeError("expected one VM named %s, found %d" % (VM, len(items)))
        for el in items[0][0]:
            if el.tag.endswith("}ElementName"):
                return el.text
        raise RuntimeError("the VM has no ElementName")


def main():
    ap = argparse.ArgumentParser(description="pywinrm warm per-request benchmark")
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("--user", required=True)
    ap.add_argument("--password", default="")
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--warmup", type=int, default=500)
    ap.add_argument("--kinds", default="get,enumerate")
    ap.add_argument("--transport", choices=["ntlm", "kerberos"], default="ntlm")
    args = ap.parse_args()
    # What pr.Client reads from the revert script's arguments.
    args.message_encryption, args.cert_validation, args.kerberos_hostname = "always", "ignore", None
    if args.transport == "kerberos":
        pr.use_gss_kerberos(args.password)

    # As the Java harness does: every kind's session first, one checked call of each, all warmed
    # up together, then each timed in turn.
    sessions = []
    for kind in args.kinds.split(","):
        s = Session(args)
        sessions.append((kind, s, {"get": s.get_job, "enumerate": s.enumerate_vm}[kind]))
    answers = {kind: request() for kind, _, request in sessions}
    for _ in range(args.warmup):
        for _, _, request in sessions:
            request()
    for kind, _, request in sessions:
        cpu0, wall0 = time.process_time(), time.perf_counter()
        for _ in range(args.requests):
            request()
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        n = args.requests
        print(json.dumps({"kind": kind, "requests": n, "cpu_us_per_request": round(cpu / n * 1e6, 1),
                          "wall_us_per_request": round(wall / n * 1e6, 1), "answer": answers[kind]}), flush=True)
    for _, s, _ in sessions:
        s.client.protocol.transport.session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
