/**
 * The "legacy application" of the demo: plain JDK time calls, no ChronoTick API. It is deliberately
 * outside {@code dev.chronotick}, whose classes the agent never instruments.
 */
package com.example.legacy;
