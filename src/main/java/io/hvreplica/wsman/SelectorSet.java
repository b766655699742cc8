package io.hvreplica.wsman;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The key properties that address one WMI instance, in the order the host gave them. Values are
 * passed back exactly as received.
 */
public final class SelectorSet {
    public static final SelectorSet EMPTY = new SelectorSet(Map.of());
    private final Map<String, String> selectors;

    private SelectorSet(Map<String, String> selectors) {
        this.selectors = Collections.unmodifiableMap(new LinkedHashMap<>(selectors));
    }

    public static SelectorSet of(Map<String, String> selectors) {
        return new SelectorSet(selectors);
    }

    public static SelectorSet of(String name, String value) {
        return new SelectorSet(Map.of(name, value));
    }

    public Map<String, String> asMap() {
        return selectors;
    }

    public String get(String name) {
        return selectors.get(name);
    }

    public boolean isEmpty() {
        return selectors.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SelectorSet s && selectors.equals(s.selectors);
    }

    @Override
    public int hashCode() {
        return selectors.hashCode();
    }

    @Override
    public String toString() {
        return selectors.toString();
    }
}
