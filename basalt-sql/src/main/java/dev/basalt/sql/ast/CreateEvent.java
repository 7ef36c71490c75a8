package dev.basalt.sql.ast;

/**
 * CREATE [DEFINER = user] EVENT [IF NOT EXISTS] name ON SCHEDULE schedule
 * [ON COMPLETION [NOT] PRESERVE] [ENABLE | DISABLE | DISABLE ON SLAVE] [COMMENT 'text'] DO body.
 * @param definer the DEFINER clause as written, or null
 * @param status the status written, or null (ENABLE)
 * @param comment the COMMENT, or null
 * @param bodyText the body's source text, kept for SHOW CREATE EVENT and information_schema
 * @param text the whole statement's source text
 */
public record CreateEvent(String definer, QualifiedName name, boolean ifNotExists, EventSchedule schedule,
        boolean preserve, Status status, String comment, ProgramStatement body, String bodyText,
        String text) implements Statement {

    /** MySQL's STATUS values (information_schema.EVENTS.STATUS). */
    public enum Status { ENABLED, DISABLED, SLAVESIDE_DISABLED }
}
