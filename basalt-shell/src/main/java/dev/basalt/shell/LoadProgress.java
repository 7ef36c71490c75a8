package dev.basalt.shell;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress of {@code basalt load}: on a terminal one bar redrawn in place (rows, MB/s, ETA);
 * otherwise a plain line every few seconds, so logs of scripted loads stay readable.
 */
final class LoadProgress {

    private static final int WIDTH = 30;

    private final PrintStream err;
    private final long totalBytes;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private final long everyNanos;
    private long lastNanos;

    LoadProgress(PrintStream err, long totalBytes, boolean terminal) {
        this.err = err;
        this.totalBytes = Math.max(totalBytes, 1);
        this.terminal = terminal;
        this.everyNanos = terminal ? 200_000_000L : 5_000_000_000L;
        this.lastNanos = startNanos;
    }

    /** Called after each statement or batch; draws at most every 200 ms (5 s without a terminal). */
    void update(long bytes, long rows) {
        long now = System.nanoTime();
        if (now - lastNanos < everyNanos) return;
        lastNanos = now;
        draw(bytes, rows, now, false);
    }

    void done(long bytes, long rows) {
        draw(bytes, rows, System.nanoTime(), true);
    }

    private void draw(long bytes, long rows, long now, boolean finished) {
        double seconds = Math.max((now - startNanos) / 1e9, 1e-3);
        double mbPerSecond = bytes / seconds / (1024 * 1024);
        double fraction = Math.min(1.0, (double) bytes / totalBytes);
        String eta = finished ? "done in " + clock(seconds)
                : fraction > 0 ? "ETA " + clock(seconds * (1 - fraction) / fraction) : "ETA --:--";
        String figures = String.format(Locale.ROOT, "%3d%%  %,d rows  %.1f MB/s  %s",
                (int) (fraction * 100), rows, mbPerSecond, eta);
        if (terminal) {
            int filled = (int) (fraction * WIDTH);
            err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + figures + "\u001b[K");
            if (finished) err.println();
        } else {
            err.println("load: " + figures);
        }
        err.flush();
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
