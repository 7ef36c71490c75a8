package dev.basalt.sql.ast;

import java.util.List;

/**
 * One privilege of GRANT/REVOKE, upper-cased with single spaces ({@code "SELECT"},
 * {@code "CREATE VIEW"}, {@code "ALL"}), with its column list (empty when none).
 */
public record PrivilegeItem(String name, List<String> columns) {
}
