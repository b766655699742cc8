#!/usr/bin/python3
"""Benchmark peer: RevertFailover of many Hyper-V VMs on many hosts, as a Python shop does it today.

Debian's pywinrm (0.3.0), one winrm.protocol.Protocol(..., message_encryption='always') per host,
reused for all of that host's VMs. Hosts one after the other, and on each host, for each VM in turn:

 1. WQL Enumerate  SELECT * FROM Msvm_ComputerSystem WHERE ElementName = '<vm>' (Pull if needed)
 2. Invoke Msvm_ReplicationService/RevertFailover with the service's selectors and the VM's EPR
    (the service is enumerated once per host, before its first VM)
 3. WS-Transfer Get of the returned job EPR every --poll seconds (0.5) until JobState is terminal

The envelopes, the NTLM MD4 shim, the request counting and the EPR handling are those of
pywinrm_revert.py, imported from it, so both benchmarks send the same requests.

Prints one JSON line per VM {"host":..,"vm":..,"returnValue":..,"jobState":..,"seconds":..} and then
a summary line {"summary":true,"vms":..,"completed":..,"failed":..,"requests":..,"seconds":..}.
Exit 0 when every VM's revert completed, 1 otherwise.
"""

import argparse
import json
import os
import sys
import time
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pywinrm_revert as base  # noqa: E402  (patches hashlib for MD4 and counts HTTP requests on import)

import requests  # noqa: E402
import winrm.exceptions  # noqa: E402

TERMINAL_OK = (7, 32768)
TERMINAL_FAILED = (8, 9, 10, 11)


class Host:
    """One host's session, and its replication service once looked up."""

    def __init__(self, endpoint, args):
        ns = argparse.Namespace(endpoint=endpoint, transport="ntlm", user=args.user, password=args.password,
                                cert_validation="ignore", message_encryption="always", kerberos_hostname=None)
        self.endpoint = endpoint
        self.client = base.Client(ns)
        self.service = None

    def replication_service(self):
        if self.service is None:
            svcs = self.client.enumerate_all("SELECT * FROM Msvm_ReplicationService")
            if len(svcs) != 1:
                raise RuntimeError("expected one Msvm_ReplicationService, found %d" % len(svcs))
            _, _, uri, sels = base.epr_parts(svcs[0])
            self.service = (uri or base.V2 + "Msvm_ReplicationService", sels)
        return self.service

    def revert(self, vm, poll, max_wait):
        """Look the VM up, invoke RevertFailover, poll its job; the result for the VM's JSON line."""
        result = {"host": self.endpoint, "vm": vm, "returnValue": None, "jobState": None, "ok": False}
        vms = self.client.enumerate_all("SELECT * FROM Msvm_ComputerSystem WHERE ElementName = '%s'"
                                        % base.wql_escape(vm))
        if len(vms) != 1:
            raise RuntimeError("expected exactly one VM named %r, found %d" % (vm, len(vms)))
        vm_addr, vm_refp, _, _ = base.epr_parts(vms[0])
        svc_uri, svc_sels = self.replication_service()
        p_ns = base.V2 + "Msvm_ReplicationService"
        body = ('<p:RevertFailover_INPUT xmlns:p="%s"><p:ComputerSystem>%s</p:ComputerSystem>'
                "</p:RevertFailover_INPUT>") % (p_ns, base.serialize_epr_children(vm_addr, vm_refp))
        root = self.client.send(base.envelope(self.endpoint, svc_uri, svc_uri + "/RevertFailover", body, svc_sels))
        out = root.find("s:Body/p:RevertFailover_OUTPUT", dict(base.NS, p=p_ns))
        if out is None:
            raise RuntimeError("no RevertFailover_OUTPUT in response")
        rv = int(out.findtext("{%s}ReturnValue" % p_ns, "-1"))
        result["returnValue"] = rv
        if rv == 0:
            result["ok"] = True
            return result
        if rv != 4096:
            return result
        refp = out.find("{%s}Job" % p_ns).find("a:ReferenceParameters", base.NS)
        job_uri = refp.findtext("w:ResourceURI", "", base.NS)
        job_sels = [(s.get("Name"), s.text or "") for s in refp.findall("w:SelectorSet/w:Selector", base.NS)]
        deadline = time.monotonic() + max_wait
        while True:
            root = self.client.send(base.envelope(self.endpoint, job_uri, base.A_GET, "", job_sels))
            state = next((int(el.text) for el in root.iter() if el.tag.endswith("}JobState")), None)
            result["jobState"] = state
            if state in TERMINAL_OK:
                result["ok"] = True
                return result
            if state in TERMINAL_FAILED:
                return result
            if time.monotonic() > deadline:
                raise RuntimeError("job did not finish in %.0f s" % max_wait)
            time.sleep(poll)


def main():
    ap = argparse.ArgumentParser(description="pywinrm RevertFailover of many VMs, one after the other")
    ap.add_argument("--endpoint", action="append", required=True, help="a host's WinRM URL; repeat per host")
    ap.add_argument("--vm", action="append", required=True, help="a VM name, reverted on every host; repeatable")
    ap.add_argument("--user", required=True)
    ap.add_argument("--password", default="")
    ap.add_argument("--poll", type=float, default=0.5, help="seconds between job Gets (default 0.5)")
    ap.add_argument("--max-wait", type=float, default=600.0, help="seconds to wait for each job")
    args = ap.parse_args()
    for v in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        os.environ.pop(v, None)

    t0 = time.monotonic()
    completed = failed = 0
    for endpoint in args.endpoint:
        host = None
        for vm in args.vm:
            started = time.monotonic()
            try:
                if host is None:
                    host = Host(endpoint, args)
                result = host.revert(vm, args.poll, args.max_wait)
            except (winrm.exceptions.WinRMError, winrm.exceptions.WinRMTransportError, requests.RequestException,
                    RuntimeError, ET.ParseError, AttributeError, ValueError) as e:
                result = {"host": endpoint, "vm": vm, "ok": False, "error": "%s: %s" % (type(e).__name__, e)}
            result["seconds"] = round(time.monotonic() - started, 3)
            if result.pop("ok"):
                completed += 1
            else:
                failed += 1
            print(json.dumps(result), flush=True)
    print(json.dumps({"summary": True, "vms": completed + failed, "completed": completed, "failed": failed,
                      "requests": base.HTTP_REQUESTS, "seconds": round(time.monotonic() - t0, 3)}), flush=True)
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
