package dev.chronotick.agent.cli;

import java.math.BigDecimal;

/**
 * A tiny dependency-free streaming JSON writer, enough for the CLI's one-object outputs ({@code
 * query --json}, {@code status --json}). Commas and nesting are tracked, strings are escaped per
 * RFC 8259 (control characters, quotes, backslash, and U+2028/U+2029 for JavaScript safety),
 * non-finite doubles are written as {@code null} (JSON has no NaN), and the output is one line.
 *
 * <pre>{@code
 * String json = new JsonWriter().beginObject().name("a").value(1).name("b").nullValue().endObject().toString();
 * }</pre>
 *
 * Misuse (a value without a name inside an object, unbalanced ends) throws {@link
 * IllegalStateException}: it is a programming error, never a data error.
 */
public final class JsonWriter {
  private static final int MAX_DEPTH = 64;

  private final StringBuilder out = new StringBuilder(256);

  /** Per open container: 'o' object expecting a name, 'v' object expecting a value, 'a' array. */
  private final char[] stack = new char[MAX_DEPTH];

  /** Per open container: whether something was written in it. */
  private final boolean[] nonEmpty = new boolean[MAX_DEPTH];

  private int depth;
  private boolean done;

  public JsonWriter beginObject() {
    beforeValue();
    push('o');
    out.append('{');
    return this;
  }

  public JsonWriter endObject() {
    if (depth == 0 || stack[depth - 1] != 'o') {
      throw new IllegalStateException("endObject without an open object (or after a name)");
    }
    depth--;
    out.append('}');
    afterValue();
    return this;
  }

  public JsonWriter beginArray() {
    beforeValue();
    push('a');
    out.append('[');
    return this;
  }

  public JsonWriter endArray() {
    if (depth == 0 || stack[depth - 1] != 'a') {
      throw new IllegalStateException("endArray without an open array");
    }
    depth--;
    out.append(']');
    afterValue();
    return this;
  }

  /** The name of the next member of the current object. */
  public JsonWriter name(String name) {
    if (depth == 0 || stack[depth - 1] != 'o') {
      throw new IllegalStateException("name outside an object: " + name);
    }
    if (nonEmpty[depth - 1]) {
      out.append(',');
    }
    nonEmpty[depth - 1] = true;
    quote(name, out);
    out.append(':');
    stack[depth - 1] = 'v';
    return this;
  }

  /** A string, or {@code null} when {@code value} is null. */
  public JsonWriter value(String value) {
    if (value == null) {
      return nullValue();
    }
    beforeValue();
    quote(value, out);
    afterValue();
    return this;
  }

  public JsonWriter value(long value) {
    beforeValue();
    out.append(value);
    afterValue();
    return this;
  }

  /** A finite double as a JSON number; NaN and infinities become {@code null}. */
  public JsonWriter value(double value) {
    if (!Double.isFinite(value)) {
      return nullValue();
    }
    beforeValue();
    out.append(
        value == Math.rint(value) && Math.abs(value) < 1e15
            ? Long.toString((long) value)
            : Double.toString(value));
    afterValue();
    return this;
  }

  /** An exact decimal in plain notation (no exponent), or {@code null}. */
  public JsonWriter value(BigDecimal value) {
    if (value == null) {
      return nullValue();
    }
    beforeValue();
    String plain = value.stripTrailingZeros().toPlainString();
    out.append(plain);
    afterValue();
    return this;
  }

  public JsonWriter value(boolean value) {
    beforeValue();
    out.append(value);
    afterValue();
    return this;
  }

  /** A number or {@code null} when {@code value} is null. */
  public JsonWriter value(Integer value) {
    return value == null ? nullValue() : value((long) value);
  }

  public JsonWriter nullValue() {
    beforeValue();
    out.append("null");
    afterValue();
    return this;
  }

  /** The document; every container must be closed. */
  @Override
  public String toString() {
    if (depth != 0) {
      throw new IllegalStateException(depth + " unclosed container(s)");
    }
    return out.toString();
  }

  private void push(char kind) {
    if (depth == MAX_DEPTH) {
      throw new IllegalStateException("nesting deeper than " + MAX_DEPTH);
    }
    stack[depth] = kind;
    nonEmpty[depth] = false;
    depth++;
  }

  private void beforeValue() {
    if (depth == 0) {
      if (done) {
        throw new IllegalStateException("a JSON document has one top-level value");
      }
      return;
    }
    char top = stack[depth - 1];
    if (top == 'o') {
      throw new IllegalStateException("value inside an object needs a name first");
    }
    if (top == 'a') {
      if (nonEmpty[depth - 1]) {
        out.append(',');
      }
      nonEmpty[depth - 1] = true;
    }
  }

  private void afterValue() {
    if (depth == 0) {
      done = true;
    } else if (stack[depth - 1] == 'v') {
      stack[depth - 1] = 'o';
    }
  }

  /** Appends {@code s} as a JSON string literal. */
  public static void quote(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        case '\b':
          sb.append("\\b");
          break;
        case '\f':
          sb.append("\\f");
          break;
        default:
          if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            sb.append(c).append(s.charAt(++i));
          } else if (c < 0x20
              || c == 0x7f
              || c == '\u2028'
              || c == '\u2029'
              || Character.isSurrogate(c)) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }

  /** {@code s} as a JSON string literal. */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    quote(s, sb);
    return sb.toString();
  }
}
