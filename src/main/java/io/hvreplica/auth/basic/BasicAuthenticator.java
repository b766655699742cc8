package io.hvreplica.auth.basic;

import io.hvreplica.auth.Authenticator;
import io.hvreplica.auth.ChannelBindings;
import io.hvreplica.auth.Credentials;
import io.hvreplica.auth.MessageProtection;
import io.hvreplica.auth.SecurityContext;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;

/**
 * HTTP Basic: the user name as given and the password on every request. It has no message
 * protection, so it is only safe inside TLS; the transport refuses it over plain HTTP unless
 * unencrypted traffic was explicitly allowed.
 */
public final class BasicAuthenticator implements Authenticator {
    private final Credentials credentials;

    public BasicAuthenticator(Credentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public String name() {
        return "basic";
    }

    @Override
    public boolean connectionBound() {
        return false;
    }

    @Override
    public SecurityContext newContext(String host, ChannelBindings bindings) {
        return new SecurityContext() {
            @Override
            public String scheme() {
                return "Basic";
            }

            @Override
            public byte[] step(byte[] serverToken) {
                char[] password = credentials.password();
                CharBuffer chars = CharBuffer.allocate(credentials.spec().length() + 1 + password.length);
                chars.put(credentials.spec()).put(':').put(password).flip();
                ByteBuffer bytes = StandardCharsets.UTF_8.encode(chars);
                java.util.Arrays.fill(password, '\0');
                byte[] token = new byte[bytes.remaining()];
                bytes.get(token);
                return token;
            }

            @Override
            public boolean isEstablished() {
                return true;
            }

            @Override
            public MessageProtection protection() {
                return null;
            }
        };
    }
}
