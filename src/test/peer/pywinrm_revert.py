#!/usr/bin/python3
"""Benchmark peer: RevertFailover of one Hyper-V VM with Debian's pywinrm (0.3.0).

Performs the same WS-Man sequence as the hvreplica CLI, through
winrm.protocol.Protocol(..., message_encryption='always') and
protocol.transport.send_message(xml):

 1. WQL Enumerate  SELECT * FROM Msvm_ComputerSystem WHERE ElementName = '<vm>'
    (EnumerateObjectAndEPR, OptimizeEnumeration, MaxElements 32000; Pull until EndOfSequence)
 2. WQL Enumerate  SELECT * FROM Msvm_ReplicationService (same; Pull if needed)
 3. Invoke Msvm_ReplicationService/RevertFailover with the service's selectors and the VM's EPR
 4. WS-Transfer Get of the returned job EPR until JobState is terminal

Prints one JSON line {"returnValue":..,"jobState":..,"requests":..,"seconds":..}; exit 0 on success.

--status-only: step 1 only, the counterpart of `hvreplica status --vm <vm>` (which sends that one
Enumerate); prints {"vm":{ElementName, Name, ReplicationMode, ReplicationState, ReplicationHealth,
EnabledState, LastReplicationTime, FailedOverReplicationType},"requests":..,"seconds":..}.

--transport kerberos: Debian's pykerberos has no WinRM wrap support, so a small
python-gssapi based stand-in for requests_kerberos.HTTPKerberosAuth is installed
(Negotiate header carrying a raw krb5 token like requests_kerberos, mutual auth,
wrap_iov HEADER|DATA|PADDING) — pywinrm's own
Encryption class still does the framing.
"""

import argparse
import base64
import json
import os
import re
import sys
import time
import uuid
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

import requests
import requests.adapters
import requests.auth
import urllib.parse


def _ensure_md4():
    """OpenSSL 3 (Debian 12) disables MD4, which ntlm-auth needs for NTOWFv1.

    If hashlib cannot do MD4, route hashlib.new('md4') to a small pure-Python MD4
    (RFC 1320). This only affects this benchmark client process.
    """
    import hashlib
    import struct
    try:
        hashlib.new("md4", b"")
        return
    except ValueError:
        pass

    def md4(data):
        def rol(x, n):
            x &= 0xFFFFFFFF
            return ((x << n) | (x >> (32 - n))) & 0xFFFFFFFF
        msg = bytes(data)
        ml = len(msg) * 8
        msg += b"\x80" + b"\x00" * ((55 - len(msg)) % 64) + struct.pack("<Q", ml)
        h = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476]
        for off in range(0, len(msg), 64):
            X = struct.unpack("<16I", msg[off:off + 64])
            a, b, c, d = h
            F = lambda x, y, z: (x & y) | (~x & z)
            G = lambda x, y, z: (x & y) | (x & z) | (y & z)
            H = lambda x, y, z: x ^ y ^ z
            for i in range(16):
                k, s_ = i, (3, 7, 11, 19)[i % 4]
                a, b, c, d = d, rol(a + F(b, c, d) + X[k], s_), b, c
            for i in range(16):
                k, s_ = (i % 4) * 4 + i // 4, (3, 5, 9, 13)[i % 4]
                a, b, c, d = d, rol(a + G(b, c, d) + X[k] + 0x5A827999, s_), b, c
            for i in range(16):
                k = (0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15)[i]
                s_ = (3, 9, 11, 15)[i % 4]
                a, b, c, d = d, rol(a + H(b, c, d) + X[k] + 0x6ED9EBA1, s_), b, c
            h = [(x + y) & 0xFFFFFFFF for x, y in zip(h, (a, b, c, d))]
        return struct.pack("<4I", *h)

    class _MD4:
        def __init__(self, data=b""):
            self._d = bytearray(data)

        def update(self, data):
            self._d += data

        def digest(self):
            return md4(self._d)

        def hexdigest(self):
            return self.digest().hex()

    orig_new = hashlib.new

    def new(name, data=b"", **kw):
        if name.lower() == "md4":
            return _MD4(data)
        return orig_new(name, data, **kw)

    hashlib.new = new


_ensure_md4()
import winrm.exceptions
import winrm.protocol
import winrm.transport

NS = {
    "s": "http://www.w3.org/2003/05/soap-envelope",
    "a": "http://schemas.xmlsoap.org/ws/2004/08/addressing",
    "w": "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd",
    "n": "http://schemas.xmlsoap.org/ws/2004/09/enumeration",
}
V2 = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/"
WQL = "http://schemas.microsoft.com/wbem/wsman/1/WQL"
ANON = "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous"
A_ENUM = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/Enumerate"
A_PULL = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/Pull"
A_GET = "http://schemas.xmlsoap.org/ws/2004/09/transfer/Get"

# ---------------------------------------------------------------- request counting
HTTP_REQUESTS = 0
_orig_send = requests.adapters.HTTPAdapter.send


def _counting_send(self, request, *a, **kw):
    global HTTP_REQUESTS
    HTTP_REQUESTS += 1
    return _orig_send(self, request, *a, **kw)


requests.adapters.HTTPAdapter.send = _counting_send


# ---------------------------------------------------------------- Kerberos stand-in
class GssKerberosAuth(requests.auth.AuthBase):
    """python-gssapi replacement for requests_kerberos.HTTPKerberosAuth (pywinrm 0.3.0 interface).

    Debian's pykerberos lacks authGSSWinRMEncryptMessage, so requests_kerberos cannot do WinRM
    message encryption. This does what requests_kerberos (on pykerberos, default mech krb5) would:
    preemptive "Authorization: Negotiate <raw krb5 AP-REQ>" on the first request, mutual auth from the 200's
    WWW-Authenticate, then wrap_winrm/unwrap_winrm with gss_wrap_iov (HEADER|DATA|PADDING).
    """
    password = None  # set by main() so a TGT can be obtained without kinit

    def __init__(self, mutual_authentication=None, delegate=False, force_preemptive=False, principal=None,
                 hostname_override=None, sanitize_mutual_error_response=True, service="HTTP", send_cbt=True):
        self.principal = principal
        self.hostname_override = hostname_override
        self.service = service or "HTTP"
        self.send_cbt = send_cbt
        self.ctx = None
        self.winrm_encryption_available = True

    def _new_context(self, url):
        import gssapi
        import gssapi.raw as graw
        import hashlib
        import ssl
        u = urllib.parse.urlsplit(url)
        host = self.hostname_override or u.hostname
        creds = None
        if self.principal and self.password is not None:
            name = gssapi.Name(self.principal, gssapi.NameType.kerberos_principal)
            creds = graw.acquire_cred_with_password(
                name, self.password.encode(), usage="initiate",
                mechs=[gssapi.OID.from_int_seq("1.2.840.113554.1.2.2")]).creds
        elif self.principal:
            creds = gssapi.Credentials(name=gssapi.Name(self.principal, gssapi.NameType.kerberos_principal),
                                       usage="initiate")
        cb = None
        if u.scheme == "https" and self.send_cbt:
            der = ssl.PEM_cert_to_DER_cert(ssl.get_server_certificate((u.hostname, u.port or 443)))
            cb = graw.ChannelBindings(initiator_address_type=0, initiator_address=b"", acceptor_address_type=0,
                                      acceptor_address=b"",
                                      application_data=b"tls-server-end-point:" + hashlib.sha256(der).digest())
        F = gssapi.RequirementFlag
        self.ctx = gssapi.SecurityContext(
            name=gssapi.Name("%s@%s" % (self.service, host), gssapi.NameType.hostbased_service), creds=creds,
            usage="initiate", mech=gssapi.OID.from_int_seq("1.2.840.113554.1.2.2"), channel_bindings=cb,
            flags=F.mutual_authentication | F.confidentiality | F.integrity | F.out_of_sequence_detection)

    def __call__(self, r):
        if self.ctx is None or not self.ctx.complete:
            if self.ctx is None:
                self._new_context(r.url)
            tok = self.ctx.step()
            r.headers["Authorization"] = "Negotiate " + base64.b64encode(tok).decode()
            r.register_hook("response", self._response_hook)
        return r

    def _response_hook(self, resp, **kw):
        m = re.search(r"Negotiate\s+([A-Za-z0-9+/=]+)", resp.headers.get("WWW-Authenticate", ""))
        if resp.status_code == 200 and m and not self.ctx.complete:
            self.ctx.step(base64.b64decode(m.group(1)))  # AP-REP: mutual authentication
        if resp.status_code == 200 and not self.ctx.complete:
            raise winrm.exceptions.WinRMError("Kerberos mutual authentication did not complete")
        return resp

    def wrap_winrm(self, host, message):
        from gssapi.raw import IOV, IOVBufferType, wrap_iov
        iov = IOV(IOVBufferType.header, message, IOVBufferType.padding, std_layout=False)
        wrap_iov(self.ctx, iov, confidential=True)
        return iov[1].value + (iov[2].value or b""), iov[0].value

    def unwrap_winrm(self, host, message, header):
        from gssapi.raw import IOV, IOVBufferType, unwrap_iov
        iov = IOV((IOVBufferType.header, False, header), (IOVBufferType.data, False, message), std_layout=False)
        unwrap_iov(self.ctx, iov)
        return iov[1].value


def use_gss_kerberos(password):
    """Makes pywinrm's 'kerberos' transport use GssKerberosAuth.

    pywinrm 0.3.0 reads HTTPKerberosAuth and the mutual-authentication constants from
    requests_kerberos, which is only a recommended package (absent with --no-install-recommends);
    the stand-in ignores the constants, so placeholders do when it is missing.
    """
    GssKerberosAuth.password = password or None
    winrm.transport.HTTPKerberosAuth = GssKerberosAuth
    winrm.transport.HAVE_KERBEROS = True
    for name, value in (("REQUIRED", 1), ("OPTIONAL", 2), ("DISABLED", 3)):
        if not hasattr(winrm.transport, name):
            setattr(winrm.transport, name, value)


# ---------------------------------------------------------------- envelopes
def envelope(to, resource_uri, action, body, selectors=None):
    sel = ""
    if selectors:
        sel = "<w:SelectorSet>" + "".join(
            '<w:Selector Name="%s">%s</w:Selector>' % (escape(k, {'"': "&quot;"}), escape(v))
            for k, v in selectors) + "</w:SelectorSet>"
    return (
        '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" '
        'xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" '
        'xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd" '
        'xmlns:wsmv="http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd">'
        "<s:Header>"
        "<a:To>%s</a:To>" % escape(to)
        + '<w:ResourceURI s:mustUnderstand="true">%s</w:ResourceURI>' % escape(resource_uri)
        + '<a:ReplyTo><a:Address s:mustUnderstand="true">%s</a:Address></a:ReplyTo>' % ANON
        + '<a:Action s:mustUnderstand="true">%s</a:Action>' % escape(action)
        + '<w:MaxEnvelopeSize s:mustUnderstand="true">512000</w:MaxEnvelopeSize>'
        + "<a:MessageID>uuid:%s</a:MessageID>" % str(uuid.uuid4()).upper()
        + '<w:Locale xml:lang="en-US" s:mustUnderstand="false"/>'
        + '<wsmv:DataLocale xml:lang="en-US" s:mustUnderstand="false"/>'
        + "<w:OperationTimeout>PT60S</w:OperationTimeout>"
        + sel
        + "</s:Header><s:Body>%s</s:Body></s:Envelope>" % body)


def wql_escape(s):
    return s.replace("\\", "\\\\").replace("'", "\\'")


class Client:
    def __init__(self, args):
        self.endpoint = args.endpoint
        self.protocol = winrm.protocol.Protocol(
            args.endpoint, transport=args.transport, username=args.user, password=args.password,
            server_cert_validation=args.cert_validation, message_encryption=args.message_encryption,
            read_timeout_sec=90, operation_timeout_sec=60,
            kerberos_hostname_override=args.kerberos_hostname)

    def send(self, xml):
        resp = self.protocol.transport.send_message(xml)
        if isinstance(resp, bytes):
            resp = resp.decode("utf-8")
        return ET.fromstring(resp)

    def enumerate_all(self, query):
        uri = V2 + "*"
        body = ('<n:Enumerate xmlns:n="%s"><w:OptimizeEnumeration/><w:MaxElements>32000</w:MaxElements>'
                "<w:EnumerationMode>EnumerateObjectAndEPR</w:EnumerationMode>"
                '<w:Filter Dialect="%s">%s</w:Filter></n:Enumerate>') % (NS["n"], WQL, escape(query))
        root = self.send(envelope(self.endpoint, uri, A_ENUM, body))
        resp = root.find("s:Body/n:EnumerateResponse", NS)
        items = list(resp.findall("w:Items/w:Item", NS))
        done = resp.find("w:EndOfSequence", NS) is not None or resp.find("n:EndOfSequence", NS) is not None
        ctx = resp.findtext("n:EnumerationContext", None, NS)
        while not done:
            if not ctx:
                raise RuntimeError("enumeration has neither EndOfSequence nor EnumerationContext")
            body = ('<n:Pull xmlns:n="%s"><n:EnumerationContext>%s</n:EnumerationContext>'
                    "<n:MaxElements>32000</n:MaxElements></n:Pull>") % (NS["n"], escape(ctx))
            root = self.send(envelope(self.endpoint, uri, A_PULL, body))
            resp = root.find("s:Body/n:PullResponse", NS)
            items += resp.findall("n:Items/w:Item", NS)
            done = resp.find("n:EndOfSequence", NS) is not None
            ctx = resp.findtext("n:EnumerationContext", ctx, NS)
        return items


def epr_parts(item):
    epr = item.find("a:EndpointReference", NS)
    if epr is None:
        raise RuntimeError("enumeration item without EndpointReference")
    addr = epr.find("a:Address", NS)
    refp = epr.find("a:ReferenceParameters", NS)
    uri = refp.findtext("w:ResourceURI", "", NS)
    sels = [(s.get("Name"), s.text or "") for s in refp.findall("w:SelectorSet/w:Selector", NS)]
    return addr, refp, uri, sels


def serialize_epr_children(addr, refp):
    """Re-serialise a:Address + a:ReferenceParameters using the envelope's a:/w: prefixes."""
    known = {NS["a"]: "a", NS["w"]: "w"}

    def ser(el):
        decl = ""
        if el.tag.startswith("{"):
            uri, local = el.tag[1:].split("}", 1)
            if uri in known:
                tag = "%s:%s" % (known[uri], local)
            else:
                tag, decl = "x:" + local, ' xmlns:x="%s"' % escape(uri, {'"': "&quot;"})
        else:
            tag = el.tag
        attrs = "".join(' %s="%s"' % (k, escape(v, {'"': "&quot;"})) for k, v in el.attrib.items()
                        if not k.startswith("{"))
        inner = escape(el.text or "") + "".join(ser(c) + escape(c.tail or "") for c in el)
        return "<%s%s%s>%s</%s>" % (tag, decl, attrs, inner, tag)

    return ser(addr) + ser(refp)


STATUS_PROPERTIES = ("ElementName", "Name", "ReplicationMode", "ReplicationState", "ReplicationHealth",
                     "EnabledState", "LastReplicationTime", "FailedOverReplicationType")


def status_of(item):
    """What `hvreplica status` reports of a VM, read from its Msvm_ComputerSystem instance."""
    instance = next(el for el in item if not el.tag.endswith("}EndpointReference"))
    status = {}
    for el in instance:
        name = el.tag.rsplit("}", 1)[-1]
        if name in STATUS_PROPERTIES:
            text = "".join(el.itertext()).strip() or None  # a datetime sits in <cim:Datetime>
            status[name] = int(text) if text and text.isdigit() else text
    return status


def revert(c, args, vm, result):
    """Steps 2 to 4 for the VM found in step 1; fills result, returns whether the revert succeeded."""
    vm_addr, vm_refp, _, _ = epr_parts(vm)

    svcs = c.enumerate_all("SELECT * FROM Msvm_ReplicationService")
    if len(svcs) != 1:
        raise RuntimeError("expected one Msvm_ReplicationService, found %d" % len(svcs))
    _, _, svc_uri, svc_sels = epr_parts(svcs[0])
    svc_uri = svc_uri or V2 + "Msvm_ReplicationService"

    p_ns = V2 + "Msvm_ReplicationService"
    body = ('<p:RevertFailover_INPUT xmlns:p="%s"><p:ComputerSystem>%s</p:ComputerSystem>'
            "</p:RevertFailover_INPUT>") % (p_ns, serialize_epr_children(vm_addr, vm_refp))
    root = c.send(envelope(args.endpoint, svc_uri, svc_uri + "/RevertFailover", body, svc_sels))
    out = root.find("s:Body/p:RevertFailover_OUTPUT", dict(NS, p=p_ns))
    if out is None:
        raise RuntimeError("no RevertFailover_OUTPUT in response")
    rv = int(out.findtext("{%s}ReturnValue" % p_ns, "-1"))
    result["returnValue"] = rv
    ok = rv == 0
    if rv == 4096:
        job = out.find("{%s}Job" % p_ns)
        refp = job.find("a:ReferenceParameters", NS)
        job_uri = refp.findtext("w:ResourceURI", "", NS)
        job_sels = [(s.get("Name"), s.text or "") for s in refp.findall("w:SelectorSet/w:Selector", NS)]
        delay, deadline = 0.1, time.monotonic() + args.max_wait
        while True:
            root = c.send(envelope(args.endpoint, job_uri, A_GET, "", job_sels))
            st = None
            for el in root.iter():
                if el.tag.endswith("}JobState"):
                    st = int(el.text)
                    break
            result["jobState"] = st
            if st in (7, 32768):
                ok = True
                break
            if st in (8, 9, 10, 11):
                break
            if time.monotonic() > deadline:
                raise RuntimeError("job did not finish in %.0f s" % args.max_wait)
            time.sleep(delay)
            delay = min(1.0, delay * 2)
    return ok


def main():
    ap = argparse.ArgumentParser(description="pywinrm RevertFailover benchmark peer")
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("--user", required=True)
    ap.add_argument("--password", default="")
    ap.add_argument("--vm", required=True)
    ap.add_argument("--transport", choices=["ntlm", "kerberos"], default="ntlm")
    ap.add_argument("--message-encryption", choices=["always", "auto", "never"], default="always")
    ap.add_argument("--cert-validation", choices=["ignore", "validate"], default="ignore")
    ap.add_argument("--kerberos-hostname", default=None, help="SPN host for --transport kerberos")
    ap.add_argument("--max-wait", type=float, default=600.0, help="seconds to wait for the job")
    ap.add_argument("--status-only", action="store_true",
                    help="only step 1, the VM's WQL lookup, like `hvreplica status --vm NAME`; print its status")
    args = ap.parse_args()

    if args.cert_validation == "ignore":
        # pywinrm merges requests' environment settings, which would re-enable verification
        for v in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
            os.environ.pop(v, None)

    if args.transport == "kerberos":
        use_gss_kerberos(args.password)

    t0 = time.monotonic()
    result = {"returnValue": None, "jobState": None, "requests": 0}
    try:
        c = Client(args)
        vms = c.enumerate_all("SELECT * FROM Msvm_ComputerSystem WHERE ElementName = '%s'" % wql_escape(args.vm))
        if len(vms) != 1:
            raise RuntimeError("expected exactly one VM named %r, found %d" % (args.vm, len(vms)))
        if args.status_only:
            result = {"vm": status_of(vms[0])}
            ok = True
        else:
            ok = revert(c, args, vms[0], result)
    except (winrm.exceptions.WinRMError, winrm.exceptions.WinRMTransportError,
            requests.RequestException, RuntimeError, ET.ParseError, AttributeError, ValueError) as e:
        result["error"] = "%s: %s" % (type(e).__name__, e)
        ok = False
    result["requests"] = HTTP_REQUESTS
    result["seconds"] = round(time.monotonic() - t0, 3)
    print(json.dumps(result), flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
