/** The compute side of disaggregated storage: a KvStore over the WAL service and the page server (to be built). */
package dev.basalt.storage.neon;
