package io.hvreplica.auth.ntlm;

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
