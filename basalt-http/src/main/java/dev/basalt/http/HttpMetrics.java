package dev.basalt.http;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.api.Engine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What GET /metrics shows, in Prometheus text format through Micrometer. Engine-wide figures
 * (statements by type for every protocol, as Com_xxx counts them; connected sessions; remote
 * cache counters) are read from the engine when scraped; HTTP request latency and errors are
 * counted here; the JVM binders add memory, GC, threads and CPU.
 */
final class HttpMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final BasaltEngine engine;
    private final Set<String> registeredCommands = ConcurrentHashMap.newKeySet();
    private final Set<String> registeredStatus = ConcurrentHashMap.newKeySet();
    private final Map<String, Double> external = new ConcurrentHashMap<>();
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<Integer, Counter> statementErrors = new ConcurrentHashMap<>();

    HttpMetrics(Engine engine, HttpSessions sessions, StatelessSessions stateless) {
        this.engine = engine instanceof BasaltEngine b ? b : null;
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder("basalt_http_sessions", sessions, HttpSessions::size)
                .description("HTTP session tokens alive").register(registry);
        // requests without a token run in kept sessions, whose plan caches then hit (basalt_text_plan_cache_hits)
        FunctionCounter.builder("basalt_http_stateless_session_reuses", stateless, StatelessSessions::reuses)
                .description("Requests without a session token that ran in a kept session (its plan cache warm)").register(registry);
        FunctionCounter.builder("basalt_http_kept_statement_hits", stateless, StatelessSessions::keptStatementHits)
                .description("Requests with params without a session token that executed a statement their kept session had prepared (no parsing)").register(registry);
        Gauge.builder("basalt_http_stateless_sessions_idle", stateless, StatelessSessions::idleSessions)
                .description("Sessions kept for requests without a session token").register(registry);
        if (this.engine != null) {
            BasaltEngine e = this.engine;
            Gauge.builder("basalt_connections", e, x -> x.sessions().size())
                    .description("Open sessions of every protocol (Threads_connected)").register(registry);
            FunctionCounter.builder("basalt_questions", e, BasaltEngine::questions)
                    .description("Statements sent by clients (Questions)").register(registry);
            FunctionCounter.builder("basalt_connections_opened", e, BasaltEngine::connectionsOpened)
                    .description("Client connections opened since start (Connections)").register(registry);
            Gauge.builder("basalt_threads_running", e, BasaltEngine::sessionsRunning)
                    .description("Sessions running a statement (Threads_running)").register(registry);
            FunctionCounter.builder("basalt_slow_queries", e, x -> x.queryLogs().slowQueries())
                    .description("Statements written to the slow query log (Slow_queries)").register(registry);
            Timer statements = Timer.builder("basalt_statement_duration")
                    .description("Client statements of every protocol, from start to last row")
                    .publishPercentileHistogram()
                    .register(registry);
            Timer durableWrites = Timer.builder("basalt_storage_durable_write_duration")
                    .description("Writes that make commits durable: fsync, synchronous commit or O_DSYNC log write")
                    .publishPercentileHistogram()
                    .register(registry);
            e.store().observeDurableWrites(nanos -> durableWrites.record(nanos, TimeUnit.NANOSECONDS));
            DistributionSummary groupSizes = DistributionSummary.builder("basalt_storage_group_commit_size")
                    .description("Commits made visible and durable together by one group commit")
                    .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024)
                    .register(registry);
            e.store().observeGroupCommits(groupSizes::record);
            e.statementObserver((nanos, code) -> {
                statements.record(nanos, TimeUnit.NANOSECONDS);
                if (code != 0) statementErrors.computeIfAbsent(code, this::statementErrorCounter).increment();
            });
        }
    }

    /** One HTTP request answered. */
    void request(String endpoint, int status, long nanos) {
        Timer.builder("basalt_http_request_duration")
                .description("HTTP API request latency")
                .tags("endpoint", endpoint, "status", Integer.toString(status))
                .publishPercentileHistogram()
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A statement's run time over HTTP (JSON or NDJSON), for the latency histogram. */
    void statementTime(long nanos) {
        Timer.builder("basalt_http_statement_duration")
                .description("Time to run an HTTP statement or batch and produce its answer")
                .publishPercentileHistogram()
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Count, total and recent maximum (milliseconds) of a statement timer, {@code
     * basalt_http_statement_duration} or {@code basalt_statement_duration} (all protocols): the
     * console's status page.
     */
    double[] statementTotals(String timer) {
        Timer t = registry.find(timer).timer();
        if (t == null) return new double[3];
        return new double[] {t.count(), t.totalTime(TimeUnit.MILLISECONDS), t.max(TimeUnit.MILLISECONDS)};
    }

    /** A statement received over HTTP, labelled by its first keyword. */
    void statement(String sql) {
        Counter.builder("basalt_http_statements").tag("type", firstKeyword(sql))
                .description("Statements received over HTTP by leading keyword").register(registry).increment();
    }

    /** An error answered, by MySQL error number (HTTP-level errors carry one too, see ApiError.http). */
    void error(int code) {
        Counter.builder("basalt_errors").tag("code", Integer.toString(code))
                .description("Errors answered over HTTP, by MySQL error number").register(registry).increment();
    }

    /** A client hung up while its statement ran; the statement was stopped. */
    void clientDisconnected() {
        Counter.builder("basalt_http_client_disconnects")
                .description("Statements stopped because their HTTP client hung up before the answer")
                .register(registry).increment();
    }

    void sessionOpened() {
        Counter.builder("basalt_http_sessions_opened").description("Engine sessions opened for HTTP requests")
                .register(registry).increment();
    }

    private Counter statementErrorCounter(int code) {
        return Counter.builder("basalt_statement_errors").tag("code", Integer.toString(code))
                .description("Client statements of every protocol that failed, by MySQL error number")
                .register(registry);
    }

    /** The Prometheus text exposition, after picking up engine counters that appeared since the last scrape. */
    String scrape() {
        if (engine != null) refreshEngine();
        return registry.scrape();
    }

    private void refreshEngine() {
        BasaltEngine e = engine;
        for (String name : e.commands().snapshot().keySet()) {
            if (!registeredCommands.add(name)) continue;
            String type = name.startsWith("Com_") ? name.substring(4) : name;
            FunctionCounter.builder("basalt_statements", e, x -> x.commands().snapshot().getOrDefault(name, 0L))
                    .tag("type", type)
                    .description("Statements run by type, all protocols (MySQL's Com_xxx)")
                    .register(registry);
        }
        Map<String, String> status = new java.util.LinkedHashMap<>(e.externalStatus());
        // the engine's own status figures that are not per session: plan cache, spills, operator memory
        status.putAll(dev.basalt.engine.session.TextPlanCacheStats.snapshot());
        status.putAll(dev.basalt.engine.exec.spill.SpillStats.snapshot());
        status.putAll(dev.basalt.engine.exec.StatementScans.globalSortStatus());
        status.putAll(e.tableLocks().status());
        for (Map.Entry<String, String> s : status.entrySet()) {
            try {
                external.put(s.getKey(), Double.parseDouble(s.getValue()));
            } catch (NumberFormatException ex) {
                continue;
            }
            String name = s.getKey();
            if (!registeredStatus.add(name)) continue;
            StatusMetricKinds.Export export = StatusMetricKinds.of(name);
            if (export.counter()) {
                // e.g. Basalt_storage_commits -> basalt_storage_commits_total
                FunctionCounter.builder(export.name(), external, m -> m.getOrDefault(name, 0.0) * export.scale())
                        .baseUnit(export.baseUnit())
                        .description("Status variable " + name).register(registry);
            } else {
                Gauge.builder(export.name(), external, m -> m.getOrDefault(name, 0.0) * export.scale())
                        .baseUnit(export.baseUnit())
                        .description("Status variable " + name).register(registry);
            }
        }
    }

    static String firstKeyword(String sql) {
        String s = sql.stripLeading();
        int end = 0;
        while (end < s.length() && Character.isLetter(s.charAt(end))) end++;
        String word = s.substring(0, end).toLowerCase(Locale.ROOT);
        return switch (word) {
            case "select", "insert", "update", "delete", "replace", "create", "drop", "alter", "show", "set", "use",
                 "begin", "start", "commit", "rollback", "call", "with", "explain", "describe", "desc", "truncate",
                 "load", "grant", "revoke", "analyze", "prepare", "execute", "deallocate", "do", "values", "table" -> word;
            default -> "other";
        };
    }

    @Override
    public void close() {
        if (engine != null) engine.statementObserver(null);
        if (engine != null) engine.store().observeDurableWrites(null);
        if (engine != null) engine.store().observeGroupCommits(null);
        gc.close();
        registry.close();
    }
}
