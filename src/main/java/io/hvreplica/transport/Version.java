package io.hvreplica.transport;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The library's version, as the pom sets it; sent in User-Agent and printed by --version. */
public final class Version {
    public static final String VALUE = load();

    private Version() {
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/io/hvreplica/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "");
            // Unfiltered (run from an IDE without Maven's resource step): say so rather than guess.
            return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
