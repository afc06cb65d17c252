package dev.tokenkeep.file;

import dev.tokenkeep.store.Inspectable.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code inspect} checks around a token file: who may read it, who may replace it, and what
 * interrupted saves left behind. Each check reports a finding and never throws.
 */
final class FileChecks {
  private static final int STICKY = 01000;

  private FileChecks() {}

  /** The findings for {@code file} and its folder. */
  static List<Finding> of(Path file) {
    return List.of(permissions(file), folder(file.getParent()), leftovers(file));
  }

  static Finding permissions(Path file) {
    String check = "permissions";
    if (!OwnerOnly.isPosix(file)) {
      return Finding.warning(check, file + " is on a file system without POSIX permissions; make sure "
          + "only this user can read it");
    }
    Set<PosixFilePermission> p;
    try {
      p = Files.getPosixFilePermissions(file);
    } catch (NoSuchFileException e) {
      return Finding.ok(check, file + " will be created rw------- (owner only)");
    } catch (IOException e) {
      return Finding.problem(check, "cannot read the permissions of " + file + " (" + e + ")");
    }
    String is = file + " is " + PosixFilePermissions.toString(p);
    if (p.contains(PosixFilePermission.OTHERS_READ) || p.contains(PosixFilePermission.OTHERS_WRITE)) {
      return Finding.problem(check, is + ": every user of this machine can read or change the tokens; "
          + "run chmod 600 " + file);
    }
    if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.GROUP_WRITE)) {
      return Finding.warning(check, is + ": its group can read or change the tokens; run chmod 600 " + file
          + " unless the group shares them on purpose");
    }
    return Finding.ok(check, is + " (owner only)");
  }

  static Finding folder(Path folder) {
    String check = "folder";
    if (!OwnerOnly.isPosix(folder)) {
      return Finding.ok(check, folder + " is on a file system without POSIX permissions");
    }
    Set<PosixFilePermission> p;
    try {
      p = Files.getPosixFilePermissions(folder);
    } catch (IOException e) {
      return Finding.problem(check, "cannot read the permissions of " + folder + " (" + e + ")");
    }
    String is = folder + " is " + PosixFilePermissions.toString(p);
    if (p.contains(PosixFilePermission.OTHERS_WRITE)) {
      return isSticky(folder)
          ? Finding.warning(check, is + " with the sticky bit: other users cannot replace the token "
              + "file but can add files beside it; a folder of your own is safer")
          : Finding.problem(check, is + ": any user can replace the token file; run chmod o-w " + folder);
    }
    if (p.contains(PosixFilePermission.GROUP_WRITE)) {
      return Finding.warning(check, is + ": its group can replace the token file; run chmod g-w " + folder
          + " unless the group shares it on purpose");
    }
    return Finding.ok(check, is);
  }

  static Finding leftovers(Path file) {
    String check = "temporary files";
    List<Path> found;
    try {
      found = AtomicWriter.leftovers(file);
    } catch (IOException e) {
      return Finding.problem(check, "cannot list " + file.getParent() + " (" + e + ")");
    }
    if (found.isEmpty()) {
      return Finding.ok(check, "no temporary files left by interrupted saves");
    }
    String names =
        found.stream().map(f -> f.getFileName().toString()).sorted().collect(Collectors.joining(", "));
    return Finding.warning(check, found.size() + " temporary file" + (found.size() == 1 ? "" : "s")
        + " left by interrupted saves (" + names + "); they are never read, and the next save removes them");
  }

  private static boolean isSticky(Path folder) {
    try {
      return (((Integer) Files.getAttribute(folder, "unix:mode")) & STICKY) != 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false; // no "unix" view: assume the worse case is not softened
    }
  }
}
