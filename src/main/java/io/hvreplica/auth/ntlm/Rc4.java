package io.hvreplica.auth.ntlm;

import java.util.Arrays;

/**
 * RC4 (the "ARCFOUR" keystream of MS-NLMP's sealing). Written out rather than taken from JCA:
 * asking JCA for RC4 or HMAC-MD5 first loads the javax.crypto framework and every security
 * provider in turn until one has it, which is most of the CPU of an NTLM handshake in a short
 * command (see README, Cold start). The keystream state lives as long as the session.
 */
final class Rc4 {
    private final int[] s = new int[256];
    private int i;
    private int j;

    Rc4(byte[] key) {
        if (key.length == 0 || key.length > 256) {
            throw new IllegalArgumentException("an RC4 key is 1 to 256 bytes");
        }
        for (int n = 0; n < 256; n++) {
            s[n] = n;
        }
        for (int n = 0, k = 0; n < 256; n++) {
            k = (k + s[n] + (key[n % key.length] & 0xFF)) & 0xFF;
            int t = s[n];
            s[n] = s[k];
            s[k] = t;
        }
    }

    /** The next {@code data.length} bytes of the stream XORed with {@code data}, as a new array. */
    byte[] update(byte[] data) {
        byte[] out = new byte[data.length];
        for (int n = 0; n < data.length; n++) {
            i = (i + 1) & 0xFF;
            j = (j + s[i]) & 0xFF;
            int t = s[i];
            s[i] = s[j];
            s[j] = t;
            out[n] = (byte) (data[n] ^ s[(s[i] + s[j]) & 0xFF]);
        }
        return out;
    }

    /** Forgets the key schedule; the stream is unusable afterwards. */
    void destroy() {
        Arrays.fill(s, 0);
        i = 0;
        j = 0;
    }
}
