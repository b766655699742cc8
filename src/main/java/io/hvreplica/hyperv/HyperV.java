package io.hvreplica.hyperv;

/** Resource URIs of the Hyper-V WMI v2 classes hvreplica uses. */
final class HyperV {
    static final String NAMESPACE = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2";
    static final String ALL = NAMESPACE + "/*";
    static final String COMPUTER_SYSTEM = NAMESPACE + "/Msvm_ComputerSystem";
    static final String REPLICATION_SERVICE = NAMESPACE + "/Msvm_ReplicationService";
    static final String CONCRETE_JOB = NAMESPACE + "/Msvm_ConcreteJob";
    static final String SETTING_DATA = NAMESPACE + "/Msvm_VirtualSystemSettingData";
    static final String MANAGEMENT_SERVICE = NAMESPACE + "/Msvm_VirtualSystemManagementService";

    private HyperV() {
    }
}
