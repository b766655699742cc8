package io.hvreplica.auth.kerberos;

import com.sun.security.auth.module.UnixSystem;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Reads what the client needs from an MIT FILE credential cache (versions 3 and 4): its principal
 * and when its TGT ends. The JDK's login module only says "Unable to obtain Principal Name" for a
 * missing, empty or expired cache alike; this tells them apart.
 */
final class CredentialCache {
    /** @param tgtEnd end of the principal's TGT for its own realm, or null when the cache has none */
    record Contents(String principal, Instant tgtEnd) {
        boolean usable(Instant now) {
            return tgtEnd != null && tgtEnd.isAfter(now);
        }
    }

    private CredentialCache() {
    }

    /**
     * The name of the cache MIT's kinit would use: {@code name} (a KRB5CCNAME value) when given,
     * else krb5.conf's {@code default_ccache_name} (RHEL sets KEYRING or KCM there), else the FILE
     * cache /tmp/krb5cc_UID.
     */
    static String effectiveName(String name, Path krb5Conf) {
        if (name != null && !name.isBlank()) {
            return name;
        }
        String configured = Krb5ConfFile.defaultCcacheName(KerberosConfiguration.base(krb5Conf));
        return configured != null ? expand(configured) : "FILE:" + defaultFile();
    }

    /**
     * The cache file for {@link #effectiveName}.
     *
     * @throws IllegalArgumentException for cache types that are not files (KEYRING, KCM, API, ...)
     */
    static Path file(String name, Path krb5Conf) {
        return path(effectiveName(name, krb5Conf));
    }

    // The parameter tokens MIT expands in default_ccache_name.
    private static String expand(String name) {
        String uid = Long.toString(new UnixSystem().getUid());
        String tmp = System.getenv("TMPDIR");
        return name.replace("%{uid}", uid).replace("%{euid}", uid).replace("%{USERID}", uid)
                .replace("%{username}", System.getProperty("user.name", ""))
                .replace("%{TEMP}", tmp == null || tmp.isBlank() ? "/tmp" : tmp);
    }

    /** Where MIT and the JDK look when neither KRB5CCNAME nor krb5.conf names a cache. */
    static Path defaultFile() {
        return Path.of("/tmp", "krb5cc_" + new UnixSystem().getUid());
    }

    /**
     * A cache name as MIT writes it as a path: {@code FILE:/path}, {@code /path}, or a DIR
     * collection, whose caches are FILE caches too ({@code DIR::/dir/tktX} names one,
     * {@code DIR:/dir} means the one its {@code primary} file names).
     */
    static Path path(String name) {
        if (name.startsWith("FILE:")) {
            return Path.of(name.substring(5));
        }
        if (name.startsWith("DIR::")) {
            return Path.of(name.substring(5));
        }
        if (name.startsWith("DIR:")) {
            return primary(Path.of(name.substring(4)));
        }
        int colon = name.indexOf(':');
        if (colon > 1 && !name.startsWith("/")) {
            throw new IllegalArgumentException("the credential cache " + name + " is of type "
                    + name.substring(0, colon) + ", which Java cannot read; use a FILE: cache"
                    + " (kinit -c FILE:/path) and point KRB5CCNAME at it");
        }
        return Path.of(name);
    }

    // MIT's rule: the first line of DIR/primary names the cache file in DIR; without it, "tkt".
    private static Path primary(Path dir) {
        try {
            String first = Files.readAllLines(dir.resolve("primary"), StandardCharsets.UTF_8).stream()
                    .findFirst().orElse("").strip();
            if (first.startsWith("tkt") && first.indexOf('/') < 0) {
                return dir.resolve(first);
            }
        } catch (IOException | RuntimeException e) {
            // No primary file (or an unreadable one): MIT falls back to "tkt" as well.
        }
        return dir.resolve("tkt");
    }

    /** The cache's contents, or null when the file does not exist. */
    static Contents read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(raw)) {
            int version = in.readUnsignedShort();
            if (version != 0x0503 && version != 0x0504) {
                throw new IOException("unsupported credential cache version 0x" + Integer.toHexString(version));
            }
            if (version == 0x0504) {
                in.skipNBytes(in.readUnsignedShort());
            }
            String[] client = principal(in);
            String tgtName = "krbtgt/" + client[1] + "@" + client[1];
            Instant end = null;
            while (true) {
                String[] c;
                try {
                    c = principal(in);
                } catch (EOFException eof) {
                    break;
                }
                String server = principal(in)[0];
                in.readUnsignedShort();                      // key enctype
                if (version == 0x0503) {
                    in.readUnsignedShort();
                }
                skipData(in);                                // key
                in.readInt();                                // authtime
                in.readInt();                                // starttime
                long endTime = Integer.toUnsignedLong(in.readInt());
                in.readInt();                                // renew_till
                in.readUnsignedByte();                       // is_skey
                in.readInt();                                // flags
                for (int n = in.readInt(); n > 0; n--) {     // addresses
                    in.readUnsignedShort();
                    skipData(in);
                }
                for (int n = in.readInt(); n > 0; n--) {     // authorization data
                    in.readUnsignedShort();
                    skipData(in);
                }
                skipData(in);                                // ticket
                skipData(in);                                // second ticket
                if (c[0].equals(client[0]) && server.equals(tgtName)) {
                    Instant e = Instant.ofEpochSecond(endTime);
                    end = end == null || e.isAfter(end) ? e : end;
                }
            }
            return new Contents(client[0], end);
        }
    }

    /** {full name "a/b@REALM", realm}. */
    private static String[] principal(DataInputStream in) throws IOException {
        in.readInt();                                        // name type
        int count = in.readInt();
        if (count < 0 || count > 64) {
            throw new IOException("malformed credential cache principal");
        }
        String realm = string(in);
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < count; i++) {
            name.append(i == 0 ? "" : "/").append(string(in));
        }
        return new String[]{name + "@" + realm, realm};
    }

    private static String string(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 16) {
            throw new IOException("malformed credential cache string");
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    private static void skipData(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("malformed credential cache entry");
        }
        in.skipNBytes(n);
    }
}
