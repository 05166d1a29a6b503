package io.steward.api.limits;

import io.steward.api.json.ApiJson;
import io.steward.api.problems.ApiErrorPageFilter;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers the API's servlet filters ahead of security: an oversized body costs nothing whoever sends it. */
@Configuration(proxyBeanMethods = false)
class ApiFiltersConfiguration {

  @Bean
  FilterRegistrationBean<BodySizeLimitFilter> apiBodySizeLimit(ApiJson json) {
    FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(new BodySizeLimitFilter(json));
    registration.addUrlPatterns("/api/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  /** Error dispatches for API addresses answer with a problem, not the default error body (which repeats the path). */
  @Bean
  FilterRegistrationBean<ApiErrorPageFilter> apiErrorPage(ApiJson json, @Value("${server.error.path:/error}") String errorPath) {
    FilterRegistrationBean<ApiErrorPageFilter> registration = new FilterRegistrationBean<>(new ApiErrorPageFilter(json));
    registration.addUrlPatterns(errorPath);
    registration.setDispatcherTypes(DispatcherType.ERROR);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }
}
