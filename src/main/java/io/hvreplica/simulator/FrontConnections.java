package io.hvreplica.simulator;

import io.hvreplica.auth.ntlm.NtlmAcceptor;
import io.hvreplica.auth.ntlm.NtlmSession;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The NTLM security context of each TCP connection to the {@link NegotiateFront}.
 *
 * <p>Why the key is the client's {@link InetSocketAddress}: the JDK {@code HttpServer} creates a
 * new {@code HttpExchange} per request and exposes no connection object (exchange attributes
 * belong to the {@code HttpContext}, and a {@code Filter} sees only exchanges too). Each client
 * connection reaches the server through its own relay connection from the {@link RequestLineGate},
 * all of them at the same local address, so the remote address and port identify a live client
 * connection uniquely. What they cannot tell is a closed connection from a later one that
 * re-uses the same client port, since the server reports no close. So that such a new connection
 * does not inherit an old session, an entry is dropped after it has been idle for longer than the
 * JDK server keeps idle connections open ({@code sun.net.httpserver.idleInterval}, 30 s by
 * default, checked every 10 s), plus a margin; by then the old connection is certainly gone. A
 * client port is not handed out again that quickly unless the client's whole ephemeral range
 * wraps, so in practice the key is exact.
 */
final class FrontConnections {
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(5);

    /** One connection's state; used by one exchange at a time, on whichever executor thread runs it. */
    static final class Connection {
        /** Mid-handshake: the CHALLENGE went out, the AUTHENTICATE is awaited. */
        volatile NtlmAcceptor acceptor;
        /** Authenticated: seals and unseals this connection's messages. */
        volatile NtlmSession session;
        volatile long lastUsedNanos = System.nanoTime();

        void reset() {
            acceptor = null;
            session = null;
        }
    }

    private final Map<InetSocketAddress, Connection> connections = new ConcurrentHashMap<>();
    private final long expiryNanos;
    private volatile long nextSweepNanos = System.nanoTime();

    FrontConnections() {
        long idleSeconds = Long.getLong("sun.net.httpserver.idleInterval", 30);
        this.expiryNanos = Duration.ofSeconds(Math.max(idleSeconds, 1) + 60).toNanos();
    }

    /** The state of the connection this request came in on, created when new (or expired). */
    Connection of(InetSocketAddress remote) {
        long now = System.nanoTime();
        if (now - nextSweepNanos >= 0) {
            nextSweepNanos = now + SWEEP_EVERY.toNanos();
            connections.values().removeIf(c -> now - c.lastUsedNanos > expiryNanos);
        }
        Connection c = connections.compute(remote, (k, old) ->
                old == null || now - old.lastUsedNanos > expiryNanos ? new Connection() : old);
        c.lastUsedNanos = now;
        return c;
    }

    /** Forgets a connection that is being closed. */
    void forget(InetSocketAddress remote) {
        connections.remove(remote);
    }

    int size() {
        return connections.size();
    }
}
