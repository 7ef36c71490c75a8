package dev.basalt.engine.event;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.statement.Results;
import dev.basalt.sql.ast.Show;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** SHOW EVENTS, SHOW CREATE EVENT and information_schema.EVENTS, as MySQL 8 renders them. */
public final class EventShow {
    private EventShow() {}

    private static final String CHARSET = "utf8mb4", COLLATION = "utf8mb4_0900_ai_ci";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public static final List<String> SHOW_EVENTS_COLUMNS = List.of("Db", "Name", "Definer", "Time zone", "Type",
            "Execute at", "Interval value", "Interval field", "Starts", "Ends", "Status", "Originator",
            "character_set_client", "collation_connection", "Database Collation");

    static String time(LocalDateTime t) { return t == null ? null : TIME.format(t); }

    static String quote(String name) { return "`" + name.replace("`", "``") + "`"; }

    private static String plain(String definer) { return definer.replace("`", "").replace("'", ""); }

    /** CREATE DEFINER=... EVENT `e` ON SCHEDULE ... ON COMPLETION ... ENABLE [COMMENT '...'] DO body. */
    public static String createText(EventDef e) {
        StringBuilder sb = new StringBuilder("CREATE DEFINER=").append(e.definer()).append(" EVENT ")
                .append(quote(e.name())).append(" ON SCHEDULE ");
        if (e.recurring()) {
            sb.append("EVERY ").append(e.intervalValue())
                    .append(' ').append(e.intervalUnit().name()).append(" STARTS '").append(time(e.starts())).append('\'');
            if (e.ends() != null) sb.append(" ENDS '").append(time(e.ends())).append('\'');
        } else {
            sb.append("AT '").append(time(e.executeAt())).append('\'');
        }
        sb.append(" ON COMPLETION ").append(e.preserve() ? "" : "NOT ").append("PRESERVE ");
        sb.append(switch (e.status()) {
            case ENABLED -> "ENABLE";
            case DISABLED -> "DISABLE";
            case SLAVESIDE_DISABLED -> "DISABLE ON SLAVE";
        });
        if (e.comment() != null && !e.comment().isEmpty()) {
            sb.append(" COMMENT '").append(e.comment().replace("\\", "\\\\").replace("'", "\\'")).append('\'');
        }
        return sb.append(" DO ").append(e.bodyText()).toString();
    }

    /** SHOW EVENTS [FROM db] [LIKE 'name']: the rows (WHERE is applied by the caller). */
    public static List<Object[]> showEvents(BasaltSession s, Show st) {
        String db = st.database() != null ? st.database() : s.database();
        if (db == null) throw new SqlException(ErrorCode.ER_NO_DB);
        Pattern like = st.likePattern() == null ? null : dev.basalt.engine.routine.ProgramShow.likePattern(st.likePattern());
        List<Object[]> rows = new ArrayList<>();
        for (EventDef e : s.engine().events().events(db)) {
            if (like != null && !like.matcher(e.name()).matches()) continue;
            rows.add(new Object[]{e.database(), e.name(), plain(e.definer()), e.timeZone(),
                    e.recurring() ? "RECURRING" : "ONE TIME", time(e.executeAt()), e.intervalValue(),
                    e.recurring() ? e.intervalUnit().name() : null, time(e.starts()), time(e.ends()),
                    e.status().name(), "1", CHARSET, COLLATION, COLLATION});
        }
        return rows;
    }

    public static Result showCreate(BasaltSession s, Show st) {
        String db = st.target().schema() != null ? st.target().schema() : s.database();
        if (db == null) throw new SqlException(ErrorCode.ER_NO_DB);
        EventDef e = s.engine().events().event(db, st.target().name())
                .orElseThrow(() -> ErrorCode.ER_EVENT_DOES_NOT_EXIST.error(st.target().name()));
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[]{e.name(), e.sqlMode(), e.timeZone(), createText(e), CHARSET, COLLATION, COLLATION});
        return Results.rows(Results.textColumns("Event", "sql_mode", "time_zone", "Create Event", "character_set_client",
                "collation_connection", "Database Collation"), rows);
    }

    /** information_schema.EVENTS rows, in the columns' order (see EmptyCatalogTables). */
    public static List<Object[]> informationSchemaRows(EventStore store) {
        List<Object[]> rows = new ArrayList<>();
        for (EventDef e : store.events(null)) {
            rows.add(new Object[]{"def", e.database(), e.name(), plain(e.definer()), e.timeZone(), "SQL", e.bodyText(),
                    e.recurring() ? "RECURRING" : "ONE TIME", time(e.executeAt()), e.intervalValue(),
                    e.recurring() ? e.intervalUnit().name() : null, e.sqlMode(), time(e.starts()), time(e.ends()),
                    e.status().name(), e.preserve() ? "PRESERVE" : "NOT PRESERVE", time(e.created()),
                    time(e.lastAltered()), time(e.lastExecuted()), e.comment() == null ? "" : e.comment(), "1",
                    CHARSET, COLLATION, COLLATION});
        }
        return rows;
    }
}
