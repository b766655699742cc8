package io.hvreplica.transport;

/** The client version sent in User-Agent. */
public final class Version {
    public static final String VALUE = "0.1.0";

    private Version() {
    }
}
