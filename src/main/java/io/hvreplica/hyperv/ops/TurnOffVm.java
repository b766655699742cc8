package io.hvreplica.hyperv.ops;

import io.hvreplica.hyperv.Operation;
import io.hvreplica.wsman.MethodInput;

/** Msvm_ComputerSystem.RequestStateChange(3): turn the VM off (DestroySystem needs it off). */
public final class TurnOffVm extends Operation {
    static final int OFF = 3;

    public TurnOffVm() {
        super(spec("turn-off-vm", Target.VM, "RequestStateChange")
                .action("turn off", "Stop-VM -TurnOff")
                .done("%s was turned off")
                .leavesEnabledState(OFF));
    }

    @Override
    protected void parameters(MethodInput input, Request request) {
        input.scalar("RequestedState", OFF);
        input.scalar("TimeoutPeriod", null);
    }
}
