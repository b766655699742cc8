package io.hvreplica.auth.kerberos;

import io.hvreplica.auth.AuthenticationException;
import io.hvreplica.auth.Credentials;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KerberosTicket;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Obtains the TGT through the JDK's Krb5LoginModule, configured in code (no JAAS file), and keeps
 * the logged-in Subject until its TGT is about to end; then logs in again (password, keytab) or
 * re-reads the cache.
 */
final class KerberosLogin {
    private static final String MODULE = "com.sun.security.auth.module.Krb5LoginModule";
    private static final Duration MARGIN = Duration.ofSeconds(30);

    private final CredentialSource source;
    private final Path krb5Conf;
    private final String realm;
    private final String kdc;
    private Subject subject;
    private String principal;

    KerberosLogin(CredentialSource source, Path krb5Conf, String realm, String kdc) {
        this.source = source;
        this.krb5Conf = krb5Conf;
        this.realm = realm;
        this.kdc = kdc;
    }

    /** A Subject holding a TGT that is good for at least the next 30 seconds. */
    synchronized Subject subject() {
        if (subject == null || !current(subject)) {
            subject = login();
            principal = subject.getPrincipals(KerberosPrincipal.class).iterator().next().getName();
        }
        return subject;
    }

    /** The logged-in principal, user@REALM. */
    synchronized String principal() {
        subject();
        return principal;
    }

    boolean fromCache() {
        return source instanceof CredentialSource.TicketCache;
    }

    private Subject login() {
        KerberosConfiguration.apply(krb5Conf, realm, kdc);
        Map<String, String> options = new HashMap<>();
        options.put("refreshKrb5Config", "true");
        options.put("isInitiator", "true");
        options.put("storeKey", "false");
        char[] password = null;
        String who;
        if (source instanceof CredentialSource.Password p) {
            who = principalFor(p.credentials());
            options.put("principal", who);
            options.put("useTicketCache", "false");
            options.put("useKeyTab", "false");
            password = p.credentials().password();
        } else if (source instanceof CredentialSource.Keytab k) {
            if (!Files.isReadable(k.keytab())) {
                throw new AuthenticationException("the keytab " + k.keytab() + " does not exist or cannot be read");
            }
            who = k.principal();
            options.put("principal", who);
            options.put("useKeyTab", "true");
            options.put("keyTab", k.keytab().toAbsolutePath().toString());
            options.put("doNotPrompt", "true");
        } else {
            CredentialSource.TicketCache c = (CredentialSource.TicketCache) source;
            Path cache;
            try {
                cache = CredentialCache.file(c.name(), krb5Conf);
            } catch (IllegalArgumentException e) {
                throw new AuthenticationException(e.getMessage(), e);
            }
            who = checkCache(cache, c.principal());
            options.put("useTicketCache", "true");
            options.put("ticketCache", cache.toAbsolutePath().toString());
            options.put("doNotPrompt", "true");
            options.put("renewTGT", "false");
        }
        Subject s = new Subject();
        try {
            new LoginContext("hvreplica-kerberos", s, new PasswordHandler(who, password), new InCode(options))
                    .login();
            return s;
        } catch (LoginException e) {
            throw KerberosFailures.login(e, who, realmFor(who), source);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    /** user@REALM for a password logon; see {@link KerberosAuthenticator} for the rule. */
    String principalFor(Credentials c) {
        String r = realmForUser(c, krb5Conf, realm);
        if (r == null) {
            throw new KerberosSettingException("no Kerberos realm is known for " + c.spec()
                    + "; write the user as user@REALM or give the realm", KerberosSettingException.Setting.REALM, null);
        }
        return c.user() + "@" + r;
    }

    /** The realm of a user name, or null when none can be told. */
    static String realmForUser(Credentials c, Path krb5Conf, String realmOverride) {
        if (realmOverride != null) {
            return realmOverride;
        }
        String domain = c.domain();
        boolean upn = c.spec().indexOf('\\') < 0 && !domain.isEmpty();
        if (upn || domain.contains(".")) {
            return domain.toUpperCase(java.util.Locale.ROOT);
        }
        String fallback = KerberosConfiguration.defaultRealm(krb5Conf, null);
        if (fallback == null) {
            return null;
        }
        // A NetBIOS domain (CORP) is taken as the default realm only when it names it (CORP.EXAMPLE.COM).
        if (!domain.isEmpty() && !fallback.toUpperCase(java.util.Locale.ROOT)
                .startsWith(domain.toUpperCase(java.util.Locale.ROOT) + ".")
                && !fallback.equalsIgnoreCase(domain)) {
            return null;
        }
        return fallback;
    }

    private String realmFor(String who) {
        if (who != null && who.contains("@")) {
            return KerberosFailures.realmOf(who);
        }
        String r = KerberosConfiguration.defaultRealm(krb5Conf, realm);
        return r == null ? "(default)" : r;
    }

    /** Checks the cache before the JDK does, whose error cannot tell "none" from "expired". */
    private static String checkCache(Path cache, String wanted) {
        CredentialCache.Contents contents;
        try {
            contents = CredentialCache.read(cache);
        } catch (IOException e) {
            throw new AuthenticationException("the Kerberos credential cache " + cache + " cannot be read ("
                    + e.getMessage() + "); run kinit again", e);
        }
        if (contents == null) {
            throw new AuthenticationException("there is no Kerberos ticket cache at " + cache
                    + "; run kinit first, or give a password or a keytab");
        }
        if (wanted != null && !wanted.equals(contents.principal())
                && !(wanted.indexOf('@') < 0 && contents.principal().startsWith(wanted + "@"))) {
            throw new AuthenticationException("the Kerberos ticket cache " + cache + " holds tickets for "
                    + contents.principal() + ", not " + wanted + "; run kinit " + wanted);
        }
        if (contents.tgtEnd() == null) {
            throw new AuthenticationException("the Kerberos ticket cache " + cache + " holds no ticket-granting"
                    + " ticket for " + contents.principal() + "; run kinit again");
        }
        if (!contents.usable(Instant.now().plus(MARGIN))) {
            throw new AuthenticationException("the Kerberos ticket of " + contents.principal() + " in " + cache
                    + " expired at " + contents.tgtEnd() + "; run kinit again");
        }
        return contents.principal();
    }

    private static boolean current(Subject s) {
        Instant soon = Instant.now().plus(MARGIN);
        for (KerberosTicket t : s.getPrivateCredentials(KerberosTicket.class)) {
            if (t.getServer().getName().startsWith("krbtgt/") && t.isCurrent()
                    && t.getEndTime().toInstant().isAfter(soon)) {
                return true;
            }
        }
        return false;
    }

    /** The JAAS configuration: just the Kerberos module with our options. */
    private static final class InCode extends Configuration {
        private final Map<String, String> options;

        InCode(Map<String, String> options) {
            this.options = Map.copyOf(options);
        }

        @Override
        public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
            return new AppConfigurationEntry[]{new AppConfigurationEntry(MODULE,
                    AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
        }
    }

    /** Answers the module's name and password questions; refuses to prompt otherwise. */
    private static final class PasswordHandler implements CallbackHandler {
        private final String name;
        private final char[] password;

        PasswordHandler(String name, char[] password) {
            this.name = name;
            this.password = password;
        }

        @Override
        public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
            for (Callback c : callbacks) {
                if (c instanceof NameCallback n && name != null) {
                    n.setName(name);
                } else if (c instanceof PasswordCallback p && password != null) {
                    p.setPassword(password);
                } else {
                    throw new UnsupportedCallbackException(c, "no interactive Kerberos prompts");
                }
            }
        }
    }
}
