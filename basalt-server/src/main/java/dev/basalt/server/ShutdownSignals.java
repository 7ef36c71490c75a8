package dev.basalt.server;

import sun.misc.Signal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns SIGINT and SIGTERM into a stop request the main thread acts on. Handling the signals
 * ourselves (instead of only a shutdown hook) lets a clean stop exit with status 0 rather than
 * 130/143; a second signal while draining forces the exit, which LMDB survives.
 */
final class ShutdownSignals {

    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicReference<String> reason = new AtomicReference<>();

    private ShutdownSignals() {}

    static ShutdownSignals install() {
        ShutdownSignals signals = new ShutdownSignals();
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), s -> signals.onSignal("SIG" + s.getName()));
        }
        return signals;
    }

    private void onSignal(String name) {
        if (reason.compareAndSet(null, name)) {
            stop.countDown();
        } else {
            System.err.println("basalt: " + name + " again, exiting without waiting for connections");
            Runtime.getRuntime().halt(1);
        }
    }

    /** A stop asked for from inside (the SHUTDOWN statement); a second one while draining changes nothing. */
    void request(String why) {
        if (reason.compareAndSet(null, why)) stop.countDown();
    }

    /** Blocks until a signal or {@link #request} arrives; returns its name, e.g. SIGTERM. */
    String awaitStopRequest() {
        while (true) {
            try {
                stop.await();
                return reason.get();
            } catch (InterruptedException e) {
                // the main thread is never interrupted on purpose; keep waiting for a signal
            }
        }
    }
}
