package dev.basalt.mysql.protocol;

/** A packet whose content does not parse (truncated field, bad length). Closes the connection. */
public final class MalformedPacketException extends RuntimeException {
    public MalformedPacketException(String message) {
        super(message);
    }
}
