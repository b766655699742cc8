package io.hvreplica.auth.ntlm;

import io.hvreplica.auth.Authenticator;
import io.hvreplica.auth.ChannelBindings;
import io.hvreplica.auth.Credentials;
import io.hvreplica.auth.SecurityContext;
import java.util.Objects;

/**
 * NTLMv2 with session security. WinRM offers "Negotiate" rather than "NTLM" but accepts a raw
 * NTLMSSP token under it, so "Negotiate" is the default scheme name.
 */
public final class NtlmAuthenticator implements Authenticator {
    public static final String NEGOTIATE = "Negotiate";
    public static final String NTLM = "NTLM";

    private final Credentials credentials;
    private final String workstation;
    private final String scheme;
    private final boolean sealing;
    private final NtlmRandomness randomness;

    /** Scheme "Negotiate", sealing required (WinRM over HTTP). */
    public NtlmAuthenticator(Credentials credentials, String workstation) {
        this(credentials, workstation, NEGOTIATE, true);
    }

    /**
     * @param workstation    the client's computer name as the server should log it; null for none
     * @param scheme         {@link #NEGOTIATE} or {@link #NTLM}
     * @param requireSealing refuse servers that will not encrypt messages; pass false over HTTPS,
     *                       where TLS already protects the body
     */
    public NtlmAuthenticator(Credentials credentials, String workstation, String scheme, boolean requireSealing) {
        this(credentials, workstation, scheme, requireSealing, NtlmRandomness.system());
    }

    NtlmAuthenticator(Credentials credentials, String workstation, String scheme, boolean requireSealing,
                      NtlmRandomness randomness) {
        if (!NEGOTIATE.equals(scheme) && !NTLM.equals(scheme)) {
            throw new IllegalArgumentException("NTLM can be sent under \"Negotiate\" or \"NTLM\", not \"" + scheme + "\"");
        }
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.workstation = workstation == null ? "" : workstation;
        this.scheme = scheme;
        this.sealing = requireSealing;
        this.randomness = Objects.requireNonNull(randomness, "randomness");
    }

    @Override
    public String name() {
        return "ntlm";
    }

    @Override
    public boolean connectionBound() {
        return true;
    }

    @Override
    public SecurityContext newContext(String host, ChannelBindings bindings) {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("NTLM needs the host name for its target name");
        }
        return new NtlmContext(credentials, workstation, scheme, sealing, host, bindings, randomness);
    }

    @Override
    public String toString() {
        return "NtlmAuthenticator[" + credentials + ", " + scheme + "]";
    }
}
