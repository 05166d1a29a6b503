package io.steward.monitoring.drill;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Drill mode ({@code steward.monitoring.drill-clock=true}): a request may name the time it happens at in
 * {@code X-Steward-Drill-Time}. That lets anyone who can reach the server move time, so Steward refuses to
 * start in drill mode unless it listens on loopback only. Never for production data.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "steward.monitoring.drill-clock", havingValue = "true")
class DrillConfiguration {

  static final String HEADER = "X-Steward-Drill-Time";
  private static final Logger log = LoggerFactory.getLogger(DrillConfiguration.class);

  @Bean
  @Primary
  Clock drillClock(@Value("${server.address:}") String address) {
    if (!isLoopback(address)) {
      throw new IllegalStateException("steward.monitoring.drill-clock needs server.address=127.0.0.1 (loopback only); it lets callers set the time");
    }
    log.warn("DRILL MODE: requests may set the time with {}. Not for real data.", HEADER);
    return new DrillClock();
  }

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> drillTime() {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        String at = request.getHeader(HEADER);
        try {
          if (at != null) {
            DrillClock.set(Instant.parse(at));
          }
        } catch (DateTimeParseException e) {
          response.sendError(400);
          return;
        }
        try {
          chain.doFilter(request, response);
        } finally {
          DrillClock.clear();
        }
      }
    });
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  static boolean isLoopback(String address) {
    if (address == null || address.isBlank()) {
      return false;
    }
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
