package io.hvreplica.auth.kerberos;

import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.MessageProp;

import javax.security.auth.Subject;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import java.nio.file.Path;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.Map;

/** The JDK's own krb5 acceptor, in this JVM, for any service principal in a keytab. */
final class JgssAcceptor {
    private final Subject subject;
    private final GSSContext context;

    JgssAcceptor(Path keytab) {
        Map<String, String> options = Map.of("useKeyTab", "true", "keyTab", keytab.toString(), "principal", "*",
                "isInitiator", "false", "storeKey", "true", "doNotPrompt", "true", "refreshKrb5Config", "true");
        subject = new Subject();
        try {
            new LoginContext("acceptor", subject, null, new Configuration() {
                @Override
                public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                    return new AppConfigurationEntry[]{new AppConfigurationEntry(
                            "com.sun.security.auth.module.Krb5LoginModule",
                            AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
                }
            }).login();
        } catch (LoginException e) {
            throw new IllegalStateException(e);
        }
        context = as(() -> GSSManager.getInstance().createContext((GSSCredential) null));
    }

    byte[] accept(byte[] token) {
        return as(() -> context.acceptSecContext(token, 0, token.length));
    }

    boolean established() {
        return context.isEstablished();
    }

    byte[] wrap(byte[] plain) {
        return as(() -> context.wrap(plain, 0, plain.length, new MessageProp(0, true)));
    }

    byte[] unwrap(byte[] token) throws GSSException {
        return context.unwrap(token, 0, token.length, new MessageProp(0, true));
    }

    private <T> T as(PrivilegedExceptionAction<T> action) {
        try {
            return Subject.doAs(subject, action);
        } catch (PrivilegedActionException e) {
            throw new IllegalStateException(e.getException());
        }
    }
}
