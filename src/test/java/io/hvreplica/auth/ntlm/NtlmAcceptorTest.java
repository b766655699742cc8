package io.hvreplica.auth.ntlm;

import static io.hvreplica.auth.ntlm.TestMessages.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.hvreplica.auth.AuthenticationException;
import io.hvreplica.auth.Credentials;
import io.hvreplica.auth.MessageProtection;
import io.hvreplica.auth.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The acceptor against our client, with the MS-NLMP 4.2.4 inputs (User/Domain/Password, 0123456789abcdef). */
class NtlmAcceptorTest {
    private static final String ACCOUNT = "Domain\\User";
    private static final String PASSWORD = "Password";
    /** MS-NLMP 4.2.4.1.3: NTLMv2 response for the spec's CHALLENGE (NbDomainName Domain, NbComputerName Server). */
    private static final String SPEC_NT_RESPONSE = "68cd0ab851e51c96aabc927bebef6a1c"
            + "01010000000000000000000000000000aaaaaaaaaaaaaaaa0000000002000c0044006f006d00610069006e00"
            + "01000c005300650072007600650072000000000000000000";

    /** Server challenge and time as in MS-NLMP 4.2.1 (time 0). */
    private static NtlmAcceptor acceptor() {
        return new NtlmAcceptor(Credentials.of(ACCOUNT, PASSWORD.toCharArray()), "Server",
                () -> TestMessages.SERVER_CHALLENGE.clone(), () -> 0L);
    }

    private static SecurityContext client(String user, String password) {
        return new NtlmAuthenticator(Credentials.of(user, password.toCharArray()), "COMPUTER",
                NtlmAuthenticator.NEGOTIATE, true, TestMessages.FixedRandomness.spec()).newContext("Server", null);
    }

    private record Run(byte[] negotiate, byte[] challenge, byte[] authenticate, SecurityContext client,
                       NtlmAcceptor acceptor) {
        NtlmSession accept() {
            return acceptor.accept(authenticate);
        }
    }

    private static Run run(String user, String password) {
        SecurityContext client = client(user, password);
        NtlmAcceptor acceptor = acceptor();
        byte[] negotiate = client.step(null);
        byte[] challenge = acceptor.challenge(negotiate);
        byte[] authenticate = client.step(challenge);
        return new Run(negotiate, challenge, authenticate, client, acceptor);
    }

    private static byte[] responseKey() {
        return NtlmCrypto.ntowfV2(NtlmCrypto.ntowfV1(PASSWORD.toCharArray()), "User", "Domain");
    }

    @Test
    void recomputesTheSpecNtProofStrAndSessionBaseKey() {
        byte[] base = NtlmAcceptor.sessionBaseKey(responseKey(), TestMessages.SERVER_CHALLENGE, hex(SPEC_NT_RESPONSE));
        assertEquals("8de40ccadbc14a82f15cb0ad0de95ca3", hex(base));
        // MS-NLMP 4.2.4.2.3: EncryptedRandomSessionKey decrypts to the RandomSessionKey 55*16.
        assertEquals("55".repeat(16), hex(NtlmCrypto.rc4(base, hex("c5dad2544fc9799094ce1ce90bc9d03e"))));
    }

    @Test
    void aWrongChallengeOrAlteredBlobFailsTheNtProofStr() {
        assertNull(NtlmAcceptor.sessionBaseKey(responseKey(), new byte[8], hex(SPEC_NT_RESPONSE)));
        byte[] altered = hex(SPEC_NT_RESPONSE);
        altered[40] ^= 1;
        assertNull(NtlmAcceptor.sessionBaseKey(responseKey(), TestMessages.SERVER_CHALLENGE, altered));
    }

    @Test
    void challengeCarriesTheSpecServerChallengeTargetInfoAndATimestamp() {
        Run r = run(ACCOUNT, PASSWORD);
        ChallengeMessage c = ChallengeMessage.parse(r.challenge());
        assertArrayEquals(TestMessages.SERVER_CHALLENGE, c.serverChallenge());
        assertEquals("Domain", new String(c.targetInfo().get(AvPairs.NB_DOMAIN_NAME), StandardCharsets.UTF_16LE));
        assertEquals("Server", new String(c.targetInfo().get(AvPairs.NB_COMPUTER_NAME), StandardCharsets.UTF_16LE));
        assertArrayEquals(new byte[8], c.targetInfo().get(AvPairs.TIMESTAMP));
        int required = NtlmFlags.UNICODE | NtlmFlags.EXTENDED_SESSIONSECURITY | NtlmFlags.SEAL | NtlmFlags.SIGN
                | NtlmFlags.KEY_EXCH | NtlmFlags.KEY_128 | NtlmFlags.TARGET_INFO;
        assertEquals(required, c.flags() & required);
        assertEquals(0, c.flags() & NtlmFlags.OEM, "OEM is never echoed");
    }

    @Test
    void acceptsOurClientAndDerivesTheSpecSessionKey() {
        NtlmSession server = run(ACCOUNT, PASSWORD).accept();
        // The MS-NLMP 4.2.4.4 message, sealed by a client with ExportedSessionKey 55*16, unseals.
        byte[] plain = server.unseal(hex("010000007fb38ec5c55d497600000000"), hex("54e50165bf1936dc996020c1811b0f06fb5f"));
        assertEquals("Plaintext", new String(plain, StandardCharsets.UTF_16LE));
    }

    @Test
    void sessionsInteroperateBothWays() {
        Run r = run(ACCOUNT, PASSWORD);
        NtlmSession server = r.accept();
        MessageProtection client = r.client().protection();
        for (int i = 0; i < 3; i++) {
            byte[] soap = ("<s:Envelope>" + i + "</s:Envelope>").getBytes(StandardCharsets.UTF_8);
            MessageProtection.Sealed up = client.seal(soap);
            assertArrayEquals(soap, server.unseal(up.header(), up.ciphertext()));
            MessageProtection.Sealed down = server.seal(soap);
            assertArrayEquals(soap, client.unseal(down.header(), down.ciphertext()));
        }
    }

    @Test
    void userNameIsCaseInsensitiveAndTheDomainMayBeOmitted() {
        for (String user : new String[] {"DOMAIN\\user", "User", ".\\User", "User@Domain"}) {
            assertNotNull(run(user, PASSWORD).accept(), user);
        }
    }

    @Test
    void wrongPasswordUserOrDomainIsRefused() {
        assertTrue(assertThrows(AuthenticationException.class, () -> run(ACCOUNT, "password").accept())
                .getMessage().contains("does not match"));
        assertTrue(assertThrows(AuthenticationException.class, () -> run("Domain\\Other", PASSWORD).accept())
                .getMessage().contains("unknown NTLM user"));
        assertThrows(AuthenticationException.class, () -> run("Elsewhere\\User", PASSWORD).accept());
    }

    @Test
    void alteredMicOrFlagsAreRefused() {
        Run r = run(ACCOUNT, PASSWORD);
        byte[] mic = r.authenticate().clone();
        mic[AuthenticateMessage.MIC_OFFSET] ^= 1;
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> acceptorAfter(r).accept(mic));
        assertTrue(e.getMessage().contains("MIC"), e.getMessage());

        byte[] flags = r.authenticate().clone();
        NtlmWire.put32(flags, 60, NtlmWire.u32(flags, 60) & ~NtlmFlags.KEY_56);
        assertTrue(assertThrows(AuthenticationException.class, () -> acceptorAfter(r).accept(flags))
                .getMessage().contains("MIC"));
    }

    /** A fresh acceptor that has sent the same CHALLENGE as {@code r}'s (same inputs, same bytes). */
    private static NtlmAcceptor acceptorAfter(Run r) {
        NtlmAcceptor a = acceptor();
        assertArrayEquals(r.challenge(), a.challenge(r.negotiate()));
        return a;
    }

    @Test
    void authenticateWithoutMicIsRefused() {
        Run r = run(ACCOUNT, PASSWORD);
        AuthenticateMessage.Received m = AuthenticateMessage.parse(r.authenticate());
        // Same fields, but laid out without room for a MIC: the payload starts right after the flags.
        byte[] domain = NtlmWire.utf16le(m.domain());
        byte[] user = NtlmWire.utf16le(m.user());
        byte[] msg = NtlmWire.concat(Arrays.copyOf(r.authenticate(), 64), domain, user, m.lmResponse(),
                m.ntResponse(), m.encryptedSessionKey());
        int at = 64;
        at = setField(msg, 28, domain.length, at);
        at = setField(msg, 36, user.length, at);
        setField(msg, 44, 0, at);
        at = setField(msg, 12, m.lmResponse().length, at);
        at = setField(msg, 20, m.ntResponse().length, at);
        setField(msg, 52, m.encryptedSessionKey().length, at);
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> acceptorAfter(r).accept(msg));
        assertTrue(e.getMessage().contains("no MIC"), e.getMessage());
    }

    private static int setField(byte[] m, int at, int len, int offset) {
        NtlmWire.put16(m, at, len);
        NtlmWire.put16(m, at + 2, len);
        NtlmWire.put32(m, at + 4, offset);
        return offset + len;
    }
    @Test
    void ntlmV1AndAnonymousAreRefused() {
        Run r = run(ACCOUNT, PASSWORD);
        int flags = NtlmWire.u32(r.authenticate(), 60);
        byte[] v1 = AuthenticateMessage.encode(flags, new byte[24], new byte[24], "Domain", "User", "", new byte[16]);
        assertTrue(assertThrows(AuthenticationException.class, () -> acceptorAfter(r).accept(v1))
                .getMessage().contains("version 1"));
        byte[] anonymous = AuthenticateMessage.encode(flags, new byte[0], new byte[0], "", "", "", new byte[0]);
        assertTrue(assertThrows(AuthenticationException.class, () -> acceptorAfter(r).accept(anonymous))
                .getMessage().contains("anonymous"));
    }

    @Test
    void outOfOrderAndReusedAcceptorsRefuse() {
        assertThrows(AuthenticationException.class, () -> acceptor().accept(new byte[0]));
        Run r = run(ACCOUNT, PASSWORD);
        r.accept();
        assertThrows(AuthenticationException.class, r::accept, "an acceptor is used once");
        assertThrows(AuthenticationException.class, () -> r.acceptor().challenge(r.negotiate()));
        assertThrows(AuthenticationException.class, () -> acceptor().challenge(r.authenticate()), "not a NEGOTIATE");
    }

    @Test
    void anOemNegotiateGetsAUnicodeChallenge() {
        // What ntlm-auth (pywinrm) sends: OEM with a supplied domain, no UNICODE.
        byte[] negotiate = NegotiateMessage.encode((NtlmFlags.REQUESTED & ~NtlmFlags.UNICODE) | 0x1000);
        int flags = ChallengeMessage.parse(acceptor().challenge(negotiate)).flags();
        assertEquals(NtlmFlags.UNICODE, flags & (NtlmFlags.UNICODE | NtlmFlags.OEM));
    }

    @Test
    void negotiateWithoutExtendedSessionSecurityIsRefused() {
        byte[] negotiate = NegotiateMessage.encode(NtlmFlags.REQUESTED & ~NtlmFlags.EXTENDED_SESSIONSECURITY);
        assertThrows(AuthenticationException.class, () -> acceptor().challenge(negotiate));
    }

    /** Truncated or corrupted AUTHENTICATE messages: AuthenticationException, never anything else. */
    @Test
    void corruptionNeverEscapesAsAnotherException() {
        Run r = run(ACCOUNT, PASSWORD);
        byte[] valid = r.authenticate();
        Random random = new Random(4242);
        for (int i = 0; i < 3000; i++) {
            byte[] t = i < valid.length ? Arrays.copyOf(valid, i) : valid.clone();
            if (i >= valid.length) {
                for (int e = 1 + random.nextInt(4); e > 0; e--) {
                    t[random.nextInt(t.length)] = (byte) random.nextInt(256);
                }
            }
            NtlmAcceptor a = acceptorAfter(r);
            try {
                a.accept(t);
                if (!Arrays.equals(t, valid)) {
                    // Only bytes the MIC does not cover may change harmlessly; there are none.
                    fail("corrupted AUTHENTICATE #" + i + " was accepted");
                }
            } catch (AuthenticationException expected) {
                // fine
            } catch (RuntimeException other) {
                fail("corrupted AUTHENTICATE #" + i + " escaped as " + other, other);
            }
        }
    }
}
