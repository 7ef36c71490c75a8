package dev.basalt.storage.lmdb;

/** TEMP stub (wip-server); the real enum comes from wip-store. */
public enum Durability { FULL, RELAXED }
