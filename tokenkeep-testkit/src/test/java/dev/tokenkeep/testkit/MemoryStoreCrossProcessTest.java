package dev.tokenkeep.testkit;

/**
 * Runs the cross-process harness on {@code memory:}, which each JVM holds on its own: every JVM
 * then refreshes exactly once. The stores shared by processes (file, SQLite, MariaDB, PostgreSQL)
 * extend {@link CrossProcessRefreshContract} in their own modules and get exactly one refresh.
 */
class MemoryStoreCrossProcessTest extends CrossProcessRefreshContract {
  @Override
  protected String newStoreUri() {
    return "memory:";
  }

  @Override
  protected boolean sharedBetweenProcesses() {
    return false;
  }
}
