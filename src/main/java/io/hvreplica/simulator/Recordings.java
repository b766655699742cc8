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
import io.hvreplica.simulator.HostCatalog.Vm;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Registers the host's stubs: authentication, Identify, WQL enumeration and the fallbacks.
 * RevertFailover and the jobs are in {@link JobRecordings}.
 *
 * <p>Priorities: authentication outranks everything; the catalog uses WireMock's default priority
 * (5), so stubs that tests add later at the default priority win over it; fallbacks come last.
 */
final class Recordings {
    static final int PRIORITY_AUDITOR = 1;
    static final int PRIORITY_CHALLENGE = 2;
    static final int PRIORITY_CATALOG = 5;
    static final int PRIORITY_UNKNOWN = 6;
    static final int PRIORITY_MALFORMED = 7;
    static final int PRIORITY_CATCH_ALL = 9;
    static final int PRIORITY_NOT_WSMAN = 10;

    private static final String PATH = "/wsman";
    private static final String LAST_REPLICATION_TIME = "2025-03-18T09:12:44.5061220Z";

    private final WireMockServer server;
    private final Templates templates;

    Recordings(WireMockServer server, Templates templates) {
        this.server = server;
        this.templates = templates;
    }

    void registerAll() {
        authentication();
        server.stubFor(Wsman.identify(wsman()).atPriority(PRIORITY_CATALOG).willReturn(soap(200, "identify-response", Map.of())));
        computerSystems();
        replicationService();
        new JobRecordings(server, this).register();
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

    private void computerSystems() {
        String select = "SELECT\\s+\\*\\s+FROM\\s+Msvm_ComputerSystem\\s+WHERE\\s+";
        server.stubFor(enumerate(PRIORITY_UNKNOWN, select + "(?:ElementName|Name)\\s*=\\s*" + Wsman.ANY_WQL_LITERAL)
                .willReturn(systems(List.of())));
        Map<String, List<Vm>> byName = new LinkedHashMap<>();
        for (Vm vm : HostCatalog.VMS) {
            byName.computeIfAbsent(vm.elementName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(vm);
            server.stubFor(enumerate(PRIORITY_CATALOG, select + "Name\\s*=\\s*" + Wsman.wqlLiteral(vm.guid()))
                    .willReturn(systems(List.of(vm))));
        }
        byName.forEach((name, vms) -> server.stubFor(
                enumerate(PRIORITY_CATALOG, select + "ElementName\\s*=\\s*" + Wsman.wqlLiteral(vms.get(0).elementName()))
                        .willReturn(systems(vms))));
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

    private void fallbacks() {
        server.stubFor(wsman().atPriority(PRIORITY_CATCH_ALL)
                .willReturn(soap(500, "fault-action-not-supported", host())));
        server.stubFor(any(anyUrl()).atPriority(PRIORITY_NOT_WSMAN)
                .willReturn(aResponse().withStatus(404).withHeader("Server", "Microsoft-HTTPAPI/2.0")));
    }

    private MappingBuilder enumerate(int priority, String wqlRegex) {
        return Wsman.filter(Wsman.action(wsman(), Wsman.ENUMERATE), wqlRegex).atPriority(priority);
    }

    private ResponseDefinitionBuilder systems(List<Vm> vms) {
        List<Map<String, Object>> systems = new ArrayList<>();
        for (Vm vm : vms) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("elementName", vm.elementName());
            p.put("name", vm.guid());
            p.put("enabledState", vm.enabledState());
            p.put("hwThreads", vm.enabledState() == 2 ? 1 : 0);
            p.put("installDate", vm.installDate());
            p.put("lastReplicationTime", LAST_REPLICATION_TIME);
            p.put("onTimeInMilliseconds", vm.onTimeMillis());
            if (vm.processId() != null) {
                p.put("processId", vm.processId());
            }
            p.put("replicationHealth", vm.replicationHealth());
            p.put("replicationMode", vm.replicationMode());
            p.put("replicationState", vm.replicationState());
            systems.add(p);
        }
        return soap(200, "enumerate-response", Map.of("systems", systems));
    }

    // ---- shared with JobRecordings ----

    static MappingBuilder wsman() {
        return post(urlPathEqualTo(PATH));
    }

    static Map<String, Object> host() {
        return Map.of("hostName", SimulatedHost.HOST_NAME);
    }

    ResponseDefinitionBuilder soap(int status, String template, Map<String, ?> parameters) {
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
