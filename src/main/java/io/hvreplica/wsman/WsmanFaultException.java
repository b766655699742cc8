package io.hvreplica.wsman;

import io.hvreplica.ErrorKind;
import io.hvreplica.HvReplicaException;

import java.util.Map;

/**
 * A SOAP fault from the host, with everything Windows puts in it: the SOAP code and subcode, the
 * reason, the WSManFault code/machine/message, and the provider fault or WMI error details.
 */
public class WsmanFaultException extends HvReplicaException {
    private final Fault fault;

    public WsmanFaultException(Fault fault) {
        super(summary(fault));
        this.fault = fault;
    }

    public Fault fault() {
        return fault;
    }

    /** True for w:AccessDenied and for a WSManFault/WMI code of ERROR_ACCESS_DENIED (5). */
    public boolean isAccessDenied() {
        return "AccessDenied".equals(fault.subcode())
                || Long.valueOf(5).equals(fault.wsmanCode())
                || "5".equals(fault.details().get("error_Code"));
    }

    /**
     * True when the host says the addressed instance does not exist: a:DestinationUnreachable, or
     * WSManFault code 2150858752 (0x80338000), which is what Windows answers to a Get of a job it
     * has already removed.
     */
    public boolean isMissingInstance() {
        return "DestinationUnreachable".equals(fault.subcode()) || Long.valueOf(2150858752L).equals(fault.wsmanCode());
    }

    @Override
    public ErrorKind kind() {
        return isAccessDenied() ? ErrorKind.ACCESS_DENIED : ErrorKind.FAULT;
    }

    private static String summary(Fault f) {
        String name = f.subcode() != null ? f.subcode() : f.code();
        StringBuilder s = new StringBuilder(name != null ? "the host returned fault " + name
                : "the host returned a fault without a code");
        String text = f.providerMessage() != null ? f.providerMessage()
                : f.message() != null ? f.message() : f.reason();
        if (text != null && !text.isBlank()) {
            s.append(": ").append(text.trim());
        }
        if (f.wsmanCode() != null) {
            s.append(" (code ").append(f.wsmanCode());
            s.append(String.format(" = 0x%08X", f.wsmanCode() & 0xFFFFFFFFL));
            if (f.machine() != null) {
                s.append(", on ").append(f.machine());
            }
            s.append(')');
        }
        return s.toString();
    }

    /**
     * @param code            SOAP 1.2 code local name: "Sender" or "Receiver"
     * @param subcode         subcode local name, e.g. "InvalidSelectors", "AccessDenied"; may be null
     * @param subcodeNs       the subcode's namespace
     * @param reason          s:Reason/s:Text
     * @param faultDetail     w:FaultDetail URI, or null
     * @param wsmanCode       f:WSManFault/@Code (decimal HRESULT or Win32 code), or null
     * @param machine         f:WSManFault/@Machine, or null
     * @param message         f:WSManFault/f:Message text, or null
     * @param provider        f:ProviderFault/@provider, or null
     * @param providerPath    f:ProviderFault/@path, or null
     * @param providerMessage the provider's own message (nested WSManFault or ProviderFault text)
     * @param details         properties of f:ExtendedError/__ExtendedStatus or MSFT_WmiError
     */
    public record Fault(String code, String subcode, String subcodeNs, String reason, String faultDetail,
                        Long wsmanCode, String machine, String message, String provider, String providerPath,
                        String providerMessage, Map<String, String> details) {
    }
}
