package io.hvreplica.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the response recordings ({@code recordings/*.xml} next to this class). They are WireMock
 * Handlebars templates: request-dependent parts ({@code a:RelatesTo}, fresh {@code a:MessageID}) use
 * WireMock helpers and per-stub values come in as {@code parameters.*}.
 *
 * <p>Comments and the indentation between elements are stripped on load, so the wire format is the
 * compact single-line XML Windows sends.
 */
final class Templates {
    private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?-->");
    /** Line breaks next to markup ({@code <...>} or {@code {{...}}}) go; others become one space. */
    private static final Pattern INDENT_AT_MARKUP = Pattern.compile("(?<=[>}])\\s*\\R\\s*|\\s*\\R\\s*(?=[<{])");
    private static final Pattern LINE_BREAK = Pattern.compile("\\s*\\R\\s*");
    /**
     * {@code {{> name}}} pulls in {@code recordings/name.xml}, resolved here at load time rather than
     * by Handlebars (WireMock registers no partials): one fragment then gives one shape to every
     * answer that carries it, such as the job instance of a Get and of a job query.
     */
    private static final Pattern INCLUDE = Pattern.compile("\\{\\{>\\s*([a-z0-9-]+)\\s*}}");

    private final ConcurrentHashMap<String, String> cache = new ConcurrentHashMap<>();

    String get(String name) {
        return cache.computeIfAbsent(name, Templates::load);
    }

    private static String load(String name) {
        String resource = "recordings/" + name + ".xml";
        try (InputStream in = Templates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing simulator recording " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            text = COMMENT.matcher(text).replaceAll("");
            text = includes(text);
            text = INDENT_AT_MARKUP.matcher(text.strip()).replaceAll("");
            return LINE_BREAK.matcher(text).replaceAll(" ");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String includes(String text) {
        Matcher include = INCLUDE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (include.find()) {
            // A fragment may include others; one that included itself would recurse until the stack ends.
            String fragment = load(include.group(1));
            include.appendReplacement(out, Matcher.quoteReplacement(fragment));
        }
        include.appendTail(out);
        return out.toString();
    }
}
