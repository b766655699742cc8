package io.hvreplica.auth.kerberos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the one setting the client needs before the JDK does: {@code [libdefaults] default_realm}.
 * Includes are not followed; a missing or unreadable file has no default realm.
 */
final class Krb5ConfFile {
    private Krb5ConfFile() {
    }

    static String defaultRealm(Path conf) {
        if (conf == null || !Files.isReadable(conf)) {
            return null;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(conf, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        String section = "";
        String realm = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                continue;
            }
            int eq = line.indexOf('=');
            if (section.equals("libdefaults") && eq > 0 && line.substring(0, eq).strip().equals("default_realm")
                    && realm == null) {
                realm = line.substring(eq + 1).strip();
            }
        }
        return realm == null || realm.isEmpty() ? null : realm;
    }
}
