/** Small text helpers shared by the stages (no dependencies of their own). */
package dev.chronotick.text;
