package io.steward.api.records;

import io.steward.api.problems.ApiException;
import io.steward.api.problems.ApiProblem;
import io.steward.api.problems.ProblemType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The version a client expects to change, from {@code If-Match: "3"} or {@code "version": 3} in the body. */
final class ExpectedVersion {

  private static final Pattern ETAG = Pattern.compile("\\s*\"?([0-9]{1,18})\"?\\s*");

  private ExpectedVersion() {}

  static Long of(String ifMatch, Object bodyVersion) {
    Long header = header(ifMatch);
    Long body = body(bodyVersion);
    if (header != null && body != null && !header.equals(body)) {
      throw new ApiException(ApiProblem.field(ProblemType.BAD_REQUEST, "If-Match and the version in the body disagree.", "version", "mismatch",
          "Send the version once, or the same version in both places."));
    }
    return header != null ? header : body;
  }

  private static Long header(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
      return null;
    }
    Matcher m = ETAG.matcher(ifMatch);
    if (!m.matches()) {
      throw ApiException.badParameter("If-Match", "format", "Send If-Match as the ETag you received, like \"3\".");
    }
    return Long.parseLong(m.group(1));
  }

  private static Long body(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0) {
      return d.longValue();
    }
    throw new ApiException(ApiProblem.field(ProblemType.BAD_REQUEST, "The version in the body is not valid.", "version", "format",
        "version must be the whole number you received."));
  }
}
