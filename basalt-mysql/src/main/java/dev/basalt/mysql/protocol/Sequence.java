package dev.basalt.mysql.protocol;

/**
 * The packet sequence id shared by a connection's reader and writer: each packet, in either
 * direction, takes the next id; a new command restarts it at 0.
 */
public final class Sequence {
    private int next;

    public void reset() { next = 0; }

    /** Returns the id for the packet being sent or expected now, and advances. */
    public int take() {
        int id = next;
        next = (next + 1) & 0xFF;
        return id;
    }

    public int peek() { return next; }

    /** Accepts an id that came from the wire and continues after it. */
    void sync(int id) { next = (id + 1) & 0xFF; }
}
