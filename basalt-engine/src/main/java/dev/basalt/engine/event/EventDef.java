package dev.basalt.engine.event;

import dev.basalt.sql.ast.CreateEvent;
import dev.basalt.sql.ast.IntervalUnit;
import dev.basalt.sql.ast.ProgramStatement;

import java.time.LocalDateTime;

/**
 * One event as stored: its schedule with the times already evaluated (as MySQL keeps them, in
 * the event's time zone), its body and its bookkeeping.
 * @param executeAt AT of a one-time event, else null
 * @param intervalValue EVERY's quantity as MySQL shows it ("5", "1:30"), null for a one-time event
 * @param intervalUnit EVERY's unit, null for a one-time event
 * @param starts STARTS of a recurring event (its creation time when not written), else null
 * @param ends ENDS, or null
 * @param lastExecuted when the scheduler last started it, or null
 */
public record EventDef(String database, String name, String definer, String timeZone, String sqlMode,
        LocalDateTime executeAt, String intervalValue, IntervalUnit intervalUnit, LocalDateTime starts,
        LocalDateTime ends, boolean preserve, CreateEvent.Status status, String comment, String bodyText,
        ProgramStatement body, LocalDateTime created, LocalDateTime lastAltered, LocalDateTime lastExecuted) {

    public boolean recurring() { return intervalUnit != null; }

    EventDef withLastExecuted(LocalDateTime t) {
        return new EventDef(database, name, definer, timeZone, sqlMode, executeAt, intervalValue, intervalUnit, starts,
                ends, preserve, status, comment, bodyText, body, created, lastAltered, t);
    }

    EventDef withStatus(CreateEvent.Status s) {
        return new EventDef(database, name, definer, timeZone, sqlMode, executeAt, intervalValue, intervalUnit, starts,
                ends, preserve, s, comment, bodyText, body, created, lastAltered, lastExecuted);
    }
}
