package dev.basalt.engine.statement;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.plan.PlanColumn;
import dev.basalt.engine.plan.PlannedQuery;
import dev.basalt.engine.plan.QueryPlanner;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import dev.basalt.engine.types.ValueText;
import dev.basalt.sql.ast.IntoTarget;
import dev.basalt.sql.ast.SelectInto;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * SELECT ... INTO @variables (exactly one row: 1172 for more, warning 1329 and unchanged
 * variables for none; 1222 when the counts differ), INTO OUTFILE (rows as delimited text) and
 * INTO DUMPFILE (one row, values back to back). Files go through {@link ServerFiles}.
 */
final class SelectIntoStatement {
    private SelectIntoStatement() {}

    private record Rows(List<PlanColumn> columns, List<Object[]> rows) {}

    static Result run(BasaltSession s, StatementRunner runner, SelectInto st) {
        // the checks that need no rows come first, as in MySQL
        if (st.target() instanceof IntoTarget.Outfile o) ServerFiles.resolve(s, o.file());
        if (st.target() instanceof IntoTarget.Dumpfile d) ServerFiles.resolve(s, d.file());
        Rows result = s.transaction().run(t -> {
            PlannedQuery p = new QueryPlanner(runner.queryContext(t, false)).plan(st.query(), null);
            if (st.target() instanceof IntoTarget.UserVariables v && v.names().size() != p.columns().size()) {
                throw new SqlException(ErrorCode.ER_WRONG_NUMBER_OF_COLUMNS_IN_SELECT);
            }
            return new Rows(p.columns(), dev.basalt.engine.exec.Rows.drain(p.root()));
        });
        s.setFoundRows(result.rows().size());
        return switch (st.target()) {
            case IntoTarget.UserVariables v -> intoVariables(s, v, result);
            case IntoTarget.Outfile o -> outfile(s, o, result);
            case IntoTarget.Dumpfile d -> dumpfile(s, d, result);
        };
    }

    private static Result intoVariables(BasaltSession s, IntoTarget.UserVariables v, Rows r) {
        if (r.rows().isEmpty()) {
            s.warn(EvalContext.Level.WARNING, 1329, "No data - zero rows fetched, selected, or processed");
            return new Result.Update(0, 0, s.currentWarnings().size(), null);
        }
        Object[] row = r.rows().getFirst();
        for (int i = 0; i < v.names().size(); i++) {
            s.setUserVariable(v.names().get(i), storable(row[i], r.columns().get(i).type()));
        }
        // as in MySQL, the first row is assigned before the second one raises the error
        if (r.rows().size() > 1) throw new SqlException(ErrorCode.ER_TOO_MANY_ROWS);
        return new Result.Update(1, 0, s.currentWarnings().size(), null);
    }

    /** A user variable holds numbers and strings; other values (temporals) become their text, as in MySQL. */
    private static Object storable(Object v, SqlType t) {
        if (v == null || v instanceof Long || v instanceof BigInteger || v instanceof BigDecimal
                || v instanceof Double || v instanceof String || v instanceof byte[]) return v;
        return Coercion.toText(v, t);
    }

    private static Result outfile(BasaltSession s, IntoTarget.Outfile o, Rows r) {
        var f = o.format();
        StringBuilder out = new StringBuilder();
        for (Object[] row : r.rows()) {
            out.append(f.linesStartingBy());
            for (int i = 0; i < r.columns().size(); i++) {
                if (i > 0) out.append(f.fieldsTerminatedBy());
                SqlType type = r.columns().get(i).type();
                boolean enclose = !f.enclosedBy().isEmpty() && (!f.optionallyEnclosed() || isStringType(type));
                String text = row[i] == null ? null : row[i] instanceof byte[] b
                        ? new String(b, StandardCharsets.ISO_8859_1) : ValueText.toText(row[i], type);
                DataFileFormat.writeField(out, text, enclose, f);
            }
            out.append(f.linesTerminatedBy());
        }
        ServerFiles.create(ServerFiles.resolve(s, o.file()), out.toString().getBytes(StandardCharsets.UTF_8));
        return new Result.Update(r.rows().size(), 0, s.currentWarnings().size(), null);
    }

    /** What OPTIONALLY ENCLOSED BY encloses: MySQL's string results, which include temporals (not YEAR). */
    private static boolean isStringType(SqlType t) {
        TypeKind k = t.kind();
        return k.isString() || k.isBinary() || k == TypeKind.ENUM || k == TypeKind.SET
                || (k.isTemporal() && k != TypeKind.YEAR);
    }

    private static Result dumpfile(BasaltSession s, IntoTarget.Dumpfile d, Rows r) {
        if (r.rows().size() > 1) throw new SqlException(ErrorCode.ER_TOO_MANY_ROWS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!r.rows().isEmpty()) {
            Object[] row = r.rows().getFirst();
            for (int i = 0; i < row.length && i < r.columns().size(); i++) {
                if (row[i] == null) continue;
                out.writeBytes(row[i] instanceof byte[] b ? b
                        : ValueText.toText(row[i], r.columns().get(i).type()).getBytes(StandardCharsets.UTF_8));
            }
        }
        ServerFiles.create(ServerFiles.resolve(s, d.file()), out.toByteArray());
        return new Result.Update(r.rows().size(), 0, s.currentWarnings().size(), null);
    }
}
