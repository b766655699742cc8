package io.hvreplica.auth.ntlm;

/**
 * MD4 (RFC 1320), needed only for NTOWFv1. The JDK ships MD4 solely as an internal {@code sun.*}
 * class and we do not want a BouncyCastle dependency for one hash of one password.
 */
final class Md4 {
    private Md4() {
    }

    static byte[] digest(byte[] input) {
        // Padding: 0x80, zeros up to 56 mod 64, then the bit length as a little-endian uint64.
        int padded = ((input.length + 8) / 64 + 1) * 64;
        byte[] msg = new byte[padded];
        System.arraycopy(input, 0, msg, 0, input.length);
        msg[input.length] = (byte) 0x80;
        long bits = (long) input.length * 8;
        for (int i = 0; i < 8; i++) {
            msg[padded - 8 + i] = (byte) (bits >>> (8 * i));
        }

        int a = 0x67452301;
        int b = 0xefcdab89;
        int c = 0x98badcfe;
        int d = 0x10325476;
        int[] x = new int[16];
        for (int block = 0; block < padded; block += 64) {
            for (int i = 0; i < 16; i++) {
                int p = block + 4 * i;
                x[i] = (msg[p] & 0xff) | (msg[p + 1] & 0xff) << 8 | (msg[p + 2] & 0xff) << 16 | (msg[p + 3] & 0xff) << 24;
            }
            int aa = a;
            int bb = b;
            int cc = c;
            int dd = d;

            for (int i = 0; i < 16; i += 4) {
                a = r1(a, b, c, d, x[i], 3);
                d = r1(d, a, b, c, x[i + 1], 7);
                c = r1(c, d, a, b, x[i + 2], 11);
                b = r1(b, c, d, a, x[i + 3], 19);
            }
            for (int i = 0; i < 4; i++) {
                a = r2(a, b, c, d, x[i], 3);
                d = r2(d, a, b, c, x[i + 4], 5);
                c = r2(c, d, a, b, x[i + 8], 9);
                b = r2(b, c, d, a, x[i + 12], 13);
            }
            int[] order = {0, 2, 1, 3};
            for (int i : order) {
                a = r3(a, b, c, d, x[i], 3);
                d = r3(d, a, b, c, x[i + 8], 9);
                c = r3(c, d, a, b, x[i + 4], 11);
                b = r3(b, c, d, a, x[i + 12], 15);
            }

            a += aa;
            b += bb;
            c += cc;
            d += dd;
        }
        java.util.Arrays.fill(msg, (byte) 0);
        java.util.Arrays.fill(x, 0);

        byte[] out = new byte[16];
        int[] state = {a, b, c, d};
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                out[4 * i + j] = (byte) (state[i] >>> (8 * j));
            }
        }
        return out;
    }

    private static int r1(int a, int b, int c, int d, int x, int s) {
        return Integer.rotateLeft(a + ((b & c) | (~b & d)) + x, s);
    }

    private static int r2(int a, int b, int c, int d, int x, int s) {
        return Integer.rotateLeft(a + ((b & c) | (b & d) | (c & d)) + x + 0x5a827999, s);
    }

    private static int r3(int a, int b, int c, int d, int x, int s) {
        return Integer.rotateLeft(a + (b ^ c ^ d) + x + 0x6ed9eba1, s);
    }
}
