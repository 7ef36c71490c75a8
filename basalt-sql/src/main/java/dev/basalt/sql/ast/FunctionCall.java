package dev.basalt.sql.ast;

import java.util.List;

/**
 * A call of a (non-aggregate) function. The name keeps its source case (compare case-insensitively);
 * keyword functions written without parentheses ({@code CURRENT_TIMESTAMP}, {@code CURRENT_USER},
 * {@code LOCALTIME}, ...) are reported in upper case with no args. Special syntaxes are normalized:
 * {@code SUBSTRING(x FROM a FOR b)} is SUBSTRING(x, a, b), {@code POSITION(a IN b)} is POSITION(a, b),
 * {@code x SOUNDS LIKE y} is {@code SOUNDEX(x) = SOUNDEX(y)}.
 */
public record FunctionCall(String name, List<Expression> args) implements Expression {

    /**
     * MATCH (c1, c2) AGAINST (search mode) is the call {@code MATCH AGAINST}(c1, c2, search, 'mode'), mode
     * being NATURAL, BOOLEAN or EXPANSION; no name a user can call.
     */
    public static final String MATCH_AGAINST = "MATCH AGAINST";
}
