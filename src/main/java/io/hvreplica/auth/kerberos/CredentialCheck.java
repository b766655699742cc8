package io.hvreplica.auth.kerberos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Whether Kerberos is worth trying without asking anyone, and why (or why not). The rule, which
 * {@code --auth negotiate} uses to prefer Kerberos and otherwise fall back to NTLM:
 * <ol>
 *   <li>the host must be a name, unless an SPN was given: the SPN is derived from the host, and
 *       Windows registers SPNs for names, so an address works only with the SPN registered for it;</li>
 *   <li>a keytab must exist and be readable;</li>
 *   <li>a password needs a realm: {@code --realm}, {@code user@REALM}, {@code DNS.DOMAIN\\user}, or
 *       the krb5.conf default realm for a bare user or a NetBIOS domain that names it
 *       ({@code CORP\\user} with default realm {@code CORP.EXAMPLE.COM});</li>
 *   <li>a ticket cache (given, KRB5CCNAME, krb5.conf's default_ccache_name, or /tmp/krb5cc_UID) must be a file (FILE, or a DIR
 *       collection's primary cache) holding a TGT valid for at least another minute.</li>
 * </ol>
 * No network traffic: whether the KDC answers is found out by trying.
 *
 * @param problem     what is missing, so that a caller can say how to fix it; {@link Problem#NONE}
 *                    when usable
 * @param ticketCache the ticket cache looked at, by name ({@code FILE:/tmp/krb5cc_1000},
 *                    {@code KCM:}), or null when the credential is not a ticket cache or the host
 *                    ruled Kerberos out first
 */
public record CredentialCheck(boolean usable, Problem problem, String reason, String ticketCache) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** Why Kerberos cannot be tried. */
    public enum Problem {
        NONE,
        /** The host is an IP address and no SPN was given. */
        HOST_ADDRESS,
        /** The keytab cannot be read. */
        KEYTAB,
        /** No realm is known for the user. */
        NO_REALM,
        /** The ticket cache is missing, unreadable, or holds no current TGT. */
        NO_TICKET,
        /** The ticket cache is of a type that is not a file (KCM, KEYRING, API), which Java cannot read. */
        CACHE_TYPE
    }

    private static CredentialCheck yes(String reason) {
        return new CredentialCheck(true, Problem.NONE, reason, null);
    }

    private static CredentialCheck no(Problem problem, String reason) {
        return new CredentialCheck(false, problem, reason, null);
    }

    /** Whether {@code host} is an IPv4 or IPv6 address (bracketed or not) rather than a name. */
    public static boolean isAddress(String host) {
        return IPV4.matcher(host).matches() || host.indexOf(':') >= 0 || host.startsWith("[");
    }

    static CredentialCheck of(String host, CredentialSource source, Path krb5Config, String realm, String spn) {
        if (spn == null && (host == null || host.isEmpty() || isAddress(host))) {
            return no(Problem.HOST_ADDRESS, "Kerberos needs the host's DNS name, not an IP address");
        }
        if (source instanceof CredentialSource.Keytab k) {
            return Files.isReadable(k.keytab())
                    ? yes("keytab " + k.keytab() + " for " + k.principal())
                    : no(Problem.KEYTAB, "the keytab " + k.keytab() + " cannot be read");
        }
        if (source instanceof CredentialSource.Password p) {
            String r = KerberosLogin.realmForUser(p.credentials(), krb5Config, realm);
            return r != null
                    ? yes("password for " + p.credentials().user() + "@" + r)
                    : no(Problem.NO_REALM, "no Kerberos realm is known for " + p.credentials().spec());
        }
        String name = CredentialCache.effectiveName(((CredentialSource.TicketCache) source).name(), krb5Config);
        Path cache;
        try {
            cache = CredentialCache.path(name);
        } catch (IllegalArgumentException e) {
            return new CredentialCheck(false, Problem.CACHE_TYPE, e.getMessage(), name);
        }
        try {
            CredentialCache.Contents contents = CredentialCache.read(cache);
            if (contents == null) {
                return new CredentialCheck(false, Problem.NO_TICKET, "no Kerberos ticket cache at " + cache, name);
            }
            if (!contents.usable(Instant.now().plus(Duration.ofMinutes(1)))) {
                return new CredentialCheck(false, Problem.NO_TICKET, "the Kerberos ticket in " + cache
                        + " has expired or is missing", name);
            }
            return new CredentialCheck(true, Problem.NONE, "ticket cache " + cache + " for " + contents.principal(), name);
        } catch (IOException e) {
            return new CredentialCheck(false, Problem.NO_TICKET, "the Kerberos ticket cache " + cache + " cannot be read",
                    name);
        }
    }
}
