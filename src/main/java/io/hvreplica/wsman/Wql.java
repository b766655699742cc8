package io.hvreplica.wsman;

/** WQL string literals. */
public final class Wql {
    private Wql() {
    }

    /**
     * Quotes a value as a WQL string literal, escaping backslash and single quote, so user input
     * (a VM name) can never change the query.
     */
    public static String quote(String value) {
        StringBuilder s = new StringBuilder(value.length() + 2).append('\'');
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '\'') {
                s.append('\\');
            }
            s.append(c);
        }
        return s.append('\'').toString();
    }
}
