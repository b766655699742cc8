package io.hvreplica.hyperv;

import java.util.Locale;
import java.util.regex.Pattern;

/** How the user named the VM: by display name, which may be ambiguous, or by GUID, which is not. */
public sealed interface VmSelector {
    Pattern GUID = Pattern.compile("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");

    /** Hyper-V refuses longer VM names. */
    int MAX_NAME = 100;

    static VmSelector byName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the VM name is empty");
        }
        if (name.length() > MAX_NAME) {
            throw new IllegalArgumentException("a Hyper-V VM name has at most " + MAX_NAME + " characters; this one has "
                    + name.length());
        }
        // Characters XML 1.0 cannot carry could never match a VM, and would break the request.
        if (name.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("the VM name contains control characters");
        }
        return new ByName(name);
    }

    /** @throws IllegalArgumentException when {@code id} is not a GUID */
    static VmSelector byId(String id) {
        String trimmed = id == null ? "" : id.trim();
        if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        if (!GUID.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("'" + id + "' is not a VM id; expected a GUID such as"
                    + " 9A3F0C2E-6D41-4B7C-8E55-0C1D2B3A4F56 (Get-VM NAME | Select Id)");
        }
        return new ById(trimmed.toUpperCase(Locale.ROOT));
    }

    /** The WQL property compared and the value, for messages. */
    String describe();

    record ByName(String name) implements VmSelector {
        @Override
        public String describe() {
            return "named '" + name + "'";
        }
    }

    record ById(String id) implements VmSelector {
        @Override
        public String describe() {
            return "with id " + id;
        }
    }
}
