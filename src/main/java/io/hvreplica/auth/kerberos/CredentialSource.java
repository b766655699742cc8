package io.hvreplica.auth.kerberos;

import io.hvreplica.auth.Credentials;

import java.nio.file.Path;
import java.util.Objects;

/** Where the Kerberos initial ticket (TGT) comes from. */
sealed interface CredentialSource {

    /** Asks the KDC for a TGT with a password (the user name's realm, or the default one). */
    record Password(Credentials credentials) implements CredentialSource {
        public Password {
            Objects.requireNonNull(credentials, "credentials");
        }
    }

    /** Asks the KDC for a TGT with a key from a keytab file. */
    record Keytab(Path keytab, String principal) implements CredentialSource {
        public Keytab {
            Objects.requireNonNull(keytab, "keytab");
            if (principal == null || principal.isBlank()) {
                throw new IllegalArgumentException("a keytab needs the principal to log in as (user@REALM)");
            }
        }
    }

    /**
     * Uses the TGT in an MIT credential cache (from kinit) that is a file: FILE, or a DIR collection.
     *
     * @param name      the cache in KRB5CCNAME syntax ({@code FILE:/path}, {@code /path},
     *                  {@code DIR:/dir}), or null for krb5.conf's default_ccache_name, else
     *                  /tmp/krb5cc_UID
     * @param principal the principal the cache must hold, or null for whichever it holds
     */
    record TicketCache(String name, String principal) implements CredentialSource {
    }
}
