package dev.tokenkeep.jdbc;

import java.util.concurrent.atomic.AtomicInteger;

/** Table and database names unique within a test run. */
final class Tables {
  private static final AtomicInteger NEXT = new AtomicInteger();

  private Tables() {}

  static String next() {
    return "tokens" + NEXT.incrementAndGet();
  }
}
