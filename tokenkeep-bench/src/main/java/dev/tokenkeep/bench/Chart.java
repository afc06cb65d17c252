package dev.tokenkeep.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An SVG chart of cost (ns per operation) against the number of stored tokens, both on log
 * scales: one panel per operation, one line per library and store; TokenKeep solid, peers dashed.
 */
final class Chart {
  private static final List<String> OPERATIONS = List.of("findByUser", "update", "insert");
  private static final Map<String, String> TITLES =
      Map.of("findByUser", "find by user (peers: load / get)", "update", "save, update", "insert", "save, insert + delete");
  private static final Map<String, String> COLORS = Map.of("memory", "#1b9e77", "file", "#d95f02", "sqlite", "#7570b3",
      "h2", "#e7298a", "mariadb", "#66a61e", "postgresql", "#1f78b4");
  private static final int PANEL_W = 380;
  private static final int PANEL_H = 300;
  private static final int LEFT = 70;
  private static final int TOP = 40;

  private Chart() {}

  static String svg(List<Result> results) {
    List<Result> plotted = results.stream().filter(r -> OPERATIONS.contains(r.operation())).collect(Collectors.toList());
    double minX = Math.log10(plotted.stream().mapToInt(Result::tokens).min().orElse(1000));
    double maxX = Math.log10(plotted.stream().mapToInt(Result::tokens).max().orElse(100000));
    if (maxX - minX < 1) {
      maxX = minX + 1;
    }
    double minY = Math.floor(Math.log10(plotted.stream().mapToDouble(Result::nanos).min().orElse(10)));
    double maxY = Math.ceil(Math.log10(plotted.stream().mapToDouble(Result::nanos).max().orElse(1e9)));
    if (maxY <= minY) {
      maxY = minY + 1;
    }
    Map<String, List<Result>> series = new LinkedHashMap<>();
    for (Result r : plotted) {
      series.computeIfAbsent(r.library() + " " + r.store(), k -> new ArrayList<>()).add(r);
    }
    int width = LEFT + OPERATIONS.size() * (PANEL_W + 40);
    int legendRows = (series.size() + 2) / 3;
    int height = TOP + PANEL_H + 60 + legendRows * 18 + 10;
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "font-family=\"sans-serif\" font-size=\"11\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n", width, height));
    for (int p = 0; p < OPERATIONS.size(); p++) {
      String op = OPERATIONS.get(p);
      int x0 = LEFT + p * (PANEL_W + 40);
      panel(s, x0, TITLES.get(op), minX, maxX, minY, maxY);
      for (Map.Entry<String, List<Result>> e : series.entrySet()) {
        List<Result> points = e.getValue().stream().filter(r -> r.operation().equals(op))
            .sorted((a, b) -> Integer.compare(a.tokens(), b.tokens())).collect(Collectors.toList());
        if (points.isEmpty()) {
          continue;
        }
        Result first = points.get(0);
        String color = COLORS.getOrDefault(first.store(), "black");
        String dash = first.library().equals(Result.TOKENKEEP) ? "" : " stroke-dasharray=\"6,3\"";
        StringBuilder path = new StringBuilder();
        for (Result r : points) {
          double x = x0 + (Math.log10(r.tokens()) - minX) / (maxX - minX) * PANEL_W;
          double y = TOP + PANEL_H - (Math.log10(r.nanos()) - minY) / (maxY - minY) * PANEL_H;
          path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
          s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x, y, color));
        }
        s.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
            path, color, dash));
      }
    }
    int i = 0;
    for (String name : series.keySet()) {
      Result first = series.get(name).get(0);
      int lx = LEFT + (i % 3) * 360;
      int ly = TOP + PANEL_H + 50 + (i / 3) * 18;
      String dash = first.library().equals(Result.TOKENKEEP) ? "" : " stroke-dasharray=\"6,3\"";
      s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>"
          + "<text x=\"%d\" y=\"%d\">%s</text>%n", lx, ly - 4, lx + 30, ly - 4,
          COLORS.getOrDefault(first.store(), "black"), dash, lx + 36, ly, escape(name)));
      i++;
    }
    return s.append("</svg>\n").toString();
  }

  private static void panel(StringBuilder s, int x0, String title, double minX, double maxX, double minY, double maxY) {
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"13\" font-weight=\"bold\">%s</text>%n",
        x0, TOP - 14, escape(title)));
    s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>%n",
        x0, TOP, PANEL_W, PANEL_H));
    for (int d = (int) minY; d <= (int) maxY; d++) {
      double y = TOP + PANEL_H - (d - minY) / (maxY - minY) * PANEL_H;
      s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
          + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", x0, y, x0 + PANEL_W, y, x0 - 4, y + 4, nanos(d)));
    }
    for (int d = (int) Math.ceil(minX); d <= (int) maxX; d++) {
      double x = x0 + (d - minX) / (maxX - minX) * PANEL_W;
      s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
          + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%,d</text>%n", x, TOP, x, TOP + PANEL_H, x, TOP + PANEL_H + 14,
          (long) Math.pow(10, d)));
    }
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">tokens stored (log)</text>%n",
        x0 + PANEL_W / 2, TOP + PANEL_H + 30));
  }

  private static String nanos(int decade) {
    String[] units = {"ns", "µs", "ms", "s"};
    int unit = Math.min(decade / 3, units.length - 1);
    return String.format(Locale.ROOT, "%d %s", (long) Math.pow(10, decade - unit * 3), units[unit]);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
