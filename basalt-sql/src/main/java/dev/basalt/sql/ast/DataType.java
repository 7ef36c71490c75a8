package dev.basalt.sql.ast;

import java.util.List;

/**
 * A column data type as written.
 * @param length display width, length, precision or fsp, or null when not written
 * @param scale DECIMAL / FLOAT(m,d) scale, or null
 * @param charset CHARACTER SET / CHARSET on the type (or utf8mb3 for NATIONAL), or null
 * @param collation COLLATE on the type or column, or null
 * @param binary the {@code BINARY} attribute of character types (use the _bin collation)
 * @param values ENUM / SET members (decoded), empty otherwise
 */
public record DataType(TypeName name, Long length, Integer scale, boolean unsigned, boolean zerofill,
        String charset, String collation, boolean binary, List<String> values) {
}
