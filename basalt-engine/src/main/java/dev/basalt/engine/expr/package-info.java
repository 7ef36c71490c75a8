/**
 * Bound expressions: what the binder builds (through {@link dev.basalt.engine.expr.Exprs}) and
 * the executor evaluates per row.
 *
 * <ul>
 *   <li>Values follow the Java mapping of {@link dev.basalt.engine.types.TypeKind}; SQL booleans
 *       are {@code Long} 1 / 0, SQL NULL is {@code null}.</li>
 *   <li>All type decisions happen at build time: the comparison rule, the arithmetic domain
 *       (BIGINT, BIGINT UNSIGNED, DECIMAL, DOUBLE), the function implementation.</li>
 *   <li>Errors are {@link dev.basalt.engine.api.SqlException} with MySQL's errno (1690 overflow,
 *       1305 unknown function, 1582 argument count, 1241 row operand); soft problems are
 *       warnings on the {@link dev.basalt.engine.expr.EvalContext}.</li>
 *   <li>DML in strict mode: evaluate with {@link dev.basalt.engine.expr.StrictDmlContext#of} and
 *       store values through {@link dev.basalt.engine.expr.Coercion#toColumn}.</li>
 *   <li>The planner inspects {@link dev.basalt.engine.expr.ColumnRef}, {@link dev.basalt.engine.expr.Literal},
 *       {@link dev.basalt.engine.expr.Comparison}, {@link dev.basalt.engine.expr.And}, {@link dev.basalt.engine.expr.Or},
 *       {@link dev.basalt.engine.expr.Not}, {@link dev.basalt.engine.expr.InList}, {@link dev.basalt.engine.expr.Between},
 *       {@link dev.basalt.engine.expr.IsNull} and {@link dev.basalt.engine.expr.Like}; any node can be rebuilt over new
 *       children with {@link dev.basalt.engine.expr.Expr#withChildren}.</li>
 * </ul>
 */
package dev.basalt.engine.expr;
