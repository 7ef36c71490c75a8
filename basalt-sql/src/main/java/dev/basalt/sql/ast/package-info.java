/**
 * The SQL abstract syntax tree: immutable records under sealed interfaces.
 *
 * <p>Roots: {@link dev.basalt.sql.ast.Statement} (everything a client can send) and
 * {@link dev.basalt.sql.ast.Expression}. Queries ({@link dev.basalt.sql.ast.Query}) are statements too.
 * Other sealed families: {@link dev.basalt.sql.ast.TableRef}, {@link dev.basalt.sql.ast.SelectItem},
 * {@link dev.basalt.sql.ast.InsertSource}, {@link dev.basalt.sql.ast.TableElement},
 * {@link dev.basalt.sql.ast.AlterAction}, {@link dev.basalt.sql.ast.SetItem}.
 *
 * <p>The tree is dialect-neutral where it can be: identifiers keep their source case, literals keep
 * their source text (numbers) or decoded value (strings), and typing is left to the engine.
 * {@link dev.basalt.sql.ast.AstDump} renders any node as a compact canonical text (used by tests).
 */
package dev.basalt.sql.ast;
