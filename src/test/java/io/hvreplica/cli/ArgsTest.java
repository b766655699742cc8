package io.hvreplica.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArgsTest {
    private final Args.Schema schema = new Args.Schema()
            .value("--host", "HOST", "the host")
            .flag("--https", "use TLS")
            .flag("--verbose", "-v", "talk");

    @Test
    void valuesFlagsAndAliases() {
        Args.Parsed p = schema.parse(List.of("--host", "hv01", "--https", "-v"));
        assertEquals("hv01", p.value("--host"));
        assertTrue(p.flag("--https"));
        assertTrue(p.flag("--verbose"));
        assertFalse(p.help());
    }

    @Test
    void inlineValueKeepsEqualsSignsAfterTheFirst() {
        assertEquals("a=b", schema.parse(List.of("--host=a=b")).value("--host"));
    }

    @Test
    void absentValueIsNullOrTheFallback() {
        Args.Parsed p = schema.parse(List.of());
        assertNull(p.value("--host"));
        assertEquals("x", p.value("--host", "x"));
    }

    @Test
    void mistakesAreUsageErrorsThatNameTheOption() {
        assertEquals("unknown option '--hots'",
                assertThrows(UsageException.class, () -> schema.parse(List.of("--hots", "x"))).getMessage());
        assertEquals("--host needs a value (HOST)",
                assertThrows(UsageException.class, () -> schema.parse(List.of("--host"))).getMessage());
        assertEquals("--host is given twice",
                assertThrows(UsageException.class, () -> schema.parse(List.of("--host", "a", "--host", "b"))).getMessage());
        assertEquals("--https takes no value",
                assertThrows(UsageException.class, () -> schema.parse(List.of("--https=yes"))).getMessage());
        assertEquals("unexpected argument 'stray'",
                assertThrows(UsageException.class, () -> schema.parse(List.of("stray"))).getMessage());
    }

    @Test
    void helpListsEveryOptionWithItsLabel() {
        assertTrue(schema.parse(List.of("-h")).help());
        String help = schema.help("x [OPTIONS]", "Does x.");
        assertTrue(help.startsWith("Usage: x [OPTIONS]\nDoes x.\n"), help);
        assertTrue(help.contains("--host HOST"), help);
        assertTrue(help.contains("-v, --verbose"), help);
        assertTrue(help.contains("-h, --help"), help);
    }

    @Test
    void jsonModeReportsUsageErrorsAsJson() {
        Cli.Run run = Cli.run("pw", "revert-failover", "--output", "json", "--vm", "x", "--bogus");
        assertEquals(2, run.exitCode());
        assertTrue(run.out().contains("\"kind\":\"usage\""), run.out());
        assertTrue(run.out().contains("unknown option '--bogus'"), run.out());
    }

    @Test
    void topLevelHelpVersionAndUnknownCommand() {
        assertEquals(0, Cli.run("pw", "--version").exitCode());
        assertTrue(Cli.run("pw", "help", "revert-failover").out().contains("--vm-id GUID"));
        Cli.Run unknown = Cli.run("pw", "revert");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("unknown command 'revert'"), unknown.err());
        assertEquals(2, Cli.run("pw").exitCode());
    }
}
