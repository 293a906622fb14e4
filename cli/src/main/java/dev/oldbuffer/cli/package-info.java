/** The command line: run the kit against an implementation, list what is available, write HTML reports. */
package dev.oldbuffer.cli;
