/**
 * Rows and index entries of native tables on the KV level: insert/update/delete with PRIMARY and
 * UNIQUE checks (1062), scans in primary key order, index range scans, AUTO_INCREMENT and hidden
 * row ids. Entry points: {@link dev.basalt.engine.table.Tables} (one per engine) hands out a
 * {@link dev.basalt.engine.table.TableStore} per table definition.
 */
package dev.basalt.engine.table;
