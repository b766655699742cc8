package io.hvreplica.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Predictable a:MessageID values (uuid:00000000-0000-4000-8000-000000000001, ...002, ...), remembered in order. */
public final class FixedMessageIds implements Supplier<String> {
    private final List<String> issued = new ArrayList<>();

    public static String id(int n) {
        return String.format("uuid:00000000-0000-4000-8000-%012d", n);
    }

    @Override
    public synchronized String get() {
        String id = id(issued.size() + 1);
        issued.add(id);
        return id;
    }

    public synchronized List<String> issued() {
        return List.copyOf(issued);
    }

    public synchronized String last() {
        return issued.get(issued.size() - 1);
    }
}
