package io.hvreplica.hyperv;

import io.hvreplica.ErrorKind;
import io.hvreplica.HvReplicaException;

import java.util.List;
import java.util.stream.Collectors;

/** Several VMs share the display name; the user must pick one by id. */
public class AmbiguousVmException extends HvReplicaException {
    private final List<VirtualMachine> matches;

    public AmbiguousVmException(String host, String name, List<VirtualMachine> matches) {
        super(matches.size() + " virtual machines on " + host + " are named '" + name + "'; choose one by its id: "
                + matches.stream().map(vm -> vm.id() + " (" + ReplicationStates.state(vm.replicationState()) + ")")
                .collect(Collectors.joining(", ")));
        this.matches = List.copyOf(matches);
    }

    public List<VirtualMachine> matches() {
        return matches;
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.AMBIGUOUS_VM;
    }
}
