package dev.basalt.engine.statement;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.stats.HistogramUpdate;
import dev.basalt.engine.stats.Statistics;
import dev.basalt.engine.stats.TableAnalyzer;
import dev.basalt.engine.stats.TableStats;
import dev.basalt.sql.ast.QualifiedName;
import dev.basalt.sql.ast.TableMaintenance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ANALYZE TABLE: collects and stores each table's statistics ({@link TableAnalyzer}), or with
 * UPDATE / DROP HISTOGRAM maintains one table's column histograms. Like MySQL it commits the open
 * transaction first and answers with (Table, Op, Msg_type, Msg_text) rows; a missing table is a
 * row, not an error.
 */
final class AnalyzeStatement {
    private AnalyzeStatement() {}

    /** MySQL's bucket count when WITH n BUCKETS is absent, and its limit. */
    private static final int DEFAULT_BUCKETS = 100, MAX_BUCKETS = 1024;

    static Result run(BasaltSession s, StatementRunner runner, TableMaintenance m) {
        s.transaction().implicitCommit();
        if (m.histogram() != null) return histogram(s, runner, m);
        List<Object[]> rows = new ArrayList<>();
        for (QualifiedName n : m.tables()) {
            TableDef td = find(s, runner, n);
            if (td == null) {
                rows.addAll(missing(s, n, "analyze"));
                continue;
            }
            s.transaction().run(tx -> {
                TableStats stats = TableAnalyzer.analyze(tx, s.engine().tables(), td);
                boolean temporary = s.engine().catalog().snapshot(tx).isTemporary(td.tableId());
                if (!temporary) s.engine().tables().statistics().save(tx, td, stats);
                return null;
            });
            rows.add(new Object[]{td.qualifiedName(), "analyze", "status", "OK"});
        }
        return Results.rows(Results.textColumns("Table", "Op", "Msg_type", "Msg_text"), rows);
    }

    /** MySQL's two rows for a table that does not exist (CHECK, OPTIMIZE, ... answer the same). */
    static List<Object[]> missing(BasaltSession s, QualifiedName n, String op) {
        String name = database(s, n) + "." + n.name();
        return List.of(new Object[]{name, op, "Error", "Table '" + name + "' doesn't exist"},
                new Object[]{name, op, "status", "Operation failed"});
    }

    private static Result histogram(BasaltSession s, StatementRunner runner, TableMaintenance m) {
        List<ColumnInfoRow> out = new ArrayList<>();
        TableMaintenance.HistogramClause h = m.histogram();
        if (!h.drop() && h.buckets() != null && (h.buckets() < 1 || h.buckets() > MAX_BUCKETS)) {
            throw ErrorCode.ER_DATA_OUT_OF_RANGE.error("Number of buckets", "ANALYZE TABLE");
        }
        if (h.usingData() != null) throw ErrorCode.ER_NOT_SUPPORTED_YET.error("UPDATE HISTOGRAM ... USING DATA");
        if (m.tables().size() > 1) {
            out.add(new ColumnInfoRow("", "Error", "Only one table can be specified while modifying histogram statistics."));
            return result(out);
        }
        QualifiedName n = m.tables().getFirst();
        String shown = database(s, n) + "." + n.name();
        TableDef td = find(s, runner, n);
        if (td == null) {
            boolean view = runner.view(n).isPresent();
            out.add(new ColumnInfoRow(shown, "Error", view ? "Cannot create histogram statistics for a view."
                    : "Table '" + shown + "' doesn't exist."));
            return result(out);
        }
        Map<String, HistogramUpdate.Outcome> outcomes = s.transaction().run(tx -> {
            if (s.engine().catalog().snapshot(tx).forSession(s.connectionId()).isTemporary(td.tableId())) return null;
            Statistics stats = s.engine().tables().statistics();
            return h.drop() ? HistogramUpdate.drop(tx, stats, td, h.columns())
                    : HistogramUpdate.update(tx, s.engine().tables(), stats, td, h.columns(),
                            h.buckets() == null ? DEFAULT_BUCKETS : h.buckets().intValue());
        });
        if (outcomes == null) {
            out.add(new ColumnInfoRow(shown, "Error", "Cannot create histogram statistics for a temporary table."));
        } else {
            outcomes.forEach((column, o) -> out.add(new ColumnInfoRow(td.qualifiedName(), o.type(), o.text())));
        }
        return result(out);
    }

    private record ColumnInfoRow(String table, String type, String text) {}

    private static Result result(List<ColumnInfoRow> out) {
        List<Object[]> rows = new ArrayList<>();
        for (ColumnInfoRow r : out) rows.add(new Object[]{r.table(), "histogram", r.type(), r.text()});
        return Results.rows(Results.textColumns("Table", "Op", "Msg_type", "Msg_text"), rows);
    }

    /** The table, or null when it does not exist (1146 becomes a result row). */
    static TableDef find(BasaltSession s, StatementRunner runner, QualifiedName n) {
        try {
            return runner.table(s.currentTransaction(), n);
        } catch (SqlException e) {
            if (e.errorCode() == ErrorCode.ER_NO_SUCH_TABLE.code()) return null;
            throw e;
        }
    }

    private static String database(BasaltSession s, QualifiedName n) {
        String db = n.schema() != null ? n.schema() : s.database();
        if (db == null) throw new SqlException(ErrorCode.ER_NO_DB);
        return db;
    }
}
