package io.hvreplica.auth.ntlm;

import java.util.Arrays;

/** Little-endian primitives and constants shared by the three NTLM message formats. */
final class NtlmWire {
    static final byte[] SIGNATURE = {'N', 'T', 'L', 'M', 'S', 'S', 'P', 0};
    static final int TYPE_NEGOTIATE = 1;
    static final int TYPE_CHALLENGE = 2;
    static final int TYPE_AUTHENTICATE = 3;

    /**
     * Windows 10.0 build 20348, NTLM revision 15. Servers do not act on the value, but SSPI always
     * sends a Version and some servers expect one.
     */
    static final byte[] VERSION = {10, 0, (byte) 0x7c, (byte) 0x4f, 0, 0, 0, 0x0f};

    private NtlmWire() {
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    static int u32(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    static void put16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    static void put32(byte[] b, int off, int v) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    static byte[] le32(int v) {
        byte[] b = new byte[4];
        put32(b, 0, v);
        return b;
    }

    static byte[] le64(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    static boolean hasSignature(byte[] msg) {
        return msg.length >= 8 && Arrays.equals(msg, 0, 8, SIGNATURE, 0, 8);
    }

    static byte[] utf16le(String s) {
        byte[] out = new byte[s.length() * 2];
        for (int i = 0; i < s.length(); i++) {
            put16(out, 2 * i, s.charAt(i));
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
