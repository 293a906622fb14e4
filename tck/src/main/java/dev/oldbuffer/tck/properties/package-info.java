/**
 * The property-based and stateful specifications (jqwik): each property names the catalogue assertions it
 * checks over generated objects, and runs through {@link dev.oldbuffer.tck.properties.PropertyHook}, the jqwik
 * counterpart of the Jupiter extension.
 */
package dev.oldbuffer.tck.properties;
