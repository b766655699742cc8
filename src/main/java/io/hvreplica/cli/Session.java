package io.hvreplica.cli;

import io.hvreplica.auth.Credentials;
import io.hvreplica.hyperv.HyperVHost;
import io.hvreplica.transport.HttpTransport;
import io.hvreplica.wsman.WsmanClient;

/**
 * An authenticated session with one host, from the connection and authentication options: the
 * one place the command line builds the transport stack. The handshake runs at once, while the
 * SOAP stack is still being built in the background (Main's warm-up).
 */
final class Session implements AutoCloseable {
    private final HyperVHost host;
    private final Credentials credentials;

    private final java.time.Instant deadline;

    private Session(HyperVHost host, Credentials credentials, java.time.Instant deadline) {
        this.host = host;
        this.credentials = credentials;
        this.deadline = deadline;
    }

    /** A job watcher that never waits past the command's deadline. */
    io.hvreplica.hyperv.JobWatcher watcher(Environment env) {
        return env.watcher(host).until(deadline);
    }

    /**
     * @param timeout the bound on the whole command (--timeout): no request outlives it. It counts
     *                from after any password prompt, so it bounds the work, not the typing.
     */
    static Session open(ConnectionOptions connection, AuthOptions auth, Environment env, java.time.Duration timeout) {
        connection.validate(auth.auth);
        AuthOptions.Choice choice = auth.choose(connection.endpointUri().getHost(), connection.sealing(), env,
                env.krb5ccname());
        Credentials credentials = choice.credentials();
        java.time.Instant deadline = env.clock().instant().plus(timeout);
        try {
            HttpTransport transport;
            try {
                transport = connection.transport(choice.authenticator(), env.err(), deadline, env.clock());
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            try {
                transport.authenticate();
                Recording.opened(connection, auth, credentials, transport);
            } catch (RuntimeException e) {
                transport.close();
                throw e;
            }
            return new Session(new HyperVHost(new WsmanClient(transport)), credentials, deadline);
        } catch (RuntimeException e) {
            if (credentials != null) {
                credentials.wipe();
            }
            throw e;
        }
    }

    HyperVHost host() {
        return host;
    }

    @Override
    public void close() {
        try {
            host.close();
        } finally {
            if (credentials != null) {
                credentials.wipe();
            }
        }
    }
}
