package io.hvreplica.hyperv;

import io.hvreplica.wsman.EndpointReference;

/**
 * A VM as read during look-up, with the replication state the host reported then (deprecated on
 * Msvm_ComputerSystem since 2012 R2 but still filled in), used to explain refusals.
 *
 * @param name             ElementName, the display name in Hyper-V Manager
 * @param id               Name, the VM's GUID
 * @param replicationMode  0 None, 1 Primary, 2 Replica, 3 Test Replica, 4 Extended Replica; null if absent
 * @param replicationState see {@link ReplicationStates}; null if absent
 * @param enabledState     2 running, 3 off, ...; null if absent
 * @param reference        the EPR to pass as a method parameter
 */
public record VirtualMachine(String name, String id, Integer replicationMode, Integer replicationState,
                             Integer enabledState, EndpointReference reference) {
}
