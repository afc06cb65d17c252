package dev.tokenkeep.file;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates files and folders that only their owner can use (0600 and 0700), in one step, so that
 * no other user ever sees them open, even for an instant. On file systems without POSIX
 * permissions the platform's defaults apply.
 */
final class OwnerOnly {
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

  private OwnerOnly() {}

  /** Whether {@code path}'s file system has POSIX permissions. */
  static boolean isPosix(Path path) {
    FileSystem fs = path.getFileSystem();
    return fs.supportedFileAttributeViews().contains("posix");
  }

  /** The attributes that create a file (or folder) with {@code permissions} from the start. */
  static FileAttribute<?>[] attributes(Path path, Set<PosixFilePermission> permissions) {
    return isPosix(path)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
        : new FileAttribute<?>[0];
  }

  /** Creates a new, empty file readable and writable by its owner only; fails when it exists. */
  static void createFile(Path file) throws IOException {
    Files.createFile(file, attributes(file, FILE));
  }

  /** Creates {@code folder} and missing parents, each usable by its owner only. */
  static void createFolders(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      Files.createDirectories(folder, attributes(folder, FOLDER));
    }
  }
}
