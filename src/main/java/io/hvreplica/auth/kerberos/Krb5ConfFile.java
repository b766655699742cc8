package io.hvreplica.auth.kerberos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the settings the client needs before the JDK does: {@code [libdefaults] default_realm}
 * (includes not followed), and {@code default_ccache_name}, which distributions set in included
 * files (sssd-kcm's {@code /etc/krb5.conf.d/kcm_default_ccache}). A missing or unreadable file
 * sets nothing.
 */
final class Krb5ConfFile {
    // MIT reads only these names from an includedir, so that editor backups are skipped.
    private static final Pattern INCLUDED_NAME = Pattern.compile("[A-Za-z0-9_-]+|.+\\.conf");
    private static final int MAX_DEPTH = 8;

    private Krb5ConfFile() {
    }

    static String defaultRealm(Path conf) {
        return libdefault(conf, "default_realm", false, 0);
    }

    /** The cache name MIT's tools use when KRB5CCNAME is unset, unexpanded, or null. */
    static String defaultCcacheName(Path conf) {
        return libdefault(conf, "default_ccache_name", true, 0);
    }

    /** The first value of {@code key} in [libdefaults], in the order MIT reads the files. */
    private static String libdefault(Path conf, String key, boolean includes, int depth) {
        if (conf == null || depth > MAX_DEPTH || !Files.isReadable(conf)) {
            return null;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(conf, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        String section = "";
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (includes && (line.startsWith("include ") || line.startsWith("includedir "))) {
                String found = included(line, key, depth);
                if (found != null) {
                    return found;
                }
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                continue;
            }
            int eq = line.indexOf('=');
            if (section.equals("libdefaults") && eq > 0 && line.substring(0, eq).strip().equals(key)) {
                String value = line.substring(eq + 1).strip();
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    private static String included(String line, String key, int depth) {
        int space = line.indexOf(' ');
        Path target = Path.of(line.substring(space + 1).strip());
        if (line.startsWith("include ")) {
            return libdefault(target, key, true, depth + 1);
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> listing = Files.list(target)) {
            listing.filter(p -> INCLUDED_NAME.matcher(p.getFileName().toString()).matches()).sorted()
                    .forEach(files::add);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        for (Path f : files) {
            String found = libdefault(f, key, true, depth + 1);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
