package dev.tokenkeep.testkit;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenListener;
import dev.tokenkeep.oauth.OAuthException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link TokenListener} that records every event, in order, for tests to assert on. */
public final class RecordingTokenListener implements TokenListener {
  /** The four events a {@link TokenListener} hears. */
  public enum Type { SAVED, REFRESHED, REFRESH_FAILED, REVOKED }

  /**
   * One event: its type, the token it concerns (for {@link Type#REFRESHED} the token before),
   * the token after a refresh, and the error of a failed refresh.
   */
  public record Event(Type type, OAuthToken token, OAuthToken after, OAuthException error) {}

  private final List<Event> events = new CopyOnWriteArrayList<>();

  @Override
  public void saved(OAuthToken token) {
    events.add(new Event(Type.SAVED, token, null, null));
  }

  @Override
  public void refreshed(OAuthToken before, OAuthToken after) {
    events.add(new Event(Type.REFRESHED, before, after, null));
  }

  @Override
  public void refreshFailed(OAuthToken token, OAuthException error) {
    events.add(new Event(Type.REFRESH_FAILED, token, null, error));
  }

  @Override
  public void revoked(OAuthToken token) {
    events.add(new Event(Type.REVOKED, token, null, null));
  }

  /** Every event so far, oldest first. */
  public List<Event> events() {
    return List.copyOf(events);
  }

  /** The types of every event so far, oldest first. */
  public List<Type> types() {
    List<Type> types = new ArrayList<>();
    for (Event e : events) {
      types.add(e.type());
    }
    return types;
  }

  /** How many events of {@code type} there were. */
  public long count(Type type) {
    return events.stream().filter(e -> e.type() == type).count();
  }

  /** Forgets every event. */
  public void clear() {
    events.clear();
  }
}
