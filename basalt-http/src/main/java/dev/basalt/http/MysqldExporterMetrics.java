package dev.basalt.http;

import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.RowCursor;
import dev.basalt.engine.api.Session;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /metrics?format=mysqld}: SHOW GLOBAL STATUS and SHOW GLOBAL VARIABLES under the names
 * Prometheus' mysqld_exporter gives them, so dashboards and alerts built for it work unchanged:
 * {@code mysql_up}, {@code mysql_global_status_<name>} (lower case), {@code mysql_global_variables_<name>},
 * and the families it labels: {@code Com_xxx} as {@code mysql_global_status_commands_total{command="xxx"}},
 * {@code Handler_xxx} as {@code mysql_global_status_handlers_total{handler="xxx"}},
 * {@code Connection_errors_xxx} as {@code mysql_global_status_connection_errors_total{error="xxx"}},
 * {@code Innodb_rows_xxx} as {@code mysql_global_status_innodb_row_ops_total{operation="xxx"}}.
 * Values are read as the exporter reads them: numbers, ON/YES as 1 and OFF/NO as 0; other text is
 * left out; the version is {@code mysql_version_info{version, version_comment, innodb_version} 1}.
 * A scrape reads the engine's counters directly, without a session (the exporter needs a
 * connection; here a scrape counts in neither Threads_connected nor Com_show_status).
 */
final class MysqldExporterMetrics {

    /** A status name prefix that the exporter turns into one labelled counter family. */
    private record Family(Pattern pattern, String metric, String label) {}

    private static final Family[] FAMILIES = {
            new Family(Pattern.compile("com_(.+)"), "mysql_global_status_commands", "command"),
            new Family(Pattern.compile("handler_(.+)"), "mysql_global_status_handlers", "handler"),
            new Family(Pattern.compile("connection_errors_(.+)"), "mysql_global_status_connection_errors", "error"),
            new Family(Pattern.compile("innodb_rows_(.+)"), "mysql_global_status_innodb_row_ops", "operation"),
    };

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Each series' latest value, by its metric name and label value. */
    private final Map<String, Double> values = new ConcurrentHashMap<>();
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    /**
     * Series whose names end in a suffix the Prometheus client reserves and would cut off
     * ({@code Threads_created} would become {@code mysql_global_status_threads}): written after the
     * registry's text as the exporter writes them, untyped, so dashboards find them by their names.
     */
    private final Map<String, Double> reservedSuffix = new java.util.TreeMap<>();
    private static final java.util.List<String> RESERVED_SUFFIXES = java.util.List.of("_created", "_total", "_info", "_bucket");
    private final Supplier<Reading> source;

    /** SHOW GLOBAL STATUS and SHOW GLOBAL VARIABLES, each by name. */
    record Reading(Map<String, String> status, Map<String, String> variables) {}

    /** @param source reads the status and variables (throws when it cannot: mysql_up 0) */
    MysqldExporterMetrics(Supplier<Reading> source) {
        this.source = source;
        Gauge.builder("mysql_up", values, m -> m.getOrDefault("mysql_up", 0.0))
                .description("Whether the last scrape could read the server's status (1) or not (0)").register(registry);
    }

    /** The exposition after reading the status and variables now. */
    synchronized String scrape() {
        Map<String, String> status, variables;
        try {
            Reading r = source.get();
            status = r.status();
            variables = r.variables();
        } catch (RuntimeException e) {
            values.put("mysql_up", 0.0);
            return registry.scrape();
        }
        values.put("mysql_up", 1.0);
        reservedSuffix.clear();
        status.forEach(this::status);
        variables.forEach((name, value) -> {
            Double v = number(value);
            if (v != null) gauge("mysql_global_variables_" + metricName(name), null, null, v, "Global variable " + name);
        });
        StringBuilder text = new StringBuilder(registry.scrape());
        reservedSuffix.forEach((name, v) -> text.append("# TYPE ").append(name).append(" untyped\n")
                .append(name).append(' ').append(v).append('\n'));
        // labels the registry cannot give an _info name: written as the exporter writes it
        text.append("# HELP mysql_version_info MySQL version and distribution.\n# TYPE mysql_version_info gauge\n")
                .append("mysql_version_info{innodb_version=\"").append(label(variables.get("innodb_version")))
                .append("\",version=\"").append(label(variables.get("version")))
                .append("\",version_comment=\"").append(label(variables.get("version_comment"))).append("\"} 1\n");
        return text.toString();
    }

    private void status(String name, String value) {
        Double v = number(value);
        if (v == null) return;
        String lower = metricName(name);
        for (Family f : FAMILIES) {
            Matcher m = f.pattern().matcher(lower);
            if (m.matches()) {
                counter(f.metric(), f.label(), m.group(1), v, "Status variables " + f.pattern().pattern().replace("(.+)", "*"));
                return;
            }
        }
        gauge("mysql_global_status_" + lower, null, null, v, "Status variable " + name);
    }

    private void gauge(String metric, String label, String labelValue, double v, String help) {
        if (label == null && RESERVED_SUFFIXES.stream().anyMatch(metric::endsWith)) {
            reservedSuffix.put(metric, v);
            return;
        }
        String key = metric + "\0" + labelValue;
        values.put(key, v);
        if (!registered.add(key)) return;
        Gauge.builder(metric, values, m -> m.getOrDefault(key, Double.NaN))
                .tags(label == null ? Tags.empty() : Tags.of(label, labelValue)).description(help).register(registry);
    }

    private void counter(String metric, String label, String labelValue, double v, String help) {
        String key = metric + "\0" + labelValue;
        values.put(key, v);
        if (!registered.add(key)) return;
        // Micrometer adds _total: mysql_global_status_commands_total{command="select"}
        FunctionCounter.builder(metric, values, m -> m.getOrDefault(key, 0.0))
                .tags(Tags.of(label, labelValue)).description(help).register(registry);
    }

    /** A label value in the text format: backslash, quote and newline escaped; "" when absent. */
    private static String label(String v) {
        return v == null ? "" : v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** As the exporter: lower case, anything but letters, digits and _ as _. */
    static String metricName(String statusName) {
        return statusName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    /** A number, ON/YES (1), OFF/NO (0); null for other text (the exporter skips it). */
    static Double number(String value) {
        if (value == null) return null;
        String v = value.strip();
        switch (v.toUpperCase(Locale.ROOT)) {
            case "ON", "YES" -> { return 1.0; }
            case "OFF", "NO" -> { return 0.0; }
            default -> { }
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Reads through a session (an engine other than Basalt's, which has no sessionless reading). */
    static Reading through(Session s) {
        try (s) {
            return new Reading(rows(s, "SHOW GLOBAL STATUS"), rows(s, "SHOW GLOBAL VARIABLES"));
        }
    }

    private static Map<String, String> rows(Session s, String sql) {
        Map<String, String> out = new LinkedHashMap<>();
        var results = s.execute(sql, false);
        if (results.next() instanceof Result.Rows rows) {
            try (RowCursor c = rows.cursor()) {
                for (Object[] r = c.next(); r != null; r = c.next()) {
                    if (r[0] != null) out.put(r[0].toString(), r[1] == null ? null : r[1].toString());
                }
            }
        }
        return out;
    }
}
