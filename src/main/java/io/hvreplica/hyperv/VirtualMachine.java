package io.hvreplica.hyperv;

import io.hvreplica.wsman.EndpointReference;

/**
 * A VM as read from its Msvm_ComputerSystem. The replication properties are deprecated on that
 * class since 2012 R2 in favour of Msvm_ReplicationRelationship, but Windows still fills them in,
 * and they come in the same round trip as the VM itself.
 *
 * @param name                      ElementName, the display name in Hyper-V Manager
 * @param id                        Name, the VM's GUID
 * @param replicationMode           0 None, 1 Primary, 2 Replica, 3 Test Replica, 4 Extended Replica; null if absent
 * @param replicationState          see {@link ReplicationStates}; null if absent
 * @param enabledState              2 running, 3 off, ...; null if absent
 * @param reference                 the EPR to pass as a method parameter
 * @param replicationHealth         0 Not applicable, 1 Ok, 2 Warning, 3 Critical; null if absent
 * @param failedOverReplicationType 0 None, 1 Regular, 2 Application consistent, 3 Planned; null if absent
 * @param lastReplicationTime       CIM datetime as the host wrote it; null if absent
 */
public record VirtualMachine(String name, String id, Integer replicationMode, Integer replicationState,
                             Integer enabledState, EndpointReference reference, Integer replicationHealth,
                             Integer failedOverReplicationType, String lastReplicationTime) {

    public VirtualMachine(String name, String id, Integer replicationMode, Integer replicationState,
                          Integer enabledState, EndpointReference reference) {
        this(name, id, replicationMode, replicationState, enabledState, reference, null, null, null);
    }

    public boolean running() {
        return enabledState != null && enabledState == 2;
    }

    public boolean testReplica() {
        return replicationMode != null && replicationMode == ReplicationStates.MODE_TEST_REPLICA;
    }
}
