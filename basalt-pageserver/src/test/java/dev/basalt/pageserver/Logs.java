package dev.basalt.pageserver;

import dev.basalt.disagg.InMemoryWalLog;
import dev.basalt.disagg.WalLog;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** One in-memory log per timeline name: the safekeepers' stand-in for tests with branches. */
final class Logs implements Function<String, WalLog> {

    private final Map<String, InMemoryWalLog> logs = new ConcurrentHashMap<>();

    InMemoryWalLog of(String timeline) { return logs.computeIfAbsent(timeline, t -> new InMemoryWalLog()); }

    @Override
    public WalLog apply(String timeline) { return of(timeline); }
}
