package dev.basalt.safekeeper;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ratis logs every leader change and each retried client request (at INFO, and its client even at
 * ERROR while a failover is under way), which would drown a safekeeper's or a compute's own log. A
 * safekeeper shows Ratis' warnings; the client's retry chatter is silenced since a failed call already
 * surfaces as a {@link dev.basalt.disagg.WalException}. Levels someone configured are left alone.
 */
final class RatisLogging {

    // java.util.logging keeps loggers weakly: hold them, or the levels are lost at the next GC
    private static final Logger RATIS = Logger.getLogger("org.apache.ratis");
    private static final Logger ORDERED = Logger.getLogger("org.apache.ratis.client.impl.OrderedAsync");
    private static final Logger UNORDERED = Logger.getLogger("org.apache.ratis.client.impl.UnorderedAsync");
    private static final Logger CLIENT = Logger.getLogger("org.apache.ratis.client.impl.RaftClientImpl");

    private RatisLogging() {}

    static synchronized void quiet() {
        if (RATIS.getLevel() == null) RATIS.setLevel(Level.WARNING);
        for (Logger l : new Logger[] {ORDERED, UNORDERED, CLIENT}) {
            if (l.getLevel() == null) l.setLevel(Level.OFF);
        }
    }
}
