package io.hvreplica.transport;

import java.util.List;
import java.util.Map;

/**
 * Observes what crosses the wire, for the -v wire log and for counting, without putting logging
 * in the transport itself. Bodies are the plaintext SOAP (before sealing, after unsealing).
 * Header values given here are already redacted where they carry secrets.
 */
public interface TransportListener {
    TransportListener NONE = new TransportListener() { };

    default void connectionOpened(String route) {
    }

    default void requestSent(String method, String uri, List<Map.Entry<String, String>> headers, byte[] plaintextBody,
                             boolean encrypted) {
    }

    default void responseReceived(int status, List<Map.Entry<String, String>> headers, byte[] plaintextBody,
                                  boolean encrypted) {
    }

    default void authenticated(String scheme, int legs) {
    }
}
