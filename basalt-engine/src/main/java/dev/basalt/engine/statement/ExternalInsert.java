package dev.basalt.engine.statement;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.catalog.CatalogSnapshot;
import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.exec.Rows;
import dev.basalt.engine.external.ExternalDatabase;
import dev.basalt.engine.external.Outcome;
import dev.basalt.engine.plan.PlannedQuery;
import dev.basalt.engine.plan.QueryPlanner;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.sql.ast.Insert;
import dev.basalt.sql.ast.InsertSelect;

import java.util.ArrayList;
import java.util.List;

/**
 * INSERT ... SELECT into an external table whose rows come from elsewhere (local tables, another
 * external database): our engine runs the SELECT, the remote inserts the rows, applying its own
 * defaults and conversions. (Statements touching only the external database are forwarded whole
 * by {@link ExternalRouting} and never get here.)
 */
final class ExternalInsert {
    private ExternalInsert() {}

    /** The result, or null when the target is not an external table. */
    static Result run(BasaltSession s, StatementRunner runner, Insert ins) {
        String schema = ins.table().schema() != null ? ins.table().schema() : s.database();
        CatalogSnapshot cat = s.engine().catalog().snapshot(s.currentTransaction());
        if (!cat.hasExternalDatabase()) return null; // the common case, known per catalog snapshot
        ExternalDatabase db = s.engine().externals().database(cat, schema);
        if (db == null) return null;
        if (!(ins.source() instanceof InsertSelect sel) || !ins.onDuplicateKeyUpdate().isEmpty()) {
            throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "this INSERT into a remote table");
        }
        TableDef def = s.engine().externals().table(schema, db, ins.table().name());
        if (def == null) throw new SqlException(ErrorCode.ER_NO_SUCH_TABLE, schema, ins.table().name());
        if (db.readOnly()) throw new SqlException(ErrorCode.ER_OPEN_AS_READONLY, def.name());
        List<String> columns = new ArrayList<>();
        if (ins.columns().isEmpty()) {
            for (ColumnDef c : def.columns()) columns.add(c.name());
        } else {
            for (String c : ins.columns()) {
                if (def.columnIndex(c) < 0) throw new SqlException(ErrorCode.ER_BAD_FIELD, c, "field list");
                columns.add(c);
            }
        }
        List<Object[]> rows = s.transaction().run(t -> {
            PlannedQuery p = new QueryPlanner(runner.queryContext(t, false)).plan(sel.query(), null);
            if (p.columns().size() != columns.size()) throw new SqlException(ErrorCode.ER_WRONG_VALUE_COUNT_ON_ROW, 1);
            return Rows.drain(p.root());
        });
        Outcome o = db.insertRows(def.name(), columns, rows, ins.replace(), ins.ignore(), s.transaction().external(db, true));
        if (o.lastInsertId() > 0) s.setLastInsertId(o.lastInsertId());
        return new Result.Update(o.affectedRows(), o.lastInsertId(), 0, o.info());
    }
}
