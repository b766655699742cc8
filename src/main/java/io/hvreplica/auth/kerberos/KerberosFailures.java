package io.hvreplica.auth.kerberos;

import io.hvreplica.HvReplicaException;
import io.hvreplica.auth.AuthenticationException;
import io.hvreplica.transport.TransportException;
import org.ietf.jgss.GSSException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the JDK's Kerberos failures into one sentence that says what to fix. The JDK's own
 * exception types are internal, so the RFC 4120 error code is read from the message, where the
 * JDK always puts it as "text (code)".
 */
final class KerberosFailures {
    private static final Pattern CODE = Pattern.compile("\\((\\d{1,2})\\)");
    static final int C_PRINCIPAL_UNKNOWN = 6;
    static final int S_PRINCIPAL_UNKNOWN = 7;
    static final int ETYPE_NOSUPP = 14;
    static final int CLIENT_REVOKED = 18;
    static final int KEY_EXPIRED = 23;
    static final int PREAUTH_FAILED = 24;
    static final int INTEGRITY = 31;
    static final int TKT_EXPIRED = 32;
    static final int SKEW = 37;
    static final int MODIFIED = 41;
    static final int WRONG_REALM = 68;
    /** The JDK's own KRB_AP_ERR_REQ_OPTIONS, raised before any KDC is asked. */
    static final int BAD_OPTIONS = 101;
    private static final String SKEW_TEXT = "the clocks of this machine and the KDC differ by more than Kerberos"
            + " allows (usually 5 minutes); synchronise this machine's clock (NTP)";

    private KerberosFailures() {
    }

    /** A failure while obtaining the TGT. */
    static HvReplicaException login(Exception e, String principal, String realm, CredentialSource source) {
        String who = principal == null ? "the cached principal" : principal;
        if (unreachable(e) != null) {
            return kdcUnreachable(e, realm);
        }
        String text = chainText(e);
        if (text.contains("Cannot locate default realm")) {
            return new KerberosSettingException("no Kerberos realm is known for " + who
                    + "; write the user as user@REALM or give the realm", KerberosSettingException.Setting.REALM, e);
        }
        if (text.contains("Cannot locate KDC") || text.contains("Cannot get kdc")) {
            return new KerberosSettingException("no KDC is configured for realm " + realm
                    + "; add it to krb5.conf [realms] or give the KDC", KerberosSettingException.Setting.KDC, e);
        }
        boolean keytab = source instanceof CredentialSource.Keytab;
        switch (code(e)) {
            case C_PRINCIPAL_UNKNOWN:
                return auth("the KDC does not know the user " + who + "; check the user name and the realm", e);
            case PREAUTH_FAILED:
            case INTEGRITY:
                return keytab ? badKeytab((CredentialSource.Keytab) source, who, e) : wrongPassword(who, e);
            case BAD_OPTIONS:
                return badOptions(principal, e);
            case CLIENT_REVOKED:
                return auth("the account " + who + " is disabled or locked out; ask a domain administrator", e);
            case KEY_EXPIRED:
                return auth("the password of " + who + " has expired; change it, then try again", e);
            case SKEW:
                return auth(SKEW_TEXT, e);
            case ETYPE_NOSUPP:
                return auth("the KDC and this JVM share no encryption type for " + who
                        + "; enable AES for the account", e);
            case WRONG_REALM:
                return auth(who + " does not belong to realm " + realm + "; give the user's own realm", e);
            default:
                break;
        }
        if (text.contains("Checksum failed")) {
            // Without pre-authentication a wrong key only shows when the reply does not decrypt.
            return keytab ? badKeytab((CredentialSource.Keytab) source, who, e) : wrongPassword(who, e);
        }
        return auth("Kerberos login as " + who + " failed: " + firstMessage(e) + "; check the credentials and krb5.conf", e);
    }

    /** A failure while making a context token or reading the host's. */
    static HvReplicaException context(GSSException e, String spn, String principal, boolean fromCache) {
        if (unreachable(e) != null) {
            return kdcUnreachable(e, realmOf(principal));
        }
        switch (code(e)) {
            case S_PRINCIPAL_UNKNOWN:
                return new KerberosSettingException("the KDC does not know the service principal " + spn
                        + "; give the host's DNS name (not an IP address or alias) or the host's SPN",
                        KerberosSettingException.Setting.SPN, e);
            case SKEW:
                return auth(SKEW_TEXT, e);
            case TKT_EXPIRED:
                return auth("the Kerberos ticket of " + principal + " has expired; "
                        + (fromCache ? "run kinit again" : "check this machine's clock and try again"), e);
            case MODIFIED:
                return auth("the host could not decrypt its Kerberos ticket for " + spn
                        + ": its keytab or account password does not match the KDC's", e);
            case ETYPE_NOSUPP:
                return auth("the KDC and this JVM share no encryption type for " + spn
                        + "; enable AES for the host's account (Java refuses RC4 unless krb5.conf allows it)", e);
            case BAD_OPTIONS:
                return badOptions(principal, e);
            case CLIENT_REVOKED:
                return auth("the account " + principal + " is disabled or locked out; ask a domain administrator", e);
            default:
                break;
        }
        if (e.getMajor() == GSSException.NO_CRED) {
            return auth("no usable Kerberos credentials for " + principal + "; run kinit, or give a password or"
                    + " a keytab", e);
        }
        return auth("the Kerberos handshake with " + spn + " failed: " + firstMessage(e), e);
    }

    static String realmOf(String principal) {
        int at = principal == null ? -1 : principal.lastIndexOf('@');
        return at < 0 ? "(default)" : principal.substring(at + 1);
    }

    private static HvReplicaException wrongPassword(String who, Exception e) {
        return auth("the KDC refused the password for " + who + "; check the password and the user name", e);
    }

    private static HvReplicaException badKeytab(CredentialSource.Keytab keytab, String who, Exception e) {
        return auth("the keytab " + keytab.keytab() + " holds no current key for " + who
                + " (the password changed since it was exported?); export the keytab again", e);
    }

    private static HvReplicaException badOptions(String principal, Exception e) {
        return auth("the Kerberos ticket of " + principal + " lacks a flag that krb5.conf asks for"
                + " (usually forwardable = true with a ticket from plain kinit); run kinit -f, or set"
                + " forwardable = false in krb5.conf", e);
    }

    private static HvReplicaException kdcUnreachable(Exception e, String realm) {
        Throwable cause = unreachable(e);
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return TransportException.connection("cannot reach a Kerberos KDC for realm " + realm + " (" + detail
                + "); check the KDC address (in krb5.conf, or the one given) and that its port (88 unless given) is"
                + " reachable", e);
    }

    private static AuthenticationException auth(String sentence, Throwable cause) {
        return new AuthenticationException(sentence, cause);
    }

    /** The first RFC 4120 error code in the cause chain's messages, or -1. */
    static int code(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t instanceof GSSException g ? g.getMinorString() + " " + t.getMessage() : t.getMessage();
            if (m != null) {
                Matcher c = CODE.matcher(m);
                if (c.find()) {
                    return Integer.parseInt(c.group(1));
                }
            }
        }
        return -1;
    }

    private static Throwable unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof SocketTimeoutException
                    || t instanceof UnknownHostException || t instanceof PortUnreachableException
                    || t instanceof NoRouteToHostException) {
                return t;
            }
        }
        return null;
    }

    private static String chainText(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            s.append(t.getMessage()).append('\n');
        }
        return s.toString();
    }

    private static String firstMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage().strip();
            }
        }
        return e.getClass().getSimpleName();
    }
}
