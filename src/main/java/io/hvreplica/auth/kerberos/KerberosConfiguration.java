package io.hvreplica.auth.kerberos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Points the JDK's Kerberos at the configuration MIT's tools would read: an explicit file, else a
 * {@code java.security.krb5.conf} the user set, else the first existing file in
 * {@code KRB5_CONFIG}, else {@code /etc/krb5.conf}. A realm or KDC override is written to a small
 * generated file that sets them, including the base file when only the realm is given (the JDK's own
 * {@code java.security.krb5.kdc} property cannot carry a port).
 *
 * <p>The JDK keeps one Kerberos configuration per JVM; the login re-reads it
 * ({@code refreshKrb5Config}), so the last authenticator to log in decides.
 */
final class KerberosConfiguration {
    static final String PROPERTY = "java.security.krb5.conf";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:\\[\\]-]+");
    private static String ours;

    private KerberosConfiguration() {
    }

    /** The krb5.conf MIT tools would read, before overrides. */
    static synchronized Path base(Path explicit) {
        if (explicit != null) {
            return explicit;
        }
        String set = System.getProperty(PROPERTY);
        if (set != null && !set.equals(ours)) {
            return Path.of(set);
        }
        String env = System.getenv("KRB5_CONFIG");
        if (env != null && !env.isBlank()) {
            for (String part : env.split(":")) {
                if (!part.isBlank() && Files.exists(Path.of(part))) {
                    return Path.of(part);
                }
            }
        }
        return Path.of("/etc/krb5.conf");
    }

    /** The realm that names without one belong to: the override, else the file's default_realm. */
    static String defaultRealm(Path explicit, String realmOverride) {
        return realmOverride != null ? realmOverride : Krb5ConfFile.defaultRealm(base(explicit));
    }

    /** Sets {@code java.security.krb5.conf} for the next login. */
    static synchronized void apply(Path explicit, String realm, String kdc) {
        if (kdc != null && realm == null) {
            throw new IllegalArgumentException("a KDC override needs the realm it serves: pass the realm too");
        }
        Path base = base(explicit);
        String file = base.toAbsolutePath().toString();
        if (realm != null) {
            file = override(base, checked(realm, "realm"), kdc == null ? null : checked(kdc, "KDC")).toString();
        }
        System.setProperty(PROPERTY, file);
        ours = file;
    }

    private static Path override(Path base, String realm, String kdc) {
        StringBuilder s = new StringBuilder("# written by hvreplica: realm/KDC override\n");
        // With a KDC given, the file stands alone: the user has said where the realm is, and the
        // machine's [libdefaults] (forwardable = true, say) must not change how tickets are asked
        // for. With a realm only, the base file still has to say where its KDCs are. The JDK
        // accepts "include" only before the first section, and where both files set a value the
        // first one read wins, so principal names carry the realm explicitly.
        if (kdc == null && Files.isReadable(base)) {
            s.append("include ").append(base.toAbsolutePath()).append('\n');
        }
        s.append("[libdefaults]\n default_realm = ").append(realm).append('\n');
        if (kdc != null) {
            s.append("[realms]\n ").append(realm).append(" = {\n  kdc = ").append(kdc).append("\n }\n");
        }
        try {
            Path file = Files.createTempFile("hvreplica-krb5-", ".conf");
            file.toFile().deleteOnExit();
            Files.writeString(file, s, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Kerberos realm override file", e);
        }
    }

    private static String checked(String value, String what) {
        if (!SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException("the " + what + " \"" + value + "\" contains characters a"
                    + " Kerberos configuration cannot hold");
        }
        return value;
    }
}
