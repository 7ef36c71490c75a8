package dev.basalt.storage.lmdb;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;
import org.lmdbjava.Dbi;
import org.lmdbjava.Txn;

/**
 * The on-disk format versions this server knows and how to upgrade from each older one. A step
 * registered under version X turns a version X store into a version X+1 store inside one LMDB
 * write transaction (the version stamp is updated by the caller in the same transaction).
 */
final class FormatMigrations {

    /** The format this build writes. Bump it, and register a step from the old value, on any layout change. */
    static final int CURRENT_VERSION = 1;

    @FunctionalInterface
    interface Step {
        void upgrade(Txn<ByteBuffer> txn, Dbi<ByteBuffer> data, Dbi<ByteBuffer> meta);
    }

    private final int current;
    private final Map<Integer, Step> stepFrom;

    FormatMigrations(int current, Map<Integer, Step> stepFrom) {
        this.current = current;
        this.stepFrom = new TreeMap<>(stepFrom);
    }

    /** The production registry. Version 1 is the first format, so there is nothing to upgrade yet. */
    static FormatMigrations standard() {
        return new FormatMigrations(CURRENT_VERSION, Map.of());
    }

    int current() {
        return current;
    }

    /** Whether every step from {@code version} up to the current one is registered. */
    boolean canUpgradeFrom(int version) {
        for (int v = version; v < current; v++) {
            if (!stepFrom.containsKey(v)) return false;
        }
        return version <= current;
    }

    Step stepFrom(int version) {
        Step step = stepFrom.get(version);
        if (step == null) throw new IllegalStateException("no migration step from format version " + version);
        return step;
    }
}
