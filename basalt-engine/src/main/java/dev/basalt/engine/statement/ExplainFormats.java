package dev.basalt.engine.statement;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.exec.ExplainTree;
import dev.basalt.engine.exec.Operator;
import dev.basalt.engine.plan.ExplainRow;
import dev.basalt.engine.plan.QueryPlanner;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.sql.ast.Explain;
import dev.basalt.sql.ast.Query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * EXPLAIN FORMAT=TREE, FORMAT=JSON and EXPLAIN ANALYZE: one row, one column named EXPLAIN, as in
 * MySQL 8. TREE and ANALYZE describe the operator tree the planner built ({@link ExplainTree});
 * JSON describes the same table accesses as the traditional format, in MySQL's
 * {@code query_block} shape. Neither shows costs (Basalt has no cost model).
 */
final class ExplainFormats {
    private ExplainFormats() {}

    /** The format EXPLAIN asked for: TRADITIONAL (also when none is named), TREE or JSON; 1791 otherwise. */
    static String format(Explain e) {
        String f = e.format() == null ? (e.analyze() ? "TREE" : "TRADITIONAL") : e.format().toUpperCase(Locale.ROOT);
        if (f.length() > 1 && (f.startsWith("'") || f.startsWith("\""))) f = f.substring(1, f.length() - 1);
        if (!f.equals("TRADITIONAL") && !f.equals("TREE") && !f.equals("JSON")) {
            throw ErrorCode.ER_UNKNOWN_EXPLAIN_FORMAT.error(e.format());
        }
        if (e.analyze() && !f.equals("TREE")) {
            // MySQL 8.0 runs EXPLAIN ANALYZE only in TREE format
            throw ErrorCode.ER_NOT_SUPPORTED_YET.error("EXPLAIN ANALYZE with " + f + " format");
        }
        return f;
    }

    /** EXPLAIN FORMAT=TREE, or EXPLAIN ANALYZE (which runs the query and discards its rows). */
    static Result tree(BasaltSession s, StatementRunner runner, Query q, boolean analyze) {
        String text = s.transaction().run(t -> {
            Operator root = new QueryPlanner(runner.queryContext(t, false)).plan(q, null).root();
            if (!analyze) return ExplainTree.render(root);
            Operator measured = ExplainTree.instrument(root);
            measured.open();
            try {
                while (measured.next() != null) {
                    // rows are counted by the measuring wrappers, not sent
                }
            } finally {
                measured.close();
            }
            return ExplainTree.render(measured, true);
        });
        return single(text);
    }

    /**
     * EXPLAIN FORMAT=JSON from the table accesses the planner chose, nested by query block as
     * MySQL 8 nests them: a derived table's block inside its table as materialized_from_subquery,
     * a subquery's inside select_list_subqueries / attached_subqueries (on the table its condition
     * is evaluated with: the block's last) / having_subqueries ..., a UNION's members in
     * union_result's query_specifications.
     */
    static Result json(dev.basalt.engine.plan.ExplainBlocks.TreeUnit top, List<ExplainRow> accesses) {
        if (top == null) return single(Json.pretty(Map.of("query_block", block(1, accesses))));
        return single(Json.pretty(Map.of("query_block", unitBody(top))));
    }

    /** A query expression's query_block: its only block, or union_result over its members. */
    private static Map<String, Object> unitBody(dev.basalt.engine.plan.ExplainBlocks.TreeUnit u) {
        if (u.members().size() == 1 && u.resultTable() == null) return block(u.members().getFirst());
        Map<String, Object> union = new LinkedHashMap<>();
        union.put("using_temporary_table", u.resultTable() != null);
        if (u.resultTable() != null) {
            union.put("table_name", u.resultTable());
            union.put("access_type", "ALL");
        }
        List<Object> specs = new ArrayList<>();
        for (var b : u.members()) specs.add(specification(u.dependent(), block(b)));
        union.put("query_specifications", specs);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("union_result", union);
        return body;
    }

    private static Map<String, Object> specification(boolean dependent, Map<String, Object> block) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dependent", dependent);
        m.put("cacheable", !dependent);
        m.put("query_block", block);
        return m;
    }

    /** One SELECT block with the query expressions inside it hung where MySQL 8 hangs them. */
    private static Map<String, Object> block(dev.basalt.engine.plan.ExplainBlocks.TreeBlock b) {
        Map<String, Object> block = block(b.id(), b.rows());
        List<Map<String, Object>> tables = new ArrayList<>();
        collectTables(block, tables);
        for (var in : b.inner()) {
            Map<String, Object> spec = specification(in.dependent(), unitBody(in));
            if (in.key().equals("materialized_from_subquery")) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("using_temporary_table", true);
                m.putAll(spec);
                String name = "<derived" + in.members().getFirst().id() + ">";
                Map<String, Object> table = tables.stream().filter(t -> name.equals(t.get("table_name"))).findFirst().orElse(null);
                if (table != null) {
                    table.put("materialized_from_subquery", m);
                    continue;
                }
            }
            Map<String, Object> holder = in.key().equals("attached_subqueries") && !tables.isEmpty() ? tables.getLast() : block;
            String key = in.key().equals("materialized_from_subquery") ? "attached_subqueries" : in.key();
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) holder.computeIfAbsent(key, k -> new ArrayList<>());
            list.add(spec);
        }
        return block;
    }

    /** The table members of a block (in nested_loop, ordering_operation, ... at any depth), in order. */
    @SuppressWarnings("unchecked")
    private static void collectTables(Object node, List<Map<String, Object>> out) {
        if (node instanceof Map<?, ?> m) {
            if (m.containsKey("table_name") && m.containsKey("access_type")) out.add((Map<String, Object>) m);
            for (Object v : m.values()) collectTables(v, out);
        } else if (node instanceof List<?> l) {
            for (Object v : l) collectTables(v, out);
        }
    }

    /** One block's members from its table accesses: select_id, cost_info, then table / nested_loop / ... */
    private static Map<String, Object> block(long id, List<ExplainRow> accesses) {
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("select_id", id);
        List<Map<String, Object>> tables = new ArrayList<>();
        String message = null;
        boolean filesort = false;
        boolean temporary = false;
        Costs costs = new Costs();
        for (ExplainRow r : accesses) {
            if (r.table() == null) {
                message = r.extra();
                continue;
            }
            String extra = r.extra() == null ? "" : r.extra();
            filesort |= extra.contains("Using filesort");
            temporary |= extra.contains("Using temporary");
            tables.add(table(r, extra, costs));
        }
        if (tables.isEmpty()) {
            block.put("message", message == null ? "No tables used" : message);
        } else {
            Map<String, Object> inner = new LinkedHashMap<>();
            if (tables.size() == 1) {
                inner.put("table", tables.getFirst());
            } else {
                List<Object> loop = new ArrayList<>();
                for (Map<String, Object> t : tables) loop.add(new LinkedHashMap<>(Map.of("table", t)));
                inner.put("nested_loop", loop);
            }
            Map<String, Object> body = inner;
            if (temporary) body = wrap("grouping_operation", "using_temporary_table", body);
            double sortCost = 0;
            if (filesort) {
                body = wrap("ordering_operation", "using_filesort", body);
                // MySQL's sort_cost: one unit per row sorted
                sortCost = costs.rows;
                @SuppressWarnings("unchecked")
                Map<String, Object> op = (Map<String, Object>) body.get("ordering_operation");
                Map<String, Object> withCost = new LinkedHashMap<>();
                withCost.put("using_filesort", true);
                withCost.put("cost_info", Map.of("sort_cost", Costs.text(sortCost)));
                op.remove("using_filesort");
                withCost.putAll(op);
                body.put("ordering_operation", withCost);
            }
            if (costs.known) block.put("cost_info", Map.of("query_cost", Costs.text(costs.prefix + sortCost)));
            block.putAll(body);
        }
        return block;
    }

    /**
     * MySQL 8's cost_info figures, from Basalt's row estimates in MySQL's default cost units
     * (mysql.server_cost / engine_cost): row_evaluate_cost 0.1 per row produced, and
     * memory_block_read_cost 0.25 per 16 KiB block read (Basalt's pages are memory-mapped or in
     * memory, as InnoDB's buffer-pool-resident ones), each access repeated once per row of the
     * tables before it. These are estimates in MySQL's units, not MySQL's own cost model figures.
     */
    private static final class Costs {
        static final double ROW_EVALUATE = 0.1, MEMORY_BLOCK_READ = 0.25, BLOCK = 16384;
        double rows = 1;
        double prefix;
        boolean known;

        Map<String, Object> next(ExplainRow r, long examined, double producedPerScan) {
            double blocks = Math.max(1, r.recordLength() > 0 ? examined * (double) r.recordLength() / BLOCK : examined / 100.0);
            double read = rows * blocks * MEMORY_BLOCK_READ;
            double produced = rows * producedPerScan;
            double eval = produced * ROW_EVALUATE;
            prefix += read + eval;
            rows = produced;
            known = true;
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("read_cost", text(read));
            info.put("eval_cost", text(eval));
            info.put("prefix_cost", text(prefix));
            if (r.recordLength() > 0) info.put("data_read_per_join", bytes(produced * r.recordLength()));
            return info;
        }

        static String text(double cost) { return String.format(java.util.Locale.ROOT, "%.2f", cost); }

        /** MySQL's human_readable_num_bytes: 24, 1K, 15M, ... */
        static String bytes(double n) {
            String units = "KMGTPE";
            int i = -1;
            while (n > 1024 && i < units.length() - 1) {
                n /= 1024;
                i++;
            }
            return i < 0 ? String.valueOf(Math.round(n)) : (long) n + String.valueOf(units.charAt(i));
        }
    }

    private static Map<String, Object> wrap(String name, String flag, Map<String, Object> inner) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put(flag, true);
        op.putAll(inner);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(name, op);
        return out;
    }

    private static Map<String, Object> table(ExplainRow r, String extra, Costs costs) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("table_name", r.table());
        if (r.partitions() != null) t.put("partitions", List.of(r.partitions().split(",")));
        t.put("access_type", r.type());
        if (r.possibleKeys() != null) t.put("possible_keys", List.of(r.possibleKeys().split(",")));
        if (r.key() != null) t.put("key", r.key());
        if (r.keyLen() != null) t.put("key_length", r.keyLen());
        if (r.ref() != null) t.put("ref", List.of(r.ref().split(",")));
        Map<String, Object> cost = null;
        if (r.rows() != null) {
            long rows = r.rows().getAsLong();
            double perScan = rows * r.filteredPercent() / 100;
            t.put("rows_examined_per_scan", rows);
            // MySQL: rows of the join so far, this table's filtered share of its rows times the rows before it
            t.put("rows_produced_per_join", Math.round(costs.rows * perScan));
            t.put("filtered", r.filteredText());
            cost = costs.next(r, rows, perScan);
        }
        if (extra.contains("Using index") && !extra.contains("Using index condition")) t.put("using_index", true);
        if (cost != null) t.put("cost_info", cost);
        if (r.usedColumns() != null) t.put("used_columns", r.usedColumns());
        if (r.attachedCondition() != null) t.put("attached_condition", r.attachedCondition());
        return t;
    }

    private static Result single(String text) {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[]{text});
        return Results.rows(Results.textColumns("EXPLAIN"), rows);
    }

    /** MySQL's JSON layout: two-space indents, one member per line, arrays of scalars one per line. */
    static final class Json {
        private Json() {}

        static String pretty(Object v) {
            StringBuilder sb = new StringBuilder();
            write(sb, v, 0);
            return sb.toString();
        }

        @SuppressWarnings("unchecked")
        private static void write(StringBuilder sb, Object v, int depth) {
            String pad = "  ".repeat(depth + 1);
            if (v instanceof Map<?, ?> m) {
                sb.append("{\n");
                int i = 0;
                for (Map.Entry<?, ?> e : ((Map<Object, Object>) m).entrySet()) {
                    sb.append(pad);
                    dev.basalt.engine.json.JsonWriter.quote(sb, String.valueOf(e.getKey()));
                    sb.append(": ");
                    write(sb, e.getValue(), depth + 1);
                    sb.append(++i < m.size() ? ",\n" : "\n");
                }
                sb.append("  ".repeat(depth)).append('}');
            } else if (v instanceof List<?> l) {
                sb.append("[\n");
                for (int i = 0; i < l.size(); i++) {
                    sb.append(pad);
                    write(sb, l.get(i), depth + 1);
                    sb.append(i + 1 < l.size() ? ",\n" : "\n");
                }
                sb.append("  ".repeat(depth)).append(']');
            } else if (v instanceof String str) {
                dev.basalt.engine.json.JsonWriter.quote(sb, str);
            } else {
                sb.append(v); // numbers and booleans
            }
        }
    }
}
