import io.hvreplica.auth.Credentials;
import io.hvreplica.auth.ntlm.NtlmAuthenticator;
import io.hvreplica.simulator.SimulatedHost;
import io.hvreplica.transport.HttpTransport;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Times encrypted round trips through the simulator's Negotiate front on one kept-alive connection
 * and fails when the fastest exceeds the budget. A Nagle / delayed-ACK stall (a response written
 * in two segments without TCP_NODELAY on some hop) costs about 40 ms on every request, so it
 * shows in the fastest run; CPU contention only slows some of them. Run by front-roundtrip.sh.
 */
public final class FrontRoundTrip {
    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        long budgetMillis = args.length > 1 ? Long.parseLong(args[1]) : 30;
        byte[] soap = enumerate().getBytes(StandardCharsets.UTF_8);
        try (SimulatedHost host = SimulatedHost.startNegotiate(0);
             HttpTransport t = HttpTransport.builder(URI.create(host.endpoint()), new NtlmAuthenticator(
                     Credentials.of(SimulatedHost.NTLM_USER, SimulatedHost.NTLM_PASSWORD.toCharArray()), null)).build()) {
            for (int i = 0; i < 5; i++) {
                t.send(soap, true); // handshake and JIT warm-up
            }
            long[] nanos = new long[runs];
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                int status = t.send(soap, true).status();
                nanos[i] = System.nanoTime() - start;
                if (status != 200) {
                    System.err.println("round trip " + i + " answered HTTP " + status);
                    System.exit(2);
                }
            }
            Arrays.sort(nanos);
            double fastest = nanos[0] / 1e6;
            double median = nanos[runs / 2] / 1e6;
            double slowest = nanos[runs - 1] / 1e6;
            System.out.printf("encrypted round trips through the Negotiate front: %d runs, fastest %.2f ms,"
                    + " median %.2f ms, slowest %.2f ms, %d connection(s)%n", runs, fastest, median, slowest,
                    t.connectionCount());
            if (fastest > budgetMillis) {
                System.out.printf("FAIL: the fastest round trip (%.2f ms) is over the %d ms budget;"
                        + " a delayed-ACK stall is about 40 ms%n", fastest, budgetMillis);
                System.exit(1);
            }
        }
    }

    private static String enumerate() {
        String n = "http://schemas.xmlsoap.org/ws/2004/09/enumeration";
        return "<s:Envelope xmlns:s='http://www.w3.org/2003/05/soap-envelope'"
                + " xmlns:a='http://schemas.xmlsoap.org/ws/2004/08/addressing'"
                + " xmlns:w='http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd'><s:Header>"
                + "<a:To>http://127.0.0.1/wsman</a:To>"
                + "<w:ResourceURI s:mustUnderstand='true'>http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/*</w:ResourceURI>"
                + "<a:ReplyTo><a:Address s:mustUnderstand='true'>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>"
                + "<a:Action s:mustUnderstand='true'>" + n + "/Enumerate</a:Action>"
                + "<a:MessageID>uuid:6C1E0B7A-3D52-4F18-9A64-2E7B5C0D9F13</a:MessageID>"
                + "<w:MaxEnvelopeSize s:mustUnderstand='true'>512000</w:MaxEnvelopeSize>"
                + "<w:OperationTimeout>PT60S</w:OperationTimeout></s:Header><s:Body>"
                + "<n:Enumerate xmlns:n='" + n + "'><w:OptimizeEnumeration/><w:MaxElements>32000</w:MaxElements>"
                + "<w:EnumerationMode>EnumerateObjectAndEPR</w:EnumerationMode>"
                + "<w:Filter Dialect='http://schemas.microsoft.com/wbem/wsman/1/WQL'>SELECT * FROM Msvm_ReplicationService</w:Filter>"
                + "</n:Enumerate></s:Body></s:Envelope>";
    }
}
