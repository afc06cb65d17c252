package dev.tokenkeep.store;

import java.util.List;

/**
 * A store that can check its own health: schema and indexes present, file permissions, exact
 * comparisons. {@code tokenkeep doctor} prints what {@link #inspect()} finds.
 */
public interface Inspectable {

  /** Checks the store and reports each finding; never throws for a finding, only for a failure to look. */
  List<Finding> inspect();

  /** One thing a check found. */
  record Finding(Level level, String check, String message) {
    /** How much a finding matters. */
    public enum Level {
      /** All is well. */
      OK,
      /** Works, but should be fixed. */
      WARNING,
      /** Does not work, or puts tokens at risk. */
      PROBLEM
    }

    /** A finding that all is well. */
    public static Finding ok(String check, String message) {
      return new Finding(Level.OK, check, message);
    }

    /** A finding that works but should be fixed. */
    public static Finding warning(String check, String message) {
      return new Finding(Level.WARNING, check, message);
    }

    /** A finding that does not work or puts tokens at risk. */
    public static Finding problem(String check, String message) {
      return new Finding(Level.PROBLEM, check, message);
    }
  }
}
