package dev.tokenkeep.cli;

import java.io.PrintWriter;

/** A one-line progress bar on stderr, drawn only for long work. */
final class ProgressBar {
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final int total;
  private final boolean enabled;
  private int lastPercent = -1;

  /** A bar for {@code total} steps, drawn only above {@code showAbove} steps and on a terminal. */
  ProgressBar(PrintWriter err, int total, int showAbove, boolean terminal) {
    this.err = err;
    this.total = total;
    this.enabled = terminal && total > showAbove;
  }

  void show(int done) {
    if (!enabled) {
      return;
    }
    int percent = (int) (100L * done / total);
    if (percent == lastPercent) {
      return;
    }
    lastPercent = percent;
    int filled = WIDTH * percent / 100;
    err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total);
    err.flush();
  }

  void finish() {
    if (enabled) {
      err.println();
    }
  }
}
