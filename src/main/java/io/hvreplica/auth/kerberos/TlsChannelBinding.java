package io.hvreplica.auth.kerberos;

import io.hvreplica.auth.AuthenticationException;
import io.hvreplica.auth.ChannelBindings;
import org.ietf.jgss.ChannelBinding;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * TLS channel bindings for JGSS. The public {@code new ChannelBinding(null, null, data)} hashes the
 * address types as 255, which MIT and Windows refuse; only the JDK-internal
 * {@code TlsChannelBindingImpl} (the one the JDK's LDAP client uses) hashes them as 0. Its package
 * is not exported, so the JVM must run with {@value #FLAG}.
 */
final class TlsChannelBinding {
    static final String FLAG = "--add-exports java.security.jgss/sun.security.jgss.krb5.internal=ALL-UNNAMED";
    private static final String IMPL = "sun.security.jgss.krb5.internal.TlsChannelBindingImpl";

    private TlsChannelBinding() {
    }

    /** Whether this JVM lets us create TLS channel bindings. */
    static boolean available() {
        try {
            constructor();
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /**
     * @throws AuthenticationException when the JVM was started without {@value #FLAG}
     */
    static ChannelBinding of(ChannelBindings bindings) {
        MethodHandle make;
        try {
            make = constructor();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new AuthenticationException("Kerberos over HTTPS needs TLS channel bindings, which this Java"
                    + " runtime only allows when started with " + FLAG + "; add that option to the java command", e);
        }
        try {
            return (ChannelBinding) make.invoke(bindings.applicationData());
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create TLS channel bindings: " + e, e);
        }
    }

    private static MethodHandle constructor() throws ReflectiveOperationException {
        Class<?> impl = Class.forName(IMPL, false, ChannelBinding.class.getClassLoader());
        return MethodHandles.lookup().findConstructor(impl, MethodType.methodType(void.class, byte[].class));
    }
}
