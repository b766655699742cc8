package io.hvreplica.testing;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * WS-Management requests written by hand, and readers for the answers, for tests that talk to a
 * simulated host on the wire rather than through the client. The prefixes are deliberately not
 * Windows' ones: the host must match on namespaces and local names.
 */
public final class WireMessages {
    public static final String S = "http://www.w3.org/2003/05/soap-envelope";
    public static final String A = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    public static final String W = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    public static final String N = "http://schemas.xmlsoap.org/ws/2004/09/enumeration";
    public static final String F = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault";
    public static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    public static final String V2 = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/";
    public static final String CS = V2 + "Msvm_ComputerSystem";
    public static final String RS = V2 + "Msvm_ReplicationService";
    public static final String JOB = V2 + "Msvm_ConcreteJob";

    private WireMessages() {
    }

    /** A request and the MessageID its answer must relate to (null when it has none). */
    public record Request(String messageId, String xml) {
    }

    /** @param action null for a request without one (which the host must refuse) */
    public static Request envelope(String action, String resourceUri, String selectorSet, String body) {
        String messageId = "uuid:" + UUID.randomUUID().toString().toUpperCase();
        String xml = "<env:Envelope xmlns:env='" + S + "' xmlns:wsa='" + A + "' xmlns:wsman='" + W + "'><env:Header>"
                + "<wsa:To>http://127.0.0.1/wsman</wsa:To>"
                + "<wsman:ResourceURI env:mustUnderstand='true'>" + resourceUri + "</wsman:ResourceURI>"
                + "<wsa:ReplyTo><wsa:Address env:mustUnderstand='true'>" + A + "/role/anonymous</wsa:Address></wsa:ReplyTo>"
                + (action == null ? "" : "<wsa:Action env:mustUnderstand='true'>" + action + "</wsa:Action>")
                + "<wsa:MessageID>" + messageId + "</wsa:MessageID>"
                + "<wsman:MaxEnvelopeSize env:mustUnderstand='true'>512000</wsman:MaxEnvelopeSize>"
                + "<wsman:Locale xml:lang='en-US' env:mustUnderstand='false'/>"
                + "<wsman:OperationTimeout>PT60S</wsman:OperationTimeout>"
                + selectorSet + "</env:Header><env:Body>" + body + "</env:Body></env:Envelope>";
        return new Request(messageId, xml);
    }

    /** A WQL Enumerate on the namespace's {@code *} resource, asking for objects and EPRs. */
    public static Request enumerate(String wql) {
        String escaped = wql.replace("&", "&amp;").replace("<", "&lt;");
        return envelope(N + "/Enumerate", V2 + "*", "", "<en:Enumerate xmlns:en='" + N + "'><wsman:OptimizeEnumeration/>"
                + "<wsman:MaxElements>32000</wsman:MaxElements><wsman:EnumerationMode>EnumerateObjectAndEPR</wsman:EnumerationMode>"
                + "<wsman:Filter Dialect='http://schemas.microsoft.com/wbem/wsman/1/WQL'>" + escaped
                + "</wsman:Filter></en:Enumerate>");
    }

    public static Request invoke(String classUri, String method, Map<String, String> selectors, String parameters) {
        return envelope(classUri + "/" + method, classUri, selectorSet(selectors),
                "<p:" + method + "_INPUT xmlns:p='" + classUri + "' xmlns:xsi='" + XSI + "'>" + parameters
                        + "</p:" + method + "_INPUT>");
    }

    /** A reference parameter: the EPR's children directly inside the parameter element. */
    public static String epr(String parameter, String resourceUri, Map<String, String> selectors) {
        return "<p:" + parameter + "><wsa:Address>" + A + "/role/anonymous</wsa:Address><wsa:ReferenceParameters>"
                + "<wsman:ResourceURI>" + resourceUri + "</wsman:ResourceURI>" + selectorSet(selectors)
                + "</wsa:ReferenceParameters></p:" + parameter + ">";
    }

    /** A reference to the VM with this GUID. */
    public static String vmRef(String parameter, String guid) {
        Map<String, String> vm = new LinkedHashMap<>();
        vm.put("CreationClassName", "Msvm_ComputerSystem");
        vm.put("Name", guid);
        return epr(parameter, CS, vm);
    }

    public static String selectorSet(Map<String, String> selectors) {
        StringBuilder xml = new StringBuilder("<wsman:SelectorSet>");
        selectors.forEach((name, value) ->
                xml.append("<wsman:Selector Name='").append(name).append("'>").append(value).append("</wsman:Selector>"));
        return xml.append("</wsman:SelectorSet>").toString();
    }

    /** Parses an answer the way the client does: namespace-aware, no DTD, no entity expansion. */
    public static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    public static List<Element> all(Element scope, String ns, String localName) {
        NodeList nodes = scope.getElementsByTagNameNS(ns, localName);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    public static Element one(Document doc, String ns, String localName) {
        return one(doc.getDocumentElement(), ns, localName);
    }

    public static Element one(Element scope, String ns, String localName) {
        List<Element> found = all(scope, ns, localName);
        assertEquals(1, found.size(), "exactly one {" + ns + "}" + localName);
        return found.get(0);
    }

    public static String text(Document doc, String ns, String localName) {
        return one(doc, ns, localName).getTextContent();
    }

    public static String text(Element scope, String ns, String localName) {
        return one(scope, ns, localName).getTextContent();
    }

    /** The selectors of the EPRs below {@code scope}, by name. */
    public static Map<String, String> selectors(Element scope) {
        Map<String, String> selectors = new LinkedHashMap<>();
        for (Element selector : all(scope, W, "Selector")) {
            selectors.put(selector.getAttribute("Name"), selector.getTextContent());
        }
        return selectors;
    }
}
