package io.hvreplica.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line: long options with a value ({@code --name VALUE} or {@code --name=VALUE}),
 * flags, a few short aliases, and positional arguments where a command declares them. Small on purpose: a CLI that starts a
 * JVM for every run cannot afford a parser whose classes take a tenth of a second to load, and
 * picocli's classes (compiled for Java 5) cannot go into the class-data-sharing archive.
 */
final class Args {
    /** One option; {@code label} is null for a flag. */
    record Spec(String name, String alias, String label, String help, boolean repeatable) {
        Spec(String name, String alias, String label, String help) {
            this(name, alias, label, help, false);
        }

        boolean flag() {
            return label == null;
        }
    }

    /** The options of one command, in the order its help lists them. */
    static final class Schema {
        private final Map<String, Spec> byName = new LinkedHashMap<>();
        private final Map<String, Spec> byAlias = new HashMap<>();
        private String positionalLabel;

        /** Takes positional arguments (such as a job id), shown as {@code label} in errors. */
        Schema positional(String label) {
            this.positionalLabel = label;
            return this;
        }

        Schema value(String name, String label, String help) {
            return add(new Spec(name, null, label, help));
        }

        /** An option that may be given several times; {@link Parsed#values} has them all, in order. */
        Schema values(String name, String label, String help) {
            return add(new Spec(name, null, label, help, true));
        }

        Schema flag(String name, String help) {
            return add(new Spec(name, null, null, help));
        }

        Schema flag(String name, String alias, String help) {
            return add(new Spec(name, alias, null, help));
        }

        private Schema add(Spec spec) {
            byName.put(spec.name(), spec);
            if (spec.alias() != null) {
                byAlias.put(spec.alias(), spec);
            }
            return this;
        }

        /**
         * @throws UsageException for an unknown option, a missing value, a repeated option or a
         *                        stray argument
         */
        Parsed parse(List<String> args) {
            Map<String, String> values = new HashMap<>();
            Map<String, List<String>> repeated = new HashMap<>();
            Set<String> flags = new HashSet<>();
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("-h") || arg.equals("--help")) {
                    flags.add("--help");
                    continue;
                }
                String name = arg;
                String inline = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    name = arg.substring(0, eq);
                    inline = arg.substring(eq + 1);
                }
                Spec spec = byName.containsKey(name) ? byName.get(name) : byAlias.get(name);
                if (spec == null && positionalLabel != null && !arg.startsWith("-")) {
                    positional.add(arg);
                    continue;
                }
                if (spec == null) {
                    throw new UsageException(arg.startsWith("-") ? "unknown option '" + name + "'"
                            : "unexpected argument '" + arg + "'");
                }
                if (spec.flag()) {
                    if (inline != null) {
                        throw new UsageException(spec.name() + " takes no value");
                    }
                    flags.add(spec.name());
                    continue;
                }
                String value = inline;
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException(spec.name() + " needs a value (" + spec.label() + ")");
                    }
                    value = args.get(++i);
                }
                repeated.computeIfAbsent(spec.name(), k -> new ArrayList<>()).add(value);
                if (values.put(spec.name(), value) != null && !spec.repeatable()) {
                    throw new UsageException(spec.name() + " is given twice");
                }
            }
            return new Parsed(values, flags, List.copyOf(positional), Map.copyOf(repeated));
        }

        /** The help text: usage line, description, and one line per option. */
        String help(String usage, String description) {
            StringBuilder s = new StringBuilder("Usage: ").append(usage).append('\n').append(description).append("\n\n");
            List<String[]> rows = new ArrayList<>();
            for (Spec spec : byName.values()) {
                String left = (spec.alias() != null ? spec.alias() + ", " : "    ") + spec.name()
                        + (spec.flag() ? "" : " " + spec.label());
                rows.add(new String[]{left, spec.help()});
            }
            rows.add(new String[]{"-h, --help", "Show this help and exit"});
            int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
            for (String[] r : rows) {
                s.append("  ").append(r[0]).append(" ".repeat(width - r[0].length() + 2)).append(r[1]).append('\n');
            }
            return s.toString();
        }
    }

    /** What was given. */
    record Parsed(Map<String, String> values, Set<String> flags, List<String> positional,
                  Map<String, List<String>> repeated) {
        /** Every value of a repeatable option, in the order given; empty when it was not given. */
        List<String> values(String name) {
            return repeated.getOrDefault(name, List.of());
        }

        String value(String name) {
            return values.get(name);
        }

        String value(String name, String fallback) {
            return values.getOrDefault(name, fallback);
        }

        boolean flag(String name) {
            return flags.contains(name);
        }

        boolean help() {
            return flags.contains("--help");
        }
    }

    private Args() {
    }
}
