import v8 from "node:v8";

/**
 * Lets V8 collect short-lived Buffers in cheap young-generation collections again, as Node 22 did,
 * instead of full mark-and-sweeps of the whole heap.
 *
 * Streaming a file allocates a fresh Buffer per 64 KiB socket read and another one per piece the
 * HTTP parser hands on (Node's http client copies the body it parses), each garbage a moment later.
 * V8 scavenges young Buffers once they add up to twice its largest semi-space, and starts a full
 * GC when Buffers grow 64 MiB past the last one. V8 13.6 (Node 24) raised the new space from 8 to
 * 32 MiB, which moved the first trigger from 32 to 128 MiB, above the second: a download then ran
 * ~30 full GCs per GiB, each marking the whole server heap, and that was most of the CPU it cost
 * the server (about 2.2 of 3.3 CPU seconds per GiB, measured; nodejs/node#61967 and #63863).
 * Back at 8 MiB, those Buffers die in scavenges that cost about a millisecond each.
 *
 * Only for V8 13.6 and later; older ones already have 8 MiB.
 */
export function tuneGarbageCollection(v8Version: string = process.versions.v8): boolean {
  const [major = 0, minor = 0] = v8Version.split(".").map(Number);
  if (major < 13 || (major === 13 && minor < 6)) return false;
  v8.setFlagsFromString("--scavenger-max-new-space-capacity-mb=8");
  return true;
}
