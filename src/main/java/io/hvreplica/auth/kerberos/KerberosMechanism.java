package io.hvreplica.auth.kerberos;

import org.ietf.jgss.GSSException;
import org.ietf.jgss.Oid;

/**
 * How the Kerberos token travels: raw krb5 under {@code Authorization: Kerberos}, or wrapped in
 * SPNEGO under {@code Authorization: Negotiate}. The multipart protocol string follows the scheme
 * (reference §4.1), not the mechanism that SPNEGO ends up choosing.
 */
public enum KerberosMechanism {
    /** Raw krb5 (RFC 4121 InitialContextToken), as WinRb sends it. */
    KERBEROS("kerberos", "Kerberos", "1.2.840.113554.1.2.2", "application/HTTP-Kerberos-session-encrypted"),
    /** SPNEGO (RFC 4178) negotiating krb5, as Windows' own client and pywinrm send it. */
    NEGOTIATE("negotiate", "Negotiate", "1.3.6.1.5.5.2", "application/HTTP-SPNEGO-session-encrypted");

    private final String authenticatorName;
    private final String scheme;
    private final String oid;
    private final String protocol;

    KerberosMechanism(String authenticatorName, String scheme, String oid, String protocol) {
        this.authenticatorName = authenticatorName;
        this.scheme = scheme;
        this.oid = oid;
        this.protocol = protocol;
    }

    String authenticatorName() {
        return authenticatorName;
    }

    /** The HTTP authentication scheme name. */
    public String scheme() {
        return scheme;
    }

    /** The multipart/encrypted {@code protocol=} value. */
    public String protocol() {
        return protocol;
    }

    Oid oid() {
        try {
            return new Oid(oid);
        } catch (GSSException e) {
            throw new IllegalStateException("bad built-in OID " + oid, e);
        }
    }
}
