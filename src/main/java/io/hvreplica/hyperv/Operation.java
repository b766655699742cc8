package io.hvreplica.hyperv;

import io.hvreplica.wsman.MethodInput;
import org.w3c.dom.Element;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A state-changing Hyper-V Replica operation, as a declaration: which method on which class, its
 * parameters, the replication modes and states it applies to, the state it should leave, and how
 * to explain a refusal. {@link OperationRunner} takes every operation through the same steps, so
 * an operation only says what is particular to it. The host always decides; the states declared
 * here explain a refusal, predict one in a dry run, and make {@code ifNeeded} runs idempotent.
 */
public abstract class Operation {
    /** Where the method lives. */
    public enum Target {
        REPLICATION_SERVICE("Msvm_ReplicationService", HyperV.REPLICATION_SERVICE),
        MANAGEMENT_SERVICE("Msvm_VirtualSystemManagementService", HyperV.MANAGEMENT_SERVICE),
        /** A method of the VM's own Msvm_ComputerSystem. */
        VM("Msvm_ComputerSystem", HyperV.COMPUTER_SYSTEM);

        private final String className;
        private final String classUri;

        Target(String className, String classUri) {
            this.className = className;
            this.classUri = classUri;
        }

        public String className() {
            return className;
        }

        String classUri() {
            return classUri;
        }
    }

    /**
     * One call of an operation.
     *
     * @param vm            the VM the operation is about (for a test VM's removal, the test VM)
     * @param recoveryPoint the recovery point to fail over to; null for the latest, or when the
     *                      operation takes none
     */
    public record Request(VirtualMachine vm, RecoveryPoint recoveryPoint) {
        public static Request of(VirtualMachine vm) {
            return new Request(vm, null);
        }
    }

    private final String name;
    private final String method;
    private final Target target;
    private final String action;
    private final String cmdlet;
    private final String doneSentence;
    private final Set<Integer> modes;
    private final Set<Integer> states;
    private final String leaves;
    private final Predicate<VirtualMachine> done;
    private final ReturnValues.Codes codes;
    private final boolean takesRecoveryPoint;

    protected Operation(Spec spec) {
        this.name = spec.name;
        this.method = spec.method;
        this.target = spec.target;
        this.action = spec.action;
        this.cmdlet = spec.cmdlet;
        this.doneSentence = spec.doneSentence != null ? spec.doneSentence : spec.action + " %s";
        this.modes = Set.copyOf(spec.modes);
        this.states = Set.copyOf(spec.states);
        this.leaves = spec.leaves;
        this.done = spec.done;
        this.codes = spec.codes;
        this.takesRecoveryPoint = spec.takesRecoveryPoint;
    }

    /** Starts a declaration of {@code method} on {@code target}, known to users as {@code name}. */
    protected static Spec spec(String name, Target target, String method) {
        return new Spec(name, target, method);
    }

    /** The command-line name, e.g. {@code revert-failover}. */
    public String name() {
        return name;
    }

    /** The WMI method, e.g. {@code RevertFailover}. */
    public String method() {
        return method;
    }

    public Target target() {
        return target;
    }

    /** What it does, as a verb phrase taking the VM's name: "revert the failover of". */
    public String action() {
        return action;
    }

    /** What a completed run did, with %s for the VM's name: "the failover of %s was reverted". */
    public String doneSentence() {
        return doneSentence;
    }

    /** The PowerShell cmdlet a Hyper-V administrator knows it as. */
    public String cmdlet() {
        return cmdlet;
    }

    public boolean takesRecoveryPoint() {
        return takesRecoveryPoint;
    }

    public ReturnValues.Codes codes() {
        return codes;
    }

    /** The Method_INPUT element for this request. */
    public final Element input(Request request) {
        MethodInput input = MethodInput.of(target.classUri(), method);
        parameters(input, request);
        return input.build();
    }

    /**
     * Adds the method's parameters. Replication-service methods take the VM as ComputerSystem,
     * which is the default here; VM methods add their own.
     */
    protected void parameters(MethodInput input, Request request) {
        if (target == Target.REPLICATION_SERVICE) {
            input.reference("ComputerSystem", request.vm().reference());
        }
    }

    /**
     * Checks the VM as re-read right before the call, for operations that must never hit the
     * wrong target. The default checks nothing and reads nothing.
     *
     * @throws io.hvreplica.HvReplicaException to refuse; nothing is sent
     */
    protected void guard(VirtualMachine current) {
    }

    /** Whether {@link #guard} needs the VM read again right before the call. */
    protected boolean guarded() {
        return false;
    }

    /** Whether a successful run removes the VM (so it is expected to be gone afterwards). */
    protected boolean removesVm() {
        return false;
    }

    /** Whether the VM is already where this operation would leave it. */
    public boolean alreadyDone(VirtualMachine vm) {
        return done != null && vm != null && done.test(vm);
    }

    /** The state this operation should leave, in words; null when it declares none. */
    public String leaves() {
        return leaves;
    }

    /**
     * Why the host will likely refuse, judged from the VM as read: null when its mode and state
     * fit. The host decides; this only explains and predicts.
     */
    public String likelyRefusal(VirtualMachine vm) {
        boolean modeFits = modes.isEmpty() || vm.replicationMode() != null && modes.contains(vm.replicationMode());
        boolean stateFits = states.isEmpty() || vm.replicationState() != null && states.contains(vm.replicationState());
        if (modeFits && stateFits) {
            return null;
        }
        return "the VM is " + ReplicationStates.mode(vm.replicationMode()) + " (mode " + vm.replicationMode()
                + "), replication state " + ReplicationStates.state(vm.replicationState()) + " ("
                + vm.replicationState() + "); " + method + " needs " + needs();
    }

    /** What the method needs, in words, from the declared modes and states. */
    String needs() {
        StringBuilder s = new StringBuilder();
        s.append(modes.isEmpty() ? "a VM" : "a " + words(modes, true) + " VM");
        if (!states.isEmpty()) {
            s.append(" in replication state ").append(words(states, false));
        }
        return s.toString();
    }

    private static String words(Set<Integer> values, boolean modes) {
        StringBuilder s = new StringBuilder();
        for (Integer v : new TreeSet<>(values)) {
            if (s.length() > 0) {
                s.append(" or ");
            }
            s.append(modes ? ReplicationStates.mode(v) : ReplicationStates.state(v)).append(" (").append(v).append(")");
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return name;
    }

    /** The declaration's builder; every field but name, target and method is optional. */
    protected static final class Spec {
        private final String name;
        private final Target target;
        private final String method;
        private String action;
        private String cmdlet;
        private String doneSentence;
        private final Set<Integer> modes = new java.util.HashSet<>();
        private final Set<Integer> states = new java.util.HashSet<>();
        private String leaves;
        private Predicate<VirtualMachine> done;
        private ReturnValues.Codes codes = ReturnValues.Codes.REPLICATION;
        private boolean takesRecoveryPoint;

        private Spec(String name, Target target, String method) {
            this.name = name;
            this.target = target;
            this.method = method;
            this.action = name.replace('-', ' ');
        }

        /** @param action a verb phrase taking the VM's name, e.g. "revert the failover of" */
        public Spec action(String action, String cmdlet) {
            this.action = action;
            this.cmdlet = cmdlet;
            return this;
        }

        /** What a completed run did, with %s for the VM's name: "the failover of %s was reverted". */
        public Spec done(String sentence) {
            this.doneSentence = sentence;
            return this;
        }

        /** The replication modes it applies to (see {@link ReplicationStates}); none means any. */
        public Spec modes(Integer... values) {
            modes.addAll(java.util.List.of(values));
            return this;
        }

        /** The replication states it applies to; none means any. */
        public Spec states(Integer... values) {
            states.addAll(java.util.List.of(values));
            return this;
        }

        /** The replication state a successful run leaves. */
        public Spec leavesReplicationState(int state) {
            this.leaves = "replication state " + ReplicationStates.state(state) + " (" + state + ")";
            this.done = vm -> vm.replicationState() != null && vm.replicationState() == state;
            return this;
        }

        /** The EnabledState a successful run leaves (running, off). */
        public Spec leavesEnabledState(int state) {
            this.leaves = ReplicationStates.enabledState(state).toLowerCase(java.util.Locale.ROOT);
            this.done = vm -> vm.enabledState() != null && vm.enabledState() == state;
            return this;
        }

        /** The VM's mode and state a successful run leaves. */
        public Spec leaves(String words, Predicate<VirtualMachine> done) {
            this.leaves = words;
            this.done = done;
            return this;
        }

        public Spec codes(ReturnValues.Codes codes) {
            this.codes = codes;
            return this;
        }

        /** Takes SnapshotSettingData: a recovery point, or nil for the latest. */
        public Spec recoveryPoint() {
            this.takesRecoveryPoint = true;
            return this;
        }
    }
}
