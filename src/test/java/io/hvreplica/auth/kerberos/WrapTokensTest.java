package io.hvreplica.auth.kerberos;

import io.hvreplica.auth.MessageProtection;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The byte layout conversion alone, on synthetic tokens (no keys). */
class WrapTokensTest {

    /** An RFC 4121 sealed wrap token as JGSS writes it: header, then body bytes 0, 1, 2, ... */
    private static byte[] cfx(int ec, int rrc, int bodyLength) {
        byte[] t = new byte[16 + bodyLength];
        t[0] = 0x05;
        t[1] = 0x04;
        t[2] = 0x06;                 // sealed, acceptor sub-key
        t[3] = (byte) 0xff;
        t[4] = (byte) (ec >>> 8);
        t[5] = (byte) ec;
        t[6] = (byte) (rrc >>> 8);
        t[7] = (byte) rrc;
        t[15] = 42;                  // sequence number
        for (int i = 0; i < bodyLength; i++) {
            t[16 + i] = (byte) i;
        }
        return t;
    }

    @Test
    void aesTokenBecomesSixtyByteSignatureAndPlaintextSizedCiphertext() {
        int n = 100;
        byte[] token = cfx(0, 0, 16 + n + 16 + 12);
        MessageProtection.Sealed s = WrapTokens.toWindows(token, n);

        assertEquals(60, s.header().length);
        assertEquals(n, s.ciphertext().length);
        assertEquals(0, WrapTokens.ec(s.header()));
        assertEquals(28, WrapTokens.rrc(s.header()));
        assertArrayEquals(Arrays.copyOf(token, 6), Arrays.copyOf(s.header(), 6), "TOK_ID, flags, filler, EC kept");
        assertArrayEquals(Arrays.copyOfRange(token, 8, 16), Arrays.copyOfRange(s.header(), 8, 16), "sequence kept");
        byte[] body = Arrays.copyOfRange(token, 16, token.length);
        // trailer (encrypted header copy + HMAC) first, then the encrypted confounder, then the data
        assertArrayEquals(Arrays.copyOfRange(body, body.length - 28, body.length), Arrays.copyOfRange(s.header(), 16, 44));
        assertArrayEquals(Arrays.copyOfRange(body, 0, 16), Arrays.copyOfRange(s.header(), 44, 60));
        assertArrayEquals(Arrays.copyOfRange(body, 16, 16 + n), s.ciphertext());
    }

    @Test
    void windowsLayoutRotatesBackToTheJgssBody() {
        int n = 7;
        byte[] token = cfx(0, 0, n + 44);
        MessageProtection.Sealed s = WrapTokens.toWindows(token, n);
        byte[] joined = WrapTokens.join(s.header(), s.ciphertext());
        byte[] body = Arrays.copyOfRange(joined, 16, joined.length);
        assertArrayEquals(Arrays.copyOfRange(token, 16, token.length),
                WrapTokens.rotateLeft(body, WrapTokens.rrc(joined) + WrapTokens.ec(joined)));
    }

    @Test
    void extraCountIsPartOfTheRotationAndTheSignature() {
        // MS-KILE: the trailer is rotated by RRC + EC, so the signature grows by EC.
        int n = 33;
        int ec = 16;
        byte[] token = cfx(ec, 0, 16 + n + ec + 16 + 12);
        MessageProtection.Sealed s = WrapTokens.toWindows(token, n);
        assertEquals(60 + ec, s.header().length);
        assertEquals(n, s.ciphertext().length);
        assertEquals(ec, WrapTokens.ec(s.header()));
        assertEquals(28, WrapTokens.rrc(s.header()));
        byte[] joined = WrapTokens.join(s.header(), s.ciphertext());
        assertArrayEquals(Arrays.copyOfRange(token, 16, token.length),
                WrapTokens.rotateLeft(Arrays.copyOfRange(joined, 16, joined.length), 28 + ec));
    }

    @Test
    void aRotatedJgssTokenIsNormalisedFirst() {
        int n = 20;
        byte[] plain = cfx(0, 0, n + 44);
        byte[] rotated = WrapTokens.withRrc(plain, 12);
        System.arraycopy(WrapTokens.rotateRight(Arrays.copyOfRange(plain, 16, plain.length), 12), 0, rotated, 16, n + 44);
        MessageProtection.Sealed a = WrapTokens.toWindows(plain, n);
        MessageProtection.Sealed b = WrapTokens.toWindows(rotated, n);
        assertArrayEquals(a.header(), b.header());
        assertArrayEquals(a.ciphertext(), b.ciphertext());
    }

    @Test
    void emptyPlaintextStillSplitsAtSixty() {
        MessageProtection.Sealed s = WrapTokens.toWindows(cfx(0, 0, 44), 0);
        assertEquals(60, s.header().length);
        assertEquals(0, s.ciphertext().length);
    }

    @Test
    void rc4TokenSplitsBeforeTheSealedDataAndItsPadByte() {
        int n = 10;
        byte[] oid = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02};
        byte[] body = new byte[32 + n + 1];
        body[0] = 0x02;
        body[1] = 0x01;
        body[2] = 0x11;
        body[4] = 0x10;
        body[6] = (byte) 0xff;
        body[7] = (byte) 0xff;
        byte[] token = new byte[2 + oid.length + body.length];
        token[0] = 0x60;
        token[1] = (byte) (oid.length + body.length);
        System.arraycopy(oid, 0, token, 2, oid.length);
        System.arraycopy(body, 0, token, 2 + oid.length, body.length);

        MessageProtection.Sealed s = WrapTokens.toWindows(token, n);
        assertEquals(45, s.header().length);
        assertEquals(n + 1, s.ciphertext().length);
        assertArrayEquals(token, WrapTokens.join(s.header(), s.ciphertext()));
    }

    @Test
    void unknownTokensAreRefusedClearly() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> WrapTokens.toWindows(new byte[]{1, 2, 3, 4}, 0));
        assertTrue(e.getMessage().contains("only AES and RC4-HMAC"), e.getMessage());
        byte[] signedOnly = cfx(0, 0, 44);
        signedOnly[2] = 0x04;
        assertThrows(IllegalStateException.class, () -> WrapTokens.toWindows(signedOnly, 0));
    }

    @Test
    void rotationsAreInverse() {
        byte[] b = {1, 2, 3, 4, 5};
        assertArrayEquals(new byte[]{4, 5, 1, 2, 3}, WrapTokens.rotateRight(b, 2));
        assertArrayEquals(b, WrapTokens.rotateLeft(WrapTokens.rotateRight(b, 28), 28));
        assertArrayEquals(new byte[0], WrapTokens.rotateRight(new byte[0], 28));
    }
}
