package io.hvreplica.wsman;

import java.time.Duration;
import java.util.Optional;

/**
 * Per-client WS-Management settings.
 *
 * @param maxEnvelopeSize  largest response envelope the host may send, in bytes (Windows' own client asks 512000)
 * @param operationTimeout how long the host may work on one request, at most; must be positive. Each
 *                         request gives the host less when the client's own bounds are tighter
 *                         (see {@link #operationTimeoutWithin})
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

    // The host needs time to notice its OperationTimeout, write the w:TimedOut fault and get it
    // across the network before the client stops listening: a quarter of the bound, at most 5 s.
    private static final Duration MAX_MARGIN = Duration.ofSeconds(5);

    /**
     * The {@code w:OperationTimeout} to send with one request: the configured one, cut down so
     * that the host gives up (faulting with w:TimedOut) before the client does, whether the client
     * stops at its read timeout or at its deadline.
     *
     * @param readTimeout how long the client waits for one answer
     * @param timeLeft    the time left before the client's deadline, when it has one
     */
    public Duration operationTimeoutWithin(Duration readTimeout, Optional<Duration> timeLeft) {
        Duration t = min(operationTimeout, lessMargin(readTimeout));
        if (timeLeft.isPresent()) {
            t = min(t, lessMargin(timeLeft.get()));
        }
        // Once nothing is left the request will not be sent; the header only has to stay valid.
        return t.toMillis() < 1 ? Duration.ofMillis(1) : t;
    }

    public WsmanOptions withOperationTimeout(Duration timeout) {
        return new WsmanOptions(maxEnvelopeSize, timeout, locale, maxElements);
    }

    private static Duration lessMargin(Duration bound) {
        // A quarter, exactly, without Duration.dividedBy's BigDecimal arithmetic on every request.
        Duration quarter = Duration.ofSeconds(bound.getSeconds() / 4,
                ((bound.getSeconds() % 4) * 1_000_000_000L + bound.getNano()) / 4);
        return bound.minus(min(MAX_MARGIN, quarter));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
