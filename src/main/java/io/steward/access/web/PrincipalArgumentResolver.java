package io.steward.access.web;

import io.steward.access.Principal;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets a controller method take the calling {@link Principal} as a parameter. */
class PrincipalArgumentResolver implements HandlerMethodArgumentResolver {

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType().equals(Principal.class);
  }

  @Override
  public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request, WebDataBinderFactory binders) {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth instanceof StewardAuthentication s) {
      return s.getPrincipal();
    }
    throw new org.springframework.security.authentication.AuthenticationCredentialsNotFoundException("Sign-in required");
  }
}
