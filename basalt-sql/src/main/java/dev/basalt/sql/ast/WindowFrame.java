package dev.basalt.sql.ast;

/**
 * {@code ROWS|RANGE start} or {@code ROWS|RANGE BETWEEN start AND end}; a frame written with only
 * its start ends at CURRENT ROW.
 * @param rows true for ROWS, false for RANGE
 */
public record WindowFrame(boolean rows, FrameBound start, FrameBound end) {
}
