package dev.tokenkeep.cli;

import java.io.PrintWriter;

/** A one-line progress bar on stderr, drawn only for long work. */
final class ProgressBar {
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final int showAbove;
  private final boolean terminal;
  private int lastPercent = -1;
  private boolean drawn;

  /** A bar drawn only on a terminal and for work of more than {@code showAbove} steps. */
  ProgressBar(PrintWriter err, int showAbove, boolean terminal) {
    this.err = err;
    this.showAbove = showAbove;
    this.terminal = terminal;
  }

  void show(int done, int total) {
    if (!terminal || total <= showAbove) {
      return;
    }
    drawn = true;
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
    if (drawn) {
      err.println();
    }
  }
}
