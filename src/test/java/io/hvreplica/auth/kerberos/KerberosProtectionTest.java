package io.hvreplica.auth.kerberos;

import io.hvreplica.auth.Credentials;
import io.hvreplica.auth.IntegrityException;
import io.hvreplica.auth.MessageProtection;
import io.hvreplica.auth.SecurityContext;
import io.hvreplica.testing.MitKdc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real JGSS keys on both sides (MIT KDC, the JDK's acceptor in this JVM): Java wraps, the Windows
 * layout carries it, Java unwraps — both directions, AES256, AES128 and RC4-HMAC. The JDK's
 * acceptor sends no acceptor sub-key; the MIT acceptor in {@link KerberosInteropTest} does.
 */
class KerberosProtectionTest {
    private static final byte[] SOAP = "<s:Envelope>Revert app-vm-01</s:Envelope>".getBytes(StandardCharsets.UTF_8);
    private static MitKdc kdc;

    @BeforeAll
    static void start() {
        kdc = MitKdc.start();
    }

    @AfterAll
    static void stop() {
        if (kdc != null) {
            kdc.close();
        }
    }

    private record Pair(SecurityContext initiator, JgssAcceptor acceptor) {
        MessageProtection protection() {
            return initiator.protection();
        }
    }

    private static Pair establish(String spn) {
        KerberosAuthenticator auth = KerberosAuthenticator.withPassword(
                        Credentials.of(MitKdc.USER, MitKdc.PASSWORD.toCharArray()))
                .mechanism(KerberosMechanism.KERBEROS).spn(spn).krb5Config(kdc.krb5Conf()).build();
        SecurityContext initiator = auth.newContext("localhost", null);
        byte[] apReq = initiator.step(null);
        assertFalse(initiator.isEstablished(), "not before the AP-REP");
        assertNull(initiator.protection());
        JgssAcceptor acceptor = new JgssAcceptor(kdc.serviceKeytab());
        byte[] apRep = acceptor.accept(apReq);
        assertTrue(acceptor.established());
        assertNull(initiator.step(apRep), "nothing more to send after the AP-REP");
        assertTrue(initiator.isEstablished());
        return new Pair(initiator, acceptor);
    }

    @Test
    void aes256RequestInWindowsLayoutUnwrapsAtTheAcceptor() throws Exception {
        Pair p = establish(MitKdc.SERVICE);
        MessageProtection.Sealed sealed = p.protection().seal(SOAP);
        byte[] h = sealed.header();
        assertEquals(60, h.length, "signature = 16-byte header + RRC 28 + 16-byte confounder");
        assertEquals(SOAP.length, sealed.ciphertext().length);
        assertEquals(0x05, h[0]);
        assertEquals(0x04, h[1]);
        assertEquals(0x02, h[2] & 0x03, "sealed, sent by the initiator");
        assertEquals(0, WrapTokens.ec(h));
        assertEquals(28, WrapTokens.rrc(h));
        assertArrayEquals(SOAP, p.acceptor().unwrap(WrapTokens.join(h, sealed.ciphertext())));
    }

    @Test
    void acceptorResponseInWindowsLayoutUnseals() {
        Pair p = establish(MitKdc.SERVICE);
        for (int i = 0; i < 3; i++) {
            byte[] message = ("response " + i).getBytes(StandardCharsets.UTF_8);
            MessageProtection.Sealed w = WrapTokens.toWindows(p.acceptor().wrap(message), message.length);
            assertEquals(0x03, w.header()[2] & 0x03, "sent by the acceptor, sealed");
            assertArrayEquals(message, p.protection().unseal(w.header(), w.ciphertext()));
        }
    }

    @Test
    void aes128UsesTheSameLayout() throws Exception {
        Pair p = establish(MitKdc.SERVICE_AES128);
        MessageProtection.Sealed sealed = p.protection().seal(SOAP);
        assertEquals(60, sealed.header().length);
        assertArrayEquals(SOAP, p.acceptor().unwrap(WrapTokens.join(sealed.header(), sealed.ciphertext())));
        MessageProtection.Sealed back = WrapTokens.toWindows(p.acceptor().wrap(SOAP), SOAP.length);
        assertArrayEquals(SOAP, p.protection().unseal(back.header(), back.ciphertext()));
    }

    @Test
    void rc4HmacSplitsAtTheConfounder() throws Exception {
        Pair p = establish(MitKdc.SERVICE_RC4);
        MessageProtection.Sealed sealed = p.protection().seal(SOAP);
        assertEquals(0x60, sealed.header()[0] & 0xff, "RFC 1964 framing");
        assertEquals(SOAP.length + 1, sealed.ciphertext().length, "data plus the one RC4-HMAC pad byte");
        assertArrayEquals(SOAP, p.acceptor().unwrap(WrapTokens.join(sealed.header(), sealed.ciphertext())));
        MessageProtection.Sealed back = WrapTokens.toWindows(p.acceptor().wrap(SOAP), SOAP.length);
        assertArrayEquals(SOAP, p.protection().unseal(back.header(), back.ciphertext()));
    }

    @Test
    void alteredCiphertextOrHeaderFailsTheIntegrityCheck() {
        Pair p = establish(MitKdc.SERVICE);
        MessageProtection.Sealed w = WrapTokens.toWindows(p.acceptor().wrap(SOAP), SOAP.length);
        byte[] ciphertext = w.ciphertext().clone();
        ciphertext[ciphertext.length / 2] ^= 1;
        IntegrityException e = assertThrows(IntegrityException.class, () -> p.protection().unseal(w.header(), ciphertext));
        assertTrue(e.getMessage().contains("failed the Kerberos integrity check"), e.getMessage());
        byte[] header = w.header().clone();
        header[30] ^= 1;
        assertThrows(IntegrityException.class, () -> p.protection().unseal(header, w.ciphertext()));
        assertArrayEquals(SOAP, p.protection().unseal(w.header(), w.ciphertext()), "failed tries leave no trace");
    }

    @Test
    void replayedResponseIsRefused() {
        Pair p = establish(MitKdc.SERVICE);
        MessageProtection.Sealed w = WrapTokens.toWindows(p.acceptor().wrap(SOAP), SOAP.length);
        assertNotNull(p.protection().unseal(w.header(), w.ciphertext()));
        IntegrityException e = assertThrows(IntegrityException.class, () -> p.protection().unseal(w.header(), w.ciphertext()));
        assertTrue(e.getMessage().contains("out of sequence"), e.getMessage());
    }

    @Test
    void ourOwnRequestCannotBeReflectedBack() {
        Pair p = establish(MitKdc.SERVICE);
        MessageProtection.Sealed mine = p.protection().seal(SOAP);
        assertThrows(IntegrityException.class, () -> p.protection().unseal(mine.header(), mine.ciphertext()));
    }
}
