package io.hvreplica.auth.ntlm;

import io.hvreplica.auth.AuthenticationException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** AUTHENTICATE_MESSAGE (type 3) with Version and a MIC field. */
final class AuthenticateMessage {
    static final int MIC_OFFSET = 72;
    static final int MIC_LENGTH = 16;
    private static final int HEADER = 88;

    private AuthenticateMessage() {
    }

    /** Encodes the message with a zeroed MIC, ready for {@link #setMic} once the MIC is known. */
    static byte[] encode(int flags, byte[] lmResponse, byte[] ntResponse, String domain, String user,
                         String workstation, byte[] encryptedSessionKey) {
        byte[] domainBytes = NtlmWire.utf16le(domain);
        byte[] userBytes = NtlmWire.utf16le(user);
        byte[] workstationBytes = NtlmWire.utf16le(workstation);
        byte[] payload = NtlmWire.concat(domainBytes, userBytes, workstationBytes, lmResponse, ntResponse,
                encryptedSessionKey);
        byte[] m = new byte[HEADER + payload.length];
        System.arraycopy(NtlmWire.SIGNATURE, 0, m, 0, 8);
        NtlmWire.put32(m, 8, NtlmWire.TYPE_AUTHENTICATE);

        // Payload order follows Windows: domain, user, workstation, LM, NT, session key.
        int at = HEADER;
        at = fields(m, 28, domainBytes.length, at);
        at = fields(m, 36, userBytes.length, at);
        at = fields(m, 44, workstationBytes.length, at);
        at = fields(m, 12, lmResponse.length, at);
        at = fields(m, 20, ntResponse.length, at);
        fields(m, 52, encryptedSessionKey.length, at);

        NtlmWire.put32(m, 60, flags);
        System.arraycopy(NtlmWire.VERSION, 0, m, 64, 8);
        System.arraycopy(payload, 0, m, HEADER, payload.length);
        return m;
    }

    static void setMic(byte[] message, byte[] mic) {
        System.arraycopy(mic, 0, message, MIC_OFFSET, MIC_LENGTH);
    }

    /**
     * A client's AUTHENTICATE as an acceptor reads it. {@code mic} is null when the message has no
     * room for one (a payload that starts before offset 88).
     */
    record Received(byte[] raw, int flags, byte[] lmResponse, byte[] ntResponse, String domain, String user,
                    String workstation, byte[] encryptedSessionKey, byte[] mic) {

        /** The message with its MIC field zeroed, as the MIC is computed over it. */
        byte[] withZeroMic() {
            byte[] copy = raw.clone();
            Arrays.fill(copy, MIC_OFFSET, MIC_OFFSET + MIC_LENGTH, (byte) 0);
            return copy;
        }
    }

    /** Parses a client's message as hostile input: every field is bounds-checked; strings are UTF-16LE. */
    static Received parse(byte[] m) {
        if (m == null || !NtlmWire.hasSignature(m) || m.length < 12 || NtlmWire.u32(m, 8) != NtlmWire.TYPE_AUTHENTICATE) {
            throw bad("it is not an NTLM AUTHENTICATE message");
        }
        if (m.length < 64) {
            throw bad("it is truncated (" + m.length + " bytes)");
        }
        int[] fieldOffsets = {12, 20, 28, 36, 44, 52};
        int payloadStart = m.length;
        for (int at : fieldOffsets) {
            if (NtlmWire.u16(m, at) > 0) {
                payloadStart = (int) Math.min(payloadStart, Integer.toUnsignedLong(NtlmWire.u32(m, at + 4)));
            }
        }
        byte[] mic = payloadStart >= HEADER && m.length >= HEADER
                ? Arrays.copyOfRange(m, MIC_OFFSET, MIC_OFFSET + MIC_LENGTH) : null;
        return new Received(m.clone(), NtlmWire.u32(m, 60), field(m, 12, "LmChallengeResponse"),
                field(m, 20, "NtChallengeResponse"), utf16(field(m, 28, "DomainName")), utf16(field(m, 36, "UserName")),
                utf16(field(m, 44, "Workstation")), field(m, 52, "EncryptedRandomSessionKey"), mic);
    }

    private static byte[] field(byte[] m, int at, String name) {
        int len = NtlmWire.u16(m, at);
        long offset = Integer.toUnsignedLong(NtlmWire.u32(m, at + 4));
        if (len == 0) {
            return new byte[0];
        }
        if (offset + len > m.length) {
            throw bad("its " + name + " field (offset " + offset + ", length " + len + ") runs past the end of the "
                    + m.length + "-byte message");
        }
        return Arrays.copyOfRange(m, (int) offset, (int) offset + len);
    }

    private static String utf16(byte[] b) {
        if (b.length % 2 != 0) {
            throw bad("a UTF-16 name has an odd length");
        }
        return new String(b, StandardCharsets.UTF_16LE);
    }

    private static AuthenticationException bad(String detail) {
        return new AuthenticationException("the client's NTLM AUTHENTICATE is malformed: " + detail);
    }

    private static int fields(byte[] m, int at, int len, int offset) {
        if (len > 0xffff) {
            throw new IllegalArgumentException("NTLM field too long: " + len + " bytes");
        }
        NtlmWire.put16(m, at, len);
        NtlmWire.put16(m, at + 2, len);
        NtlmWire.put32(m, at + 4, offset);
        return offset + len;
    }
}
