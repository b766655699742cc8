package io.hvreplica.wsman;

import java.time.Duration;

/**
 * Per-client WS-Management settings.
 *
 * @param maxEnvelopeSize  largest response envelope the host may send, in bytes (Windows' own client asks 512000)
 * @param operationTimeout how long the host may work on one request; must be positive
 * @param locale           the language for the host's messages
 * @param maxElements      items per Enumerate/Pull batch (the host caps it at MaxBatchItems, 32000 by default)
 */
public record WsmanOptions(int maxEnvelopeSize, Duration operationTimeout, String locale, int maxElements) {
    public static final WsmanOptions DEFAULT = new WsmanOptions(512000, Duration.ofSeconds(60), "en-US", 32000);

    public WsmanOptions {
        if (operationTimeout.isNegative() || operationTimeout.isZero()) {
            throw new IllegalArgumentException("the operation timeout must be positive");
        }
        if (maxEnvelopeSize <= 0 || maxElements <= 0) {
            throw new IllegalArgumentException("sizes must be positive");
        }
    }
}
