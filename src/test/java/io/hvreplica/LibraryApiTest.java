package io.hvreplica;

import io.hvreplica.auth.Credentials;
import io.hvreplica.auth.ntlm.NtlmAuthenticator;
import io.hvreplica.hyperv.JobStatus;
import io.hvreplica.hyperv.Operation;
import io.hvreplica.hyperv.OperationResult;
import io.hvreplica.hyperv.OperationRunner;
import io.hvreplica.hyperv.VirtualMachine;
import io.hvreplica.hyperv.VmSelector;
import io.hvreplica.simulator.SimulatedHost;
import io.hvreplica.testing.ManualClock;
import io.hvreplica.transport.HttpTransport;
import io.hvreplica.wsman.EndpointReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library API as the README's "Library use" section shows it, against the simulated host on
 * the default Windows path (NTLM with message encryption). Only the clock and the sleeper differ,
 * so that job waits take no real time.
 */
class LibraryApiTest {
    private static SimulatedHost simulator;

    @BeforeAll
    static void start() {
        simulator = SimulatedHost.startNegotiate(0);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void theReadmeExampleFailsOverStartsAndReverts() {
        ManualClock clock = new ManualClock();
        List<String> events = new ArrayList<>();
        char[] password = SimulatedHost.NTLM_PASSWORD.toCharArray();
        URI endpoint = URI.create(simulator.endpoint());

        // ---- as in the README ----
        OperationRunner.Listener listener = new OperationRunner.Listener() {
            @Override
            public void jobStarted(OperationRunner.Context c, String jobId, EndpointReference job) {
                events.add(c.host() + " " + c.operation() + " " + c.vm().name() + " job " + jobId);
            }

            @Override
            public void progress(OperationRunner.Context c, JobStatus s) {
                events.add(c.operation() + " " + s.stateName() + " " + s.percentComplete() + "%");
            }
        };
        try (HvReplica client = HvReplica.builder().listener(listener)
                .clock(clock).sleeper(clock::sleep)   // not in the README: instant waits for the test
                .build();
             HostSession host = client.connect(HttpTransport.builder(endpoint,
                     new NtlmAuthenticator(Credentials.of(SimulatedHost.NTLM_USER, password), null)).build())) {
            VirtualMachine vm = host.findVm(VmSelector.byName("ready-vm-10"));
            OperationResult failover = host.runThenStart(Operations.INITIATE_FAILOVER, Operation.Request.of(vm),
                    OperationRunner.Options.waitUpTo(Duration.ofMinutes(30)));
            OperationResult off = host.run(Operations.TURN_OFF_VM, vm, Duration.ofMinutes(5));
            OperationResult revert = host.run(Operations.REVERT_FAILOVER, vm, Duration.ofMinutes(30));
            // ---- end of the README's example ----

            assertEquals(OperationResult.Outcome.COMPLETED, failover.outcome(), failover.explanation());
            assertEquals(5, failover.vmAfter().replicationState());
            assertEquals(2, failover.vmAfter().enabledState(), "started");
            assertEquals("start-vm", failover.steps().get(0).operation());
            assertEquals(OperationResult.Outcome.COMPLETED, off.outcome(), off.explanation());
            assertEquals(OperationResult.Outcome.COMPLETED, revert.outcome(), revert.explanation());
            assertEquals(3, revert.vmAfter().replicationState());
            assertEquals(true, revert.changed());
            assertTrue(events.get(0).startsWith("127.0.0.1 initiate-failover ready-vm-10 job "), events.toString());
            assertTrue(events.contains("revert-failover Completed 100%"), events.toString());
            assertTrue(!clock.sleeps().isEmpty(), "the waits went through the injected clock");
        }
    }

    @Test
    void aRunOverManyVmsFromJavaIsACompletableFuture() {
        ManualClock clock = new ManualClock();
        URI endpoint = URI.create(simulator.endpoint());
        simulator.reset();
        List<String> ended = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (HvReplica client = HvReplica.builder().clock(clock).sleeper(clock::sleep).build();
             io.hvreplica.hyperv.FleetRunner fleet = client.fleet(List.of(client.host("hv-a", () ->
                     HttpTransport.builder(endpoint, new NtlmAuthenticator(Credentials.of(SimulatedHost.NTLM_USER,
                             SimulatedHost.NTLM_PASSWORD.toCharArray()), null)).build())))) {
            io.hvreplica.hyperv.FleetRunner.Selection selection = fleet.select(List.of(
                    io.hvreplica.hyperv.VmPattern.name("app-vm-0?"), io.hvreplica.hyperv.VmPattern.name("SYNC-*")));
            assertEquals(3, selection.size());
            java.util.concurrent.CompletableFuture<List<io.hvreplica.hyperv.FleetRunner.VmResult>> done = fleet.run(
                    selection, Operations.REVERT_FAILOVER, new io.hvreplica.hyperv.FleetRunner.Options(
                            OperationRunner.Options.waitUpTo(Duration.ofMinutes(30)), 8, 4, false),
                    new io.hvreplica.hyperv.FleetRunner.Listener() {
                        @Override
                        public void finished(io.hvreplica.hyperv.FleetRunner.VmResult r) {
                            ended.add(r.vm().name() + " " + (r.result() == null ? r.error().kind()
                                    : r.result().outcome().label()));
                        }
                    }, null);
            List<io.hvreplica.hyperv.FleetRunner.VmResult> results = done.join();
            assertEquals(3, results.size());
            assertTrue(ended.containsAll(List.of("app-vm-01 completed", "app-vm-02 failed", "sync-vm-04 completed")),
                    ended.toString());
            io.hvreplica.hyperv.FleetRunner.VmResult refused = results.stream()
                    .filter(r -> r.vm().name().equals("app-vm-02")).findFirst().orElseThrow();
            assertEquals(ErrorKind.REFUSED, refused.result().errorKind());
        }
    }

    @Test
    void failuresCarryOneKindAndTheSessionsShareOneRuntime() {
        char[] password = SimulatedHost.NTLM_PASSWORD.toCharArray();
        try (HvReplica client = HvReplica.create()) {
            URI endpoint = URI.create(simulator.endpoint());
            try (HostSession a = client.connect(HttpTransport.builder(endpoint,
                    new NtlmAuthenticator(Credentials.of(SimulatedHost.NTLM_USER, password), null)).build());
                 HostSession b = client.connect(HttpTransport.builder(endpoint,
                         new NtlmAuthenticator(Credentials.of(SimulatedHost.NTLM_USER, password), null)).build())) {
                HvReplicaException missing = assertThrows(HvReplicaException.class,
                        () -> a.findVm(VmSelector.byName("no-such-vm")));
                assertEquals(ErrorKind.VM_NOT_FOUND, missing.kind());
                HvReplicaException ambiguous = assertThrows(HvReplicaException.class,
                        () -> b.findVm(VmSelector.byName("web-frontend")));
                assertEquals(ErrorKind.AMBIGUOUS_VM, ambiguous.kind());
                assertTrue(a.replicatedVms().size() >= 15);
            }
            HvReplicaException refused = assertThrows(HvReplicaException.class, () -> client.connect(
                    HttpTransport.builder(endpoint, new NtlmAuthenticator(Credentials.of(SimulatedHost.NTLM_USER,
                            "wrong".toCharArray()), null)).build()));
            assertEquals(ErrorKind.AUTHENTICATION, refused.kind());
        }
    }
}
