package io.hvreplica.auth.ntlm;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;

/**
 * The values an NTLM client invents: a client challenge, a session key, and the time when the
 * server gives none. Injected so tests can replay the MS-NLMP example values.
 */
interface NtlmRandomness {

    /** 8 bytes. */
    byte[] clientChallenge();

    /** 16 bytes: the ExportedSessionKey sent under key exchange. */
    byte[] exportedSessionKey();

    /** Now, as a Windows FILETIME: 100-ns ticks since 1601-01-01 UTC. */
    long fileTime();

    static NtlmRandomness system() {
        return new NtlmRandomness() {
            private final SecureRandom random = new SecureRandom();

            @Override
            public byte[] clientChallenge() {
                return bytes(8);
            }

            @Override
            public byte[] exportedSessionKey() {
                return bytes(16);
            }

            @Override
            public long fileTime() {
                return toFileTime(Clock.systemUTC().instant());
            }

            private byte[] bytes(int n) {
                byte[] b = new byte[n];
                random.nextBytes(b);
                return b;
            }
        };
    }

    /** Seconds between 1601-01-01 and 1970-01-01. */
    long EPOCH_DIFF_SECONDS = 11_644_473_600L;

    static long toFileTime(Instant t) {
        return (t.getEpochSecond() + EPOCH_DIFF_SECONDS) * 10_000_000L + t.getNano() / 100;
    }
}
