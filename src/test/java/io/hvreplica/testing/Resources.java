package io.hvreplica.testing;

/** Test clean-up. */
public final class Resources {
    private Resources() {
    }

    /** Closes each resource that exists, in the order given (stop the peer before what it forwards to). */
    public static void closeAll(AutoCloseable... resources) throws Exception {
        Exception first = null;
        for (AutoCloseable r : resources) {
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
