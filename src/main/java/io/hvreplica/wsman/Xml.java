package io.hvreplica.wsman;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.util.ArrayList;
import java.util.List;

/**
 * Namespace-aware DOM helpers. Every parser made here refuses DTDs and external entities: a WinRM
 * host never sends them (SOAP forbids a DTD), and a hostile one must not make us read local files.
 */
public final class Xml {
    private static final DocumentBuilderFactory FACTORY = secureFactory();
    // A parser is costly to make (its configuration and security manager), and every request
    // builds documents; one per thread is reused, since a DocumentBuilder is not thread-safe.
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(Xml::newBuilder);

    private Xml() {
    }

    private static DocumentBuilderFactory secureFactory() {
        // The JDK's own parser, whatever the class path holds: it is the one whose hardening below
        // is known to hold, and asking for it skips the service look-up through every jar.
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        f.setNamespaceAware(true);
        f.setExpandEntityReferences(false);
        f.setXIncludeAware(false);
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser cannot be hardened: " + e.getMessage(), e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return f;
    }

    /** This thread's parser, reset to its hardened configuration; use it before the next call. */
    public static DocumentBuilder builder() {
        DocumentBuilder b = BUILDER.get();
        b.reset();
        return b;
    }

    private static DocumentBuilder newBuilder() {
        try {
            return FACTORY.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Document newDocument() {
        return BUILDER.get().newDocument();
    }

    /** The first child element with this namespace and local name, or null. */
    public static Element child(Element parent, String ns, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    /** All child elements with this namespace and local name. */
    public static List<Element> children(Element parent, String ns, String local) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                out.add(e);
            }
        }
        return out;
    }

    /** All child elements. */
    public static List<Element> elements(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    /** The first descendant (depth first) with this namespace and local name, or null. */
    public static Element descendant(Element root, String ns, String local) {
        for (Element e : elements(root)) {
            if (local.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                return e;
            }
            Element deeper = descendant(e, ns, local);
            if (deeper != null) {
                return deeper;
            }
        }
        return null;
    }

    /** Trimmed text of a child element, or null when absent or xsi:nil. */
    public static String childText(Element parent, String ns, String local) {
        Element e = child(parent, ns, local);
        return e == null || isNil(e) ? null : e.getTextContent().trim();
    }

    public static boolean isNil(Element e) {
        return "true".equals(e.getAttributeNS(Namespaces.XSI, "nil"));
    }

    /** A new element in {@code ns}, with the given prefix, appended to {@code parent}. */
    public static Element append(Element parent, String ns, String qualifiedName) {
        Element e = parent.getOwnerDocument().createElementNS(ns, qualifiedName);
        parent.appendChild(e);
        return e;
    }

    public static Element append(Element parent, String ns, String qualifiedName, String text) {
        Element e = append(parent, ns, qualifiedName);
        e.setTextContent(text);
        return e;
    }
}
