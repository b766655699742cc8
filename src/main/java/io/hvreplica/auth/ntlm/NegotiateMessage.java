package io.hvreplica.auth.ntlm;

import io.hvreplica.auth.AuthenticationException;

/** NEGOTIATE_MESSAGE (type 1): our flags and Version, no domain or workstation. */
final class NegotiateMessage {
    private static final int LENGTH = 40;

    private NegotiateMessage() {
    }

    static byte[] encode(int flags) {
        byte[] m = new byte[LENGTH];
        System.arraycopy(NtlmWire.SIGNATURE, 0, m, 0, 8);
        NtlmWire.put32(m, 8, NtlmWire.TYPE_NEGOTIATE);
        NtlmWire.put32(m, 12, flags);
        // DomainNameFields (16) and WorkstationFields (24): empty, offset at the payload start,
        // because we send neither OEM_DOMAIN_SUPPLIED nor OEM_WORKSTATION_SUPPLIED.
        NtlmWire.put32(m, 20, LENGTH);
        NtlmWire.put32(m, 28, LENGTH);
        System.arraycopy(NtlmWire.VERSION, 0, m, 32, 8);
        return m;
    }

    /** The NegotiateFlags of a client's NEGOTIATE message, read as hostile input (acceptor side). */
    static int parseFlags(byte[] token) {
        if (token == null || !NtlmWire.hasSignature(token) || token.length < 16
                || NtlmWire.u32(token, 8) != NtlmWire.TYPE_NEGOTIATE) {
            throw new AuthenticationException("the client's first token is not an NTLM NEGOTIATE message");
        }
        return NtlmWire.u32(token, 12);
    }
}
