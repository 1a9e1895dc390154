/**
 * One collector per host: the JVMs of a host (or of containers sharing a mounted directory) elect
 * one collector through a file lock; it publishes its state in a memory-mapped segment of its own
 * layout ({@link dev.chronotick.source.host.HostSegmentCodec}; docs/HOST_SEGMENT.md) and the others
 * read it instead of sending packets ({@link dev.chronotick.source.host.HostShareSource}).
 */
package dev.chronotick.source.host;
