package io.hvreplica.auth.ntlm;

import io.hvreplica.auth.AuthenticationException;
import java.util.ArrayList;
import java.util.List;

/** NegotiateFlags (MS-NLMP 2.2.2.5): what we ask for and what we insist the server agrees to. */
final class NtlmFlags {
    static final int UNICODE = 0x00000001;
    static final int OEM = 0x00000002;
    static final int REQUEST_TARGET = 0x00000004;
    static final int SIGN = 0x00000010;
    static final int SEAL = 0x00000020;
    static final int NTLM = 0x00000200;
    static final int ALWAYS_SIGN = 0x00008000;
    static final int EXTENDED_SESSIONSECURITY = 0x00080000;
    static final int TARGET_INFO = 0x00800000;
    static final int VERSION = 0x02000000;
    static final int KEY_128 = 0x20000000;
    static final int KEY_EXCH = 0x40000000;
    static final int KEY_56 = 0x80000000;

    /** What SSPI and pyspnego request for a signing and sealing NTLMv2 client. */
    static final int REQUESTED = UNICODE | OEM | REQUEST_TARGET | SIGN | SEAL | NTLM | ALWAYS_SIGN
            | EXTENDED_SESSIONSECURITY | VERSION | KEY_128 | KEY_EXCH | KEY_56;

    private NtlmFlags() {
    }

    /**
     * The flags for the AUTHENTICATE message: those both sides agreed to.
     *
     * @param sealing whether the caller will need to encrypt messages, which makes SEAL, KEY_EXCH
     *                and 128-bit keys mandatory rather than welcome
     */
    static int agree(int offered, boolean sealing) {
        List<String> missing = new ArrayList<>();
        if ((offered & UNICODE) == 0) {
            missing.add("NTLMSSP_NEGOTIATE_UNICODE");
        }
        if ((offered & EXTENDED_SESSIONSECURITY) == 0) {
            missing.add("NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY");
        }
        if (sealing) {
            if ((offered & SEAL) == 0) {
                missing.add("NTLMSSP_NEGOTIATE_SEAL");
            }
            if ((offered & KEY_EXCH) == 0) {
                missing.add("NTLMSSP_NEGOTIATE_KEY_EXCH");
            }
            if ((offered & KEY_128) == 0) {
                missing.add("NTLMSSP_NEGOTIATE_128");
            }
        }
        if (!missing.isEmpty()) {
            throw new AuthenticationException("the server's NTLM CHALLENGE does not agree to "
                    + String.join(", ", missing) + "; hvreplica needs "
                    + (missing.size() == 1 ? "it" : "them")
                    + (sealing ? " for NTLMv2 with encrypted WinRM messages" : " for NTLMv2")
                    + " (check the host's NTLM security policy, or use Kerberos)");
        }
        int agreed = REQUESTED & offered;
        // Strings go out as UTF-16LE; announcing OEM as well would be ambiguous.
        return agreed & ~OEM;
    }
}
