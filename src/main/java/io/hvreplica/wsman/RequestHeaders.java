package io.hvreplica.wsman;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the WS-Addressing and WS-Management headers of one request, in the set and form that
 * Windows' own client sends (reference: the recorded winrm.exe invoke request).
 */
final class RequestHeaders {
    private RequestHeaders() {
    }

    static List<Element> build(String to, String resourceUri, String action, String messageId,
                               SelectorSet selectors, WsmanOptions options) {
        Document doc = Xml.newDocument();
        List<Element> headers = new ArrayList<>();
        headers.add(text(doc, Namespaces.ADDRESSING, "a:To", to));
        Element resource = text(doc, Namespaces.WSMAN, "w:ResourceURI", resourceUri);
        mustUnderstand(resource, true);
        headers.add(resource);
        Element replyTo = doc.createElementNS(Namespaces.ADDRESSING, "a:ReplyTo");
        Element address = text(doc, Namespaces.ADDRESSING, "a:Address", Namespaces.ANONYMOUS);
        mustUnderstand(address, true);
        replyTo.appendChild(address);
        headers.add(replyTo);
        Element actionEl = text(doc, Namespaces.ADDRESSING, "a:Action", action);
        mustUnderstand(actionEl, true);
        headers.add(actionEl);
        Element size = text(doc, Namespaces.WSMAN, "w:MaxEnvelopeSize", Integer.toString(options.maxEnvelopeSize()));
        mustUnderstand(size, true);
        headers.add(size);
        headers.add(text(doc, Namespaces.ADDRESSING, "a:MessageID", messageId));
        // Locales stay mustUnderstand="false": a host that cannot honour one must not fault.
        Element locale = doc.createElementNS(Namespaces.WSMAN, "w:Locale");
        locale.setAttributeNS("http://www.w3.org/XML/1998/namespace", "xml:lang", options.locale());
        mustUnderstand(locale, false);
        headers.add(locale);
        Element dataLocale = doc.createElementNS(Namespaces.WSMAN_MS, "p:DataLocale");
        dataLocale.setAttributeNS("http://www.w3.org/XML/1998/namespace", "xml:lang", options.locale());
        mustUnderstand(dataLocale, false);
        headers.add(dataLocale);
        headers.add(text(doc, Namespaces.WSMAN, "w:OperationTimeout", duration(options.operationTimeout())));
        if (selectors != null && !selectors.isEmpty()) {
            Element set = doc.createElementNS(Namespaces.WSMAN, "w:SelectorSet");
            selectors.asMap().forEach((name, value) -> {
                Element s = text(doc, Namespaces.WSMAN, "w:Selector", value);
                s.setAttribute("Name", name);
                set.appendChild(s);
            });
            headers.add(set);
        }
        return headers;
    }

    /** xs:duration with milliseconds, as Windows writes it: PT60.000S. */
    static String duration(Duration d) {
        // Not String.format: on every request, and its formatter costs a cold command milliseconds.
        int millis = d.toMillisPart();
        return "PT" + d.getSeconds() + "." + (millis < 100 ? millis < 10 ? "00" : "0" : "") + millis + "S";
    }

    private static Element text(Document doc, String ns, String qname, String value) {
        Element e = doc.createElementNS(ns, qname);
        e.setTextContent(value);
        return e;
    }

    private static void mustUnderstand(Element e, boolean value) {
        e.setAttributeNS(Namespaces.SOAP, "s:mustUnderstand", Boolean.toString(value));
    }
}
