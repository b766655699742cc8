package io.hvreplica.wsman;

import org.w3c.dom.Element;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a SOAP 1.2 fault as Windows writes it, by namespace and local name only. */
final class FaultParser {
    private FaultParser() {
    }

    /** Reads an {@code s:Fault} element. */
    static WsmanFaultException.Fault parse(Element fault) {
        Element code = Xml.child(fault, Namespaces.SOAP, "Code");
        String codeValue = null;
        String subcode = null;
        String subcodeNs = null;
        if (code != null) {
            Element value = Xml.child(code, Namespaces.SOAP, "Value");
            codeValue = value == null ? null : localPart(value.getTextContent());
            Element sub = Xml.child(code, Namespaces.SOAP, "Subcode");
            Element subValue = sub == null ? null : Xml.child(sub, Namespaces.SOAP, "Value");
            if (subValue != null) {
                String qname = subValue.getTextContent().trim();
                subcode = localPart(qname);
                int colon = qname.indexOf(':');
                subcodeNs = subValue.lookupNamespaceURI(colon > 0 ? qname.substring(0, colon) : null);
            }
        }
        Element reasonEl = Xml.child(fault, Namespaces.SOAP, "Reason");
        String reason = reasonEl == null ? null : Xml.childText(reasonEl, Namespaces.SOAP, "Text");
        Element detail = Xml.child(fault, Namespaces.SOAP, "Detail");
        String faultDetail = null;
        Long wsmanCode = null;
        String machine = null;
        String message = null;
        String provider = null;
        String providerPath = null;
        String providerMessage = null;
        Map<String, String> details = new LinkedHashMap<>();
        if (detail != null) {
            faultDetail = Xml.childText(detail, Namespaces.WSMAN, "FaultDetail");
            Element wsmanFault = Xml.child(detail, Namespaces.WSMAN_FAULT, "WSManFault");
            if (wsmanFault != null) {
                wsmanCode = parseCode(wsmanFault.getAttribute("Code"));
                machine = emptyToNull(wsmanFault.getAttribute("Machine"));
                Element msg = Xml.child(wsmanFault, Namespaces.WSMAN_FAULT, "Message");
                if (msg != null) {
                    Element pf = Xml.child(msg, Namespaces.WSMAN_FAULT, "ProviderFault");
                    message = pf == null ? emptyToNull(msg.getTextContent().trim()) : null;
                    if (pf != null) {
                        provider = emptyToNull(pf.getAttribute("provider"));
                        providerPath = emptyToNull(pf.getAttribute("path"));
                        Element inner = Xml.child(pf, Namespaces.WSMAN_FAULT, "WSManFault");
                        Element innerMsg = inner == null ? null : Xml.child(inner, Namespaces.WSMAN_FAULT, "Message");
                        providerMessage = innerMsg != null ? emptyToNull(innerMsg.getTextContent().trim())
                                : ownText(pf);
                        Element extended = Xml.child(pf, Namespaces.WSMAN_FAULT, "ExtendedError");
                        if (extended != null) {
                            Xml.elements(extended).forEach(status -> properties(status, details));
                        }
                    }
                }
            }
            for (Element e : Xml.elements(detail)) {
                if ("MSFT_WmiError".equals(e.getLocalName())) {
                    properties(e, details);
                    if (message == null) {
                        message = details.get("Message");
                    }
                }
            }
        }
        return new WsmanFaultException.Fault(codeValue, subcode, subcodeNs, reason, faultDetail, wsmanCode, machine,
                message, provider, providerPath, providerMessage, Map.copyOf(details));
    }

    private static void properties(Element instance, Map<String, String> into) {
        for (Element p : Xml.elements(instance)) {
            if (!Xml.isNil(p)) {
                String text = p.getTextContent().trim();
                if (!text.isEmpty()) {
                    into.put(p.getLocalName(), text);
                }
            }
        }
    }

    // Text directly inside an element, ignoring nested elements.
    private static String ownText(Element e) {
        StringBuilder s = new StringBuilder();
        for (org.w3c.dom.Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == org.w3c.dom.Node.TEXT_NODE || n.getNodeType() == org.w3c.dom.Node.CDATA_SECTION_NODE) {
                s.append(n.getNodeValue());
            }
        }
        return emptyToNull(s.toString().trim());
    }

    private static Long parseCode(String code) {
        try {
            return code == null || code.isBlank() ? null : Long.parseLong(code.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String localPart(String qname) {
        String t = qname.trim();
        int colon = t.indexOf(':');
        return colon >= 0 ? t.substring(colon + 1) : t;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
