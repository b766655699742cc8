package io.hvreplica.transport;

import io.hvreplica.auth.Credentials;
import io.hvreplica.auth.basic.BasicAuthenticator;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;

import java.io.IOException;
import java.net.URI;
import java.util.function.Supplier;

/**
 * An {@link HttpTransport} whose HTTP client answers from memory: no socket, no server thread, so
 * a fuzzer can push thousands of responses a second through the real response path (transport,
 * conduit, CXF, WS-Management client).
 */
public final class InMemoryHttp {
    /** One canned HTTP answer; a null or empty content type sends no Content-Type header. */
    public record Answer(int status, String contentType, byte[] body) {
    }

    private InMemoryHttp() {
    }

    /** Basic over plain HTTP (allowed explicitly), answering every request with {@code answers.get()}. */
    public static HttpTransport basic(Supplier<Answer> answers) {
        return HttpTransport.builder(URI.create("http://hv-fuzz.example:5985/wsman"),
                        new BasicAuthenticator(Credentials.of("fuzz", "fuzz".toCharArray())))
                .allowUnencrypted(true)
                .httpClient(new Client(answers))
                .build();
    }

    private static final class Client extends CloseableHttpClient {
        private final Supplier<Answer> answers;

        Client(Supplier<Answer> answers) {
            this.answers = answers;
        }

        @Override
        protected CloseableHttpResponse doExecute(HttpHost target, ClassicHttpRequest request, HttpContext context)
                throws IOException {
            Answer a = answers.get();
            BasicClassicHttpResponse r = new BasicClassicHttpResponse(a.status());
            ContentType type = null;
            if (a.contentType() != null && !a.contentType().isEmpty()) {
                r.setHeader("Content-Type", a.contentType());
                // The entity's own type is what HttpClient reports; keep it lenient like the wire.
                type = ContentType.parseLenient(a.contentType());
            }
            r.setEntity(new ByteArrayEntity(a.body(), type));
            return CloseableHttpResponse.adapt(r);
        }

        @Override
        public void close(CloseMode closeMode) {
        }

        @Override
        public void close() {
        }
    }
}
