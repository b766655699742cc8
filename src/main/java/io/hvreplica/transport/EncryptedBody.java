package io.hvreplica.transport;

import io.hvreplica.auth.IntegrityException;
import io.hvreplica.auth.MessageProtection;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WinRM HTTP message encryption framing, MS-WSMV 2.2.9.1: a multipart/encrypted body with one
 * metadata part (protocol and original length) and one octet-stream part holding a 4-byte
 * little-endian header length, the security header, then the ciphertext. Byte-exact: the part
 * headers start with a TAB, and there is no blank line before the binary data.
 */
public final class EncryptedBody {
    static final String BOUNDARY = "Encrypted Boundary";
    private static final byte[] OPEN = ascii("--" + BOUNDARY + "\r\n");
    private static final byte[] CLOSE = ascii("--" + BOUNDARY + "--\r\n");
    private static final byte[] OCTET_HEADER = ascii("\tContent-Type: application/octet-stream\r\n");
    private static final Pattern LENGTH = Pattern.compile("OriginalContent:\\s*type=application/soap\\+xml;"
            + "\\s*charset=([A-Za-z0-9-]+);\\s*Length=(\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHARSET_NAME = Pattern.compile("[A-Za-z0-9-]+");
    private static final Pattern PROTOCOL = Pattern.compile("protocol=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);

    private EncryptedBody() {
    }

    /** The request Content-Type for a given protocol. */
    public static String contentType(String protocol) {
        return "multipart/encrypted;protocol=\"" + protocol + "\";boundary=\"" + BOUNDARY + "\"";
    }

    /** True when a response Content-Type announces an encrypted body. */
    public static boolean isEncrypted(String contentType) {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/encrypted");
    }

    /** Seals {@code soap}, which is UTF-8, and frames it. */
    public static byte[] seal(MessageProtection protection, byte[] soap) {
        return seal(protection, soap, "UTF-8");
    }

    /**
     * Seals {@code soap} and frames it.
     *
     * @param charset the character set of {@code soap}, for the OriginalContent field
     */
    public static byte[] seal(MessageProtection protection, byte[] soap, String charset) {
        if (!CHARSET_NAME.matcher(charset).matches()) {
            throw new IllegalArgumentException("not a character set name for OriginalContent: " + charset);
        }
        MessageProtection.Sealed sealed = protection.seal(soap);
        ByteArrayOutputStream out = new ByteArrayOutputStream(soap.length + sealed.header().length + 256);
        out.writeBytes(OPEN);
        out.writeBytes(ascii("\tContent-Type: " + protection.protocol() + "\r\n"));
        out.writeBytes(ascii("\tOriginalContent: type=application/soap+xml;charset=" + charset + ";Length="
                + sealed.ciphertext().length + "\r\n"));
        out.writeBytes(OPEN);
        out.writeBytes(OCTET_HEADER);
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(sealed.header().length).array());
        out.writeBytes(sealed.header());
        out.writeBytes(sealed.ciphertext());
        out.writeBytes(CLOSE);
        return out.toByteArray();
    }

    /**
     * Checks the framing, unseals and verifies the length.
     *
     * @throws IntegrityException when the body is mis-framed, fails its signature, or its length
     *                            differs from the announced one
     */
    public static byte[] unseal(MessageProtection protection, String contentType, byte[] body) {
        Matcher proto = PROTOCOL.matcher(contentType);
        if (!proto.find() || !proto.group(1).equalsIgnoreCase(protection.protocol())) {
            throw misframed("its Content-Type names a different protocol than " + protection.protocol());
        }
        int meta = skipOpen(body, 0);
        int second = indexOf(body, OPEN, meta);
        if (second < 0) {
            throw misframed("the data part is missing");
        }
        Matcher length = LENGTH.matcher(new String(body, meta, second - meta, StandardCharsets.US_ASCII));
        if (!length.find()) {
            throw misframed("the OriginalContent length is missing");
        }
        int data = second + OPEN.length;
        if (!startsWith(body, OCTET_HEADER, data)) {
            throw misframed("the data part is not application/octet-stream");
        }
        data += OCTET_HEADER.length;
        int end = body.length - CLOSE.length;
        if (end < data + 4 || !startsWith(body, CLOSE, end)) {
            throw misframed("the closing boundary is missing");
        }
        int headerLength = ByteBuffer.wrap(body, data, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (headerLength < 0 || headerLength > end - data - 4) {
            throw misframed("the security header length is out of range");
        }
        byte[] header = slice(body, data + 4, headerLength);
        byte[] ciphertext = slice(body, data + 4 + headerLength, end - data - 4 - headerLength);
        byte[] plain = protection.unseal(header, ciphertext);
        long announced;
        try {
            announced = Long.parseLong(length.group(2));
        } catch (NumberFormatException e) {
            throw misframed("the OriginalContent length is out of range");
        }
        if (announced != plain.length && announced != ciphertext.length) {
            throw new IntegrityException("the encrypted response announced " + announced
                    + " bytes but carried " + plain.length + ": it was altered in transit");
        }
        return plain;
    }

    /**
     * The Content-Type of the SOAP sealed in a body that {@link #unseal} accepted, as its
     * OriginalContent field declares it: the character set of the plaintext is only there.
     */
    public static String originalContentType(byte[] body) {
        int meta = skipOpen(body, 0);
        int second = indexOf(body, OPEN, meta);
        Matcher length = LENGTH.matcher(new String(body, meta, Math.max(0, second - meta), StandardCharsets.US_ASCII));
        return "application/soap+xml;charset=" + (length.find() ? length.group(1) : "UTF-8");
    }

    // Exchange-hosted endpoints write "-- Encrypted Boundary"; accept the space.
    private static int skipOpen(byte[] body, int at) {
        if (startsWith(body, OPEN, at)) {
            return at + OPEN.length;
        }
        byte[] spaced = ascii("-- " + BOUNDARY + "\r\n");
        if (startsWith(body, spaced, at)) {
            return at + spaced.length;
        }
        throw misframed("it does not start with the Encrypted Boundary");
    }

    private static IntegrityException misframed(String why) {
        return new IntegrityException("the host's encrypted response is mis-framed: " + why);
    }

    private static byte[] slice(byte[] b, int from, int len) {
        byte[] out = new byte[len];
        System.arraycopy(b, from, out, 0, len);
        return out;
    }

    private static boolean startsWith(byte[] b, byte[] prefix, int at) {
        if (at < 0 || at + prefix.length > b.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, byte[] needle, int from) {
        for (int i = from; i + needle.length <= b.length; i++) {
            if (startsWith(b, needle, i)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
