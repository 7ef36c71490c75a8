package dev.basalt.engine.plan;

import java.util.List;
import java.util.function.Supplier;

/** Tables computed on the fly (information_schema). */
public interface VirtualTables {

    /** A virtual table: its columns and a row source evaluated at scan time. */
    record Table(List<PlanColumn> columns, Supplier<List<Object[]>> rows) {}

    /** The table, or null when {@code schema.name} is not virtual. */
    Table find(String schema, String name);
}
