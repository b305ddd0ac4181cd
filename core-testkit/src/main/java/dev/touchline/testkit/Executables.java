package dev.touchline.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** For tests that run an outside command (curl, npx): whether it is there to run. */
public final class Executables {
  private Executables() {}

  /** Whether {@code command} is an executable on the PATH. */
  public static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
