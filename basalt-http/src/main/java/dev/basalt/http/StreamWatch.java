package dev.basalt.http;

import com.sun.net.httpserver.HttpExchange;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The hang-up check for an NDJSON stream. There the statement runs on the handler thread itself
 * and may be silent for long (a SLEEP, a sort before its first row), so a timer thread probes
 * the client ({@link ClientGone}) every {@link Watchdog#PROBE_MILLIS} instead. The probe switches
 * the socket to non-blocking for a moment, so it must never overlap a write of the handler:
 * every header, write, flush and close of the answer goes through {@link #headers} and
 * {@link #guard}, which share the probe's lock. A write that fails stops the stream anyway; the
 * probe covers the silences between writes.
 */
final class StreamWatch implements AutoCloseable {

    private final ClientGone client;
    private final Runnable onGone;
    private final Object lock = new Object();
    private ScheduledFuture<?> task;
    private boolean closed;

    private StreamWatch(ClientGone client, Runnable onGone) {
        this.client = client;
        this.onGone = onGone;
    }

    /** Starts probing; {@code onGone} runs once, on the timer thread, when the client hangs up. */
    static StreamWatch start(HttpExchange ex, ScheduledExecutorService timers, Runnable onGone) {
        StreamWatch w = new StreamWatch(ClientGone.of(ex), onGone);
        if (w.client != ClientGone.NEVER) {
            synchronized (w.lock) {
                w.task = timers.scheduleWithFixedDelay(w::probe, Watchdog.PROBE_MILLIS, Watchdog.PROBE_MILLIS,
                        TimeUnit.MILLISECONDS);
            }
        }
        return w;
    }

    private void probe() {
        synchronized (lock) {
            if (closed || !client.check()) return;
            closed = true;
            task.cancel(false);
        }
        onGone.run();
    }

    /** Sends the response headers, never during a probe. */
    void headers(HttpExchange ex, int status, long length) throws IOException {
        synchronized (lock) {
            ex.sendResponseHeaders(status, length);
        }
    }

    /** The response body, whose writes never overlap a probe. */
    OutputStream guard(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                synchronized (lock) {
                    out.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                synchronized (lock) {
                    out.write(b, off, len);
                }
            }

            @Override
            public void flush() throws IOException {
                synchronized (lock) {
                    out.flush();
                }
            }

            @Override
            public void close() throws IOException {
                synchronized (lock) {
                    out.close();
                }
            }
        };
    }

    /** Stops probing (the answer is complete, or the exchange ends). */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (task != null) task.cancel(false);
        }
    }
}
