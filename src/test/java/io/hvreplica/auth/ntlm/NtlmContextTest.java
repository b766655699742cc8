package io.hvreplica.auth.ntlm;

import static io.hvreplica.auth.ntlm.TestMessages.hex;
import static io.hvreplica.auth.ntlm.TestMessages.utf16;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hvreplica.auth.AuthenticationException;
import io.hvreplica.auth.ChannelBindings;
import io.hvreplica.auth.Credentials;
import io.hvreplica.auth.MessageProtection;
import io.hvreplica.auth.MessageProtection.Sealed;
import io.hvreplica.auth.SecurityContext;
import io.hvreplica.auth.ntlm.TestMessages.Authenticate;
import io.hvreplica.auth.ntlm.TestMessages.FixedRandomness;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NtlmContextTest {
    private static final String HOST = "hv01.example.local";
    private static final long SERVER_TIME = 0x01d9_a1b2_c3d4_e5f6L;
    private static final String PASSWORD = "Pa55w.rd-secret";

    private static NtlmAuthenticator authenticator(String user, boolean sealing) {
        return new NtlmAuthenticator(Credentials.of(user, PASSWORD.toCharArray()), "WS01",
                NtlmAuthenticator.NEGOTIATE, sealing, FixedRandomness.spec());
    }

    private record Handshake(byte[] negotiate, byte[] challenge, Authenticate authenticate, SecurityContext context) {
    }

    private static Handshake handshake(String user, ChannelBindings bindings, byte[] challenge) {
        SecurityContext ctx = authenticator(user, true).newContext(HOST, bindings);
        byte[] negotiate = ctx.step(null);
        byte[] auth = ctx.step(challenge);
        return new Handshake(negotiate, challenge, TestMessages.parseAuthenticate(auth), ctx);
    }

    private static Handshake handshake(ChannelBindings bindings) {
        return handshake("EXAMPLE\\replica", bindings, TestMessages.challenge(TestMessages.pairsWithTimestamp(SERVER_TIME)));
    }

    /** What a domain controller does with the AUTHENTICATE message: recovers the ExportedSessionKey. */
    private static byte[] acceptorRecoversSessionKey(Authenticate a) {
        byte[] key = NtlmCrypto.ntowfV2(NtlmCrypto.ntowfV1(PASSWORD.toCharArray()), a.user(), a.domain());
        byte[] sessionBaseKey = NtlmAcceptor.sessionBaseKey(key, TestMessages.SERVER_CHALLENGE, a.nt());
        assertNotNull(sessionBaseKey, "NTProofStr");
        return NtlmCrypto.rc4(sessionBaseKey, a.encryptedKey());
    }

    @Test
    void negotiateMessageLayout() {
        byte[] m = authenticator("user", true).newContext(HOST, null).step(null);
        assertEquals(40, m.length);
        assertTrue(NtlmWire.hasSignature(m));
        assertEquals(1, NtlmWire.u32(m, 8));
        int flags = NtlmWire.u32(m, 12);
        for (int f : new int[] {NtlmFlags.UNICODE, NtlmFlags.REQUEST_TARGET, NtlmFlags.SIGN, NtlmFlags.SEAL,
                NtlmFlags.NTLM, NtlmFlags.ALWAYS_SIGN, NtlmFlags.EXTENDED_SESSIONSECURITY, NtlmFlags.VERSION,
                NtlmFlags.KEY_128, NtlmFlags.KEY_EXCH, NtlmFlags.KEY_56}) {
            assertEquals(f, flags & f, "flag 0x" + Integer.toHexString(f));
        }
        assertEquals(0x0f, m[39], "NTLM revision in Version");
    }

    @Test
    void authenticateCarriesAValidMicAtOffset72() {
        Handshake h = handshake(null);
        Authenticate a = h.authenticate();
        byte[] exported = acceptorRecoversSessionKey(a);
        assertEquals(hex(TestMessages.FixedRandomness.spec().sessionKey), hex(exported));
        byte[] expected = NtlmCrypto.hmacMd5(exported, h.negotiate(), h.challenge(), a.withZeroMic());
        assertEquals(hex(expected), hex(a.mic()));
        assertEquals(hex(expected), hex(Arrays.copyOfRange(a.raw(), 72, 88)));
    }

    @Test
    void authenticateUsesAgreedFlagsAndVersion() {
        Authenticate a = handshake(null).authenticate();
        assertEquals((NtlmFlags.REQUESTED & TestMessages.SERVER_FLAGS) & ~NtlmFlags.OEM, a.flags());
        assertEquals(0x0f, a.raw()[71]);
        assertTrue(NtlmWire.u32(a.raw(), 28 + 4) >= 88, "payload starts after the MIC");
    }

    @Test
    void targetInfoIsTheServersPlusMicFlagAndTargetName() {
        Authenticate a = handshake(null).authenticate();
        AvPairs info = a.targetInfo();
        assertArrayEquals(utf16("Domain"), info.get(AvPairs.NB_DOMAIN_NAME));
        assertArrayEquals(utf16("Server"), info.get(AvPairs.NB_COMPUTER_NAME));
        assertArrayEquals(NtlmWire.le64(SERVER_TIME), info.get(AvPairs.TIMESTAMP));
        assertEquals(AvPairs.FLAG_MIC_PRESENT, NtlmWire.u32(info.get(AvPairs.FLAGS), 0) & 0x2);
        assertEquals("HTTP/" + HOST, new String(info.get(AvPairs.TARGET_NAME), StandardCharsets.UTF_16LE));
        assertNull(info.get(AvPairs.CHANNEL_BINDINGS), "no channel bindings over plain HTTP");
    }

    @Test
    void existingMsvAvFlagsAreKept() {
        AvPairs server = TestMessages.pairsWithTimestamp(SERVER_TIME).with(AvPairs.FLAGS, NtlmWire.le32(0x1));
        Authenticate a = handshake("u", null, TestMessages.challenge(server)).authenticate();
        assertEquals(0x3, NtlmWire.u32(a.targetInfo().get(AvPairs.FLAGS), 0));
    }

    @Test
    void serverTimestampIsUsedAndLmResponseIsZero() {
        Authenticate a = handshake(null).authenticate();
        assertArrayEquals(NtlmWire.le64(SERVER_TIME), a.timestamp());
        assertArrayEquals(new byte[24], a.lm());
        assertArrayEquals(FixedRandomness.spec().clientChallenge, a.clientChallenge());
    }

    @Test
    void withoutServerTimestampTheClockIsUsedAndLmV2IsSent() {
        Handshake h = handshake("u", null, TestMessages.challenge(TestMessages.specPairs()));
        Authenticate a = h.authenticate();
        assertArrayEquals(NtlmWire.le64(0), a.timestamp());
        byte[] key = NtlmCrypto.ntowfV2(NtlmCrypto.ntowfV1(PASSWORD.toCharArray()), "u", "");
        byte[] cc = FixedRandomness.spec().clientChallenge;
        assertEquals(hex(NtlmWire.concat(NtlmCrypto.hmacMd5(key, TestMessages.SERVER_CHALLENGE, cc), cc)), hex(a.lm()));
        acceptorRecoversSessionKey(a);
    }

    @Test
    void channelBindingsAreTheMd5OfTheGssStruct() throws Exception {
        ChannelBindings cb = ChannelBindings.tlsServerEndPoint(selfSigned());
        Authenticate a = handshake(cb).authenticate();
        assertEquals(hex(NtlmCrypto.md5(cb.gssStruct())), hex(a.targetInfo().get(AvPairs.CHANNEL_BINDINGS)));
        acceptorRecoversSessionKey(a);
    }

    @ParameterizedTest
    @CsvSource({"EXAMPLE\\replica, EXAMPLE, replica", "replica@example.local, example.local, replica",
                "replica, '', replica", "HV01\\Administrator, HV01, Administrator"})
    void userAndDomainDecodeBack(String spec, String domain, String user) {
        Authenticate a = handshake(spec, null, TestMessages.challenge(TestMessages.pairsWithTimestamp(SERVER_TIME)))
                .authenticate();
        assertEquals(domain, a.domain());
        assertEquals(user, a.user());
        assertEquals("WS01", a.workstation());
        acceptorRecoversSessionKey(a);
    }

    @Test
    void sealedMessagesRoundTripWithTheAcceptor() {
        Handshake h = handshake(null);
        MessageProtection client = h.context().protection();
        NtlmSession server = NtlmSession.forServer(acceptorRecoversSessionKey(h.authenticate()));
        for (int i = 0; i < 3; i++) {
            byte[] soap = ("<s:Envelope>" + i + "</s:Envelope>").getBytes(StandardCharsets.UTF_8);
            Sealed up = client.seal(soap);
            assertArrayEquals(soap, server.unseal(up.header(), up.ciphertext()));
            Sealed down = server.seal(soap);
            assertArrayEquals(soap, client.unseal(down.header(), down.ciphertext()));
        }
    }

    @Test
    void stateMachine() {
        SecurityContext ctx = authenticator("u", true).newContext(HOST, null);
        assertEquals("Negotiate", ctx.scheme());
        assertFalse(ctx.isEstablished());
        assertNull(ctx.protection());
        ctx.step(null);
        assertFalse(ctx.isEstablished());
        assertNull(ctx.protection());
        byte[] challenge = TestMessages.challenge(TestMessages.pairsWithTimestamp(SERVER_TIME));
        ctx.step(challenge);
        assertTrue(ctx.isEstablished());
        assertNotNull(ctx.protection());
        assertEquals("application/HTTP-SPNEGO-session-encrypted", ctx.protection().protocol());
        assertNull(ctx.step(null));
        assertThrows(AuthenticationException.class, () -> ctx.step(challenge));
    }

    @Test
    void tokenBeforeNegotiateIsRefused() {
        SecurityContext ctx = authenticator("u", true).newContext(HOST, null);
        assertThrows(AuthenticationException.class,
                () -> ctx.step(TestMessages.challenge(TestMessages.specPairs())));
    }

    @Test
    void failedContextCannotBeReused() {
        SecurityContext ctx = authenticator("u", true).newContext(HOST, null);
        ctx.step(null);
        assertThrows(AuthenticationException.class, () -> ctx.step(new byte[] {1, 2, 3}));
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> ctx.step(TestMessages.challenge(TestMessages.specPairs())));
        assertTrue(e.getMessage().contains("already failed"), e.getMessage());
        assertFalse(ctx.isEstablished());
    }

    @Test
    void schemeNameIsConfigurable() {
        NtlmAuthenticator a = new NtlmAuthenticator(Credentials.of("u", "p".toCharArray()), null, "NTLM", true);
        assertEquals("NTLM", a.newContext(HOST, null).scheme());
        assertEquals("ntlm", a.name());
        assertTrue(a.connectionBound());
        assertThrows(IllegalArgumentException.class,
                () -> new NtlmAuthenticator(Credentials.of("u", "p".toCharArray()), null, "Kerberos", true));
    }

    /**
     * TargetInfo is echoed back inside the NTLMv2 response, with pairs added, and that response
     * has a 16-bit length: a list near 64 KiB cannot be answered.
     */
    @Test
    void aTargetInfoTooLongToEchoIsRefusedInOneSentence() {
        AvPairs huge = AvPairs.of(java.util.List.of(new AvPairs.Pair(0x0042, new byte[65_500])));
        SecurityContext ctx = authenticator("EXAMPLE\\replica", true).newContext(HOST, null);
        ctx.step(null);
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> ctx.step(TestMessages.challenge(huge)));
        assertTrue(e.getMessage().contains("TargetInfo"), e.getMessage());
        assertFalse(ctx.isEstablished());
    }

    @Test
    void serverWithoutExtendedSessionSecurityIsRefused() {
        int flags = TestMessages.SERVER_FLAGS & ~NtlmFlags.EXTENDED_SESSIONSECURITY;
        AuthenticationException e = refused(flags, true);
        assertTrue(e.getMessage().contains("NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY"), e.getMessage());
    }

    @Test
    void serverWithoutSealingIsRefusedWhenSealingIsNeeded() {
        int flags = TestMessages.SERVER_FLAGS & ~(NtlmFlags.SEAL | NtlmFlags.KEY_EXCH | NtlmFlags.KEY_128);
        AuthenticationException e = refused(flags, true);
        assertTrue(e.getMessage().contains("NTLMSSP_NEGOTIATE_SEAL"), e.getMessage());
        assertTrue(e.getMessage().contains("NTLMSSP_NEGOTIATE_KEY_EXCH"), e.getMessage());
        assertTrue(e.getMessage().contains("NTLMSSP_NEGOTIATE_128"), e.getMessage());
        AuthenticationException only128 = refused(TestMessages.SERVER_FLAGS & ~NtlmFlags.KEY_128, true);
        assertTrue(only128.getMessage().contains("NTLMSSP_NEGOTIATE_128"), only128.getMessage());
        assertFalse(only128.getMessage().contains("SEAL"), only128.getMessage());
    }

    @Test
    void serverWithoutSealingIsAcceptedWhenSealingIsNotNeeded() {
        int flags = TestMessages.SERVER_FLAGS & ~(NtlmFlags.SEAL | NtlmFlags.KEY_EXCH);
        SecurityContext ctx = authenticator("u", false).newContext(HOST, null);
        ctx.step(null);
        Authenticate a = TestMessages.parseAuthenticate(
                ctx.step(TestMessages.challenge(flags, TestMessages.pairsWithTimestamp(SERVER_TIME))));
        assertTrue(ctx.isEstablished());
        assertNull(ctx.protection());
        assertEquals(0, a.encryptedKey().length, "no key exchange");
    }

    private static AuthenticationException refused(int flags, boolean sealing) {
        SecurityContext ctx = authenticator("u", sealing).newContext(HOST, null);
        ctx.step(null);
        return assertThrows(AuthenticationException.class,
                () -> ctx.step(TestMessages.challenge(flags, TestMessages.pairsWithTimestamp(SERVER_TIME))));
    }

    @Test
    void passwordNeverAppearsInStrings() {
        NtlmAuthenticator a = authenticator("EXAMPLE\\replica", true);
        SecurityContext ctx = a.newContext(HOST, null);
        ctx.step(null);
        ctx.step(TestMessages.challenge(TestMessages.pairsWithTimestamp(SERVER_TIME)));
        for (Object o : new Object[] {a, ctx, ctx.protection()}) {
            assertFalse(o.toString().contains(PASSWORD), o.getClass().getSimpleName());
        }
    }

    @Test
    void fileTimeConversion() {
        assertEquals(116_444_736_000_000_000L, NtlmRandomness.toFileTime(java.time.Instant.EPOCH));
        assertEquals(116_444_736_000_000_001L, NtlmRandomness.toFileTime(java.time.Instant.ofEpochSecond(0, 100)));
    }

    /** A throwaway certificate, only to feed ChannelBindings. */
    private static X509Certificate selfSigned() throws Exception {
        // The JDK has no public certificate builder, so this is a fixed self-signed P-256/SHA-384 one.
        return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(java.util.Base64.getMimeDecoder().decode(CERT)));
    }

    private static final String CERT = ""
            + "MIIBjzCCATWgAwIBAgIUW1XZVKRpetYw8Y9ReeE42VXxHpIwCgYIKoZIzj0EAwMw"
            + "HTEbMBkGA1UEAwwSaHYwMS5leGFtcGxlLmxvY2FsMB4XDTI2MTEyNDAzMjk0N1oX"
            + "DTM2MTEyMTAzMjk0N1owHTEbMBkGA1UEAwwSaHYwMS5leGFtcGxlLmxvY2FsMFkw"
            + "EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEdN5Ahn9E7LJR63HGEKYQXEIVLKqmP5Au"
            + "VAvGZ5U+96oyC4lBgXt75eprF/I+eRH2l77hXL+jMWhkzHQ7CQjtx6NTMFEwHQYD"
            + "VR0OBBYEFI8K8w5mdr07n8XFzJE81fNIgT8EMB8GA1UdIwQYMBaAFI8K8w5mdr07"
            + "n8XFzJE81fNIgT8EMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwMDSAAwRQIh"
            + "ANJuUEZdwd+xSW2XT1+xw+9jQe+dQaa/Ts9FYQW0jwrrAiAim3+mmT7eUEgWWtH/"
            + "KfDbyFPsDWqs1oIKEm8yUzQbuA==";
}
