/** The CPU cost of NTS's authenticated exchanges, per AEAD algorithm. */
package dev.chronotick.bench.nts;
