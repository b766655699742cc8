package io.hvreplica.cli;

import io.hvreplica.auth.Authenticator;
import io.hvreplica.auth.Credentials;
import io.hvreplica.auth.basic.BasicAuthenticator;
import io.hvreplica.auth.kerberos.KerberosAuthenticator;
import io.hvreplica.auth.kerberos.KerberosMechanism;
import io.hvreplica.auth.ntlm.NtlmAuthenticator;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Who we are and how we prove it. Negotiate prefers Kerberos whenever a Kerberos credential is at
 * hand (a keytab, a ticket cache, or a password with a known realm) and falls back to NTLM.
 */
final class AuthOptions {
    @Option(names = "--auth", paramLabel = "SCHEME", defaultValue = "negotiate",
            description = "negotiate | ntlm | kerberos | basic (default: ${DEFAULT-VALUE})")
    String auth;

    @Option(names = "--user", paramLabel = "USER", description = "DOMAIN\\user, user@domain or user")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the password from FILE (else $HVREPLICA_PASSWORD, else a prompt)")
    Path passwordFile;

    @Option(names = "--keytab", paramLabel = "FILE", description = "Kerberos: log in as --user with this keytab")
    Path keytab;

    @Option(names = "--ccache", paramLabel = "FILE", description = "Kerberos: use this ticket cache (else $KRB5CCNAME)")
    Path ccache;

    @Option(names = "--realm", paramLabel = "REALM", description = "Kerberos realm (overrides krb5.conf)")
    String realm;

    @Option(names = "--kdc", paramLabel = "HOST[:PORT]", description = "Kerberos KDC for --realm (overrides krb5.conf)")
    String kdc;

    @Option(names = "--spn", paramLabel = "SPN", description = "Kerberos service principal (default HTTP/<host>)")
    String spn;

    /** What the chosen authenticator needs to know about where a password could come from. */
    interface PasswordSource {
        /** Whether a password was configured (environment or file), without prompting. */
        boolean configured(Path file);

        char[] read(Path file, String user);
    }

    /** The authenticator and the credentials to wipe once done (null when none were read). */
    record Choice(Authenticator authenticator, Credentials credentials) {
    }

    Choice choose(String host, boolean sealing, PasswordSource passwords) {
        String scheme = auth.toLowerCase(Locale.ROOT);
        boolean kerberosOptions = keytab != null || ccache != null || realm != null || kdc != null || spn != null;
        if (kerberosOptions && !(scheme.equals("kerberos") || scheme.equals("negotiate"))) {
            throw new UsageException("--keytab, --ccache, --realm, --kdc and --spn go with --auth kerberos or negotiate");
        }
        if (kdc != null && realm == null) {
            throw new UsageException("--kdc needs --realm");
        }
        switch (scheme) {
            case "basic":
                return withPassword(passwords, c -> new BasicAuthenticator(c));
            case "ntlm":
                return withPassword(passwords, c -> new NtlmAuthenticator(c, null, NtlmAuthenticator.NEGOTIATE, sealing));
            case "kerberos":
            case "negotiate":
                return kerberosOrNtlm(scheme.equals("kerberos"), host, sealing, passwords);
            default:
                throw new UsageException("--auth must be negotiate, ntlm, kerberos or basic");
        }
    }

    private Choice kerberosOrNtlm(boolean kerberosOnly, String host, boolean sealing, PasswordSource passwords) {
        KerberosMechanism mechanism = kerberosOnly ? KerberosMechanism.KERBEROS : KerberosMechanism.NEGOTIATE;
        if (keytab != null) {
            if (!Files.isReadable(keytab)) {
                throw new UsageException("cannot read the keytab " + keytab);
            }
            requireUser("--keytab");
            return new Choice(kerberos(KerberosAuthenticator.withKeytab(keytab, user), mechanism), null);
        }
        if (ccache != null) {
            return new Choice(kerberos(KerberosAuthenticator.withTicketCache(ccache), mechanism), null);
        }
        if (!passwords.configured(passwordFile)) {
            KerberosAuthenticator.Builder cache = options(KerberosAuthenticator.withTicketCache());
            if (KerberosAuthenticator.hasCredentialsAtHand(host, cache)) {
                return new Choice(cache.mechanism(mechanism).build(), null);
            }
        }
        requireUser("--auth " + auth);
        Credentials credentials = Credentials.of(user, passwords.read(passwordFile, user));
        KerberosAuthenticator.Builder login = options(KerberosAuthenticator.withPassword(credentials));
        if (kerberosOnly || KerberosAuthenticator.hasCredentialsAtHand(host, login)) {
            return new Choice(login.mechanism(mechanism).build(), credentials);
        }
        return new Choice(new NtlmAuthenticator(credentials, null, NtlmAuthenticator.NEGOTIATE, sealing), credentials);
    }

    private Choice withPassword(PasswordSource passwords, java.util.function.Function<Credentials, Authenticator> make) {
        requireUser("--auth " + auth);
        Credentials credentials = Credentials.of(user, passwords.read(passwordFile, user));
        return new Choice(make.apply(credentials), credentials);
    }

    private KerberosAuthenticator kerberos(KerberosAuthenticator.Builder builder, KerberosMechanism mechanism) {
        return options(builder).mechanism(mechanism).build();
    }

    private KerberosAuthenticator.Builder options(KerberosAuthenticator.Builder builder) {
        if (realm != null) {
            builder.realm(realm);
        }
        if (kdc != null) {
            builder.kdc(kdc);
        }
        if (spn != null) {
            builder.spn(spn);
        }
        return builder;
    }

    private void requireUser(String what) {
        if (user == null || user.isBlank()) {
            throw new UsageException(what + " needs --user");
        }
    }
}
