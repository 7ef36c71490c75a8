package dev.basalt.sql.ast;

/**
 * A possibly schema-qualified object name ({@code db.t} or {@code t}).
 * @param schema the schema (database) qualifier as written, or null
 * @param name the object name as written
 */
public record QualifiedName(String schema, String name) {
    public static QualifiedName of(String name) {
        return new QualifiedName(null, name);
    }

    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
