package dev.basalt.engine.expr;

/** Binary operators the binder passes to {@link Exprs#binary}. */
public enum BinaryOp {
    ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"), INT_DIVIDE("DIV"), MOD("%"),
    EQ("="), NULL_SAFE_EQ("<=>"), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">="),
    AND("and"), OR("or"), XOR("xor"),
    BIT_AND("&"), BIT_OR("|"), BIT_XOR("^"), SHIFT_LEFT("<<"), SHIFT_RIGHT(">>"),
    /** || under PIPES_AS_CONCAT (otherwise the binder passes OR). */
    CONCAT("||");

    private final String symbol;

    BinaryOp(String symbol) { this.symbol = symbol; }

    public String symbol() { return symbol; }

    public boolean isComparison() { return ordinal() >= EQ.ordinal() && ordinal() <= GE.ordinal(); }
}
