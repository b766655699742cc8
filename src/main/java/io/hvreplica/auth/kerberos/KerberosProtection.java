package io.hvreplica.auth.kerberos;

import io.hvreplica.auth.AuthenticationException;
import io.hvreplica.auth.IntegrityException;
import io.hvreplica.auth.MessageProtection;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.MessageProp;

import java.util.Arrays;

/**
 * WinRM message encryption with an established JGSS context: JGSS wraps and unwraps, and
 * {@link WrapTokens} converts between its token form and Windows' header/ciphertext split.
 */
final class KerberosProtection implements MessageProtection {
    private final GSSContext context;
    private final String protocol;

    KerberosProtection(GSSContext context, String protocol) {
        this.context = context;
        this.protocol = protocol;
    }

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public Sealed seal(byte[] plaintext) {
        MessageProp prop = new MessageProp(0, true);
        byte[] token;
        try {
            token = context.wrap(plaintext, 0, plaintext.length, prop);
        } catch (GSSException e) {
            throw new IllegalStateException("Kerberos could not encrypt the request: " + e.getMessage(), e);
        }
        if (!prop.getPrivacy()) {
            throw new IllegalStateException("the Kerberos context cannot encrypt; refusing to send the request"
                    + " signed only");
        }
        try {
            return WrapTokens.toWindows(token, plaintext.length);
        } catch (IllegalStateException e) {
            throw new AuthenticationException(e.getMessage()
                    + "; enable AES for the host's account so that the session uses it", e);
        }
    }

    @Override
    public byte[] unseal(byte[] header, byte[] ciphertext) {
        byte[] token = WrapTokens.join(header, ciphertext);
        if (!WrapTokens.isCfx(token)) {
            return unwrap(token, 0);
        }
        int ec = WrapTokens.ec(token);
        try {
            // Windows and MIT rotate by RRC + EC (MS-KILE 3.4.5.4.1), and so does a current JDK.
            return checked(token, 0);
        } catch (GSSException e) {
            if (ec == 0) {
                throw tampered(e);
            }
        }
        // Older JDK builds rotate by RRC alone and keep the EC filler: present the same rotation
        // to them and drop the filler. A failed unwrap leaves the context's sequence state alone.
        return unwrap(WrapTokens.withRrc(token, WrapTokens.rrc(token) + ec), ec);
    }

    private byte[] unwrap(byte[] token, int filler) {
        try {
            return checked(token, filler);
        } catch (GSSException e) {
            throw tampered(e);
        }
    }

    private byte[] checked(byte[] token, int filler) throws GSSException {
        MessageProp prop = new MessageProp(0, true);
        byte[] plain = context.unwrap(token, 0, token.length, prop);
        if (!prop.getPrivacy()) {
            throw new IntegrityException("the host's response was signed but not encrypted; refusing it");
        }
        if (prop.isDuplicateToken() || prop.isOldToken() || prop.isUnseqToken() || prop.isGapToken()) {
            throw new IntegrityException("the host's encrypted response is out of sequence (replayed, reordered"
                    + " or missing a message); refusing it");
        }
        return filler == 0 ? plain : Arrays.copyOf(plain, plain.length - filler);
    }

    private static IntegrityException tampered(GSSException e) {
        return new IntegrityException("the host's encrypted response failed the Kerberos integrity check ("
                + e.getMessage() + "): it was altered in transit or sealed with another key", e);
    }
}
