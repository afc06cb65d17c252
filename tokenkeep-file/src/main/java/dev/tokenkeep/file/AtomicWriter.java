package dev.tokenkeep.file;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Replaces a file so that a crash at any instant leaves the old content or the new, whole: write a
 * temporary file in the same folder (created 0600 before any byte is written), force it to disk,
 * rename it over the target (atomic within one file system), then force the folder so that the
 * rename itself survives a power loss.
 *
 * <p>Callers hold the store's write lock: temporary files are only ever written under it, so any
 * temporary file found while holding it was left by a crash and may be removed.
 */
final class AtomicWriter {
  private static final String TEMP_SUFFIX = ".tmp";
  private static final int RANDOM_BYTES = 8;
  private static final SecureRandom RANDOM = new SecureRandom();

  private AtomicWriter() {}

  /** Writes the new content of a file. */
  @FunctionalInterface
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Replaces {@code target} by what {@code content} writes. The new file is 0600 whatever the old
   * one was, so the first save makes a token file that others could read private.
   */
  static void replace(Path target, Content content) throws IOException {
    Path folder = target.getParent();
    Path temp = folder.resolve(tempPrefix(target) + HexFormat.of().formatHex(randomBytes()) + TEMP_SUFFIX);
    OwnerOnly.createFile(temp);
    boolean renamed = false;
    try {
      // FileOutputStream, not a FileChannel: an interrupted caller must not abort a save midway.
      try (FileOutputStream file = new FileOutputStream(temp.toFile())) {
        OutputStream out = new BufferedOutputStream(file, 1 << 16);
        content.writeTo(out);
        out.flush();
        file.getFD().sync();
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      renamed = true;
    } finally {
      if (!renamed) {
        Files.deleteIfExists(temp);
      }
    }
    syncFolder(folder);
  }

  /** Temporary files of {@code target} left in its folder, by name. */
  static List<Path> leftovers(Path target) throws IOException {
    String prefix = tempPrefix(target);
    int nameLength = prefix.length() + 2 * RANDOM_BYTES + TEMP_SUFFIX.length();
    DirectoryStream.Filter<Path> ours = file -> {
      String name = file.getFileName().toString();
      return name.length() == nameLength && name.startsWith(prefix) && name.endsWith(TEMP_SUFFIX);
    };
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(target.getParent(), ours)) {
      files.forEach(found::add);
    } catch (NoSuchFileException e) {
      return List.of();
    }
    return found;
  }

  /** Removes the temporary files a crash left; call only while holding the write lock. */
  static void removeLeftovers(Path target) throws IOException {
    for (Path file : leftovers(target)) {
      Files.deleteIfExists(file);
    }
  }

  private static String tempPrefix(Path target) {
    return "." + target.getFileName() + ".";
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  /** Forces the folder's entry list to disk; a channel would be closed by an interrupt, so clear it. */
  private static void syncFolder(Path folder) throws IOException {
    if (!OwnerOnly.isPosix(folder)) {
      return; // folders cannot be opened for syncing there; NTFS journals the rename itself
    }
    boolean interrupted = Thread.interrupted();
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
