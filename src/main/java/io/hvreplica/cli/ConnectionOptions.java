package io.hvreplica.cli;

import io.hvreplica.auth.Authenticator;
import io.hvreplica.transport.EncryptionMode;
import io.hvreplica.transport.HttpTransport;
import io.hvreplica.transport.TlsOptions;
import io.hvreplica.transport.TransportListener;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Where the host is, how to authenticate, how to protect the traffic, and how long to wait for it. */
final class ConnectionOptions {
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(15);
    // The host is given an OperationTimeout of 60 s (Windows' MaxTimeoutms default) and must answer
    // or fault with w:TimedOut within it; 15 s more covers the network and writing the fault.
    static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(75);
    // Past these a host is not slow but gone; larger values are typos.
    private static final Duration LONGEST_CONNECT = Duration.ofMinutes(5);
    private static final Duration LONGEST_READ = Duration.ofHours(1);
    // Below this the host's OperationTimeout (a quarter less) leaves WMI no time to work.
    private static final Duration SHORTEST_READ = Duration.ofSeconds(1);

    String host;
    /** Every --host given, in order (a run over many hosts). */
    java.util.List<String> hosts = java.util.List.of();
    String endpoint;
    Integer port;
    boolean https;
    String encryption = "auto";
    boolean allowUnencrypted;
    Path caCert;
    boolean insecure;
    boolean noChannelBinding;
    boolean verbose;
    Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    Duration readTimeout = DEFAULT_READ_TIMEOUT;
    /** --record: where this run's exchanges go, or null; shared by every host of the run. */
    io.hvreplica.record.Recorder recorder;

    static void declare(Args.Schema schema) {
        schema.values("--host", "HOST[:PORT]", "Hyper-V host: http://HOST:5985/wsman (https://HOST:5986/wsman with"
                        + " --https); may be repeated")
                .value("--endpoint", "URL", "Full WinRM endpoint URL, instead of --host")
                .value("--port", "N", "Port (default 5985, or 5986 with --https)")
                .flag("--https", "Use HTTPS (port 5986)")
                .value("--encryption", "MODE", "WinRM message encryption: auto (over HTTP only) | always | never")
                .flag("--allow-unencrypted", "Permit Basic credentials or plain SOAP over HTTP")
                .value("--ca-cert", "FILE", "Trust this CA (PEM or DER) for the host's certificate")
                .flag("--insecure", "Do not verify the host's TLS certificate (dangerous)")
                .flag("--no-channel-binding", "Do not bind authentication to the TLS channel (only behind a"
                        + " TLS-terminating proxy)")
                .value("--connect-timeout", "DURATION", "Bound on opening each TCP connection (default "
                        + Durations.format(DEFAULT_CONNECT_TIMEOUT) + ")")
                .value("--read-timeout", "DURATION", "Bound on each request's wait for an answer (default "
                        + Durations.format(DEFAULT_READ_TIMEOUT) + "); the host is given a shorter"
                        + " OperationTimeout, at most 60s")
                .flag("--verbose", "-v", "Log the wire traffic to stderr (secrets redacted)");
        Recording.declare(schema);
    }

    /**
     * These options for one host of a run over many: {@code HOST}, {@code HOST:PORT} or
     * {@code [IPV6]:PORT}; a port given here wins over --port.
     */
    ConnectionOptions forHost(String spec) {
        ConnectionOptions o = new ConnectionOptions();
        o.endpoint = null;
        o.https = https;
        o.encryption = encryption;
        o.allowUnencrypted = allowUnencrypted;
        o.caCert = caCert;
        o.insecure = insecure;
        o.noChannelBinding = noChannelBinding;
        o.verbose = verbose;
        o.connectTimeout = connectTimeout;
        o.readTimeout = readTimeout;
        o.recorder = recorder;
        o.port = port;
        String h = spec.trim();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\[[^\\]]+\\]|[^:\\[\\]]+):(\\d+)").matcher(h);
        if (m.matches()) {
            h = m.group(1);
            try {
                o.port = Integer.parseInt(m.group(2));
            } catch (NumberFormatException e) {
                throw new UsageException("the port in '" + spec + "' is not a port number");
            }
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.isEmpty()) {
            throw new UsageException("a host is empty in '" + spec + "'");
        }
        o.host = h;
        o.hosts = java.util.List.of(spec);
        return o;
    }

    /** The host as the user named it, for reports; works before the options are validated. */
    String hostName() {
        if (host != null) {
            return host;
        }
        try {
            return endpoint == null ? null : URI.create(endpoint).getHost();
        } catch (IllegalArgumentException e) {
            return endpoint;
        }
    }

    static ConnectionOptions from(Args.Parsed args) {
        ConnectionOptions o = new ConnectionOptions();
        o.hosts = args.values("--host");
        o.host = o.hosts.isEmpty() ? null : o.hosts.get(0);
        if (o.hosts.size() == 1 && o.hosts.get(0).matches("[^:\\[\\]]+:\\d+")) {
            o = o.forHost(o.hosts.get(0));
        }
        o.endpoint = args.value("--endpoint");
        String port = args.value("--port");
        if (port != null) {
            try {
                o.port = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new UsageException("--port must be a number, not '" + port + "'");
            }
        }
        o.https = args.flag("--https");
        o.encryption = args.value("--encryption", "auto");
        o.allowUnencrypted = args.flag("--allow-unencrypted");
        o.caCert = args.value("--ca-cert") == null ? null : Path.of(args.value("--ca-cert"));
        o.insecure = args.flag("--insecure");
        o.noChannelBinding = args.flag("--no-channel-binding");
        o.verbose = args.flag("--verbose");
        o.recorder = Recording.from(args);
        if (args.value("--connect-timeout") != null) {
            o.connectTimeout = Durations.parse("--connect-timeout", args.value("--connect-timeout"), LONGEST_CONNECT);
        }
        if (args.value("--read-timeout") != null) {
            o.readTimeout = Durations.parse("--read-timeout", args.value("--read-timeout"), LONGEST_READ);
            if (o.readTimeout.compareTo(SHORTEST_READ) < 0) {
                throw new UsageException("--read-timeout must be at least 1s, so that the host has time to answer");
            }
        }
        return o;
    }

    URI endpointUri() {
        if ((host == null) == (endpoint == null)) {
            throw new UsageException("give either --host HOST or --endpoint URL");
        }
        return endpoint != null ? parseEndpoint() : hostEndpoint();
    }

    private URI parseEndpoint() {
        if (port != null || https) {
            throw new UsageException("--port and --https go with --host; put the scheme and port in --endpoint");
        }
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw new UsageException("--endpoint is not a valid URL: " + e.getMessage());
        }
        if (uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme())
                || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new UsageException("--endpoint must be an http:// or https:// URL, e.g. http://hv01:5985/wsman");
        }
        if (uri.getRawUserInfo() != null) {
            // It would end up in the wire log and in the a:To header the host sees.
            throw new UsageException("--endpoint must not carry a user or password; use --user and"
                    + " HVREPLICA_PASSWORD or --password-file");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new UsageException("--endpoint takes no query or fragment, e.g. http://hv01:5985/wsman");
        }
        return uri;
    }

    private URI hostEndpoint() {
        int p = port != null ? port : (https ? 5986 : 5985);
        if (p < 1 || p > 65535) {
            throw new UsageException("--port must be between 1 and 65535");
        }
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        try {
            URI uri = new URI(https ? "https" : "http", null, h, p, "/wsman", null, null);
            if (uri.getHost() == null || host.isBlank() || !host.matches("[A-Za-z0-9.:\\[\\]-]+")) {
                throw new UsageException("--host must be a host name or an IP address, not '" + host + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException("--host must be a host name or an IP address, not '" + host + "'");
        }
    }

    /**
     * Refuses unsafe or meaningless combinations before anything else happens, so that nobody is
     * asked for a password only to be told the command cannot run.
     */
    void validate(String authScheme) {
        URI uri = endpointUri();
        boolean isHttps = "https".equalsIgnoreCase(uri.getScheme());
        EncryptionMode mode = encryptionMode();
        boolean basic = "basic".equalsIgnoreCase(authScheme);
        if (!isHttps && !allowUnencrypted) {
            if (basic) {
                throw new UsageException("Basic authentication over HTTP sends the password in clear text; use --https,"
                        + " or add --allow-unencrypted if the network is trusted");
            }
            if (mode == EncryptionMode.NEVER) {
                throw new UsageException("--encryption never over HTTP sends SOAP in clear text; use --https, or add"
                        + " --allow-unencrypted (the host must have AllowUnencrypted=true)");
            }
        }
        if (mode == EncryptionMode.ALWAYS && basic) {
            throw new UsageException("--encryption always needs negotiate, ntlm or kerberos; Basic has no session keys");
        }
        if (!isHttps && (insecure || caCert != null || noChannelBinding)) {
            throw new UsageException("--insecure, --ca-cert and --no-channel-binding apply to HTTPS only");
        }
        if (caCert != null && !(Files.isRegularFile(caCert) && Files.isReadable(caCert))) {
            throw new UsageException("cannot read the CA certificate " + caCert);
        }
    }

    EncryptionMode encryptionMode() {
        try {
            return EncryptionMode.valueOf(encryption.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--encryption must be auto, always or never");
        }
    }

    /** Whether WinRM message encryption will be on for this endpoint and mode. */
    boolean sealing() {
        boolean isHttps = "https".equalsIgnoreCase(endpointUri().getScheme());
        EncryptionMode mode = encryptionMode();
        return mode == EncryptionMode.ALWAYS || (mode == EncryptionMode.AUTO && !isHttps);
    }

    /**
     * Builds the transport; {@link #validate} has refused unsafe combinations already.
     *
     * @param deadline when the whole command must be done, measured with {@code clock}
     */
    HttpTransport transport(Authenticator authenticator, PrintStream err, Instant deadline, Clock clock) {
        URI uri = endpointUri();
        if (insecure) {
            err.println("WARNING: --insecure: the host's TLS certificate is NOT checked; anyone on the network path"
                    + " can impersonate " + uri.getHost() + " and read the credentials.");
        }
        EncryptionMode mode = encryptionMode();
        TransportListener listener = Recording.listener(this, verbose ? new WireLog(err) : TransportListener.NONE);
        return HttpTransport.builder(uri, authenticator)
                .encryption(mode)
                .allowUnencrypted(allowUnencrypted)
                .tls(new TlsOptions(caCert, insecure))
                .channelBinding(!noChannelBinding)
                .listener(listener)
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .deadline(deadline)
                .clock(clock)
                .build();
    }
}
