package io.hvreplica.hyperv;

import io.hvreplica.wsman.Wql;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the user asked for by name or id, for runs over many VMs: a display name, a display name
 * with wildcards ({@code *} any run of characters, {@code ?} one character, matched without regard
 * to case as WQL does), or a VM id.
 */
public record VmPattern(String text, boolean byId) {
    public static VmPattern name(String name) {
        VmSelector.byName(name);
        return new VmPattern(name, false);
    }

    /** @throws IllegalArgumentException when {@code id} is not a GUID */
    public static VmPattern id(String id) {
        return new VmPattern(((VmSelector.ById) VmSelector.byId(id)).id(), true);
    }

    /** Whether it may match several VMs on purpose. */
    public boolean wildcard() {
        return !byId && (text.indexOf('*') >= 0 || text.indexOf('?') >= 0);
    }

    /** The WQL condition on Msvm_ComputerSystem, with its value quoted. */
    public String wql() {
        if (byId) {
            return "Name = " + Wql.quote(text);
        }
        if (!wildcard()) {
            return "ElementName = " + Wql.quote(text);
        }
        StringBuilder like = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                // WQL LIKE's own wildcards and its set bracket are taken literally inside brackets.
                case '%', '_', '[' -> like.append('[').append(c).append(']');
                case '*' -> like.append('%');
                case '?' -> like.append('_');
                default -> like.append(c);
            }
        }
        return "ElementName LIKE " + Wql.quote(like.toString());
    }

    /** Whether {@code vm} is one this pattern asked for, judged as the host's WQL would. */
    public boolean matches(VirtualMachine vm) {
        if (byId) {
            return text.equalsIgnoreCase(vm.id());
        }
        if (!wildcard()) {
            return text.equalsIgnoreCase(vm.name());
        }
        StringBuilder regex = new StringBuilder();
        for (char c : text.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return vm.name() != null && Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE
                | Pattern.DOTALL).matcher(vm.name()).matches();
    }

    /** How to name it in a message. */
    public String describe() {
        return byId ? "with id " + text : (wildcard() ? "matching '" : "named '") + text + "'";
    }

    @Override
    public String toString() {
        return byId ? text.toUpperCase(Locale.ROOT) : text;
    }
}
