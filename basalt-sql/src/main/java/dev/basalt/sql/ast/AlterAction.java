package dev.basalt.sql.ast;

/**
 * One comma-separated action of ALTER TABLE.
 */
public sealed interface AlterAction
        permits AddColumns, AddConstraint, DropColumn, ChangeColumn, RenameColumn, RenameTo, DropConstraint, AlterColumnDefault, RenameIndex, SetKeysEnabled, ChangeTableOptions, ConvertCharset,
        AlterPartitions {
}
