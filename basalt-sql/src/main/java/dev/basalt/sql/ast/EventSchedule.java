package dev.basalt.sql.ast;

/**
 * ON SCHEDULE of CREATE / ALTER EVENT: either {@code AT at} (one-time) or {@code EVERY every unit
 * [STARTS starts] [ENDS ends]} (recurring). The times are expressions, evaluated when the statement
 * runs (MySQL stores the resulting timestamps, not the expressions).
 * @param at the one-time execution time, or null for a recurring event
 * @param every the interval's quantity, or null for a one-time event
 * @param unit the interval's unit (recurring only)
 * @param starts STARTS, or null (recurring only; defaults to the creation time)
 * @param ends ENDS, or null (recurring only)
 */
public record EventSchedule(Expression at, Expression every, IntervalUnit unit, Expression starts, Expression ends) {
}
