package io.hvreplica.testing;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Namespace-aware XML comparison for tests: element namespace URI and local name, attributes by
 * namespace and local name (namespace declarations ignored), trimmed text; prefixes do not matter.
 * Children of a SOAP {@code Header} may come in any order (SOAP gives their order no meaning);
 * everywhere else the order of child elements counts.
 */
public final class XmlAssert {
    private static final String XMLNS = "http://www.w3.org/2000/xmlns/";
    private static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";

    private XmlAssert() {
    }

    /** Parses with a fresh namespace-aware builder that refuses DTDs. */
    public static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + xml, e);
        }
    }

    public static void assertSameXml(String expected, String actual) {
        List<String> diffs = new ArrayList<>();
        compare(parse(expected).getDocumentElement(), parse(actual).getDocumentElement(), "", diffs);
        if (!diffs.isEmpty()) {
            throw new AssertionError("XML differs:\n  " + String.join("\n  ", diffs) + "\nactual:\n" + actual);
        }
    }

    private static void compare(Element e, Element a, String path, List<String> diffs) {
        String here = path + "/" + name(e);
        if (!Objects.equals(e.getNamespaceURI(), a.getNamespaceURI())
                || !Objects.equals(e.getLocalName(), a.getLocalName())) {
            diffs.add(here + ": expected element " + name(e) + " but found " + name(a));
            return;
        }
        Map<String, String> ea = attributes(e);
        Map<String, String> aa = attributes(a);
        if (!ea.equals(aa)) {
            diffs.add(here + ": attributes expected " + ea + " but were " + aa);
        }
        List<Element> ec = children(e);
        List<Element> ac = children(a);
        if (ec.isEmpty() && ac.isEmpty()) {
            String et = e.getTextContent().trim();
            String at = a.getTextContent().trim();
            if (!et.equals(at)) {
                diffs.add(here + ": text expected '" + et + "' but was '" + at + "'");
            }
            return;
        }
        if (ec.size() != ac.size()) {
            diffs.add(here + ": expected children " + names(ec) + " but found " + names(ac));
        }
        boolean unordered = SOAP.equals(e.getNamespaceURI()) && "Header".equals(e.getLocalName());
        if (unordered) {
            List<Element> remaining = new ArrayList<>(ac);
            for (Element x : ec) {
                Element match = null;
                for (Element y : remaining) {
                    if (Objects.equals(x.getNamespaceURI(), y.getNamespaceURI())
                            && Objects.equals(x.getLocalName(), y.getLocalName())) {
                        match = y;
                        break;
                    }
                }
                if (match == null) {
                    diffs.add(here + ": missing header " + name(x));
                } else {
                    remaining.remove(match);
                    compare(x, match, here, diffs);
                }
            }
            for (Element y : remaining) {
                diffs.add(here + ": unexpected header " + name(y));
            }
            return;
        }
        for (int i = 0; i < Math.min(ec.size(), ac.size()); i++) {
            compare(ec.get(i), ac.get(i), here, diffs);
        }
    }

    private static Map<String, String> attributes(Element e) {
        Map<String, String> m = new TreeMap<>();
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr attr = (Attr) attrs.item(i);
            if (XMLNS.equals(attr.getNamespaceURI())) {
                continue;
            }
            String key = (attr.getNamespaceURI() == null ? "" : "{" + attr.getNamespaceURI() + "}")
                    + (attr.getLocalName() == null ? attr.getName() : attr.getLocalName());
            m.put(key, attr.getValue());
        }
        return m;
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }

    private static List<String> names(List<Element> es) {
        List<String> out = new ArrayList<>();
        es.forEach(x -> out.add(x.getLocalName()));
        return out;
    }

    private static String name(Element e) {
        return "{" + e.getNamespaceURI() + "}" + e.getLocalName();
    }
}
