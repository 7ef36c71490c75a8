package dev.basalt.sql.ast;

/**
 * One parsed SQL statement. The root of every statement tree.
 * Conventions shared by the whole AST: identifiers keep their source case (backticks removed);
 * nullable fields are documented as such and mean "clause absent"; lists are never null
 * (empty when absent) and are unmodifiable.
 */
public sealed interface Statement
        permits Query, Insert, Update, Delete, CreateDatabase, AlterDatabase, DropDatabase, CreateTable, DropTable, TruncateTable, RenameTable, CreateIndex, DropIndex, AlterTable, CreateView, DropView, Use, SetStatement, SetTransaction, Show, Describe, Explain, StartTransaction, Commit, Rollback, Savepoint, ReleaseSavepoint, LockTables, UnlockTables, Kill, Shutdown, Do, Flush, TableMaintenance, Prepare, Execute, DeallocatePrepare, SelectInto, LoadData,
                CreateTrigger, DropTrigger, CreateRoutine, DropRoutine, Call, AlterRoutine,
                AccountStatement,
                CreateEvent, AlterEvent, DropEvent {
}
