package io.consentflow.application.violation;

/** Deliberately uses MapStruct in the core; test use only. */
@org.mapstruct.Mapper
public interface ApplicationMapping {
}
