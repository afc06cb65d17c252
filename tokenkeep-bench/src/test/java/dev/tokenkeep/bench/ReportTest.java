package dev.tokenkeep.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ReportTest {
  @TempDir Path dir;

  private static String run(String benchmark, String params, double score, String unit) {
    return "{\"benchmark\": \"dev.tokenkeep.bench." + benchmark + "\", \"params\": {" + params + "}, "
        + "\"primaryMetric\": {\"score\": " + score + ", \"scoreError\": \"NaN\", \"scoreUnit\": \"" + unit + "\"}}";
  }

  @Test
  void read_jmhJson_namesLibraryStoreOperationAndSize() throws Exception {
    Path json = dir.resolve("r.json");
    Files.writeString(json, "[" + String.join(",",
        run("StoreBenchmark.findByUser", "\"store\": \"mariadb\", \"tokens\": \"1000\"", 200_000, "ns/op"),
        run("SpringPeerBenchmark.findByUser", "\"db\": \"mariadb\", \"tokens\": \"1000\"", 400_000, "ns/op"),
        run("GooglePeerBenchmark.update", "\"store\": \"file\", \"tokens\": \"10000\"", 5e6, "ns/op"),
        run("AccessTokenBenchmark.accessTokenValid", "", 70, "ns/op")) + "]");

    assertThat(Result.read(json)).containsExactly(
        new Result(Result.TOKENKEEP, "mariadb", "findByUser", 1000, 200_000, 0),
        new Result(Result.SPRING, "mariadb", "findByUser", 1000, 400_000, 0),
        new Result(Result.GOOGLE, "file", "update", 10000, 5e6, 0),
        new Result(Result.TOKENKEEP, "memory", "accessTokenValid", 1, 70, 0));
  }

  @Test
  void read_otherUnit_refused() throws Exception {
    Path json = dir.resolve("r.json");
    Files.writeString(json, "[" + run("StoreBenchmark.findById", "\"store\": \"memory\", \"tokens\": \"1000\"", 1, "ops/s") + "]");

    assertThatThrownBy(() -> Result.read(json)).hasMessageContaining("expected ns/op");
  }

  @Test
  void svg_oneLinePerLibraryAndStoreInEachPanel_isWellFormed() throws Exception {
    List<Result> results = List.of(
        new Result(Result.TOKENKEEP, "sqlite", "findByUser", 1000, 100_000, 0),
        new Result(Result.TOKENKEEP, "sqlite", "findByUser", 100000, 120_000, 0),
        new Result(Result.SPRING, "h2", "findByUser", 1000, 400_000, 0),
        new Result(Result.SPRING, "h2", "update", 1000, 4e6, 0),
        new Result(Result.TOKENKEEP, "memory", "accessTokenValid", 1, 70, 0));

    String svg = Chart.svg(results);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));

    assertThat(doc.getElementsByTagName("path").getLength()).isEqualTo(3);
    assertThat(doc.getElementsByTagName("circle").getLength()).isEqualTo(4);
    assertThat(svg).contains("TokenKeep sqlite", "Spring Security h2", "stroke-dasharray").doesNotContain("accessToken");
  }

  @Test
  void time_readableUnits() {
    assertThat(Report.time(70.4)).isEqualTo("70.4 ns");
    assertThat(Report.time(12_345)).isEqualTo("12.35 µs");
    assertThat(Report.time(4_500_000)).isEqualTo("4.50 ms");
  }
}
