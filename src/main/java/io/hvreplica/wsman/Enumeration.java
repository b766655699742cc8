package io.hvreplica.wsman;

/**
 * What to enumerate.
 *
 * @param resourceUri the class URI, or for WQL the namespace wildcard ({@code .../root/virtualization/v2/*})
 * @param wql         a WQL filter, or null for all instances
 * @param mode        which parts of each item the host returns
 * @param limit       stop after this many items (and Release the enumeration); 0 for no limit
 */
public record Enumeration(String resourceUri, String wql, Mode mode, int limit) {
    public enum Mode {
        OBJECTS(null), REFERENCES("EnumerateEPR"), OBJECTS_AND_REFERENCES("EnumerateObjectAndEPR");

        final String wireName;

        Mode(String wireName) {
            this.wireName = wireName;
        }
    }

    /** A WQL query returning objects and their references. */
    public static Enumeration wql(String namespaceUri, String wql) {
        return new Enumeration(namespaceUri, wql, Mode.OBJECTS_AND_REFERENCES, 0);
    }

    public Enumeration limit(int max) {
        return new Enumeration(resourceUri, wql, mode, max);
    }
}
