package io.hvreplica.auth.kerberos;

import io.hvreplica.auth.Authenticator;
import io.hvreplica.auth.ChannelBindings;
import io.hvreplica.auth.Credentials;
import io.hvreplica.auth.SecurityContext;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Kerberos through the JDK's JGSS, with WinRM message encryption in Windows' layout.
 *
 * <pre>{@code
 * new KerberosAuthenticator(Credentials.of("hvadmin@CORP.EXAMPLE.COM", pw))         // SPNEGO, password
 * KerberosAuthenticator.withKeytab(Path.of("svc.keytab"), "svc@CORP.EXAMPLE.COM").build()
 * KerberosAuthenticator.withTicketCache().mechanism(KerberosMechanism.KERBEROS).build()
 * }</pre>
 *
 * <p>The service principal is {@code HTTP/<host as given>@<the user's realm>}, used exactly as
 * written: no DNS canonicalisation, no reverse lookup. Give the host's DNS name; override with
 * {@link Builder#spn}.
 *
 * <p>Kerberos configuration: {@link Builder#krb5Config}, else {@code -Djava.security.krb5.conf},
 * else {@code KRB5_CONFIG}, else {@code /etc/krb5.conf}; {@link Builder#realm} and
 * {@link Builder#kdc} override the default realm and its KDC. The JDK holds one Kerberos
 * configuration per JVM.
 *
 * <p>Over HTTPS, channel bindings need the JVM option {@value TlsChannelBinding#FLAG}.
 */
public final class KerberosAuthenticator implements Authenticator {
    private final KerberosMechanism mechanism;
    private final String spn;
    private final KerberosLogin login;

    /** Password logon, SPNEGO under "Negotiate", realm from the user name or krb5.conf. */
    public KerberosAuthenticator(Credentials credentials) {
        this(withPassword(credentials));
    }

    private KerberosAuthenticator(Builder b) {
        this.mechanism = b.mechanism;
        this.spn = b.spn;
        this.login = new KerberosLogin(b.source, b.krb5Config, b.realm, b.kdc);
    }

    /** A TGT from the KDC with a password; the realm is the user's (user@REALM, DNS.DOMAIN\\user) or the default. */
    public static Builder withPassword(Credentials credentials) {
        return new Builder(new CredentialSource.Password(credentials));
    }

    /** A TGT from the KDC with the key of {@code principal} in a keytab. */
    public static Builder withKeytab(Path keytab, String principal) {
        return new Builder(new CredentialSource.Keytab(keytab, principal));
    }

    /** The TGT in the credential cache named by KRB5CCNAME, else by krb5.conf, else /tmp/krb5cc_UID. */
    public static Builder withTicketCache() {
        return withTicketCacheNamed(System.getenv("KRB5CCNAME"));
    }

    /** The TGT in an MIT FILE credential cache (from {@code kinit -c FILE}). */
    public static Builder withTicketCache(Path cache) {
        return new Builder(new CredentialSource.TicketCache("FILE:" + Objects.requireNonNull(cache, "cache"), null));
    }

    /**
     * The TGT in the cache a KRB5CCNAME value names: {@code FILE:/path}, {@code /path}, or a
     * {@code DIR:} collection; null or blank (KRB5CCNAME unset) means krb5.conf's
     * {@code default_ccache_name}, else /tmp/krb5cc_UID.
     * Other cache types (KCM, KEYRING, API) are not files, and Java cannot read them: the
     * {@link CredentialCheck} says so, and so does the logon.
     */
    public static Builder withTicketCacheNamed(String name) {
        return new Builder(new CredentialSource.TicketCache(name == null || name.isBlank() ? null : name, null));
    }

    /** MIT's built-in default ticket cache, /tmp/krb5cc_UID: a FILE cache, which Java can read. */
    public static Path defaultTicketCacheFile() {
        return CredentialCache.defaultFile();
    }

    /**
     * Whether Kerberos can be tried for {@code host} with these options without asking anyone:
     * the rule {@code --auth negotiate} uses to prefer Kerberos over NTLM. See {@link CredentialCheck}.
     */
    public static boolean hasCredentialsAtHand(String host, Builder options) {
        return checkCredentials(host, options).usable();
    }

    /** {@link #hasCredentialsAtHand} with the reason, for verbose output. */
    public static CredentialCheck checkCredentials(String host, Builder options) {
        return CredentialCheck.of(host, options.source, options.krb5Config, options.realm, options.spn);
    }

    @Override
    public String name() {
        return mechanism.authenticatorName();
    }

    @Override
    public boolean connectionBound() {
        return true;
    }

    public KerberosMechanism mechanism() {
        return mechanism;
    }

    /** Logs in if needed (once per TGT lifetime) and starts a context for {@code host}. */
    @Override
    public SecurityContext newContext(String host, ChannelBindings bindings) {
        if (spn == null && (host == null || host.isEmpty())) {
            throw new IllegalArgumentException("Kerberos needs the host name for its service principal");
        }
        return new KerberosContext(mechanism, login, servicePrincipal(host), bindings);
    }

    /** The service principal for {@code host}: the override or HTTP/host, in the user's realm unless it names one. */
    String servicePrincipal(String host) {
        String name = spn != null ? spn : "HTTP/" + host;
        return name.indexOf('@') >= 0 ? name : name + "@" + KerberosFailures.realmOf(login.principal());
    }

    @Override
    public String toString() {
        return "KerberosAuthenticator[" + mechanism.scheme() + (spn == null ? "" : ", " + spn) + "]";
    }

    /** Options; {@link #build()} makes an immutable authenticator. */
    public static final class Builder {
        private final CredentialSource source;
        private KerberosMechanism mechanism = KerberosMechanism.NEGOTIATE;
        private String spn;
        private String realm;
        private String kdc;
        private Path krb5Config;

        private Builder(CredentialSource source) {
            this.source = source;
        }

        /** {@link KerberosMechanism#NEGOTIATE} (the default) or {@link KerberosMechanism#KERBEROS}. */
        public Builder mechanism(KerberosMechanism mechanism) {
            this.mechanism = Objects.requireNonNull(mechanism, "mechanism");
            return this;
        }

        /** The host's service principal, e.g. "HTTP/hv01.corp.example.com" or "WSMAN/hv01@CORP.EXAMPLE.COM". */
        public Builder spn(String spn) {
            this.spn = spn == null || spn.isBlank() ? null : spn;
            return this;
        }

        /** The realm for user names without one, and the default realm. */
        public Builder realm(String realm) {
            this.realm = realm == null || realm.isBlank() ? null : realm;
            return this;
        }

        /** The KDC of {@link #realm}, "host" or "host:port"; needs the realm. */
        public Builder kdc(String kdc) {
            this.kdc = kdc == null || kdc.isBlank() ? null : kdc;
            return this;
        }

        /** The krb5.conf to read instead of KRB5_CONFIG or /etc/krb5.conf. */
        public Builder krb5Config(Path krb5Config) {
            this.krb5Config = krb5Config;
            return this;
        }

        public KerberosAuthenticator build() {
            if (kdc != null && realm == null) {
                throw new IllegalArgumentException("a KDC override needs the realm it serves: pass the realm too");
            }
            return new KerberosAuthenticator(this);
        }
    }
}
