package io.hvreplica.auth.ntlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.hvreplica.auth.AuthenticationException;
import io.hvreplica.auth.Credentials;
import io.hvreplica.auth.SecurityContext;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChallengeMessageTest {
    private static final byte[] VALID = TestMessages.challenge(TestMessages.pairsWithTimestamp(42));

    private static AuthenticationException rejected(byte[] token) {
        return assertThrows(AuthenticationException.class, () -> ChallengeMessage.parse(token));
    }

    @Test
    void parsesAValidChallenge() {
        ChallengeMessage c = ChallengeMessage.parse(VALID);
        assertEquals(TestMessages.SERVER_FLAGS, c.flags());
        assertArrayEquals(TestMessages.SERVER_CHALLENGE, c.serverChallenge());
        assertArrayEquals(NtlmWire.le64(42), c.targetInfo().get(AvPairs.TIMESTAMP));
        assertEquals(3, c.targetInfo().pairs().size());
    }

    @Test
    void emptyAndNullAreRejected() {
        rejected(null);
        rejected(new byte[0]);
    }

    @Test
    void badSignatureIsRejected() {
        byte[] t = VALID.clone();
        t[0] = 'X';
        assertTrue(rejected(t).getMessage().contains("not an NTLM message"));
    }

    @Test
    void wrongMessageTypeIsRejected() {
        byte[] t = VALID.clone();
        NtlmWire.put32(t, 8, 3);
        assertTrue(rejected(t).getMessage().contains("type 3"));
    }

    @Test
    void everyTruncationIsRejected() {
        for (int n = 0; n < VALID.length; n++) {
            rejected(Arrays.copyOf(VALID, n));
        }
    }

    @Test
    void targetInfoOffsetPastTheEndIsRejected() {
        byte[] t = VALID.clone();
        NtlmWire.put32(t, 44, 0xfffffff0);
        AuthenticationException e = rejected(t);
        assertTrue(e.getMessage().contains("TargetInfo field") && e.getMessage().contains("runs past the end"),
                e.getMessage());
    }

    @Test
    void targetInfoLengthPastTheEndIsRejected() {
        byte[] t = VALID.clone();
        NtlmWire.put16(t, 40, 0xffff);
        rejected(t);
    }

    @Test
    void targetNameOffsetPastTheEndIsRejected() {
        byte[] t = VALID.clone();
        NtlmWire.put32(t, 16, VALID.length);
        assertTrue(rejected(t).getMessage().contains("TargetName"));
    }

    @Test
    void avPairRunningPastTheListIsRejected() {
        byte[] t = VALID.clone();
        int infoStart = NtlmWire.u32(t, 44);
        NtlmWire.put16(t, infoStart + 2, 0x7fff);
        assertTrue(rejected(t).getMessage().contains("claims"));
    }

    @Test
    void missingEolIsRejected() {
        byte[] t = VALID.clone();
        NtlmWire.put16(t, 40, NtlmWire.u16(t, 40) - 4);
        assertTrue(rejected(t).getMessage().contains("MsvAvEOL"));
    }

    @Test
    void badTimestampLengthIsRejected() {
        byte[] info = TestMessages.specPairs().with(AvPairs.TIMESTAMP, new byte[4]).encode();
        assertThrows(AuthenticationException.class, () -> AvPairs.parse(info));
    }

    @Test
    void challengeWithoutTargetInfoIsAccepted() {
        byte[] t = Arrays.copyOf(VALID, 32);
        NtlmWire.put32(t, 20, TestMessages.SERVER_FLAGS & ~NtlmFlags.TARGET_INFO);
        NtlmWire.put16(t, 12, 0);
        assertEquals(0, ChallengeMessage.parse(t).targetInfo().pairs().size());
    }

    /** Random corruption through the whole context: AuthenticationException or success, nothing else. */
    @Test
    void randomCorruptionNeverEscapesAsAnotherException() {
        Random random = new Random(20240601);
        NtlmAuthenticator auth = new NtlmAuthenticator(Credentials.of("DOM\\u", "p".toCharArray()), "WS",
                NtlmAuthenticator.NEGOTIATE, false, TestMessages.FixedRandomness.spec());
        for (int i = 0; i < 5000; i++) {
            byte[] t = VALID.clone();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                t[random.nextInt(t.length)] = (byte) random.nextInt(256);
            }
            if (random.nextBoolean()) {
                t = Arrays.copyOf(t, random.nextInt(t.length + 16));
            }
            SecurityContext ctx = auth.newContext("host", null);
            ctx.step(null);
            try {
                ctx.step(t);
            } catch (AuthenticationException expected) {
                // fine
            } catch (RuntimeException other) {
                fail("corrupted CHALLENGE #" + i + " escaped as " + other, other);
            }
        }
    }
}
