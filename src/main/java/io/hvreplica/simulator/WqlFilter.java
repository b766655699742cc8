package io.hvreplica.simulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The WQL the simulated host understands: {@code SELECT * FROM <Class> [WHERE <condition>]}, where a
 * condition combines comparisons {@code <Property> = | <> | != | LIKE | NOT LIKE <literal>} with
 * {@code AND}, {@code OR}, {@code NOT} and parentheses. Literals are strings in single or double
 * quotes, with backslash escaping the quote and the backslash (what {@code io.hvreplica.wsman.Wql}
 * writes; like WMI, any other backslash is refused), or integers. Anything else (property lists,
 * {@code <}, {@code ASSOCIATORS OF}, unknown properties) is {@link Invalid}, which the host answers
 * with the CannotProcessFilter fault Windows gives for a query WMI rejects.
 *
 * <p>Like WMI, keywords and property names are case-insensitive, and so are string comparisons
 * ({@code ElementName = 'APP-VM-01'} finds app-vm-01). {@code LIKE} knows {@code %}, {@code _} and
 * {@code [...]} / {@code [^...]} sets ({@code [%]} matches a literal percent sign). A property that is
 * Null matches no comparison, as in SQL.
 */
final class WqlFilter {

    /** The query cannot be processed; the host answers with the CannotProcessFilter fault. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    /**
     * A parsed query. The properties an instance exposes to it are a map from the lower-cased name
     * to the value (String, a Number or null); a name that is not a key is an unknown property, and
     * the query is invalid.
     */
    record Query(String className, Condition where, Set<String> properties) {
        /**
         * Refuses a query that names a property the class does not have, whatever the instances
         * are (WMI checks the query before it looks at any instance).
         */
        void requireKnown(Set<String> known) throws Invalid {
            for (String property : properties) {
                if (!known.contains(property)) {
                    throw new Invalid("unknown property " + property);
                }
            }
        }

        /** Whether the instance satisfies the WHERE clause (true without one). */
        boolean matches(Map<String, Object> properties) throws Invalid {
            return where == null || where.test(properties);
        }
    }

    interface Condition {
        boolean test(Map<String, Object> properties) throws Invalid;
    }

    private WqlFilter() {}

    static Query parse(String wql) throws Invalid {
        if (wql == null) {
            throw new Invalid("no query");
        }
        Parser p = new Parser(tokenize(wql));
        p.keyword("SELECT");
        p.expect(Kind.STAR, "*");
        p.keyword("FROM");
        String className = p.identifier();
        Condition where = null;
        if (p.peekKeyword("WHERE")) {
            p.next();
            where = p.or();
        }
        if (p.peek().kind != Kind.END) {
            throw new Invalid("unexpected '" + p.peek().text + "'");
        }
        return new Query(className, where, Set.copyOf(p.properties));
    }

    // ------------------------------------------------------------------ tokens

    private enum Kind { IDENT, STRING, NUMBER, OP, LPAREN, RPAREN, STAR, END }

    private record Token(Kind kind, String text) {}

    private static List<Token> tokenize(String s) throws Invalid {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token(Kind.IDENT, s.substring(start, i)));
            } else if (Character.isDigit(c) || c == '-' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
                int start = i++;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, s.substring(start, i)));
            } else if (c == '\'' || c == '"') {
                StringBuilder value = new StringBuilder();
                i++;
                while (true) {
                    if (i >= s.length()) {
                        throw new Invalid("unterminated string literal");
                    }
                    char d = s.charAt(i++);
                    if (d == c) {
                        break;
                    }
                    if (d == '\\') {
                        if (i >= s.length()) {
                            throw new Invalid("unterminated string literal");
                        }
                        char escaped = s.charAt(i++);
                        // WMI refuses a lone backslash: only the quote and the backslash itself are escapable.
                        if (escaped != '\\' && escaped != '\'' && escaped != '"') {
                            throw new Invalid("invalid escape \\" + escaped);
                        }
                        value.append(escaped);
                    } else {
                        value.append(d);
                    }
                }
                tokens.add(new Token(Kind.STRING, value.toString()));
            } else if (c == '(') {
                tokens.add(new Token(Kind.LPAREN, "("));
                i++;
            } else if (c == ')') {
                tokens.add(new Token(Kind.RPAREN, ")"));
                i++;
            } else if (c == '*') {
                tokens.add(new Token(Kind.STAR, "*"));
                i++;
            } else if (s.startsWith("<>", i) || s.startsWith("!=", i)) {
                tokens.add(new Token(Kind.OP, "<>"));
                i += 2;
            } else if (c == '=') {
                tokens.add(new Token(Kind.OP, "="));
                i++;
            } else {
                throw new Invalid("unexpected character '" + c + "'");
            }
        }
        tokens.add(new Token(Kind.END, ""));
        return tokens;
    }

    // ------------------------------------------------------------------ parser

    private static final class Parser {
        private final List<Token> tokens;
        private final Set<String> properties = new HashSet<>();
        private int pos;

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        Token peek() {
            return tokens.get(pos);
        }

        Token next() {
            return tokens.get(pos++);
        }

        boolean peekKeyword(String keyword) {
            return peek().kind == Kind.IDENT && peek().text.equalsIgnoreCase(keyword);
        }

        void keyword(String keyword) throws Invalid {
            if (!peekKeyword(keyword)) {
                throw new Invalid("expected " + keyword);
            }
            next();
        }

        void expect(Kind kind, String what) throws Invalid {
            if (peek().kind != kind) {
                throw new Invalid("expected " + what);
            }
            next();
        }

        String identifier() throws Invalid {
            if (peek().kind != Kind.IDENT || isReserved(peek().text)) {
                throw new Invalid("expected a name");
            }
            return next().text;
        }

        Condition or() throws Invalid {
            Condition left = and();
            while (peekKeyword("OR")) {
                next();
                Condition l = left;
                Condition r = and();
                left = props -> l.test(props) || r.test(props);
            }
            return left;
        }

        Condition and() throws Invalid {
            Condition left = unary();
            while (peekKeyword("AND")) {
                next();
                Condition l = left;
                Condition r = unary();
                left = props -> l.test(props) && r.test(props);
            }
            return left;
        }

        Condition unary() throws Invalid {
            if (peekKeyword("NOT")) {
                next();
                Condition inner = unary();
                return props -> !inner.test(props);
            }
            if (peek().kind == Kind.LPAREN) {
                next();
                Condition inner = or();
                expect(Kind.RPAREN, ")");
                return inner;
            }
            return comparison();
        }

        Condition comparison() throws Invalid {
            String property = identifier().toLowerCase(Locale.ROOT);
            properties.add(property);
            boolean negate = false;
            String op;
            if (peekKeyword("NOT")) {
                next();
                negate = true;
                keyword("LIKE");
                op = "LIKE";
            } else if (peekKeyword("LIKE")) {
                next();
                op = "LIKE";
            } else if (peek().kind == Kind.OP) {
                op = next().text;
            } else {
                throw new Invalid("expected an operator after " + property);
            }
            Token literal = next();
            if (literal.kind != Kind.STRING && literal.kind != Kind.NUMBER) {
                throw new Invalid("expected a literal");
            }
            if (op.equals("LIKE")) {
                if (literal.kind != Kind.STRING) {
                    throw new Invalid("LIKE needs a string pattern");
                }
                Pattern pattern = likePattern(literal.text);
                boolean not = negate;
                return props -> {
                    Object value = value(props, property);
                    return value != null && pattern.matcher(value.toString()).matches() != not;
                };
            }
            boolean equal = op.equals("=");
            return props -> {
                Object value = value(props, property);
                if (value == null) {
                    return false;
                }
                return equal == same(value, literal);
            };
        }
    }

    private static boolean isReserved(String word) {
        return switch (word.toUpperCase(Locale.ROOT)) {
            case "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "LIKE" -> true;
            default -> false;
        };
    }

    private static Object value(Map<String, Object> props, String property) throws Invalid {
        if (!props.containsKey(property)) {
            throw new Invalid("unknown property " + property);
        }
        return props.get(property);
    }

    /** Numbers compare by value (a numeric string literal too, as WMI converts it); strings ignore case. */
    private static boolean same(Object value, Token literal) throws Invalid {
        if (value instanceof Number n) {
            try {
                return n.longValue() == Long.parseLong(literal.text.trim());
            } catch (NumberFormatException e) {
                throw new Invalid("type mismatch: " + literal.text);
            }
        }
        return value.toString().equalsIgnoreCase(literal.text);
    }

    /** WQL LIKE as a case-insensitive regex. */
    static Pattern likePattern(String like) throws Invalid {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else if (c == '[') {
                int end = like.indexOf(']', i + 2);
                if (end < 0) {
                    throw new Invalid("unterminated [ in LIKE pattern");
                }
                String set = like.substring(i + 1, end);
                boolean negated = set.startsWith("^") && set.length() > 1;
                if (negated) {
                    set = set.substring(1);
                }
                regex.append(negated ? "[^" : "[");
                for (char m : set.toCharArray()) {
                    // '-' keeps its range meaning; everything else is literal.
                    regex.append(m == '-' || Character.isLetterOrDigit(m) ? String.valueOf(m) : "\\" + m);
                }
                regex.append(']');
                i = end;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }
}
