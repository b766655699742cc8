package io.hvreplica.wsman;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Builds the {@code <p:Method_INPUT>} body of a WMI method Invoke: one element per parameter, in
 * the class's namespace. Scalars are text; an array repeats the element; a null is
 * {@code xsi:nil}; a reference (REF) parameter holds the EPR's {@code a:Address} and
 * {@code a:ReferenceParameters} directly, without an EndpointReference wrapper, as Windows expects.
 */
public final class MethodInput {
    private final String classUri;
    private final Element input;

    private MethodInput(String classUri, String method) {
        this.classUri = classUri;
        Document doc = Xml.newDocument();
        this.input = doc.createElementNS(classUri, "p:" + method + "_INPUT");
    }

    /** @param classUri the resource URI of the class that defines the method */
    public static MethodInput of(String classUri, String method) {
        return new MethodInput(classUri, method);
    }

    /** A scalar: string, number (decimal) or boolean ({@code true}/{@code false}). */
    public MethodInput scalar(String name, Object value) {
        if (value == null) {
            Xml.append(input, classUri, "p:" + name).setAttributeNS(Namespaces.XSI, "xsi:nil", "true");
        } else {
            Xml.append(input, classUri, "p:" + name, String.valueOf(value));
        }
        return this;
    }

    /** An array parameter: the element once per value. */
    public MethodInput array(String name, Iterable<?> values) {
        for (Object v : values) {
            scalar(name, v);
        }
        return this;
    }

    /** A reference parameter. */
    public MethodInput reference(String name, EndpointReference epr) {
        epr.writeTo(Xml.append(input, classUri, "p:" + name));
        return this;
    }

    public Element build() {
        return input;
    }
}
