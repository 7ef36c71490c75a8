package dev.basalt.sql.parser;

/** The word rules of one SQL dialect. */
public interface Dialect {
    /** True when the keyword cannot be used as an unquoted identifier. */
    boolean isReserved(Keyword keyword);
}
