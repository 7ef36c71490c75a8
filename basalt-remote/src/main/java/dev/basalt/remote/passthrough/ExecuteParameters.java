package dev.basalt.remote.passthrough;

import java.util.Arrays;

/**
 * The bound values of a COM_STMT_EXECUTE as a cache key part. A client sends parameter types only
 * when they change (new-params-bound flag), so the types are remembered per statement and the key
 * always holds types, NULL bitmap and values.
 */
final class ExecuteParameters {
    private ExecuteParameters() {}

    /** Offset of the NULL bitmap: command, statement id, flags, iteration count. */
    private static final int PARAMETERS_AT = 1 + 4 + 1 + 4;

    /**
     * @param packet the command payload from its first byte
     * @return the key bytes, or null when they cannot be known (types never sent)
     */
    static byte[] key(byte[] packet, int offset, int length, SessionState.Prepared p) {
        if (p.parameters == 0) return new byte[0];
        int at = offset + PARAMETERS_AT;
        int end = offset + length;
        int bitmap = (p.parameters + 7) / 8;
        if (at + bitmap + 1 > end) return null;
        rememberTypes(packet, offset, length, p);
        byte[] nulls = Arrays.copyOfRange(packet, at, at + bitmap);
        at += bitmap;
        boolean bound = packet[at++] == 1;
        if (bound) {
            if (at + 2 * p.parameters > end) return null;
            at += 2 * p.parameters;
        }
        if (p.types == null) return null;
        byte[] key = new byte[p.types.length + nulls.length + (end - at)];
        System.arraycopy(p.types, 0, key, 0, p.types.length);
        System.arraycopy(nulls, 0, key, p.types.length, nulls.length);
        System.arraycopy(packet, at, key, p.types.length + nulls.length, end - at);
        return key;
    }

    /** Keeps the parameter types when this execution sends them (new-params-bound flag). */
    static void rememberTypes(byte[] packet, int offset, int length, SessionState.Prepared p) {
        if (p.parameters == 0) return;
        int flag = offset + PARAMETERS_AT + (p.parameters + 7) / 8;
        int types = flag + 1;
        if (types + 2 * p.parameters <= offset + length && packet[flag] == 1) {
            p.types = Arrays.copyOfRange(packet, types, types + 2 * p.parameters);
        }
    }

    /**
     * The execute packet with the parameter types included, when the client left them out (it
     * sent them before, but that execution may have been answered from the cache, so the backend
     * never saw them); null when the packet can go as it is. Sending types again is always valid.
     */
    static byte[] withTypes(byte[] packet, int offset, int length, SessionState.Prepared p) {
        if (p.parameters == 0 || p.types == null) return null;
        int flag = offset + PARAMETERS_AT + (p.parameters + 7) / 8;
        if (flag >= offset + length || packet[flag] == 1) return null;
        byte[] out = new byte[length + p.types.length];
        int head = flag - offset;
        System.arraycopy(packet, offset, out, 0, head);
        out[head] = 1;
        System.arraycopy(p.types, 0, out, head + 1, p.types.length);
        System.arraycopy(packet, flag + 1, out, head + 1 + p.types.length, length - head - 1);
        return out;
    }

    /** The statement id of a COM_STMT_EXECUTE, SEND_LONG_DATA, CLOSE or RESET packet. */
    static long statementId(byte[] packet, int offset) {
        return (packet[offset + 1] & 0xFFL) | (packet[offset + 2] & 0xFFL) << 8 | (packet[offset + 3] & 0xFFL) << 16
                | (packet[offset + 4] & 0xFFL) << 24;
    }
}
