package dev.chronotick.agent.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads fields of the CLI's one-object JSON output ({@code status --json}, {@code query --json}):
 * the first occurrence of a key is the top-level one (the top-level fields come before the {@code
 * servers} array), and the array's elements are flat objects.
 */
final class JsonFields {
  private static final Pattern SERVER_OBJECT = Pattern.compile("\\{[^{}]*\\}");

  private JsonFields() {}

  /** The output is exactly one JSON object on one line. */
  static String oneObject(String stdout) {
    String json = stdout.trim();
    if (!json.startsWith("{") || !json.endsWith("}") || json.contains("\n")) {
      throw new AssertionError("expected one JSON object on one line, got:\n" + stdout);
    }
    return json;
  }

  static boolean has(String json, String key) {
    return json.contains("\"" + key + "\":");
  }

  static double number(String json, String key) {
    Matcher m =
        Pattern.compile(
                "\"" + Pattern.quote(key) + "\":(-?[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)")
            .matcher(json);
    if (!m.find()) {
      throw new AssertionError("no number '" + key + "' in " + json);
    }
    return Double.parseDouble(m.group(1));
  }

  static String string(String json, String key) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\":\"([^\"]*)\"").matcher(json);
    if (!m.find()) {
      throw new AssertionError("no string '" + key + "' in " + json);
    }
    return m.group(1);
  }

  /** The flat objects of the {@code servers} array. */
  static List<String> servers(String json) {
    int start = json.indexOf("\"servers\":[");
    if (start < 0) {
      throw new AssertionError("no servers array in " + json);
    }
    int end = json.indexOf(']', start);
    List<String> servers = new ArrayList<>();
    Matcher m = SERVER_OBJECT.matcher(json.substring(start, end + 1));
    while (m.find()) {
      servers.add(m.group());
    }
    return servers;
  }

  /** The element of {@code servers} whose address is {@code address}. */
  static String server(String json, String address) {
    for (String server : servers(json)) {
      if (server.contains("\"address\":\"" + address + "\"")) {
        return server;
      }
    }
    throw new AssertionError("no server " + address + " in " + json);
  }
}
