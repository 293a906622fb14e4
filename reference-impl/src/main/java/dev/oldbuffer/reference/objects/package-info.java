/** A small model of CPython's object layer: types with buffer slots, Py_buffer views, memoryview and friends. */
package dev.oldbuffer.reference.objects;
