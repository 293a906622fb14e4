/** Runs the kit through the JUnit Platform Launcher and turns test events into per-assertion results. */
package dev.oldbuffer.tck.run;
