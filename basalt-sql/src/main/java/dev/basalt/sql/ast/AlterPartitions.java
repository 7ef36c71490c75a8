package dev.basalt.sql.ast;

import java.util.List;

/**
 * A partition operation of ALTER TABLE: ADD / DROP / TRUNCATE / COALESCE / REORGANIZE / REBUILD
 * PARTITION, REMOVE PARTITIONING, or PARTITION BY (repartition an existing table).
 * @param names the partitions named (DROP, TRUNCATE, REORGANIZE, REBUILD); null for TRUNCATE PARTITION ALL
 * @param partitions the new definitions of ADD PARTITION (...) and REORGANIZE ... INTO (...)
 * @param count COALESCE PARTITION n, ADD PARTITION PARTITIONS n
 * @param spec the PARTITION BY clause, or null
 */
public record AlterPartitions(Op op, List<String> names, List<PartitionSpec.Partition> partitions, int count,
        PartitionSpec spec) implements AlterAction {
    public enum Op { ADD, DROP, TRUNCATE, COALESCE, REORGANIZE, REBUILD, REMOVE, PARTITION_BY }
}
