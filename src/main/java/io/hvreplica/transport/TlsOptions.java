package io.hvreplica.transport;

import java.nio.file.Path;

/**
 * How to trust the host's certificate.
 *
 * @param caCertificate a PEM or DER file with the CA (or the host's own certificate) to trust
 *                      instead of the JDK's default trust store; null for the default
 * @param insecure      skip certificate and host name checks entirely (loudly warned about)
 */
public record TlsOptions(Path caCertificate, boolean insecure) {
    public static final TlsOptions DEFAULT = new TlsOptions(null, false);
}
