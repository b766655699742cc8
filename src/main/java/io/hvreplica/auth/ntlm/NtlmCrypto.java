package io.hvreplica.auth.ntlm;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The MS-NLMP key derivations (NTOWF, SIGNKEY, SEALKEY) over JCA's MD5, HMAC-MD5 and RC4. */
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
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        } catch (GeneralSecurityException e) {
            throw missing("MD5", e);
        }
    }

    static byte[] hmacMd5(byte[] key, byte[]... parts) {
        Mac mac = hmacMd5(key);
        for (byte[] p : parts) {
            mac.update(p);
        }
        return mac.doFinal();
    }

    static Mac hmacMd5(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw missing("HmacMD5", e);
        }
    }

    /** A fresh RC4 keystream; callers keep it and only ever call update(). */
    static Cipher rc4(byte[] key) {
        try {
            Cipher c = Cipher.getInstance("ARCFOUR");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ARCFOUR"));
            return c;
        } catch (GeneralSecurityException e) {
            throw missing("ARCFOUR (RC4)", e);
        }
    }

    /** One-shot RC4, for the key exchange. */
    static byte[] rc4(byte[] key, byte[] data) {
        return update(rc4(key), data);
    }

    /** Cipher.update returns null for empty input; RC4 output is always as long as its input. */
    static byte[] update(Cipher c, byte[] data) {
        byte[] out = new byte[data.length];
        if (data.length > 0) {
            try {
                c.update(data, 0, data.length, out, 0);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("RC4 failed", e);
            }
        }
        return out;
    }

    private static IllegalStateException missing(String alg, Exception e) {
        return new IllegalStateException("this Java runtime does not provide " + alg + ", which NTLM needs", e);
    }
}
