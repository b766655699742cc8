package io.hvreplica.auth.ntlm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Md4Test {

    /** RFC 1320 appendix A.5 test suite. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|31d6cfe0d16ae931b73c59d7e0c089c0",
        "a|bde52cb31de33e46245e05fbdbd6fb24",
        "abc|a448017aaf21d8525fc10ae87aa6729d",
        "message digest|d9130a8164549fe818874806e1c7014b",
        "abcdefghijklmnopqrstuvwxyz|d79e1c308aa5bbcdeea8ed63df412da9",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789|043f8582f241db351ce627e153e7f0e4",
        "12345678901234567890123456789012345678901234567890123456789012345678901234567890|e33b4ddc9c38f2199c3e7b164fcc0536",
    })
    void rfc1320Vectors(String input, String expected) {
        assertEquals(expected, TestMessages.hex(Md4.digest(input.getBytes(StandardCharsets.US_ASCII))));
    }

    /** Inputs 0,1,2,... of lengths around the padding boundaries; expected values from OpenSSL's legacy MD4. */
    @ParameterizedTest
    @CsvSource({
        "55, cc8a7f2bd608e3eeecb7f121d13bea55",
        "56, b8e94b6408bbfa6ec9805bf21bc05cbd",
        "63, 54ba4472fcd03e99cf28f90eed9f2ae0",
        "64, 2de6578f0e7898fa17acd84b79685d3a",
        "65, 3a4f2ca37eebdf6dc99a6155517b74fc",
        "119, 9c1067170940ce8f8e4745d362675fab",
        "120, c5bb35660e3d0a286a96ea3aa4922b3c",
        "128, e1275970eb67d2d996e6e658270aa149",
    })
    void paddingBoundaries(int n, String expected) {
        byte[] a = new byte[n];
        for (int i = 0; i < n; i++) {
            a[i] = (byte) i;
        }
        assertEquals(expected, TestMessages.hex(Md4.digest(a)));
    }
}
