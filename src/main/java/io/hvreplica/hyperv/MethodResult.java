package io.hvreplica.hyperv;

import io.hvreplica.wsman.EndpointReference;
import io.hvreplica.wsman.WsmanProtocolException;
import io.hvreplica.wsman.Xml;
import org.w3c.dom.Element;

/**
 * A Msvm_* method's answer: the ReturnValue and, for 4096, the job reference.
 *
 * @param returnValue see {@link ReturnValues}
 * @param job         the Job out-parameter, or null when absent or nil
 */
public record MethodResult(long returnValue, EndpointReference job) {

    public String meaning() {
        return ReturnValues.meaning(returnValue);
    }

    /** Reads a {@code <p:Method_OUTPUT>}; the children may come in any order. */
    static MethodResult read(Element output) {
        String ns = output.getNamespaceURI();
        String value = Xml.childText(output, ns, "ReturnValue");
        if (value == null) {
            throw new WsmanProtocolException("the host's " + output.getLocalName() + " has no ReturnValue");
        }
        long returnValue;
        try {
            returnValue = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new WsmanProtocolException("the host's ReturnValue '" + value + "' is not a number");
        }
        Element job = Xml.child(output, ns, "Job");
        EndpointReference ref = job == null || Xml.isNil(job) ? null : EndpointReference.parse(job);
        if (returnValue == ReturnValues.JOB_STARTED && ref == null) {
            throw new WsmanProtocolException("the host started a job (4096) but returned no Job reference");
        }
        return new MethodResult(returnValue, ref);
    }
}
