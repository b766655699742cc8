package io.hvreplica.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway MIT Kerberos realm ({@value #REALM}) for tests: database, principals and keytab in
 * a temp directory, {@code krb5kdc -n} on 127.0.0.1 at a free port (TCP and UDP). Stopped by pid
 * in {@link #close()} and, should a test run die, by a shutdown hook.
 *
 * <p>Principals: {@value #USER} (password {@value #PASSWORD}, pre-authentication required, like
 * Active Directory), and in the service keytab {@value #SERVICE} (AES256 + AES128),
 * {@value #SERVICE_AES128} (AES128 only) and {@value #SERVICE_RC4} (RC4-HMAC only).
 *
 * <p>Needs the Debian packages krb5-kdc, krb5-admin-server and krb5-user; a shifted KDC clock
 * ({@link #startWithClockOffset}) needs libfaketime (package faketime).
 */
public final class MitKdc implements AutoCloseable {
    public static final String REALM = "HV.TEST";
    public static final String USER = "hvuser";
    public static final String PASSWORD = "Secret123";
    public static final String SERVICE = "HTTP/localhost";
    public static final String SERVICE_AES128 = "HTTP/aes128.hv.test";
    public static final String SERVICE_RC4 = "HTTP/rc4.hv.test";
    public static final Path FAKETIME = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1");

    private final Path dir;
    private final int port;
    private final Process process;
    private final Thread hook;

    private MitKdc(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.hook = new Thread(this::kill, "mit-kdc-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    public static MitKdc start() {
        return start(null);
    }

    /** A KDC whose clock runs {@code offset} ahead of this machine's (libfaketime). */
    public static MitKdc startWithClockOffset(Duration offset) {
        return start("+" + offset.toSeconds() + "s");
    }

    private static MitKdc start(String fakeTime) {
        try {
            Path dir = Files.createTempDirectory("mit-kdc-");
            int port = freePort();
            write(dir, port);
            Map<String, String> env = env(dir);
            run(env, null, tool("kdb5_util"), "create", "-s", "-r", REALM, "-P", "master-not-secret");
            kadmin(env, "addprinc +requires_preauth -pw " + PASSWORD + " " + USER);
            kadmin(env, "addprinc -randkey " + SERVICE);
            kadmin(env, "addprinc -randkey -e aes128-cts-hmac-sha1-96:normal " + SERVICE_AES128);
            kadmin(env, "addprinc -randkey -e arcfour-hmac:normal " + SERVICE_RC4);
            // MIT otherwise assumes every service takes AES256 session keys.
            kadmin(env, "setstr " + SERVICE_AES128 + " session_enctypes aes128-cts-hmac-sha1-96");
            kadmin(env, "setstr " + SERVICE_RC4 + " session_enctypes arcfour-hmac");
            kadmin(env, "ktadd -k " + dir.resolve("http.keytab") + " -norandkey " + SERVICE + " " + SERVICE_AES128 + " " + SERVICE_RC4);
            kadmin(env, "ktadd -k " + dir.resolve("user.keytab") + " -norandkey " + USER);
            ProcessBuilder kdc = new ProcessBuilder(tool("krb5kdc"), "-n", "-r", REALM, "-P", dir.resolve("kdc.pid").toString())
                    .redirectErrorStream(true);
            kdc.environment().putAll(env);
            if (fakeTime != null) {
                if (!Files.exists(FAKETIME)) {
                    throw new IllegalStateException("libfaketime is not installed (apt-get install faketime)");
                }
                kdc.environment().put("LD_PRELOAD", FAKETIME.toString());
                kdc.environment().put("FAKETIME", fakeTime);
            }
            MitKdc started = new MitKdc(dir, port, kdc.start());
            started.awaitListening();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the test KDC", e);
        }
    }

    public String realm() {
        return REALM;
    }

    public int port() {
        return port;
    }

    public Path krb5Conf() {
        return dir.resolve("krb5.conf");
    }

    /** Keytab of the HTTP service principals, for the acceptor (KRB5_KTNAME). */
    public Path serviceKeytab() {
        return dir.resolve("http.keytab");
    }

    /** Keytab with {@value #USER}'s keys, for a keytab logon. */
    public Path userKeytab() {
        return dir.resolve("user.keytab");
    }

    public String userPrincipal() {
        return USER + "@" + REALM;
    }

    /** What MIT tools and the GSSAPI acceptor need to use this realm. */
    public Map<String, String> env() {
        Map<String, String> env = env(dir);
        env.put("KRB5_KTNAME", "FILE:" + serviceKeytab());
        return env;
    }

    /** A FILE credential cache from MIT kinit with the user's password, ticket lifetime as kinit reads it ("10h", "1s"). */
    public Path kinit(String name, String lifetime) {
        Path cache = dir.resolve(name);
        run(env(dir), PASSWORD + "\n", tool("kinit"), "-l", lifetime, "-c", "FILE:" + cache, userPrincipal());
        return cache;
    }

    /** Runs one kadmin.local query on this realm, e.g. "cpw -pw NEW hvuser". */
    public void kadmin(String query) {
        kadmin(env(dir), query);
    }

    /** A file in the realm's directory, deleted with it. */
    public Path file(String name) {
        return dir.resolve(name);
    }

    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind
        }
    }

    /** Stops the KDC (by the pid of the process we started) and waits for it. */
    public void kill() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits for krb5kdc's own word that it listens: run with -n, it prints "krb5kdc: starting..."
     * on stderr once its sockets are bound, so there is nothing to poll. Its output is copied to
     * krb5kdc.out for {@link #log()}.
     */
    private void awaitListening() {
        CountDownLatch started = new CountDownLatch(1);
        Thread copier = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)); Writer file = Files.newBufferedWriter(dir.resolve("krb5kdc.out"))) {
                for (String line; (line = out.readLine()) != null; ) {
                    file.write(line + "\n");
                    file.flush();
                    if (line.contains(": starting...")) {
                        started.countDown();
                    }
                }
            } catch (IOException ignored) {
                // The KDC is gone; the wait below reports it.
            } finally {
                started.countDown();
            }
        }, "mit-kdc-output");
        copier.setDaemon(true);
        copier.start();
        try {
            // A bound on a KDC that neither starts nor exits; a started one answers within milliseconds.
            if (started.await(60, TimeUnit.SECONDS) && process.isAlive()) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                    return;
                } catch (IOException e) {
                    // reported below
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
        throw new IllegalStateException("krb5kdc did not start on port " + port + ": " + log());
    }

    /** The KDC's log (which tickets it issued, with their session key types). */
    public String log() {
        try {
            return Files.readString(dir.resolve("krb5kdc.out")) + Files.readString(dir.resolve("kdc.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void write(Path dir, int port) throws IOException {
        Files.writeString(dir.resolve("krb5.conf"), String.join("\n",
                "[libdefaults]",
                " default_realm = " + REALM,
                " dns_lookup_kdc = false",
                " dns_lookup_realm = false",
                " dns_canonicalize_hostname = false",
                " rdns = false",
                " udp_preference_limit = 1",
                " allow_weak_crypto = true",
                " allow_rc4 = true",
                " default_tgs_enctypes = aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96 arcfour-hmac",
                " default_tkt_enctypes = aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96 arcfour-hmac",
                " permitted_enctypes = aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96 arcfour-hmac",
                " kdc_timeout = 3s",
                " max_retries = 1",
                "[realms]",
                " " + REALM + " = {",
                "  kdc = 127.0.0.1:" + port,
                " }",
                "[domain_realm]",
                " localhost = " + REALM,
                ""), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("kdc.conf"), String.join("\n",
                "[kdcdefaults]",
                " kdc_ports = " + port,
                " kdc_tcp_ports = " + port,
                "[realms]",
                " " + REALM + " = {",
                "  database_name = " + dir.resolve("principal"),
                "  key_stash_file = " + dir.resolve("stash"),
                "  acl_file = " + dir.resolve("kadm5.acl"),
                "  supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal"
                        + " arcfour-hmac:normal",
                "  max_life = 10h",
                " }",
                "[logging]",
                " kdc = FILE:" + dir.resolve("kdc.log"),
                ""), StandardCharsets.UTF_8);
    }

    private static Map<String, String> env(Path dir) {
        Map<String, String> env = new HashMap<>();
        env.put("KRB5_CONFIG", dir.resolve("krb5.conf").toString());
        env.put("KRB5_KDC_PROFILE", dir.resolve("kdc.conf").toString());
        return env;
    }

    private static void kadmin(Map<String, String> env, String query) {
        run(env, null, tool("kadmin.local"), "-r", REALM, "-q", query);
    }

    private static void run(Map<String, String> env, String input, String... command) {
        List<String> cmd = new ArrayList<>(List.of(command));
        try {
            ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true);
            b.environment().putAll(env);
            Process p = b.start();
            if (input != null) {
                p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd.get(0)
                    + " (install krb5-kdc krb5-admin-server krb5-user)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Debian puts the KDC tools in /usr/sbin, which a CI shell may not have on PATH. */
    private static String tool(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        throw new IllegalStateException(name + " is not installed (Debian packages krb5-kdc krb5-admin-server krb5-user)");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
