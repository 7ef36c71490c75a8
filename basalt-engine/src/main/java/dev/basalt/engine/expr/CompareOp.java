package dev.basalt.engine.expr;

/** Comparison operators, with the helpers the planner needs to normalise `const op col`. */
public enum CompareOp {
    EQ("="), NULL_SAFE_EQ("<=>"), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

    private final String symbol;

    CompareOp(String symbol) { this.symbol = symbol; }

    public String symbol() { return symbol; }

    /** The operator with operands swapped: a < b  <=>  b > a. */
    public CompareOp flip() {
        return switch (this) {
            case LT -> GT; case LE -> GE; case GT -> LT; case GE -> LE;
            default -> this;
        };
    }

    /** Whether a three-way comparison result satisfies the operator. */
    public boolean holds(int cmp) {
        return switch (this) {
            case EQ, NULL_SAFE_EQ -> cmp == 0;
            case NE -> cmp != 0;
            case LT -> cmp < 0;
            case LE -> cmp <= 0;
            case GT -> cmp > 0;
            case GE -> cmp >= 0;
        };
    }

    static CompareOp of(BinaryOp op) {
        return switch (op) {
            case EQ -> EQ; case NULL_SAFE_EQ -> NULL_SAFE_EQ; case NE -> NE;
            case LT -> LT; case LE -> LE; case GT -> GT; case GE -> GE;
            default -> throw new IllegalArgumentException(op.name());
        };
    }
}
