/** The WAL service role of disaggregated storage: a replicated log of commit records (to be built). */
package dev.basalt.safekeeper;
