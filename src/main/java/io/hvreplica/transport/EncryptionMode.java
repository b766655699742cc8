package io.hvreplica.transport;

/** WinRM HTTP message encryption (MS-WSMV 2.2.9.1). */
public enum EncryptionMode {
    /** Encrypt over HTTP, where Windows requires it by default; rely on TLS over HTTPS. */
    AUTO,
    /** Encrypt every message, even inside TLS. */
    ALWAYS,
    /** Never encrypt: plain SOAP (over HTTP only with AllowUnencrypted=true on the host). */
    NEVER
}
