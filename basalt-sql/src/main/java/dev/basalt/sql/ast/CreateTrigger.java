package dev.basalt.sql.ast;

/**
 * CREATE [DEFINER = user] TRIGGER [IF NOT EXISTS] name {BEFORE | AFTER} {INSERT | UPDATE | DELETE}
 * ON table FOR EACH ROW [{FOLLOWS | PRECEDES} other] body.
 * @param definer the DEFINER clause as written (e.g. {@code `root`@`%`}), or null
 * @param orderTarget the trigger named by FOLLOWS / PRECEDES, or null
 * @param bodyText the body's source text, kept for SHOW CREATE TRIGGER and information_schema
 * @param text the whole statement's source text
 */
public record CreateTrigger(String definer, QualifiedName name, boolean ifNotExists, Timing timing, Event event,
        QualifiedName table, boolean follows, String orderTarget, ProgramStatement body, String bodyText,
        String text) implements Statement {

    public enum Timing { BEFORE, AFTER }

    public enum Event { INSERT, UPDATE, DELETE }
}
