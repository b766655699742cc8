package io.hvreplica.auth.ntlm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Builds CHALLENGE messages and takes AUTHENTICATE messages apart, as a server would. */
final class TestMessages {
    static final HexFormat HEX = HexFormat.of();
    static final int SERVER_FLAGS = 0xE28A8233;
    static final byte[] SERVER_CHALLENGE = hex("0123456789abcdef");

    private TestMessages() {
    }

    static byte[] hex(String s) {
        return HEX.parseHex(s.replace(" ", ""));
    }

    static String hex(byte[] b) {
        return HEX.formatHex(b);
    }

    static byte[] utf16(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }

    /** MS-NLMP 4.2.1 AV pairs: NbDomainName "Domain", NbComputerName "Server". */
    static AvPairs specPairs() {
        return AvPairs.of(List.of(new AvPairs.Pair(AvPairs.NB_DOMAIN_NAME, utf16("Domain")),
                new AvPairs.Pair(AvPairs.NB_COMPUTER_NAME, utf16("Server"))));
    }

    /** The spec pairs plus a MsvAvTimestamp, as every modern Windows server sends. */
    static AvPairs pairsWithTimestamp(long fileTime) {
        return specPairs().with(AvPairs.TIMESTAMP, NtlmWire.le64(fileTime));
    }

    /** A CHALLENGE for target "Server", built by the acceptor's own encoder. */
    static byte[] challenge(int flags, AvPairs info) {
        return ChallengeMessage.encode(flags, SERVER_CHALLENGE, "Server", info);
    }

    static byte[] challenge(AvPairs info) {
        return challenge(SERVER_FLAGS, info);
    }

    /** The fields of an AUTHENTICATE message, decoded. */
    record Authenticate(byte[] raw, int flags, byte[] lm, byte[] nt, String domain, String user,
                        String workstation, byte[] encryptedKey, byte[] mic) {

        byte[] ntProofStr() {
            return Arrays.copyOf(nt, 16);
        }

        /** The AV pairs inside the NTLMv2 response (after the 28-byte blob header, before Z4). */
        AvPairs targetInfo() {
            return AvPairs.parse(Arrays.copyOfRange(nt, 16 + 28, nt.length - 4));
        }

        byte[] timestamp() {
            return Arrays.copyOfRange(nt, 16 + 8, 16 + 16);
        }

        byte[] clientChallenge() {
            return Arrays.copyOfRange(nt, 16 + 16, 16 + 24);
        }

        byte[] withZeroMic() {
            byte[] copy = raw.clone();
            Arrays.fill(copy, 72, 88, (byte) 0);
            return copy;
        }
    }

    /** Decoded by the acceptor's own parser. */
    static Authenticate parseAuthenticate(byte[] m) {
        AuthenticateMessage.Received r = AuthenticateMessage.parse(m);
        return new Authenticate(r.raw(), r.flags(), r.lmResponse(), r.ntResponse(), r.domain(), r.user(),
                r.workstation(), r.encryptedSessionKey(), r.mic());
    }

    /** Fixed values, so tests can recompute what the client did. */
    static final class FixedRandomness implements NtlmRandomness {
        final byte[] clientChallenge;
        final byte[] sessionKey;
        final long fileTime;

        FixedRandomness(byte[] clientChallenge, byte[] sessionKey, long fileTime) {
            this.clientChallenge = clientChallenge;
            this.sessionKey = sessionKey;
            this.fileTime = fileTime;
        }

        /** MS-NLMP 4.2.1: client challenge aa*8, random session key 55*16, time 0. */
        static FixedRandomness spec() {
            byte[] cc = new byte[8];
            Arrays.fill(cc, (byte) 0xaa);
            byte[] key = new byte[16];
            Arrays.fill(key, (byte) 0x55);
            return new FixedRandomness(cc, key, 0);
        }

        @Override
        public byte[] clientChallenge() {
            return clientChallenge.clone();
        }

        @Override
        public byte[] exportedSessionKey() {
            return sessionKey.clone();
        }

        @Override
        public long fileTime() {
            return fileTime;
        }
    }
}
