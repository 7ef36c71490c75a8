package dev.basalt.engine.statement;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.plan.PlanColumn;
import dev.basalt.engine.plan.VirtualTables.Table;
import dev.basalt.engine.routine.RoutineDef;
import dev.basalt.engine.routine.TriggerDef;
import dev.basalt.engine.types.SqlType;
import dev.basalt.sql.ast.CreateRoutine;
import dev.basalt.sql.ast.RoutineKind;
import dev.basalt.sql.ast.RoutineParameter;

import java.util.ArrayList;
import java.util.List;

/**
 * information_schema ROUTINES, PARAMETERS and TRIGGERS, with MySQL 8's columns (Connector/J
 * reads PARAMETERS for CallableStatement metadata; dump tools read the others).
 */
final class StoredProgramTables {
    private StoredProgramTables() {}

    private static final SqlType TEXT = SqlType.varchar(64);
    private static final SqlType LONG_TEXT = SqlType.LONGTEXT;
    private static final SqlType NUM = SqlType.BIGINT_UNSIGNED;
    private static final String COLLATION = "utf8mb4_0900_ai_ci";

    private static Table table(java.util.function.Supplier<List<Object[]>> rows, Object... namesAndTypes) {
        List<PlanColumn> cols = new ArrayList<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            cols.add(PlanColumn.expression((String) namesAndTypes[i], (SqlType) namesAndTypes[i + 1], true));
        }
        return new Table(cols, rows);
    }

    static Table routines(BasaltEngine engine) {
        return table(() -> {
            List<Object[]> rows = new ArrayList<>();
            for (RoutineDef r : engine.programs().routines()) {
                CreateRoutine c = r.ast();
                SqlType rt = c.returns() == null ? null : TableSpecs.type(c.returns(), r.name(), null);
                String created = r.created().toString().replace('T', ' ');
                rows.add(new Object[]{r.name(), "def", r.database(), r.name(), c.kind().name(),
                        rt == null ? "" : TypeText.dataType(rt), rt == null ? null : TypeText.maxChars(rt),
                        rt == null ? null : TypeText.maxChars(rt) == null ? null : TypeText.maxChars(rt) * 4,
                        rt == null || !rt.kind().isNumeric() ? null : (long) rt.precision(),
                        rt == null || !rt.kind().isNumeric() ? null : (long) Math.max(0, rt.scale()),
                        null, rt == null ? null : TypeText.charset(rt), rt == null ? null : TypeText.collation(rt),
                        rt == null ? null : TypeText.columnType(rt), "SQL", c.bodyText(), null, "SQL", "SQL",
                        c.deterministic() ? "YES" : "NO", c.dataAccess(), null, c.invokerSecurity() ? "INVOKER" : "DEFINER",
                        created, created, r.sqlMode(), c.comment() == null ? "" : c.comment(),
                        r.definer().replace("`", ""), "utf8mb4", COLLATION, COLLATION});
            }
            return rows;
        }, "SPECIFIC_NAME", TEXT, "ROUTINE_CATALOG", TEXT, "ROUTINE_SCHEMA", TEXT, "ROUTINE_NAME", TEXT,
                "ROUTINE_TYPE", TEXT, "DATA_TYPE", TEXT, "CHARACTER_MAXIMUM_LENGTH", NUM, "CHARACTER_OCTET_LENGTH", NUM,
                "NUMERIC_PRECISION", NUM, "NUMERIC_SCALE", NUM, "DATETIME_PRECISION", NUM, "CHARACTER_SET_NAME", TEXT,
                "COLLATION_NAME", TEXT, "DTD_IDENTIFIER", LONG_TEXT, "ROUTINE_BODY", TEXT, "ROUTINE_DEFINITION", LONG_TEXT,
                "EXTERNAL_NAME", TEXT, "EXTERNAL_LANGUAGE", TEXT, "PARAMETER_STYLE", TEXT, "IS_DETERMINISTIC", TEXT,
                "SQL_DATA_ACCESS", TEXT, "SQL_PATH", TEXT, "SECURITY_TYPE", TEXT, "CREATED", TEXT, "LAST_ALTERED", TEXT,
                "SQL_MODE", LONG_TEXT, "ROUTINE_COMMENT", LONG_TEXT, "DEFINER", TEXT, "CHARACTER_SET_CLIENT", TEXT,
                "COLLATION_CONNECTION", TEXT, "DATABASE_COLLATION", TEXT);
    }

    static Table parameters(BasaltEngine engine) {
        return table(() -> {
            List<Object[]> rows = new ArrayList<>();
            for (RoutineDef r : engine.programs().routines()) {
                CreateRoutine c = r.ast();
                if (c.returns() != null) {
                    rows.add(parameterRow(r, 0, null, null, TableSpecs.type(c.returns(), r.name(), null)));
                }
                int i = 1;
                for (RoutineParameter p : c.parameters()) {
                    rows.add(parameterRow(r, i++, c.kind() == RoutineKind.PROCEDURE ? p.mode().name() : "IN", p.name(),
                            TableSpecs.type(p.type(), p.name(), null)));
                }
            }
            return rows;
        }, "SPECIFIC_CATALOG", TEXT, "SPECIFIC_SCHEMA", TEXT, "SPECIFIC_NAME", TEXT, "ORDINAL_POSITION", NUM,
                "PARAMETER_MODE", TEXT, "PARAMETER_NAME", TEXT, "DATA_TYPE", TEXT, "CHARACTER_MAXIMUM_LENGTH", NUM,
                "CHARACTER_OCTET_LENGTH", NUM, "NUMERIC_PRECISION", NUM, "NUMERIC_SCALE", NUM, "DATETIME_PRECISION", NUM,
                "CHARACTER_SET_NAME", TEXT, "COLLATION_NAME", TEXT, "DTD_IDENTIFIER", LONG_TEXT, "ROUTINE_TYPE", TEXT);
    }

    private static Object[] parameterRow(RoutineDef r, int position, String mode, String name, SqlType t) {
        Long chars = TypeText.maxChars(t);
        return new Object[]{"def", r.database(), r.name(), (long) position, mode, name, TypeText.dataType(t),
                chars, chars == null ? null : chars * 4, t.kind().isNumeric() ? (long) t.precision() : null,
                t.kind().isNumeric() ? (long) Math.max(0, t.scale()) : null, null, TypeText.charset(t),
                TypeText.collation(t), TypeText.columnType(t), r.kind().name()};
    }

    static Table triggers(BasaltEngine engine) {
        return table(() -> {
            List<Object[]> rows = new ArrayList<>();
            for (TriggerDef t : engine.programs().triggers((String) null)) {
                rows.add(new Object[]{"def", t.database(), t.name(), t.event().name(), "def", t.database(), t.table(),
                        (long) t.order(), null, t.ast().bodyText(), "ROW", t.timing().name(), null, null, "OLD", "NEW",
                        t.created().toString().replace('T', ' '), t.sqlMode(), t.definer().replace("`", ""),
                        "utf8mb4", COLLATION, COLLATION});
            }
            return rows;
        }, "TRIGGER_CATALOG", TEXT, "TRIGGER_SCHEMA", TEXT, "TRIGGER_NAME", TEXT, "EVENT_MANIPULATION", TEXT,
                "EVENT_OBJECT_CATALOG", TEXT, "EVENT_OBJECT_SCHEMA", TEXT, "EVENT_OBJECT_TABLE", TEXT, "ACTION_ORDER", NUM,
                "ACTION_CONDITION", TEXT, "ACTION_STATEMENT", LONG_TEXT, "ACTION_ORIENTATION", TEXT, "ACTION_TIMING", TEXT,
                "ACTION_REFERENCE_OLD_TABLE", TEXT, "ACTION_REFERENCE_NEW_TABLE", TEXT, "ACTION_REFERENCE_OLD_ROW", TEXT,
                "ACTION_REFERENCE_NEW_ROW", TEXT, "CREATED", TEXT, "SQL_MODE", LONG_TEXT, "DEFINER", TEXT,
                "CHARACTER_SET_CLIENT", TEXT, "COLLATION_CONNECTION", TEXT, "DATABASE_COLLATION", TEXT);
    }

}
