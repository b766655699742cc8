package io.hvreplica.auth.ntlm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/** The MS-NLMP key derivations (NTOWF, SIGNKEY, SEALKEY) over MD5, HMAC-MD5 and RC4. */
final class NtlmCrypto {
    private static final byte[] CLIENT_SIGN = magic("session key to client-to-server signing key magic constant");
    private static final byte[] SERVER_SIGN = magic("session key to server-to-client signing key magic constant");
    private static final byte[] CLIENT_SEAL = magic("session key to client-to-server sealing key magic constant");
    private static final byte[] SERVER_SEAL = magic("session key to server-to-client sealing key magic constant");

    private NtlmCrypto() {
    }

    /** The constants are hashed with their terminating NUL. */
    private static byte[] magic(String s) {
        byte[] ascii = s.getBytes(StandardCharsets.US_ASCII);
        return Arrays.copyOf(ascii, ascii.length + 1);
    }

    /** MD4 of the UTF-16LE password, built without an intermediate String so it can be wiped. */
    static byte[] ntowfV1(char[] password) {
        byte[] utf16 = new byte[password.length * 2];
        for (int i = 0; i < password.length; i++) {
            NtlmWire.put16(utf16, 2 * i, password[i]);
        }
        try {
            return Md4.digest(utf16);
        } finally {
            Arrays.fill(utf16, (byte) 0);
        }
    }

    /** NTOWFv2: HMAC_MD5(NTOWFv1, UTF-16LE(UPPER(user) + domain)); the domain keeps its case. */
    static byte[] ntowfV2(byte[] ntowfV1, String user, String domain) {
        return hmacMd5(ntowfV1, NtlmWire.utf16le(upperCase(user) + domain));
    }

    /**
     * Windows upper-cases per UTF-16 code unit, so lengths never change; String.toUpperCase would
     * turn "ß" into "SS" and break the hash.
     */
    static String upperCase(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            c[i] = Character.toUpperCase(c[i]);
        }
        return new String(c);
    }

    static byte[] signKey(byte[] exportedSessionKey, boolean clientToServer) {
        return md5(exportedSessionKey, clientToServer ? CLIENT_SIGN : SERVER_SIGN);
    }

    /** SEALKEY with extended session security: the key is first cut to 56 or 40 bits when 128 was not agreed. */
    static byte[] sealKey(byte[] exportedSessionKey, int flags, boolean clientToServer) {
        int len = (flags & NtlmFlags.KEY_128) != 0 ? 16 : (flags & NtlmFlags.KEY_56) != 0 ? 7 : 5;
        byte[] k = Arrays.copyOf(exportedSessionKey, len);
        try {
            return md5(k, clientToServer ? CLIENT_SEAL : SERVER_SEAL);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    static byte[] md5(byte[]... parts) {
        MessageDigest md = HmacMd5.md5();
        for (byte[] p : parts) {
            md.update(p);
        }
        return md.digest();
    }

    static byte[] hmacMd5(byte[] key, byte[]... parts) {
        HmacMd5 mac = new HmacMd5(key);
        for (byte[] p : parts) {
            mac.update(p);
        }
        return mac.doFinal();
    }

    /** One-shot RC4, for the key exchange. */
    static byte[] rc4(byte[] key, byte[] data) {
        Rc4 rc4 = new Rc4(key);
        try {
            return rc4.update(data);
        } finally {
            rc4.destroy();
        }
    }
}
