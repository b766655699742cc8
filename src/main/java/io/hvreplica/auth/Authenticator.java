package io.hvreplica.auth;

/**
 * Creates a {@link SecurityContext} for each new connection. Implementations hold the credentials;
 * contexts hold the per-connection state.
 */
public interface Authenticator {

    /** A short name for messages and logs: "basic", "ntlm", "kerberos", "negotiate". */
    String name();

    /**
     * Whether the context is tied to the connection (NTLM, Kerberos). False for Basic, whose header
     * goes on every request.
     */
    boolean connectionBound();

    /**
     * @param host     the host name as the user gave it (used for SPNs)
     * @param bindings TLS channel bindings, or null over plain HTTP
     */
    SecurityContext newContext(String host, ChannelBindings bindings);
}
