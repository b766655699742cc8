package io.hvreplica.testing;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.hvreplica.auth.Credentials;
import io.hvreplica.auth.basic.BasicAuthenticator;
import io.hvreplica.simulator.SimulatedHost;
import io.hvreplica.transport.HttpTransport;
import io.hvreplica.wsman.WsmanClient;
import io.hvreplica.wsman.WsmanOptions;

import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/** WS-Management clients and extra stubs for tests against a {@link SimulatedHost}. */
public final class SimulatorClients {
    /** Template text that echoes the request's MessageID (the simulator has global templating on). */
    public static final String RELATES_TO = "{{xPath request.body '/*[local-name()=\"Envelope\"]"
            + "/*[local-name()=\"Header\"]/*[local-name()=\"MessageID\"]/text()'}}";

    private SimulatorClients() {
    }

    /** Basic over plain HTTP (allowed explicitly), as the simulator expects. */
    public static HttpTransport transport(SimulatedHost host) {
        return HttpTransport.builder(URI.create(host.endpoint()),
                        new BasicAuthenticator(Credentials.of(SimulatedHost.USER, SimulatedHost.PASSWORD.toCharArray())))
                .allowUnencrypted(true)
                .build();
    }

    public static WsmanClient client(SimulatedHost host, Supplier<String> messageIds) {
        return new WsmanClient(transport(host), WsmanOptions.DEFAULT, messageIds);
    }

    /** A POST /wsman stub whose body contains every one of {@code parts}, above the simulator's catalog. */
    public static MappingBuilder stubContaining(String... parts) {
        MappingBuilder b = post(urlPathEqualTo("/wsman")).atPriority(3);
        for (String p : parts) {
            b = b.withRequestBody(containing(p));
        }
        return b;
    }

    /** Requests in the journal whose body contains {@code part}, oldest first. */
    public static List<LoggedRequest> requests(SimulatedHost host, String part) {
        List<LoggedRequest> all = new java.util.ArrayList<>();
        host.server().getAllServeEvents().forEach(e -> {
            if (e.getRequest().getBodyAsString().contains(part)) {
                all.add(e.getRequest());
            }
        });
        java.util.Collections.reverse(all); // the journal lists the newest first
        return all;
    }

    /** A SOAP envelope with addressing headers (RelatesTo echoing the request) and {@code body}. */
    public static String envelope(String action, String body) {
        return "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
                + " xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\""
                + " xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\">"
                + "<s:Header><a:Action>" + action + "</a:Action>"
                + "<a:MessageID>uuid:9F1D0C52-7B6A-4E2B-8C3D-1A2B3C4D5E6F</a:MessageID>"
                + "<a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To>"
                + "<a:RelatesTo>" + RELATES_TO + "</a:RelatesTo></s:Header>"
                + "<s:Body>" + body + "</s:Body></s:Envelope>";
    }
}
