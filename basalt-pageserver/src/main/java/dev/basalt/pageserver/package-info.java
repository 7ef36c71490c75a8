/** The page server role of disaggregated storage: key-value versions at an LSN (to be built). */
package dev.basalt.pageserver;
