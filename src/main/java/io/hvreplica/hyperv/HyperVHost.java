package io.hvreplica.hyperv;

import io.hvreplica.DeadlineExceededException;
import io.hvreplica.HvReplicaException;
import io.hvreplica.OutcomeUnknownException;
import io.hvreplica.hyperv.xml.computersystem.CimDateTime;
import io.hvreplica.hyperv.xml.computersystem.MsvmComputerSystemType;
import io.hvreplica.hyperv.xml.concretejob.MsvmConcreteJobType;
import io.hvreplica.hyperv.xml.settingdata.MsvmVirtualSystemSettingDataType;
import io.hvreplica.wsman.EndpointReference;
import io.hvreplica.wsman.Enumeration;
import io.hvreplica.wsman.Item;
import io.hvreplica.wsman.Namespaces;
import io.hvreplica.wsman.SelectorSet;
import io.hvreplica.wsman.WsmanClient;
import io.hvreplica.wsman.WsmanProtocolException;
import io.hvreplica.wsman.Wql;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed Hyper-V operations on one host (WMI namespace root/virtualization/v2): find VMs and their
 * recovery points, find the services (kept for the life of this object), invoke a method, and read
 * a job.
 */
public final class HyperVHost implements AutoCloseable {
    private static final int LOOKUP_LIMIT = 100;
    /** How long past the command's deadline the state may still be read after a lost answer. */
    static final java.time.Duration RECHECK_GRACE = java.time.Duration.ofSeconds(2);
    private final WsmanClient wsman;
    private final Map<Operation.Target, EndpointReference> services = new EnumMap<>(Operation.Target.class);

    public HyperVHost(WsmanClient wsman) {
        this.wsman = wsman;
    }

    /**
     * Starts building the SOAP stack and the JAXB binding for the Hyper-V classes on background
     * threads, so the first host finds them ready; optional, for command-line tools that want a
     * shorter cold start.
     */
    public static void warmUp() {
        Instances.warmUp();
        WsmanClient.warmUp(); // last: it goes on to ready the XML parsers on this thread
    }

    /** The host name as the user gave it. */
    public String name() {
        return wsman.transport().endpoint().getHost();
    }

    /**
     * Looks a VM up by display name or GUID.
     *
     * @throws VmNotFoundException  when nothing matches
     * @throws AmbiguousVmException when several VMs share the name
     */
    public VirtualMachine findVm(VmSelector selector) {
        String where = selector instanceof VmSelector.ByName n ? "ElementName = " + Wql.quote(n.name())
                : "Name = " + Wql.quote(((VmSelector.ById) selector).id());
        List<VirtualMachine> vms = findVms(where, "looking up VM " + (selector instanceof VmSelector.ByName n
                ? "'" + n.name() + "'" : ((VmSelector.ById) selector).id()));
        if (vms.isEmpty()) {
            throw new VmNotFoundException(name(), selector);
        }
        if (vms.size() > 1) {
            throw new AmbiguousVmException(name(), vms.get(0).name(), vms);
        }
        return vms.get(0);
    }

    /** The VM with this id, if the host still has it. */
    public Optional<VirtualMachine> vmById(String id) {
        List<VirtualMachine> vms = findVms("Name = " + Wql.quote(id));
        return vms.isEmpty() ? Optional.empty() : Optional.of(vms.get(0));
    }

    /**
     * The VMs matching a WQL condition on Msvm_ComputerSystem, in one query. The host itself is a
     * Msvm_ComputerSystem too and is left out: its Name is its NetBIOS name, not a GUID.
     *
     * @param where a WQL condition whose values were quoted with {@link Wql#quote}
     */
    public List<VirtualMachine> findVms(String where) {
        return findVms(where, "looking up VMs where " + where, 0);
    }

    private List<VirtualMachine> findVms(String where, String what) {
        return findVms(where, what, LOOKUP_LIMIT);
    }

    // limit 0: every match (an enumeration is still bounded; see WsmanClient.enumerate).
    private List<VirtualMachine> findVms(String where, String what, int limit) {
        Enumeration query = Enumeration.wql(HyperV.ALL, "SELECT * FROM Msvm_ComputerSystem WHERE " + where);
        List<Item> items = enumerate(what, limit > 0 ? query.limit(limit) : query);
        List<VirtualMachine> vms = new ArrayList<>();
        for (Item item : items) {
            if (item.instance() == null) {
                throw new WsmanProtocolException("the host returned a Msvm_ComputerSystem reference without the instance");
            }
            MsvmComputerSystemType cs = Instances.read(item.instance(), MsvmComputerSystemType.class, "Msvm_ComputerSystem");
            if (cs.getName() == null || !VmSelector.GUID.matcher(cs.getName()).matches()) {
                continue;
            }
            EndpointReference ref = item.reference() != null ? item.reference()
                    : new EndpointReference(Namespaces.ANONYMOUS, HyperV.COMPUTER_SYSTEM,
                    SelectorSet.of(orderedMap("CreationClassName", "Msvm_ComputerSystem", "Name", cs.getName())));
            vms.add(new VirtualMachine(cs.getElementName(), cs.getName(), cs.getReplicationMode(),
                    cs.getReplicationState(), cs.getEnabledState(), ref, cs.getReplicationHealth(),
                    cs.getFailedOverReplicationType(), datetime(cs.getLastReplicationTime())));
        }
        return vms;
    }

    /** The replica VM's recovery points, oldest first. */
    public List<RecoveryPoint> recoveryPoints(VirtualMachine vm) {
        List<Item> items = enumerate("reading the recovery points of '" + vm.name() + "'",
                Enumeration.wql(HyperV.ALL, "SELECT * FROM Msvm_VirtualSystemSettingData WHERE"
                + " VirtualSystemIdentifier = " + Wql.quote(vm.id()) + " AND VirtualSystemType LIKE "
                + Wql.quote(RecoveryPoint.TYPE_PREFIX + "%")));
        List<RecoveryPoint> points = new ArrayList<>();
        for (Item item : items) {
            if (item.instance() == null) {
                throw new WsmanProtocolException("the host returned a recovery point reference without the instance");
            }
            MsvmVirtualSystemSettingDataType sd = Instances.read(item.instance(), MsvmVirtualSystemSettingDataType.class,
                    "recovery point");
            if (sd.getInstanceID() == null || sd.getVirtualSystemType() == null
                    || !sd.getVirtualSystemType().startsWith(RecoveryPoint.TYPE_PREFIX)) {
                continue;
            }
            EndpointReference ref = item.reference() != null ? item.reference()
                    : new EndpointReference(Namespaces.ANONYMOUS, HyperV.SETTING_DATA,
                    SelectorSet.of("InstanceID", sd.getInstanceID()));
            points.add(new RecoveryPoint(sd.getInstanceID(), sd.getElementName(),
                    sd.getCreationTime() == null || sd.getCreationTime().getAny() == null ? null
                            : sd.getCreationTime().getAny().getTextContent().trim(),
                    sd.getVirtualSystemType(), ref));
        }
        // CIM datetimes in UTC sort as text.
        points.sort(Comparator.comparing(p -> p.creationTime() == null ? "" : p.creationTime()));
        return points;
    }

    /** The service a method of this target lives on, looked up once; for VM methods, the VM. */
    public EndpointReference target(Operation.Target target, VirtualMachine vm) {
        if (target == Operation.Target.VM) {
            return vm.reference();
        }
        EndpointReference service = services.get(target);
        if (service == null) {
            String cls = target.className();
            List<Item> items = enumerate("looking up the " + cls, Enumeration.wql(HyperV.ALL, "SELECT * FROM " + cls));
            if (items.isEmpty()) {
                throw new HvReplicaException("the host " + name() + " has no " + cls + "; is the Hyper-V role installed"
                        + (target == Operation.Target.REPLICATION_SERVICE ? " and is this the Replica server?" : "?"));
            }
            Item item = items.get(0);
            if (item.reference() == null) {
                throw new WsmanProtocolException("the host returned " + cls + " without its reference");
            }
            service = item.reference();
            services.put(target, service);
        }
        return service;
    }

    /** The host's Msvm_ReplicationService, looked up once. */
    public EndpointReference replicationService() {
        return target(Operation.Target.REPLICATION_SERVICE, null);
    }

    /**
     * Invokes a method once. It is never re-sent.
     *
     * @return the return value, the job reference when the host started a job, and other reference outputs
     * @throws OutcomeUnknownException when the call may have run but no usable answer came back
     */
    public MethodResult invoke(EndpointReference target, String method, Element input) {
        Element output;
        try {
            output = wsman.invoke(target.resourceUri(), target.selectors(), method, input);
        } catch (DeadlineExceededException e) {
            // Only raised when the request never left: once sent, a cut-off Invoke is outcome-unknown.
            throw new DeadlineExceededException("the deadline passed before " + method + " could be sent to "
                    + name() + "; nothing was invoked", e);
        }
        try {
            return MethodResult.read(output);
        } catch (WsmanProtocolException e) {
            // The method was sent and an answer came back, but not one that says what happened.
            throw new OutcomeUnknownException("an answer came back but cannot be used: " + e.getMessage(), e);
        }
    }

    private List<Item> enumerate(String what, Enumeration query) {
        try {
            return wsman.enumerate(query);
        } catch (DeadlineExceededException e) {
            throw new DeadlineExceededException("the deadline passed while " + what + " on " + name()
                    + "; nothing was changed on the host", e);
        }
    }

    /** The envelope {@link #invoke} would send; nothing is sent. */
    public String render(EndpointReference target, String method, Element input) {
        return wsman.renderInvoke(target.resourceUri(), target.selectors(), method, input);
    }

    /**
     * Drops the connection and its authenticated session, so that the next request starts on a
     * fresh one. After an answer was lost or failed its checks, the old session's state (sealing
     * sequence numbers, a half-read response) cannot be trusted.
     */
    public void reconnect() {
        wsman.reconnect(RECHECK_GRACE);
    }

    /** Reads a job through its reference, passing resource URI and selectors back unchanged. */
    public JobStatus job(EndpointReference job) {
        Element instance = wsman.get(job.resourceUri(), job.selectors());
        return jobStatus(instance, job.selectors().get("InstanceID"));
    }

    /**
     * Reads many jobs in one query; a job the host no longer has is absent from the answer.
     *
     * @return the jobs found, by InstanceID (upper case)
     */
    public Map<String, JobStatus> jobs(java.util.Collection<String> ids) {
        Map<String, JobStatus> found = new LinkedHashMap<>();
        for (List<String> chunk : chunks(ids)) {
            String where = String.join(" OR ", chunk.stream().map(id -> "InstanceID = " + Wql.quote(id)).toList());
            for (Item item : enumerate("reading jobs", Enumeration.wql(HyperV.ALL, "SELECT * FROM Msvm_ConcreteJob WHERE "
                    + where))) {
                if (item.instance() != null) {
                    JobStatus s = jobStatus(item.instance(), null);
                    if (s.instanceId() != null) {
                        found.put(s.instanceId().toUpperCase(java.util.Locale.ROOT), s);
                    }
                }
            }
        }
        return found;
    }

    /** Reads many VMs by id in one query; a VM the host no longer has is absent. */
    public Map<String, VirtualMachine> vmsById(java.util.Collection<String> ids) {
        Map<String, VirtualMachine> found = new LinkedHashMap<>();
        for (List<String> chunk : chunks(ids)) {
            String where = String.join(" OR ", chunk.stream().map(id -> "Name = " + Wql.quote(id)).toList());
            for (VirtualMachine vm : findVms(where, "reading VMs again", 0)) {
                found.put(vm.id().toUpperCase(java.util.Locale.ROOT), vm);
            }
        }
        return found;
    }

    // Keeps each WQL filter well inside WinRM's envelope and filter limits.
    private static List<List<String>> chunks(java.util.Collection<String> ids) {
        List<String> all = List.copyOf(ids);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 100) {
            out.add(all.subList(i, Math.min(all.size(), i + 100)));
        }
        return out;
    }

    private static JobStatus jobStatus(Element instance, String fallbackId) {
        MsvmConcreteJobType j = Instances.read(instance, MsvmConcreteJobType.class, "job");
        String id = j.getInstanceID() != null ? j.getInstanceID() : fallbackId;
        if (j.getJobState() == null) {
            throw new WsmanProtocolException("the host's job " + id + " has no JobState");
        }
        return new JobStatus(id, j.getJobState(), j.getPercentComplete(), j.getErrorCode(),
                blankToNull(j.getErrorDescription()), blankToNull(j.getErrorSummaryDescription()));
    }

    /** Takes the service references another session of the same host has looked up already. */
    public void shareServices(HyperVHost other) {
        synchronized (other.services) {
            other.services.forEach(services::putIfAbsent);
        }
    }

    /** A reference to the job with this id, as the host would hand it out. */
    public static EndpointReference jobReference(String jobId) {
        return new EndpointReference(Namespaces.ANONYMOUS, HyperV.CONCRETE_JOB, SelectorSet.of("InstanceID", jobId));
    }

    private static String datetime(CimDateTime value) {
        return value == null || value.getAny() == null ? null : blankToNull(value.getAny().getTextContent());
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

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    /** Closes the session; a second close does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            wsman.close();
        }
    }
}
