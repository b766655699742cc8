#!/usr/bin/python3
"""Tiny fake Hyper-V WS-Man backend used only by the peer's self tests.

Plain HTTP, optional Basic auth. Understands just enough of the RevertFailover
sequence: WQL Enumerate of Msvm_ComputerSystem (answered optimized, with
EndOfSequence), WQL Enumerate of Msvm_ReplicationService (answered with a context
only, so a Pull is needed), RevertFailover (job 4096) and Get of the job
(JobState 4 once, then 7). A body containing FAULT-ME gets a 500 SOAP fault.

Run standalone:  /usr/bin/python3 selftest_fakebackend.py [--port 0] [--user U --password P]
prints "READY <port>".
"""

import argparse
import base64
import http.server
import sys
import threading
import xml.etree.ElementTree as ET

NS = {
    "s": "http://www.w3.org/2003/05/soap-envelope",
    "a": "http://schemas.xmlsoap.org/ws/2004/08/addressing",
    "w": "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd",
    "n": "http://schemas.xmlsoap.org/ws/2004/09/enumeration",
}
V2 = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/"
VM_GUID = "9A3F0C2E-6D41-4B7C-8E55-0C1D2B3A4F56"
JOB_ID = "C4A7E0B2-3F19-4D6E-A2B8-57D0E1F29A3C"

ENV_HEAD = ('<s:Envelope xml:lang="en-US" xmlns:s="http://www.w3.org/2003/05/soap-envelope" '
            'xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" '
            'xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd" '
            'xmlns:n="http://schemas.xmlsoap.org/ws/2004/09/enumeration">'
            '<s:Header><a:Action>{action}</a:Action><a:MessageID>uuid:00000000-0000-0000-0000-{seq:012d}</a:MessageID>'
            '<a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To>'
            '<a:RelatesTo>{rel}</a:RelatesTo></s:Header><s:Body>')
ENV_TAIL = "</s:Body></s:Envelope>"

VM_ITEM = ('<w:Item><p:Msvm_ComputerSystem xmlns:p="' + V2 + 'Msvm_ComputerSystem">'
           '<p:CreationClassName>Msvm_ComputerSystem</p:CreationClassName><p:ElementName>{name}</p:ElementName>'
           '<p:EnabledState>3</p:EnabledState><p:Name>' + VM_GUID + '</p:Name><p:ReplicationState>5</p:ReplicationState>'
           '</p:Msvm_ComputerSystem><a:EndpointReference>'
           '<a:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address>'
           '<a:ReferenceParameters><w:ResourceURI>' + V2 + 'Msvm_ComputerSystem</w:ResourceURI><w:SelectorSet>'
           '<w:Selector Name="CreationClassName">Msvm_ComputerSystem</w:Selector>'
           '<w:Selector Name="Name">' + VM_GUID + '</w:Selector></w:SelectorSet></a:ReferenceParameters>'
           '</a:EndpointReference></w:Item>')
SVC_ITEM = ('<w:Item><p:Msvm_ReplicationService xmlns:p="' + V2 + 'Msvm_ReplicationService">'
            '<p:CreationClassName>Msvm_ReplicationService</p:CreationClassName><p:Name>vmms</p:Name>'
            '<p:SystemCreationClassName>Msvm_ComputerSystem</p:SystemCreationClassName><p:SystemName>HV01</p:SystemName>'
            '</p:Msvm_ReplicationService><a:EndpointReference>'
            '<a:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address>'
            '<a:ReferenceParameters><w:ResourceURI>' + V2 + 'Msvm_ReplicationService</w:ResourceURI><w:SelectorSet>'
            '<w:Selector Name="CreationClassName">Msvm_ReplicationService</w:Selector>'
            '<w:Selector Name="Name">vmms</w:Selector>'
            '<w:Selector Name="SystemCreationClassName">Msvm_ComputerSystem</w:Selector>'
            '<w:Selector Name="SystemName">HV01</w:Selector></w:SelectorSet></a:ReferenceParameters>'
            '</a:EndpointReference></w:Item>')
FAULT = ('<s:Fault><s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>w:InvalidSelectors</s:Value></s:Subcode>'
         '</s:Code><s:Reason><s:Text xml:lang="en-US">The WS-Management service cannot process the request '
         'because the request contained invalid selectors for the resource.</s:Text></s:Reason>'
         '<s:Detail><f:WSManFault xmlns:f="http://schemas.microsoft.com/wbem/wsman/1/wsmanfault" Code="2150858843" '
         'Machine="HV01"><f:Message>FAKE FAULT</f:Message></f:WSManFault></s:Detail></s:Fault>')


class Backend(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port=0, user=None, password=None, vm="app-vm-01"):
        super().__init__(("127.0.0.1", port), _H)
        self.user, self.password, self.vm = user, password, vm
        self.lock = threading.Lock()
        self.seq = 0
        self.job_gets = 0
        self.log = []  # (action, status)

    def start(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    @property
    def url(self):
        return "http://127.0.0.1:%d/wsman" % self.server_address[1]


class _H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def send(self, code, body):
        b = body.encode()
        head = ("HTTP/1.1 %d X\r\nContent-Type: application/soap+xml;charset=UTF-8\r\n"
                "Content-Length: %d\r\n\r\n" % (code, len(b))).encode()
        self.wfile.write(head + b)  # one send: avoids Nagle/delayed-ACK stalls

    def do_POST(self):
        srv = self.server
        data = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if srv.user is not None:
            exp = "Basic " + base64.b64encode(("%s:%s" % (srv.user, srv.password)).encode()).decode()
            if self.headers.get("Authorization") != exp:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="fake"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
        if not self.headers.get("Content-Type", "").startswith("application/soap+xml"):
            self.send(415, "")
            return
        root = ET.fromstring(data)
        action = root.findtext("s:Header/a:Action", "", NS)
        rel = root.findtext("s:Header/a:MessageID", "", NS)
        with srv.lock:
            srv.seq += 1
            seq = srv.seq
        head = lambda act: ENV_HEAD.format(action=act, seq=seq, rel=rel)
        code, body = 200, None
        if b"FAULT-ME" in data:
            code, body = 500, head("http://schemas.dmtf.org/wbem/wsman/1/wsman/fault") + FAULT + ENV_TAIL
        elif action.endswith("/enumeration/Enumerate"):
            flt = root.findtext(".//w:Filter", "", NS)
            if "Msvm_ComputerSystem" in flt:
                items = VM_ITEM.format(name=srv.vm) if ("'%s'" % srv.vm) in flt else ""
                body = (head("http://schemas.xmlsoap.org/ws/2004/09/enumeration/EnumerateResponse")
                        + "<n:EnumerateResponse><n:EnumerationContext>uuid:ctx-vm</n:EnumerationContext>"
                        + "<w:Items>" + items + "</w:Items><w:EndOfSequence/></n:EnumerateResponse>" + ENV_TAIL)
            else:  # replication service: context only, forces a Pull
                body = (head("http://schemas.xmlsoap.org/ws/2004/09/enumeration/EnumerateResponse")
                        + "<n:EnumerateResponse><n:EnumerationContext>uuid:ctx-svc</n:EnumerationContext>"
                        + "<w:Items></w:Items></n:EnumerateResponse>" + ENV_TAIL)
        elif action.endswith("/enumeration/Pull"):
            body = (head("http://schemas.xmlsoap.org/ws/2004/09/enumeration/PullResponse")
                    + "<n:PullResponse><n:Items>" + SVC_ITEM + "</n:Items><n:EndOfSequence/></n:PullResponse>"
                    + ENV_TAIL)
        elif action.endswith("Msvm_ReplicationService/RevertFailover"):
            ok = VM_GUID.encode() in data and b"HV01" in data
            rv = "4096" if ok else "32773"
            body = (head(action + "Response")
                    + '<p:RevertFailover_OUTPUT xmlns:p="' + V2 + 'Msvm_ReplicationService"><p:Job>'
                    + '<a:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address>'
                    + '<a:ReferenceParameters><w:ResourceURI>' + V2 + 'Msvm_ConcreteJob</w:ResourceURI>'
                    + '<w:SelectorSet><w:Selector Name="InstanceID">' + JOB_ID + '</w:Selector>'
                    + '<w:Selector Name="__cimnamespace">root/virtualization/v2</w:Selector></w:SelectorSet>'
                    + '</a:ReferenceParameters></p:Job><p:ReturnValue>' + rv + '</p:ReturnValue>'
                    + '</p:RevertFailover_OUTPUT>' + ENV_TAIL)
        elif action.endswith("/transfer/Get"):
            with srv.lock:
                srv.job_gets += 1
                state = "4" if srv.job_gets == 1 else "7"
            body = (head("http://schemas.xmlsoap.org/ws/2004/09/transfer/GetResponse")
                    + '<p:Msvm_ConcreteJob xmlns:p="' + V2 + 'Msvm_ConcreteJob"><p:ErrorCode>0</p:ErrorCode>'
                    + '<p:InstanceID>' + JOB_ID + '</p:InstanceID><p:JobState>' + state + '</p:JobState>'
                    + '</p:Msvm_ConcreteJob>' + ENV_TAIL)
        else:
            code, body = 500, head("http://schemas.dmtf.org/wbem/wsman/1/wsman/fault") + FAULT + ENV_TAIL
        srv.log.append((action, code))
        self.send(code, body)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--user")
    ap.add_argument("--password")
    ap.add_argument("--vm", default="app-vm-01")
    a = ap.parse_args()
    b = Backend(a.port, a.user, a.password, a.vm)
    print("READY %d" % b.server_address[1], flush=True)
    b.serve_forever()
