package io.hvreplica.auth;

/**
 * Per-message protection (sign and seal) keyed by an established {@link SecurityContext}, in the
 * split form WinRM's multipart/encrypted framing needs: a security header (the "signature" whose
 * length goes in the 4-byte field) and the ciphertext. Calls are ordered: each seal and each
 * unseal advances its own sequence number.
 */
public interface MessageProtection {

    /** The multipart {@code protocol=} value, e.g. "application/HTTP-SPNEGO-session-encrypted". */
    String protocol();

    /** Seals one whole HTTP message body. */
    Sealed seal(byte[] plaintext);

    /**
     * Verifies and decrypts one whole HTTP message body.
     *
     * @throws IntegrityException if the signature, sequence number or length does not check out
     */
    byte[] unseal(byte[] header, byte[] ciphertext);

    /** A sealed message: the security header and the ciphertext, in wire order. */
    record Sealed(byte[] header, byte[] ciphertext) {
    }
}
