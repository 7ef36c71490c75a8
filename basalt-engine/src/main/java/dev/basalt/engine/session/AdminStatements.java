package dev.basalt.engine.session;

import dev.basalt.sql.ast.AlterTable;
import dev.basalt.sql.ast.CreateIndex;
import dev.basalt.sql.ast.DropIndex;
import dev.basalt.sql.ast.Statement;
import dev.basalt.sql.ast.TableMaintenance;

/**
 * MySQL's "administrative statements" for the slow log: ALTER TABLE, ANALYZE TABLE, CHECK TABLE,
 * CREATE INDEX, DROP INDEX, OPTIMIZE TABLE and REPAIR TABLE. They reach the slow log only with
 * log_slow_admin_statements ON (OFF by default, as in MySQL 8), since a slow table rebuild is
 * expected and would drown the queries the log is read for. CHECKSUM TABLE is not one of them.
 */
final class AdminStatements {

    private AdminStatements() {}

    static boolean is(Statement st) {
        return switch (st) {
            case AlterTable a -> true;
            case CreateIndex c -> true;
            case DropIndex d -> true;
            case TableMaintenance m -> m.operation() != TableMaintenance.Operation.CHECKSUM;
            case null, default -> false;
        };
    }
}
