package io.hvreplica.wsman;

import org.w3c.dom.Element;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A WS-Addressing endpoint reference to a WMI instance: address, resource URI and selectors.
 * WMI serialises references (method parameters, job references, enumeration EPRs) as the
 * {@code a:Address} and {@code a:ReferenceParameters} children of some element; this reads and
 * writes that form, namespace-aware, and passes resource URI and selectors through unchanged.
 */
public record EndpointReference(String address, String resourceUri, SelectorSet selectors) {

    /**
     * Reads the EPR held by {@code container} (an {@code a:EndpointReference}, or a reference
     * parameter/property such as {@code p:Job}).
     *
     * @throws WsmanProtocolException when the reference lacks a resource URI
     */
    public static EndpointReference parse(Element container) {
        String address = Xml.childText(container, Namespaces.ADDRESSING, "Address");
        Element params = Xml.child(container, Namespaces.ADDRESSING, "ReferenceParameters");
        if (params == null) {
            // Some stacks use the older ReferenceProperties container.
            params = Xml.child(container, Namespaces.ADDRESSING, "ReferenceProperties");
        }
        String resourceUri = params == null ? null : Xml.childText(params, Namespaces.WSMAN, "ResourceURI");
        if (resourceUri == null || resourceUri.isEmpty()) {
            throw new WsmanProtocolException("the host returned a reference (" + container.getLocalName()
                    + ") without a ResourceURI");
        }
        Map<String, String> selectors = new LinkedHashMap<>();
        Element set = Xml.child(params, Namespaces.WSMAN, "SelectorSet");
        if (set != null) {
            for (Element s : Xml.children(set, Namespaces.WSMAN, "Selector")) {
                selectors.put(s.getAttribute("Name"), s.getTextContent().trim());
            }
        }
        return new EndpointReference(address == null ? Namespaces.ANONYMOUS : address, resourceUri,
                SelectorSet.of(selectors));
    }

    /** Writes {@code a:Address} and {@code a:ReferenceParameters} into {@code container}. */
    public void writeTo(Element container) {
        Xml.append(container, Namespaces.ADDRESSING, "a:Address", address);
        Element params = Xml.append(container, Namespaces.ADDRESSING, "a:ReferenceParameters");
        Xml.append(params, Namespaces.WSMAN, "w:ResourceURI", resourceUri);
        if (!selectors.isEmpty()) {
            Element set = Xml.append(params, Namespaces.WSMAN, "w:SelectorSet");
            selectors.asMap().forEach((name, value) ->
                    Xml.append(set, Namespaces.WSMAN, "w:Selector", value).setAttribute("Name", name));
        }
    }
}
