package dev.basalt.engine.routine;

import dev.basalt.sql.ast.CreateTrigger;

import java.time.LocalDateTime;

/**
 * A trigger: its parsed CREATE TRIGGER statement and its place among the triggers of the same
 * table, timing and event ({@code order}, 1-based: MySQL's ACTION_ORDER).
 */
public record TriggerDef(String database, String name, String table, CreateTrigger ast, String definer,
                         String sqlMode, LocalDateTime created, int order) {
    public CreateTrigger.Timing timing() { return ast.timing(); }

    public CreateTrigger.Event event() { return ast.event(); }

    TriggerDef withOrder(int newOrder) {
        return new TriggerDef(database, name, table, ast, definer, sqlMode, created, newOrder);
    }
}
