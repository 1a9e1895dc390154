package dev.chronotick.text;

/**
 * Keeps text that came from outside (option values, server names, agent arguments) on one log line:
 * control characters and the Unicode line and paragraph separators are written as escapes
 * ({@code \n}, {@code \r}, {@code \t}, else {@code \}{@code uXXXX}), so a value cannot forge extra
 * log lines or split an error message.
 */
public final class OneLine {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private OneLine() {}

  /** {@code text} with line-breaking characters escaped; the same string when there are none; "" for null. */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        if (sb == null) {
          sb = new StringBuilder(text.length() + 8).append(text, 0, i);
        }
        switch (c) {
          case '\n':
            sb.append("\\n");
            break;
          case '\r':
            sb.append("\\r");
            break;
          case '\t':
            sb.append("\\t");
            break;
          default:
            sb.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF])
                .append(HEX[c & 0xF]);
        }
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? text : sb.toString();
  }
}
