package dev.basalt.mysql;

import dev.basalt.engine.api.PreparedStatementHandle;

import java.io.ByteArrayOutputStream;

/**
 * One prepared statement as the protocol sees it: its id, the engine's handle, the parameter
 * types the client last bound (they stay in force until it sends new ones) and data streamed
 * by COM_STMT_SEND_LONG_DATA for the next execution.
 */
final class ServerStatement {
    /** Parameter type flag: the value is unsigned. */
    static final int UNSIGNED = 0x8000;

    final int id;
    final PreparedStatementHandle handle;
    /** Per parameter: type code | {@link #UNSIGNED}; null until the first execution sends them. */
    private int[] types;
    /** Per parameter: long data sent since the last execution, or null. */
    private ByteArrayOutputStream[] longData;

    ServerStatement(int id, PreparedStatementHandle handle) {
        this.id = id;
        this.handle = handle;
    }

    int parameterCount() { return handle.parameterCount(); }

    int[] types() { return types; }

    void bindTypes(int[] newTypes) { types = newTypes; }

    /** Bytes of long data held, over all parameters. */
    private long longDataBytes;
    /** Some long data was refused for size: the next execution fails with 1153 instead of running. */
    private boolean longDataOverflow;

    /**
     * Appends a piece of long data, unless the parameter would exceed {@code maxPerParameter}
     * (max_allowed_packet, as MySQL) or the connection's long data would exceed
     * {@code roomLeft}: then the data is dropped and the next execution reports it.
     */
    void appendLongData(int parameter, byte[] data, int offset, int length, long maxPerParameter, long roomLeft) {
        if (parameter < 0 || parameter >= parameterCount()) return; // MySQL reports this at execute; we drop it
        if (longDataOverflow) return;
        long held = longData == null || longData[parameter] == null ? 0 : longData[parameter].size();
        if (held + length > maxPerParameter || length > roomLeft) {
            longDataOverflow = true;
            clearBuffers();
            return;
        }
        if (longData == null) longData = new ByteArrayOutputStream[parameterCount()];
        if (longData[parameter] == null) longData[parameter] = new ByteArrayOutputStream();
        longData[parameter].write(data, offset, length);
        longDataBytes += length;
    }

    long longDataBytes() { return longDataBytes; }

    /** True when long data was refused since the last execution (reported once, then cleared). */
    boolean longDataOverflow() { return longDataOverflow; }

    private void clearBuffers() {
        longData = null;
        longDataBytes = 0;
    }

    /** The long data of a parameter, or null when none was sent. */
    byte[] longData(int parameter) {
        return longData == null || longData[parameter] == null ? null : longData[parameter].toByteArray();
    }

    boolean hasLongData() { return longData != null; }

    /** After an execution or COM_STMT_RESET: long data is used once. */
    void clearLongData() {
        clearBuffers();
        longDataOverflow = false;
    }
}
