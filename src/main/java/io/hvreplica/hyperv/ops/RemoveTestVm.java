package io.hvreplica.hyperv.ops;

import io.hvreplica.HvReplicaException;
import io.hvreplica.hyperv.Operation;
import io.hvreplica.hyperv.ReplicationStates;
import io.hvreplica.hyperv.ReturnValues;
import io.hvreplica.hyperv.VirtualMachine;
import io.hvreplica.wsman.MethodInput;

/**
 * Msvm_VirtualSystemManagementService.DestroySystem of a test VM: deletes the VM and its
 * configuration. On any other VM it would be a destructive delete, so the target is read again
 * right before the call and the call is refused unless it is a Test Replica (mode 3).
 */
public final class RemoveTestVm extends Operation {
    public RemoveTestVm() {
        super(spec("remove-test-vm", Target.MANAGEMENT_SERVICE, "DestroySystem")
                .action("remove the test VM", "Stop-VMFailover on a test VM")
                .done("the test VM %s was removed")
                .modes(ReplicationStates.MODE_TEST_REPLICA)
                .codes(ReturnValues.Codes.CIM));
    }

    @Override
    protected void parameters(MethodInput input, Request request) {
        input.reference("AffectedSystem", request.vm().reference());
    }

    @Override
    protected boolean guarded() {
        return true;
    }

    @Override
    protected void guard(VirtualMachine current) {
        if (!current.testReplica()) {
            throw new HvReplicaException("refusing to destroy VM '" + current.name() + "' (" + current.id() + "): it is "
                    + ReplicationStates.mode(current.replicationMode()) + " (mode " + current.replicationMode()
                    + "), not a Test Replica (mode 3); DestroySystem would delete it");
        }
    }

    @Override
    protected boolean removesVm() {
        return true;
    }
}
