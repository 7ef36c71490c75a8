package dev.basalt.mysql.relay;

/**
 * What a relay's event loop gives back to the connection's thread: the bytes it read from the
 * client but did not serve (a command for the thread, starting at its packet header; may be
 * empty), or {@code end} when the connection is over (the loop already told the client why).
 */
public record Handback(byte[] unread, boolean end) {
    public static final Handback NOTHING_READ = new Handback(new byte[0], false);
    public static final Handback END = new Handback(new byte[0], true);
}
