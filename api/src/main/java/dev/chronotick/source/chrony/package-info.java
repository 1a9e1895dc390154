/**
 * A running chronyd as a source, through its command port (the monitoring protocol {@code chronyc
 * tracking} uses, UDP on 127.0.0.1:323 by default).
 *
 * <p>{@link dev.chronotick.source.chrony.ChronyWire} encodes the request and decodes the reply
 * (values in, values out, a named {@link dev.chronotick.source.chrony.ChronyRefusal} for anything
 * unusable), {@link dev.chronotick.source.chrony.ChronyClient} does the one UDP exchange, and
 * {@link dev.chronotick.source.chrony.ChronySource} turns the report into an offset and a bound for
 * the discipline. chronyd must allow our address ({@code cmdallow}; 127.0.0.1 is allowed by
 * default).
 */
package dev.chronotick.source.chrony;
