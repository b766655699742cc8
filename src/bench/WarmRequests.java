import io.hvreplica.HostSession;
import io.hvreplica.HvReplica;
import io.hvreplica.auth.Credentials;
import io.hvreplica.auth.ntlm.NtlmAuthenticator;
import io.hvreplica.hyperv.VmSelector;
import io.hvreplica.transport.EncryptionMode;
import io.hvreplica.transport.HttpTransport;
import io.hvreplica.wsman.Enumeration;
import io.hvreplica.wsman.Item;
import io.hvreplica.wsman.SelectorSet;
import io.hvreplica.wsman.SoapRuntime;
import io.hvreplica.wsman.WsmanClient;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Warm cost of one request (issue 11): CPU and wall time per request of the library, once its
 * JVM has warmed up, on an authenticated NTLM connection (one per kind) with WinRM message
 * encryption. Run by warm-bench.sh against the independent peer (winrm_peer.py) in front of the
 * simulator; the peer and the simulator are other processes, so their CPU is not counted here.
 *
 * <p>Kinds, each on its own session (opened and authenticated first, then warmed up together so
 * that the first kind timed is no colder than the last), then timed one after another over N
 * requests:
 * <ul>
 *   <li>{@code get}: WsmanClient.get of one Msvm_ConcreteJob by InstanceID (slow-vm-05's job,
 *       which the simulator seeds at reset and which never ends, so every answer is the same);</li>
 *   <li>{@code enumerate}: WsmanClient.enumerate of a WQL query that one EnumerateResponse
 *       answers (OptimizeEnumeration, EndOfSequence);</li>
 *   <li>{@code find-vm}: HostSession.findVm, the same Enumerate plus the library's typed
 *       VirtualMachine (what an application would call; no pywinrm counterpart).</li>
 * </ul>
 * CPU is the whole process's (com.sun.management.OperatingSystemMXBean#getProcessCpuTime), so
 * the JIT compiler and GC threads count; on Linux it moves in 10 ms clock ticks, so time a few
 * hundred requests at least. Prints one JSON line per kind.
 *
 * <pre>
 * java -cp target/hvreplica.jar:CLASSES WarmRequests --endpoint URL --user USER
 *      [--requests 2000] [--warmup 500] [--max-warmup 5000] [--kinds get,enumerate,find-vm]
 *      (password in $WARM_PASSWORD; WARM_VERBOSE=1 logs the warm-up rounds on stderr)
 * </pre>
 */
public final class WarmRequests {
    static final String V2 = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2";
    static final String JOB_ID = "3D9C7B1A-6E45-4F82-B0D3-9A5E1C7F2B85";
    static final String VM = "sync-vm-04";
    static final String WQL = "SELECT * FROM Msvm_ComputerSystem WHERE ElementName = '" + VM + "'";

    public static void main(String[] args) throws Exception {
        String endpoint = null;
        String user = null;
        int requests = 2000;
        int warmup = 500;
        int maxWarmup = 5000;
        String kinds = "get,enumerate,find-vm";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--endpoint" -> endpoint = args[++i];
                case "--user" -> user = args[++i];
                case "--requests" -> requests = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--max-warmup" -> maxWarmup = Integer.parseInt(args[++i]);
                case "--kinds" -> kinds = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        String password = System.getenv("WARM_PASSWORD");
        if (endpoint == null || user == null || password == null) {
            System.err.println("usage: WarmRequests --endpoint URL --user USER [--requests N] [--warmup N]"
                    + " [--kinds get,enumerate,find-vm]  (password in $WARM_PASSWORD)");
            System.exit(2);
        }
        URI uri = URI.create(endpoint);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var threads = ManagementFactory.getThreadMXBean();
        var jit = ManagementFactory.getCompilationMXBean();
        List<Kind> open = new ArrayList<>();
        try (HvReplica client = HvReplica.builder().build()) {
            for (String kind : kinds.split(",")) {
                open.add(openKind(kind, client, uri, user, password));
            }
            for (Kind k : open) {
                k.answer = k.request.run();
            }
            System.gc();
            int warmed = warmUp(open, warmup, maxWarmup, jit);
            for (Kind k : open) {
                int before = k.transport.requestCount();
                long gc0 = gcMillis();
                long jit0 = jit.getTotalCompilationTime();
                long thread0 = threads.getCurrentThreadCpuTime();
                long cpu0 = os.getProcessCpuTime();
                long wall0 = System.nanoTime();
                for (int i = 0; i < requests; i++) {
                    k.request.run();
                }
                long wall = System.nanoTime() - wall0;
                long cpu = os.getProcessCpuTime() - cpu0;
                long thread = threads.getCurrentThreadCpuTime() - thread0;
                long jitMillis = jit.getTotalCompilationTime() - jit0;
                long gc = gcMillis() - gc0;
                int sent = k.transport.requestCount() - before;
                if (sent != requests) {
                    throw new IllegalStateException(k.name + ": " + sent + " HTTP requests for " + requests
                            + " calls; the connection was re-established or a call took more than one request");
                }
                // Besides the process's CPU: the calling thread's own, and the milliseconds the JIT
                // compilers and the collectors spent in the window (elapsed time, not CPU).
                System.out.printf(Locale.ROOT, "{\"kind\":\"%s\",\"requests\":%d,\"cpu_us_per_request\":%.1f,"
                                + "\"wall_us_per_request\":%.1f,\"thread_cpu_us_per_request\":%.1f,"
                                + "\"warmup\":%d,\"jit_ms\":%d,\"gc_ms\":%d,\"answer\":\"%s\"}%n",
                        k.name, requests, cpu / 1e3 / requests, wall / 1e3 / requests, thread / 1e3 / requests,
                        warmed, jitMillis, gc, k.answer);
                System.out.flush();
            }
        } finally {
            for (Kind k : open) {
                k.session.close();
            }
        }
    }

    /** One kind of request on its own authenticated connection. */
    static final class Kind {
        final String name;
        final HttpTransport transport;
        final AutoCloseable session;
        final Request request;
        String answer;

        Kind(String name, HttpTransport transport, AutoCloseable session, Request request) {
            this.name = name;
            this.transport = transport;
            this.session = session;
            this.request = request;
        }
    }

    private static Kind openKind(String kind, HvReplica client, URI uri, String user, String password) {
        HttpTransport transport = HttpTransport.builder(uri, new NtlmAuthenticator(
                        Credentials.of(user, password.toCharArray()), null, NtlmAuthenticator.NEGOTIATE, true))
                .encryption(EncryptionMode.ALWAYS).build();
        switch (kind) {
            case "get" -> {
                WsmanClient wsman = new WsmanClient(transport, SoapRuntime.shared());
                transport.authenticate();
                return new Kind(kind, transport, wsman,
                        () -> jobState(wsman.get(V2 + "/Msvm_ConcreteJob", SelectorSet.of("InstanceID", JOB_ID))));
            }
            case "enumerate" -> {
                WsmanClient wsman = new WsmanClient(transport, SoapRuntime.shared());
                transport.authenticate();
                return new Kind(kind, transport, wsman,
                        () -> elementName(wsman.enumerate(Enumeration.wql(V2 + "/*", WQL))));
            }
            case "find-vm" -> {
                HostSession host = client.connect(transport);
                return new Kind(kind, transport, host, () -> host.findVm(VmSelector.byName(VM)).name());
            }
            default -> {
                transport.close();
                throw new IllegalArgumentException("unknown kind " + kind);
            }
        }
    }

    /**
     * Every kind in turn, {@value #BLOCK} requests at a time: at least {@code min} requests of each,
     * then more rounds until the JIT compilers spend under {@value #QUIET_MS} ms in a round
     * (with default flags C2 goes on compiling CXF's code for thousands of requests), or until
     * {@code max} of each. Returns how many of each it sent.
     */
    private static int warmUp(List<Kind> kinds, int min, int max, java.lang.management.CompilationMXBean jit) {
        int sent = 0;
        while (sent < max) {
            long before = jit.getTotalCompilationTime();
            for (Kind k : kinds) {
                for (int i = 0; i < BLOCK; i++) {
                    k.request.run();
                }
            }
            sent += BLOCK;
            long spent = jit.getTotalCompilationTime() - before;
            if (System.getenv("WARM_VERBOSE") != null) {
                System.err.printf("warm-up: %d of each kind, %d ms compiling in the last round%n", sent, spent);
            }
            if (sent >= min && spent < QUIET_MS) {
                break;
            }
        }
        return sent;
    }

    static final int BLOCK = 100;
    static final long QUIET_MS = 10;

    private static long gcMillis() {
        long total = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    interface Request {
        String run();
    }

    private static String jobState(Element job) {
        String state = childText(job, "JobState");
        if (state == null) {
            throw new IllegalStateException("the job has no JobState");
        }
        return "JobState=" + state;
    }

    private static String elementName(List<Item> items) {
        if (items.size() != 1 || items.get(0).instance() == null) {
            throw new IllegalStateException("expected one VM named " + VM + ", found " + items.size());
        }
        return childText(items.get(0).instance(), "ElementName");
    }

    private static String childText(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e.getTextContent();
            }
        }
        return null;
    }
}
