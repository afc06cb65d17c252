package dev.tokenkeep.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One JMH result: which library, store, operation and size, and its average time per operation. */
record Result(String library, String store, String operation, int tokens, double nanos, double error) {
  static final String TOKENKEEP = "TokenKeep";
  static final String SPRING = "Spring Security";
  static final String GOOGLE = "Google OAuth client";

  /** Operations per second of one thread. */
  double throughput() {
    return 1e9 / nanos;
  }

  /** The results of a JMH JSON file ({@code -rf json}); every score in ns/op. */
  static List<Result> read(Path json) throws IOException {
    List<Result> results = new ArrayList<>();
    for (JsonNode run : new ObjectMapper().readTree(json.toFile())) {
      String benchmark = run.get("benchmark").asText();
      String[] parts = benchmark.split("\\.");
      String type = parts[parts.length - 2];
      String operation = parts[parts.length - 1];
      JsonNode params = run.path("params");
      JsonNode metric = run.get("primaryMetric");
      if (!metric.get("scoreUnit").asText().equals("ns/op")) {
        throw new IllegalArgumentException("bench: " + benchmark + " reports " + metric.get("scoreUnit") + ", expected ns/op");
      }
      double error = metric.get("scoreError").asDouble();
      String library = type.equals("SpringPeerBenchmark") ? SPRING : type.equals("GooglePeerBenchmark") ? GOOGLE : TOKENKEEP;
      String store = params.has("db") ? params.get("db").asText() : params.path("store").asText("memory");
      int tokens = params.path("tokens").asInt(1);
      results.add(new Result(library, store, operation, tokens, metric.get("score").asDouble(), Double.isNaN(error) ? 0 : error));
    }
    return results;
  }
}
