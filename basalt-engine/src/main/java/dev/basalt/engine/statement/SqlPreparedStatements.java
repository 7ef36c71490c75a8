package dev.basalt.engine.statement;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.PreparedStatementHandle;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.plan.PreparedStatement;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.sql.ast.DeallocatePrepare;
import dev.basalt.sql.ast.Execute;
import dev.basalt.sql.ast.Prepare;
import dev.basalt.sql.ast.StringLiteral;
import dev.basalt.sql.ast.UserVariable;

import java.util.Locale;

/**
 * SQL-level prepared statements: PREPARE name FROM 'text' | @var, EXECUTE name [USING @a, ...],
 * DEALLOCATE PREPARE name. They share the binary protocol's prepared statements (parsed once; a
 * SELECT keeps its plan when it can, see PlanReuse); names are per session and case-insensitive.
 */
final class SqlPreparedStatements {
    private SqlPreparedStatements() {}

    static Result prepare(BasaltSession s, Prepare p) {
        String text = switch (p.source()) {
            case StringLiteral l -> l.value();
            case UserVariable v -> {
                Object value = s.userVariable(v.name());
                // MySQL prepares the text "NULL" for an unset variable, which is a syntax error
                yield value == null ? "NULL" : Coercion.toText(value, null);
            }
            default -> throw new SqlException(ErrorCode.ER_PARSE_ERROR, "PREPARE needs a string or a user variable");
        };
        String name = key(p.name());
        // a statement of the same name goes first, even when the new one fails to prepare
        PreparedStatementHandle old = s.sqlPrepared().remove(name);
        if (old != null) s.closePrepared(old);
        PreparedStatementHandle h = s.prepare(text);
        if (h instanceof PreparedStatement ps && (ps.statement() instanceof Prepare || ps.statement() instanceof Execute
                || ps.statement() instanceof DeallocatePrepare)) {
            s.closePrepared(h);
            throw new SqlException(ErrorCode.ER_UNSUPPORTED_PS);
        }
        s.sqlPrepared().put(name, h);
        return new Result.Update(0, 0, 0, "Statement prepared");
    }

    static Result execute(BasaltSession s, StatementRunner runner, Execute e) {
        // as MySQL: SQL EXECUTE counts in Com_stmt_execute too (and in Com_execute_sql), failed ones included
        s.engine().commands().count("Com_stmt_execute");
        PreparedStatementHandle h = s.sqlPrepared().get(key(e.name()));
        if (!(h instanceof PreparedStatement p)) {
            throw new SqlException(ErrorCode.ER_UNKNOWN_STMT_HANDLER, e.name(), "EXECUTE");
        }
        int given = e.using() == null ? 0 : e.using().size();
        if (given != p.parameterCount()) throw new SqlException(ErrorCode.ER_WRONG_ARGUMENTS, "EXECUTE");
        Object[] values = new Object[given];
        for (int i = 0; i < given; i++) values[i] = s.userVariable(e.using().get(i).name());
        return s.inDatabaseOf(p, () -> p.execute(values, () -> runner.run(p.statement(), p.text())));
    }

    static Result deallocate(BasaltSession s, DeallocatePrepare d) {
        PreparedStatementHandle h = s.sqlPrepared().remove(key(d.name()));
        if (h == null) throw new SqlException(ErrorCode.ER_UNKNOWN_STMT_HANDLER, d.name(), "DEALLOCATE PREPARE");
        s.closePrepared(h);
        return Results.ok();
    }

    private static String key(String name) { return name.toLowerCase(Locale.ROOT); }
}
