package dev.basalt.engine.statement;

import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.DefaultValue;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.catalog.TableOptions;
import dev.basalt.engine.catalog.ViewDef;
import dev.basalt.engine.plan.PlanColumn;
import dev.basalt.engine.plan.PlannedQuery;
import dev.basalt.engine.plan.QueryPlanner;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.sql.ast.QualifiedName;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A view's columns as a table definition (for DESCRIBE / SHOW COLUMNS): names, types and
 * nullability come from planning the view's query, as MySQL derives them. No keys, no defaults.
 */
final class ViewColumns {
    private ViewColumns() {}

    /** The view's columns shaped as a table, or empty when {@code name} is not a view. */
    static Optional<TableDef> asTable(BasaltSession s, StatementRunner runner, QualifiedName name) {
        Optional<ViewDef> view = runner.view(name);
        if (view.isEmpty()) return Optional.empty();
        dev.basalt.engine.security.ViewSecurity.noteMissingDefiner(s, view.get());
        return Optional.of(s.transaction().run(t -> of(runner, t, view.get())));
    }

    /** The view's columns shaped as a table, planned in transaction {@code t}. */
    static TableDef of(StatementRunner runner, dev.basalt.engine.txn.Transaction t, ViewDef v) {
        String sql = "SELECT * FROM " + TypeText.quoteIdent(v.database()) + "." + TypeText.quoteIdent(v.name());
        dev.basalt.engine.plan.QueryContext qc = runner.queryContext(t, false);
        // describing a view is not running it: a missing definer does not hide its columns
        qc.statementState().put(dev.basalt.engine.plan.ViewOpening.STATE_KEY,
                dev.basalt.engine.security.ViewSecurity.forMetadata(runner.session()));
        PlannedQuery p = new QueryPlanner(qc).plan(StatementRunner.parseQuery(sql), null);
        List<ColumnDef> columns = new ArrayList<>();
        for (PlanColumn c : p.columns()) {
            columns.add(new ColumnDef(c.name(), c.type(), c.nullable(), DefaultValue.NONE, false, false, ""));
        }
        return new TableDef(0, v.database(), v.name(), columns, List.of(), TableOptions.DEFAULT);
    }

    /**
     * " (`a`,`b`)" when the view's column names differ from those its query gives (CREATE VIEW v (a, b)),
     * else "": SHOW CREATE VIEW keeps the query as written, so a dump must carry the names.
     */
    static String columnList(BasaltSession s, StatementRunner runner, ViewDef v) {
        List<String> given;
        try {
            given = s.transaction().run(t -> {
                PlannedQuery p = new QueryPlanner(runner.queryContext(t, false)).plan(StatementRunner.parseQuery(v.selectSql()), null);
                List<String> names = new ArrayList<>();
                for (PlanColumn c : p.columns()) names.add(c.name());
                return names;
            });
        } catch (RuntimeException e) {
            given = List.of(); // an invalid view: print its names
        }
        if (given.equals(v.columnNames()) || v.columnNames().isEmpty()) return "";
        StringBuilder b = new StringBuilder(" (");
        for (int i = 0; i < v.columnNames().size(); i++) b.append(i > 0 ? "," : "").append(TypeText.quoteIdent(v.columnNames().get(i)));
        return b.append(')').toString();
    }
}
