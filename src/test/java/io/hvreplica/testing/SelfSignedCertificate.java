package io.hvreplica.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A throwaway certificate for localhost and 127.0.0.1, made with the openssl tool. */
public record SelfSignedCertificate(Path certificate, Path key) {
    public static SelfSignedCertificate create(Path dir) throws IOException, InterruptedException {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0 || !Files.exists(cert)) {
            throw new IllegalStateException("openssl could not make a certificate: " + out);
        }
        return new SelfSignedCertificate(cert, key);
    }
}
