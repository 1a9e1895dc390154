package dev.chronotick.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A process's IPv4/IPv6 UDP and TCP sockets as the Linux kernel sees them: the socket inodes behind
 * {@code /proc/<pid>/fd/*} joined with the rows of {@code /proc/<pid>/net/{udp,udp6,tcp,tcp6}}. For
 * "nothing listening" checks that do not trust the code under test's own bookkeeping.
 */
public final class ProcSockets {
  /** The state column of a TCP socket in LISTEN. */
  public static final String TCP_LISTEN = "0A";

  private ProcSockets() {}

  /** One socket of the process. */
  public static final class KernelSocket {
    public final long inode;
    public final boolean udp;
    public final String table;
    public final int localPort;
    public final String state;

    KernelSocket(long inode, boolean udp, String table, int localPort, String state) {
      this.inode = inode;
      this.udp = udp;
      this.table = table;
      this.localPort = localPort;
      this.state = state;
    }

    public boolean listening() {
      return !udp && TCP_LISTEN.equals(state);
    }

    @Override
    public String toString() {
      return table + " port " + localPort + " state " + state + " inode " + inode;
    }
  }

  /** True on a Linux with a readable {@code /proc}. */
  public static boolean available() {
    return Files.isReadable(Paths.get("/proc/net/udp"))
        && Files.isDirectory(Paths.get("/proc/self/fd"));
  }

  /** This process's sockets, by inode. */
  public static Map<Long, KernelSocket> ofThisProcess() throws IOException {
    return of("self");
  }

  /** The sockets of process {@code pid} (same user), by inode. */
  public static Map<Long, KernelSocket> ofProcess(long pid) throws IOException {
    return of(Long.toString(pid));
  }

  /** Those of {@code sockets} in TCP LISTEN state. */
  public static List<KernelSocket> listening(Map<Long, KernelSocket> sockets) {
    List<KernelSocket> out = new ArrayList<>();
    for (KernelSocket s : sockets.values()) {
      if (s.listening()) {
        out.add(s);
      }
    }
    return out;
  }

  private static Map<Long, KernelSocket> of(String proc) throws IOException {
    Set<Long> inodes = socketInodes(proc);
    Map<Long, KernelSocket> out = new LinkedHashMap<>();
    for (String table : new String[] {"udp", "udp6", "tcp", "tcp6"}) {
      Path path = Paths.get("/proc", proc, "net", table);
      if (!Files.isReadable(path)) {
        continue;
      }
      List<String> lines = Files.readAllLines(path);
      for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 10) {
          continue;
        }
        long inode = Long.parseLong(f[9]);
        if (inode == 0 || !inodes.contains(inode)) {
          continue;
        }
        String local = f[1];
        int port = Integer.parseInt(local.substring(local.indexOf(':') + 1), 16);
        out.put(inode, new KernelSocket(inode, table.startsWith("udp"), table, port, f[3]));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private static Set<Long> socketInodes(String proc) throws IOException {
    Set<Long> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Paths.get("/proc", proc, "fd"))) {
      for (Path fd : fds) {
        String target;
        try {
          target = Files.readSymbolicLink(fd).toString();
        } catch (IOException | UncheckedIOException e) {
          continue; // closed between listing and reading
        }
        if (target.startsWith("socket:[") && target.endsWith("]")) {
          inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
        }
      }
    }
    return inodes;
  }
}
