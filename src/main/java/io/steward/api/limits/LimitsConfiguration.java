package io.steward.api.limits;

import io.steward.api.json.ApiJson;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers the body limit ahead of security, so an oversized body costs nothing whoever sends it. */
@Configuration(proxyBeanMethods = false)
class LimitsConfiguration {

  @Bean
  FilterRegistrationBean<BodySizeLimitFilter> apiBodySizeLimit(ApiJson json) {
    FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(new BodySizeLimitFilter(json));
    registration.addUrlPatterns("/api/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }
}
