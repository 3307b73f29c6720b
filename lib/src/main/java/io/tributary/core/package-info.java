/** What every package shares: the device, user-facing errors, atomic files, JSON and provenance. */
package io.tributary.core;
