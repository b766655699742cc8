package io.hvreplica.auth.ntlm;

import io.hvreplica.auth.AuthenticationException;
import java.util.Arrays;

/**
 * CHALLENGE_MESSAGE (type 2) as received from the server. Parsing treats the token as hostile:
 * every field is bounds-checked and any inconsistency is an {@link AuthenticationException}.
 */
record ChallengeMessage(int flags, byte[] serverChallenge, AvPairs targetInfo) {
    private static final int MIN_LENGTH = 32;
    private static final int TARGET_INFO_FIELDS = 40;
    private static final int HEADER = 56;

    static ChallengeMessage parse(byte[] token) {
        if (token == null || token.length == 0) {
            throw bad("the server sent an empty NTLM CHALLENGE");
        }
        if (!NtlmWire.hasSignature(token)) {
            throw bad("the server's authentication token is not an NTLM message (no NTLMSSP signature);"
                    + " it may have answered with Kerberos or SPNEGO");
        }
        if (token.length < MIN_LENGTH) {
            throw bad("the server's NTLM CHALLENGE is truncated: " + token.length + " bytes, fewer than the "
                    + MIN_LENGTH + "-byte header");
        }
        int type = NtlmWire.u32(token, 8);
        if (type != NtlmWire.TYPE_CHALLENGE) {
            throw bad("the server sent NTLM message type " + Integer.toUnsignedString(type)
                    + " where a CHALLENGE (type 2) was expected");
        }
        field(token, 12, "TargetName");
        int flags = NtlmWire.u32(token, 20);
        byte[] serverChallenge = Arrays.copyOfRange(token, 24, 32);

        AvPairs info = AvPairs.empty();
        if ((flags & NtlmFlags.TARGET_INFO) != 0) {
            if (token.length < TARGET_INFO_FIELDS + 8) {
                throw bad("the server's NTLM CHALLENGE is truncated: it announces TargetInfo but is only "
                        + token.length + " bytes long");
            }
            info = AvPairs.parse(field(token, TARGET_INFO_FIELDS, "TargetInfo"));
        }
        return new ChallengeMessage(flags, serverChallenge, info);
    }

    /**
     * Encodes a CHALLENGE as a server sends it (acceptor side): the 56-byte header with Version,
     * then TargetName, then TargetInfo.
     */
    static byte[] encode(int flags, byte[] serverChallenge, String targetName, AvPairs targetInfo) {
        if (serverChallenge.length != 8) {
            throw new IllegalArgumentException("an NTLM server challenge is 8 bytes");
        }
        byte[] target = NtlmWire.utf16le(targetName);
        byte[] info = targetInfo.encode();
        byte[] m = new byte[HEADER + target.length + info.length];
        System.arraycopy(NtlmWire.SIGNATURE, 0, m, 0, 8);
        NtlmWire.put32(m, 8, NtlmWire.TYPE_CHALLENGE);
        NtlmWire.put16(m, 12, target.length);
        NtlmWire.put16(m, 14, target.length);
        NtlmWire.put32(m, 16, HEADER);
        NtlmWire.put32(m, 20, flags);
        System.arraycopy(serverChallenge, 0, m, 24, 8);
        NtlmWire.put16(m, TARGET_INFO_FIELDS, info.length);
        NtlmWire.put16(m, TARGET_INFO_FIELDS + 2, info.length);
        NtlmWire.put32(m, TARGET_INFO_FIELDS + 4, HEADER + target.length);
        System.arraycopy(NtlmWire.VERSION, 0, m, 48, 8);
        System.arraycopy(target, 0, m, HEADER, target.length);
        System.arraycopy(info, 0, m, HEADER + target.length, info.length);
        return m;
    }

    @Override
    public byte[] serverChallenge() {
        return serverChallenge.clone();
    }

    /** The bytes a Len/MaxLen/Offset triple at {@code at} points to. */
    private static byte[] field(byte[] msg, int at, String name) {
        int len = NtlmWire.u16(msg, at);
        long offset = Integer.toUnsignedLong(NtlmWire.u32(msg, at + 4));
        if (len == 0) {
            return new byte[0];
        }
        if (offset + len > msg.length) {
            throw bad("the server's NTLM CHALLENGE is malformed: its " + name + " field (offset " + offset
                    + ", length " + len + ") runs past the end of the " + msg.length + "-byte message");
        }
        return Arrays.copyOfRange(msg, (int) offset, (int) offset + len);
    }

    private static AuthenticationException bad(String sentence) {
        return new AuthenticationException(sentence);
    }
}
