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
 *   <li>the host must be a name: Kerberos cannot target an IP address;</li>
 *   <li>a keytab must exist and be readable;</li>
 *   <li>a password needs a realm: {@code --realm}, {@code user@REALM}, {@code DNS.DOMAIN\\user}, or
 *       the krb5.conf default realm for a bare user or a NetBIOS domain that names it
 *       ({@code CORP\\user} with default realm {@code CORP.EXAMPLE.COM});</li>
 *   <li>a ticket cache (given, KRB5CCNAME, or /tmp/krb5cc_UID) must be a FILE cache holding a TGT
 *       valid for at least another minute.</li>
 * </ol>
 * No network traffic: whether the KDC answers is found out by trying.
 */
public record CredentialCheck(boolean usable, String reason) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    static CredentialCheck of(String host, CredentialSource source, Path krb5Config, String realm) {
        if (host == null || host.isEmpty() || IPV4.matcher(host).matches() || host.indexOf(':') >= 0
                || host.startsWith("[")) {
            return new CredentialCheck(false, "Kerberos needs the host's DNS name, not an IP address");
        }
        if (source instanceof CredentialSource.Keytab k) {
            return Files.isReadable(k.keytab())
                    ? new CredentialCheck(true, "keytab " + k.keytab() + " for " + k.principal())
                    : new CredentialCheck(false, "the keytab " + k.keytab() + " cannot be read");
        }
        if (source instanceof CredentialSource.Password p) {
            String r = KerberosLogin.realmForUser(p.credentials(), krb5Config, realm);
            return r != null
                    ? new CredentialCheck(true, "password for " + p.credentials().user() + "@" + r)
                    : new CredentialCheck(false, "no Kerberos realm is known for " + p.credentials().spec());
        }
        CredentialSource.TicketCache c = (CredentialSource.TicketCache) source;
        Path cache;
        try {
            cache = c.cache() != null ? c.cache() : CredentialCache.defaultPath();
        } catch (IllegalArgumentException e) {
            return new CredentialCheck(false, e.getMessage());
        }
        try {
            CredentialCache.Contents contents = CredentialCache.read(cache);
            if (contents == null) {
                return new CredentialCheck(false, "no Kerberos ticket cache at " + cache);
            }
            if (!contents.usable(Instant.now().plus(Duration.ofMinutes(1)))) {
                return new CredentialCheck(false, "the Kerberos ticket in " + cache + " has expired or is missing");
            }
            return new CredentialCheck(true, "ticket cache " + cache + " for " + contents.principal());
        } catch (IOException e) {
            return new CredentialCheck(false, "the Kerberos ticket cache " + cache + " cannot be read");
        }
    }
}
