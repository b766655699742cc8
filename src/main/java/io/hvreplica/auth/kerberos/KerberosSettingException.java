package io.hvreplica.auth.kerberos;

import io.hvreplica.auth.AuthenticationException;

/**
 * A Kerberos failure whose fix is a setting the caller can give: the realm, its KDC, or the host's
 * service principal. The setting is named here so that a front end can point at its own option for
 * it; the message itself names none.
 */
public final class KerberosSettingException extends AuthenticationException {
    /** The setting that would fix the failure. */
    public enum Setting {
        /** {@link KerberosAuthenticator.Builder#realm} */
        REALM,
        /** {@link KerberosAuthenticator.Builder#kdc} */
        KDC,
        /** {@link KerberosAuthenticator.Builder#spn} */
        SPN
    }

    private final Setting setting;

    KerberosSettingException(String message, Setting setting, Throwable cause) {
        super(message, cause);
        this.setting = setting;
    }

    public Setting setting() {
        return setting;
    }
}
