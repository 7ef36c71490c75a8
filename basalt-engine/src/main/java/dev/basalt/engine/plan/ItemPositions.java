package dev.basalt.engine.plan;

import java.math.BigInteger;

/**
 * ORDER BY n / GROUP BY n: which select-list item an integer literal names (and the length
 * limit of select-list aliases, the other name a select list gives its items). Any digits may come
 * from a client, so the literal is never parsed as an int blindly: MySQL answers 1054 for a
 * position past the list (ORDER BY 4294967295), and reads a literal beyond BIGINT UNSIGNED as a
 * DECIMAL, i.e. a constant that names no position at all.
 */
final class ItemPositions {
    /** The literal is too big to be an integer: a constant, not a position. */
    static final int CONSTANT = -1;
    /** An integer that cannot be a position of any list (answer 1054). */
    static final int OUT_OF_RANGE = 0;

    private ItemPositions() {}

    /** 1-based position, {@link #OUT_OF_RANGE} or {@link #CONSTANT}. */
    static int of(String digits) {
        BigInteger v;
        try {
            v = new BigInteger(digits);
        } catch (NumberFormatException e) {
            return CONSTANT;
        }
        if (v.signum() >= 0 && v.bitLength() > 64) return CONSTANT;
        if (v.signum() <= 0 || v.bitLength() > 31) return OUT_OF_RANGE;
        return v.intValue();
    }

    /** MySQL's longest column alias, in characters. */
    static final int MAX_ALIAS_CHARS = 256;

    /** A select-list alias over 256 characters: 1059, as MySQL (null: no alias). */
    static void checkAlias(String alias) {
        if (alias != null && alias.codePointCount(0, alias.length()) > MAX_ALIAS_CHARS) {
            throw dev.basalt.engine.api.ErrorCode.ER_TOO_LONG_IDENT.error(alias);
        }
    }

    /**
     * The name of an unaliased expression column: its text, cut at 256 characters as MySQL cuts
     * item names (a 100 KB expression must not become a 100 KB column name in every result).
     */
    static String derivedName(String text) {
        if (text == null || text.length() <= MAX_ALIAS_CHARS) return text;
        if (text.codePointCount(0, text.length()) <= MAX_ALIAS_CHARS) return text;
        return text.substring(0, text.offsetByCodePoints(0, MAX_ALIAS_CHARS));
    }
}
