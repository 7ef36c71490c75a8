package dev.basalt.engine.routine;

import dev.basalt.engine.api.ErrorCode;

import dev.basalt.engine.api.ColumnInfo;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.statement.Results;
import dev.basalt.sql.ast.CreateRoutine;
import dev.basalt.sql.ast.CreateTrigger;
import dev.basalt.sql.ast.RoutineKind;
import dev.basalt.sql.ast.RoutineParameter;
import dev.basalt.sql.ast.Show;
import dev.basalt.sql.ast.ShowKind;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * SHOW TRIGGERS, SHOW PROCEDURE / FUNCTION STATUS and SHOW CREATE PROCEDURE / FUNCTION /
 * TRIGGER, with MySQL 8's columns. SHOW CREATE gives a statement that recreates the object
 * (what mysqldump and mariadb-dump replay).
 */
public final class ProgramShow {
    private ProgramShow() {}

    private static final String CHARSET = "utf8mb4";
    private static final String COLLATION = "utf8mb4_0900_ai_ci";

    /** A listing, and the SHOW left to filter it by WHERE (LIKE is applied here: it matches a column other than the first). */
    public record Listing(List<ColumnInfo> columns, List<Object[]> rows, Show show) {}

    public static Listing list(BasaltSession s, Show st) {
        Show whereOnly = new Show(st.kind(), st.full(), st.scope(), st.target(), st.database(), null, st.where(),
                st.limit(), st.ifNotExists(), st.text());
        Pattern like = st.likePattern() == null ? null : likePattern(st.likePattern());
        List<Object[]> rows = new ArrayList<>();
        if (st.kind() == ShowKind.TRIGGERS) {
            String db = st.database() != null ? st.database() : ProgramDdl.currentDatabase(s);
            for (TriggerDef t : s.engine().programs().triggers(db)) {
                if (like != null && !like.matcher(t.table()).matches()) continue;
                rows.add(new Object[]{t.name(), t.event().name(), t.table(), t.ast().bodyText(), t.timing().name(),
                        created(t.created()), t.sqlMode(), plainDefiner(t.definer()), CHARSET, COLLATION, COLLATION});
            }
            return new Listing(Results.textColumns("Trigger", "Event", "Table", "Statement", "Timing", "Created",
                    "sql_mode", "Definer", "character_set_client", "collation_connection", "Database Collation"), rows, whereOnly);
        }
        RoutineKind kind = st.kind() == ShowKind.PROCEDURE_STATUS ? RoutineKind.PROCEDURE : RoutineKind.FUNCTION;
        for (RoutineDef r : s.engine().programs().routines()) {
            if (r.kind() != kind) continue;
            if (like != null && !like.matcher(r.name()).matches()) continue;
            String created = created(r.created());
            rows.add(new Object[]{r.database(), r.name(), kind.name(), plainDefiner(r.definer()), created, created,
                    r.ast().invokerSecurity() ? "INVOKER" : "DEFINER", r.ast().comment() == null ? "" : r.ast().comment(),
                    CHARSET, COLLATION, COLLATION});
        }
        return new Listing(Results.textColumns("Db", "Name", "Type", "Definer", "Modified", "Created", "Security_type",
                "Comment", "character_set_client", "collation_connection", "Database Collation"), rows, whereOnly);
    }

    public static Result create(BasaltSession s, Show st) {
        String db = ProgramDdl.database(s, st.target());
        String name = st.target().name();
        if (st.kind() == ShowKind.CREATE_TRIGGER) {
            TriggerDef t = s.engine().programs().trigger(db, name).orElseThrow(() -> ErrorCode.ER_TRG_DOES_NOT_EXIST.error());
            List<Object[]> rows = new ArrayList<>();
            rows.add(new Object[]{t.name(), t.sqlMode(), createTrigger(t), CHARSET, COLLATION, COLLATION, created(t.created())});
            return Results.rows(Results.textColumns("Trigger", "sql_mode", "SQL Original Statement", "character_set_client",
                    "collation_connection", "Database Collation", "Created"), rows);
        }
        RoutineKind kind = st.kind() == ShowKind.CREATE_PROCEDURE ? RoutineKind.PROCEDURE : RoutineKind.FUNCTION;
        RoutineDef r = s.engine().programs().routine(kind, db, name)
                .orElseThrow(() -> ErrorCode.ER_SP_DOES_NOT_EXIST.error(kind.name(), name));
        String word = kind == RoutineKind.PROCEDURE ? "Procedure" : "Function";
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[]{r.name(), r.sqlMode(), createRoutine(r), CHARSET, COLLATION, COLLATION});
        return Results.rows(Results.textColumns(word, "sql_mode", "Create " + word, "character_set_client",
                "collation_connection", "Database Collation"), rows);
    }

    /** CREATE DEFINER=... PROCEDURE `p`(params) [RETURNS t] characteristics body, as MySQL shows it. */
    static String createRoutine(RoutineDef r) {
        CreateRoutine c = r.ast();
        StringBuilder sb = new StringBuilder("CREATE DEFINER=").append(r.definer()).append(' ')
                .append(c.kind().name()).append(' ').append(quote(r.name())).append('(');
        sb.append(parameterList(c));
        sb.append(')');
        if (c.returnsText() != null) sb.append(" RETURNS ").append(c.returnsText());
        if (c.deterministic()) sb.append("\n    DETERMINISTIC");
        if (!c.dataAccess().equals("CONTAINS SQL")) sb.append("\n    ").append(c.dataAccess());
        if (c.invokerSecurity()) sb.append("\n    SQL SECURITY INVOKER");
        if (c.comment() != null) sb.append("\n    COMMENT '").append(c.comment().replace("\\", "\\\\").replace("'", "\\'")).append('\'');
        sb.append('\n').append(c.bodyText());
        return sb.toString();
    }

    /** The parameter list as written: [IN|OUT|INOUT] name type, ... */
    static String parameterList(CreateRoutine c) {
        StringBuilder sb = new StringBuilder();
        for (RoutineParameter p : c.parameters()) {
            if (!sb.isEmpty()) sb.append(", ");
            if (c.kind() == RoutineKind.PROCEDURE) sb.append(p.mode().name()).append(' ');
            sb.append(quote(p.name())).append(' ').append(p.typeText());
        }
        return sb.toString();
    }

    static String createTrigger(TriggerDef t) {
        CreateTrigger c = t.ast();
        return "CREATE DEFINER=" + t.definer() + " TRIGGER " + quote(t.name()) + " " + c.timing().name() + " "
                + c.event().name() + " ON " + quote(t.table()) + " FOR EACH ROW " + c.bodyText();
    }

    static String quote(String name) { return "`" + name.replace("`", "``") + "`"; }

    /** `root`@`%` -> root@% (SHOW TRIGGERS and SHOW ... STATUS print the definer unquoted). */
    static String plainDefiner(String definer) {
        return definer.replace("`", "").replace("'", "");
    }

    static String created(LocalDateTime t) {
        return t.toString().replace('T', ' ');
    }

    /** A SHOW ... LIKE pattern as a case-insensitive regular expression (\ escapes the next character). */
    public static Pattern likePattern(String like) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char ch = like.charAt(i);
            if (ch == '\\' && i + 1 < like.length()) re.append(Pattern.quote(String.valueOf(like.charAt(++i))));
            else if (ch == '%') re.append(".*");
            else if (ch == '_') re.append('.');
            else re.append(Pattern.quote(String.valueOf(ch)));
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }
}
