package io.hvreplica.hyperv.ops;

import io.hvreplica.hyperv.Operation;
import io.hvreplica.wsman.MethodInput;

/** The SnapshotSettingData parameter: the chosen recovery point, or nil, which means the latest. */
final class SnapshotSettingData {
    private SnapshotSettingData() {
    }

    static void add(MethodInput input, Operation.Request request) {
        if (request.recoveryPoint() == null) {
            input.scalar("SnapshotSettingData", null);
        } else {
            input.reference("SnapshotSettingData", request.recoveryPoint().reference());
        }
    }
}
