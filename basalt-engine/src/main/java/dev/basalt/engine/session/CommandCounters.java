package dev.basalt.engine.session;

import dev.basalt.sql.ast.Statement;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The Com_xxx counters of SHOW [GLOBAL] STATUS: statements run since start-up, by kind. The name
 * comes from the statement's class (CreateTable counts as Com_create_table); a plain query is
 * Com_select, as in MySQL. The counters monitoring tools chart are always listed, zero or not.
 */
public final class CommandCounters {
    private static final List<String> ALWAYS = List.of("Com_begin", "Com_commit", "Com_delete", "Com_insert",
            "Com_replace", "Com_rollback", "Com_select", "Com_set_option", "Com_show_status", "Com_show_tables",
            "Com_show_variables", "Com_update");

    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

    public void count(Statement st) {
        LongAdder c = counts.get(name(st));
        if (c == null) c = counts.computeIfAbsent(name(st), k -> new LongAdder());
        c.increment();
    }

    /** A counter not named after a statement class (Com_stmt_prepare, Com_stmt_execute). */
    public void count(String name) {
        LongAdder c = counts.get(name); // every COM_STMT_EXECUTE: a plain read once the counter exists
        if (c == null) c = counts.computeIfAbsent(name, k -> new LongAdder());
        c.increment();
    }

    /**
     * The counter name of statements whose name depends on the class alone, computed once per
     * class: counting runs for every statement and building the name cost 2% of an UPDATE's CPU.
     */
    private static final ClassValue<String> BY_CLASS = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return classCounterName(type.getSimpleName());
        }
    };

    public void clear() { counts.clear(); }

    /** Counter name to value, sorted by name as SHOW STATUS lists them. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        for (String n : ALWAYS) out.put(n, 0L);
        counts.forEach((n, c) -> out.put(n, c.sum()));
        return new LinkedHashMap<>(out);
    }

    private static String name(Statement st) {
        // MySQL's names where they are not the class name
        switch (st) {
            case dev.basalt.sql.ast.Show show -> { return "Com_show_" + show.kind().name().toLowerCase(Locale.ROOT); }
            case dev.basalt.sql.ast.CreateRoutine r -> { return "Com_create_" + r.kind().name().toLowerCase(Locale.ROOT); }
            case dev.basalt.sql.ast.DropRoutine r -> { return "Com_drop_" + r.kind().name().toLowerCase(Locale.ROOT); }
            case dev.basalt.sql.ast.TableMaintenance m -> { return "Com_" + m.operation().name().toLowerCase(Locale.ROOT); }
            case dev.basalt.sql.ast.Call c -> { return "Com_call_procedure"; }
            case dev.basalt.sql.ast.Use u -> { return "Com_change_db"; }
            default -> { }
        }
        return BY_CLASS.get(st.getClass());
    }

    private static String classCounterName(String simple) {
        switch (simple) {
            case "Query", "SelectInto" -> { return "Com_select"; }
            case "SetStatement" -> { return "Com_set_option"; }
            case "StartTransaction" -> { return "Com_begin"; }
            // SQL PREPARE / EXECUTE / DEALLOCATE PREPARE: MySQL's older names (they also count in Com_stmt_*)
            case "Prepare" -> { return "Com_prepare_sql"; }
            case "Execute" -> { return "Com_execute_sql"; }
            case "DeallocatePrepare" -> { return "Com_dealloc_sql"; }
            default -> { }
        }
        StringBuilder b = new StringBuilder("Com");
        for (char ch : simple.toCharArray()) {
            if (Character.isUpperCase(ch)) b.append('_');
            b.append(Character.toLowerCase(ch));
        }
        return b.toString().toLowerCase(Locale.ROOT).replace("com_", "Com_");
    }
}
