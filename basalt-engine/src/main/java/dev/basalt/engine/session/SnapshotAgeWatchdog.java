package dev.basalt.engine.session;

import dev.basalt.engine.BasaltEngine;

/**
 * Once a second, ends the idle transactions whose read snapshot is older than the global
 * {@code max_snapshot_age} (see {@link BasaltSession#expireIdleSnapshot}): a client that opened a
 * transaction and went away without closing its connection must not pin old versions in the store
 * (with LMDB, the file grows for as long as a read transaction stays open). A daemon thread per
 * engine; any failure is logged and the loop goes on.
 */
public final class SnapshotAgeWatchdog implements AutoCloseable {
    private static final long PERIOD_MILLIS = 1000;
    private final Thread thread;
    private volatile boolean stopped;

    public SnapshotAgeWatchdog(BasaltEngine engine) {
        thread = Thread.ofPlatform().daemon().name("basalt-snapshot-age").unstarted(() -> loop(engine));
        thread.start();
    }

    private void loop(BasaltEngine engine) {
        while (!stopped) {
            try {
                Thread.sleep(PERIOD_MILLIS);
                for (BasaltSession s : engine.sessions()) s.expireIdleSnapshot();
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) { // a service thread never dies of one session's problem
                java.util.logging.Logger.getLogger(SnapshotAgeWatchdog.class.getName())
                        .warning("snapshot age check failed: " + t);
            }
        }
    }

    @Override public void close() {
        stopped = true;
        thread.interrupt();
    }
}
