/**
 * Constraints applied when rows are written: CHECK constraints and FOREIGN KEYs (checks of the
 * child side, ON DELETE / ON UPDATE actions on the parent side). Every statement that changes the
 * rows of a native table writes them through {@link dev.basalt.engine.constraint.TableWriter},
 * inside the statement's transaction, so a failing check or cascade is undone with the statement.
 */
package dev.basalt.engine.constraint;
