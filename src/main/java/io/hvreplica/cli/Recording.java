package io.hvreplica.cli;

import io.hvreplica.auth.Credentials;
import io.hvreplica.record.Recorder;
import io.hvreplica.record.RecordingException;
import io.hvreplica.transport.HttpTransport;
import io.hvreplica.transport.TransportListener;
import io.hvreplica.wsman.WsmanClient;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code --record DIR}: the command line's side of {@link Recorder}, for every command that connects. */
final class Recording {
    private Recording() {
    }

    static void declare(Args.Schema schema) {
        schema.value("--record", "DIR", "Record the run's SOAP exchanges as WireMock mappings in DIR (new or empty),"
                        + " with names replaced by placeholders; replay with 'hvreplica simulate --mappings DIR'")
                .flag("--record-keep-names", "With --record, keep host, domain and user names and addresses");
    }

    /** The recorder the options ask for, or null. */
    static Recorder from(Args.Parsed args) {
        String dir = args.value("--record");
        boolean keep = args.flag("--record-keep-names");
        if (dir == null) {
            if (keep) {
                throw new UsageException("--record-keep-names goes with --record DIR");
            }
            return null;
        }
        try {
            return new Recorder(Path.of(dir), keep);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--record: " + e.getMessage());
        }
    }

    /** The key a host is recorded under: its name and port, so two simulators on one address stay apart. */
    static String hostKey(ConnectionOptions connection) {
        java.net.URI uri = connection.endpointUri();
        String host = uri.getHost();
        return host + ":" + uri.getPort();
    }

    static TransportListener listener(ConnectionOptions connection, TransportListener base) {
        Recorder r = connection.recorder;
        return r == null ? base : r.listener(hostKey(connection), base);
    }

    /**
     * Once a session has authenticated: the names and secrets the final check looks for, and, once
     * per host, an Identify for the manifest (a failure there is noted as no answer, never fatal).
     */
    static void opened(ConnectionOptions connection, AuthOptions auth, Credentials credentials,
                       HttpTransport transport) {
        Recorder r = connection.recorder;
        if (r == null) {
            return;
        }
        String user = credentials != null ? credentials.spec() : auth.user;
        r.credentials(user, credentials == null ? null : credentials.password());
        String key = hostKey(connection);
        if (!r.identified(key)) {
            try {
                WsmanClient.Identity id = new WsmanClient(transport).identify();
                r.identified(key, id.protocolVersion(), id.productVendor(), id.productVersion());
            } catch (RuntimeException e) {
                r.identified(key, null, null, null);
            }
        }
    }

    /**
     * Writes the recording after the command ran.
     *
     * @return the command's exit code; when the recording fails, that code or, for a command that
     * succeeded, 1
     */
    static int finish(Recorder r, String command, List<String> argv, int code, Environment env) {
        if (r == null) {
            return code;
        }
        List<String> line = new ArrayList<>();
        line.add(command);
        line.addAll(argv);
        r.command(line);
        try {
            Path written = r.finish();
            if (written == null) {
                env.err().println("hvreplica: nothing was recorded: the command sent no request to a host.");
            }
            return code;
        } catch (RecordingException e) {
            env.err().println("hvreplica: the recording failed: " + e.getMessage() + ".");
            return code == ExitCodes.COMPLETED ? ExitCodes.REFUSED_OR_FAILED : code;
        }
    }
}
