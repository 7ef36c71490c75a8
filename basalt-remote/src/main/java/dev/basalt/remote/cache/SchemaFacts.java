package dev.basalt.remote.cache;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * What the result cache must know about the remote's schema objects to stay exact: which names
 * are views (a view's result depends on tables the query does not name, so it is not cached), and
 * which schemas hold triggers or cascading foreign keys (a write there may change other tables, so
 * it invalidates everything). Used by passthrough and by virtual databases. Loaded from information_schema in the background, reloaded after DDL
 * through Basalt and when older than the cache TTL; while unknown, nothing is cached.
 */
public final class SchemaFacts {
    private static final System.Logger LOG = System.getLogger(SchemaFacts.class.getName());

    public record Facts(Set<String> views, Set<String> spreadingSchemas) {
        /** True when none of these tables is a view. */
        public boolean allowsCaching(Set<String> tables) {
            for (String t : tables) if (views.contains(t)) return false;
            return true;
        }

        /** True when a write to these tables may change tables it does not name (views, triggers, cascades). */
        public boolean spreads(Set<String> tables) {
            for (String t : tables) {
                // a write through a view changes its base tables, which the statement does not name
                if (views.contains(t) || spreadingSchemas.contains(StatementAnalysis.schemaOf(t))) return true;
            }
            return false;
        }
    }

    private final Function<String, java.util.List<String[]>> query;
    private final long ttlNanos;
    private final AtomicBoolean loading = new AtomicBoolean();
    private volatile Facts facts;
    private volatile long loadedAt;
    /** Bumped by {@link #invalidate()}, so a load that began before a DDL does not count as current. */
    private volatile long generation;

    /** @param query runs a query on the remote (rows as strings) */
    public SchemaFacts(Function<String, java.util.List<String[]>> query, long ttlNanos) {
        this.query = query;
        this.ttlNanos = ttlNanos;
    }

    /** The current facts, or null while unknown (a load is started if none runs). */
    public Facts current() {
        Facts f = facts;
        if (f == null || System.nanoTime() - loadedAt > ttlNanos) startLoad();
        return f;
    }

    /** After DDL through Basalt: unknown until reloaded. */
    public void invalidate() {
        generation++;
        facts = null;
        startLoad();
    }

    private void startLoad() {
        if (!loading.compareAndSet(false, true)) return;
        // a platform thread: passthrough's backend sockets must never be read on a virtual thread
        // (that switches them to non-blocking mode for good, see Passthrough.release)
        Thread.ofPlatform().daemon(true).name("remote-cache-schema-facts").start(() -> {
            try {
                long gen = generation;
                Facts loaded = load();
                if (gen == generation) {
                    facts = loaded;
                    loadedAt = System.nanoTime();
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "cannot load schema facts for the result cache: {0}", e.toString());
            } finally {
                loading.set(false);
            }
        });
    }

    private Facts load() {
        Set<String> views = new HashSet<>();
        for (String[] r : query.apply("SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.VIEWS")) {
            views.add(StatementAnalysis.key(r[0], r[1]));
        }
        Set<String> spreading = new HashSet<>();
        for (String[] r : query.apply("SELECT DISTINCT EVENT_OBJECT_SCHEMA FROM information_schema.TRIGGERS")) {
            spreading.add(r[0].toLowerCase(Locale.ROOT));
        }
        for (String[] r : query.apply("SELECT DISTINCT CONSTRAINT_SCHEMA, UNIQUE_CONSTRAINT_SCHEMA "
                + "FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE UPDATE_RULE NOT IN ('RESTRICT', 'NO ACTION') "
                + "OR DELETE_RULE NOT IN ('RESTRICT', 'NO ACTION')")) {
            spreading.add(r[0].toLowerCase(Locale.ROOT));
            if (r[1] != null) spreading.add(r[1].toLowerCase(Locale.ROOT));
        }
        return new Facts(Set.copyOf(views), Set.copyOf(spreading));
    }
}
