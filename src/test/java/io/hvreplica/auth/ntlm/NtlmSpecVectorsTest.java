package io.hvreplica.auth.ntlm;

import static io.hvreplica.auth.ntlm.TestMessages.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hvreplica.auth.MessageProtection;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** MS-NLMP 4.2.4 (NTLMv2 authentication) example values, byte for byte. */
class NtlmSpecVectorsTest {
    private static final int FLAGS = 0xE28A8233;
    private static final byte[] SESSION_KEY = filled(0x55, 16);
    private static final byte[] CLIENT_CHALLENGE = filled(0xaa, 8);
    private static final byte[] PLAINTEXT = "Plaintext".getBytes(StandardCharsets.UTF_16LE);

    private static byte[] filled(int b, int n) {
        byte[] a = new byte[n];
        Arrays.fill(a, (byte) b);
        return a;
    }

    private static byte[] responseKey() {
        return NtlmCrypto.ntowfV2(NtlmCrypto.ntowfV1("Password".toCharArray()), "User", "Domain");
    }

    private static NtlmV2Response response(boolean zeroLm) {
        return NtlmV2Response.compute(responseKey(), TestMessages.SERVER_CHALLENGE, CLIENT_CHALLENGE, new byte[8],
                TestMessages.specPairs().encode(), zeroLm);
    }

    @Test
    void ntowfV1() {
        assertEquals("a4f49c406510bdcab6824ee7c30fd852", hex(NtlmCrypto.ntowfV1("Password".toCharArray())));
    }

    @Test
    void ntowfV2() {
        assertEquals("0c868a403bfd7a93a3001ef22ef02e3f", hex(responseKey()));
    }

    @Test
    void ntProofStrAndTemp() {
        NtlmV2Response r = response(false);
        assertEquals("68cd0ab851e51c96aabc927bebef6a1c", hex(r.ntProofStr()));
        assertEquals("68cd0ab851e51c96aabc927bebef6a1c"
                + "01010000000000000000000000000000aaaaaaaaaaaaaaaa0000000002000c0044006f006d00610069006e00"
                + "01000c005300650072007600650072000000000000000000", hex(r.ntResponse()));
    }

    @Test
    void lmV2Response() {
        assertEquals("86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa", hex(response(false).lmResponse()));
        assertEquals(hex(new byte[24]), hex(response(true).lmResponse()));
    }

    @Test
    void sessionBaseKey() {
        assertEquals("8de40ccadbc14a82f15cb0ad0de95ca3", hex(response(false).sessionBaseKey()));
    }

    @Test
    void encryptedRandomSessionKey() {
        assertEquals("c5dad2544fc9799094ce1ce90bc9d03e", hex(NtlmCrypto.rc4(response(false).sessionBaseKey(), SESSION_KEY)));
    }

    @Test
    void clientKeys() {
        assertEquals("59f600973cc4960a25480a7c196e4c58", hex(NtlmCrypto.sealKey(SESSION_KEY, FLAGS, true)));
        assertEquals("4788dc861b4782f35d43fd98fe1a2d39", hex(NtlmCrypto.signKey(SESSION_KEY, true)));
    }

    @Test
    void serverKeys() {
        assertEquals("9355f3a957c1583d25c4c2f11e40390e", hex(NtlmCrypto.sealKey(SESSION_KEY, FLAGS, false)));
        assertEquals("d04d6f10741041d1d246d64188d7a8ad", hex(NtlmCrypto.signKey(SESSION_KEY, false)));
    }

    @Test
    void sealPlaintextWithKeyExchange() {
        MessageProtection.Sealed s = new NtlmSession(SESSION_KEY, FLAGS, true).seal(PLAINTEXT);
        assertEquals("54e50165bf1936dc996020c1811b0f06fb5f", hex(s.ciphertext()));
        assertEquals("010000007fb38ec5c55d497600000000", hex(s.header()));
    }

    @Test
    void sealPlaintextWithoutKeyExchange() {
        MessageProtection.Sealed s = new NtlmSession(SESSION_KEY, FLAGS & ~NtlmFlags.KEY_EXCH, true).seal(PLAINTEXT);
        assertEquals("54e50165bf1936dc996020c1811b0f06fb5f", hex(s.ciphertext()));
        assertEquals("0100000070352851f256430900000000", hex(s.header()));
    }

    @Test
    void serverUnsealsTheSpecMessage() {
        byte[] plain = NtlmSession.forServer(SESSION_KEY).unseal(hex("010000007fb38ec5c55d497600000000"),
                hex("54e50165bf1936dc996020c1811b0f06fb5f"));
        assertEquals("Plaintext", new String(plain, StandardCharsets.UTF_16LE));
    }
}
