package io.steward.audit.chain;

/**
 * One event as a JSON object on one line: the export and SIEM format. Carries seq and hash so that a
 * receiver can drop duplicates (shipping is at least once) and check the chain on its side.
 */
public final class EventJson {

  private EventJson() {}

  public static String line(ChainRow r) {
    StringBuilder out = new StringBuilder(512).append("{\"seq\":").append(r.seq());
    field("at", r.at().toString(), out);
    field("action", r.action(), out);
    field("actorId", r.actorId(), out);
    field("objectType", r.objectType(), out);
    out.append(",\"recordIds\":").append(r.recordIds());
    out.append(",\"fields\":").append(r.fields());
    field("reason", r.reason(), out);
    field("outcome", r.outcome(), out);
    field("ip", r.ip(), out);
    field("userAgent", r.userAgent(), out);
    field("requestId", r.requestId(), out);
    out.append(",\"details\":").append(r.details());
    field("prevHash", r.prevHash(), out);
    field("hash", r.hash(), out);
    return out.append('}').toString();
  }

  private static void field(String name, String value, StringBuilder out) {
    out.append(",\"").append(name).append("\":");
    Json.quote(value, out);
  }
}
