/**
 * Window functions at execution time: {@link dev.basalt.engine.exec.window.WindowOperator} sorts
 * the rows of a query block once per distinct PARTITION BY / ORDER BY, then fills one output slot
 * per window function partition by partition.
 */
package dev.basalt.engine.exec.window;
