package io.hvreplica.auth;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Locale;

/**
 * TLS channel bindings of type tls-server-end-point (RFC 5929 §4.1): the hash of the server's
 * leaf certificate. Hosts with Extended Protection set to Strict demand them.
 */
public final class ChannelBindings {
    private final byte[] applicationData;

    private ChannelBindings(byte[] applicationData) {
        this.applicationData = applicationData;
    }

    public static ChannelBindings tlsServerEndPoint(X509Certificate leaf) {
        try {
            MessageDigest digest = MessageDigest.getInstance(hashFor(leaf.getSigAlgName()));
            byte[] hash = digest.digest(leaf.getEncoded());
            byte[] prefix = "tls-server-end-point:".getBytes(StandardCharsets.US_ASCII);
            byte[] data = new byte[prefix.length + hash.length];
            System.arraycopy(prefix, 0, data, 0, prefix.length);
            System.arraycopy(hash, 0, data, prefix.length, hash.length);
            return new ChannelBindings(data);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot compute TLS channel bindings: " + e.getMessage(), e);
        }
    }

    /** RFC 5929: the certificate's own signature hash, except MD5 and SHA-1 (and unknown) become SHA-256. */
    static String hashFor(String sigAlgName) {
        String alg = sigAlgName.toUpperCase(Locale.ROOT);
        if (alg.startsWith("SHA384")) {
            return "SHA-384";
        }
        if (alg.startsWith("SHA512")) {
            return "SHA-512";
        }
        return "SHA-256";
    }

    /** "tls-server-end-point:" followed by the certificate hash. */
    public byte[] applicationData() {
        return applicationData.clone();
    }

    /**
     * The gss_channel_bindings_struct as SSPI and MIT serialise it (address types and lengths zero),
     * which NTLM hashes into MsvAvChannelBindings and Kerberos into the authenticator checksum.
     */
    public byte[] gssStruct() {
        ByteBuffer b = ByteBuffer.allocate(20 + applicationData.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0).putInt(0).putInt(0).putInt(0).putInt(applicationData.length).put(applicationData);
        return b.array();
    }
}
