package dev.basalt.sql.ast;

import java.util.List;

/**
 * An index or key: PRIMARY KEY, UNIQUE [KEY|INDEX], KEY | INDEX, FULLTEXT, SPATIAL. USING BTREE|HASH,
 * KEY_BLOCK_SIZE, WITH PARSER, VISIBLE are accepted and dropped.
 * @param constraintName the name after CONSTRAINT, or null
 * @param name the index name, or null
 */
public record IndexDefinition(IndexKind kind, String constraintName, String name, List<KeyPart> parts, String comment, boolean invisible) implements TableElement {
}
