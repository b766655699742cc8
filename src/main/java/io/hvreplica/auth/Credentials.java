package io.hvreplica.auth;

import java.util.Arrays;

/**
 * A user name split the way Windows reads it ({@code DOMAIN\\user}, {@code user@domain}, or a bare
 * {@code user}) plus a password. The password is held as a char array so it can be wiped, and
 * never appears in {@link #toString()}.
 */
public final class Credentials {
    private final String spec;
    private final String user;
    private final String domain;
    private final char[] password;

    private Credentials(String spec, String user, String domain, char[] password) {
        this.spec = spec;
        this.user = user;
        this.domain = domain;
        this.password = password;
    }

    public static Credentials of(String userSpec, char[] password) {
        if (userSpec == null || userSpec.isBlank()) {
            throw new IllegalArgumentException("a user name is required");
        }
        int slash = userSpec.indexOf('\\');
        if (slash >= 0) {
            return new Credentials(userSpec, userSpec.substring(slash + 1), userSpec.substring(0, slash), password);
        }
        int at = userSpec.lastIndexOf('@');
        if (at > 0) {
            return new Credentials(userSpec, userSpec.substring(0, at), userSpec.substring(at + 1), password);
        }
        return new Credentials(userSpec, userSpec, "", password);
    }

    /** The user name exactly as given. */
    public String spec() {
        return spec;
    }

    /** The account name without domain. */
    public String user() {
        return user;
    }

    /** The domain (NetBIOS, DNS, or realm), or "" when none was given. */
    public String domain() {
        return domain;
    }

    public char[] password() {
        return password == null ? new char[0] : password.clone();
    }

    /** Overwrites the password in memory. */
    public void wipe() {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }

    @Override
    public String toString() {
        return (domain.isEmpty() ? "" : domain + "\\") + user + " (password hidden)";
    }
}
