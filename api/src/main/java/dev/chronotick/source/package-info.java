/**
 * Sources as one idea: {@link dev.chronotick.source.SourceKind} names them, {@link
 * dev.chronotick.source.AutoSource} picks one in a documented order (ClockBound, chrony, a
 * ChronoTick host segment, NTP), fails over when it stops giving time and says which one is in use
 * and why. The adapters are the sub-packages.
 */
package dev.chronotick.source;
