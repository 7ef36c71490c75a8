package dev.basalt.sql.ast;

/**
 * A string literal. Adjacent literals ({@code 'a' 'b'}) are already concatenated; escapes are decoded
 * ({@code \\%} and {@code \\_} keep their backslash, as in MySQL).
 * @param value the decoded text
 * @param charset the introducer without underscore ({@code _utf8mb4'x'} gives {@code utf8mb4}), or null
 * @param national true for {@code N'x'} (charset utf8mb3 in MySQL)
 */
public record StringLiteral(String value, String charset, boolean national) implements Expression {
}
