/**
 * Remote MySQL servers behind Basalt. {@code passthrough}: the whole server fronts one MySQL,
 * relaying client commands on a backend connection per client session; {@code cache}: a result
 * cache for those reads with exact invalidation by writes that pass through Basalt.
 * Depends on the engine and the MySQL protocol module; neither knows this module.
 */
package dev.basalt.remote;
