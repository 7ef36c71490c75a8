package dev.basalt.disagg;

/** A key and its value as of some LSN (scans return these). */
public record KeyValue(byte[] key, byte[] value) {}
