package io.hvreplica.auth.kerberos;

import io.hvreplica.auth.AuthenticationException;
import io.hvreplica.auth.ChannelBindings;
import io.hvreplica.auth.MessageProtection;
import io.hvreplica.auth.SecurityContext;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

import javax.security.auth.Subject;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;

/**
 * One Kerberos initiator context on one connection: the AP-REQ goes out on the first leg, and the
 * host's AP-REP (in {@code WWW-Authenticate} on the 200) must come back through {@link #step}
 * before the context counts as established: mutual authentication, and the acceptor sub-key that
 * Windows seals its responses with, both come from it.
 */
final class KerberosContext implements SecurityContext {
    /** RFC 1964 §2.1.1 krb5 principal name type: "HTTP/host@REALM", taken as is. */
    private static final String NT_KRB5_PRINCIPAL = "1.2.840.113554.1.2.2.1";

    private final KerberosMechanism mechanism;
    private final Subject subject;
    private final String spn;
    private final String principal;
    private final boolean fromCache;
    private final GSSContext context;
    private MessageProtection protection;
    private boolean failed;

    KerberosContext(KerberosMechanism mechanism, KerberosLogin login, String spn, ChannelBindings bindings) {
        this.mechanism = mechanism;
        this.subject = login.subject();
        this.principal = login.principal();
        this.fromCache = login.fromCache();
        this.spn = spn;
        try {
            this.context = as(() -> {
                GSSManager manager = GSSManager.getInstance();
                GSSName target = manager.createName(spn, new Oid(NT_KRB5_PRINCIPAL));
                GSSContext c = manager.createContext(target, mechanism.oid(), null, GSSContext.DEFAULT_LIFETIME);
                c.requestMutualAuth(true);
                c.requestConf(true);
                c.requestInteg(true);
                c.requestReplayDet(true);
                c.requestSequenceDet(true);
                c.requestCredDeleg(false);
                if (bindings != null) {
                    c.setChannelBinding(TlsChannelBinding.of(bindings));
                }
                return c;
            });
        } catch (GSSException e) {
            throw KerberosFailures.context(e, spn, principal, fromCache);
        }
    }

    @Override
    public String scheme() {
        return mechanism.scheme();
    }

    @Override
    public byte[] step(byte[] serverToken) {
        if (failed) {
            throw new AuthenticationException("this Kerberos handshake already failed; start a new connection");
        }
        boolean noToken = serverToken == null || serverToken.length == 0;
        if (protection != null) {
            if (noToken) {
                return null;
            }
            throw new AuthenticationException("the host sent another Kerberos token after the handshake was complete");
        }
        byte[] in = noToken ? new byte[0] : serverToken;
        try {
            byte[] out = as(() -> context.initSecContext(in, 0, in.length));
            if (context.isEstablished()) {
                established();
            }
            return out == null || out.length == 0 ? null : out;
        } catch (GSSException e) {
            failed = true;
            throw KerberosFailures.context(e, spn, principal, fromCache);
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    private void established() {
        if (!context.getMutualAuthState()) {
            failed = true;
            throw new AuthenticationException("the host " + spn + " did not prove its identity (no mutual"
                    + " authentication); refusing the session");
        }
        if (!context.getConfState() || !context.getIntegState()) {
            failed = true;
            throw new AuthenticationException("the Kerberos session with " + spn + " offers no message"
                    + " encryption, which WinRM over HTTP needs");
        }
        protection = new KerberosProtection(context, mechanism.protocol());
    }

    @Override
    public boolean isEstablished() {
        return protection != null;
    }

    @Override
    public MessageProtection protection() {
        return protection;
    }

    private <T> T as(GssAction<T> action) throws GSSException {
        try {
            return Subject.doAs(subject, (PrivilegedExceptionAction<T>) action::run);
        } catch (PrivilegedActionException e) {
            Exception cause = e.getException();
            if (cause instanceof GSSException g) {
                throw g;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        }
    }

    @FunctionalInterface
    private interface GssAction<T> {
        T run() throws GSSException;
    }

    @Override
    public String toString() {
        return "KerberosContext[" + mechanism.scheme() + ", " + spn + ", "
                + (protection != null ? "established" : failed ? "failed" : "in progress") + "]";
    }
}
