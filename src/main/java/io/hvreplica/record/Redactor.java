package io.hvreplica.record;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces identifying names in recorded text by placeholders: the same value (ignoring case)
 * always gets the same placeholder, in requests and responses alike. That consistency is what
 * keeps a redacted recording replayable: a client sends back what earlier answers told it (a
 * service's SystemName selector, for one), and the matcher recorded for that request holds the
 * same placeholder.
 */
final class Redactor {
    enum Kind {
        HOST("HOST-"), DOMAIN("DOMAIN-"), USER("USER-"), ADDRESS("192.0.2.");

        final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    // Dotted quads only where no digit or dot continues them, so version strings such as
    // 10.0.17763.1 are not taken for addresses.
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![0-9.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![0-9]|\\.\\d)");

    private final boolean enabled;
    private final Map<String, String> placeholders = new LinkedHashMap<>();
    private final Map<Kind, Integer> counters = new java.util.EnumMap<>(Kind.class);

    Redactor(boolean enabled) {
        this.enabled = enabled;
    }

    boolean enabled() {
        return enabled;
    }

    /** Registers a value to replace; the first kind a value is registered with decides its placeholder. */
    synchronized String register(String value, Kind kind) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        // Placeholders themselves, and values too short to be names, are left alone.
        if (v.length() < 2 || v.equals(".") || isPlaceholder(v)) {
            return v;
        }
        if (IPV4.matcher(v).matches()) {
            kind = Kind.ADDRESS;
        }
        String key = v.toLowerCase(Locale.ROOT);
        String existing = placeholders.get(key);
        if (existing != null) {
            return existing;
        }
        int n = counters.merge(kind, 1, Integer::sum);
        String placeholder = kind.prefix + n;
        placeholders.put(key, placeholder);
        return placeholder;
    }

    private static boolean isPlaceholder(String v) {
        return v.matches("(?i)(HOST|DOMAIN|USER)-\\d+") || v.matches("192\\.0\\.2\\.\\d+");
    }

    /** A host name as the user gave it: the name, its first label and its DNS domain. */
    void registerHost(String host) {
        if (host == null || host.isBlank()) {
            return;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        register(h, Kind.HOST);
        int dot = h.indexOf('.');
        if (dot > 0 && !IPV4.matcher(h).matches()) {
            register(h.substring(0, dot), Kind.HOST);
            register(h.substring(dot + 1), Kind.DOMAIN);
        }
    }

    /** A user as given: DOMAIN\\user, user@domain or user. */
    void registerUser(String spec) {
        if (spec == null || spec.isBlank()) {
            return;
        }
        int slash = spec.indexOf('\\');
        int at = spec.lastIndexOf('@');
        if (slash >= 0) {
            register(spec.substring(0, slash), Kind.DOMAIN);
            register(spec.substring(slash + 1), Kind.USER);
        } else if (at > 0) {
            register(spec.substring(at + 1), Kind.DOMAIN);
            register(spec.substring(0, at), Kind.USER);
        } else {
            register(spec, Kind.USER);
        }
    }

    /** Registers every IPv4 address found in the text. */
    void registerAddresses(String text) {
        Matcher m = IPV4.matcher(text);
        while (m.find()) {
            register(m.group(), Kind.ADDRESS);
        }
    }

    /** Every value registered so far, in lower case. */
    synchronized List<String> registeredValues() {
        return List.copyOf(placeholders.keySet());
    }

    /** The placeholder of a value, or the value itself when it was never registered or redaction is off. */
    synchronized String placeholder(String value) {
        if (!enabled || value == null) {
            return value;
        }
        String p = placeholders.get(value.trim().toLowerCase(Locale.ROOT));
        return p == null ? value : p;
    }

    /**
     * The text with every registered value replaced, longest first (so that a full DNS name becomes
     * one placeholder rather than a placeholder followed by the rest of its domain).
     */
    synchronized String apply(String text) {
        if (!enabled || text == null || placeholders.isEmpty()) {
            return text;
        }
        List<Map.Entry<String, String>> entries = new ArrayList<>(placeholders.entrySet());
        entries.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
        StringBuilder alternation = new StringBuilder();
        for (Map.Entry<String, String> e : entries) {
            alternation.append(alternation.length() == 0 ? "" : "|").append(Pattern.quote(e.getKey()));
        }
        Matcher m = Pattern.compile(alternation.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                .matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(placeholders.get(m.group().toLowerCase(Locale.ROOT))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Applies {@link #apply} to an XML document's text and attribute values only, never to element
     * or attribute names: a user called "Name" must not rename {@code <p:Name>}.
     */
    String applyToXml(String xml) {
        if (!enabled) {
            return xml;
        }
        StringBuilder out = new StringBuilder(xml.length());
        int i = 0;
        while (i < xml.length()) {
            int lt = xml.indexOf('<', i);
            if (lt < 0) {
                out.append(apply(xml.substring(i)));
                break;
            }
            out.append(apply(xml.substring(i, lt)));
            int gt = tagEnd(xml, lt);
            out.append(applyToTag(xml.substring(lt, gt)));
            i = gt;
        }
        return out.toString();
    }

    private static int tagEnd(String xml, int lt) {
        char quote = 0;
        for (int j = lt + 1; j < xml.length(); j++) {
            char c = xml.charAt(j);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return j + 1;
            }
        }
        return xml.length();
    }

    private String applyToTag(String tag) {
        if (tag.startsWith("<!--") || tag.startsWith("<?")) {
            return tag;
        }
        StringBuilder out = new StringBuilder(tag.length());
        int i = 0;
        while (i < tag.length()) {
            char c = tag.charAt(i);
            if (c == '"' || c == '\'') {
                int close = tag.indexOf(c, i + 1);
                if (close < 0) {
                    out.append(tag.substring(i));
                    break;
                }
                String value = tag.substring(i + 1, close);
                // Namespace URIs stay as they are: a placeholder inside one would change the document's meaning.
                boolean namespace = out.toString().matches("(?s).*\\sxmlns(:[\\w.-]+)?\\s*=\\s*$");
                out.append(c).append(namespace ? value : apply(value)).append(c);
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
