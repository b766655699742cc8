package io.hvreplica.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.notMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Registers the host's stubs, the routing layer: authentication, Identify, enumeration, the Invokes,
 * job Gets and the fallbacks. Answers that depend on the host's state come from the
 * {@link ModelTransformer}, named by the stubs that route to it.
 *
 * <p>Priorities: authentication outranks everything; the catalog uses WireMock's default priority
 * (5), so stubs that tests add later at the default priority (or higher, e.g. 3) win over it;
 * fallbacks come last.
 */
final class Recordings {
    static final int PRIORITY_AUDITOR = 1;
    static final int PRIORITY_CHALLENGE = 2;
    static final int PRIORITY_CATALOG = 5;
    static final int PRIORITY_UNKNOWN = 6;
    static final int PRIORITY_MALFORMED = 7;
    static final int PRIORITY_CATCH_ALL = 9;
    static final int PRIORITY_NOT_WSMAN = 10;

    static final String LAST_REPLICATION_TIME = "2025-03-18T09:12:44.5061220Z";

    /** The Msvm_ReplicationService methods the host simulates. */
    static final List<String> REPLICATION_METHODS = List.of("RevertFailover", "InitiateFailover", "CommitFailover",
            "TestReplicaSystem", "ReverseReplicationRelationship");
    /** The Msvm_ComputerSystem methods the host simulates. */
    static final List<String> COMPUTER_SYSTEM_METHODS = List.of("RequestStateChange", "RequestReplicationStateChange");

    private static final String PATH = "/wsman";
    /**
     * Not part of WinRM: a POST here (on the plain WireMock port only, never through the Negotiate
     * front) puts the host back as it started, so a benchmark can reuse a running host.
     */
    static final String RESET_PATH = "/simulator/reset";

    private final WireMockServer server;
    private final Templates templates;
    private final String hostName;

    Recordings(WireMockServer server, Templates templates, String hostName) {
        this.server = server;
        this.templates = templates;
        this.hostName = hostName;
    }

    void registerAll() {
        authentication();
        server.stubFor(Wsman.identify(wsman()).atPriority(PRIORITY_CATALOG).willReturn(soap(200, "identify-response", Map.of())));
        enumerations();
        invokes();
        jobs();
        server.stubFor(post(urlPathEqualTo(RESET_PATH)).atPriority(PRIORITY_CATALOG)
                .willReturn(model(ModelTransformer.OP_RESET)));
        fallbacks();
    }

    private void authentication() {
        server.stubFor(any(urlPathEqualTo(PATH)).atPriority(PRIORITY_AUDITOR)
                .withHeader("Authorization", matching(basic(SimulatedHost.READONLY_USER, SimulatedHost.READONLY_PASSWORD)))
                .willReturn(soap(500, "fault-access-denied", host())));
        // notMatching also matches a missing header.
        server.stubFor(any(urlPathEqualTo(PATH)).atPriority(PRIORITY_CHALLENGE)
                .withHeader("Authorization", notMatching(basic(SimulatedHost.USER, SimulatedHost.PASSWORD)))
                .willReturn(aResponse().withStatus(401)
                        .withHeader("Server", "Microsoft-HTTPAPI/2.0")
                        .withHeader("WWW-Authenticate", "Negotiate", "Basic realm=\"WSMAN\"")));
    }

    private void enumerations() {
        // The model evaluates the WHERE clause; a class it does not simulate falls to CannotProcessFilter.
        for (String modelled : List.of("Msvm_ComputerSystem", "Msvm_VirtualSystemSettingData", "Msvm_ConcreteJob")) {
            server.stubFor(enumerate(PRIORITY_CATALOG, "SELECT\\s.*\\sFROM\\s+" + modelled + "(?:\\s.*)?")
                    .willReturn(model(ModelTransformer.OP_ENUMERATE)));
        }
        server.stubFor(enumerate(PRIORITY_CATALOG, "SELECT\\s+\\*\\s+FROM\\s+Msvm_VirtualSystemManagementService")
                .willReturn(soap(200, "enumerate-management-service-response", host())));
        replicationService();
        server.stubFor(Wsman.action(wsman(), Wsman.ENUMERATE).atPriority(PRIORITY_MALFORMED)
                .willReturn(soap(500, "fault-cannot-process-filter", host())));
    }

    /** Deliberately not optimized: the client has to Pull the service, then may Release. */
    private void replicationService() {
        String context = HostCatalog.SERVICE_ENUMERATION_CONTEXT;
        server.stubFor(enumerate(PRIORITY_CATALOG, "SELECT\\s+\\*\\s+FROM\\s+Msvm_ReplicationService")
                .willReturn(soap(200, "enumerate-context-response", Map.of("context", context))));
        server.stubFor(Wsman.enumerationContext(Wsman.action(wsman(), Wsman.PULL), context).atPriority(PRIORITY_CATALOG)
                .willReturn(soap(200, "pull-service-response", host())));
        server.stubFor(Wsman.action(wsman(), Wsman.PULL).atPriority(PRIORITY_UNKNOWN)
                .willReturn(soap(500, "fault-invalid-enumeration-context", host())));
        server.stubFor(Wsman.action(wsman(), Wsman.RELEASE).atPriority(PRIORITY_CATALOG)
                .willReturn(soap(200, "release-response", Map.of())));
    }

    /**
     * Service methods need the service's SystemName selector to name this host (else InvalidSelectors,
     * as when WMI cannot map the selectors to an instance); VM methods are addressed by the VM's
     * selectors, which the model checks.
     */
    private void invokes() {
        String hostName = Pattern.quote(this.hostName);
        List<String> serviceActions = new ArrayList<>();
        REPLICATION_METHODS.forEach(m -> serviceActions.add(Wsman.REPLICATION_SERVICE + "/" + m));
        serviceActions.add(Wsman.MANAGEMENT_SERVICE + "/DestroySystem");
        for (String action : serviceActions) {
            MappingBuilder invoke = Wsman.action(wsman(), action);
            server.stubFor(Wsman.headerSelector(invoke, "SystemName", hostName).atPriority(PRIORITY_CATALOG)
                    .willReturn(model(ModelTransformer.OP_INVOKE)));
            server.stubFor(Wsman.headerSelector(Wsman.action(wsman(), action), "SystemName", ".*")
                    .atPriority(PRIORITY_MALFORMED).willReturn(invalidSelectors("InvalidValue")));
            server.stubFor(Wsman.action(wsman(), action).atPriority(PRIORITY_MALFORMED + 1)
                    .willReturn(invalidSelectors("InsufficientSelectors")));
        }
        for (String method : COMPUTER_SYSTEM_METHODS) {
            server.stubFor(Wsman.resourceUri(Wsman.action(wsman(), Wsman.COMPUTER_SYSTEM + "/" + method), Wsman.COMPUTER_SYSTEM)
                    .atPriority(PRIORITY_CATALOG).willReturn(model(ModelTransformer.OP_INVOKE)));
        }
    }

    private void jobs() {
        server.stubFor(Wsman.resourceUri(Wsman.action(wsman(), Wsman.GET), Wsman.CONCRETE_JOB)
                .atPriority(PRIORITY_CATALOG).willReturn(model(ModelTransformer.OP_GET_JOB)));
        server.stubFor(Wsman.action(wsman(), Wsman.GET).atPriority(PRIORITY_UNKNOWN + 1)
                .willReturn(invalidSelectors("UnexpectedSelectors")));
    }

    private void fallbacks() {
        server.stubFor(wsman().atPriority(PRIORITY_CATCH_ALL)
                .willReturn(soap(500, "fault-action-not-supported", host())));
        server.stubFor(any(anyUrl()).atPriority(PRIORITY_NOT_WSMAN)
                .willReturn(aResponse().withStatus(404).withHeader("Server", "Microsoft-HTTPAPI/2.0")));
    }

    private MappingBuilder enumerate(int priority, String wqlRegex) {
        return Wsman.filter(Wsman.action(wsman(), Wsman.ENUMERATE), wqlRegex).atPriority(priority);
    }

    /** Routes to the {@link ModelTransformer}; the body is its to choose. */
    private static ResponseDefinitionBuilder model(String op) {
        return aResponse().withTransformers(ModelTransformer.NAME).withTransformerParameter("op", op);
    }

    private ResponseDefinitionBuilder invalidSelectors(String faultDetail) {
        return soap(500, "fault-invalid-selectors",
                Map.of("hostName", hostName, "faultDetail", faultDetail));
    }

    // ---- shared with ModelTransformer ----

    static MappingBuilder wsman() {
        return post(urlPathEqualTo(PATH));
    }

    /** The template parameters of the answers that name only the host (service SystemName, fault Machine). */
    static Map<String, Object> host(String hostName) {
        return Map.of("hostName", hostName);
    }

    private Map<String, Object> host() {
        return host(hostName);
    }

    ResponseDefinitionBuilder soap(int status, String template, Map<String, ?> parameters) {
        return soap(templates, status, template, parameters);
    }

    /** A SOAP answer from a recording; the parameters reach the template as {@code parameters.*}. */
    static ResponseDefinitionBuilder soap(Templates templates, int status, String template, Map<String, ?> parameters) {
        return aResponse().withStatus(status)
                .withHeader("Content-Type", Wsman.CONTENT_TYPE)
                .withHeader("Server", "Microsoft-HTTPAPI/2.0")
                .withBody(templates.get(template))
                .withTransformerParameters(new LinkedHashMap<>(parameters));
    }

    /** Regex for an Authorization header carrying these Basic credentials (scheme case-insensitive). */
    private static String basic(String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return "(?i:basic)\\s+" + Pattern.quote(token) + "\\s*";
    }
}
