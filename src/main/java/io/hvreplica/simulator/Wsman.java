package io.hvreplica.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingXPath;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import java.util.regex.Pattern;

/**
 * WS-Management URIs and request matchers for the simulated host.
 *
 * <p>Requests may use any prefixes, and WireMock's XPath matching is not namespace-aware, so every
 * matcher works on {@code local-name()} and trimmed text values.
 */
final class Wsman {
    static final String CONTENT_TYPE = "application/soap+xml;charset=UTF-8";

    static final String ENUMERATE = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/Enumerate";
    static final String PULL = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/Pull";
    static final String RELEASE = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/Release";
    static final String GET = "http://schemas.xmlsoap.org/ws/2004/09/transfer/Get";
    static final String IDENTITY_NS = "http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd";

    static final String V2 = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/";
    static final String REPLICATION_SERVICE = V2 + "Msvm_ReplicationService";
    static final String COMPUTER_SYSTEM = V2 + "Msvm_ComputerSystem";
    static final String MANAGEMENT_SERVICE = V2 + "Msvm_VirtualSystemManagementService";
    static final String CONCRETE_JOB = V2 + "Msvm_ConcreteJob";

    private static final String HEADER = "/*[local-name()='Envelope']/*[local-name()='Header']";
    private static final String BODY = "/*[local-name()='Envelope']/*[local-name()='Body']";

    private Wsman() {}

    /** The request's {@code a:Action} is {@code action}; a cheap substring test runs first. */
    static MappingBuilder action(MappingBuilder stub, String action) {
        return stub.withRequestBody(containing(action))
                .withRequestBody(matchingXPath(HEADER + "/*[local-name()='Action']/text()", trimmed(action)));
    }

    /** The request's {@code w:ResourceURI} is {@code uri}. */
    static MappingBuilder resourceUri(MappingBuilder stub, String uri) {
        return stub.withRequestBody(matchingXPath(HEADER + "/*[local-name()='ResourceURI']/text()", trimmed(uri)));
    }

    /** The header selector {@code name} matches {@code valueRegex} (case-insensitive, trimmed). */
    static MappingBuilder headerSelector(MappingBuilder stub, String name, String valueRegex) {
        return stub.withRequestBody(matchingXPath(
                HEADER + "/*[local-name()='SelectorSet']/*[local-name()='Selector'][@Name='" + name + "']/text()",
                matching("(?is)\\s*" + valueRegex + "\\s*")));
    }

    /** The {@code w:Filter} text of an Enumerate matches {@code wqlRegex} (case-insensitive, like WQL). */
    static MappingBuilder filter(MappingBuilder stub, String wqlRegex) {
        return stub.withRequestBody(matchingXPath(
                BODY + "/*[local-name()='Enumerate']/*[local-name()='Filter']/text()",
                matching("(?is)\\s*" + wqlRegex + "\\s*")));
    }

    /** The {@code n:EnumerationContext} of a Pull or Release is {@code context}. */
    static MappingBuilder enumerationContext(MappingBuilder stub, String context) {
        return stub.withRequestBody(matchingXPath(
                BODY + "/*/*[local-name()='EnumerationContext']/text()", trimmed(context)));
    }

    /** The body is a WS-Management Identify request. */
    static MappingBuilder identify(MappingBuilder stub) {
        return stub.withRequestBody(containing(IDENTITY_NS))
                .withRequestBody(matchingXPath(BODY + "/*[local-name()='Identify']"));
    }

    private static StringValuePattern trimmed(String value) {
        return matching("\\s*" + Pattern.quote(value) + "\\s*");
    }
}
