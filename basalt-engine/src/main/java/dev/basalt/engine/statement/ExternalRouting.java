package dev.basalt.engine.statement;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.catalog.CatalogSnapshot;
import dev.basalt.engine.external.ExternalDatabase;
import dev.basalt.engine.external.ExternalDatabases;
import dev.basalt.engine.external.ExternalTransaction;
import dev.basalt.engine.external.Outcome;
import dev.basalt.engine.plan.AstWalker;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.sql.ast.*;
import dev.basalt.sql.parser.Lexer;
import dev.basalt.sql.parser.Token;
import dev.basalt.sql.parser.TokenType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Statements that run whole on an external database: DML, DDL, SHOW COLUMNS / INDEX / CREATE
 * TABLE / TABLE STATUS and DESCRIBE whose tables all live in one external database. The text goes
 * to the remote as written, with qualifiers naming the database by its local alias rewritten to
 * the remote's name; the remote's own semantics (defaults, AUTO_INCREMENT, triggers, errors) apply.
 * Queries are not routed here: they go through the planner, where an external table is one join
 * input among others.
 */
final class ExternalRouting {
    private ExternalRouting() {}

    /** The statement's result when it ran on an external database; null when the engine runs it. */
    static Result route(BasaltSession s, Statement st, String text) {
        if (!routable(st)) return null;
        CatalogSnapshot cat = s.engine().catalog().snapshot(s.currentTransaction());
        // the common case costs one pass over the (few) databases, not a walk of the statement
        if (!cat.hasExternalDatabase()) return null;
        ExternalDatabases externals = s.engine().externals();
        // Statements changing local objects stay local, even when they read remote tables
        // (INSERT INTO local SELECT ... FROM remote, CREATE VIEW local AS ..., DELETE ... WHERE id IN
        // (SELECT ... FROM remote)): the planner reads the remote tables.
        boolean externalTarget = false;
        for (QualifiedName n : targets(st)) externalTarget |= externals.database(cat, dbOf(s, n.schema())) != null;
        if (!externalTarget) return null;
        Set<String> external = new LinkedHashSet<>();
        boolean local = false;
        for (String db : databases(s, st)) {
            if (db != null && externals.database(cat, db) != null) external.add(db);
            else local = true;
        }
        if (external.isEmpty()) return null;
        if (external.size() > 1 || local) {
            // INSERT ... SELECT into an external table from elsewhere: the engine reads, the remote inserts
            if (st instanceof Insert i && i.source() instanceof InsertSelect
                    && externals.database(cat, dbOf(s, i.table().schema())) != null) {
                return null;
            }
            throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET,
                    "this statement mixing tables of a remote database with other tables");
        }
        String alias = external.iterator().next();
        ExternalDatabase db = externals.database(cat, alias);
        boolean ddl = !(st instanceof Insert || st instanceof Update || st instanceof Delete
                || st instanceof Show || st instanceof Describe);
        boolean write = st instanceof Insert || st instanceof Update || st instanceof Delete;
        if ((ddl || write) && db.readOnly()) {
            throw new SqlException(ErrorCode.ER_OPEN_AS_READONLY, targets(st).getFirst().name());
        }
        if (ddl) s.transaction().implicitCommit();
        String sql = switch (st) {
            case Show sh -> showText(sh);
            case Describe d -> "SHOW COLUMNS FROM " + TypeText.quoteIdent(d.table().name())
                    + (d.column() != null ? " LIKE " + quoteString(d.column()) : "");
            default -> rewrite(text, alias, db.quotedName(), s);
        };
        if (write && s.transaction().isReadOnly()) throw new SqlException(ErrorCode.ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION);
        ExternalTransaction txn = ddl ? null : s.transaction().external(db, write);
        Outcome o = db.execute(sql, s.clientFoundRows(), txn);
        for (Outcome.Warning w : o.warnings()) {
            s.warn(w.level().equals("Note") ? dev.basalt.engine.expr.EvalContext.Level.NOTE
                    : dev.basalt.engine.expr.EvalContext.Level.WARNING, w.code(), w.message());
        }
        if (o.hasRows()) return Results.rows(Results.textColumns(o.columns().toArray(new String[0])), o.rows());
        if (o.lastInsertId() > 0) s.setLastInsertId(o.lastInsertId());
        return new Result.Update(o.affectedRows(), o.lastInsertId(), s.currentWarnings().size(), o.info());
    }

    private static boolean routable(Statement st) {
        return switch (st) {
            case Insert i -> true;
            case Update u -> true;
            case Delete d -> true;
            case CreateTable c -> true;
            case DropTable d -> true;
            case TruncateTable t -> true;
            case AlterTable a -> true;
            case CreateIndex c -> true;
            case DropIndex d -> true;
            case RenameTable r -> true;
            case CreateView v -> true;
            case DropView v -> true;
            case Describe d -> true;
            case Show sh -> sh.kind() == ShowKind.COLUMNS || sh.kind() == ShowKind.INDEX
                    || sh.kind() == ShowKind.CREATE_TABLE || sh.kind() == ShowKind.TABLE_STATUS;
            default -> false;
        };
    }

    /** The objects a statement changes or describes. */
    private static List<QualifiedName> targets(Statement st) {
        return switch (st) {
            case Insert i -> List.of(i.table());
            case Update u -> baseTables(u.table());
            case Delete d -> baseTables(d.from());
            case CreateTable c -> List.of(c.name());
            case DropTable d -> d.names();
            case TruncateTable t -> List.of(t.name());
            case AlterTable a -> List.of(a.name());
            case CreateIndex c -> List.of(c.table());
            case DropIndex d -> List.of(d.table());
            case RenameTable r -> r.renames().stream().flatMap(p -> java.util.stream.Stream.of(p.from(), p.to())).toList();
            case CreateView v -> List.of(v.name());
            case DropView v -> v.names();
            case Describe d -> List.of(d.table());
            case Show sh -> List.of(new QualifiedName(sh.database() != null ? sh.database()
                    : sh.target() != null ? sh.target().schema() : null, sh.target() != null ? sh.target().name() : ""));
            default -> List.of();
        };
    }

    /** Table names of a FROM clause (not descending into subqueries: those are read, not written). */
    private static List<QualifiedName> baseTables(TableRef ref) {
        List<QualifiedName> out = new ArrayList<>();
        switch (ref) {
            case null -> { }
            case BaseTable b -> out.add(b.name());
            case Join j -> {
                out.addAll(baseTables(j.left()));
                out.addAll(baseTables(j.right()));
            }
            default -> { }
        }
        return out;
    }

    private static String dbOf(BasaltSession s, String schema) { return schema != null ? schema : s.database(); }

    /** The database of every table name in the statement (null: no default database). */
    private static List<String> databases(BasaltSession s, Statement st) {
        List<String> out = new ArrayList<>();
        if (st instanceof Show sh) {
            if (sh.target() != null) out.add(sh.database() != null ? sh.database() : dbOf(s, sh.target().schema()));
            else out.add(dbOf(s, sh.database()));
            return out;
        }
        AstWalker.any(st, n -> {
            if (n instanceof QualifiedName q) out.add(dbOf(s, q.schema()));
            return false;
        });
        return out;
    }

    private static String showText(Show sh) {
        String like = sh.likePattern() != null ? " LIKE " + quoteString(sh.likePattern()) : "";
        return switch (sh.kind()) {
            case COLUMNS -> "SHOW " + (sh.full() ? "FULL " : "") + "COLUMNS FROM " + TypeText.quoteIdent(sh.target().name()) + like;
            case INDEX -> "SHOW INDEX FROM " + TypeText.quoteIdent(sh.target().name());
            case CREATE_TABLE -> "SHOW CREATE TABLE " + TypeText.quoteIdent(sh.target().name());
            case TABLE_STATUS -> "SHOW TABLE STATUS" + like;
            default -> throw new IllegalStateException(sh.kind().toString());
        };
    }

    private static String quoteString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /**
     * Replaces {@code alias.} qualifiers (quoted or not) by the remote database's name, and the
     * {@code ?} of a prepared statement by its bound values as literals. Token-level, so strings and
     * comments are left alone.
     */
    static String rewrite(String text, String alias, String remoteQuoted, BasaltSession s) {
        Lexer lexer = new Lexer(text, s.parserOptions());
        Object[] params = dev.basalt.engine.plan.BoundParameters.current();
        int param = 0;
        StringBuilder out = new StringBuilder();
        int copied = 0;
        Token prev = null;
        for (Token t = lexer.next(); ; t = lexer.next()) {
            if (t.is(TokenType.PARAM) && params != null && param < params.length) {
                out.append(text, copied, t.start).append(SqlLiteral.of(params[param++]));
                copied = t.end;
            }
            if (t.is(TokenType.DOT) && prev != null && (prev.is(TokenType.IDENT) || prev.is(TokenType.QUOTED_IDENT))
                    && prev.value().equals(alias)) {
                out.append(text, copied, prev.start).append(remoteQuoted);
                copied = prev.end;
            }
            if (t.is(TokenType.EOF) || t.is(TokenType.ERROR)) break;
            prev = t;
        }
        out.append(text, copied, text.length());
        return out.toString();
    }
}
