package dev.basalt.mysql.protocol;

import java.io.IOException;

/**
 * An incoming packet exceeded max_allowed_packet. The reader has already drained it from the
 * socket, so the connection can still send ERR 1153 before closing (as MySQL does).
 */
public final class PacketTooLargeException extends IOException {
    public PacketTooLargeException(long size, long max) {
        super("packet of " + size + " bytes exceeds max_allowed_packet " + max);
    }
}
