package io.hvreplica.auth.ntlm;

import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** NTLM's own RC4 and HMAC-MD5 against published vectors, and against JCA as an oracle. */
class CryptoPrimitivesTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void hmacMd5MatchesRfc2202() {
        // RFC 2202, test cases 1, 2 and 6 (a key longer than the block is hashed first).
        assertEquals("9294727a3638bb1c13f48ef8158bfc9d", hex(NtlmCrypto.hmacMd5(filled(16, 0x0b),
                ascii("Hi There"))));
        assertEquals("750c783e6ab0b503eaa86e310a5db738", hex(NtlmCrypto.hmacMd5(ascii("Jefe"),
                ascii("what do ya want for nothing?"))));
        assertEquals("6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd", hex(NtlmCrypto.hmacMd5(filled(80, 0xaa),
                ascii("Test Using Larger Than Block-Size Key - Hash Key First"))));
    }

    @Test
    void rc4MatchesRfc6229() {
        // RFC 6229, key 0x0102030405 (40 bits): the first 16 bytes of keystream.
        byte[] stream = NtlmCrypto.rc4(HEX.parseHex("0102030405"), new byte[16]);
        assertEquals("b2396305f03dc027ccc3524a0a1118a8", hex(stream));
    }

    @Test
    void aReusedHmacAndAContinuingRc4StreamAgreeWithJca() throws Exception {
        Random random = new Random(20261206);
        for (int round = 0; round < 50; round++) {
            byte[] key = bytes(random, 1 + random.nextInt(100));
            Mac jcaMac = Mac.getInstance("HmacMD5");
            jcaMac.init(new SecretKeySpec(key, "HmacMD5"));
            HmacMd5 ours = new HmacMd5(key);
            byte[] rc4Key = bytes(random, 16);
            Cipher jcaRc4 = Cipher.getInstance("ARCFOUR");
            jcaRc4.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(rc4Key, "ARCFOUR"));
            Rc4 rc4 = new Rc4(rc4Key);
            // Several messages on the same objects, as a session uses them.
            for (int message = 0; message < 4; message++) {
                byte[] data = bytes(random, random.nextInt(300));
                jcaMac.update(data);
                ours.update(data);
                assertArrayEquals(jcaMac.doFinal(), ours.doFinal());
                byte[] expected = data.length == 0 ? new byte[0] : jcaRc4.update(data);
                assertArrayEquals(expected, rc4.update(data));
            }
        }
    }

    @Test
    void rc4RefusesAnEmptyKey() {
        assertThrows(IllegalArgumentException.class, () -> new Rc4(new byte[0]));
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String hex(byte[] b) {
        return HEX.formatHex(b);
    }
}
