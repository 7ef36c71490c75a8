package dev.basalt.remote.passthrough;

import dev.basalt.mysql.relay.Handback;
import dev.basalt.mysql.relay.LentClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Event-loop threads that forward passthrough clients' plain commands (see
 * {@link LoopCommands#forwardable}) between the client's socket and its backend's, so that a
 * forwarded statement costs no thread wake-up of its own: a loop thread busy with one client
 * finds the next one's command or response ready in the same epoll_wait, where a thread per
 * connection sleeps and is woken twice per statement (for the command, then for the response).
 * A command the loop does not forward goes back, unread, to the connection's own thread, which
 * waits meanwhile and serves it as before (then lends the socket again).
 */
final class RelayLoop implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RelayLoop.class.getName());
    /** {@code -Dbasalt.passthrough.loopThreads=N}: threads of the loop; 0 turns it off (a thread per connection serves all). */
    static final String THREADS_PROPERTY = "basalt.passthrough.loopThreads";

    private final Worker[] workers;

    private RelayLoop(int threads) throws IOException {
        workers = new Worker[threads];
        for (int i = 0; i < threads; i++) workers[i] = new Worker(i);
    }

    /** The loop as configured, or null when it is off. */
    static RelayLoop configured() {
        int threads = Integer.getInteger(THREADS_PROPERTY, Math.min(4, Runtime.getRuntime().availableProcessors()));
        if (threads <= 0) return null;
        try {
            return new RelayLoop(threads);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "passthrough event loop not started, a thread per connection serves: {0}", e.toString());
            return null;
        }
    }

    /**
     * Serves {@code client}'s forwardable commands on {@code backend} until one is not, the client
     * goes away, or the backend fails; blocks the calling (connection) thread meanwhile. Both
     * channels are back in blocking mode on return.
     */
    Handback serve(LentClient client, SocketChannel backend, RelayLease lease) {
        Worker w = workers[Math.floorMod(System.identityHashCode(lease), workers.length)];
        lease.lend(client, backend);
        w.attach(lease);
        client.onClose(() -> w.abandon(lease));
        try {
            if (!client.channel().isOpen()) w.abandon(lease);
            return lease.awaitHandback();
        } finally {
            client.onClose(null);
        }
    }

    @Override
    public void close() {
        for (Worker w : workers) w.close();
    }

    /** One thread and its selector. */
    static final class Worker implements Runnable {
        private final Selector selector;
        private final ConcurrentLinkedQueue<RelayLease> attaching = new ConcurrentLinkedQueue<>(), abandoned = new ConcurrentLinkedQueue<>();
        /** Leases whose keys were cancelled: handed back after the next select deregistered them. */
        private List<RelayLease> returning = new ArrayList<>();
        private volatile boolean closed;
        private final Thread thread;

        Worker(int index) throws IOException {
            selector = Selector.open();
            thread = Thread.ofPlatform().daemon().name("passthrough-loop-" + index).start(this);
        }

        void attach(RelayLease l) {
            attaching.add(l);
            selector.wakeup();
        }

        void abandon(RelayLease l) {
            abandoned.add(l);
            selector.wakeup();
        }

        /** Called by a lease of this worker: its keys are cancelled, it goes back after the next select. */
        void returning(RelayLease l) { returning.add(l); }

        /** How often the worker looks for clients past net_write_timeout (the timeout is seconds; this bounds the overshoot). */
        private static final long SWEEP_MILLIS = 250;
        private long lastSweep = System.nanoTime();

        /** Ends the leases whose client has not read for net_write_timeout (see {@link RelayLease#writeTimedOut}). */
        private void sweepWriteTimeouts() {
            long now = System.nanoTime();
            if (now - lastSweep < SWEEP_MILLIS * 1_000_000) return;
            lastSweep = now;
            for (SelectionKey k : selector.keys()) {
                if (k.isValid() && k.attachment() instanceof RelayLease l && l.watchesClientOn(k)) l.writeTimedOut(now);
            }
        }

        @Override
        public void run() {
            while (!closed) {
                try {
                    RelayLease l;
                    while ((l = attaching.poll()) != null) l.register(selector, this);
                    while ((l = abandoned.poll()) != null) l.abandon();
                    List<RelayLease> back = returning;
                    if (back.isEmpty()) {
                        selector.select(RelayLease::ready, SWEEP_MILLIS);
                        sweepWriteTimeouts();
                    } else {
                        returning = new ArrayList<>();
                        selector.selectNow(RelayLease::ready); // deregisters the cancelled keys
                        for (RelayLease r : back) r.handBackNow();
                    }
                } catch (IOException | UncheckedIOException | java.nio.channels.ClosedSelectorException e) {
                    if (closed) return;
                    LOG.log(System.Logger.Level.ERROR, "passthrough event loop: " + e, e);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "passthrough event loop: " + e, e);
                }
            }
        }

        boolean isClosed() { return closed; }

        void close() {
            closed = true;
            selector.wakeup();
            try {
                thread.join(2000);
                selector.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
