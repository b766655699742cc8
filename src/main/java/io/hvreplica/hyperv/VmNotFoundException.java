package io.hvreplica.hyperv;

import io.hvreplica.ErrorKind;
import io.hvreplica.HvReplicaException;

/** No VM on the host matches. */
public class VmNotFoundException extends HvReplicaException {
    public VmNotFoundException(String host, VmSelector selector) {
        super("no virtual machine " + selector.describe() + " on " + host
                + " (names are matched exactly; list them with Get-VM on the host)");
    }

    /** @param message the whole sentence, naming what was looked for on {@code host} */
    public VmNotFoundException(String host, String message) {
        super(message);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.VM_NOT_FOUND;
    }
}
