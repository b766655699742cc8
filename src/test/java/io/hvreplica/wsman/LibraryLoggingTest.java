package io.hvreplica.wsman;

import io.hvreplica.transport.InMemoryHttp;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Logging belongs to the application: creating and using a client leaves JUL's levels alone. */
class LibraryLoggingTest {

    /** Loaded in a fresh class loader, so that the library's static initialisers run inside the test. */
    public static final class Probe {
        public static void run() {
            try (WsmanClient client = new WsmanClient(InMemoryHttp.basic(() -> new InMemoryHttp.Answer(500, "", new byte[0])),
                    WsmanOptions.DEFAULT, () -> "uuid:1")) {
                try {
                    client.identify();
                } catch (io.hvreplica.HvReplicaException expected) {
                    // Any answer will do: the point is that the SOAP stack was built and used.
                }
            }
        }
    }

    @Test
    void theApplicationsLevelForCxfIsUnchangedAfterCreatingAClient() throws Exception {
        Logger cxf = Logger.getLogger("org.apache.cxf");
        Level before = cxf.getLevel();
        try {
            cxf.setLevel(Level.SEVERE);
            Thread thread = Thread.currentThread();
            ClassLoader context = thread.getContextClassLoader();
            try (URLClassLoader fresh = new URLClassLoader(testClassPath(), ClassLoader.getPlatformClassLoader())) {
                // CXF finds its bus factory through the context class loader.
                thread.setContextClassLoader(fresh);
                fresh.loadClass(Probe.class.getName()).getMethod("run").invoke(null);
            } finally {
                thread.setContextClassLoader(context);
            }
            assertEquals(Level.SEVERE, Logger.getLogger("org.apache.cxf").getLevel());
        } finally {
            cxf.setLevel(before);
        }
    }

    private static URL[] testClassPath() throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }
}
