package io.hvreplica.cli;

import io.hvreplica.auth.AuthenticationException;
import io.hvreplica.auth.Authenticator;
import io.hvreplica.auth.Credentials;
import io.hvreplica.auth.basic.BasicAuthenticator;
import io.hvreplica.auth.kerberos.CredentialCheck;
import io.hvreplica.auth.kerberos.KerberosAuthenticator;
import io.hvreplica.auth.kerberos.KerberosMechanism;
import io.hvreplica.auth.ntlm.NtlmAuthenticator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Who we are and how we prove it. Negotiate prefers Kerberos whenever a Kerberos credential is at
 * hand (a keytab, a ticket cache, or a password with a known realm) and falls back to NTLM.
 */
final class AuthOptions {
    String auth = "negotiate";
    String user;
    Path passwordFile;
    Path keytab;
    String ccache;
    String realm;
    String kdc;
    String spn;

    static void declare(Args.Schema schema) {
        schema.value("--auth", "SCHEME", "negotiate | ntlm | kerberos | basic (default: negotiate)")
                .value("--user", "USER", "DOMAIN\\user, user@domain or user")
                .value("--password-file", "FILE", "Read the password from FILE (else $HVREPLICA_PASSWORD, else a prompt)")
                .value("--keytab", "FILE", "Kerberos: log in as --user with this keytab")
                .value("--ccache", "FILE", "Kerberos: use this ticket cache, a file or FILE:/DIR: name (else $KRB5CCNAME)")
                .value("--realm", "REALM", "Kerberos realm (overrides krb5.conf)")
                .value("--kdc", "HOST[:PORT]", "Kerberos KDC for --realm (overrides krb5.conf)")
                .value("--spn", "SPN", "Kerberos service principal (default HTTP/<host>)");
    }

    static AuthOptions from(Args.Parsed args) {
        AuthOptions o = new AuthOptions();
        o.auth = args.value("--auth", "negotiate");
        o.user = args.value("--user");
        o.passwordFile = path(args.value("--password-file"));
        o.keytab = path(args.value("--keytab"));
        o.ccache = args.value("--ccache");
        o.realm = args.value("--realm");
        o.kdc = args.value("--kdc");
        o.spn = args.value("--spn");
        return o;
    }

    private static Path path(String value) {
        return value == null ? null : Path.of(value);
    }

    /** What the chosen authenticator needs to know about where a password could come from. */
    interface PasswordSource {
        /** Whether a password was configured (environment or file), without prompting. */
        boolean configured(Path file);

        char[] read(Path file, String user);
    }

    /** The authenticator and the credentials to wipe once done (null when none were read). */
    record Choice(Authenticator authenticator, Credentials credentials) {
    }

    /**
     * @param krb5ccname the KRB5CCNAME the process was given (null when unset), for the ticket cache
     *                   when --ccache is absent
     */
    Choice choose(String host, boolean sealing, PasswordSource passwords, String krb5ccname) {
        try {
            return chooseChecked(host, sealing, passwords, krb5ccname);
        } catch (IllegalArgumentException e) {
            // Options a builder refused: a realm with odd characters, a keytab without a principal.
            throw new UsageException(e.getMessage());
        }
    }

    private Choice chooseChecked(String host, boolean sealing, PasswordSource passwords, String krb5ccname) {
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
                return kerberosOrNtlm(scheme.equals("kerberos"), host, sealing, passwords, krb5ccname);
            default:
                throw new UsageException("--auth must be negotiate, ntlm, kerberos or basic");
        }
    }

    private Choice kerberosOrNtlm(boolean kerberosOnly, String host, boolean sealing, PasswordSource passwords,
                                  String krb5ccname) {
        KerberosMechanism mechanism = kerberosOnly ? KerberosMechanism.KERBEROS : KerberosMechanism.NEGOTIATE;
        if (keytab != null) {
            if (!Files.isReadable(keytab)) {
                throw new UsageException("cannot read the keytab " + keytab);
            }
            requireUser("--keytab");
            return new Choice(kerberos(KerberosAuthenticator.withKeytab(keytab, user), mechanism), null);
        }
        if (ccache != null) {
            KerberosAuthenticator.Builder given = options(KerberosAuthenticator.withTicketCacheNamed(ccache));
            CredentialCheck check = KerberosAuthenticator.checkCredentials(host, given);
            if (check.problem() == CredentialCheck.Problem.CACHE_TYPE) {
                throw new AuthenticationException(noCredentials(check, kerberosOnly, host, krb5ccname));
            }
            return new Choice(given.mechanism(mechanism).build(), null);
        }
        boolean noUser = user == null || user.isBlank();
        // A password is of no use without --user, so then a ticket is the only credential there is.
        if (!passwords.configured(passwordFile) || noUser) {
            KerberosAuthenticator.Builder cache = options(KerberosAuthenticator.withTicketCacheNamed(krb5ccname));
            CredentialCheck check = KerberosAuthenticator.checkCredentials(host, cache);
            if (check.usable()) {
                return new Choice(cache.mechanism(mechanism).build(), null);
            }
            if (noUser && passwords.configured(passwordFile)) {
                throw new UsageException("a password is configured but no --user: give --user for it, or run kinit"
                        + " to use a Kerberos ticket (" + check.reason() + ")");
            }
            if (noUser) {
                // Nothing to log in with: that is an authentication problem, whose fix is a credential.
                throw new AuthenticationException(noCredentials(check, kerberosOnly, host, krb5ccname));
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

    /** One sentence for "no ticket to use and no user to log in as": what is wrong and what to do. */
    private String noCredentials(CredentialCheck check, boolean kerberosOnly, String host, String krb5ccname) {
        String password = "--user with a password (" + Passwords.ENV + " or --password-file)";
        switch (check.problem()) {
            case CACHE_TYPE: {
                String file = KerberosAuthenticator.defaultTicketCacheFile().toString();
                String from = ccache != null ? "--ccache" : krb5ccname != null && !krb5ccname.isBlank()
                        ? "KRB5CCNAME" : "default_ccache_name in krb5.conf";
                return "Java can read only file ticket caches, not " + check.ticketCache() + " (from " + from
                        + "); run kinit -c FILE:" + file
                        + " and then set KRB5CCNAME=FILE:" + file + " or pass --ccache " + file
                        + ", or give --keytab FILE with --user, or " + password;
            }
            case HOST_ADDRESS:
                return "Kerberos needs the host's DNS name, not the address " + host
                        + "; give the DNS name, or pass --spn with the SPN registered for this address"
                        + (kerberosOnly ? "" : ", or give " + password + " to use NTLM");
            default:
                return "no Kerberos ticket to use (" + check.reason() + "); run kinit, or give " + password;
        }
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
