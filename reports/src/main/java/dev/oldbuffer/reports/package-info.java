/**
 * Conformance reports: Allure's own HTML report per results folder, and the matrix page that puts
 * assertions against implementations and profiles side by side.
 */
package dev.oldbuffer.reports;
