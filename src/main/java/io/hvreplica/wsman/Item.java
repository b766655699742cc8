package io.hvreplica.wsman;

import org.w3c.dom.Element;

/**
 * One enumerated item: the instance element, its endpoint reference, or both, depending on the
 * enumeration mode.
 */
public record Item(Element instance, EndpointReference reference) {
}
