package io.hvreplica.hyperv;

import io.hvreplica.hyperv.xml.computersystem.MsvmComputerSystemType;
import io.hvreplica.hyperv.xml.concretejob.MsvmConcreteJobType;
import io.hvreplica.DeadlineExceededException;
import io.hvreplica.HvReplicaException;
import io.hvreplica.wsman.EndpointReference;
import io.hvreplica.wsman.Enumeration;
import io.hvreplica.wsman.Item;
import io.hvreplica.wsman.MethodInput;
import io.hvreplica.wsman.SelectorSet;
import io.hvreplica.wsman.WsmanClient;
import io.hvreplica.wsman.WsmanProtocolException;
import io.hvreplica.wsman.Wql;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed Hyper-V Replica operations on one host (WMI namespace root/virtualization/v2): find a VM,
 * find the replication service (kept for the life of this object), invoke RevertFailover, and read
 * a job.
 */
public final class HyperVHost implements AutoCloseable {
    private static final int LOOKUP_LIMIT = 100;
    private final WsmanClient wsman;
    private EndpointReference replicationService;

    public HyperVHost(WsmanClient wsman) {
        this.wsman = wsman;
    }

    /**
     * Starts building the JAXB binding for the Hyper-V classes on a background thread; optional,
     * for command-line tools that want a shorter cold start.
     */
    public static void warmUp() {
        Instances.warmUp();
    }

    /** The host name as the user gave it. */
    public String name() {
        return wsman.transport().endpoint().getHost();
    }

    /**
     * Looks a VM up by display name or GUID.
     *
     * @throws VmNotFoundException   when nothing matches
     * @throws AmbiguousVmException  when several VMs share the name
     */
    public VirtualMachine findVm(VmSelector selector) {
        String where = selector instanceof VmSelector.ByName n ? "ElementName = " + Wql.quote(n.name())
                : "Name = " + Wql.quote(((VmSelector.ById) selector).id());
        List<Item> items;
        try {
            items = wsman.enumerate(Enumeration.wql(HyperV.ALL, "SELECT * FROM Msvm_ComputerSystem WHERE " + where)
                    .limit(LOOKUP_LIMIT));
        } catch (DeadlineExceededException e) {
            throw new DeadlineExceededException("the deadline passed while looking up VM " + describe(selector)
                    + " on " + name() + "; nothing was changed on the host", e);
        }
        List<VirtualMachine> vms = new ArrayList<>();
        for (Item item : items) {
            if (item.instance() == null) {
                throw new WsmanProtocolException("the host returned a Msvm_ComputerSystem reference without the instance");
            }
            MsvmComputerSystemType cs = Instances.read(item.instance(), MsvmComputerSystemType.class, "Msvm_ComputerSystem");
            // The host itself is a Msvm_ComputerSystem too; its Name is the NetBIOS name, not a GUID.
            if (cs.getName() == null || !VmSelector.GUID.matcher(cs.getName()).matches()) {
                continue;
            }
            EndpointReference ref = item.reference() != null ? item.reference()
                    : new EndpointReference(io.hvreplica.wsman.Namespaces.ANONYMOUS, HyperV.COMPUTER_SYSTEM,
                    SelectorSet.of(orderedMap("CreationClassName", "Msvm_ComputerSystem", "Name", cs.getName())));
            vms.add(new VirtualMachine(cs.getElementName(), cs.getName(), cs.getReplicationMode(),
                    cs.getReplicationState(), cs.getEnabledState(), ref));
        }
        if (vms.isEmpty()) {
            throw new VmNotFoundException(name(), selector);
        }
        if (vms.size() > 1) {
            throw new AmbiguousVmException(name(), vms.get(0).name(), vms);
        }
        return vms.get(0);
    }

    /** The host's Msvm_ReplicationService, looked up once. */
    public EndpointReference replicationService() {
        if (replicationService == null) {
            List<Item> items;
            try {
                items = wsman.enumerate(Enumeration.wql(HyperV.ALL, "SELECT * FROM Msvm_ReplicationService"));
            } catch (DeadlineExceededException e) {
                throw new DeadlineExceededException("the deadline passed while looking up the replication service"
                        + " on " + name() + "; nothing was changed on the host", e);
            }
            if (items.isEmpty()) {
                throw new HvReplicaException("the host " + name() + " has no Msvm_ReplicationService; is the Hyper-V"
                        + " role installed and is this the Replica server?");
            }
            Item item = items.get(0);
            if (item.reference() == null) {
                throw new WsmanProtocolException("the host returned Msvm_ReplicationService without its reference");
            }
            replicationService = item.reference();
        }
        return replicationService;
    }

    /**
     * Calls Msvm_ReplicationService.RevertFailover for {@code vm}, once.
     *
     * @return the return value, and the job reference when the host started a job
     */
    public MethodResult revertFailover(VirtualMachine vm) {
        EndpointReference service = replicationService();
        Element output;
        try {
            output = wsman.invoke(service.resourceUri(), service.selectors(), "RevertFailover", revertInput(vm, service));
        } catch (DeadlineExceededException e) {
            // Only raised when the request never left: once sent, a cut-off Invoke is outcome-unknown.
            throw new DeadlineExceededException("the deadline passed before RevertFailover could be sent to "
                    + name() + "; nothing was invoked", e);
        }
        return MethodResult.read(output);
    }

    /** The envelope {@link #revertFailover} would send; the look-ups it needs do run. */
    public String revertFailoverEnvelope(VirtualMachine vm) {
        EndpointReference service = replicationService();
        return wsman.renderInvoke(service.resourceUri(), service.selectors(), "RevertFailover", revertInput(vm, service));
    }

    /** Reads a job through its reference, passing resource URI and selectors back unchanged. */
    public JobStatus job(EndpointReference job) {
        Element instance = wsman.get(job.resourceUri(), job.selectors());
        MsvmConcreteJobType j = Instances.read(instance, MsvmConcreteJobType.class, "job");
        if (j.getJobState() == null) {
            throw new WsmanProtocolException("the host's job " + job.selectors() + " has no JobState");
        }
        String id = j.getInstanceID() != null ? j.getInstanceID() : job.selectors().get("InstanceID");
        return new JobStatus(id, j.getJobState(), j.getPercentComplete(), j.getErrorCode(),
                blankToNull(j.getErrorDescription()), blankToNull(j.getErrorSummaryDescription()));
    }

    private static String describe(VmSelector selector) {
        return selector instanceof VmSelector.ByName n ? "'" + n.name() + "'" : ((VmSelector.ById) selector).id();
    }

    private static Element revertInput(VirtualMachine vm, EndpointReference service) {
        return MethodInput.of(service.resourceUri(), "RevertFailover").reference("ComputerSystem", vm.reference()).build();
    }

    private static Map<String, String> orderedMap(String k1, String v1, String k2, String v2) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @Override
    public void close() {
        wsman.close();
    }
}
