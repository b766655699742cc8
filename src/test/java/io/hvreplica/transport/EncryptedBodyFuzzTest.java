package io.hvreplica.transport;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hvreplica.auth.IntegrityException;
import io.hvreplica.auth.MessageProtection;
import io.hvreplica.auth.ntlm.NtlmSession;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Fuzzes the multipart/encrypted framing of a host's response ({@link EncryptedBody#unseal}).
 * Its documented failure is {@link IntegrityException}; anything else that escapes is a bug.
 *
 * <p>Input: byte 0 picks the protection, then the Content-Type header up to the first LF, then
 * the body. With the pass-through protection every well-framed body unseals, so the fuzzer
 * explores the framing and the length check; with a real NTLM session it meets the signature
 * check as a host's tampered answer would.
 */
class EncryptedBodyFuzzTest {
    private static final String SPNEGO = "application/HTTP-SPNEGO-session-encrypted";
    private static final byte[] KEY = new byte[16];

    /** Accepts any header of 0-64 bytes and returns the ciphertext as the plaintext. */
    private static final MessageProtection PASS_THROUGH = new MessageProtection() {
        @Override
        public String protocol() {
            return SPNEGO;
        }

        @Override
        public Sealed seal(byte[] plaintext) {
            return new Sealed(new byte[16], plaintext.clone());
        }

        @Override
        public byte[] unseal(byte[] header, byte[] ciphertext) {
            if (header.length > 64) {
                throw new IntegrityException("the test protection takes headers of at most 64 bytes");
            }
            return ciphertext.clone();
        }
    };

    // libFuzzer's dictionary syntax: \xNN escapes, no raw control characters.
    @DictionaryEntries({"--Encrypted Boundary\\x0D\\x0A", "-- Encrypted Boundary\\x0D\\x0A",
            "--Encrypted Boundary--\\x0D\\x0A", "\\x09Content-Type: application/octet-stream\\x0D\\x0A",
            "\\x09OriginalContent: type=application/soap+xml;charset=UTF-8;Length=",
            "multipart/encrypted;protocol=application/HTTP-SPNEGO-session-encrypted", "\\x10\\x00\\x00\\x00"})
    @FuzzTest(maxDuration = "30s")
    void unseal(byte[] input) {
        try {
            unsealed(input);
        } catch (IntegrityException expected) {
            // Mis-framed, altered or wrongly announced: the documented outcome.
        }
    }

    /** The well-framed seeds unseal, so the fuzzer starts past the framing checks. */
    @Test
    void wellFramedSeedsUnseal() throws IOException {
        String soap = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"/>";
        assertEquals(soap, new String(unsealed(seed("pass-through")), StandardCharsets.UTF_8));
        assertEquals(soap, new String(unsealed(seed("spaced-boundary")), StandardCharsets.UTF_8));
    }

    private static byte[] seed(String name) throws IOException {
        try (InputStream in = EncryptedBodyFuzzTest.class.getResourceAsStream("EncryptedBodyFuzzTestInputs/unseal/" + name)) {
            return in.readAllBytes();
        }
    }

    private static byte[] unsealed(byte[] input) {
        if (input.length < 1) {
            return null;
        }
        int lf = 1;
        while (lf < input.length && input[lf] != '\n') {
            lf++;
        }
        String contentType = new String(input, 1, lf - 1, StandardCharsets.ISO_8859_1);
        byte[] body = lf < input.length ? Arrays.copyOfRange(input, lf + 1, input.length) : new byte[0];
        MessageProtection protection = (input[0] & 1) == 0 ? PASS_THROUGH : NtlmSession.forServer(KEY);
        return EncryptedBody.unseal(protection, contentType, body);
    }
}
