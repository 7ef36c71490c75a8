package dev.basalt.engine.function;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.exec.Cancellation;

/**
 * SLEEP(n) in slices, so KILL QUERY and max_execution_time end it promptly. As in MySQL, an
 * interrupted SLEEP returns 1 instead of failing the statement (KILL QUERY of {@code SELECT SLEEP(100)}
 * answers a row with 1), unless the kill came from KILL CONNECTION, which hangs up anyway.
 */
final class Sleeps {
    private Sleeps() {}

    private static final long SLICE_MILLIS = 50;

    static long sleep(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        try {
            while (true) {
                long left = (end - System.nanoTime()) / 1_000_000L;
                if (left <= 0) return 0L;
                Thread.sleep(Math.min(left, SLICE_MILLIS));
                Cancellation.checkNow(); // max_execution_time is read every slice, not every 256th
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1L;
        } catch (SqlException interrupted) {
            if (Cancellation.sleepInterrupted()) return 1L;
            throw interrupted;
        }
    }
}
