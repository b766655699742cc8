package io.hvreplica.record;

import io.hvreplica.wsman.Xml;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.xml.sax.InputSource;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What identifies a recorded request, as WireMock {@code matchesXPath} expressions: the
 * WS-Addressing Action, the ResourceURI, the selectors and options, and every leaf of the body
 * (the WQL filter, an enumeration context, the method's parameters) with its value. MessageID,
 * To, timeouts and locales are left out, because they change from run to run or from host to
 * replay host. Two counts pin the structure, so that a request with one selector more than a
 * recorded one does not match it.
 */
final class RequestMatch {
    private static final String ENVELOPE = "/*[local-name()='Envelope']";
    private static final Set<String> HEADER_KEYS = Set.of("Action", "ResourceURI");
    private static final Set<String> HEADER_SETS = Set.of("SelectorSet", "OptionSet");
    // An EPR's Address names the endpoint the client was given (the real host or the replay host),
    // not which instance it means; the selectors beside it do.
    private static final Set<String> BODY_SKIPPED = Set.of("Address");

    private static final Pattern FROM = Pattern.compile("\\bFROM\\s+(\\w+)", Pattern.CASE_INSENSITIVE);

    /** A short name for the files: the action and the class, e.g. Get-Msvm_ConcreteJob. */
    final String label;
    final List<String> xpaths;

    private RequestMatch(String label, List<String> xpaths) {
        this.label = label;
        this.xpaths = xpaths;
    }

    private static String last(String uri) {
        String u = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        String s = u.substring(u.lastIndexOf('/') + 1);
        return s.length() > 60 ? s.substring(0, 60) : s;
    }

    /** The key that makes two requests the same request. */
    String key() {
        return String.join("\n", xpaths);
    }

    static Document parse(String xml) {
        try {
            return Xml.builder().parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            return null;
        }
    }

    static RequestMatch of(String requestXml) {
        Document doc = parse(requestXml);
        if (doc == null) {
            return new RequestMatch("request", List.of());
        }
        Element envelope = doc.getDocumentElement();
        Element header = child(envelope, "Header");
        Element body = child(envelope, "Body");
        List<String> xpaths = new ArrayList<>();
        String action = null;
        String resourceUri = null;
        int setMembers = 0;
        if (header != null) {
            for (Element h : Xml.elements(header)) {
                String name = h.getLocalName();
                if (HEADER_KEYS.contains(name)) {
                    String text = h.getTextContent().trim();
                    if (name.equals("Action")) {
                        action = text;
                    } else {
                        resourceUri = text;
                    }
                    xpaths.add(ENVELOPE + step("Header") + step(name) + "[normalize-space(.)=" + literal(text) + "]");
                } else if (HEADER_SETS.contains(name)) {
                    for (Element member : Xml.elements(h)) {
                        setMembers++;
                        xpaths.add(ENVELOPE + step("Header") + step(name) + step(member.getLocalName())
                                + named(member) + "[.=" + literal(member.getTextContent()) + "]");
                    }
                }
            }
        }
        int leaves = 0;
        if (body != null) {
            List<String> bodyPaths = new ArrayList<>();
            leaves = leaves(body, ENVELOPE + step("Body"), bodyPaths);
            xpaths.addAll(bodyPaths);
        }
        xpaths.add(ENVELOPE + "[count(" + step("Header").substring(1) + "/*[local-name()='SelectorSet' or"
                + " local-name()='OptionSet']/*)=" + setMembers + "][count(" + step("Body").substring(1)
                + "//*[not(*)])=" + leaves + "]");
        String label = action != null ? last(action) : body != null && !Xml.elements(body).isEmpty()
                ? Xml.elements(body).get(0).getLocalName() : "request";
        Matcher wql = FROM.matcher(body == null ? "" : body.getTextContent());
        if (wql.find()) {
            label += "-" + wql.group(1);
        } else if (resourceUri != null && !resourceUri.endsWith("*")) {
            label += "-" + last(resourceUri);
        }
        return new RequestMatch(label.replaceAll("[^A-Za-z0-9_-]", "_"), List.copyOf(xpaths));
    }

    private static int leaves(Element e, String path, List<String> out) {
        List<Element> children = Xml.elements(e);
        int count = 0;
        for (Element c : children) {
            String p = path + step(c.getLocalName()) + named(c);
            if (Xml.elements(c).isEmpty()) {
                count++;
                if (BODY_SKIPPED.contains(c.getLocalName())) {
                    continue;
                }
                out.add(p + attributes(c) + "[.=" + literal(c.getTextContent()) + "]");
            } else {
                count += leaves(c, p, out);
            }
        }
        return count;
    }

    /** A leaf's attributes (a filter's Dialect, xsi:nil), but not namespace declarations or the Name already matched. */
    private static String attributes(Element e) {
        StringBuilder s = new StringBuilder();
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            String local = a.getLocalName() == null ? a.getName() : a.getLocalName();
            if ("http://www.w3.org/2000/xmlns/".equals(a.getNamespaceURI()) || "Name".equals(a.getName())) {
                continue;
            }
            s.append("[@*[local-name()=").append(literal(local)).append("]=").append(literal(a.getValue())).append(']');
        }
        return s.toString();
    }

    private static String named(Element e) {
        return e.hasAttribute("Name") ? "[@Name=" + literal(e.getAttribute("Name")) + "]" : "";
    }

    private static String step(String localName) {
        return "/*[local-name()='" + localName + "']";
    }

    private static Element child(Element parent, String localName) {
        for (Element e : Xml.elements(parent)) {
            if (localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    /** An XPath 1.0 string literal; XPath has no escapes, so a value with both quotes becomes concat(). */
    static String literal(String v) {
        if (v.indexOf('\'') < 0) {
            return "'" + v + "'";
        }
        if (v.indexOf('"') < 0) {
            return "\"" + v + "\"";
        }
        StringBuilder s = new StringBuilder("concat(");
        String[] parts = v.split("'", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                s.append(",\"'\",");
            }
            s.append('\'').append(parts[i]).append('\'');
        }
        return s.append(')').toString();
    }
}
