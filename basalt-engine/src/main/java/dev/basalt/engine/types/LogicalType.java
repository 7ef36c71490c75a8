package dev.basalt.engine.types;

import java.util.List;

/**
 * A stricter meaning a column or expression declares on top of its storage kind, kept in the
 * type (and so in the catalog) while the storage, the MySQL protocol and SHOW CREATE TABLE still
 * see the plain kind. Set by {@link SqlType#withLogical}, read by {@link SqlType#logical()}.
 */
public enum LogicalType {
    /**
     * A 128-bit UUID on a CHAR(36): only valid UUID text is stored, always in its canonical
     * form (lower-case hex, 8-4-4-4-12), so text order is byte order. See {@link UuidText}.
     */
    UUID(TypeKind.CHAR),
    /**
     * A JSON document declared as binary JSON (normalised: keys sorted by length then bytes,
     * duplicate keys last-wins, one canonical spacing). MySQL's JSON already stores documents
     * that way, so only the declared name differs from a plain JSON column.
     */
    BINARY_JSON(TypeKind.JSON);

    private final TypeKind kind;

    LogicalType(TypeKind kind) { this.kind = kind; }

    /** The storage kind this logical type sits on. */
    public TypeKind kind() { return kind; }

    /** The logical type recorded in a type's {@code values} (its one entry, for the kinds that have no other use for it). */
    static LogicalType of(TypeKind kind, List<String> values) {
        if (values.size() != 1 || (kind != TypeKind.CHAR && kind != TypeKind.JSON)) return null;
        for (LogicalType l : values()) if (l.kind == kind && l.name().equals(values.get(0))) return l;
        return null;
    }
}
