package io.hvreplica.auth.ntlm;

import io.hvreplica.auth.IntegrityException;
import io.hvreplica.auth.MessageProtection;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * NTLM session security with extended session security (MS-NLMP 3.4.4.2): one RC4 stream and one
 * signing key per direction, each with its own sequence number starting at 0. The RC4 streams run
 * for the whole connection, so every message must be sealed and unsealed exactly once, in order.
 */
public final class NtlmSession implements MessageProtection {
    public static final String PROTOCOL = "application/HTTP-SPNEGO-session-encrypted";
    static final int SIGNATURE_LENGTH = 16;
    private static final String TAMPERED =
            "the response failed its NTLM signature check: it was altered in transit or the session is out of step";

    private final boolean client;
    private final boolean encryptChecksum;
    private final Rc4 sealOut;
    private final Rc4 sealIn;
    private final HmacMd5 signOut;
    private final HmacMd5 signIn;
    private int seqOut;
    private int seqIn;
    /** After a failed unseal the incoming RC4 stream position is unknown; nothing later can verify. */
    private boolean inboundBroken;

    /**
     * @param flags the agreed NegotiateFlags: KEY_128/KEY_56 pick the seal key strength and
     *              KEY_EXCH whether the checksum is RC4-encrypted
     */
    NtlmSession(byte[] exportedSessionKey, int flags, boolean client) {
        if (exportedSessionKey.length != 16) {
            throw new IllegalArgumentException("an NTLM session key is 16 bytes");
        }
        this.client = client;
        this.encryptChecksum = (flags & NtlmFlags.KEY_EXCH) != 0;
        byte[] sealOutKey = NtlmCrypto.sealKey(exportedSessionKey, flags, client);
        byte[] sealInKey = NtlmCrypto.sealKey(exportedSessionKey, flags, !client);
        byte[] signOutKey = NtlmCrypto.signKey(exportedSessionKey, client);
        byte[] signInKey = NtlmCrypto.signKey(exportedSessionKey, !client);
        this.sealOut = new Rc4(sealOutKey);
        this.sealIn = new Rc4(sealInKey);
        this.signOut = new HmacMd5(signOutKey);
        this.signIn = new HmacMd5(signInKey);
        for (byte[] k : new byte[][] {sealOutKey, sealInKey, signOutKey, signInKey}) {
            Arrays.fill(k, (byte) 0);
        }
    }

    /**
     * The acceptor's side of a session, for tests and the simulator: it seals with the
     * server-to-client keys and unseals what a client sealed. Assumes the flags WinRM uses
     * (128-bit keys, key exchange).
     */
    public static NtlmSession forServer(byte[] exportedSessionKey) {
        return new NtlmSession(exportedSessionKey, NtlmFlags.REQUESTED, false);
    }

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public synchronized Sealed seal(byte[] plaintext) {
        // Data first, then the checksum, from the same RC4 stream: the order is part of the protocol.
        byte[] ciphertext = sealOut.update(plaintext);
        byte[] checksum = checksum(signOut, seqOut, plaintext);
        if (encryptChecksum) {
            checksum = sealOut.update(checksum);
        }
        byte[] signature = signature(checksum, seqOut);
        seqOut++;
        return new Sealed(signature, ciphertext);
    }

    @Override
    public synchronized byte[] unseal(byte[] header, byte[] ciphertext) {
        if (inboundBroken || header == null || ciphertext == null || header.length != SIGNATURE_LENGTH
                || NtlmWire.u32(header, 0) != 1) {
            inboundBroken = true;
            throw new IntegrityException(TAMPERED);
        }
        byte[] plaintext = sealIn.update(ciphertext);
        byte[] received = Arrays.copyOfRange(header, 4, 12);
        if (encryptChecksum) {
            received = sealIn.update(received);
        }
        byte[] expected = checksum(signIn, seqIn, plaintext);
        boolean ok = MessageDigest.isEqual(expected, received) & NtlmWire.u32(header, 12) == seqIn;
        if (!ok) {
            inboundBroken = true;
            throw new IntegrityException(TAMPERED);
        }
        seqIn++;
        return plaintext;
    }

    private static byte[] checksum(HmacMd5 mac, int seq, byte[] plaintext) {
        mac.update(NtlmWire.le32(seq));
        mac.update(plaintext);
        return Arrays.copyOf(mac.doFinal(), 8);
    }

    private static byte[] signature(byte[] checksum, int seq) {
        byte[] s = new byte[SIGNATURE_LENGTH];
        NtlmWire.put32(s, 0, 1);
        System.arraycopy(checksum, 0, s, 4, 8);
        NtlmWire.put32(s, 12, seq);
        return s;
    }

    @Override
    public synchronized String toString() {
        return "NtlmSession[" + (client ? "client" : "server") + ", sealed " + Integer.toUnsignedString(seqOut)
                + ", unsealed " + Integer.toUnsignedString(seqIn) + (inboundBroken ? ", broken" : "") + "]";
    }
}
