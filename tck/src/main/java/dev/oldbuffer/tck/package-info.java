/** The executable specification's public face: annotations, configuration, the JUnit extension and the per-test subject. */
package dev.oldbuffer.tck;
