package io.hvreplica.wsman;

import io.hvreplica.auth.Credentials;
import io.hvreplica.auth.basic.BasicAuthenticator;
import io.hvreplica.testing.FixedMessageIds;
import io.hvreplica.testing.ManualClock;
import io.hvreplica.testing.RawHttpServer;
import io.hvreplica.transport.HttpTransport;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The w:OperationTimeout each request gives the host: shorter than the client's read timeout by a
 * margin, so that the host faults with w:TimedOut before the client stops listening, and never
 * beyond the time left to the deadline. Asserted on the envelopes as they reached the wire.
 */
class OperationTimeoutTest {
    private static final Pattern HEADER = Pattern.compile("<w:OperationTimeout[^>]*>([^<]*)</w:OperationTimeout>");
    private static final String INSTANCE = "urn:hvreplica:test:thing";

    @Test
    void theDefaultIsSixtySecondsWithinTheDefaultReadTimeout() throws Exception {
        assertEquals(List.of("PT60.000S"), sent(b -> b, null, 1));
    }

    @Test
    void aShortReadTimeoutShortensItByAMargin() throws Exception {
        assertEquals(List.of("PT7.500S"), sent(b -> b.readTimeout(Duration.ofSeconds(10)), null, 1));
        assertEquals(List.of("PT55.000S"), sent(b -> b.readTimeout(Duration.ofSeconds(60)), null, 1));
    }

    @Test
    void theTimeLeftToTheDeadlineShortensItRequestByRequest() throws Exception {
        ManualClock clock = new ManualClock();
        List<String> values = sent(b -> b.clock(clock).deadline(clock.instant().plus(Duration.ofSeconds(40))),
                clock, 3);
        // 40 s left, then 2 s, then 1 s: each time a quarter less (5 s at most), so the host answers first.
        assertEquals(List.of("PT35.000S", "PT1.500S", "PT0.750S"), values);
    }

    @Test
    void theMarginRules() {
        WsmanOptions o = WsmanOptions.DEFAULT;
        Duration read = Duration.ofSeconds(75);
        assertEquals(Duration.ofSeconds(60), o.operationTimeoutWithin(read, Optional.empty()));
        assertEquals(Duration.ofSeconds(60), o.operationTimeoutWithin(read, Optional.of(Duration.ofHours(1))));
        assertEquals(Duration.ofSeconds(55), o.operationTimeoutWithin(read, Optional.of(Duration.ofSeconds(60))));
        assertEquals(Duration.ofMillis(750), o.operationTimeoutWithin(read, Optional.of(Duration.ofSeconds(1))));
        assertEquals(Duration.ofMillis(1), o.operationTimeoutWithin(read, Optional.of(Duration.ZERO)),
                "still a valid header when nothing is left (the request is not sent then)");
        for (long s = 1; s <= 120; s++) {
            Duration bound = Duration.ofSeconds(s);
            Duration given = o.operationTimeoutWithin(bound, Optional.of(bound));
            assertTrue(given.compareTo(bound) < 0, "the host must give up first: " + given + " for " + bound);
        }
    }

    /**
     * Sends {@code gets} Gets through a transport the caller configures, advancing {@code clock}
     * to leave 2 s and then 1 s before the second and third, and returns the header values sent.
     */
    private static List<String> sent(UnaryOperator<HttpTransport.Builder> configure, ManualClock clock, int gets)
            throws Exception {
        FixedMessageIds ids = new FixedMessageIds();
        try (RawHttpServer server = RawHttpServer.start(n -> RawHttpServer.Answer.soap(getResponse(FixedMessageIds.id(n + 1))))) {
            HttpTransport transport = configure.apply(HttpTransport.builder(URI.create(server.endpoint()),
                    new BasicAuthenticator(Credentials.of("hvadmin", "pw".toCharArray()))).allowUnencrypted(true)).build();
            try (WsmanClient client = new WsmanClient(transport, WsmanOptions.DEFAULT, ids)) {
                for (int i = 0; i < gets; i++) {
                    if (i == 1) {
                        clock.advance(Duration.ofSeconds(38));
                    } else if (i == 2) {
                        clock.advance(Duration.ofSeconds(1));
                    }
                    client.get(INSTANCE, SelectorSet.of("Id", "1"));
                }
            }
            return server.requests().stream().map(r -> {
                Matcher m = HEADER.matcher(r.bodyText());
                assertTrue(m.find(), r.bodyText());
                return m.group(1);
            }).toList();
        }
    }

    private static String getResponse(String relatesTo) {
        return "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\"" + Namespaces.ADDRESSING + "\">"
                + "<s:Header><a:RelatesTo>" + relatesTo + "</a:RelatesTo></s:Header>"
                + "<s:Body><t:Thing xmlns:t=\"" + INSTANCE + "\"><t:Id>1</t:Id></t:Thing></s:Body></s:Envelope>";
    }
}
