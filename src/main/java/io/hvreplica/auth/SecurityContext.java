package io.hvreplica.auth;

/**
 * One authentication session, bound to one HTTP connection (WinRM ties NTLM and Kerberos
 * contexts to the TCP connection). The transport drives it: it sends {@link #step} output in
 * {@code Authorization: <scheme> <base64>} and feeds back the token from {@code WWW-Authenticate}
 * until {@link #isEstablished()}. Not thread-safe; a connection is used by one request at a time.
 */
public interface SecurityContext {

    /** The HTTP authentication scheme name: "Negotiate", "Kerberos", "NTLM" or "Basic". */
    String scheme();

    /**
     * Produces the next token to send.
     *
     * @param serverToken the decoded token from the server's {@code WWW-Authenticate} header, or
     *                    null on the first leg
     * @return the token for the {@code Authorization} header, or null when nothing more is to be sent
     * @throws AuthenticationException when the server's token is unusable or the credentials fail
     */
    byte[] step(byte[] serverToken);

    /** True once the handshake is complete (including any mutual-authentication token). */
    boolean isEstablished();

    /**
     * Message protection for WinRM HTTP encryption, available once established; null when the
     * mechanism has none (Basic).
     */
    MessageProtection protection();
}
