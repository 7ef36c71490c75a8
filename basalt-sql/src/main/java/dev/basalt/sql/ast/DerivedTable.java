package dev.basalt.sql.ast;

import java.util.List;

/**
 * {@code [LATERAL] (subquery) [AS] alias [(cols)]}; MySQL requires the alias, the binder reports its absence.
 */
public record DerivedTable(Query query, String alias, List<String> columnAliases, boolean lateral) implements TableRef {
}
