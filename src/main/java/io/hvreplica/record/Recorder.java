package io.hvreplica.record;

import io.hvreplica.transport.TransportListener;
import io.hvreplica.transport.Version;
import io.hvreplica.wsman.Xml;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Records a run's SOAP exchanges as WireMock stub mappings, in WireMock's own layout: per host, a
 * directory {@code <host>/} with {@code mappings/*.json}, {@code __files/*.xml} and a manifest
 * {@code host.json}. It sees only what a {@link TransportListener} sees: plaintext SOAP after
 * unsealing, with the transport's headers already redacted; it keeps none of the headers, so no
 * Authorization value, token or NTLM/Kerberos blob can reach a file.
 *
 * <p>Everything is kept in memory and written by {@link #finish()}, once every name the run met is
 * known, so one placeholder per name holds across all files. The recorder writes JSON itself and
 * needs no WireMock class; only replay does.
 */
public final class Recorder {
    static final String MANIFEST = "host.json";
    private static final String SOAP = "application/soap+xml;charset=UTF-8";
    /** Elements and selectors whose value is a computer's name on Windows WMI and WinRM answers. */
    private static final Set<String> NAME_ELEMENTS = Set.of("SystemName", "__SERVER", "CSName", "HostName",
            "ComputerName", "DNSHostName", "Machine", "PrimaryServerName", "ReplicaServerName", "RecoveryServerName",
            "PrimaryHostSystem", "RecoveryHostSystem", "ReplicaServer", "PrimaryServer", "AuthorizedPrimaryServer");
    private static final Set<String> USER_ELEMENTS = Set.of("Owner", "UserName", "User");
    private static final Pattern MESSAGE_ID = Pattern.compile("(<(?:[\\w.-]+:)?MessageID(?:\\s[^>]*)?>)[^<]*(</)");
    private static final Pattern RELATES_TO = Pattern.compile("(<(?:[\\w.-]+:)?RelatesTo(?:\\s[^>]*)?>)[^<]*(</)");
    private static final String RELATES_TO_TEMPLATE = "{{xPath request.body '/*[local-name()=\"Envelope\"]"
            + "/*[local-name()=\"Header\"]/*[local-name()=\"MessageID\"]/text()'}}";
    private static final String MESSAGE_ID_TEMPLATE = "uuid:{{randomValue type='UUID' uppercase=true}}";

    private record Exchange(String host, int sequence, String uri, String request, int status, String response) {
    }

    /** What one host told Identify. */
    private record Identity(String protocolVersion, String productVendor, String productVersion) {
    }

    private final Path dir;
    private final boolean keepNames;
    private final Clock clock;
    private final Redactor redactor;
    private final List<Exchange> exchanges = new ArrayList<>();
    private final Map<String, Identity> identities = new LinkedHashMap<>();
    private final Set<String> hosts = new LinkedHashSet<>();
    private final List<List<String>> commands = new ArrayList<>();
    private final Set<String> users = new LinkedHashSet<>();
    private final List<char[]> passwords = new ArrayList<>();
    private int sequence;

    /**
     * @param dir       where to write; it must not exist yet, or be empty
     * @param keepNames keep host, domain and user names and addresses as they are
     * @throws IllegalArgumentException if {@code dir} already holds files or is not a directory
     */
    public Recorder(Path dir, boolean keepNames) {
        this(dir, keepNames, Clock.systemUTC());
    }

    public Recorder(Path dir, boolean keepNames, Clock clock) {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("the recording directory " + dir + " is a file");
            }
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException("the recording directory " + dir
                            + " already holds files; record into a new or empty directory");
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the recording directory " + dir + ": " + e.getMessage());
            }
        }
        this.dir = dir;
        this.keepNames = keepNames;
        this.clock = clock;
        this.redactor = new Redactor(!keepNames);
    }

    public Path directory() {
        return dir;
    }

    /**
     * A listener for one connection's transport to {@code host} (as the user named it, with the
     * port when it is not the default); {@code also} still gets every event.
     */
    public TransportListener listener(String host, TransportListener also) {
        synchronized (this) {
            hosts.add(host);
        }
        return new TransportListener() {
            private byte[] pending;
            private String uri;

            @Override
            public void connectionOpened(String route) {
                also.connectionOpened(route);
            }

            @Override
            public void requestSent(String method, String u, List<Map.Entry<String, String>> headers, byte[] body,
                                    boolean encrypted) {
                also.requestSent(method, u, headers, body, encrypted);
                // Handshake legs carry no body, only tokens in headers: they are never kept.
                pending = body.length > 0 ? body.clone() : null;
                uri = u;
            }

            @Override
            public void responseReceived(int status, List<Map.Entry<String, String>> headers, byte[] body,
                                         boolean encrypted) {
                also.responseReceived(status, headers, body, encrypted);
                byte[] request = pending;
                pending = null;
                // A 401 is the session being dropped and re-established, not an answer to replay.
                if (request != null && status != 401 && body.length > 0) {
                    add(host, uri, request, status, body);
                }
            }

            @Override
            public void authenticated(String scheme, int legs) {
                also.authenticated(scheme, legs);
            }
        };
    }

    private synchronized void add(String host, String uri, byte[] request, int status, byte[] response) {
        exchanges.add(new Exchange(host, ++sequence, uri, text(request), status, text(response)));
    }

    /**
     * A body as text. WinRM may answer in UTF-16 (with or without a byte order mark); the files
     * are written, and replayed, as UTF-8, so a declaration that says otherwise is corrected.
     */
    static String text(byte[] body) {
        java.nio.charset.Charset charset = StandardCharsets.UTF_8;
        int skip = 0;
        if (body.length >= 2 && (body[0] & 0xFF) == 0xFF && (body[1] & 0xFF) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (body.length >= 2 && (body[0] & 0xFF) == 0xFE && (body[1] & 0xFF) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            skip = 3;
        } else if (body.length >= 2 && body[0] == '<' && body[1] == 0) {
            charset = StandardCharsets.UTF_16LE;
        } else if (body.length >= 2 && body[0] == 0 && body[1] == '<') {
            charset = StandardCharsets.UTF_16BE;
        }
        String text = new String(body, skip, body.length - skip, charset);
        return text.replaceFirst("^(<\\?xml[^>]*encoding=)([\"'])(?i:utf-16(?:le|be)?)\\2", "$1$2utf-8$2");
    }

    /** The host's Identify answer, for its manifest. */
    public synchronized void identified(String host, String protocolVersion, String productVendor, String productVersion) {
        identities.putIfAbsent(host, new Identity(protocolVersion, productVendor, productVersion));
    }

    public synchronized boolean identified(String host) {
        return identities.containsKey(host);
    }

    /** A command line of this run, for the manifests; names in it are redacted like the bodies. */
    public synchronized void command(List<String> argv) {
        commands.add(List.copyOf(argv));
    }

    /**
     * Who the run logged on as, and with what: the user name is redacted, and the final check
     * refuses any file that still holds it or the password. The password is copied, and wiped
     * when the recording ends.
     */
    public synchronized void credentials(String user, char[] password) {
        if (user != null) {
            users.add(user);
        }
        if (password != null && password.length > 0) {
            passwords.add(password.clone());
        }
    }

    /**
     * Writes the recording and checks it.
     *
     * @return the directory written, or null when nothing was exchanged
     * @throws RecordingException if it cannot be written, or if a file still held the password or a
     *                            name that should have been redacted; the files are then deleted
     */
    public synchronized Path finish() {
        try {
            if (exchanges.isEmpty()) {
                return null;
            }
            registerNames();
            List<Path> written = new ArrayList<>();
            boolean created = !Files.exists(dir);
            try {
                Files.createDirectories(dir);
                Map<String, String> dirs = hostDirectories();
                for (String host : hostsInOrder()) {
                    written.addAll(writeHost(host, dir.resolve(dirs.get(host))));
                }
            } catch (IOException | UncheckedIOException e) {
                delete(created);
                throw new RecordingException("cannot write the recording to " + dir + ": " + e.getMessage(), e);
            }
            String leak = check(written);
            if (leak != null) {
                delete(created);
                throw new RecordingException("the recording in " + dir + " was deleted, because " + leak);
            }
            return dir;
        } finally {
            passwords.forEach(p -> Arrays.fill(p, '\0'));
            passwords.clear();
        }
    }

    /** The hosts that answered, sorted like their placeholders. */
    private List<String> hostsInOrder() {
        return exchanges.stream().map(Exchange::host).distinct().sorted().toList();
    }

    /** The names the user gave, then those the host's answers revealed; then addresses anywhere. */
    private void registerNames() {
        // Sorted, because a run over many hosts opens their sessions in parallel, in any order, and
        // the same run must give the same placeholders.
        for (String host : new java.util.TreeSet<>(hosts)) {
            redactor.registerHost(hostPart(host));
        }
        // The host's own names first: a local account's domain is the host's name, and is a host here.
        for (Exchange e : exchanges) {
            discover(e.request());
            discover(e.response());
        }
        users.forEach(redactor::registerUser);
        for (Exchange e : exchanges) {
            redactor.registerAddresses(e.request());
            redactor.registerAddresses(e.response());
        }
        for (Identity id : identities.values()) {
            // Not names, but an address could hide in a vendor string as well.
            redactor.registerAddresses(String.valueOf(id.productVersion()));
        }
    }

    private void discover(String xml) {
        Document doc = RequestMatch.parse(xml);
        if (doc == null) {
            return;
        }
        NodeList all = doc.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            String name = e.getLocalName();
            boolean leaf = Xml.elements(e).isEmpty();
            String text = e.getTextContent().trim();
            if (leaf && (NAME_ELEMENTS.contains(name) || ("Selector".equals(name)
                    && NAME_ELEMENTS.contains(e.getAttribute("Name"))))) {
                redactor.registerHost(text);
            } else if (leaf && (USER_ELEMENTS.contains(name) || ("Selector".equals(name)
                    && USER_ELEMENTS.contains(e.getAttribute("Name"))))) {
                if (!text.isEmpty()) {
                    redactor.registerUser(text);
                }
            } else if (leaf && ("To".equals(name) || "Address".equals(name))) {
                String host = urlHost(text);
                if (host != null) {
                    redactor.registerHost(host);
                }
            }
            NamedNodeMap attrs = e.getAttributes();
            for (int j = 0; j < attrs.getLength(); j++) {
                Attr a = (Attr) attrs.item(j);
                if ("Machine".equals(a.getLocalName())) {
                    redactor.registerHost(a.getValue());
                }
            }
        }
    }

    /** The host of a WS-Management endpoint URL; null for anything else, such as the anonymous role URIs. */
    private static String urlHost(String text) {
        try {
            URI u = URI.create(text.trim());
            String path = u.getPath() == null ? "" : u.getPath();
            return u.getHost() != null && path.toLowerCase(Locale.ROOT).contains("wsman") ? u.getHost() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String hostPart(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        String h = colon > 0 && hostAndPort.indexOf(':') == colon ? hostAndPort.substring(0, colon) : hostAndPort;
        if (h.startsWith("[") && h.contains("]")) {
            h = h.substring(1, h.indexOf(']'));
        }
        return h;
    }

    /** One directory per host: its placeholder, with the port when two hosts would share a name. */
    private Map<String, String> hostDirectories() {
        Map<String, String> byName = new LinkedHashMap<>();
        Map<String, Integer> uses = new LinkedHashMap<>();
        for (String host : hostsInOrder()) {
            uses.merge(safe(redactor.placeholder(hostPart(host))), 1, Integer::sum);
        }
        for (String host : hostsInOrder()) {
            String name = safe(redactor.placeholder(hostPart(host)));
            if (uses.get(name) > 1) {
                name = name + "_" + safe(host.substring(hostPart(host).length()).replace(":", "").replace("]", ""));
            }
            byName.put(host, name);
        }
        return byName;
    }

    private static String safe(String s) {
        String r = s.replaceAll("[^A-Za-z0-9._-]", "_");
        return r.isEmpty() ? "host" : r;
    }

    private List<Path> writeHost(String host, Path root) throws IOException {
        Path mappings = Files.createDirectories(root.resolve("mappings"));
        Path files = Files.createDirectories(root.resolve("__files"));
        List<Path> written = new ArrayList<>();
        List<Exchange> mine = exchanges.stream().filter(e -> e.host().equals(host))
                .sorted(Comparator.comparingInt(Exchange::sequence)).toList();
        // Identical requests with their answers in order: a job's polls, a VM read before and after.
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        List<RequestMatch> matches = new ArrayList<>();
        for (int i = 0; i < mine.size(); i++) {
            RequestMatch m = RequestMatch.of(redactor.applyToXml(mine.get(i).request()));
            matches.add(m);
            byKey.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(i);
        }
        int scenarios = 0;
        Map<Integer, String[]> states = new LinkedHashMap<>();
        for (List<Integer> same : byKey.values()) {
            if (same.size() < 2) {
                continue;
            }
            String scenario = "request-" + (++scenarios);
            for (int k = 0; k < same.size(); k++) {
                String required = k == 0 ? "Started" : "answer-" + (k + 1);
                // The last answer has no next state, so it repeats for as long as the client asks.
                String next = k + 1 < same.size() ? "answer-" + (k + 2) : null;
                states.put(same.get(k), new String[] {scenario, required, next});
            }
        }
        for (int i = 0; i < mine.size(); i++) {
            Exchange e = mine.get(i);
            RequestMatch m = matches.get(i);
            String base = String.format(Locale.ROOT, "%03d-%s", i + 1, m.label);
            Path body = files.resolve(base + ".xml");
            Files.writeString(body, template(redactor.applyToXml(e.response())));
            written.add(body);
            Path mapping = mappings.resolve(base + ".json");
            Files.writeString(mapping, mappingJson(base, m, e, body.getFileName().toString(), states.get(i)));
            written.add(mapping);
        }
        Path manifest = root.resolve(MANIFEST);
        Files.writeString(manifest, manifest(host, mine.size(), scenarios));
        written.add(manifest);
        return written;
    }

    /** The answer with a fresh MessageID and the request's own MessageID in RelatesTo, at replay time. */
    private static String template(String response) {
        // Anything that looks like a template in the recorded answer is text, not a template.
        String escaped = response.replace("{{", "\\{{");
        escaped = MESSAGE_ID.matcher(escaped).replaceFirst("$1" + Matcher.quoteReplacement(MESSAGE_ID_TEMPLATE) + "$2");
        return RELATES_TO.matcher(escaped).replaceFirst("$1" + Matcher.quoteReplacement(RELATES_TO_TEMPLATE) + "$2");
    }

    private String mappingJson(String name, RequestMatch m, Exchange e, String bodyFile, String[] state) {
        StringBuilder s = new StringBuilder("{\n");
        s.append("  \"name\": ").append(Json.quote(name)).append(",\n");
        if (state != null) {
            s.append("  \"scenarioName\": ").append(Json.quote(state[0])).append(",\n");
            s.append("  \"requiredScenarioState\": ").append(Json.quote(state[1])).append(",\n");
            if (state[2] != null) {
                s.append("  \"newScenarioState\": ").append(Json.quote(state[2])).append(",\n");
            }
        }
        s.append("  \"request\": {\n");
        s.append("    \"method\": \"POST\",\n");
        s.append("    \"urlPath\": ").append(Json.quote(path(e.uri()))).append(",\n");
        s.append("    \"bodyPatterns\": [\n");
        for (int i = 0; i < m.xpaths.size(); i++) {
            s.append("      { \"matchesXPath\": ").append(Json.quote(m.xpaths.get(i))).append(" }")
                    .append(i + 1 < m.xpaths.size() ? ",\n" : "\n");
        }
        s.append("    ]\n  },\n");
        s.append("  \"response\": {\n");
        s.append("    \"status\": ").append(e.status()).append(",\n");
        s.append("    \"headers\": { \"Content-Type\": ").append(Json.quote(SOAP)).append(" },\n");
        s.append("    \"bodyFileName\": ").append(Json.quote(bodyFile)).append(",\n");
        s.append("    \"transformers\": [\"response-template\"]\n");
        s.append("  }\n}\n");
        return s.toString();
    }

    private static String path(String uri) {
        try {
            String p = URI.create(uri).getRawPath();
            return p == null || p.isEmpty() ? "/wsman" : p;
        } catch (IllegalArgumentException | NullPointerException e) {
            return "/wsman";
        }
    }

    private String manifest(String host, int exchangeCount, int scenarios) {
        Identity id = identities.get(host);
        StringBuilder s = new StringBuilder("{\n");
        s.append("  \"host\": ").append(Json.quote(redactor.apply(host))).append(",\n");
        s.append("  \"redacted\": ").append(!keepNames).append(",\n");
        s.append("  \"recordedAt\": ").append(Json.quote(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString()))
                .append(",\n");
        s.append("  \"hvreplicaVersion\": ").append(Json.quote(Version.VALUE)).append(",\n");
        s.append("  \"identify\": ");
        if (id == null) {
            s.append("null,\n");
        } else {
            s.append("{ \"protocolVersion\": ").append(Json.quote(redactor.apply(id.protocolVersion())))
                    .append(", \"productVendor\": ").append(Json.quote(redactor.apply(id.productVendor())))
                    .append(", \"productVersion\": ").append(Json.quote(redactor.apply(id.productVersion())))
                    .append(" },\n");
        }
        s.append("  \"exchanges\": ").append(exchangeCount).append(",\n");
        s.append("  \"scenarios\": ").append(scenarios).append(",\n");
        s.append("  \"commands\": [");
        for (int i = 0; i < commands.size(); i++) {
            s.append(i == 0 ? "\n    [" : ",\n    [");
            List<String> argv = commands.get(i);
            for (int j = 0; j < argv.size(); j++) {
                String arg = argv.get(j);
                // Where the recording went on the recording machine says nothing about the host.
                if (j > 0 && argv.get(j - 1).equals("--record")) {
                    arg = lastName(arg);
                } else if (arg.startsWith("--record=")) {
                    arg = "--record=" + lastName(arg.substring("--record=".length()));
                }
                s.append(j == 0 ? "" : ", ").append(Json.quote(redactor.apply(arg)));
            }
            s.append("]");
        }
        s.append(commands.isEmpty() ? "]\n" : "\n  ]\n");
        s.append("}\n");
        return s.toString();
    }

    private static String lastName(String path) {
        Path p = Path.of(path).getFileName();
        return p == null ? "." : p.toString();
    }

    /**
     * The last line of defence: the password is never allowed; unless names are kept, neither is
     * any name the run knew of. Case-insensitive, over every byte written.
     *
     * @return what was found, as the end of a sentence, or null
     */
    private String check(List<Path> written) {
        Map<String, String> forbidden = new LinkedHashMap<>();
        for (char[] p : passwords) {
            forbidden.put(new String(p).toLowerCase(Locale.ROOT), "the password");
        }
        if (!keepNames) {
            for (String host : hosts) {
                forbidden.putIfAbsent(hostPart(host).toLowerCase(Locale.ROOT), "the host name");
            }
            for (String user : users) {
                String account = user.contains("\\") ? user.substring(user.indexOf('\\') + 1)
                        : user.contains("@") ? user.substring(0, user.lastIndexOf('@')) : user;
                forbidden.putIfAbsent(account.toLowerCase(Locale.ROOT), "the user name");
            }
            for (String name : redactor.registeredValues()) {
                forbidden.putIfAbsent(name, "a name it had replaced");
            }
        }
        forbidden.keySet().removeIf(k -> k.length() < 2);
        for (Path file : written) {
            String text;
            try {
                text = Files.readString(file).toLowerCase(Locale.ROOT);
            } catch (IOException e) {
                return "it could not be read back for the secret check (" + e.getMessage() + ")";
            }
            for (Map.Entry<String, String> f : forbidden.entrySet()) {
                if (text.contains(f.getKey())) {
                    return dir.relativize(file) + " still held " + f.getValue();
                }
            }
        }
        return null;
    }

    /** Deletes what this recording wrote: the directory itself when the recorder created it. */
    private void delete(boolean created) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (created || !p.equals(dir)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // The check's sentence is what the user must see; a file left behind is named there too.
        }
    }
}
