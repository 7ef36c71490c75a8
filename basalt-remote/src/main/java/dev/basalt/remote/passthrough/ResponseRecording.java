package dev.basalt.remote.passthrough;

import java.util.Arrays;

/**
 * A copy of the frames of one response, kept while it stays under a size limit (a result too
 * large to cache stops being recorded and reports {@link #overflowed()}).
 */
public final class ResponseRecording {
    private final int limit;
    private byte[] bytes = new byte[256];
    private int size;
    private boolean overflowed;

    public ResponseRecording(int limit) { this.limit = limit; }

    void add(byte[] frame, int length) { add(frame, 0, length); }

    void add(byte[] frame, int offset, int length) {
        if (overflowed) return;
        if (size + length > limit) {
            overflowed = true;
            bytes = null;
            return;
        }
        if (size + length > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(size + length, bytes.length * 2));
        System.arraycopy(frame, offset, bytes, size, length);
        size += length;
    }

    public boolean overflowed() { return overflowed; }

    /** The recorded frames, exactly sized. */
    public byte[] toByteArray() { return Arrays.copyOf(bytes, size); }
}
