package io.hvreplica.auth.ntlm;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hvreplica.auth.AuthenticationException;
import io.hvreplica.auth.Credentials;
import io.hvreplica.auth.SecurityContext;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Fuzzes the NTLM parsers that read the other side's tokens. Each documents
 * {@link AuthenticationException} as its only failure, so anything else that escapes is a bug.
 */
class NtlmFuzzTest {

    /**
     * A server's CHALLENGE, as our client reads it: the parser, the AV pair list it carries, and
     * the AUTHENTICATE the client builds from it (which echoes the pairs back).
     */
    @FuzzTest(maxDuration = "30s")
    void challenge(byte[] token) {
        try {
            AvPairs.parse(token);
        } catch (AuthenticationException expected) {
            // The same bytes as a bare AV pair list: another parser, another set of limits.
        }
        SecurityContext client = new NtlmAuthenticator(Credentials.of("Domain\\User", "Password".toCharArray()),
                "COMPUTER", NtlmAuthenticator.NEGOTIATE, true, TestMessages.FixedRandomness.spec())
                .newContext("Server", null);
        client.step(null);
        try {
            byte[] authenticate = client.step(token);
            AuthenticateMessage.parse(authenticate);
        } catch (AuthenticationException expected) {
            // A refused CHALLENGE is the documented outcome.
        }
    }

    /**
     * A client's NEGOTIATE and AUTHENTICATE, as the acceptor (simulator) reads them. Byte 0 picks
     * the shape: raw tokens (bytes 1-2 give the NEGOTIATE's length), or a genuine handshake whose
     * AUTHENTICATE is then altered at fuzzer-chosen places, so that the checks after the
     * password proof (MIC, session key, AV pairs) are reached too.
     */
    @FuzzTest(maxDuration = "30s")
    void acceptor(byte[] input) {
        if (input.length < 3) {
            return;
        }
        NtlmAcceptor acceptor = new NtlmAcceptor(Credentials.of("Domain\\User", "Password".toCharArray()), "Server",
                () -> TestMessages.SERVER_CHALLENGE.clone(), () -> 0L);
        try {
            if ((input[0] & 1) == 0) {
                int n = Math.min(NtlmWire.u16(input, 1), input.length - 3);
                byte[] negotiate = Arrays.copyOfRange(input, 3, 3 + n);
                byte[] authenticate = Arrays.copyOfRange(input, 3 + n, input.length);
                try {
                    AuthenticateMessage.parse(authenticate);
                } catch (AuthenticationException expected) {
                    // Parsed alone first: the acceptor stops earlier on most inputs.
                }
                acceptor.challenge(negotiate);
                acceptor.accept(authenticate);
            } else {
                SecurityContext client = new NtlmAuthenticator(Credentials.of("Domain\\User", "Password".toCharArray()),
                        "COMPUTER", NtlmAuthenticator.NEGOTIATE, true, TestMessages.FixedRandomness.spec())
                        .newContext("Server", null);
                byte[] challenge = acceptor.challenge(client.step(null));
                byte[] authenticate = client.step(challenge);
                acceptor.accept(altered(authenticate, input));
            }
        } catch (AuthenticationException expected) {
            // The documented outcome for anything the acceptor does not like.
        }
    }

    /** The genuine-handshake seed passes every check, so mutations of it start from the far end. */
    @Test
    void genuineHandshakeSeedIsAccepted() {
        NtlmAcceptor acceptor = new NtlmAcceptor(Credentials.of("Domain\\User", "Password".toCharArray()), "Server",
                () -> TestMessages.SERVER_CHALLENGE.clone(), () -> 0L);
        SecurityContext client = new NtlmAuthenticator(Credentials.of("Domain\\User", "Password".toCharArray()),
                "COMPUTER", NtlmAuthenticator.NEGOTIATE, true, TestMessages.FixedRandomness.spec())
                .newContext("Server", null);
        byte[] challenge = acceptor.challenge(client.step(null));
        assertNotNull(acceptor.accept(altered(client.step(challenge), new byte[] {1, 0})));
    }

    /** Applies (offset, xor) pairs from {@code edits}; byte 1 may also shorten or extend the message. */
    private static byte[] altered(byte[] message, byte[] edits) {
        int length = message.length + (byte) edits[1];
        byte[] m = Arrays.copyOf(message, Math.max(0, length));
        for (int i = 2; i + 2 < edits.length && m.length > 0; i += 3) {
            int at = NtlmWire.u16(edits, i) % m.length;
            m[at] ^= edits[i + 2];
        }
        return m;
    }
}
