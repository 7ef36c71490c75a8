package dev.basalt.engine.routine;

import dev.basalt.engine.catalog.TableDef;

/**
 * The rows a trigger sees: OLD (UPDATE, DELETE) and NEW (INSERT, UPDATE). A BEFORE trigger may
 * change NEW in place; the statement then writes the changed row.
 */
record TriggerRow(TableDef table, Object[] oldRow, Object[] newRow, boolean newWritable) {
}
