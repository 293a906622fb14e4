/** The C-API layer: the thread state's error indicator and the four old-buffer functions, in two flavours. */
package dev.oldbuffer.reference.capi;
