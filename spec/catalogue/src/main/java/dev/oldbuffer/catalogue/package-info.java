/**
 * The assertion catalogue: every testable statement of the "Old buffer API" page, in the project's own words,
 * with its id, source and expected outcome per profile.
 */
package dev.oldbuffer.catalogue;
