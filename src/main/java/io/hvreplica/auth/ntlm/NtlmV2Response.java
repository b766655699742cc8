package io.hvreplica.auth.ntlm;

import java.util.Arrays;

/** The NTLMv2 and LMv2 responses and the session base key (MS-NLMP 3.3.2). */
record NtlmV2Response(byte[] ntProofStr, byte[] ntResponse, byte[] lmResponse, byte[] sessionBaseKey) {

    /**
     * @param timestamp   FILETIME, 8 bytes little-endian
     * @param targetInfo  the AV pairs to return, encoded with their MsvAvEOL
     * @param zeroLm      send Z(24) as LMv2: done when the server supplied MsvAvTimestamp, because
     *                    then the MIC protects the exchange and the LMv2 response adds nothing
     */
    static NtlmV2Response compute(byte[] responseKeyNt, byte[] serverChallenge, byte[] clientChallenge,
                                  byte[] timestamp, byte[] targetInfo, boolean zeroLm) {
        byte[] temp = NtlmWire.concat(new byte[] {1, 1, 0, 0, 0, 0, 0, 0}, timestamp, clientChallenge,
                new byte[4], targetInfo, new byte[4]);
        byte[] ntProofStr = NtlmCrypto.hmacMd5(responseKeyNt, serverChallenge, temp);
        byte[] lm = zeroLm
                ? new byte[24]
                : NtlmWire.concat(NtlmCrypto.hmacMd5(responseKeyNt, serverChallenge, clientChallenge), clientChallenge);
        byte[] sessionBaseKey = NtlmCrypto.hmacMd5(responseKeyNt, ntProofStr);
        return new NtlmV2Response(ntProofStr, NtlmWire.concat(ntProofStr, temp), lm, sessionBaseKey);
    }

    void wipe() {
        Arrays.fill(sessionBaseKey, (byte) 0);
    }

    @Override
    public String toString() {
        return "NtlmV2Response[" + ntResponse.length + " bytes]";
    }
}
