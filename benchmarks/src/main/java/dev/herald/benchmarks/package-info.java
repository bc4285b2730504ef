/** JMH benchmarks. */
package dev.herald.benchmarks;
