package dev.basalt.engine.exec;

import java.util.function.Consumer;

/**
 * Lets long work deep in the engine (table rewrites, index builds) tell SHOW PROCESSLIST how far
 * it is, without knowing the session: the session installs a sink for the thread running its
 * statement, and {@link #report} is a no-op where none is installed.
 */
public final class StatementProgress {

    private static final ThreadLocal<Consumer<String>> SINK = new ThreadLocal<>();

    private StatementProgress() {}

    /** Installs {@code sink} for this thread; returns the previous one for {@link #restore}. */
    public static Consumer<String> enter(Consumer<String> sink) {
        Consumer<String> previous = SINK.get();
        SINK.set(sink);
        return previous;
    }

    public static void restore(Consumer<String> previous) {
        if (previous == null) SINK.remove();
        else SINK.set(previous);
    }

    /** Shows {@code state} as the running statement's PROCESSLIST State. */
    public static void report(String state) {
        Consumer<String> sink = SINK.get();
        if (sink != null) sink.accept(state);
    }
}
