package io.hvreplica.auth.ntlm;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-MD5 (RFC 2104) over the JDK's MD5 digest, for the reason given on {@link Rc4}: MD5 comes
 * from the first security provider, HMAC-MD5 only after javax.crypto and four more are loaded.
 * Reusable: {@link #doFinal()} leaves it ready for the next message under the same key.
 */
final class HmacMd5 {
    private static final int BLOCK = 64;

    private final MessageDigest inner = md5();
    private final MessageDigest outer = md5();
    private final byte[] innerPad = new byte[BLOCK];
    private final byte[] outerPad = new byte[BLOCK];

    HmacMd5(byte[] key) {
        byte[] k = key.length > BLOCK ? md5().digest(key) : key;
        for (int n = 0; n < BLOCK; n++) {
            byte b = n < k.length ? k[n] : 0;
            innerPad[n] = (byte) (b ^ 0x36);
            outerPad[n] = (byte) (b ^ 0x5C);
        }
        if (k != key) {
            Arrays.fill(k, (byte) 0);
        }
        inner.update(innerPad);
    }

    void update(byte[] data) {
        inner.update(data);
    }

    byte[] doFinal() {
        byte[] innerHash = inner.digest();
        outer.update(outerPad);
        outer.update(innerHash);
        byte[] mac = outer.digest();
        inner.update(innerPad);
        return mac;
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime does not provide MD5, which NTLM needs", e);
        }
    }
}
