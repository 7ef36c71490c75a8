package dev.basalt.sql.ast;

import java.util.List;

/**
 * ANALYZE / OPTIMIZE / CHECK / REPAIR / CHECKSUM TABLE t, ... (options accepted and dropped).
 */
public record TableMaintenance(Operation operation, List<QualifiedName> tables) implements Statement {
    public enum Operation { ANALYZE, OPTIMIZE, CHECK, REPAIR, CHECKSUM }
}
