package dev.basalt.sql.ast;

/**
 * ALTER [DEFINER = user] EVENT name [ON SCHEDULE schedule] [ON COMPLETION [NOT] PRESERVE]
 * [RENAME TO name] [ENABLE | DISABLE | DISABLE ON SLAVE] [COMMENT 'text'] [DO body].
 * Every null field was not written and keeps the event's current value.
 */
public record AlterEvent(String definer, QualifiedName name, EventSchedule schedule, Boolean preserve,
        QualifiedName renameTo, CreateEvent.Status status, String comment, ProgramStatement body,
        String bodyText) implements Statement {
}
