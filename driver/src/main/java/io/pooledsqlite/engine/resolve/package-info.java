/**
 * Which engine a pool runs on: {@link io.pooledsqlite.engine.resolve.EngineResolver} names every engine, so the
 * engines themselves ({@code engine}, {@code engine.dqlite}) only depend on the seam in {@code engine}.
 */
package io.pooledsqlite.engine.resolve;
