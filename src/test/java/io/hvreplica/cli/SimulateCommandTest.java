package io.hvreplica.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hvreplica.simulator.SimulatedHost;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code hvreplica simulate}'s options, and what a fleet prints for scripts to read. */
class SimulateCommandTest {

    @Test
    void withoutOptionsItIsTheDefaultHostOnPort5985WithJobsPerGet() {
        assertEquals(new SimulateCommand.Plan(5985, 0, 0, null), SimulateCommand.plan(List.of()));
    }

    @Test
    void fleetOptions() {
        SimulateCommand.Plan plan = SimulateCommand.plan(List.of("--hosts", "4", "--vms", "25", "--job-seconds", "1",
                "--port", "0"));
        assertEquals(new SimulateCommand.Plan(0, 4, 25, Duration.ofSeconds(1)), plan);
        // A fleet's hosts have generated VMs only, 25 unless told.
        assertEquals(25, SimulateCommand.plan(List.of("--hosts", "2")).vms());
        assertEquals(Duration.ofMillis(500), SimulateCommand.plan(List.of("--job-seconds", "0.5")).jobDuration());
        assertEquals(Duration.ZERO, SimulateCommand.plan(List.of("--job-seconds=0")).jobDuration());
        assertEquals(3, SimulateCommand.plan(List.of("--vms", "3")).vms());
        assertNull(SimulateCommand.plan(List.of("--vms", "3")).jobDuration());
    }

    @Test
    void valuesOutOfRangeAreUsageErrors() {
        for (List<String> bad : List.of(List.of("--hosts", "0"), List.of("--hosts", "65"), List.of("--hosts", "x"),
                List.of("--vms", "-1"), List.of("--hosts", "2", "--vms", "0"), List.of("--vms", "10001"),
                List.of("--job-seconds", "-1"), List.of("--job-seconds", "1s"), List.of("--job-seconds", "3601"),
                List.of("--port", "65535", "--hosts", "2"), List.of("--port", "70000"))) {
            UsageException e = assertThrows(UsageException.class, () -> SimulateCommand.plan(bad), bad.toString());
            // The sentence names the option at fault, one of those given.
            assertTrue(bad.stream().anyMatch(option -> option.startsWith("--") && e.getMessage().startsWith(option)),
                    e.getMessage());
        }
    }

    @Test
    void aFleetPrintsOneNameAndUrlLinePerHostOnStandardOutput() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<SimulatedHost> hosts = SimulateCommand.startAndDescribe(
                SimulateCommand.plan(List.of("--hosts", "3", "--vms", "2", "--port", "0")),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
            assertEquals(3, lines.size(), lines.toString());
            Set<String> urls = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                String[] fields = lines.get(i).split(" ");
                assertEquals(2, fields.length, lines.get(i));
                assertEquals("HV-SITE-" + (i + 1), fields[0]);
                assertEquals(hosts.get(i).endpoint(), fields[1]);
                assertTrue(fields[1].matches("http://127\\.0\\.0\\.1:\\d+/wsman"), fields[1]);
                urls.add(fields[1]);
                assertEquals("HV-SITE-" + (i + 1), hosts.get(i).name());
            }
            assertEquals(3, urls.size(), "each host on its own port");
            String described = err.toString(StandardCharsets.UTF_8);
            assertTrue(described.contains("HV-SITE-2 basic " + hosts.get(1).basicEndpoint() + " reset "
                    + hosts.get(1).resetEndpoint()), described);
            assertTrue(described.contains("HV-SITE-1\\operator"), described);
            assertTrue(described.contains("site-vm-01 to site-vm-02"), described);
        } finally {
            hosts.forEach(SimulatedHost::close);
        }
    }

    @Test
    void aFleetOnAGivenPortCountsUpFromIt() throws Exception {
        int first;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            first = probe.getLocalPort();
        }
        List<SimulatedHost> hosts;
        try {
            hosts = SimulateCommand.startAndDescribe(SimulateCommand.plan(List.of("--hosts", "2", "--vms", "1",
                    "--port", Integer.toString(first))), new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(new ByteArrayOutputStream()));
        } catch (IllegalStateException busy) {
            // Another process took one of the two ports between the probe and the start; nothing to judge.
            return;
        }
        try {
            assertEquals(first, hosts.get(0).port());
            assertEquals(first + 1, hosts.get(1).port());
        } finally {
            hosts.forEach(SimulatedHost::close);
        }
    }

    @Test
    void aBusyPortClosesTheHostsAlreadyStarted() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int second = busy.getLocalPort();
            SimulateCommand.Plan plan = new SimulateCommand.Plan(second - 1, 2, 1, null);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> SimulateCommand.startAndDescribe(
                    plan, new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())));
            if (e.getMessage().contains(":" + (second - 1) + ":")) {
                return; // another process holds the port below ours: the first host never started
            }
            assertTrue(e.getMessage().contains(":" + second), e.getMessage());
            // The first host was closed again: its port can be bound.
            try (ServerSocket again = new ServerSocket(second - 1, 1, java.net.InetAddress.getLoopbackAddress())) {
                assertNotEquals(0, again.getLocalPort());
            }
        }
    }
}
