package io.hvreplica.auth.ntlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hvreplica.auth.IntegrityException;
import io.hvreplica.auth.MessageProtection.Sealed;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NtlmSessionTest {
    private static final String TAMPERED =
            "the response failed its NTLM signature check: it was altered in transit or the session is out of step";
    private static final byte[] KEY = TestMessages.hex("0102030405060708090a0b0c0d0e0f10");

    private static NtlmSession client() {
        return new NtlmSession(KEY, NtlmFlags.REQUESTED, true);
    }

    private static byte[] msg(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void protocolIsSpnegoSessionEncrypted() {
        assertEquals("application/HTTP-SPNEGO-session-encrypted", client().protocol());
    }

    @Test
    void roundTripsInBothDirectionsWithAdvancingSequenceNumbers() {
        NtlmSession client = client();
        NtlmSession server = NtlmSession.forServer(KEY);
        Random random = new Random(7);
        for (int i = 0; i < 6; i++) {
            byte[] request = new byte[i == 0 ? 0 : random.nextInt(20_000)];
            random.nextBytes(request);
            Sealed sealed = client.seal(request);
            assertEquals(16, sealed.header().length);
            assertEquals(request.length, sealed.ciphertext().length);
            assertEquals(i, NtlmWire.u32(sealed.header(), 12), "client sequence number");
            assertArrayEquals(request, server.unseal(sealed.header(), sealed.ciphertext()));

            byte[] response = msg("<s:Envelope>response " + i + "</s:Envelope>");
            Sealed back = server.seal(response);
            assertEquals(i, NtlmWire.u32(back.header(), 12), "server sequence number");
            assertArrayEquals(response, client.unseal(back.header(), back.ciphertext()));
        }
    }

    @Test
    void directionsAreIndependent() {
        NtlmSession client = client();
        NtlmSession server = NtlmSession.forServer(KEY);
        Sealed a = client.seal(msg("one"));
        Sealed b = client.seal(msg("two"));
        Sealed r = server.seal(msg("reply"));
        assertArrayEquals(msg("reply"), client.unseal(r.header(), r.ciphertext()));
        assertArrayEquals(msg("one"), server.unseal(a.header(), a.ciphertext()));
        assertArrayEquals(msg("two"), server.unseal(b.header(), b.ciphertext()));
    }

    @Test
    void clientCannotUnsealItsOwnMessages() {
        NtlmSession client = client();
        Sealed s = client.seal(msg("hello"));
        assertThrows(IntegrityException.class, () -> client().unseal(s.header(), s.ciphertext()));
    }

    @Test
    void flippedCiphertextByteIsRejected() {
        NtlmSession server = NtlmSession.forServer(KEY);
        NtlmSession client = client();
        Sealed s = server.seal(msg("<s:Envelope>Running</s:Envelope>"));
        byte[] ct = s.ciphertext();
        ct[5] ^= 0x01;
        IntegrityException e = assertThrows(IntegrityException.class, () -> client.unseal(s.header(), ct));
        assertEquals(TAMPERED, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 4, 8, 11, 12, 15})
    void flippedSignatureByteIsRejected(int index) {
        NtlmSession server = NtlmSession.forServer(KEY);
        NtlmSession client = client();
        Sealed s = server.seal(msg("<s:Envelope>Running</s:Envelope>"));
        byte[] sig = s.header();
        sig[index] ^= 0x40;
        IntegrityException e = assertThrows(IntegrityException.class, () -> client.unseal(sig, s.ciphertext()));
        assertEquals(TAMPERED, e.getMessage());
    }

    @Test
    void replayedMessageIsRejected() {
        NtlmSession server = NtlmSession.forServer(KEY);
        NtlmSession client = client();
        Sealed s = server.seal(msg("first"));
        assertArrayEquals(msg("first"), client.unseal(s.header(), s.ciphertext()));
        assertThrows(IntegrityException.class, () -> client.unseal(s.header(), s.ciphertext()));
    }

    @Test
    void reorderedMessagesAreRejected() {
        NtlmSession server = NtlmSession.forServer(KEY);
        NtlmSession client = client();
        server.seal(msg("zero"));
        Sealed one = server.seal(msg("one"));
        assertThrows(IntegrityException.class, () -> client.unseal(one.header(), one.ciphertext()));
    }

    @Test
    void sessionStaysBrokenAfterAFailure() {
        NtlmSession server = NtlmSession.forServer(KEY);
        NtlmSession client = client();
        Sealed bad = server.seal(msg("zero"));
        byte[] ct = bad.ciphertext();
        ct[0] ^= 1;
        assertThrows(IntegrityException.class, () -> client.unseal(bad.header(), ct));
        Sealed next = server.seal(msg("one"));
        assertThrows(IntegrityException.class, () -> client.unseal(next.header(), next.ciphertext()));
    }

    @Test
    void wrongHeaderLengthIsRejected() {
        NtlmSession server = NtlmSession.forServer(KEY);
        Sealed s = server.seal(msg("x"));
        byte[] longer = java.util.Arrays.copyOf(s.header(), 17);
        assertThrows(IntegrityException.class, () -> client().unseal(longer, s.ciphertext()));
        assertThrows(IntegrityException.class, () -> client().unseal(new byte[0], s.ciphertext()));
        assertThrows(IntegrityException.class, () -> client().unseal(null, s.ciphertext()));
    }

    @Test
    void toStringShowsNoKeyMaterial() {
        NtlmSession client = client();
        client.seal(msg("x"));
        String s = client.toString();
        assertEquals("NtlmSession[client, sealed 1, unsealed 0]", s);
        assertFalse(s.contains(TestMessages.hex(KEY)));
    }
}
