package io.hvreplica.transport;

import io.hvreplica.auth.IntegrityException;
import io.hvreplica.auth.MessageProtection;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MS-WSMV 2.2.9.1 multipart/encrypted framing, byte for byte, with a trivial XOR "protection". */
class EncryptedBodyTest {
    private static final String SPNEGO = "application/HTTP-SPNEGO-session-encrypted";
    private static final String CONTENT_TYPE = EncryptedBody.contentType(SPNEGO);
    private static final byte[] SOAP = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"/>"
            .getBytes(StandardCharsets.UTF_8);

    /** XOR 0x5A "encryption"; the 16-byte header is "XSIG", the plaintext length (big-endian), then a checksum. */
    static final class XorProtection implements MessageProtection {
        private final String protocol;

        XorProtection(String protocol) {
            this.protocol = protocol;
        }

        @Override
        public String protocol() {
            return protocol;
        }

        static byte[] header(byte[] plain) {
            byte[] h = new byte[16];
            h[0] = 'X';
            h[1] = 'S';
            h[2] = 'I';
            h[3] = 'G';
            h[4] = (byte) (plain.length >>> 24);
            h[5] = (byte) (plain.length >>> 16);
            h[6] = (byte) (plain.length >>> 8);
            h[7] = (byte) plain.length;
            long sum = 0;
            for (byte b : plain) {
                sum = sum * 31 + (b & 0xFF);
            }
            for (int i = 0; i < 8; i++) {
                h[8 + i] = (byte) (sum >>> (8 * i));
            }
            return h;
        }

        static byte[] xor(byte[] in) {
            byte[] out = new byte[in.length];
            for (int i = 0; i < in.length; i++) {
                out[i] = (byte) (in[i] ^ 0x5A);
            }
            return out;
        }

        @Override
        public Sealed seal(byte[] plaintext) {
            return new Sealed(header(plaintext), xor(plaintext));
        }

        @Override
        public byte[] unseal(byte[] header, byte[] ciphertext) {
            byte[] plain = xor(ciphertext);
            if (!Arrays.equals(header, header(plain))) {
                throw new IntegrityException("signature mismatch");
            }
            return plain;
        }
    }

    private static final XorProtection XOR = new XorProtection(SPNEGO);

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The framing written out by hand from MS-WSMV (and pywinrm's framing tests). */
    private static byte[] framed(String openBoundary, byte[] lengthField, byte[] header, byte[] cipher, String close,
                                 String announcedLength) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(ascii(openBoundary + "\r\n"));
        b.writeBytes(ascii("\tContent-Type: " + SPNEGO + "\r\n"));
        b.writeBytes(ascii("\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=" + announcedLength + "\r\n"));
        b.writeBytes(ascii(openBoundary + "\r\n"));
        b.writeBytes(ascii("\tContent-Type: application/octet-stream\r\n"));
        b.writeBytes(lengthField);
        b.writeBytes(header);
        b.writeBytes(cipher);
        b.writeBytes(ascii(close));
        return b.toByteArray();
    }

    private static byte[] le(int n) {
        return new byte[]{(byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24)};
    }

    private static byte[] good() {
        return framed("--Encrypted Boundary", le(16), XorProtection.header(SOAP), XorProtection.xor(SOAP),
                "--Encrypted Boundary--\r\n", String.valueOf(SOAP.length));
    }

    @Test
    void contentTypeNamesProtocolAndBoundary() {
        assertEquals("multipart/encrypted;protocol=\"application/HTTP-SPNEGO-session-encrypted\";"
                + "boundary=\"Encrypted Boundary\"", CONTENT_TYPE);
        assertTrue(EncryptedBody.isEncrypted(CONTENT_TYPE));
        assertTrue(EncryptedBody.isEncrypted("Multipart/Encrypted; protocol=\"x\""));
        assertFalse(EncryptedBody.isEncrypted("application/soap+xml;charset=UTF-8"));
        assertFalse(EncryptedBody.isEncrypted(null));
    }

    @Test
    void sealWritesTheFramingByteForByte() {
        byte[] sealed = EncryptedBody.seal(XOR, SOAP);
        assertArrayEquals(good(), sealed, () -> new String(sealed, StandardCharsets.ISO_8859_1));
    }

    @Test
    void lengthFieldIsLittleEndian() {
        byte[] sealed = EncryptedBody.seal(XOR, SOAP);
        int at = indexOf(sealed, ascii("application/octet-stream\r\n")) + "application/octet-stream\r\n".length();
        assertArrayEquals(new byte[]{16, 0, 0, 0}, Arrays.copyOfRange(sealed, at, at + 4));
        assertArrayEquals(ascii("XSIG"), Arrays.copyOfRange(sealed, at + 4, at + 8), "the header follows at once");
    }

    @Test
    void unsealReadsWhatSealWrote() {
        assertArrayEquals(SOAP, EncryptedBody.unseal(XOR, CONTENT_TYPE, EncryptedBody.seal(XOR, SOAP)));
        byte[] big = new byte[70_000];
        Arrays.fill(big, (byte) 'a');
        assertArrayEquals(big, EncryptedBody.unseal(XOR, CONTENT_TYPE, EncryptedBody.seal(XOR, big)));
    }

    @Test
    void unsealAcceptsTheSpacedBoundaryOfExchangeEndpoints() {
        byte[] spaced = framed("-- Encrypted Boundary", le(16), XorProtection.header(SOAP), XorProtection.xor(SOAP),
                "--Encrypted Boundary--\r\n", String.valueOf(SOAP.length));
        // Only the first boundary may carry the space; the second is looked up as written by Windows.
        byte[] firstOnly = replaceFirstAfter(spaced, ascii("-- Encrypted Boundary\r\n\tContent-Type: application/oct"),
                ascii("--Encrypted Boundary\r\n\tContent-Type: application/oct"));
        assertArrayEquals(SOAP, EncryptedBody.unseal(XOR, CONTENT_TYPE, firstOnly));
    }

    @Test
    void missingClosingBoundaryIsAnIntegrityFailure() {
        byte[] body = framed("--Encrypted Boundary", le(16), XorProtection.header(SOAP), XorProtection.xor(SOAP),
                "", String.valueOf(SOAP.length));
        IntegrityException e = assertThrows(IntegrityException.class, () -> EncryptedBody.unseal(XOR, CONTENT_TYPE, body));
        assertTrue(e.getMessage().contains("mis-framed"), e.getMessage());
    }

    @Test
    void lengthFieldBeyondTheDataIsAnIntegrityFailure() {
        for (int bad : new int[]{-1, Integer.MAX_VALUE, 16 + SOAP.length + 1}) {
            byte[] body = framed("--Encrypted Boundary", le(bad), XorProtection.header(SOAP), XorProtection.xor(SOAP),
                    "--Encrypted Boundary--\r\n", String.valueOf(SOAP.length));
            IntegrityException e = assertThrows(IntegrityException.class,
                    () -> EncryptedBody.unseal(XOR, CONTENT_TYPE, body), "length " + bad);
            assertTrue(e.getMessage().contains("length is out of range"), e.getMessage());
        }
    }

    @Test
    void lengthFieldOffByOneSplitsHeaderAndDataWrongly() {
        for (int bad : new int[]{15, 17, 0}) {
            byte[] body = framed("--Encrypted Boundary", le(bad), XorProtection.header(SOAP), XorProtection.xor(SOAP),
                    "--Encrypted Boundary--\r\n", String.valueOf(SOAP.length));
            assertThrows(IntegrityException.class, () -> EncryptedBody.unseal(XOR, CONTENT_TYPE, body), "length " + bad);
        }
    }

    @Test
    void bigEndianLengthFieldIsRejected() {
        byte[] body = framed("--Encrypted Boundary", new byte[]{0, 0, 0, 16}, XorProtection.header(SOAP),
                XorProtection.xor(SOAP), "--Encrypted Boundary--\r\n", String.valueOf(SOAP.length));
        assertThrows(IntegrityException.class, () -> EncryptedBody.unseal(XOR, CONTENT_TYPE, body));
    }

    @Test
    void wrongProtocolIsAnIntegrityFailure() {
        IntegrityException e = assertThrows(IntegrityException.class, () -> EncryptedBody.unseal(XOR,
                EncryptedBody.contentType("application/HTTP-Kerberos-session-encrypted"), good()));
        assertTrue(e.getMessage().contains("different protocol"), e.getMessage());
        assertThrows(IntegrityException.class,
                () -> EncryptedBody.unseal(XOR, "multipart/encrypted;boundary=\"Encrypted Boundary\"", good()));
    }

    @Test
    void announcedLengthDifferentFromTheContentIsTampering() {
        byte[] body = framed("--Encrypted Boundary", le(16), XorProtection.header(SOAP), XorProtection.xor(SOAP),
                "--Encrypted Boundary--\r\n", String.valueOf(SOAP.length + 1));
        IntegrityException e = assertThrows(IntegrityException.class, () -> EncryptedBody.unseal(XOR, CONTENT_TYPE, body));
        assertTrue(e.getMessage().contains("altered in transit"), e.getMessage());
    }

    @Test
    void missingOriginalContentLengthIsAnIntegrityFailure() {
        byte[] body = replaceFirstAfter(good(), ascii(";Length=" + SOAP.length), ascii(""));
        assertThrows(IntegrityException.class, () -> EncryptedBody.unseal(XOR, CONTENT_TYPE, body));
    }

    @Test
    void bodiesThatAreNotFramedAtAllAreIntegrityFailures() {
        for (byte[] body : new byte[][]{SOAP, new byte[0], ascii("--Encrypted Boundary\r\n"),
                ascii("--Encrypted Boundary\r\n\tContent-Type: " + SPNEGO + "\r\n"),
                Arrays.copyOf(good(), good().length - 30)}) {
            assertThrows(IntegrityException.class, () -> EncryptedBody.unseal(XOR, CONTENT_TYPE, body),
                    () -> new String(body, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void tamperedCiphertextFailsTheSignature() {
        byte[] body = good();
        body[body.length - "--Encrypted Boundary--\r\n".length() - 1] ^= 1;
        assertThrows(IntegrityException.class, () -> EncryptedBody.unseal(XOR, CONTENT_TYPE, body));
    }

    private static int indexOf(byte[] b, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= b.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] replaceFirstAfter(byte[] b, byte[] find, byte[] with) {
        int at = indexOf(b, find);
        assertTrue(at >= 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, at);
        out.writeBytes(with);
        out.write(b, at + find.length, b.length - at - find.length);
        return out.toByteArray();
    }
}
