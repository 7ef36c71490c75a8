package dev.basalt.sql.parser;

/** Lexical token classes. */
public enum TokenType {
    /** An unquoted word; {@link Token#keyword} is set when it is a known keyword. */
    IDENT,
    /** A backtick-quoted identifier (or a double-quoted one under ANSI_QUOTES). */
    QUOTED_IDENT,
    STRING,
    /** N'...' */
    NATIONAL_STRING,
    /** X'..' or 0x.. ; the value is the hex digits. */
    HEX,
    /** B'..' or 0b.. ; the value is the binary digits. */
    BIT,
    INTEGER, DECIMAL, APPROX,
    /** @name, @'name': the value is the name. */
    USER_VAR,
    /** @@ (the variable name follows as its own tokens). */
    AT_AT,
    /** ? */
    PARAM,
    LPAREN, RPAREN, LBRACE, RBRACE, COMMA, SEMICOLON, DOT,
    EQ, NULL_SAFE_EQ, LT, LE, GT, GE, NE, BANG, TILDE,
    PLUS, MINUS, STAR, SLASH, PERCENT, CARET, AMP, AMP_AMP, PIPE, PIPE_PIPE, SHIFT_LEFT, SHIFT_RIGHT,
    ASSIGN, COLON,
    /** -> and ->> (JSON path operators). */
    ARROW, DOUBLE_ARROW,
    /** Something the lexer could not read (unterminated string, stray character). */
    ERROR,
    EOF
}
