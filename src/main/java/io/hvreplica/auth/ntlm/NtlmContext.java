package io.hvreplica.auth.ntlm;

import io.hvreplica.auth.AuthenticationException;
import io.hvreplica.auth.ChannelBindings;
import io.hvreplica.auth.Credentials;
import io.hvreplica.auth.MessageProtection;
import io.hvreplica.auth.SecurityContext;
import java.util.Arrays;

/**
 * One NTLMv2 handshake on one connection: NEGOTIATE out, CHALLENGE in, AUTHENTICATE out. NTLM has
 * no final server token, so the context counts as established once AUTHENTICATE is produced; the
 * server's 200 or 401 to it is the transport's to interpret.
 */
public final class NtlmContext implements SecurityContext {
    private enum State { INITIAL, NEGOTIATE_SENT, ESTABLISHED, FAILED }

    /**
     * The NTLMv2 response (NTProofStr, the blob's 28 fixed bytes, TargetInfo, 4 zero bytes) must
     * fit the AUTHENTICATE's 16-bit length field.
     */
    private static final int MAX_TARGET_INFO = 0xffff - 16 - 28 - 4;

    private final Credentials credentials;
    private final String workstation;
    private final String scheme;
    private final boolean sealing;
    private final String targetName;
    private final ChannelBindings bindings;
    private final NtlmRandomness randomness;

    private State state = State.INITIAL;
    private byte[] negotiate;
    private NtlmSession session;

    NtlmContext(Credentials credentials, String workstation, String scheme, boolean sealing, String host,
                ChannelBindings bindings, NtlmRandomness randomness) {
        this.credentials = credentials;
        this.workstation = workstation;
        this.scheme = scheme;
        this.sealing = sealing;
        this.targetName = "HTTP/" + host;
        this.bindings = bindings;
        this.randomness = randomness;
    }

    @Override
    public String scheme() {
        return scheme;
    }

    @Override
    public byte[] step(byte[] serverToken) {
        boolean noToken = serverToken == null || serverToken.length == 0;
        switch (state) {
            case INITIAL:
                if (!noToken) {
                    throw new AuthenticationException(
                            "the server sent an NTLM token before the client's NEGOTIATE message");
                }
                negotiate = NegotiateMessage.encode(NtlmFlags.REQUESTED);
                state = State.NEGOTIATE_SENT;
                return negotiate.clone();
            case NEGOTIATE_SENT:
                try {
                    byte[] authenticate = authenticate(serverToken);
                    state = State.ESTABLISHED;
                    return authenticate;
                } catch (RuntimeException e) {
                    state = State.FAILED;
                    throw e;
                }
            case ESTABLISHED:
                if (noToken) {
                    return null;
                }
                throw new AuthenticationException(
                        "the server sent another NTLM token after the handshake was complete");
            default:
                throw new AuthenticationException("this NTLM handshake already failed; start a new connection");
        }
    }

    private byte[] authenticate(byte[] token) {
        ChallengeMessage challenge = ChallengeMessage.parse(token);
        int flags = NtlmFlags.agree(challenge.flags(), sealing);

        byte[] serverTime = challenge.targetInfo().get(AvPairs.TIMESTAMP);
        byte[] timestamp = serverTime != null ? serverTime : NtlmWire.le64(randomness.fileTime());
        AvPairs info = challenge.targetInfo()
                .withFlags(AvPairs.FLAG_MIC_PRESENT)
                .with(AvPairs.TARGET_NAME, NtlmWire.utf16le(targetName));
        if (bindings != null) {
            info = info.with(AvPairs.CHANNEL_BINDINGS, NtlmCrypto.md5(bindings.gssStruct()));
        }
        byte[] infoBytes = info.encode();
        if (infoBytes.length > MAX_TARGET_INFO) {
            throw new AuthenticationException("the server's NTLM CHALLENGE carries a TargetInfo list of "
                    + challenge.targetInfo().encode().length + " bytes, too long to echo back in an NTLMv2 response");
        }

        byte[] clientChallenge = checkLength(randomness.clientChallenge(), 8, "client challenge");
        char[] password = credentials.password();
        byte[] ntowfV1 = NtlmCrypto.ntowfV1(password);
        Arrays.fill(password, '\0');
        byte[] responseKey = NtlmCrypto.ntowfV2(ntowfV1, credentials.user(), credentials.domain());
        Arrays.fill(ntowfV1, (byte) 0);
        NtlmV2Response response = NtlmV2Response.compute(responseKey, challenge.serverChallenge(), clientChallenge,
                timestamp, infoBytes, serverTime != null);
        Arrays.fill(responseKey, (byte) 0);

        // NTLMv2: KeyExchangeKey = SessionBaseKey.
        byte[] keyExchangeKey = response.sessionBaseKey();
        byte[] exportedKey;
        byte[] encryptedKey;
        if ((flags & NtlmFlags.KEY_EXCH) != 0) {
            exportedKey = checkLength(randomness.exportedSessionKey(), 16, "session key");
            encryptedKey = NtlmCrypto.rc4(keyExchangeKey, exportedKey);
        } else {
            exportedKey = keyExchangeKey.clone();
            encryptedKey = new byte[0];
        }
        response.wipe();

        byte[] message = AuthenticateMessage.encode(flags, response.lmResponse(), response.ntResponse(),
                credentials.domain(), credentials.user(), workstation, encryptedKey);
        AuthenticateMessage.setMic(message, NtlmCrypto.hmacMd5(exportedKey, negotiate, token, message));

        if ((flags & NtlmFlags.SEAL) != 0) {
            session = new NtlmSession(exportedKey, flags, true);
        }
        Arrays.fill(exportedKey, (byte) 0);
        return message;
    }

    private static byte[] checkLength(byte[] b, int n, String what) {
        if (b == null || b.length != n) {
            throw new IllegalStateException("the NTLM " + what + " must be " + n + " bytes");
        }
        return b;
    }

    @Override
    public boolean isEstablished() {
        return state == State.ESTABLISHED;
    }

    /** The session once established, or null before that or when the server did not agree to sealing. */
    @Override
    public MessageProtection protection() {
        return state == State.ESTABLISHED ? session : null;
    }

    @Override
    public String toString() {
        return "NtlmContext[" + targetName + ", " + state.name().toLowerCase(java.util.Locale.ROOT) + "]";
    }
}
