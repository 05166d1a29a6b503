/** Ids, classifications and paging shared by every module; kept tiny on purpose. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.steward.shared;
