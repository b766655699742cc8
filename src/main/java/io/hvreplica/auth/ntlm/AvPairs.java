package io.hvreplica.auth.ntlm;

import io.hvreplica.auth.AuthenticationException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The TargetInfo AV_PAIR list (MS-NLMP 2.2.2.1). The client echoes the server's list back inside
 * the NTLMv2 response, with a few pairs added, so order and unknown pairs are preserved.
 */
final class AvPairs {
    static final int EOL = 0x0000;
    static final int NB_COMPUTER_NAME = 0x0001;
    static final int NB_DOMAIN_NAME = 0x0002;
    static final int FLAGS = 0x0006;
    static final int TIMESTAMP = 0x0007;
    static final int TARGET_NAME = 0x0009;
    static final int CHANNEL_BINDINGS = 0x000A;

    /** MsvAvFlags bit: the AUTHENTICATE message carries a MIC. */
    static final int FLAG_MIC_PRESENT = 0x00000002;

    record Pair(int id, byte[] value) {
    }

    private final List<Pair> pairs;

    private AvPairs(List<Pair> pairs) {
        this.pairs = pairs;
    }

    static AvPairs empty() {
        return new AvPairs(List.of());
    }

    static AvPairs of(List<Pair> pairs) {
        return new AvPairs(List.copyOf(pairs));
    }

    /** Parses the server's list, refusing anything that runs past the buffer or lacks MsvAvEOL. */
    static AvPairs parse(byte[] b) {
        List<Pair> out = new ArrayList<>();
        int at = 0;
        while (true) {
            if (b.length - at < 4) {
                throw bad("its TargetInfo list ends without the MsvAvEOL terminator");
            }
            int id = NtlmWire.u16(b, at);
            int len = NtlmWire.u16(b, at + 2);
            at += 4;
            if (id == EOL) {
                return new AvPairs(Collections.unmodifiableList(out));
            }
            if (len > b.length - at) {
                throw bad("its TargetInfo pair 0x" + Integer.toHexString(id) + " claims " + len
                        + " bytes but only " + (b.length - at) + " remain");
            }
            if ((id == FLAGS && len != 4) || (id == TIMESTAMP && len != 8)) {
                throw bad("its TargetInfo pair 0x" + Integer.toHexString(id) + " has the wrong length " + len);
            }
            out.add(new Pair(id, Arrays.copyOfRange(b, at, at + len)));
            at += len;
        }
    }

    private static AuthenticationException bad(String detail) {
        return new AuthenticationException("the server's NTLM CHALLENGE is malformed: " + detail);
    }

    /** The first value with this id, or null. */
    byte[] get(int id) {
        for (Pair p : pairs) {
            if (p.id() == id) {
                return p.value().clone();
            }
        }
        return null;
    }

    List<Pair> pairs() {
        return pairs;
    }

    /** A copy with the pair replaced in place, or appended when absent. */
    AvPairs with(int id, byte[] value) {
        if (value.length > 0xffff) {
            throw new IllegalArgumentException("AV pair value too long: " + value.length + " bytes");
        }
        List<Pair> out = new ArrayList<>(pairs.size() + 1);
        boolean replaced = false;
        for (Pair p : pairs) {
            if (p.id() == id) {
                if (!replaced) {
                    out.add(new Pair(id, value.clone()));
                    replaced = true;
                }
            } else {
                out.add(p);
            }
        }
        if (!replaced) {
            out.add(new Pair(id, value.clone()));
        }
        return new AvPairs(Collections.unmodifiableList(out));
    }

    /** A copy with these bits OR-ed into MsvAvFlags (which is added when missing). */
    AvPairs withFlags(int bits) {
        byte[] current = get(FLAGS);
        int flags = current == null ? 0 : NtlmWire.u32(current, 0);
        return with(FLAGS, NtlmWire.le32(flags | bits));
    }

    /** The wire form, terminated by MsvAvEOL. */
    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = new byte[4];
        for (Pair p : pairs) {
            NtlmWire.put16(header, 0, p.id());
            NtlmWire.put16(header, 2, p.value().length);
            out.writeBytes(header);
            out.writeBytes(p.value());
        }
        out.writeBytes(new byte[4]);
        return out.toByteArray();
    }
}
