package dev.tokenkeep.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The token files of {@code shared/fixtures}, which lives beside the repository (CI clones it
 * there): found by walking up from the module folder, or named by {@code TOKENKEEP_FIXTURES}.
 */
final class Fixtures {
  private Fixtures() {}

  static Path folder() {
    String named = System.getenv("TOKENKEEP_FIXTURES");
    if (named != null && !named.isEmpty()) {
      return Path.of(named);
    }
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path fixtures = dir.resolve("shared").resolve("fixtures");
      if (Files.isDirectory(fixtures)) {
        return fixtures;
      }
    }
    throw new IllegalStateException(
        "no shared/fixtures above " + start + "; clone the repository with shared/ beside it, "
            + "or set TOKENKEEP_FIXTURES to the fixtures folder");
  }

  /** Every fixture token file, by name. */
  static List<String> csvFiles() throws IOException {
    try (Stream<Path> files = Files.list(folder())) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv")).sorted()
          .collect(Collectors.toList());
    }
  }

  /** A copy of fixture {@code name} in {@code folder}, as {@code tokens.csv}, writable. */
  static Path copy(String name, Path folder) throws IOException {
    Path copy = folder.resolve("tokens.csv");
    Files.write(copy, Files.readAllBytes(folder().resolve(name)));
    return copy;
  }
}
