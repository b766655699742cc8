package io.hvreplica.auth.kerberos;

import io.hvreplica.auth.AuthenticationException;
import io.hvreplica.auth.ChannelBindings;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * Run in a child JVM started without the add-exports flag: prints what a library user would be
 * told when Kerberos channel bindings are needed.
 */
public final class NoExportProbe {
    private NoExportProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            TlsChannelBinding.of(ChannelBindings.tlsServerEndPoint(cert));
            System.out.println("available=" + TlsChannelBinding.available());
        } catch (AuthenticationException e) {
            System.out.println(e.getMessage());
        }
    }
}
