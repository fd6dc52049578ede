#!/usr/bin/env node
// Reference run for Parley's benchmarks: parse a WhatsApp text export with the npm package
// whatsapp-chat-parser (pinned in package.json) and print one JSON line with throughput and peak RSS.
//
// usage: node parse.mjs FILE [--runs N] [--days-first true|false]
//
// Each run times two things on the bytes already in memory: UTF-8 decoding plus parseString (what a
// byte-stream parser such as Parley's must also do) and parseString alone. Reading the file is not timed.
// The process CPU time of the first gives MB per CPU-second, which other load on a shared machine moves less.
// MB means 2^20 bytes, as in docs/performance.md. The median over the runs is reported, and the peak RSS
// after the first run (one parse) as well as after all runs.
import { readFileSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseString } from 'whatsapp-chat-parser';

const MIB = 1024 * 1024;

function usage(message) {
  console.error(message);
  console.error('usage: node parse.mjs FILE [--runs N] [--days-first true|false]');
  process.exit(2);
}

const args = process.argv.slice(2);
let file = null;
let runs = 3;
let daysFirst;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs') runs = Number.parseInt(args[++i], 10);
  else if (args[i] === '--days-first') daysFirst = args[++i] === 'true';
  else if (file === null) file = args[i];
  else usage(`unexpected argument ${args[i]}`);
}
if (file === null) usage('FILE is required');
if (!(runs >= 1)) usage('--runs must be >= 1');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const bytes = readFileSync(file);
const size = statSync(file).size;
const options = daysFirst === undefined ? {} : { daysFirst };
const totalMs = [];
const cpuMs = [];
const parseMs = [];
let messages = -1;
let firstRunPeakRss = 0;
for (let run = 0; run < runs; run++) {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const text = bytes.toString('utf8');
  const decoded = performance.now();
  const parsed = parseString(text, options);
  const end = performance.now();
  const cpu = process.cpuUsage(cpuStart);
  cpuMs.push((cpu.user + cpu.system) / 1000);
  totalMs.push(end - start);
  parseMs.push(end - decoded);
  messages = parsed.length;
  if (run === 0) firstRunPeakRss = process.resourceUsage().maxRSS * 1024;
}

const seconds = median(totalMs) / 1000;
const parseSeconds = median(parseMs) / 1000;
console.log(
  JSON.stringify({
    parser: 'whatsapp-chat-parser@4.0.2',
    node: process.version,
    file,
    bytes: size,
    runs,
    messages,
    decodeAndParseMs: Math.round(median(totalMs)),
    mbPerSecond: +(size / MIB / seconds).toFixed(1),
    messagesPerSecond: Math.round(messages / seconds),
    // CPU time of the whole process (all threads, GC included) while decoding and parsing
    mbPerCpuSecond: +(size / MIB / (median(cpuMs) / 1000)).toFixed(1),
    parseOnlyMs: Math.round(median(parseMs)),
    parseOnlyMbPerSecond: +(size / MIB / parseSeconds).toFixed(1),
    // one parse, as a user would run it; later runs in the same process raise the process peak further
    firstRunPeakRssMb: +(firstRunPeakRss / MIB).toFixed(1),
    peakRssMb: +((process.resourceUsage().maxRSS * 1024) / MIB).toFixed(1),
  }),
);
