package io.hvreplica.hyperv;

import io.hvreplica.wsman.EndpointReference;

/**
 * One recovery point of a replica VM: an Msvm_VirtualSystemSettingData of type
 * Microsoft:Hyper-V:Snapshot:Replica:Standard or ...:ApplicationConsistent.
 *
 * @param id           InstanceID, the key the host uses
 * @param name         ElementName, as Hyper-V Manager shows it
 * @param creationTime CIM datetime as the host wrote it
 * @param type         VirtualSystemType
 * @param reference    the EPR to pass as SnapshotSettingData
 */
public record RecoveryPoint(String id, String name, String creationTime, String type, EndpointReference reference) {
    static final String TYPE_PREFIX = "Microsoft:Hyper-V:Snapshot:Replica:";

    public boolean applicationConsistent() {
        return type != null && type.endsWith(":ApplicationConsistent");
    }
}
