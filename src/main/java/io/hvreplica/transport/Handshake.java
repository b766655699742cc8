package io.hvreplica.transport;

import io.hvreplica.auth.AuthenticationException;
import io.hvreplica.auth.Authenticator;
import io.hvreplica.auth.ChannelBindings;
import io.hvreplica.auth.SecurityContext;

import java.io.IOException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A connection-bound authentication handshake (NTLM, Kerberos, SPNEGO) run over empty-body
 * requests, as WinRM needs before the first sealed message: send a token, read the host's token
 * from WWW-Authenticate (on a 401 to continue, or on the final 200 for mutual authentication),
 * until the context is established. Every leg must stay on one connection.
 */
final class Handshake {
    /** Sends one empty-body leg with this Authorization value. */
    @FunctionalInterface
    interface Leg {
        HttpTransport.Response send(String authorization) throws IOException;
    }

    /** The established context, the number of legs it took, and the connection it is bound to. */
    record Result(SecurityContext context, int legs, long connection) {
    }

    private Handshake() {
    }

    static Result run(Authenticator authenticator, String host, ChannelBindings bindings, Leg leg,
                      LongSupplier connectionId) throws IOException {
        long connection = connectionId.getAsLong();
        SecurityContext context = authenticator.newContext(host, bindings);
        byte[] token = context.step(null);
        for (int legs = 1; ; legs++) {
            HttpTransport.Response reply = leg.send(context.scheme() + " " + Base64.getEncoder().encodeToString(token));
            if (legs > 1 && connectionId.getAsLong() != connection) {
                throw TransportException.connection("the host closed the connection in the middle of the "
                        + context.scheme() + " handshake", null);
            }
            connection = connectionId.getAsLong();
            byte[] serverToken = serverToken(reply, context.scheme());
            if (reply.status() == 200) {
                if (serverToken != null && !context.isEstablished()) {
                    context.step(serverToken);
                }
                if (!context.isEstablished()) {
                    throw new AuthenticationException("the host accepted the " + context.scheme()
                            + " handshake before it was complete; refusing an unverified session");
                }
                return new Result(context, legs, connection);
            }
            if (reply.status() != 401) {
                throw TransportException.protocol("the host answered the " + context.scheme()
                        + " handshake with HTTP " + reply.status());
            }
            if (serverToken == null || context.isEstablished()) {
                throw new AuthenticationException("the host " + host + " rejected the " + authenticator.name()
                        + " credentials");
            }
            token = context.step(serverToken);
            if (token == null) {
                throw new AuthenticationException("the " + context.scheme() + " handshake ended without the host"
                        + " accepting it");
            }
        }
    }

    /** The token for {@code scheme} in the reply's WWW-Authenticate headers, or null. */
    static byte[] serverToken(HttpTransport.Response reply, String scheme) {
        String prefix = scheme.toLowerCase(Locale.ROOT) + " ";
        for (Map.Entry<String, String> h : reply.headers()) {
            if (h.getKey().equalsIgnoreCase("WWW-Authenticate")) {
                for (String challenge : h.getValue().split(",")) {
                    String c = challenge.trim();
                    if (c.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                        try {
                            return Base64.getDecoder().decode(c.substring(prefix.length()).trim());
                        } catch (IllegalArgumentException e) {
                            throw TransportException.protocol("the host's " + scheme + " token is not valid base64");
                        }
                    }
                }
            }
        }
        return null;
    }
}
