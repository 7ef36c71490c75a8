package dev.basalt.sql.ast;

/** MySQL 8's SHUTDOWN statement: stop the server (needs the SHUTDOWN privilege). */
public record Shutdown() implements Statement {
}
