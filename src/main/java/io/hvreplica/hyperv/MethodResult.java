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
 * @param references  the other reference out-parameters by name, such as TestReplicaSystem's
 *                    ResultingSystem
 */
public record MethodResult(long returnValue, EndpointReference job, java.util.Map<String, EndpointReference> references) {

    public String meaning() {
        return ReturnValues.meaning(returnValue);
    }

    public EndpointReference reference(String name) {
        return references.get(name);
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
        java.util.Map<String, EndpointReference> references = new java.util.LinkedHashMap<>();
        for (Element e : Xml.elements(output)) {
            if (!"Job".equals(e.getLocalName()) && !"ReturnValue".equals(e.getLocalName()) && !Xml.isNil(e)
                    && Xml.child(e, io.hvreplica.wsman.Namespaces.ADDRESSING, "ReferenceParameters") != null) {
                references.put(e.getLocalName(), EndpointReference.parse(e));
            }
        }
        return new MethodResult(returnValue, ref, java.util.Map.copyOf(references));
    }
}
