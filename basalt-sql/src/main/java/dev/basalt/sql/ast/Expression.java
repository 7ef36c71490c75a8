package dev.basalt.sql.ast;

/**
 * A scalar (or row) expression. The parser does no constant folding: {@code -1} is
 * {@code UnaryOp(NEGATE, NumberLiteral("1"))}; the binder may fold it.
 */
public sealed interface Expression
        permits NumberLiteral, StringLiteral, HexLiteral, BitLiteral, BooleanLiteral, NullLiteral, TemporalLiteral, Parameter, ColumnRef, Variable, AssignUserVariable, DefaultExpr, ValuesRef, UnaryOp, BinaryOp, IsTest, Like, Regexp, Between, InList, InSubquery, Exists, ScalarSubquery, QuantifiedComparison, RowConstructor, Case, Cast, ConvertUsing, Collate, IntervalExpr, Extract, TimestampFunction, Trim, FunctionCall, AggregateCall, WindowFunction {
}
