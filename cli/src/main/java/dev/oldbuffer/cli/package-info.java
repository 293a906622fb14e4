/** The command line: run the kit against an implementation, list what is available, write reports. */
package dev.oldbuffer.cli;
