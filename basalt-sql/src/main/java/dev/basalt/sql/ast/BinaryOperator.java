package dev.basalt.sql.ast;

/**
 * An infix operator. {@code ||} is OR and {@code &&} is AND (sql_mode without PIPES_AS_CONCAT);
 * {@code !=} is NE; {@code MOD} is MOD.
 */
public enum BinaryOperator {
    OR("OR"), XOR("XOR"), AND("AND"),
    EQ("="), NULL_SAFE_EQ("<=>"), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">="),
    BIT_OR("|"), BIT_AND("&"), BIT_XOR("^"), SHIFT_LEFT("<<"), SHIFT_RIGHT(">>"),
    ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"), INT_DIVIDE("DIV"), MOD("%");

    private final String symbol;

    BinaryOperator(String symbol) {
        this.symbol = symbol;
    }

    /** The canonical SQL spelling. */
    public String symbol() {
        return symbol;
    }

    public boolean isComparison() {
        return ordinal() >= EQ.ordinal() && ordinal() <= GE.ordinal();
    }

    public boolean isLogical() {
        return this == OR || this == XOR || this == AND;
    }
}
