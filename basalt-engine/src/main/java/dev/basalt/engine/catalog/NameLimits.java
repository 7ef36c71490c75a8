package dev.basalt.engine.catalog;

import dev.basalt.engine.api.ErrorCode;

/**
 * MySQL's length limit for the names the catalog stores (databases, tables, views, columns,
 * indexes): 64 characters, else 1059 "Identifier name '...' is too long". Checked where names
 * enter the catalog, so every DDL path gets it.
 */
public final class NameLimits {
    /** MySQL's NAME_CHAR_LEN. */
    public static final int MAX_NAME_CHARS = 64;

    private NameLimits() {}

    /** Throws 1059 when {@code name} is longer than 64 characters; null passes (no name). */
    public static String check(String name) {
        if (name != null && name.codePointCount(0, name.length()) > MAX_NAME_CHARS) {
            throw ErrorCode.ER_TOO_LONG_IDENT.error(name);
        }
        return name;
    }
}
