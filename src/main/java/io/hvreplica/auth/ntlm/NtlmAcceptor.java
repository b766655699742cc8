package io.hvreplica.auth.ntlm;

import io.hvreplica.auth.AuthenticationException;
import io.hvreplica.auth.Credentials;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The accepting (server) side of one NTLMv2 handshake against one local account, for the simulated
 * host and for tests: NEGOTIATE in, CHALLENGE out, AUTHENTICATE in and verified (MS-NLMP 3.2.5).
 * It is not a general NTLM server and not the judge of our client's NTLM: that is gss-ntlmssp in
 * the interop peer ({@code src/test/peer}), which shares no code with us.
 *
 * <p>What it insists on: extended session security, and Unicode in the AUTHENTICATE; an NTLMv2 response whose
 * NTProofStr matches the account's password (NTLMv1 and anonymous are refused); a MIC over
 * NEGOTIATE|CHALLENGE|AUTHENTICATE, which MS-NLMP 3.1.5.1.2 makes mandatory because the CHALLENGE
 * always carries MsvAvTimestamp. User names compare case-insensitively; a client may send the
 * account's domain (any case), "." or no domain, since NTOWFv2 hashes the domain as sent.
 *
 * <p>One instance per handshake, used once, from one thread.
 */
public final class NtlmAcceptor {
    /** TARGET_TYPE_SERVER: the target is a stand-alone server, not a domain. */
    private static final int TARGET_TYPE_SERVER = 0x00020000;
    /** What we agree to when the client asks; the CHALLENGE echoes the intersection. */
    private static final int SUPPORTED = NtlmFlags.UNICODE | NtlmFlags.SIGN | NtlmFlags.SEAL | NtlmFlags.NTLM
            | NtlmFlags.ALWAYS_SIGN | NtlmFlags.EXTENDED_SESSIONSECURITY | NtlmFlags.VERSION | NtlmFlags.KEY_128
            | NtlmFlags.KEY_EXCH | NtlmFlags.KEY_56;
    private static final int REQUIRED = NtlmFlags.UNICODE | NtlmFlags.EXTENDED_SESSIONSECURITY;
    /** NTProofStr (16) + the blob's fixed part (28) + the trailing Z(4). */
    private static final int MIN_NTLMV2_RESPONSE = 16 + 28 + 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Credentials account;
    private final String computerName;
    private final Supplier<byte[]> serverChallenges;
    private final LongSupplier fileTime;

    private byte[] negotiate;
    private byte[] challenge;
    private byte[] serverChallenge;
    private int challengeFlags;
    private boolean used;

    /**
     * @param account      the one account that may log on; its domain is the NetBIOS domain the
     *                     CHALLENGE announces (a stand-alone server uses its computer name)
     * @param computerName the NetBIOS computer name announced in the CHALLENGE
     */
    public NtlmAcceptor(Credentials account, String computerName) {
        this(account, computerName, () -> {
            byte[] c = new byte[8];
            RANDOM.nextBytes(c);
            return c;
        }, () -> NtlmRandomness.toFileTime(Instant.now()));
    }

    /** With a fixed server challenge and clock, so tests can replay the MS-NLMP examples. */
    NtlmAcceptor(Credentials account, String computerName, Supplier<byte[]> serverChallenges, LongSupplier fileTime) {
        this.account = Objects.requireNonNull(account, "account");
        this.computerName = Objects.requireNonNull(computerName, "computerName");
        this.serverChallenges = serverChallenges;
        this.fileTime = fileTime;
    }

    /**
     * Answers the client's NEGOTIATE with a CHALLENGE.
     *
     * @throws AuthenticationException if the token is not a NEGOTIATE this acceptor can serve
     */
    public byte[] challenge(byte[] negotiateToken) {
        if (negotiate != null || used) {
            throw new AuthenticationException("this NTLM acceptor already answered a NEGOTIATE; start a new one");
        }
        int offered = NegotiateMessage.parseFlags(negotiateToken);
        if ((offered & NtlmFlags.EXTENDED_SESSIONSECURITY) == 0) {
            throw new AuthenticationException("the client's NTLM NEGOTIATE lacks extended session security");
        }
        serverChallenge = serverChallenges.get().clone();
        // Unicode even when the client offered only OEM: ntlm-auth (pywinrm) sends an OEM NEGOTIATE,
        // then follows the CHALLENGE's choice, as with Windows and gss-ntlmssp.
        challengeFlags = (offered & SUPPORTED) | NtlmFlags.UNICODE | NtlmFlags.REQUEST_TARGET | NtlmFlags.TARGET_INFO
                | TARGET_TYPE_SERVER;
        String domain = account.domain().isEmpty() ? computerName : account.domain();
        AvPairs info = AvPairs.of(List.of(
                new AvPairs.Pair(AvPairs.NB_DOMAIN_NAME, NtlmWire.utf16le(domain)),
                new AvPairs.Pair(AvPairs.NB_COMPUTER_NAME, NtlmWire.utf16le(computerName)),
                new AvPairs.Pair(AvPairs.TIMESTAMP, NtlmWire.le64(fileTime.getAsLong()))));
        negotiate = negotiateToken.clone();
        challenge = ChallengeMessage.encode(challengeFlags, serverChallenge, computerName, info);
        return challenge.clone();
    }

    /**
     * Verifies the client's AUTHENTICATE and returns the acceptor's half of the session: it
     * unseals what the client sealed and seals with the server-to-client keys. The acceptor is
     * spent afterwards, whatever the outcome.
     *
     * @throws AuthenticationException on a wrong password, unknown user, missing or wrong MIC,
     *                                 NTLMv1, or a malformed message
     */
    public NtlmSession accept(byte[] authenticateToken) {
        if (challenge == null || used) {
            throw new AuthenticationException("an NTLM AUTHENTICATE arrived without a CHALLENGE before it");
        }
        used = true;
        AuthenticateMessage.Received m = AuthenticateMessage.parse(authenticateToken);
        int flags = m.flags() & challengeFlags;
        if ((flags & REQUIRED) != REQUIRED) {
            throw new AuthenticationException("the client's NTLM AUTHENTICATE drops Unicode or extended session security");
        }
        byte[] nt = m.ntResponse();
        if (nt.length == 0) {
            throw new AuthenticationException("anonymous NTLM logons are not accepted");
        }
        if (nt.length == 24) {
            throw new AuthenticationException("NTLM version 1 is not accepted");
        }
        if (nt.length < MIN_NTLMV2_RESPONSE || nt[16] != 1 || nt[17] != 1) {
            throw new AuthenticationException("the client's NTLMv2 response is malformed");
        }
        if (!knownAccount(m.user(), m.domain())) {
            throw new AuthenticationException("unknown NTLM user " + m.domain() + "\\" + m.user());
        }
        char[] password = account.password();
        byte[] ntowfV1 = NtlmCrypto.ntowfV1(password);
        Arrays.fill(password, '\0');
        byte[] responseKey = NtlmCrypto.ntowfV2(ntowfV1, m.user(), m.domain());
        Arrays.fill(ntowfV1, (byte) 0);
        byte[] sessionBaseKey = sessionBaseKey(responseKey, serverChallenge, nt);
        Arrays.fill(responseKey, (byte) 0);
        if (sessionBaseKey == null) {
            throw new AuthenticationException("the NTLMv2 response of " + m.user() + " does not match its password");
        }
        // NTLMv2: KeyExchangeKey = SessionBaseKey.
        byte[] exportedKey;
        if ((flags & NtlmFlags.KEY_EXCH) != 0) {
            if (m.encryptedSessionKey().length != 16) {
                throw new AuthenticationException("the client's NTLM AUTHENTICATE lacks its 16-byte session key");
            }
            exportedKey = NtlmCrypto.rc4(sessionBaseKey, m.encryptedSessionKey());
        } else {
            exportedKey = sessionBaseKey.clone();
        }
        Arrays.fill(sessionBaseKey, (byte) 0);
        try {
            checkMic(m, nt, exportedKey);
            return new NtlmSession(exportedKey, flags, false);
        } finally {
            Arrays.fill(exportedKey, (byte) 0);
        }
    }

    /**
     * Recomputes NTProofStr from the response key, the server challenge and the client's blob
     * (MS-NLMP 3.3.2); returns SessionBaseKey when it matches the client's, null when not.
     */
    static byte[] sessionBaseKey(byte[] responseKeyNt, byte[] serverChallenge, byte[] ntResponse) {
        byte[] blob = Arrays.copyOfRange(ntResponse, 16, ntResponse.length);
        byte[] proof = NtlmCrypto.hmacMd5(responseKeyNt, serverChallenge, blob);
        if (!MessageDigest.isEqual(proof, Arrays.copyOf(ntResponse, 16))) {
            return null;
        }
        return NtlmCrypto.hmacMd5(responseKeyNt, proof);
    }

    private void checkMic(AuthenticateMessage.Received m, byte[] nt, byte[] exportedKey) {
        AvPairs clientInfo;
        try {
            clientInfo = AvPairs.parse(Arrays.copyOfRange(nt, MIN_NTLMV2_RESPONSE - 4, nt.length));
        } catch (AuthenticationException e) {
            throw new AuthenticationException("the AV pairs in the client's NTLMv2 response are malformed", e);
        }
        byte[] avFlags = clientInfo.get(AvPairs.FLAGS);
        if (avFlags == null || (NtlmWire.u32(avFlags, 0) & AvPairs.FLAG_MIC_PRESENT) == 0 || m.mic() == null) {
            throw new AuthenticationException("the client's NTLM AUTHENTICATE has no MIC");
        }
        byte[] expected = NtlmCrypto.hmacMd5(exportedKey, negotiate, challenge, m.withZeroMic());
        if (!MessageDigest.isEqual(expected, m.mic())) {
            throw new AuthenticationException("the MIC of the client's NTLM AUTHENTICATE is wrong:"
                    + " the handshake was altered, or the session key does not match");
        }
    }

    private boolean knownAccount(String user, String domain) {
        boolean userMatches = NtlmCrypto.upperCase(user).equals(NtlmCrypto.upperCase(account.user()));
        boolean domainMatches = domain.isEmpty() || domain.equals(".")
                || NtlmCrypto.upperCase(domain).equals(NtlmCrypto.upperCase(account.domain()));
        return userMatches && domainMatches;
    }

    @Override
    public String toString() {
        return "NtlmAcceptor[" + computerName + ", " + (used ? "used" : challenge != null ? "challenged" : "new") + "]";
    }
}
