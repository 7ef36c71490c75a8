package dev.basalt.engine.statement;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.plan.AstRewriter;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.sql.ast.Assignment;
import dev.basalt.sql.ast.DefaultExpr;
import dev.basalt.sql.ast.Expression;
import dev.basalt.sql.ast.Insert;
import dev.basalt.sql.ast.InsertValues;
import dev.basalt.sql.ast.LoadData;
import dev.basalt.sql.ast.NullLiteral;
import dev.basalt.sql.ast.StringLiteral;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * LOAD DATA [LOCAL] INFILE. The file (a server file under secure_file_priv, or the client's via
 * {@link dev.basalt.engine.api.LocalFiles}) is parsed with {@link DataFileFormat}; its rows are
 * written by INSERT's own path (multi-row INSERT statements of string values, in one
 * transaction), so conversions, defaults, duplicate handling and constraints are INSERT's.
 * LOCAL without REPLACE skips duplicates, as MySQL does.
 */
final class LoadDataStatement {
    private LoadDataStatement() {}

    /** Rows per INSERT handed to the insert path. */
    private static final int BATCH = 1000;

    static Result run(BasaltSession s, StatementRunner runner, LoadData ld) {
        if (ld.format().fieldsTerminatedBy().isEmpty() && ld.format().enclosedBy().isEmpty()) {
            throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "LOAD DATA with fixed-width rows (empty FIELDS TERMINATED BY and ENCLOSED BY)");
        }
        // 1146 / 1046 before the file is read, as MySQL does
        TableDef def = s.transaction().run(t -> runner.table(t, ld.table()));
        byte[] content = ld.local() ? localFile(s, ld.file()) : ServerFiles.read(ServerFiles.resolve(s, ld.file()));
        String text = new String(content, charset(s, ld.charset()));
        List<List<String>> rows = DataFileFormat.parse(text, ld.format());
        int skip = (int) Math.min(rows.size(), Math.max(0, ld.ignoreLines()));
        rows = rows.subList(skip, rows.size());

        List<String> targets = ld.targets().isEmpty() ? columnNames(def) : ld.targets();
        List<String> columns = new ArrayList<>();
        for (String target : targets) if (!target.startsWith("@")) columns.add(target);
        for (Assignment a : ld.set()) columns.add(a.column().column());
        boolean ignore = "IGNORE".equals(ld.duplicates()) || (ld.local() && ld.duplicates() == null);
        boolean replace = "REPLACE".equals(ld.duplicates());
        boolean strict = s.strictMode() && !ignore;

        List<List<Expression>> values = new ArrayList<>(rows.size());
        Map<String, Expression> variables = new HashMap<>();
        long line = 0;
        for (List<String> fields : rows) {
            line++;
            dev.basalt.engine.exec.Cancellation.check(); // KILL QUERY stops a long load
            List<Expression> row = new ArrayList<>(columns.size());
            if (fields.size() < targets.size()) {
                if (strict) throw new SqlException(ErrorCode.ER_WARN_TOO_FEW_RECORDS, line);
                s.warn(EvalContext.Level.WARNING, ErrorCode.ER_WARN_TOO_FEW_RECORDS.code(), ErrorCode.ER_WARN_TOO_FEW_RECORDS.format(line));
            } else if (fields.size() > targets.size()) {
                if (strict) throw new SqlException(ErrorCode.ER_WARN_TOO_MANY_RECORDS, line);
                s.warn(EvalContext.Level.WARNING, ErrorCode.ER_WARN_TOO_MANY_RECORDS.code(), ErrorCode.ER_WARN_TOO_MANY_RECORDS.format(line));
            }
            variables.clear();
            for (int i = 0; i < targets.size(); i++) {
                String target = targets.get(i);
                Expression v = i >= fields.size() ? null
                        : fields.get(i) == null ? new NullLiteral() : new StringLiteral(fields.get(i), null, false);
                if (target.startsWith("@")) {
                    variables.put(target.substring(1).toLowerCase(Locale.ROOT), v == null ? new NullLiteral() : v);
                } else {
                    row.add(v == null ? new DefaultExpr(null) : v);
                }
            }
            for (Assignment a : ld.set()) row.add(AstRewriter.userVariablesToValues(a.value(), variables));
            values.add(row);
        }
        // the variables keep the last row's values, as in MySQL
        for (var e : variables.entrySet()) {
            s.setUserVariable(e.getKey(), e.getValue() instanceof StringLiteral l ? l.value() : null);
        }
        long[] affected = {0};
        if (!values.isEmpty()) {
            DmlStatements.write(s, t -> {
                for (int from = 0; from < values.size(); from += BATCH) {
                    dev.basalt.engine.exec.Cancellation.check(); // the statement's writes roll back
                    s.setProgress("Loading rows: " + from + " of " + values.size());
                    List<List<Expression>> batch = values.subList(from, Math.min(values.size(), from + BATCH));
                    Insert ins = new Insert(replace, null, ignore, ld.table(), columns, new InsertValues(batch),
                            null, List.of(), List.of());
                    if (DmlStatements.insert(s, runner, ins) instanceof Result.Update u) affected[0] += u.affectedRows();
                }
                return null;
            });
        }
        long records = values.size();
        long deleted = replace ? Math.max(0, affected[0] - records) : 0;
        long skipped = replace ? 0 : Math.max(0, records - affected[0]);
        int warnings = s.currentWarnings().size();
        return new Result.Update(affected[0], 0, warnings,
                "Records: " + records + "  Deleted: " + deleted + "  Skipped: " + skipped + "  Warnings: " + warnings);
    }

    private static byte[] localFile(BasaltSession s, String name) {
        boolean enabled = Boolean.TRUE.equals(asBool(s.engine().variables().global("local_infile")));
        if (!enabled || s.localFiles() == null) throw new SqlException(ErrorCode.ER_CLIENT_LOCAL_FILES_DISABLED);
        return s.localFiles().read(name);
    }

    private static Boolean asBool(Object v) {
        return v instanceof Number n ? n.longValue() != 0 : v instanceof Boolean b ? b : null;
    }

    private static List<String> columnNames(TableDef def) {
        List<String> names = new ArrayList<>();
        for (ColumnDef c : def.columns()) names.add(c.name());
        return names;
    }

    /** The file's character set: CHARACTER SET, else character_set_database (utf8mb4 here). */
    private static Charset charset(BasaltSession s, String name) {
        String cs = name != null ? name : String.valueOf(s.variables().get("character_set_database"));
        return switch (cs.toLowerCase(Locale.ROOT)) {
            case "latin1" -> Charset.forName("windows-1252");
            case "binary", "ascii" -> StandardCharsets.ISO_8859_1;
            default -> StandardCharsets.UTF_8;
        };
    }
}
