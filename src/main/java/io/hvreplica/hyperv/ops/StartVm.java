package io.hvreplica.hyperv.ops;

import io.hvreplica.hyperv.Operation;
import io.hvreplica.wsman.MethodInput;

/** Msvm_ComputerSystem.RequestStateChange(2): start the VM, after a failover or for a test. */
public final class StartVm extends Operation {
    static final int RUNNING = 2;

    public StartVm() {
        super(spec("start-vm", Target.VM, "RequestStateChange")
                .action("start", "Start-VM")
                .done("%s was started")
                .leavesEnabledState(RUNNING));
    }

    @Override
    protected void parameters(MethodInput input, Request request) {
        input.scalar("RequestedState", RUNNING);
        input.scalar("TimeoutPeriod", null);
    }
}
