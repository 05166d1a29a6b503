package io.steward.web.schema;

import io.steward.access.Principal;
import io.steward.records.DataInventory;
import io.steward.records.DataInventory.TrendPoint;
import io.steward.web.WebPages;
import io.steward.web.schema.SchemaPageModels.Trend;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The data inventory: what is held, who can see it, what deserves a look, and each object's exposure over time. */
@Controller
class InventoryPage {

  static final int WIDTH = 600;
  static final int HEIGHT = 120;

  private final DataInventory inventory;
  private final WebPages pages;

  InventoryPage(DataInventory inventory, WebPages pages) {
    this.inventory = inventory;
    this.pages = pages;
  }

  @GetMapping("/admin/inventory")
  String inventory(Principal p, HttpServletRequest request, Map<String, Object> model) {
    DataInventory.Inventory inv = inventory.inventory(p);
    Map<String, Trend> trends = new HashMap<>();
    inv.objects().forEach(o -> trends.put(o.apiName(), trend(o.trend())));
    model.put("page", pages.page(p, request, "Data inventory", "schema"));
    model.put("inventory", inv);
    model.put("trends", trends);
    return "admin/inventory";
  }

  /** The exposure trend as SVG polyline points, scaled to the chart box; one point per recorded day. */
  static Trend trend(List<TrendPoint> points) {
    if (points.isEmpty()) {
      return new Trend("", "", "", 0);
    }
    long max = Math.max(1, points.stream().mapToLong(TrendPoint::exposure).max().orElse(1));
    StringBuilder sb = new StringBuilder();
    int n = points.size();
    for (int i = 0; i < n; i++) {
      double x = n == 1 ? WIDTH / 2.0 : 40 + (WIDTH - 50) * i / (double) (n - 1);
      double y = HEIGHT - 20 - (HEIGHT - 30) * points.get(i).exposure() / (double) max;
      sb.append(String.format(java.util.Locale.ROOT, "%.1f,%.1f ", x, y));
    }
    return new Trend(sb.toString().strip(), points.get(0).day().toString(), points.get(n - 1).day().toString(), max);
  }
}
