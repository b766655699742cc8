package io.hvreplica.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The independent WinRM peer (src/test/peer/winrm_peer.py): real gss-ntlmssp and MIT GSSAPI
 * acceptors through python3-gssapi, doing the WinRM framing in front of a plain backend. Started
 * on 127.0.0.1 and stopped by process id. A machine without the Debian packages fails here, loudly:
 * these tests must never be skipped silently.
 */
public final class WinrmPeer implements AutoCloseable {
    public static final String PYTHON = "/usr/bin/python3";
    private static final Pattern COUNTER = Pattern.compile("\"(\\w+)\"\\s*:\\s*(\\d+)");

    private final Process process;
    private final int port;
    private final boolean https;
    private final Path log;

    private WinrmPeer(Process process, int port, boolean https, Path log) {
        this.process = process;
        this.port = port;
        this.https = https;
        this.log = log;
    }

    /** Options beyond the backend: see src/test/peer/README.md. */
    public static WinrmPeer start(String backend, String backendUser, String backendPassword,
                                  Map<String, String> env, String... extraArgs) throws IOException {
        requirePackages();
        List<String> cmd = new ArrayList<>(List.of(PYTHON, peerScript().toString(), "--port", "0",
                "--backend", backend, "--backend-user", backendUser, "--backend-password", backendPassword));
        cmd.addAll(List.of(extraArgs));
        Path log = Files.createTempFile("winrm-peer", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("READY ")) {
            p.destroyForcibly();
            throw new IllegalStateException("the WinRM peer did not start: " + Files.readString(log));
        }
        boolean tls = List.of(extraArgs).contains("--tls-cert");
        WinrmPeer peer = new WinrmPeer(p, Integer.parseInt(line.substring(6).trim()), tls, log);
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
        return peer;
    }

    /** Fails (never skips) when the interop packages are missing. */
    public static void requirePackages() {
        try {
            Process check = new ProcessBuilder(PYTHON, "-c", "import gssapi, winrm; import os;"
                    + " assert os.path.exists('/usr/lib/x86_64-linux-gnu/gssntlmssp/gssntlmssp.so')"
                    + " or any('gssntlmssp' in f for r,d,fs in os.walk('/usr/lib') for f in fs)")
                    .redirectErrorStream(true).start();
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (check.waitFor() != 0) {
                throw new IllegalStateException("the interop peers need Debian packages gss-ntlmssp python3-gssapi"
                        + " python3-winrm (and krb5-kdc krb5-admin-server krb5-user for Kerberos); .ci/run installs"
                        + " them. Python said: " + output.trim());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + PYTHON + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Path peerScript() {
        Path p = Path.of("src/test/peer/winrm_peer.py");
        if (!Files.exists(p)) {
            throw new IllegalStateException("run the tests from the project root: " + p.toAbsolutePath() + " is missing");
        }
        return p;
    }

    public int port() {
        return port;
    }

    public String endpoint(String host) {
        return (https ? "https" : "http") + "://" + host + ":" + port + "/wsman";
    }

    public String endpoint() {
        return endpoint("127.0.0.1");
    }

    /** The peer's counters (connections, requests, handshakes, completed_handshakes, unauthorized, ...). */
    public Map<String, Integer> stats() throws IOException, InterruptedException {
        HttpResponse<String> r = client().send(HttpRequest.newBuilder(URI.create(base() + "/stats")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, Integer> out = new java.util.HashMap<>();
        Matcher m = COUNTER.matcher(r.body());
        while (m.find()) {
            out.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return out;
    }

    public void resetStats() throws IOException, InterruptedException {
        client().send(HttpRequest.newBuilder(URI.create(base() + "/stats/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    }

    private String base() {
        return (https ? "https" : "http") + "://localhost:" + port;
    }

    private HttpClient client() {
        if (!https) {
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        }
        try {
            javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
            ctx.init(null, new javax.net.ssl.TrustManager[]{new javax.net.ssl.X509TrustManager() {
                public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {
                }

                public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {
                }

                public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                    return new java.security.cert.X509Certificate[0];
                }
            }}, null);
            return HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(5)).build();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the peer logged (GSS errors and so on), for failure messages. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
