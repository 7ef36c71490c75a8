package dev.basalt.sql.ast;

/**
 * Statements about accounts and privileges (CREATE/ALTER/DROP/RENAME USER, SET PASSWORD,
 * GRANT, REVOKE). Kept as one sealed family so the statement list grows by one entry only.
 */
public sealed interface AccountStatement extends Statement
        permits CreateUser, AlterUser, DropUser, RenameUser, SetPassword, Grant, Revoke, ShowGrants,
                CreateRole, DropRole, SetRole, RevokeRole, ShowCreateUser, AlterInstance {
}
