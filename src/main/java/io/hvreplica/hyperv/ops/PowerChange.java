package io.hvreplica.hyperv.ops;

import io.hvreplica.hyperv.Operation;
import io.hvreplica.wsman.MethodInput;

/**
 * Msvm_ComputerSystem.RequestStateChange: start a VM (2), after a failover or for a test, or turn
 * it off (3), which DestroySystem and (on the simulated host) RevertFailover need.
 */
public final class PowerChange extends Operation {
    static final int RUNNING = 2;
    static final int OFF = 3;

    private final int requested;

    private PowerChange(Spec spec, int requested) {
        super(spec.leavesEnabledState(requested));
        this.requested = requested;
    }

    public static PowerChange start() {
        return new PowerChange(spec("start-vm", Target.VM, "RequestStateChange")
                .action("start", "Start-VM").done("%s was started"), RUNNING);
    }

    public static PowerChange turnOff() {
        return new PowerChange(spec("turn-off-vm", Target.VM, "RequestStateChange")
                .action("turn off", "Stop-VM -TurnOff").done("%s was turned off"), OFF);
    }

    @Override
    protected void parameters(MethodInput input, Request request) {
        input.scalar("RequestedState", requested);
        input.scalar("TimeoutPeriod", null);
    }
}
