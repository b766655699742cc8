package io.hvreplica.auth.kerberos;

import io.hvreplica.auth.MessageProtection;

import java.util.Arrays;

/**
 * Moves Kerberos wrap tokens between the form JGSS writes and reads and the split WinRM puts on the
 * wire (reference §5.2, MS-KILE 3.4.5.4.1). Pure byte work, no keys.
 *
 * <p>RFC 4121 (AES) tokens: JGSS writes {@code header(16) | E(confounder | data | filler(EC) |
 * header) | HMAC} with EC = RRC = 0. Windows wants the part after the header rotated right by
 * RRC + EC with RRC = 28, and splits it after {@code 16 + 28 + EC + 16} bytes, so that the
 * "signature" is the header, the rotated trailer and the encrypted confounder, and the ciphertext
 * is exactly as long as the plaintext. The encrypted copy of the header keeps RRC = 0, so
 * rewriting the outer RRC does not affect the checksum.
 *
 * <p>RFC 4757 (RC4-HMAC) tokens: the "signature" is everything before the sealed data and its one
 * byte of padding.
 */
final class WrapTokens {
    static final int CFX_HEADER = 16;
    static final int WINDOWS_RRC = 28;
    private static final int CONFOUNDER = 16;
    private static final int EC_AT = 4;
    private static final int RRC_AT = 6;
    private static final int FLAG_SEALED = 0x02;
    /** RFC 4757: RC4-HMAC pads with exactly one byte. */
    private static final int RC4_PADDING = 1;
    private static final int RC4_TOKEN_BODY = 32;

    private WrapTokens() {
    }

    /** True for an RFC 4121 wrap token (TOK_ID 05 04). */
    static boolean isCfx(byte[] token) {
        return token.length >= CFX_HEADER && token[0] == 0x05 && token[1] == 0x04;
    }

    static int ec(byte[] token) {
        return u16(token, EC_AT);
    }

    static int rrc(byte[] token) {
        return u16(token, RRC_AT);
    }

    /**
     * Splits a JGSS wrap token of {@code plaintextLength} bytes of data into Windows' header and
     * ciphertext.
     *
     * @throws IllegalStateException when the token is not one this layout knows
     */
    static MessageProtection.Sealed toWindows(byte[] token, int plaintextLength) {
        if (isCfx(token)) {
            return cfxToWindows(token, plaintextLength);
        }
        if (isRc4(token)) {
            int dataStart = token.length - plaintextLength - RC4_PADDING;
            if (dataStart != rc4BodyStart(token) + RC4_TOKEN_BODY) {
                throw new IllegalStateException("unexpected RC4-HMAC wrap token length " + token.length
                        + " for " + plaintextLength + " bytes of data");
            }
            return new MessageProtection.Sealed(Arrays.copyOfRange(token, 0, dataStart),
                    Arrays.copyOfRange(token, dataStart, token.length));
        }
        throw new IllegalStateException("the Kerberos session key's encryption type has no WinRM message"
                + " encryption layout here (only AES and RC4-HMAC are supported)");
    }

    private static MessageProtection.Sealed cfxToWindows(byte[] token, int plaintextLength) {
        if ((token[2] & FLAG_SEALED) == 0) {
            throw new IllegalStateException("the wrap token is not sealed: the Kerberos context has no confidentiality");
        }
        int ec = ec(token);
        byte[] body = Arrays.copyOfRange(token, CFX_HEADER, token.length);
        // JGSS writes RRC 0 (unrotated); should it ever rotate, undo it the way it reads (RRC + EC).
        byte[] plain = rrc(token) == 0 ? body : rotateLeft(body, rrc(token) + ec);
        byte[] rotated = rotateRight(plain, WINDOWS_RRC + ec);
        int signatureBody = WINDOWS_RRC + ec + CONFOUNDER;
        if (rotated.length - signatureBody != plaintextLength) {
            throw new IllegalStateException("unexpected AES wrap token length " + token.length
                    + " for " + plaintextLength + " bytes of data");
        }
        byte[] header = new byte[CFX_HEADER + signatureBody];
        System.arraycopy(token, 0, header, 0, CFX_HEADER);
        putU16(header, RRC_AT, WINDOWS_RRC);
        System.arraycopy(rotated, 0, header, CFX_HEADER, signatureBody);
        return new MessageProtection.Sealed(header, Arrays.copyOfRange(rotated, signatureBody, rotated.length));
    }

    /** Joins Windows' header and ciphertext back into one wrap token, unchanged. */
    static byte[] join(byte[] header, byte[] ciphertext) {
        byte[] token = Arrays.copyOf(header, header.length + ciphertext.length);
        System.arraycopy(ciphertext, 0, token, header.length, ciphertext.length);
        return token;
    }

    /** A copy of an RFC 4121 token with another RRC in its outer header. */
    static byte[] withRrc(byte[] token, int rrc) {
        byte[] copy = token.clone();
        putU16(copy, RRC_AT, rrc);
        return copy;
    }

    /** Right rotation of the bytes after the 16-byte header, as RFC 4121 §4.2.5 describes it. */
    static byte[] rotateRight(byte[] b, int count) {
        if (b.length == 0) {
            return b.clone();
        }
        int n = Math.floorMod(count, b.length);
        byte[] out = new byte[b.length];
        System.arraycopy(b, b.length - n, out, 0, n);
        System.arraycopy(b, 0, out, n, b.length - n);
        return out;
    }

    static byte[] rotateLeft(byte[] b, int count) {
        return b.length == 0 ? b.clone() : rotateRight(b, b.length - Math.floorMod(count, b.length));
    }

    /** An RFC 1964-framed wrap token (0x60 ...) whose SEAL_ALG is RC4 (10 00). */
    private static boolean isRc4(byte[] token) {
        int body = rc4BodyStart(token);
        return body > 0 && token.length >= body + RC4_TOKEN_BODY
                && token[body] == 0x02 && token[body + 1] == 0x01       // TOK_ID wrap
                && token[body + 4] == 0x10 && token[body + 5] == 0x00;  // SEAL_ALG RC4
    }

    /** Offset of TOK_ID after the GSS framing {@code 60 len 06 09 <krb5 OID>}, or -1. */
    private static int rc4BodyStart(byte[] token) {
        if (token.length < 2 || (token[0] & 0xff) != 0x60) {
            return -1;
        }
        int lengthByte = token[1] & 0xff;
        int at = 2 + (lengthByte < 0x80 ? 0 : lengthByte & 0x7f);
        if (token.length < at + 11 || token[at] != 0x06 || token[at + 1] != 0x09) {
            return -1;
        }
        return at + 11;
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static void putU16(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 8);
        b[at + 1] = (byte) value;
    }
}
