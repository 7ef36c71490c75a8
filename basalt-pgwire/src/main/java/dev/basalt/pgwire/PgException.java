package dev.basalt.pgwire;

/** An error raised by the protocol layer itself, with PostgreSQL's fields (engine errors are SqlExceptions). */
final class PgException extends RuntimeException {
    final PgErrors.Fields fields;

    PgException(String code, String message) {
        super(message);
        this.fields = PgErrors.Fields.error(code, message);
    }

    static PgException inFailedTransaction() {
        return new PgException("25P02", "current transaction is aborted, commands ignored until end of transaction block");
    }
}
